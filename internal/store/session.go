package store

import (
	"context"
	"database/sql"
	"fmt"

	"confdesk/internal/model"
)

// Sessions returns the conference's agenda in time order, each session with
// its track, room and speakers. With publishedOnly, drafts are left out:
// public pages must pass true.
func (s *Store) Sessions(ctx context.Context, conferenceID int64, publishedOnly bool) ([]model.Session, error) {
	tracks, err := s.Tracks(ctx, conferenceID)
	if err != nil {
		return nil, err
	}
	rooms, err := s.Rooms(ctx, conferenceID)
	if err != nil {
		return nil, err
	}
	trackByID := make(map[int64]*model.Track, len(tracks))
	for i := range tracks {
		trackByID[tracks[i].ID] = &tracks[i]
	}
	roomByID := make(map[int64]*model.Room, len(rooms))
	for i := range rooms {
		roomByID[rooms[i].ID] = &rooms[i]
	}

	rows, err := s.db.Read.QueryContext(ctx, `SELECT id, conference_id, coalesce(track_id, 0), coalesce(room_id, 0),
		kind, title, description, starts_at, ends_at, capacity, published, created_at, updated_at
		FROM sessions WHERE conference_id = ? AND (published = 1 OR ? = 0)
		ORDER BY starts_at, ends_at, room_id, id`, conferenceID, publishedOnly)
	if err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	defer rows.Close()
	var out []model.Session
	index := map[int64]int{}
	for rows.Next() {
		var m model.Session
		var starts, ends, created, updated sql.NullString
		if err := rows.Scan(&m.ID, &m.ConferenceID, &m.TrackID, &m.RoomID, &m.Kind, &m.Title, &m.Description,
			&starts, &ends, &m.Capacity, &m.Published, &created, &updated); err != nil {
			return nil, fmt.Errorf("store: sessions: %w", err)
		}
		if err := parseTimes(timeField{starts, &m.StartsAt}, timeField{ends, &m.EndsAt},
			timeField{created, &m.CreatedAt}, timeField{updated, &m.UpdatedAt}); err != nil {
			return nil, err
		}
		m.Track = trackByID[m.TrackID]
		m.Room = roomByID[m.RoomID]
		index[m.ID] = len(out)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}

	srows, err := s.db.Read.QueryContext(ctx, `SELECT ss.session_id, ss.role, p.id, p.conference_id, p.name, p.title,
		p.organisation, p.country, p.bio
		FROM session_speakers ss JOIN speakers p ON p.id = ss.speaker_id
		WHERE p.conference_id = ? ORDER BY ss.session_id, ss.position, p.name`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: session speakers: %w", err)
	}
	defer srows.Close()
	for srows.Next() {
		var sessionID int64
		var sp model.SessionSpeaker
		if err := srows.Scan(&sessionID, &sp.Role, &sp.ID, &sp.ConferenceID, &sp.Name, &sp.Title,
			&sp.Organisation, &sp.Country, &sp.Bio); err != nil {
			return nil, fmt.Errorf("store: session speakers: %w", err)
		}
		if i, ok := index[sessionID]; ok {
			out[i].Speakers = append(out[i].Speakers, sp)
		}
	}
	return out, srows.Err()
}

// CreateSession inserts an agenda session with its speakers and returns its id.
func (tx *Tx) CreateSession(m model.Session) (int64, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO sessions (conference_id, track_id, room_id, kind, title,
		description, starts_at, ends_at, capacity, published, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ConferenceID, nullID(m.TrackID), nullID(m.RoomID), m.Kind, m.Title, m.Description,
		ts(m.StartsAt), ts(m.EndsAt), m.Capacity, m.Published, ts(m.CreatedAt), ts(m.CreatedAt))
	if err != nil {
		return 0, fmt.Errorf("store: create session %q: %w", m.Title, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for i, sp := range m.Speakers {
		if _, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO session_speakers (session_id, speaker_id, role, position)
			VALUES (?, ?, ?, ?)`, id, sp.ID, sp.Role, i); err != nil {
			return 0, fmt.Errorf("store: add speaker %d to session %q: %w", sp.ID, m.Title, err)
		}
	}
	return id, nil
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"confdesk/internal/model"
)

const sessionColumns = `id, conference_id, coalesce(track_id, 0), coalesce(room_id, 0), kind, title, description,
	starts_at, ends_at, capacity, published, created_at, updated_at`

func scanSession(row scanner) (model.Session, error) {
	var m model.Session
	var starts, ends, created, updated sql.NullString
	if err := row.Scan(&m.ID, &m.ConferenceID, &m.TrackID, &m.RoomID, &m.Kind, &m.Title, &m.Description,
		&starts, &ends, &m.Capacity, &m.Published, &created, &updated); err != nil {
		return m, err
	}
	return m, parseTimes(timeField{starts, &m.StartsAt}, timeField{ends, &m.EndsAt},
		timeField{created, &m.CreatedAt}, timeField{updated, &m.UpdatedAt})
}

// sessionSpeakers returns the speakers of the sessions a query's condition
// selects, by session id, in the session's order. where filters
// session_speakers ss and speakers p.
func (rd reader) sessionSpeakers(ctx context.Context, where string, args ...any) (map[int64][]model.SessionSpeaker, error) {
	rows, err := rd.q.QueryContext(ctx, `SELECT ss.session_id, ss.role, p.id, p.conference_id, p.name, p.title,
		p.organisation, p.country, p.bio
		FROM session_speakers ss JOIN speakers p ON p.id = ss.speaker_id
		WHERE `+where+` ORDER BY ss.session_id, ss.position, p.name`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: session speakers: %w", err)
	}
	defer rows.Close()
	out := map[int64][]model.SessionSpeaker{}
	for rows.Next() {
		var sessionID int64
		var sp model.SessionSpeaker
		if err := rows.Scan(&sessionID, &sp.Role, &sp.ID, &sp.ConferenceID, &sp.Name, &sp.Title,
			&sp.Organisation, &sp.Country, &sp.Bio); err != nil {
			return nil, fmt.Errorf("store: session speakers: %w", err)
		}
		out[sessionID] = append(out[sessionID], sp)
	}
	return out, rows.Err()
}

// Sessions returns the conference's agenda in time order, each session with
// its track, room and speakers. With publishedOnly, drafts are left out:
// public pages must pass true.
func (rd reader) Sessions(ctx context.Context, conferenceID int64, publishedOnly bool) ([]model.Session, error) {
	tracks, err := rd.Tracks(ctx, conferenceID)
	if err != nil {
		return nil, err
	}
	rooms, err := rd.Rooms(ctx, conferenceID)
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

	rows, err := rd.q.QueryContext(ctx, `SELECT `+sessionColumns+`
		FROM sessions WHERE conference_id = ? AND (published = 1 OR ? = 0)
		ORDER BY starts_at, ends_at, room_id, id`, conferenceID, publishedOnly)
	if err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	defer rows.Close()
	var out []model.Session
	for rows.Next() {
		m, err := scanSession(rows)
		if err != nil {
			return nil, fmt.Errorf("store: sessions: %w", err)
		}
		m.Track = trackByID[m.TrackID]
		m.Room = roomByID[m.RoomID]
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	rows.Close()

	speakers, err := rd.sessionSpeakers(ctx, `p.conference_id = ?`, conferenceID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Speakers = speakers[out[i].ID]
	}
	return out, nil
}

// Sessions returns the conference's agenda inside the transaction, for
// checks that must see what the transaction will commit against.
func (tx *Tx) Sessions(conferenceID int64, publishedOnly bool) ([]model.Session, error) {
	return tx.read.Sessions(tx.ctx, conferenceID, publishedOnly)
}

// Session returns the session with id, with its track, room and speakers,
// published or not.
func (rd reader) Session(ctx context.Context, id int64) (model.Session, error) {
	m, err := scanSession(rd.q.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE id = ?`, id))
	if err != nil {
		return m, notFound(err, fmt.Sprintf("session %d", id))
	}
	if m.TrackID != 0 {
		t, err := rd.Track(ctx, m.TrackID)
		if err != nil {
			return m, err
		}
		m.Track = &t
	}
	if m.RoomID != 0 {
		r, err := rd.Room(ctx, m.RoomID)
		if err != nil {
			return m, err
		}
		m.Room = &r
	}
	speakers, err := rd.sessionSpeakers(ctx, `ss.session_id = ?`, id)
	if err != nil {
		return m, err
	}
	m.Speakers = speakers[id]
	return m, nil
}

// Session returns the session with id, with its track, room and speakers, inside the transaction.
func (tx *Tx) Session(id int64) (model.Session, error) { return tx.read.Session(tx.ctx, id) }

// SessionSignups returns how many participants signed up for the session.
func (s *Store) SessionSignups(ctx context.Context, id int64) (int, error) {
	var n int
	if err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM session_signups WHERE session_id = ?`, id).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: signups of session %d: %w", id, err)
	}
	return n, nil
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
	return id, tx.setSessionSpeakers(id, m)
}

// UpdateSession saves a session's fields and replaces its speakers with
// m.Speakers, in their order. UpdatedAt must be set.
func (tx *Tx) UpdateSession(m model.Session) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE sessions SET track_id = ?, room_id = ?, kind = ?, title = ?,
		description = ?, starts_at = ?, ends_at = ?, capacity = ?, published = ?, updated_at = ? WHERE id = ?`,
		nullID(m.TrackID), nullID(m.RoomID), m.Kind, m.Title, m.Description, ts(m.StartsAt), ts(m.EndsAt),
		m.Capacity, m.Published, ts(m.UpdatedAt), m.ID)
	if err != nil {
		return fmt.Errorf("store: update session %d: %w", m.ID, err)
	}
	if err := affectedOne(res, fmt.Sprintf("update session %d", m.ID)); err != nil {
		return err
	}
	if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM session_speakers WHERE session_id = ?`, m.ID); err != nil {
		return fmt.Errorf("store: clear speakers of session %d: %w", m.ID, err)
	}
	return tx.setSessionSpeakers(m.ID, m)
}

func (tx *Tx) setSessionSpeakers(id int64, m model.Session) error {
	for i, sp := range m.Speakers {
		if _, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO session_speakers (session_id, speaker_id, role, position)
			VALUES (?, ?, ?, ?)`, id, sp.ID, sp.Role, i); err != nil {
			return fmt.Errorf("store: add speaker %d to session %q: %w", sp.ID, m.Title, err)
		}
	}
	return nil
}

// RemoveSession deletes a session; its speakers' parts, sign-ups and
// attendance go with it.
func (tx *Tx) RemoveSession(id int64) error {
	res, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM sessions WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: remove session %d: %w", id, err)
	}
	return affectedOne(res, fmt.Sprintf("remove session %d", id))
}

// MoveSession sets a session's times alone (a change of the conference's
// time zone moves every session without touching anything else).
func (tx *Tx) MoveSession(id int64, starts, ends, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE sessions SET starts_at = ?, ends_at = ?, updated_at = ? WHERE id = ?`,
		ts(starts), ts(ends), ts(now), id)
	if err != nil {
		return fmt.Errorf("store: move session %d: %w", id, err)
	}
	return affectedOne(res, fmt.Sprintf("move session %d", id))
}

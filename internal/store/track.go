package store

import (
	"context"
	"fmt"

	"confdesk/internal/model"
)

// Tracks returns the conference's tracks in display order.
func (s *Store) Tracks(ctx context.Context, conferenceID int64) ([]model.Track, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT id, conference_id, slug, name, colour, description, position
		FROM tracks WHERE conference_id = ? ORDER BY position, id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: tracks: %w", err)
	}
	defer rows.Close()
	var out []model.Track
	for rows.Next() {
		var t model.Track
		if err := rows.Scan(&t.ID, &t.ConferenceID, &t.Slug, &t.Name, &t.Colour, &t.Description, &t.Position); err != nil {
			return nil, fmt.Errorf("store: tracks: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// CreateTrack inserts a track and returns its id.
func (tx *Tx) CreateTrack(t model.Track) (int64, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO tracks (conference_id, slug, name, colour, description, position)
		VALUES (?, ?, ?, ?, ?, ?)`, t.ConferenceID, t.Slug, t.Name, t.Colour, t.Description, t.Position)
	if err != nil {
		return 0, fmt.Errorf("store: create track %q: %w", t.Slug, err)
	}
	return res.LastInsertId()
}

package store

import (
	"context"
	"fmt"

	"confdesk/internal/model"
)

// Rooms returns the conference's rooms in display order.
func (s *Store) Rooms(ctx context.Context, conferenceID int64) ([]model.Room, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT id, conference_id, name, capacity, position
		FROM rooms WHERE conference_id = ? ORDER BY position, id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: rooms: %w", err)
	}
	defer rows.Close()
	var out []model.Room
	for rows.Next() {
		var r model.Room
		if err := rows.Scan(&r.ID, &r.ConferenceID, &r.Name, &r.Capacity, &r.Position); err != nil {
			return nil, fmt.Errorf("store: rooms: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CreateRoom inserts a room and returns its id.
func (tx *Tx) CreateRoom(r model.Room) (int64, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO rooms (conference_id, name, capacity, position) VALUES (?, ?, ?, ?)`,
		r.ConferenceID, r.Name, r.Capacity, r.Position)
	if err != nil {
		return 0, fmt.Errorf("store: create room %q: %w", r.Name, err)
	}
	return res.LastInsertId()
}

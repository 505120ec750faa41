package store

import (
	"context"
	"fmt"

	"confdesk/internal/model"
)

const roomColumns = `id, conference_id, name, capacity, position`

func scanRoom(row scanner) (model.Room, error) {
	var r model.Room
	err := row.Scan(&r.ID, &r.ConferenceID, &r.Name, &r.Capacity, &r.Position)
	return r, err
}

// Rooms returns the conference's rooms in display order.
func (rd reader) Rooms(ctx context.Context, conferenceID int64) ([]model.Room, error) {
	rows, err := rd.q.QueryContext(ctx, `SELECT `+roomColumns+` FROM rooms WHERE conference_id = ? ORDER BY position, id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: rooms: %w", err)
	}
	defer rows.Close()
	var out []model.Room
	for rows.Next() {
		r, err := scanRoom(rows)
		if err != nil {
			return nil, fmt.Errorf("store: rooms: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Rooms returns the conference's rooms in display order, inside the transaction.
func (tx *Tx) Rooms(conferenceID int64) ([]model.Room, error) {
	return tx.read.Rooms(tx.ctx, conferenceID)
}

// Room returns the room with id.
func (rd reader) Room(ctx context.Context, id int64) (model.Room, error) {
	r, err := scanRoom(rd.q.QueryRowContext(ctx, `SELECT `+roomColumns+` FROM rooms WHERE id = ?`, id))
	if err != nil {
		return r, notFound(err, fmt.Sprintf("room %d", id))
	}
	return r, nil
}

// Room returns the room with id, inside the transaction.
func (tx *Tx) Room(id int64) (model.Room, error) { return tx.read.Room(tx.ctx, id) }

// CreateRoom inserts a room and returns its id. A name the conference
// already uses gives ErrDuplicate.
func (tx *Tx) CreateRoom(r model.Room) (int64, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO rooms (conference_id, name, capacity, position) VALUES (?, ?, ?, ?)`,
		r.ConferenceID, r.Name, r.Capacity, r.Position)
	if err != nil {
		if isUnique(err) {
			err = ErrDuplicate
		}
		return 0, fmt.Errorf("store: create room %q: %w", r.Name, err)
	}
	return res.LastInsertId()
}

// UpdateRoom saves a room's fields. A name another room uses gives ErrDuplicate.
func (tx *Tx) UpdateRoom(r model.Room) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE rooms SET name = ?, capacity = ?, position = ? WHERE id = ?`,
		r.Name, r.Capacity, r.Position, r.ID)
	if err != nil {
		if isUnique(err) {
			err = ErrDuplicate
		}
		return fmt.Errorf("store: update room %d: %w", r.ID, err)
	}
	return affectedOne(res, fmt.Sprintf("update room %d", r.ID))
}

// RemoveRoom deletes a room no session uses; one in use gives ErrInUse, so
// sessions never lose their room without an organiser moving them.
func (tx *Tx) RemoveRoom(id int64) error {
	var n int
	if err := tx.tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM sessions WHERE room_id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("store: remove room %d: %w", id, err)
	}
	if n > 0 {
		return fmt.Errorf("store: remove room %d used by %d sessions: %w", id, n, ErrInUse)
	}
	res, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM rooms WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: remove room %d: %w", id, err)
	}
	return affectedOne(res, fmt.Sprintf("remove room %d", id))
}

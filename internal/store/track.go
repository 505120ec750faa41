package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"confdesk/internal/model"
)

// ErrInUse is returned when a row cannot be removed because others refer to
// it (a track or room that sessions use).
var ErrInUse = errors.New("store: in use")

const trackColumns = `id, conference_id, slug, name, colour, description, position`

func scanTrack(row scanner) (model.Track, error) {
	var t model.Track
	err := row.Scan(&t.ID, &t.ConferenceID, &t.Slug, &t.Name, &t.Colour, &t.Description, &t.Position)
	return t, err
}

// Tracks returns the conference's tracks in display order.
func (rd reader) Tracks(ctx context.Context, conferenceID int64) ([]model.Track, error) {
	rows, err := rd.q.QueryContext(ctx, `SELECT `+trackColumns+` FROM tracks WHERE conference_id = ? ORDER BY position, id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: tracks: %w", err)
	}
	defer rows.Close()
	var out []model.Track
	for rows.Next() {
		t, err := scanTrack(rows)
		if err != nil {
			return nil, fmt.Errorf("store: tracks: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Track returns the track with id.
func (rd reader) Track(ctx context.Context, id int64) (model.Track, error) {
	t, err := scanTrack(rd.q.QueryRowContext(ctx, `SELECT `+trackColumns+` FROM tracks WHERE id = ?`, id))
	if err != nil {
		return t, notFound(err, fmt.Sprintf("track %d", id))
	}
	return t, nil
}

// Track returns the track with id, inside the transaction.
func (tx *Tx) Track(id int64) (model.Track, error) { return tx.read.Track(tx.ctx, id) }

// CreateTrack inserts a track and returns its id. A slug the conference
// already uses gives ErrDuplicate.
func (tx *Tx) CreateTrack(t model.Track) (int64, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO tracks (conference_id, slug, name, colour, description, position)
		VALUES (?, ?, ?, ?, ?, ?)`, t.ConferenceID, t.Slug, t.Name, t.Colour, t.Description, t.Position)
	if err != nil {
		if isUnique(err) {
			err = ErrDuplicate
		}
		return 0, fmt.Errorf("store: create track %q: %w", t.Slug, err)
	}
	return res.LastInsertId()
}

// UpdateTrack saves a track's fields. A slug another track uses gives ErrDuplicate.
func (tx *Tx) UpdateTrack(t model.Track) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE tracks SET slug = ?, name = ?, colour = ?, description = ?, position = ?
		WHERE id = ?`, t.Slug, t.Name, t.Colour, t.Description, t.Position, t.ID)
	if err != nil {
		if isUnique(err) {
			err = ErrDuplicate
		}
		return fmt.Errorf("store: update track %d: %w", t.ID, err)
	}
	return affectedOne(res, fmt.Sprintf("update track %d", t.ID))
}

// RemoveTrack deletes a track no session uses; one in use gives ErrInUse,
// so sessions never lose their track without an organiser moving them.
func (tx *Tx) RemoveTrack(id int64) error {
	var n int
	if err := tx.tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM sessions WHERE track_id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("store: remove track %d: %w", id, err)
	}
	if n > 0 {
		return fmt.Errorf("store: remove track %d used by %d sessions: %w", id, n, ErrInUse)
	}
	res, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM tracks WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: remove track %d: %w", id, err)
	}
	return affectedOne(res, fmt.Sprintf("remove track %d", id))
}

// affectedOne turns an update or delete that touched no row into ErrNotFound.
func affectedOne(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

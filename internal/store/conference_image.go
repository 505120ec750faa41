package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"confdesk/internal/model"
)

// ConferenceImage returns the conference's picture of kind
// (model.ImageSignature, model.ImageLogo); ErrNotFound when none was uploaded.
func (s *Store) ConferenceImage(ctx context.Context, conferenceID int64, kind string) (model.Image, error) {
	img := model.Image{Kind: kind}
	var updated sql.NullString
	err := s.db.Read.QueryRowContext(ctx, `SELECT png, width, height, updated_at FROM conference_images
		WHERE conference_id = ? AND kind = ?`, conferenceID, kind).Scan(&img.PNG, &img.Width, &img.Height, &updated)
	if err != nil {
		return img, notFound(err, "conference image "+kind)
	}
	return img, parseTimes(timeField{updated, &img.UpdatedAt})
}

// PutConferenceImage stores the conference's picture of kind, replacing any.
func (tx *Tx) PutConferenceImage(conferenceID int64, img model.Image, now time.Time) error {
	_, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO conference_images (conference_id, kind, png, width, height, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (conference_id, kind) DO UPDATE SET
		png = excluded.png, width = excluded.width, height = excluded.height, updated_at = excluded.updated_at`,
		conferenceID, img.Kind, img.PNG, img.Width, img.Height, ts(now))
	if err != nil {
		return fmt.Errorf("store: put conference image %s: %w", img.Kind, err)
	}
	return nil
}

// DeleteConferenceImage removes the conference's picture of kind; it
// returns ErrNotFound when there was none.
func (tx *Tx) DeleteConferenceImage(conferenceID int64, kind string) error {
	res, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM conference_images WHERE conference_id = ? AND kind = ?`, conferenceID, kind)
	if err != nil {
		return fmt.Errorf("store: delete conference image %s: %w", kind, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

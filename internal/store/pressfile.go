package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"confdesk/internal/model"
)

// pressFileColumns read a file with its download count from downloads.
const pressFileColumns = `f.id, f.conference_id, f.title, f.original_name, f.stored_name, f.content_type, f.size,
	f.sha256, f.caption, f.credit, f.description, f.published, f.created_at, f.updated_at,
	(SELECT coalesce(sum(d.count), 0) FROM downloads d WHERE d.item = 'file' AND d.press_file_id = f.id)`

func scanPressFile(row scanner) (model.PressFile, error) {
	var f model.PressFile
	var created, updated sql.NullString
	if err := row.Scan(&f.ID, &f.ConferenceID, &f.Title, &f.OriginalName, &f.StoredName, &f.ContentType, &f.Size,
		&f.SHA256, &f.Caption, &f.Credit, &f.Description, &f.Published, &created, &updated, &f.Downloads); err != nil {
		return f, err
	}
	return f, parseTimes(timeField{created, &f.CreatedAt}, timeField{updated, &f.UpdatedAt})
}

// PressFiles returns the conference's press files, newest first, each with
// its download count. With publishedOnly, unpublished files are left out:
// public pages must pass true.
func (s *Store) PressFiles(ctx context.Context, conferenceID int64, publishedOnly bool) ([]model.PressFile, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+pressFileColumns+` FROM press_files f
		WHERE f.conference_id = ? AND (f.published = 1 OR ? = 0) ORDER BY f.created_at DESC, f.id DESC`,
		conferenceID, publishedOnly)
	if err != nil {
		return nil, fmt.Errorf("store: press files: %w", err)
	}
	defer rows.Close()
	var out []model.PressFile
	for rows.Next() {
		f, err := scanPressFile(rows)
		if err != nil {
			return nil, fmt.Errorf("store: press files: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// PressFile returns the press file with id, published or not.
func (rd reader) PressFile(ctx context.Context, id int64) (model.PressFile, error) {
	f, err := scanPressFile(rd.q.QueryRowContext(ctx, `SELECT `+pressFileColumns+` FROM press_files f WHERE f.id = ?`, id))
	if err != nil {
		return f, notFound(err, fmt.Sprintf("press file %d", id))
	}
	return f, nil
}

// PressFile returns the press file with id inside the transaction, as it
// is before a change.
func (tx *Tx) PressFile(id int64) (model.PressFile, error) { return tx.read.PressFile(tx.ctx, id) }

// CreatePressFile inserts a press file's row and returns its id.
func (tx *Tx) CreatePressFile(f model.PressFile) (int64, error) {
	now := ts(f.CreatedAt)
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO press_files (conference_id, title, original_name, stored_name,
		content_type, size, sha256, caption, credit, description, published, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.ConferenceID, f.Title, f.OriginalName, f.StoredName, f.ContentType, f.Size, f.SHA256, f.Caption, f.Credit,
		f.Description, f.Published, now, now)
	if err != nil {
		return 0, fmt.Errorf("store: create press file %q: %w", f.Title, err)
	}
	return res.LastInsertId()
}

// UpdatePressFile saves every field of a press file: its description, its
// published flag and, after a replacement, its stored content's details.
func (tx *Tx) UpdatePressFile(f model.PressFile, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE press_files SET title = ?, original_name = ?, stored_name = ?,
		content_type = ?, size = ?, sha256 = ?, caption = ?, credit = ?, description = ?, published = ?, updated_at = ?
		WHERE id = ?`,
		f.Title, f.OriginalName, f.StoredName, f.ContentType, f.Size, f.SHA256, f.Caption, f.Credit, f.Description,
		f.Published, ts(now), f.ID)
	if err != nil {
		return fmt.Errorf("store: update press file %d: %w", f.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// RemovePressFile deletes a press file's row. Its rows in downloads stay,
// with press_file_id set to NULL by the schema, so totals do not shrink.
func (tx *Tx) RemovePressFile(id int64) error {
	res, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM press_files WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: remove press file %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// Download items counted in downloads.
const (
	DownloadKit  = "kit"
	DownloadFile = "file"
)

// DownloadCount is how many times one item of the public press room was
// downloaded in one minute: the media kit (Item DownloadKit, PressFileID 0)
// or a press file (DownloadFile).
type DownloadCount struct {
	ConferenceID int64
	Item         string
	PressFileID  int64
	Minute       time.Time
	N            int
}

// AddDownloads records counted downloads, one row per count. Only the
// minute is kept, never who downloaded.
func (tx *Tx) AddDownloads(counts []DownloadCount) error {
	for _, d := range counts {
		var fileID sql.NullInt64
		if d.PressFileID != 0 {
			fileID = sql.NullInt64{Int64: d.PressFileID, Valid: true}
		}
		// A file removed since it was downloaded keeps its count, without the file.
		if _, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO downloads (conference_id, item, press_file_id, downloaded_at, count)
			VALUES (?, ?, (SELECT id FROM press_files WHERE id = ?), ?, ?)`, d.ConferenceID, d.Item, fileID, ts(d.Minute), d.N); err != nil {
			return fmt.Errorf("store: add %s downloads: %w", d.Item, err)
		}
	}
	return nil
}

// KitDownloads is how many times the conference's media kit was downloaded.
func (s *Store) KitDownloads(ctx context.Context, conferenceID int64) (int, error) {
	var n int
	if err := s.db.Read.QueryRowContext(ctx, `SELECT coalesce(sum(count), 0) FROM downloads WHERE conference_id = ? AND item = ?`,
		conferenceID, DownloadKit).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: kit downloads: %w", err)
	}
	return n, nil
}

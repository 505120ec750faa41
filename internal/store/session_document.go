package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"confdesk/internal/model"
)

// Session documents (migration 0021).

const sessionDocumentColumns = `d.id, d.conference_id, d.session_id, d.title, d.language, d.visibility, d.url,
	coalesce(d.stored_name, ''), d.original_name, d.content_type, d.size, d.sha256, d.position, d.created_at, d.updated_at`

func scanSessionDocument(row scanner) (model.SessionDocument, error) {
	var d model.SessionDocument
	var created, updated sql.NullString
	if err := row.Scan(&d.ID, &d.ConferenceID, &d.SessionID, &d.Title, &d.Language, &d.Visibility, &d.URL,
		&d.StoredName, &d.OriginalName, &d.ContentType, &d.Size, &d.SHA256, &d.Position, &created, &updated); err != nil {
		return d, err
	}
	return d, parseTimes(timeField{created, &d.CreatedAt}, timeField{updated, &d.UpdatedAt})
}

// SessionDocument returns session document id.
func (rd reader) SessionDocument(ctx context.Context, id int64) (model.SessionDocument, error) {
	d, err := scanSessionDocument(rd.q.QueryRowContext(ctx, `SELECT `+sessionDocumentColumns+`
		FROM session_documents d WHERE d.id = ?`, id))
	if err != nil {
		return d, notFound(err, fmt.Sprintf("session document %d", id))
	}
	return d, nil
}

// SessionDocument returns session document id, inside the transaction.
func (tx *Tx) SessionDocument(id int64) (model.SessionDocument, error) {
	return tx.read.SessionDocument(tx.ctx, id)
}

// SessionDocuments lists the conference's session documents by session,
// in each session's order. With publicOnly, only the public documents of
// published sessions: what the agenda and the schedule feeds list.
func (rd reader) SessionDocuments(ctx context.Context, conferenceID int64, publicOnly bool) (map[int64][]model.SessionDocument, error) {
	q := `SELECT ` + sessionDocumentColumns + ` FROM session_documents d`
	if publicOnly {
		q += ` JOIN sessions s ON s.id = d.session_id AND s.published = 1 WHERE d.conference_id = ? AND d.visibility = 'public'`
	} else {
		q += ` WHERE d.conference_id = ?`
	}
	rows, err := rd.q.QueryContext(ctx, q+` ORDER BY d.session_id, d.position, d.id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: session documents: %w", err)
	}
	defer rows.Close()
	out := map[int64][]model.SessionDocument{}
	for rows.Next() {
		d, err := scanSessionDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("store: session documents: %w", err)
		}
		out[d.SessionID] = append(out[d.SessionID], d)
	}
	return out, rows.Err()
}

// CreateSessionDocument stores d and returns its id.
func (tx *Tx) CreateSessionDocument(d model.SessionDocument) (int64, error) {
	var stored any
	if d.StoredName != "" {
		stored = d.StoredName
	}
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO session_documents (conference_id, session_id, title, language,
		visibility, url, stored_name, original_name, content_type, size, sha256, position, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
			(SELECT coalesce(max(position), 0) + 1 FROM session_documents WHERE session_id = ?), ?, ?)`,
		d.ConferenceID, d.SessionID, d.Title, languageOrEnglish(d.Language), d.Visibility, d.URL, stored,
		d.OriginalName, d.ContentType, d.Size, d.SHA256, d.SessionID, ts(d.CreatedAt), ts(d.CreatedAt))
	if err != nil {
		return 0, fmt.Errorf("store: create session document: %w", err)
	}
	return res.LastInsertId()
}

// UpdateSessionDocument saves d's title, language, visibility and URL.
func (tx *Tx) UpdateSessionDocument(d model.SessionDocument, now time.Time) error {
	return tx.exec1(fmt.Sprintf("session document %d", d.ID), `UPDATE session_documents SET title = ?, language = ?,
		visibility = ?, url = ?, updated_at = ? WHERE id = ?`, d.Title, languageOrEnglish(d.Language), d.Visibility,
		d.URL, ts(now), d.ID)
}

// DeleteSessionDocument deletes session document id; its file, if any, is
// the caller's to remove once the transaction commits.
func (tx *Tx) DeleteSessionDocument(id int64) error {
	return tx.exec1(fmt.Sprintf("session document %d", id), `DELETE FROM session_documents WHERE id = ?`, id)
}

package store

import (
	"context"
	"database/sql"
	"fmt"

	"confdesk/internal/model"
)

// PressReleases returns the conference's releases, newest first. With
// publishedOnly, drafts are left out: public pages must pass true.
func (s *Store) PressReleases(ctx context.Context, conferenceID int64, publishedOnly bool) ([]model.PressRelease, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT id, conference_id, slug, title, dateline, release_date, summary, body,
		published, created_at, updated_at FROM press_releases
		WHERE conference_id = ? AND (published = 1 OR ? = 0) ORDER BY release_date DESC, id DESC`, conferenceID, publishedOnly)
	if err != nil {
		return nil, fmt.Errorf("store: press releases: %w", err)
	}
	defer rows.Close()
	var out []model.PressRelease
	for rows.Next() {
		var p model.PressRelease
		var created, updated sql.NullString
		if err := rows.Scan(&p.ID, &p.ConferenceID, &p.Slug, &p.Title, &p.Dateline, &p.ReleaseDate, &p.Summary, &p.Body,
			&p.Published, &created, &updated); err != nil {
			return nil, fmt.Errorf("store: press releases: %w", err)
		}
		if err := parseTimes(timeField{created, &p.CreatedAt}, timeField{updated, &p.UpdatedAt}); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreatePressRelease inserts a release and returns its id.
func (tx *Tx) CreatePressRelease(p model.PressRelease) (int64, error) {
	now := ts(p.CreatedAt)
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO press_releases (conference_id, slug, title, dateline, release_date,
		summary, body, published, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ConferenceID, p.Slug, p.Title, p.Dateline, p.ReleaseDate, p.Summary, p.Body, p.Published, now, now)
	if err != nil {
		return 0, fmt.Errorf("store: create press release %q: %w", p.Slug, err)
	}
	return res.LastInsertId()
}

// MediaContacts returns the press room's contacts in display order.
func (s *Store) MediaContacts(ctx context.Context, conferenceID int64) ([]model.MediaContact, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT id, conference_id, name, role, organisation, phone, mobile, email,
		languages, position FROM media_contacts WHERE conference_id = ? ORDER BY position, id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: media contacts: %w", err)
	}
	defer rows.Close()
	var out []model.MediaContact
	for rows.Next() {
		var m model.MediaContact
		if err := rows.Scan(&m.ID, &m.ConferenceID, &m.Name, &m.Role, &m.Organisation, &m.Phone, &m.Mobile, &m.Email,
			&m.Languages, &m.Position); err != nil {
			return nil, fmt.Errorf("store: media contacts: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// CreateMediaContact inserts a media contact and returns its id.
func (tx *Tx) CreateMediaContact(m model.MediaContact) (int64, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO media_contacts (conference_id, name, role, organisation, phone,
		mobile, email, languages, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ConferenceID, m.Name, m.Role, m.Organisation, m.Phone, m.Mobile, m.Email, m.Languages, m.Position)
	if err != nil {
		return 0, fmt.Errorf("store: create media contact %q: %w", m.Name, err)
	}
	return res.LastInsertId()
}

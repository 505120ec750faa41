package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"confdesk/internal/model"
)

const pressReleaseColumns = `id, conference_id, slug, title, dateline, release_date, summary, body, published,
	created_at, updated_at, coalesce(lead_image_id, 0)`

func scanPressRelease(row scanner) (model.PressRelease, error) {
	var p model.PressRelease
	var created, updated sql.NullString
	if err := row.Scan(&p.ID, &p.ConferenceID, &p.Slug, &p.Title, &p.Dateline, &p.ReleaseDate, &p.Summary, &p.Body,
		&p.Published, &created, &updated, &p.LeadImageID); err != nil {
		return p, err
	}
	return p, parseTimes(timeField{created, &p.CreatedAt}, timeField{updated, &p.UpdatedAt})
}

// PressReleases returns the conference's releases, newest first. With
// publishedOnly, drafts are left out: public pages must pass true.
func (s *Store) PressReleases(ctx context.Context, conferenceID int64, publishedOnly bool) ([]model.PressRelease, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+pressReleaseColumns+` FROM press_releases
		WHERE conference_id = ? AND (published = 1 OR ? = 0) ORDER BY release_date DESC, id DESC`, conferenceID, publishedOnly)
	if err != nil {
		return nil, fmt.Errorf("store: press releases: %w", err)
	}
	defer rows.Close()
	var out []model.PressRelease
	for rows.Next() {
		p, err := scanPressRelease(rows)
		if err != nil {
			return nil, fmt.Errorf("store: press releases: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PressRelease returns the release with id, published or not.
func (rd reader) PressRelease(ctx context.Context, id int64) (model.PressRelease, error) {
	p, err := scanPressRelease(rd.q.QueryRowContext(ctx, `SELECT `+pressReleaseColumns+` FROM press_releases
		WHERE id = ?`, id))
	if err != nil {
		return p, notFound(err, fmt.Sprintf("press release %d", id))
	}
	return p, nil
}

// PressReleaseBySlug returns the conference's release with that slug,
// published or not: a public page must check Published itself.
func (s *Store) PressReleaseBySlug(ctx context.Context, conferenceID int64, slug string) (model.PressRelease, error) {
	p, err := scanPressRelease(s.db.Read.QueryRowContext(ctx, `SELECT `+pressReleaseColumns+` FROM press_releases
		WHERE conference_id = ? AND slug = ?`, conferenceID, slug))
	if err != nil {
		return p, notFound(err, fmt.Sprintf("press release %q", slug))
	}
	return p, nil
}

// PressRelease returns the release with id inside the transaction, as it
// is before a change.
func (tx *Tx) PressRelease(id int64) (model.PressRelease, error) {
	return tx.read.PressRelease(tx.ctx, id)
}

// PressReleaseSlugTaken reports whether another release of the conference
// than exceptID already has slug.
func (tx *Tx) PressReleaseSlugTaken(conferenceID int64, slug string, exceptID int64) (bool, error) {
	var one int
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT 1 FROM press_releases WHERE conference_id = ? AND slug = ? AND id != ?`,
		conferenceID, slug, exceptID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: press release slug %q: %w", slug, err)
	}
	return true, nil
}

// CreatePressRelease inserts a release and returns its id; a slug the
// conference already uses gives ErrDuplicate.
func (tx *Tx) CreatePressRelease(p model.PressRelease) (int64, error) {
	now := ts(p.CreatedAt)
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO press_releases (conference_id, slug, title, dateline, release_date,
		summary, body, published, created_at, updated_at, lead_image_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ConferenceID, p.Slug, p.Title, p.Dateline, p.ReleaseDate, p.Summary, p.Body, p.Published, now, now, nullID(p.LeadImageID))
	if isUnique(err) {
		return 0, fmt.Errorf("store: create press release %q: %w", p.Slug, ErrDuplicate)
	}
	if err != nil {
		return 0, fmt.Errorf("store: create press release %q: %w", p.Slug, err)
	}
	return res.LastInsertId()
}

// UpdatePressRelease saves a release's text fields and lead picture (not
// its published flag: see SetPressReleasePublished); a slug the conference
// already uses gives ErrDuplicate.
func (tx *Tx) UpdatePressRelease(p model.PressRelease, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE press_releases SET slug = ?, title = ?, dateline = ?, release_date = ?,
		summary = ?, body = ?, lead_image_id = ?, updated_at = ? WHERE id = ?`,
		p.Slug, p.Title, p.Dateline, p.ReleaseDate, p.Summary, p.Body, nullID(p.LeadImageID), ts(now), p.ID)
	if isUnique(err) {
		return fmt.Errorf("store: update press release %d: %w", p.ID, ErrDuplicate)
	}
	if err != nil {
		return fmt.Errorf("store: update press release %d: %w", p.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// SetPressReleasePublished publishes or withdraws a release.
func (tx *Tx) SetPressReleasePublished(id int64, published bool, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE press_releases SET published = ?, updated_at = ? WHERE id = ?`,
		published, ts(now), id)
	if err != nil {
		return fmt.Errorf("store: publish press release %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// RemovePressRelease deletes a release.
func (tx *Tx) RemovePressRelease(id int64) error {
	res, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM press_releases WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: remove press release %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

const mediaContactColumns = `id, conference_id, name, role, organisation, phone, mobile, email, languages, position`

func scanMediaContact(row scanner) (model.MediaContact, error) {
	var m model.MediaContact
	err := row.Scan(&m.ID, &m.ConferenceID, &m.Name, &m.Role, &m.Organisation, &m.Phone, &m.Mobile, &m.Email,
		&m.Languages, &m.Position)
	return m, err
}

// MediaContacts returns the press room's contacts in display order.
func (s *Store) MediaContacts(ctx context.Context, conferenceID int64) ([]model.MediaContact, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+mediaContactColumns+` FROM media_contacts
		WHERE conference_id = ? ORDER BY position, id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: media contacts: %w", err)
	}
	defer rows.Close()
	var out []model.MediaContact
	for rows.Next() {
		m, err := scanMediaContact(rows)
		if err != nil {
			return nil, fmt.Errorf("store: media contacts: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MediaContact returns the media contact with id.
func (rd reader) MediaContact(ctx context.Context, id int64) (model.MediaContact, error) {
	m, err := scanMediaContact(rd.q.QueryRowContext(ctx, `SELECT `+mediaContactColumns+` FROM media_contacts
		WHERE id = ?`, id))
	if err != nil {
		return m, notFound(err, fmt.Sprintf("media contact %d", id))
	}
	return m, nil
}

// MediaContact returns the media contact with id inside the transaction, as
// it is before a change.
func (tx *Tx) MediaContact(id int64) (model.MediaContact, error) {
	return tx.read.MediaContact(tx.ctx, id)
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

// UpdateMediaContact saves a media contact.
func (tx *Tx) UpdateMediaContact(m model.MediaContact) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE media_contacts SET name = ?, role = ?, organisation = ?, phone = ?,
		mobile = ?, email = ?, languages = ?, position = ? WHERE id = ?`,
		m.Name, m.Role, m.Organisation, m.Phone, m.Mobile, m.Email, m.Languages, m.Position, m.ID)
	if err != nil {
		return fmt.Errorf("store: update media contact %d: %w", m.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// RemoveMediaContact deletes a media contact.
func (tx *Tx) RemoveMediaContact(id int64) error {
	res, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM media_contacts WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: remove media contact %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// NextMediaContactPosition is one past the highest position in use: where a new contact goes by default.
func (s *Store) NextMediaContactPosition(ctx context.Context, conferenceID int64) (int, error) {
	var n int
	if err := s.db.Read.QueryRowContext(ctx, `SELECT coalesce(max(position) + 1, 0) FROM media_contacts
		WHERE conference_id = ?`, conferenceID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: next media contact position: %w", err)
	}
	return n, nil
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"confdesk/internal/model"
)

// Focal points, nominations and nomination letters (migration 0020).

const focalPointColumns = `id, conference_id, country, name, title, organisation, email, language, created_at, removed_at`

func scanFocalPoint(row scanner) (model.FocalPoint, error) {
	var f model.FocalPoint
	var created, removed sql.NullString
	if err := row.Scan(&f.ID, &f.ConferenceID, &f.Country, &f.Name, &f.Title, &f.Organisation, &f.Email,
		&f.Language, &created, &removed); err != nil {
		return f, err
	}
	return f, parseTimes(timeField{created, &f.CreatedAt}, timeField{removed, &f.RemovedAt})
}

// CreateFocalPoint stores focal point f with the hash of its nomination
// link's token and returns its id.
func (tx *Tx) CreateFocalPoint(f model.FocalPoint, tokenHash []byte) (int64, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO focal_points (conference_id, country, name, title,
		organisation, email, language, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.ConferenceID, f.Country, f.Name, f.Title, f.Organisation, f.Email, languageOrEnglish(f.Language),
		tokenHash, ts(f.CreatedAt))
	if err != nil {
		return 0, fmt.Errorf("store: create focal point: %w", err)
	}
	return res.LastInsertId()
}

// SetFocalPointToken replaces focal point id's link: the old one opens nothing.
func (tx *Tx) SetFocalPointToken(id int64, tokenHash []byte) error {
	return tx.exec1(fmt.Sprintf("focal point %d", id),
		`UPDATE focal_points SET token_hash = ? WHERE id = ? AND removed_at IS NULL`, tokenHash, id)
}

// RemoveFocalPoint ends focal point id's part: their link opens nothing;
// their nominations stand.
func (tx *Tx) RemoveFocalPoint(id int64, now time.Time) error {
	return tx.exec1(fmt.Sprintf("focal point %d", id),
		`UPDATE focal_points SET removed_at = ? WHERE id = ? AND removed_at IS NULL`, ts(now), id)
}

// exec1 runs a statement that must change exactly one row; none is ErrNotFound.
func (tx *Tx) exec1(what, query string, args ...any) error {
	res, err := tx.tx.ExecContext(tx.ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: %s: %w", what, ErrNotFound)
	}
	return nil
}

// FocalPoint returns focal point id, removed or not.
func (rd reader) FocalPoint(ctx context.Context, id int64) (model.FocalPoint, error) {
	f, err := scanFocalPoint(rd.q.QueryRowContext(ctx, `SELECT `+focalPointColumns+` FROM focal_points WHERE id = ?`, id))
	if err != nil {
		return f, notFound(err, fmt.Sprintf("focal point %d", id))
	}
	return f, nil
}

// FocalPoint returns focal point id, inside the transaction.
func (tx *Tx) FocalPoint(id int64) (model.FocalPoint, error) { return tx.read.FocalPoint(tx.ctx, id) }

// FocalPointByTokenHash returns the focal point whose link hashes to
// hash; ErrNotFound for an unknown link or a removed focal point.
func (rd reader) FocalPointByTokenHash(ctx context.Context, hash []byte) (model.FocalPoint, error) {
	f, err := scanFocalPoint(rd.q.QueryRowContext(ctx, `SELECT `+focalPointColumns+` FROM focal_points
		WHERE token_hash = ? AND removed_at IS NULL`, hash))
	if err != nil {
		return f, notFound(err, "focal point by link")
	}
	return f, nil
}

// FocalPoints lists the conference's focal points still acting, by
// country then name.
func (rd reader) FocalPoints(ctx context.Context, conferenceID int64) ([]model.FocalPoint, error) {
	rows, err := rd.q.QueryContext(ctx, `SELECT `+focalPointColumns+` FROM focal_points
		WHERE conference_id = ? AND removed_at IS NULL ORDER BY country, name COLLATE NOCASE, id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: focal points: %w", err)
	}
	defer rows.Close()
	var out []model.FocalPoint
	for rows.Next() {
		f, err := scanFocalPoint(rows)
		if err != nil {
			return nil, fmt.Errorf("store: focal points: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

const nominationColumns = `id, conference_id, focal_point_id, country, first_name, last_name, email, job_title,
	organisation, head_of_delegation, coalesce(registration_id, 0), created_at, withdrawn_at`

func scanNomination(row scanner) (model.Nomination, error) {
	var n model.Nomination
	var created, withdrawn sql.NullString
	if err := row.Scan(&n.ID, &n.ConferenceID, &n.FocalPointID, &n.Country, &n.FirstName, &n.LastName, &n.Email,
		&n.JobTitle, &n.Organisation, &n.HeadOfDelegation, &n.RegistrationID, &created, &withdrawn); err != nil {
		return n, err
	}
	return n, parseTimes(timeField{created, &n.CreatedAt}, timeField{withdrawn, &n.WithdrawnAt})
}

// CreateNomination stores nomination n with the hash of the nominee's
// link and returns its id; ErrDuplicate when the address has an open
// nomination already.
func (tx *Tx) CreateNomination(n model.Nomination, tokenHash []byte) (int64, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO nominations (conference_id, focal_point_id, country,
		first_name, last_name, email, email_key, job_title, organisation, head_of_delegation, token_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.ConferenceID, n.FocalPointID, n.Country, n.FirstName, n.LastName, n.Email, EmailKey(n.Email), n.JobTitle,
		n.Organisation, n.HeadOfDelegation, tokenHash, ts(n.CreatedAt))
	if isUnique(err) {
		return 0, ErrDuplicate
	}
	if err != nil {
		return 0, fmt.Errorf("store: create nomination: %w", err)
	}
	return res.LastInsertId()
}

// Nomination returns nomination id.
func (rd reader) Nomination(ctx context.Context, id int64) (model.Nomination, error) {
	n, err := scanNomination(rd.q.QueryRowContext(ctx, `SELECT `+nominationColumns+` FROM nominations WHERE id = ?`, id))
	if err != nil {
		return n, notFound(err, fmt.Sprintf("nomination %d", id))
	}
	return n, nil
}

// Nomination returns nomination id, inside the transaction.
func (tx *Tx) Nomination(id int64) (model.Nomination, error) { return tx.read.Nomination(tx.ctx, id) }

// NominationByTokenHash returns the standing nomination whose nominee's
// link hashes to hash; ErrNotFound for an unknown or withdrawn one.
func (rd reader) NominationByTokenHash(ctx context.Context, hash []byte) (model.Nomination, error) {
	n, err := scanNomination(rd.q.QueryRowContext(ctx, `SELECT `+nominationColumns+` FROM nominations
		WHERE token_hash = ? AND withdrawn_at IS NULL`, hash))
	if err != nil {
		return n, notFound(err, "nomination by link")
	}
	return n, nil
}

// NominationByTokenHash returns the standing nomination of a link, inside the transaction.
func (tx *Tx) NominationByTokenHash(hash []byte) (model.Nomination, error) {
	return tx.read.NominationByTokenHash(tx.ctx, hash)
}

// NominationOf returns the nomination registration id came through;
// ErrNotFound for a registration made on the public form.
func (rd reader) NominationOf(ctx context.Context, registrationID int64) (model.Nomination, error) {
	n, err := scanNomination(rd.q.QueryRowContext(ctx, `SELECT `+nominationColumns+` FROM nominations
		WHERE registration_id = ?`, registrationID))
	if err != nil {
		return n, notFound(err, fmt.Sprintf("nomination of registration %d", registrationID))
	}
	return n, nil
}

// Nominations lists a country's nominations in the conference, withdrawn
// ones included, oldest first; country "" lists every country's.
func (rd reader) Nominations(ctx context.Context, conferenceID int64, country string) ([]model.Nomination, error) {
	rows, err := rd.q.QueryContext(ctx, `SELECT `+nominationColumns+` FROM nominations
		WHERE conference_id = ? AND (? = '' OR country = ?) ORDER BY created_at, id`, conferenceID, country, country)
	if err != nil {
		return nil, fmt.Errorf("store: nominations: %w", err)
	}
	defer rows.Close()
	var out []model.Nomination
	for rows.Next() {
		n, err := scanNomination(rows)
		if err != nil {
			return nil, fmt.Errorf("store: nominations: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Nominations lists a country's nominations, inside the transaction.
func (tx *Tx) Nominations(conferenceID int64, country string) ([]model.Nomination, error) {
	return tx.read.Nominations(tx.ctx, conferenceID, country)
}

// WithdrawNomination withdraws nomination id: its link opens nothing.
func (tx *Tx) WithdrawNomination(id int64, now time.Time) error {
	return tx.exec1(fmt.Sprintf("nomination %d", id),
		`UPDATE nominations SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL`, ts(now), id)
}

// LinkNomination records that nomination id's nominee registered as
// registration registrationID.
func (tx *Tx) LinkNomination(id, registrationID int64) error {
	return tx.exec1(fmt.Sprintf("nomination %d", id),
		`UPDATE nominations SET registration_id = ? WHERE id = ? AND withdrawn_at IS NULL`, registrationID, id)
}

// ReleaseRegistration unlinks registration registrationID from the
// withdrawn nomination it came through, if any, so that a new nomination
// of the same person can be linked to it (a registration comes through
// one nomination at a time).
func (tx *Tx) ReleaseRegistration(registrationID int64) error {
	_, err := tx.tx.ExecContext(tx.ctx, `UPDATE nominations SET registration_id = NULL
		WHERE registration_id = ? AND withdrawn_at IS NOT NULL`, registrationID)
	if err != nil {
		return fmt.Errorf("store: release registration %d: %w", registrationID, err)
	}
	return nil
}

// EraseNominations erases, when personal retention is due, what the
// conference keeps of its focal points and nominees: names, titles,
// organisations and addresses; the focal points' links open nothing from
// then on, and the invitations and nomination messages are deleted. The
// countries, dates and links to registrations stay for the statistics.
func (tx *Tx) EraseNominations(conferenceID int64, now time.Time) error {
	for _, q := range []string{
		`DELETE FROM outbox WHERE conference_id = ?1 AND registration_id IS NULL
			AND kind IN ('focal_point_invitation', 'nomination')`,
		`UPDATE nominations SET first_name = 'Erased', last_name = '', email = '', email_key = 'erased:' || id,
			job_title = '', organisation = '' WHERE conference_id = ?1 AND email_key NOT LIKE 'erased:%'`,
		`UPDATE focal_points SET name = 'Erased', title = '', organisation = '', email = '', token_hash = randomblob(32),
			removed_at = coalesce(removed_at, ?2) WHERE conference_id = ?1 AND name <> 'Erased'`,
	} {
		if _, err := tx.tx.ExecContext(tx.ctx, q, conferenceID, ts(now)); err != nil {
			return fmt.Errorf("store: erase nominations: %w", err)
		}
	}
	return nil
}

const documentColumns = `id, conference_id, country, focal_point_id, coalesce(nomination_id, 0), stored_name,
	original_name, size, sha256, uploaded_at`

func scanDocument(row scanner) (model.NominationDocument, error) {
	var d model.NominationDocument
	var uploaded sql.NullString
	if err := row.Scan(&d.ID, &d.ConferenceID, &d.Country, &d.FocalPointID, &d.NominationID, &d.StoredName,
		&d.OriginalName, &d.Size, &d.SHA256, &uploaded); err != nil {
		return d, err
	}
	return d, parseTimes(timeField{uploaded, &d.UploadedAt})
}

// AddNominationDocument stores the record of an uploaded nomination
// letter and returns its id.
func (tx *Tx) AddNominationDocument(d model.NominationDocument) (int64, error) {
	var nomination any
	if d.NominationID != 0 {
		nomination = d.NominationID
	}
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO nomination_documents (conference_id, country, focal_point_id,
		nomination_id, stored_name, original_name, size, sha256, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ConferenceID, d.Country, d.FocalPointID, nomination, d.StoredName, d.OriginalName, d.Size, d.SHA256,
		ts(d.UploadedAt))
	if err != nil {
		return 0, fmt.Errorf("store: add nomination document: %w", err)
	}
	return res.LastInsertId()
}

// NominationDocument returns nomination letter id.
func (rd reader) NominationDocument(ctx context.Context, id int64) (model.NominationDocument, error) {
	d, err := scanDocument(rd.q.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM nomination_documents WHERE id = ?`, id))
	if err != nil {
		return d, notFound(err, fmt.Sprintf("nomination document %d", id))
	}
	return d, nil
}

// NominationDocuments lists a country's nomination letters, oldest first;
// country "" lists every country's.
func (rd reader) NominationDocuments(ctx context.Context, conferenceID int64, country string) ([]model.NominationDocument, error) {
	rows, err := rd.q.QueryContext(ctx, `SELECT `+documentColumns+` FROM nomination_documents
		WHERE conference_id = ? AND (? = '' OR country = ?) ORDER BY uploaded_at, id`, conferenceID, country, country)
	if err != nil {
		return nil, fmt.Errorf("store: nomination documents: %w", err)
	}
	defer rows.Close()
	var out []model.NominationDocument
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("store: nomination documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// credentialsSQL is the condition that registration r's credentials were
// received: a nomination letter for its whole delegation (its country), or
// one for the nomination it came through.
const credentialsSQL = `EXISTS (SELECT 1 FROM nomination_documents d WHERE d.conference_id = r.conference_id
	AND d.country = r.country AND (d.nomination_id IS NULL
		OR d.nomination_id = (SELECT n.id FROM nominations n WHERE n.registration_id = r.id)))`

// CredentialsReceived reports whether registration id's credentials
// (a nomination letter) were received.
func (rd reader) CredentialsReceived(ctx context.Context, id int64) (bool, error) {
	var ok bool
	err := rd.q.QueryRowContext(ctx, `SELECT `+credentialsSQL+` FROM registrations r WHERE r.id = ?`, id).Scan(&ok)
	if err != nil {
		return false, notFound(err, fmt.Sprintf("credentials of registration %d", id))
	}
	return ok, nil
}

// DeleteNominationDocuments deletes the records of the conference's
// nomination letters and returns the stored names of their files, for the
// caller to remove once the transaction commits.
func (tx *Tx) DeleteNominationDocuments(conferenceID int64) ([]string, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, `DELETE FROM nomination_documents WHERE conference_id = ? RETURNING stored_name`,
		conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: delete nomination documents: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("store: delete nomination documents: %w", err)
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"confdesk/internal/model"
)

// ErrStale is returned when a registration changed since the version an edit was based on.
var ErrStale = errors.New("store: changed since it was read")

const emailTokenColumns = `id, conference_id, purpose, email_key, coalesce(registration_id, 0), form_kind, form,
	new_email, created_at, expires_at`

func scanEmailToken(row scanner) (model.EmailToken, error) {
	var t model.EmailToken
	var created, expires sql.NullString
	if err := row.Scan(&t.ID, &t.ConferenceID, &t.Purpose, &t.EmailKey, &t.RegistrationID, &t.FormKind, &t.Form,
		&t.NewEmail, &created, &expires); err != nil {
		return t, err
	}
	return t, parseTimes(timeField{created, &t.CreatedAt}, timeField{expires, &t.ExpiresAt})
}

// validEmailTokenQuery finds a token that is neither used nor expired.
const validEmailTokenQuery = `SELECT ` + emailTokenColumns + ` FROM email_tokens
	WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`

// EmailToken returns the unused, unexpired e-mail token whose hash is hash.
func (rd reader) EmailToken(ctx context.Context, hash []byte, now time.Time) (model.EmailToken, error) {
	t, err := scanEmailToken(rd.q.QueryRowContext(ctx, validEmailTokenQuery, hash, ts(now)))
	if err != nil {
		return t, notFound(err, "e-mail token")
	}
	return t, nil
}

// EmailToken returns the unused, unexpired e-mail token whose hash is hash, inside the transaction.
func (tx *Tx) EmailToken(hash []byte, now time.Time) (model.EmailToken, error) {
	return tx.read.EmailToken(tx.ctx, hash, now)
}

// MailedSince reports whether a link went to the address (an e-mail key)
// after since, inside the transaction.
func (tx *Tx) MailedSince(conferenceID int64, emailKey string, since time.Time) (bool, error) {
	var n int
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM email_tokens
		WHERE conference_id = ? AND email_key = ? AND created_at > ?`, conferenceID, emailKey, ts(since)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: mail sent to address: %w", err)
	}
	return n > 0, nil
}

// CreateEmailToken stores a new link with its token's hash and returns its id.
func (tx *Tx) CreateEmailToken(t model.EmailToken, hash []byte) (int64, error) {
	var reg any
	if t.RegistrationID != 0 {
		reg = t.RegistrationID
	}
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO email_tokens (conference_id, purpose, token_hash, email_key,
		registration_id, form_kind, form, new_email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.ConferenceID, t.Purpose, hash, t.EmailKey, reg, t.FormKind, t.Form, t.NewEmail, ts(t.CreatedAt), ts(t.ExpiresAt))
	if err != nil {
		return 0, fmt.Errorf("store: create e-mail token: %w", err)
	}
	return res.LastInsertId()
}

// WithdrawEmailTokens makes the unused links of purpose for the address (or,
// with registrationID set, for that registration) stop working.
// Their hashes are kept as replaced (DeadLink).
func (tx *Tx) WithdrawEmailTokens(conferenceID int64, purpose, emailKey string, registrationID int64, now time.Time) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `INSERT OR REPLACE INTO dead_links (token_hash, conference_id, reason, ended_at)
		SELECT token_hash, conference_id, 'replaced', ? FROM email_tokens
		WHERE conference_id = ? AND purpose = ? AND used_at IS NULL AND (email_key = ? OR registration_id = ?)`,
		ts(now), conferenceID, purpose, emailKey, registrationID); err != nil {
		return fmt.Errorf("store: keep withdrawn e-mail tokens: %w", err)
	}
	_, err := tx.tx.ExecContext(tx.ctx, `UPDATE email_tokens SET used_at = ?, form = ''
		WHERE conference_id = ? AND purpose = ? AND used_at IS NULL
		AND (email_key = ? OR registration_id = ?)`, ts(now), conferenceID, purpose, emailKey, registrationID)
	if err != nil {
		return fmt.Errorf("store: withdraw e-mail tokens: %w", err)
	}
	return nil
}

// UseEmailToken marks a token used, so that it works once, and forgets the
// form it kept. ErrNotFound when it was used meanwhile.
func (tx *Tx) UseEmailToken(id int64, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE email_tokens SET used_at = ?, form = '' WHERE id = ? AND used_at IS NULL`,
		ts(now), id)
	if err != nil {
		return fmt.Errorf("store: use e-mail token %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// SweepEmailTokens deletes the tokens that expired before now, with the
// forms that unconfirmed registrations left behind. The hashes of those
// never used are kept as expired (DeadLink).
func (tx *Tx) SweepEmailTokens(now time.Time) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `INSERT OR IGNORE INTO dead_links (token_hash, conference_id, reason, ended_at)
		SELECT token_hash, conference_id, 'expired', expires_at FROM email_tokens WHERE expires_at <= ? AND used_at IS NULL`,
		ts(now)); err != nil {
		return fmt.Errorf("store: keep expired e-mail tokens: %w", err)
	}
	if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM email_tokens WHERE expires_at <= ?`, ts(now)); err != nil {
		return fmt.Errorf("store: sweep e-mail tokens: %w", err)
	}
	return nil
}

// UnconfirmedCount returns how many registrations wait for their address
// to be confirmed: unused, unexpired register links.
func (s *Store) UnconfirmedCount(ctx context.Context, conferenceID int64, now time.Time) (int, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM email_tokens WHERE conference_id = ?
		AND purpose = 'register' AND used_at IS NULL AND expires_at > ?`, conferenceID, ts(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unconfirmed count: %w", err)
	}
	return n, nil
}

// PendingEmailChange returns the address a registration is being moved to,
// or "" when no change waits for confirmation.
func (s *Store) PendingEmailChange(ctx context.Context, registrationID int64, now time.Time) (string, error) {
	var email string
	err := s.db.Read.QueryRowContext(ctx, `SELECT new_email FROM email_tokens WHERE registration_id = ?
		AND purpose = 'email_change' AND used_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1`,
		registrationID, ts(now)).Scan(&email)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: pending e-mail change: %w", err)
	}
	return email, nil
}

// RegistrationByCalendarToken returns the registration whose calendar feed token is token.
func (s *Store) RegistrationByCalendarToken(ctx context.Context, token string) (model.Registration, error) {
	r, err := scanRegistration(s.db.Read.QueryRowContext(ctx,
		`SELECT `+registrationColumns+` FROM registrations WHERE calendar_token = ?`, token))
	if err != nil {
		return r, notFound(err, "registration by calendar token")
	}
	return r, nil
}

// SetRegistrationEmail moves a registration to a new address. A taken
// address gives ErrDuplicate.
func (tx *Tx) SetRegistrationEmail(id int64, email string, now time.Time) error {
	_, err := tx.tx.ExecContext(tx.ctx, `UPDATE registrations SET email = ?, email_key = ?, updated_at = ? WHERE id = ?`,
		email, EmailKey(email), ts(now), id)
	if err != nil {
		if isUnique(err) {
			return fmt.Errorf("store: set e-mail of registration %d: %w", id, ErrDuplicate)
		}
		return fmt.Errorf("store: set e-mail of registration %d: %w", id, err)
	}
	return nil
}

// Why a link stopped working, as DeadLink reports it.
const (
	LinkReplaced = "replaced" // a newer link was issued
	LinkExpired  = "expired"  // its time ran out before it was used
	LinkUsed     = "used"     // an e-mailed link that was followed already
)

// DeadLink reports why the link whose token hashes to hash stopped
// working (LinkReplaced, LinkExpired, LinkUsed) and since when; "" when
// nothing is known of it (never issued, or forgotten: ForgetDeadLinks).
func (s *Store) DeadLink(ctx context.Context, hash []byte, now time.Time) (string, time.Time, error) {
	var reason string
	var at sql.NullString
	err := s.db.Read.QueryRowContext(ctx, `SELECT reason, ended_at FROM (
		SELECT 1 AS rank, reason, ended_at FROM dead_links WHERE token_hash = ?
		UNION ALL
		SELECT 2, CASE WHEN used_at IS NOT NULL THEN 'used' ELSE 'expired' END, coalesce(used_at, expires_at)
		FROM email_tokens WHERE token_hash = ? AND (used_at IS NOT NULL OR expires_at <= ?)
	) ORDER BY rank LIMIT 1`, hash, hash, ts(now)).Scan(&reason, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, nil
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("store: dead link: %w", err)
	}
	var ended time.Time
	return reason, ended, parseTimes(timeField{at, &ended})
}

// ForgetDeadLinks deletes what DeadLink knows of links that ended before before.
func (tx *Tx) ForgetDeadLinks(before time.Time) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM dead_links WHERE ended_at < ?`, ts(before)); err != nil {
		return fmt.Errorf("store: forget dead links: %w", err)
	}
	return nil
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"confdesk/internal/model"
)

// Visa letters a consulate can verify (migration 0022).

const visaLetterColumns = `l.id, l.conference_id, l.registration_id, l.approved_at, l.nonce, l.issued_at,
	l.passport_name, l.nationality, l.passport_last3, l.invited_from, l.invited_until,
	l.withdrawn_at, l.withdrawn_reason, l.verify_count, l.last_verified_at`

func scanVisaLetter(row scanner) (model.VisaLetter, error) {
	var l model.VisaLetter
	var approved, issued, withdrawn, verified sql.NullString
	if err := row.Scan(&l.ID, &l.ConferenceID, &l.RegistrationID, &approved, &l.Nonce, &issued,
		&l.PassportName, &l.Nationality, &l.PassportLast3, &l.InvitedFrom, &l.InvitedUntil,
		&withdrawn, &l.WithdrawnReason, &l.VerifyCount, &verified); err != nil {
		return l, err
	}
	return l, parseTimes(timeField{approved, &l.ApprovedAt}, timeField{issued, &l.IssuedAt},
		timeField{withdrawn, &l.WithdrawnAt}, timeField{verified, &l.LastVerifiedAt})
}

// VisaLetter returns the letter that holds for registration
// registrationID's approval of approvedAt (ErrNotFound when none was
// issued yet or it was withdrawn).
func (rd reader) VisaLetter(ctx context.Context, registrationID int64, approvedAt time.Time) (model.VisaLetter, error) {
	l, err := scanVisaLetter(rd.q.QueryRowContext(ctx, `SELECT `+visaLetterColumns+`
		FROM visa_letters l WHERE l.registration_id = ? AND l.approved_at = ? AND l.withdrawn_at IS NULL`, registrationID, ts(approvedAt)))
	if err != nil {
		return l, notFound(err, fmt.Sprintf("visa letter of registration %d", registrationID))
	}
	return l, nil
}

// IssueVisaLetter stores l, the letter of l.RegistrationID's approval
// l.ApprovedAt, under codeHash, unless that approval already has one; it
// returns the approval's letter as stored and whether this call issued it.
// Two downloads at once thus agree on one letter.
func (tx *Tx) IssueVisaLetter(l model.VisaLetter, codeHash []byte) (model.VisaLetter, bool, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO visa_letters (conference_id, registration_id, approved_at,
		code_hash, nonce, issued_at, passport_name, nationality, passport_last3, invited_from, invited_until)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (registration_id, approved_at) WHERE withdrawn_at IS NULL DO NOTHING`,
		l.ConferenceID, l.RegistrationID, ts(l.ApprovedAt), codeHash, l.Nonce, ts(l.IssuedAt),
		l.PassportName, l.Nationality, l.PassportLast3, l.InvitedFrom, l.InvitedUntil)
	if err != nil {
		return l, false, fmt.Errorf("store: issue visa letter of registration %d: %w", l.RegistrationID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return l, false, err
	}
	stored, err := tx.read.VisaLetter(tx.ctx, l.RegistrationID, l.ApprovedAt)
	return stored, n == 1, err
}

// WithdrawVisaLetters withdraws registration registrationID's letters that
// still hold, at now, for reason (model.LetterDetailsChanged, …).
func (tx *Tx) WithdrawVisaLetters(registrationID int64, reason string, now time.Time) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `UPDATE visa_letters SET withdrawn_at = ?, withdrawn_reason = ?
		WHERE registration_id = ? AND withdrawn_at IS NULL`, ts(now), reason, registrationID); err != nil {
		return fmt.Errorf("store: withdraw visa letters of registration %d: %w", registrationID, err)
	}
	return nil
}

// blankVisaLetters is the statement retention and erasure run on the
// letters of the registrations they delete details from (?1 the time,
// then the WHERE's parameters): the facts go and the letters read
// withdrawn, "data deleted".
const blankVisaLetters = `UPDATE visa_letters SET passport_name = '', nationality = '', passport_last3 = '',
	withdrawn_at = coalesce(withdrawn_at, ?1), withdrawn_reason = CASE WHEN withdrawn_at IS NULL THEN 'data_deleted' ELSE withdrawn_reason END
	WHERE `

// VerifyTrace, when set, is told every statement VerifyVisaLetter runs:
// for the test that an unknown code costs the
// database what a known one does. Nil outside tests.
var VerifyTrace func(query string)

// The two statements of VerifyVisaLetter. Both run whether or not the code
// is known, so an unknown code costs what a known one does.
const (
	verifyCountQuery = `UPDATE visa_letters SET verify_count = verify_count + 1, last_verified_at = ? WHERE code_hash = ?`
	verifyReadQuery  = `SELECT l.id IS NOT NULL, coalesce(l.id, 0), coalesce(l.conference_id, 0), coalesce(l.registration_id, 0),
		l.approved_at, coalesce(l.nonce, x''), l.issued_at, coalesce(l.passport_name, ''), coalesce(l.nationality, ''),
		coalesce(l.passport_last3, ''), coalesce(l.invited_from, ''), coalesce(l.invited_until, ''),
		CASE WHEN l.withdrawn_at IS NOT NULL THEN l.withdrawn_at
			WHEN r.id IS NULL OR r.passport_purged_at IS NOT NULL OR r.status <> 'confirmed' OR r.letter_approved_at IS NOT l.approved_at
			THEN coalesce(r.updated_at, l.issued_at) END,
		CASE WHEN l.withdrawn_at IS NOT NULL THEN l.withdrawn_reason
			WHEN r.id IS NULL OR r.passport_purged_at IS NOT NULL THEN 'data_deleted'
			WHEN r.status <> 'confirmed' THEN 'not_confirmed'
			WHEN r.letter_approved_at IS NOT l.approved_at THEN 'details_changed'
			ELSE '' END,
		coalesce(l.verify_count, 0), l.last_verified_at
		FROM (SELECT ? AS h) q LEFT JOIN visa_letters l ON l.code_hash = q.h LEFT JOIN registrations r ON r.id = l.registration_id`
)

// VerifyVisaLetter counts a verification of the letter whose code hashes
// to codeHash and returns it, or ErrNotFound. Its withdrawal is the one
// recorded, or else the one the registration shows now (no longer
// confirmed, approval replaced, details deleted), so that a letter never
// reads valid when its registration says otherwise.
func (s *Store) VerifyVisaLetter(ctx context.Context, codeHash []byte, now time.Time) (model.VisaLetter, error) {
	var l model.VisaLetter
	var found bool
	err := s.Update(ctx, func(tx *Tx) error {
		trace := func(q string) {
			if VerifyTrace != nil {
				VerifyTrace(q)
			}
		}
		trace(verifyCountQuery)
		if _, err := tx.tx.ExecContext(tx.ctx, verifyCountQuery, ts(now), codeHash); err != nil {
			return err
		}
		trace(verifyReadQuery)
		var approved, issued, withdrawn, verified sql.NullString
		if err := tx.tx.QueryRowContext(tx.ctx, verifyReadQuery, codeHash).Scan(&found, &l.ID, &l.ConferenceID, &l.RegistrationID,
			&approved, &l.Nonce, &issued, &l.PassportName, &l.Nationality, &l.PassportLast3, &l.InvitedFrom, &l.InvitedUntil,
			&withdrawn, &l.WithdrawnReason, &l.VerifyCount, &verified); err != nil {
			return err
		}
		return parseTimes(timeField{approved, &l.ApprovedAt}, timeField{issued, &l.IssuedAt},
			timeField{withdrawn, &l.WithdrawnAt}, timeField{verified, &l.LastVerifiedAt})
	})
	if err != nil {
		return model.VisaLetter{}, fmt.Errorf("store: verify visa letter: %w", err)
	}
	if !found {
		return model.VisaLetter{}, ErrNotFound
	}
	return l, nil
}

// VisaLetterVerifications is how often registration registrationID's
// letters (every version) were verified, and when last.
func (rd reader) VisaLetterVerifications(ctx context.Context, registrationID int64) (int, time.Time, error) {
	var n int
	var last sql.NullString
	if err := rd.q.QueryRowContext(ctx, `SELECT coalesce(sum(verify_count), 0), max(last_verified_at)
		FROM visa_letters WHERE registration_id = ?`, registrationID).Scan(&n, &last); err != nil {
		return 0, time.Time{}, fmt.Errorf("store: verifications of registration %d: %w", registrationID, err)
	}
	t, err := parseTS(last)
	return n, t, err
}

// VisaLetters lists every letter issued to registration id, oldest first,
// withdrawn ones included: for the person's own data file.
func (rd reader) VisaLetters(ctx context.Context, registrationID int64) ([]model.VisaLetter, error) {
	rows, err := rd.q.QueryContext(ctx, `SELECT `+visaLetterColumns+` FROM visa_letters l
		WHERE l.registration_id = ? ORDER BY l.issued_at, l.id`, registrationID)
	if err != nil {
		return nil, fmt.Errorf("store: visa letters of registration %d: %w", registrationID, err)
	}
	defer rows.Close()
	var out []model.VisaLetter
	for rows.Next() {
		l, err := scanVisaLetter(rows)
		if err != nil {
			return nil, fmt.Errorf("store: visa letters of registration %d: %w", registrationID, err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

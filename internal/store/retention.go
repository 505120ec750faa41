package store

import (
	"context"
	"fmt"
	"time"

	"confdesk/internal/model"
)

// Retention returns how long the conference keeps personal data.
func (rd reader) Retention(ctx context.Context, conferenceID int64) (model.Retention, error) {
	var r model.Retention
	err := rd.q.QueryRowContext(ctx, `SELECT passport_retention_days, personal_retention_days
		FROM conference WHERE id = ?`, conferenceID).Scan(&r.PassportDays, &r.PersonalDays)
	if err != nil {
		return r, notFound(err, fmt.Sprintf("conference %d", conferenceID))
	}
	return r, nil
}

// Retention returns how long the conference keeps personal data, inside the transaction.
func (tx *Tx) Retention(conferenceID int64) (model.Retention, error) {
	return tx.read.Retention(tx.ctx, conferenceID)
}

// SetRetention saves the conference's retention periods.
func (tx *Tx) SetRetention(conferenceID int64, r model.Retention) error {
	_, err := tx.tx.ExecContext(tx.ctx, `UPDATE conference SET passport_retention_days = ?, personal_retention_days = ?
		WHERE id = ?`, r.PassportDays, r.PersonalDays, conferenceID)
	if err != nil {
		return fmt.Errorf("store: set retention of conference %d: %w", conferenceID, err)
	}
	return nil
}

// PurgePassports blanks the passport details of every registration of the
// conference that still has them and marks it purged at now; it returns
// how many registrations it purged.
func (tx *Tx) PurgePassports(conferenceID int64, now time.Time) (int, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE registrations SET passport_name = '', nationality = '',
		passport_number = '', passport_expiry = '', date_of_birth = '', passport_purged_at = ?
		WHERE conference_id = ? AND passport_purged_at IS NULL`, ts(now), conferenceID)
	if err != nil {
		return 0, fmt.Errorf("store: purge passports: %w", err)
	}
	// The letters' printed facts go with the passports (visa_letter.go).
	if _, err := tx.tx.ExecContext(tx.ctx, blankVisaLetters+`conference_id = ?2 AND (passport_name <> '' OR withdrawn_at IS NULL)`,
		ts(now), conferenceID); err != nil {
		return 0, fmt.Errorf("store: purge visa letters: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// DeleteSentBodies empties the bodies of the conference's messages sent at
// or before before, keeping their kind, recipient, subject, times and
// state; it returns how many it emptied.
func (tx *Tx) DeleteSentBodies(conferenceID int64, before time.Time) (int, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE outbox SET body_text = '', body_html = ''
		WHERE conference_id = ? AND state = 'sent' AND sent_at IS NOT NULL AND sent_at <= ?
		AND (body_text <> '' OR body_html <> '')`, conferenceID, ts(before))
	if err != nil {
		return 0, fmt.Errorf("store: delete sent bodies: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// UnerasedIDs returns the ids of the conference's registrations whose
// personal details are still kept.
func (tx *Tx) UnerasedIDs(conferenceID int64) ([]int64, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, `SELECT id FROM registrations
		WHERE conference_id = ? AND erased_at IS NULL ORDER BY id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: unerased registrations: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// EraseRegistration erases one registration's personal details: its names
// become "Erased", every other personal field is blanked, its self-service,
// check-in and calendar tokens are replaced by values nobody holds, its
// outbox messages, e-mailed links and itinerary are deleted, and its audit entries
// keep who did what and when but lose every value. What the statistics
// count (country, organisation type, category, status, dates, check-ins,
// session choices) stays. It reports false when the registration was
// already erased.
func (tx *Tx) EraseRegistration(id int64, now time.Time) (bool, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE registrations SET first_name = 'Erased', last_name = '',
		badge_name = '', email = '', email_key = 'erased:' || id, phone = '', organisation = '', job_title = '',
		dietary = '', accessibility = '', passport_name = '', nationality = '', passport_number = '',
		passport_expiry = '', date_of_birth = '', outlet = '', press_card = '', rejection_reason = '',
		sponsorship_reason = '', sponsorship_note = '',
		manage_token_hash = randomblob(32), checkin_code = 'erased-' || id, calendar_token = NULL, list_consent = 0,
		passport_purged_at = coalesce(passport_purged_at, ?1), erased_at = ?1, updated_at = ?1
		WHERE id = ?2 AND erased_at IS NULL`, ts(now), id)
	if err != nil {
		return false, fmt.Errorf("store: erase registration %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	for _, q := range []string{
		`DELETE FROM outbox WHERE registration_id = ?`,
		`DELETE FROM email_tokens WHERE registration_id = ?`,
		// A sponsored participant's flights and hotel dates are personal.
		`DELETE FROM itineraries WHERE registration_id = ?`,
		// The nomination it came through (issue 16) loses the person too:
		// its message (addressed before there was a registration), then
		// the names and address the focal point typed.
		`DELETE FROM outbox WHERE registration_id IS NULL AND kind = 'nomination'
			AND to_email IN (SELECT email FROM nominations WHERE registration_id = ?1)`,
		`UPDATE nominations SET first_name = 'Erased', last_name = '', email = '', email_key = 'erased:' || id,
			job_title = '', organisation = '' WHERE registration_id = ?1`,
		// Field names stay (what was changed), values go.
		`UPDATE audit_log SET changes = (SELECT coalesce(json_group_object(key, json_array('', '')), '{}')
			FROM json_each(audit_log.changes)) WHERE entity = 'registration' AND entity_id = ?`,
	} {
		if _, err := tx.tx.ExecContext(tx.ctx, q, id); err != nil {
			return false, fmt.Errorf("store: erase registration %d: %w", id, err)
		}
	}
	// Its visa letters keep their codes (a consulate is told "withdrawn"), not its details.
	if _, err := tx.tx.ExecContext(tx.ctx, blankVisaLetters+`registration_id = ?2`, ts(now), id); err != nil {
		return false, fmt.Errorf("store: erase registration %d: visa letters: %w", id, err)
	}
	return true, nil
}

// DeleteEmailTokens deletes every e-mailed link of the conference, used or
// not, with the registration forms waiting for confirmation they hold.
func (tx *Tx) DeleteEmailTokens(conferenceID int64) (int, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM email_tokens WHERE conference_id = ?`, conferenceID)
	if err != nil {
		return 0, fmt.Errorf("store: delete e-mailed links: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// RequestErasure records that registration id's owner asked for erasure.
func (tx *Tx) RequestErasure(id int64, now time.Time) error {
	_, err := tx.tx.ExecContext(tx.ctx, `UPDATE registrations SET erasure_requested_at = ?
		WHERE id = ? AND erasure_requested_at IS NULL AND erased_at IS NULL`, ts(now), id)
	if err != nil {
		return fmt.Errorf("store: request erasure of %d: %w", id, err)
	}
	return nil
}

// ErasureRequest is a registration whose owner asked for erasure and which
// is not erased yet.
type ErasureRequest struct {
	ID          int64
	Reference   string
	Name        string
	RequestedAt time.Time
}

// ErasureRequests returns the conference's open erasure requests, oldest first.
func (s *Store) ErasureRequests(ctx context.Context, conferenceID int64) ([]ErasureRequest, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT id, reference, first_name || ' ' || last_name, erasure_requested_at
		FROM registrations WHERE conference_id = ? AND erasure_requested_at IS NOT NULL AND erased_at IS NULL
		ORDER BY erasure_requested_at, id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: erasure requests: %w", err)
	}
	defer rows.Close()
	var out []ErasureRequest
	for rows.Next() {
		var e ErasureRequest
		var at string
		if err := rows.Scan(&e.ID, &e.Reference, &e.Name, &at); err != nil {
			return nil, err
		}
		if e.RequestedAt, err = time.Parse(timeLayout, at); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

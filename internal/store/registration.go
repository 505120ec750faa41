package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"confdesk/internal/model"
)

// ErrDuplicate is returned when a unique value (an e-mail, a reference) is taken.
var ErrDuplicate = errors.New("store: already exists")

const registrationColumns = `id, conference_id, reference, checkin_code, status, category, first_name, last_name,
	badge_name, email, phone, country, organisation, org_type, job_title, dietary, accessibility, visa_letter,
	passport_name, nationality, passport_number, passport_expiry, date_of_birth, list_consent, outlet, media_type,
	press_card, head_of_delegation, rejection_reason, letter_approved_at, badge_printed_at, waitlisted_at,
	consent_at, created_at, updated_at, coalesce(calendar_token, ''), version,
	passport_purged_at, erased_at, costs_covered_by, language,
	sponsorship, sponsorship_reason, sponsorship_note, sponsorship_decided_at, sponsorship_decided_by`

func scanRegistration(row scanner) (model.Registration, error) {
	var r model.Registration
	var letter, badge, waitlisted, consent, created, updated, purged, erased, decided sql.NullString
	err := row.Scan(&r.ID, &r.ConferenceID, &r.Reference, &r.CheckinCode, &r.Status, &r.Category, &r.FirstName,
		&r.LastName, &r.BadgeName, &r.Email, &r.Phone, &r.Country, &r.Organisation, &r.OrgType, &r.JobTitle,
		&r.Dietary, &r.Accessibility, &r.VisaLetter, &r.PassportName, &r.Nationality, &r.PassportNumber,
		&r.PassportExpiry, &r.DateOfBirth, &r.ListConsent, &r.Outlet, &r.MediaType, &r.PressCard,
		&r.HeadOfDelegation, &r.RejectionReason, &letter, &badge, &waitlisted, &consent, &created, &updated,
		&r.CalendarToken, &r.Version, &purged, &erased, &r.CostsCoveredBy, &r.Language,
		&r.Sponsorship, &r.SponsorshipReason, &r.SponsorshipNote, &decided, &r.SponsorshipDecidedBy)
	if err != nil {
		return r, err
	}
	return r, parseTimes(timeField{letter, &r.LetterApprovedAt}, timeField{badge, &r.BadgePrintedAt},
		timeField{waitlisted, &r.WaitlistedAt}, timeField{consent, &r.ConsentAt},
		timeField{created, &r.CreatedAt}, timeField{updated, &r.UpdatedAt},
		timeField{purged, &r.PassportPurgedAt}, timeField{erased, &r.ErasedAt},
		timeField{decided, &r.SponsorshipDecidedAt})
}

// EmailKey is the form of an e-mail address that uniqueness compares: trimmed, lower case.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// RegistrationCounts returns how many registrations the conference has in each status.
func (s *Store) RegistrationCounts(ctx context.Context, conferenceID int64) (map[string]int, error) {
	return s.countBy(ctx, `SELECT status, count(*) FROM registrations WHERE conference_id = ? GROUP BY status`, conferenceID)
}

// activeCountQuery counts what capacity counts: pending and confirmed
// registrations, press excepted (journalists are accredited apart from the
// delegates' places).
const activeCountQuery = `SELECT count(*) FROM registrations
	WHERE conference_id = ? AND status IN ('pending', 'confirmed') AND category <> 'press'`

// ActiveCount returns how many places are taken.
func (rd reader) ActiveCount(ctx context.Context, conferenceID int64) (int, error) {
	var n int
	if err := rd.q.QueryRowContext(ctx, activeCountQuery, conferenceID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: active count: %w", err)
	}
	return n, nil
}

// ActiveCount returns how many places are taken, inside the transaction.
func (tx *Tx) ActiveCount(conferenceID int64) (int, error) {
	return tx.read.ActiveCount(tx.ctx, conferenceID)
}

// Registration returns the registration with id.
func (rd reader) Registration(ctx context.Context, id int64) (model.Registration, error) {
	r, err := scanRegistration(rd.q.QueryRowContext(ctx, `SELECT `+registrationColumns+` FROM registrations WHERE id = ?`, id))
	if err != nil {
		return r, notFound(err, fmt.Sprintf("registration %d", id))
	}
	return r, nil
}

// RegistrationByTokenHash returns the registration whose self-service token hashes to hash.
func (s *Store) RegistrationByTokenHash(ctx context.Context, hash []byte) (model.Registration, error) {
	r, err := scanRegistration(s.db.Read.QueryRowContext(ctx,
		`SELECT `+registrationColumns+` FROM registrations WHERE manage_token_hash = ?`, hash))
	if err != nil {
		return r, notFound(err, "registration by token")
	}
	return r, nil
}

// Registration returns the registration with id, inside the transaction.
func (tx *Tx) Registration(id int64) (model.Registration, error) {
	return tx.read.Registration(tx.ctx, id)
}

// RegistrationByEmail returns the conference's registration for email
// (compared trimmed and without regard to case), inside the transaction.
func (tx *Tx) RegistrationByEmail(conferenceID int64, email string) (model.Registration, error) {
	r, err := scanRegistration(tx.tx.QueryRowContext(tx.ctx, `SELECT `+registrationColumns+` FROM registrations
		WHERE conference_id = ? AND email_key = ?`, conferenceID, EmailKey(email)))
	if err != nil {
		return r, notFound(err, "registration by e-mail")
	}
	return r, nil
}

// NewRegistration is a registration to insert with its secrets.
type NewRegistration struct {
	model.Registration
	ManageTokenHash []byte
}

// CreateRegistration inserts r and returns its id. A taken e-mail,
// reference or check-in code gives ErrDuplicate.
func (tx *Tx) CreateRegistration(r NewRegistration) (int64, error) {
	now := ts(r.CreatedAt)
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO registrations (conference_id, reference, manage_token_hash,
		checkin_code, status, category, first_name, last_name, badge_name, email, email_key, phone, country,
		organisation, org_type, job_title, dietary, accessibility, visa_letter, passport_name, nationality,
		passport_number, passport_expiry, date_of_birth, list_consent, outlet, media_type, press_card,
		waitlisted_at, consent_at, created_at, updated_at, calendar_token, language, sponsorship, sponsorship_reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ConferenceID, r.Reference, r.ManageTokenHash, r.CheckinCode, r.Status, r.Category, r.FirstName,
		r.LastName, r.BadgeName, r.Email, EmailKey(r.Email), r.Phone, r.Country, r.Organisation, r.OrgType,
		r.JobTitle, r.Dietary, r.Accessibility, r.VisaLetter, r.PassportName, r.Nationality, r.PassportNumber,
		r.PassportExpiry, r.DateOfBirth, r.ListConsent, r.Outlet, r.MediaType, r.PressCard,
		nullTS(r.WaitlistedAt), ts(r.ConsentAt), now, now, nullString(r.CalendarToken), languageOrEnglish(r.Language),
		r.Sponsorship, r.SponsorshipReason)
	if err != nil {
		if isUnique(err) {
			return 0, fmt.Errorf("store: create registration: %w", ErrDuplicate)
		}
		return 0, fmt.Errorf("store: create registration: %w", err)
	}
	return res.LastInsertId()
}

// UpdateRegistrationDetails saves the fields a participant may edit. A
// taken e-mail gives ErrDuplicate.
func (tx *Tx) UpdateRegistrationDetails(r model.Registration, now time.Time) error {
	_, err := tx.tx.ExecContext(tx.ctx, `UPDATE registrations SET first_name = ?, last_name = ?, badge_name = ?,
		email = ?, email_key = ?, phone = ?, country = ?, organisation = ?, org_type = ?, job_title = ?, dietary = ?,
		accessibility = ?, visa_letter = ?, passport_name = ?, nationality = ?, passport_number = ?,
		passport_expiry = ?, date_of_birth = ?, list_consent = ?, outlet = ?, media_type = ?, press_card = ?,
		updated_at = ? WHERE id = ?`,
		r.FirstName, r.LastName, r.BadgeName, r.Email, EmailKey(r.Email), r.Phone, r.Country, r.Organisation,
		r.OrgType, r.JobTitle, r.Dietary, r.Accessibility, r.VisaLetter, r.PassportName, r.Nationality,
		r.PassportNumber, r.PassportExpiry, r.DateOfBirth, r.ListConsent, r.Outlet, r.MediaType, r.PressCard,
		ts(now), r.ID)
	if err != nil {
		if isUnique(err) {
			return fmt.Errorf("store: update registration %d: %w", r.ID, ErrDuplicate)
		}
		return fmt.Errorf("store: update registration %d: %w", r.ID, err)
	}
	return nil
}

// SetManageTokenHash replaces a registration's self-service token; the old
// link stops working, and its hash is kept as replaced (DeadLink), so
// following it says so.
func (tx *Tx) SetManageTokenHash(id int64, hash []byte, now time.Time) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `INSERT OR REPLACE INTO dead_links (token_hash, conference_id, reason, ended_at)
		SELECT manage_token_hash, conference_id, 'replaced', ? FROM registrations WHERE id = ?`, ts(now), id); err != nil {
		return fmt.Errorf("store: keep replaced token of registration %d: %w", id, err)
	}
	if _, err := tx.tx.ExecContext(tx.ctx, `UPDATE registrations SET manage_token_hash = ?, updated_at = ? WHERE id = ?`,
		hash, ts(now), id); err != nil {
		return fmt.Errorf("store: set token of registration %d: %w", id, err)
	}
	return nil
}

// SetRegistrationStatus moves a registration to status. Joining the waiting
// list stamps its place in the queue; leaving it clears the stamp.
func (tx *Tx) SetRegistrationStatus(id int64, status string, now time.Time) error {
	_, err := tx.tx.ExecContext(tx.ctx, `UPDATE registrations SET status = ?,
		waitlisted_at = CASE WHEN ? = 'waitlisted' THEN coalesce(waitlisted_at, ?) ELSE NULL END,
		cancelled_at = CASE WHEN ? = 'cancelled' THEN ? ELSE cancelled_at END,
		updated_at = ? WHERE id = ?`, status, status, ts(now), status, ts(now), ts(now), id)
	if err != nil {
		return fmt.Errorf("store: set status of registration %d: %w", id, err)
	}
	return nil
}

// RenewConsent records the consent given when a cancelled registration's
// owner registers again, which also withdraws the erasure they may have
// asked for on leaving.
func (tx *Tx) RenewConsent(id int64, now time.Time) error {
	return tx.setRegistration(id, "consent", `consent_at = ?, erasure_requested_at = NULL`, ts(now), now)
}

// SetRegistrationLanguage records the language a registration's messages
// are written in ("es"): the language of the form its owner last filled in.
func (tx *Tx) SetRegistrationLanguage(id int64, lang string, now time.Time) error {
	return tx.setRegistration(id, "language", `language = ?`, languageOrEnglish(lang), now)
}

// SetRejectionReason stores why a registration was refused ("" clears it); the person sees it.
func (tx *Tx) SetRejectionReason(id int64, reason string, now time.Time) error {
	return tx.setRegistration(id, "rejection reason", `rejection_reason = ?`, reason, now)
}

// SetRegistrationCategory changes a registration's category (organisers only).
func (tx *Tx) SetRegistrationCategory(id int64, category string, now time.Time) error {
	return tx.setRegistration(id, "category", `category = ?`, category, now)
}

// SetHeadOfDelegation marks or unmarks a registration as its delegation's head.
func (tx *Tx) SetHeadOfDelegation(id int64, head bool, now time.Time) error {
	return tx.setRegistration(id, "head of delegation", `head_of_delegation = ?`, head, now)
}

// SetCostsCoveredBy records who pays the registration's travel and stay
// (model.CostsOrganiser, model.CostsSelf, or "" for undecided).
func (tx *Tx) SetCostsCoveredBy(id int64, by string, now time.Time) error {
	return tx.setRegistration(id, "costs covered by", `costs_covered_by = ?`, by, now)
}

// ApproveLetter records that an organiser approved the registration's visa-letter request at now.
func (tx *Tx) ApproveLetter(id int64, now time.Time) error {
	return tx.setRegistration(id, "letter approval", `letter_approved_at = ?`, ts(now), now)
}

// setRegistration runs one "SET column = ?" on a registration and stamps updated_at.
func (tx *Tx) setRegistration(id int64, what, set string, value any, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE registrations SET `+set+`, updated_at = ? WHERE id = ?`, value, ts(now), id)
	if err != nil {
		return fmt.Errorf("store: set %s of registration %d: %w", what, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

const waitlistPositionQuery = `SELECT count(*) FROM registrations w, registrations r
	WHERE r.id = ? AND r.status = 'waitlisted' AND w.conference_id = r.conference_id AND w.status = 'waitlisted'
	AND (w.waitlisted_at, w.id) <= (r.waitlisted_at, r.id)`

// WaitlistPosition returns the registration's place in its queue (1 is
// next), or 0 when it is not waitlisted. With quotas (quota.go) there is a
// queue per full quota and one for a place: a registration waiting for
// its country's quota is counted among that country's waiting
// participants, one waiting for a place among those that wait for one.
func (rd reader) WaitlistPosition(ctx context.Context, id int64) (int, error) {
	var n int
	var confID int64
	if err := rd.q.QueryRowContext(ctx, `SELECT conference_id FROM registrations WHERE id = ?`, id).Scan(&confID); err != nil {
		return 0, notFound(err, "waitlist position")
	}
	has, err := rd.hasQuotas(ctx, confID)
	if err != nil {
		return 0, err
	}
	if !has {
		if err := rd.q.QueryRowContext(ctx, waitlistPositionQuery, id).Scan(&n); err != nil {
			return 0, fmt.Errorf("store: waitlist position: %w", err)
		}
		return n, nil
	}
	r, err := rd.Registration(ctx, id)
	if err != nil || r.Status != model.StatusWaitlisted {
		return 0, err
	}
	q, forQuota, err := rd.WaitlistQueue(ctx, r)
	if err != nil {
		return 0, err
	}
	ahead := `SELECT count(*) FROM registrations w, registrations r WHERE r.id = ? AND w.conference_id = r.conference_id
		AND w.status = 'waitlisted' AND (w.waitlisted_at, w.id) <= (r.waitlisted_at, r.id)`
	args := []any{id}
	if forQuota {
		ahead += ` AND w.category = 'participant' AND CASE ? WHEN 'country' THEN w.country ELSE w.org_type END = ?`
		args = append(args, q.Dimension, q.Value)
	} else {
		ahead += ` AND NOT ` + blocked("w")
	}
	if err := rd.q.QueryRowContext(ctx, ahead, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: waitlist position: %w", err)
	}
	return n, nil
}

// WaitlistPosition returns the registration's place in the queue, inside the transaction.
func (tx *Tx) WaitlistPosition(id int64) (int, error) { return tx.read.WaitlistPosition(tx.ctx, id) }

// WaitlistLength returns how many registrations wait for a place, inside
// the transaction: the position of one that has just joined the list.
func (tx *Tx) WaitlistLength(conferenceID int64) (int, error) {
	var n int
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT waitlisted FROM waitlist_lengths WHERE conference_id = ?`, conferenceID).Scan(&n)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: waiting-list length: %w", err)
	}
	return n, nil
}

// isUnique reports whether err is a UNIQUE constraint violation.
func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// ClearLetterApproval withdraws a visa letter's approval.
func (tx *Tx) ClearLetterApproval(id int64, now time.Time) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `UPDATE registrations SET letter_approved_at = NULL, updated_at = ? WHERE id = ?`,
		ts(now), id); err != nil {
		return fmt.Errorf("store: clear letter approval of registration %d: %w", id, err)
	}
	return nil
}

// languageOrEnglish is the language a new registration is stored with:
// English when the caller named none.
func languageOrEnglish(code string) string {
	if code == "" {
		return "en"
	}
	return code
}

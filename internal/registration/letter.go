package registration

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// Visa invitation letters. An organiser's approval vouches for the letter
// as it prints, so it holds only while nothing the letter says changes and
// only while the person has a place:
//
//   - A change to any field the letter prints (name in the passport,
//     nationality, passport number, date of birth, organisation, position)
//     or to the passport's expiry, by the person or by an organiser,
//     withdraws the approval in the same transaction as the change.
//     The conference's own details (dates, venue, signatory) are the
//     organisers' settings and print as they stand on every letter.
//   - Leaving confirmed (waiting list, cancellation, rejection) withdraws
//     it too. Coming back to confirmed needs a new approval, so that a
//     letter's date is always one from which its holder had a place.
//   - Who pays (Registration.CostsCoveredBy) is the organisers' own
//     commitment, set by them alone, like the conference's details: it
//     prints as it stands and does not withdraw an approval.
//   - The approve button carries a fingerprint of the fields the organiser
//     saw. The approval is decided in one write transaction on the current
//     row, and refused when the fingerprint no longer matches: an edit that
//     lands between showing the page and pressing the button is never
//     approved unseen. The fingerprint is independent of the row's version
//     used by the edit forms, so unrelated changes (a phone number) do not
//     get in the way.

// ErrChanged is why an approval is refused when the letter's details
// changed after the organiser's page was drawn; it comes in a *Refusal.
var ErrChanged = errors.New("registration: changed since it was shown")

// letterFields are the values an approval vouches for, in a fixed order.
func letterFields(r model.Registration) []string {
	return []string{yesNo(r.VisaLetter), r.PassportName, r.Nationality, r.PassportNumber, r.PassportExpiry,
		r.DateOfBirth, r.Organisation, r.JobTitle}
}

// letterFieldNames are the audit-log names of letterFields.
var letterFieldNames = []string{"visa_letter", "passport_name", "nationality", "passport_number", "passport_expiry",
	"date_of_birth", "organisation", "job_title"}

// LetterFingerprint identifies what r's letter would say about its holder.
// The approve form carries it, so an approval names the details shown.
func LetterFingerprint(r model.Registration) string {
	h := sha256.New()
	for _, f := range letterFields(r) {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// letterChanges names the fields the letter prints that differ between a and b.
func letterChanges(a, b model.Registration) []string {
	fa, fb := letterFields(a), letterFields(b)
	var out []string
	for i := range fa {
		if fa[i] != fb[i] {
			out = append(out, letterFieldNames[i])
		}
	}
	return out
}

// LetterUnavailable says why r has no invitation letter to print, as a
// message for the person (in their language) or an organiser (English,
// its String), or the zero M when it may be printed.
func LetterUnavailable(r model.Registration) i18n.M {
	switch {
	case !r.VisaLetter:
		return i18n.Msg("doc.letter.not_requested")
	case r.Status != model.StatusConfirmed:
		return i18n.Msg("doc.letter.not_confirmed")
	case r.LetterApprovedAt.IsZero():
		return i18n.Msg("doc.letter.not_approved")
	case strings.TrimSpace(r.PassportName) == "":
		return i18n.Msg("doc.letter.no_passport_name")
	}
	return i18n.M{}
}

// CostsStatement is the sentence r's letter prints about who pays: the
// person's own when organisers decided it, otherwise the conference's
// general statement of costs (which may be empty).
func CostsStatement(c model.Conference, r model.Registration) string {
	organiser := c.Organiser
	if organiser == "" {
		organiser = "the organisers"
	}
	switch r.CostsCoveredBy {
	case model.CostsOrganiser:
		return "The participant's travel, accommodation and meals for the duration of the conference are covered by " + organiser + "."
	case model.CostsSelf:
		return "The participant's travel, accommodation and meals are covered by the participant or their organisation, not by " + organiser + "."
	}
	return c.LetterCosts
}

// SetCostsCoveredBy records who pays registration id's travel and stay:
// model.CostsOrganiser, model.CostsSelf, or "" (undecided). It is audited
// and sends no e-mail; nothing is written when nothing changes.
func (s *Service) SetCostsCoveredBy(ctx context.Context, c model.Conference, id int64, by string, actor Actor) error {
	if by != "" && by != model.CostsOrganiser && by != model.CostsSelf {
		return refuse(ErrNotAllowed, "Choose who covers the costs from the list.")
	}
	now := s.Now()
	return s.Store.Update(ctx, func(tx *store.Tx) error {
		cur, err := tx.Registration(id)
		if err != nil {
			return err
		}
		if cur.ConferenceID != c.ID {
			return store.ErrNotFound
		}
		if cur.CostsCoveredBy == by {
			return nil
		}
		if err := tx.SetCostsCoveredBy(id, by, now); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
			Action: "costs_covered_by", Entity: "registration", EntityID: id, CreatedAt: now,
			Changes: map[string][2]string{"costs_covered_by": {cur.CostsCoveredBy, by}}})
	})
}

// mailLetterReady tells r, inside tx, that its letter is approved, with a
// sign-in link (a token like "Find my registration"'s, SignInTTL long) to
// the self-service page where the letter is downloaded. The person's
// current self-service link keeps working: only a hash of it is stored, so
// it cannot be sent again, and issuing a new one would end it.
func (s *Service) mailLetterReady(tx *store.Tx, c model.Conference, r model.Registration, now time.Time) error {
	token := NewManageToken()
	if _, err := tx.CreateEmailToken(model.EmailToken{ConferenceID: c.ID, Purpose: model.TokenSignIn, EmailKey: store.EmailKey(r.Email),
		RegistrationID: r.ID, CreatedAt: now, ExpiresAt: now.Add(SignInTTL)}, HashToken(token)); err != nil {
		return err
	}
	return s.enqueue(tx, mail.KindLetterReady, mail.Data{Conference: c, Registration: r, ManageURL: s.LinkURL(token)}, now)
}

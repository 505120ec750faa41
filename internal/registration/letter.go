package registration

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"

	"confdesk/internal/model"
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

// LetterUnavailable says why r has no invitation letter to print, in a
// sentence for the person or an organiser, or "" when it may be printed.
func LetterUnavailable(r model.Registration) string {
	switch {
	case !r.VisaLetter:
		return "This registration did not ask for a visa invitation letter."
	case r.Status != model.StatusConfirmed:
		return "There is no visa invitation letter for this registration: a letter exists only while the registration is confirmed, and this one is " + r.Status + "."
	case r.LetterApprovedAt.IsZero():
		return "The visa invitation letter is not available yet: the organisers have not approved it, or approved details have changed since and wait for a new approval."
	case strings.TrimSpace(r.PassportName) == "":
		return "The visa invitation letter cannot be printed without the name as written in the passport."
	}
	return ""
}

package registration

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"strings"

	"confdesk/internal/model"
	"confdesk/internal/store"
)

// Letters a consulate can verify (issue 17).
//
//   - Each approval of a visa letter gets one verification code: 16
//     characters of Crockford's base32 (80 bits), printed in groups of four
//     ("7K2M-9QXP-…") with a QR code to BASE_URL/verify/CODE.
//   - The code is issued when the letter is first generated after the
//     approval (by the person or an organiser), not at the approval: the
//     approval stays one write that any approval path makes, letters
//     approved before codes existed get one at their next download, and
//     every copy of that approval's letter prints the same code (one row
//     per registration and approval, store.IssueVisaLetter).
//   - The code is no credential (it is typed by a third party and shows a
//     few facts), yet the database keeps only its SHA-256, which
//     /verify/CODE looks up, so a copy of the database names no letter.
//     The letter must print the code again, so it is derived: the HMAC of a
//     random per-letter nonce under a key in the secrets table.
//   - A new approval (the passport details changed, which withdrew the old
//     one) issues a new code; the old letter reads withdrawn, with why:
//     the details changed, the registration left confirmed, or the details
//     were deleted (retention, erasure), which also blanks the facts kept.

// letterCodeKey names the key that derives letter codes among the secrets.
const letterCodeKey = "letter_verification"

// crockford is Crockford's base32 alphabet: no I, L, O or U.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// letterCodeLength is the code's characters: 16 × 5 bits = 80 bits.
const letterCodeLength = 16

// ErrBadCode is why a typed code is refused before any lookup: it cannot
// be a code (wrong length or characters).
var ErrBadCode = errors.New("registration: not a letter code")

// deriveLetterCode is the code of the letter with nonce under key.
func deriveLetterCode(key, nonce []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("visa-letter-code\x00"))
	m.Write(nonce)
	sum := m.Sum(nil)
	var b strings.Builder
	// 16 groups of 5 bits from the first 10 bytes.
	bits := make([]byte, 0, 80)
	for _, c := range sum[:10] {
		for i := 7; i >= 0; i-- {
			bits = append(bits, (c>>i)&1)
		}
	}
	for i := 0; i < letterCodeLength; i++ {
		v := 0
		for _, bit := range bits[i*5 : i*5+5] {
			v = v<<1 | int(bit)
		}
		b.WriteByte(crockford[v])
	}
	return b.String()
}

// GroupLetterCode prints a code in groups of four: "7K2M-9QXP-…".
func GroupLetterCode(code string) string {
	var parts []string
	for i := 0; i < len(code); i += 4 {
		parts = append(parts, code[i:min(i+4, len(code))])
	}
	return strings.Join(parts, "-")
}

// NormaliseLetterCode reads a code as typed: any case, with or without
// dashes and spaces, O for 0 and I or L for 1 (Crockford). It reports
// false when the result cannot be a code.
func NormaliseLetterCode(typed string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(typed) {
		switch {
		case r == '-' || r == ' ':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if r > 0x7f || !strings.ContainsRune(crockford, r) {
			return "", false
		}
		b.WriteRune(r)
	}
	if b.Len() != letterCodeLength {
		return "", false
	}
	return b.String(), true
}

// hashLetterCode is what the database keeps of a (normalised) code.
func hashLetterCode(code string) []byte {
	sum := sha256.Sum256([]byte("visa-letter:" + code))
	return sum[:]
}

// LetterCode returns the verification code of r's approved letter (not
// grouped), issuing it when this approval has none yet; the caller checked
// that the letter may be printed (LetterUnavailable). Issuing is audited.
func (s *Service) LetterCode(ctx context.Context, c model.Conference, r model.Registration, actor Actor) (string, error) {
	key, err := s.Store.Secret(ctx, letterCodeKey)
	if err != nil {
		return "", err
	}
	if l, err := s.Store.VisaLetter(ctx, r.ID, r.LetterApprovedAt); err == nil {
		return deriveLetterCode(key, l.Nonce), nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	nonce := make([]byte, 16)
	rand.Read(nonce) // never fails (crypto/rand)
	now := s.Now()
	var code string
	err = s.Store.Update(ctx, func(tx *store.Tx) error {
		cur, err := tx.Registration(r.ID)
		if err != nil {
			return err
		}
		if cur.ConferenceID != c.ID {
			return store.ErrNotFound
		}
		if why := LetterUnavailable(cur); why.ID != "" || !cur.LetterApprovedAt.Equal(r.LetterApprovedAt) {
			return refuse(ErrChanged, "The letter's approval changed while it was being printed; download it again.")
		}
		last3 := cur.PassportNumber
		if n := len([]rune(last3)); n > 3 {
			last3 = string([]rune(last3)[n-3:])
		}
		l, issued, err := tx.IssueVisaLetter(model.VisaLetter{ConferenceID: c.ID, RegistrationID: cur.ID,
			ApprovedAt: cur.LetterApprovedAt, Nonce: nonce, IssuedAt: now, PassportName: cur.PassportName,
			Nationality: cur.Nationality, PassportLast3: last3, InvitedFrom: c.StartDate, InvitedUntil: c.EndDate},
			hashLetterCode(deriveLetterCode(key, nonce)))
		if err != nil {
			return err
		}
		code = deriveLetterCode(key, l.Nonce)
		if !issued {
			return nil
		}
		return tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
			Action: "issue_letter_code", Entity: "registration", EntityID: cur.ID, CreatedAt: now,
			Changes: map[string][2]string{"letter_code": {"", "issued"}}})
	})
	return code, err
}

// VerifyLetter is what /verify/CODE shows of the letter whose code was
// typed, counting the verification; store.ErrNotFound for an unknown code
// or one of another conference. A code that cannot be one is hashed and
// looked up all the same, so every answer costs the same work.
func (s *Service) VerifyLetter(ctx context.Context, c model.Conference, typed string) (model.VisaLetter, error) {
	code, _ := NormaliseLetterCode(typed)
	l, err := s.Store.VerifyVisaLetter(ctx, hashLetterCode(code), s.Now())
	if err != nil {
		return model.VisaLetter{}, err
	}
	if l.ConferenceID != c.ID {
		return model.VisaLetter{}, store.ErrNotFound
	}
	return l, nil
}

package model

import "time"

// Why a visa letter was withdrawn (VisaLetter.WithdrawnReason).
const (
	LetterDetailsChanged = "details_changed" // the passport details it prints changed
	LetterNotConfirmed   = "not_confirmed"   // the registration was cancelled, rejected or waitlisted
	LetterDataDeleted    = "data_deleted"    // the details were deleted (retention or erasure)
)

// VisaLetter is one issued visa invitation letter, as a consulate verifies
// it: the facts it printed, when it was issued and whether it still holds.
// The code itself is not kept (registration/verify.go).
type VisaLetter struct {
	ID              int64
	ConferenceID    int64
	RegistrationID  int64
	ApprovedAt      time.Time
	Nonce           []byte
	IssuedAt        time.Time
	PassportName    string
	Nationality     string // ISO code
	PassportLast3   string
	InvitedFrom     string // YYYY-MM-DD
	InvitedUntil    string
	WithdrawnAt     time.Time
	WithdrawnReason string
	VerifyCount     int
	LastVerifiedAt  time.Time
}

// Valid reports whether the letter still holds.
func (l VisaLetter) Valid() bool { return l.WithdrawnAt.IsZero() }

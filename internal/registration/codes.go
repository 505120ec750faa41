package registration

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// The three secrets of a registration, each from crypto/rand:
//
//   - the reference (CTC-XXXXXX) is for humans: said on the phone, typed at
//     the check-in desk. Its alphabet leaves out 0/O, 1/I/L.
//   - the manage token opens the self-service page. It has 256 bits and
//     only its SHA-256 is stored, so a copy of the database opens nothing.
//   - the check-in code is printed as the badge's QR code. A badge is seen
//     by others, so the code must not open the registration: it only
//     identifies the person at the door.
const (
	referenceAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
	referenceLength   = 6
	// ReferencePrefix starts every reference.
	ReferencePrefix = "CTC-"
	// checkinAlphabet is QR alphanumeric-mode friendly (upper case and digits).
	checkinAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
	checkinLength   = 16 // 31^16: about 79 bits
)

// NewReference returns a fresh CTC-XXXXXX reference.
func NewReference() string { return ReferencePrefix + randomString(referenceAlphabet, referenceLength) }

// NewCheckinCode returns a fresh check-in code for a badge's QR.
func NewCheckinCode() string { return randomString(checkinAlphabet, checkinLength) }

// NewManageToken returns a fresh self-service token (256 bits, URL-safe).
func NewManageToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("registration: crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// NewCalendarToken returns a fresh token for a personal calendar feed: 256
// bits in lower-case hex, the form migration 0006 gave existing rows.
func NewCalendarToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("registration: crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// HashToken is what the database keeps of a manage token.
func HashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// NormaliseReference turns what someone typed ("ctc abc234", "abc234")
// into the stored form, or "" when it cannot be a reference.
func NormaliseReference(s string) string {
	s = strings.ToUpper(strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, s))
	s = strings.TrimPrefix(s, strings.TrimSuffix(ReferencePrefix, "-"))
	if len(s) != referenceLength {
		return ""
	}
	for _, r := range s {
		if !strings.ContainsRune(referenceAlphabet, r) {
			return ""
		}
	}
	return ReferencePrefix + s
}

func randomString(alphabet string, n int) string {
	limit := 256 - 256%len(alphabet) // reject the bias-causing tail
	out := make([]byte, 0, n)
	var buf [32]byte
	for len(out) < n {
		if _, err := rand.Read(buf[:]); err != nil {
			panic("registration: crypto/rand failed: " + err.Error())
		}
		for _, b := range buf {
			if int(b) < limit && len(out) < n {
				out = append(out, alphabet[int(b)%len(alphabet)])
			}
		}
	}
	return string(out)
}

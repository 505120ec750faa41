package auth

import (
	"errors"
	"testing"
)

func TestCheckStrength(t *testing.T) {
	for password, weak := range map[string]bool{
		"correct horse battery staple": false,
		"violet harbour lantern 42":    false,
		"Password1234":                 true, // listed core with digits
		"!!dragon2027!!":               true,
		"1q2w3e4r5t6y":                 true, // listed
		"iloveyou1234":                 true,
		"abcabcabcabc":                 true, // repeated piece
		"zzzzzzzzzzzzzz":               true,
		"kwame.thompson rules":         true, // e-mail name
		"my ctcmiami notes":            true, // short name squashed
		"miami vice forever":           true, // a word of the short name
		"ctc is a fine acronym":        false,
		"emoji 🌴 are fine here":        false,
		"x" + string(make([]byte, 80)): true, // over 72 bytes
	} {
		err := CheckStrength(password, "kwame.thompson@jcf.gov.jm", "CTC Miami")
		var pe *PasswordError
		if got := errors.As(err, &pe); got != weak {
			t.Errorf("%q: weak = %v (%v), want %v", password, got, err, weak)
		}
	}
	// A short e-mail name forbids nothing.
	if err := CheckStrength("jo and the long road", "jo@example.org", ""); err != nil {
		t.Errorf("two-letter e-mail name: %v", err)
	}
	if n := len(commonPasswords()); n != 10000 {
		t.Errorf("%d common passwords embedded, want 10,000", n)
	}
}

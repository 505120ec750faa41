package auth

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// commonPasswordList holds the 10,000 most common leaked passwords, most
// common first, lower case, one a line: the first 10,000 entries of the
// "passwords" frequency list in zxcvbn 4.4.2 (npm package zxcvbn,
// lib/frequency_lists.js), which Dropbox drew from Xato's corpus of ten
// million leaked passwords. MIT licence, Copyright (c) 2012-2016 Dan
// Wheeler and Dropbox, Inc.: see common_passwords.LICENSE.txt.
//
// All lengths are kept, not only those of 12 characters and more: a long
// password is also refused when it is a listed one dressed up with digits
// or signs at its ends ("password1234", "!!dragon2027").
//
//go:embed common_passwords.txt
var commonPasswordList string

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 10000)
	sc := bufio.NewScanner(strings.NewReader(commonPasswordList))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			set[w] = struct{}{}
		}
	}
	return set
})

// PasswordError says why a password is refused, in a sentence for the
// person choosing it.
type PasswordError struct{ Reason string }

func (e *PasswordError) Error() string { return e.Reason }

// minCoreLength is the shortest listed password that makes a dressed-up
// password weak: shorter cores ("abc", "1q") would refuse good passphrases
// that merely start with a common syllable.
const minCoreLength = 4

// minLocalPart is the shortest e-mail name that a password may not contain:
// "jo@…" must not forbid every password holding "jo".
const minLocalPart = 3

// CheckStrength returns a *PasswordError when password must not be used for
// the account email of the conference called shortName: too short, too long
// for bcrypt, one of the commonly leaked passwords (or one dressed up with
// digits and signs at its ends), a single character or short piece
// repeated, or holding the e-mail's name or the conference's short name.
// Comparisons ignore case.
func CheckStrength(password, email, shortName string) error {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return &PasswordError{"Choose a password of at least 12 characters; a few unrelated words work well."}
	}
	if len(password) > 72 {
		// bcrypt reads only the first 72 bytes; refuse rather than silently truncate.
		return &PasswordError{"Choose a password of at most 72 bytes (about 70 letters)."}
	}
	lower := strings.ToLower(password)
	if _, ok := commonPasswords()[lower]; ok {
		return &PasswordError{"This password is on the list of the most common leaked passwords, which attackers try first. Choose another."}
	}
	core := strings.TrimFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	if _, ok := commonPasswords()[core]; ok && utf8.RuneCountInString(core) >= minCoreLength {
		return &PasswordError{"This password is a common leaked password (" + core + ") with digits or signs added, which attackers try early. Choose another."}
	}
	if repeated(lower) {
		return &PasswordError{"This password repeats one short piece; choose a few unrelated words instead."}
	}
	if at := strings.LastIndex(email, "@"); at >= minLocalPart {
		if local := strings.ToLower(email[:at]); strings.Contains(lower, local) {
			return &PasswordError{"The password must not contain your e-mail name (" + local + "), the first thing an attacker tries."}
		}
	}
	for _, name := range shortNameForms(shortName) {
		if strings.Contains(squash(lower), name) {
			return &PasswordError{"The password must not contain the conference's name (" + shortName + "), which anyone can guess."}
		}
	}
	return nil
}

// repeated reports whether s is one piece of at most four characters
// written again and again ("aaaaaaaaaaaa", "abcabcabcabc", "12121212…").
func repeated(s string) bool {
	r := []rune(s)
	for n := 1; n <= 4 && n < len(r); n++ {
		same := true
		for i := n; i < len(r) && same; i++ {
			same = r[i] == r[i%n]
		}
		if same {
			return true
		}
	}
	return false
}

// squash keeps only letters and digits, lower case, so "CTC-Miami" and
// "ctc miami" compare equal.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// shortNameForms are the parts of a conference's short name a password may
// not hold: the whole name squashed ("ctcmiami") and each word of four or
// more letters ("miami"); shorter words ("CTC") are too common as pieces.
func shortNameForms(shortName string) []string {
	var out []string
	if whole := squash(shortName); utf8.RuneCountInString(whole) >= minCoreLength {
		out = append(out, whole)
	}
	for _, w := range strings.FieldsFunc(shortName, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if w = squash(w); utf8.RuneCountInString(w) >= minCoreLength {
			out = append(out, w)
		}
	}
	return out
}

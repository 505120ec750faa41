package textfield

import (
	"net/mail"
	"strings"
	"unicode/utf8"
)

// PlausibleEmail reports whether s is one bare address with a dotted
// domain, as people type it: name@example.org, not "Name <name@…>".
func PlausibleEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && utf8.ValidString(s) && addr.Address == s &&
		strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

// PlausiblePhone wants 5 to 20 digits among digits, spaces and + ( ) - . /
// and "ext".
func PlausiblePhone(s string) bool {
	digits := 0
	rest := strings.NewReplacer("ext.", "", "ext", "", "Ext.", "", "Ext", "", "x", "").Replace(s)
	for _, r := range rest {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +()-./", r):
		default:
			return false
		}
	}
	return digits >= 5 && digits <= 20
}

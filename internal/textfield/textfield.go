// Package textfield holds the rule every typed text field follows,
// wherever it is typed — registration, settings, the organisers' editors —
// so that they agree: no control characters, and line breaks (and tabs)
// only in text areas. A line break in a one-line field would reach e-mail
// subjects, badge and document headings and one-line exports.
package textfield

import (
	"strings"
	"unicode"
)

// HasControl reports a control character in s; a multi-line field may
// hold line breaks and tabs.
func HasControl(s string, multiline bool) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\r' || r == '\t'))
	}) >= 0
}

// OneLine is the message for a one-line field that holds a line break or
// another control character.
const OneLine = "Keep this on one line, as plain text."

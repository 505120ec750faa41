// Package textfield holds the rule every typed text field follows,
// wherever it is typed — registration, settings, the organisers' editors —
// so that they agree: no control characters, and line breaks (and tabs)
// only in text areas. A line break in a one-line field would reach e-mail
// subjects, badge and document headings and one-line exports.
//
// One-line fields also refuse Unicode's invisible format and separator
// characters (categories Cf, Zl, Zp): a RIGHT-TO-LEFT OVERRIDE (U+202E)
// makes "Smith" read "htimS" on a badge or in a spreadsheet, and a LINE
// SEPARATOR (U+2028) breaks a line where none may be. The exceptions are
// ZERO WIDTH JOINER and NON-JOINER (U+200D, U+200C): Persian, Arabic and
// Indic names need them to be spelt right. Text areas keep them all, as
// prose may. Values already stored are defused on the way out (Defuse).
package textfield

import (
	"fmt"
	"strings"
	"unicode"
)

// Joiners a script needs inside a word: ZWNJ and ZWJ.
const (
	zwnj = '\u200C'
	zwj  = '\u200D'
)

// invisible reports a format or separator character that is no joiner.
func invisible(r rune) bool {
	return unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) && r != zwnj && r != zwj
}

// Disallowed returns the characters of s that the field may not hold, each
// once, in order of appearance: control characters (a multi-line field may
// hold line breaks and tabs) and, in a one-line field, format and separator
// characters other than the joiners.
func Disallowed(s string, multiline bool) []rune {
	var out []rune
	for _, r := range s {
		bad := unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\r' || r == '\t'))
		bad = bad || !multiline && invisible(r)
		if bad && !strings.ContainsRune(string(out), r) {
			out = append(out, r)
		}
	}
	return out
}

// HasControl reports whether s holds a character the field may not hold
// (see Disallowed).
func HasControl(s string, multiline bool) bool {
	return len(Disallowed(s, multiline)) > 0
}

// OneLine is the message for a one-line field that holds a line break or
// another control or invisible formatting character.
const OneLine = "Keep this on one line, as plain text, without invisible formatting characters."

// Describe names characters for a person: a visible one as itself and its
// code point, an invisible one by its code point, e.g. `“😀” (U+1F600), U+202E`.
func Describe(rs []rune) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		if unicode.IsGraphic(r) && !unicode.In(r, unicode.Mn, unicode.Me, unicode.Zs) {
			parts[i] = fmt.Sprintf("“%c” (U+%04X)", r, r)
		} else {
			parts[i] = fmt.Sprintf("U+%04X", r)
		}
	}
	return strings.Join(parts, ", ")
}

// Defuse returns stored text made safe to show on one line elsewhere (an
// export, a document): format characters other than the joiners removed, a
// line or paragraph separator turned into a space. Records stored before
// the rule, or by an import, may still hold them.
func Defuse(s string) string {
	if strings.IndexFunc(s, invisible) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u2028' || r == '\u2029':
			return ' '
		case invisible(r):
			return -1
		}
		return r
	}, s)
}

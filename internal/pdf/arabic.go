package pdf

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"confdesk/internal/glyph"
)

// Arabic shaping. A PDF font draws what it is given, glyph by glyph, so
// Arabic letters must be given in the form their neighbours call for
// (isolated, final, initial, medial): the contextual presentation forms of
// Unicode's Arabic Presentation Forms-B block (and the Persian and Urdu
// letters of Forms-A), which DejaVu Sans has. The table is derived from
// Unicode's own compatibility decompositions (each presentation form
// NFKC-normalises to its letter, and a letter's forms are consecutive, in
// the order isolated, final, initial, medial), so it holds no hand-typed
// code points. A letter with four forms joins on both sides, one with two
// joins only to the letter before it (alef, dal, reh, waw, …). Lam followed
// by alef becomes the obligatory lam-alef ligature. A form the font lacks
// is left as the plain letter.

// arabicForms are a letter's presentation forms; zero where there is none.
type arabicForms struct{ isolated, final, initial, medial rune }

var (
	arabicLetters = map[rune]arabicForms{}
	// lamAlef maps an alef (the letter after lam) to the ligature's forms.
	lamAlef = map[rune]arabicForms{}
)

const (
	arabicLam    = '\u0644'
	arabicTatwil = '\u0640'
	zwj          = '\u200D'
	zwnj         = '\u200C'
)

func init() {
	blocks := [][2]rune{{0xFE80, 0xFEF4}, {0xFB50, 0xFBB1}, {0xFBD3, 0xFBE7}, {0xFBFC, 0xFBFF}}
	for _, b := range blocks {
		for r := b[0]; r <= b[1]; {
			base := single(norm.NFKC.String(string(r)))
			end := r
			for end+1 <= b[1] && single(norm.NFKC.String(string(end+1))) == base {
				end++
			}
			n := int(end - r + 1)
			if base > 0 && (n == 2 || n == 4) {
				f := arabicForms{isolated: r, final: r + 1}
				if n == 4 {
					f.initial, f.medial = r+2, r+3
				}
				arabicLetters[base] = f
			}
			r = end + 1
		}
	}
	for r := rune(0xFEF5); r <= 0xFEFB; r += 2 {
		if d := []rune(norm.NFKC.String(string(r))); len(d) == 2 && d[0] == arabicLam {
			lamAlef[d[1]] = arabicForms{isolated: r, final: r + 1}
		}
	}
}

// single is the one character s holds, or 0.
func single(s string) rune {
	r, n := utf8.DecodeRuneInString(s)
	if n != len(s) {
		return 0
	}
	return r
}

// joining is how a character takes part in joining.
type joining int

const (
	nonJoining joining = iota
	rightJoining
	dualJoining
	joinCausing
	transparent
)

func joiningOf(r rune) joining {
	if f, ok := arabicLetters[r]; ok {
		if f.initial != 0 {
			return dualJoining
		}
		return rightJoining
	}
	switch {
	case r == arabicTatwil || r == zwj:
		return joinCausing
	case unicode.In(r, unicode.Mn, unicode.Me):
		return transparent
	}
	return nonJoining
}

// shapeArabic returns s (in logical order) with each Arabic letter in its
// contextual form and lam-alef ligated; ZWJ and ZWNJ, which only steer
// joining, are dropped.
func shapeArabic(s []rune) []rune {
	out := make([]rune, 0, len(s))
	// neighbour finds the joining of the next non-transparent character from i in step.
	neighbour := func(i, step int) joining {
		for i += step; i >= 0 && i < len(s); i += step {
			if j := joiningOf(s[i]); j != transparent {
				return j
			}
		}
		return nonJoining
	}
	for i := 0; i < len(s); i++ {
		r := s[i]
		if r == zwj || r == zwnj {
			continue
		}
		j := joiningOf(r)
		if j != dualJoining && j != rightJoining {
			out = append(out, r)
			continue
		}
		prev := neighbour(i, -1)
		joinsBefore := prev == dualJoining || prev == joinCausing
		next := neighbour(i, 1)
		joinsAfter := j == dualJoining && (next == dualJoining || next == rightJoining || next == joinCausing)
		if r == arabicLam && i+1 < len(s) {
			if lig, ok := lamAlef[s[i+1]]; ok {
				form := lig.isolated
				if joinsBefore {
					form = lig.final
				}
				if glyph.Drawable(form) {
					out = append(out, form)
					i++
					continue
				}
			}
		}
		f := arabicLetters[r]
		form := f.isolated
		switch {
		case joinsBefore && joinsAfter:
			form = f.medial
		case joinsBefore:
			form = f.final
		case joinsAfter:
			form = f.initial
		}
		if !glyph.Drawable(form) {
			form = r
		}
		out = append(out, form)
	}
	return out
}

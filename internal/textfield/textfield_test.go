package textfield

import (
	"slices"
	"testing"
)

func TestHasControl(t *testing.T) {
	for _, tc := range []struct {
		s         string
		multiline bool
		want      bool
	}{
		{"Désirée Piñeiro-Nguyễn", false, false},
		{"two\nlines", false, true},
		{"two\r\nlines", true, false},
		{"a\ttab", false, true},
		{"a\ttab", true, false},
		{"bell\a", true, true},
		{"nul\x00", true, true},
		{"del\x7f", false, true},
		{"c1\u0085", true, true}, // NEL: a control, not one of the line breaks allowed
		{"", false, false},
		{"Smith\u202E", false, true},      // RIGHT-TO-LEFT OVERRIDE (Cf)
		{"a\u2066b\u2069", false, true},   // isolates (Cf)
		{"one\u2028two", false, true},     // LINE SEPARATOR (Zl)
		{"one\u2029two", false, true},     // PARAGRAPH SEPARATOR (Zp)
		{"zero\u200Bwidth", false, true},  // ZERO WIDTH SPACE (Cf)
		{"soft\u00ADhyphen", false, true}, // SOFT HYPHEN (Cf)
		{"\uFEFFbom", false, true},        // ZERO WIDTH NO-BREAK SPACE (Cf)
		{"می\u200Cخواهم", false, false},   // ZWNJ: Persian spelling
		{"क्\u200Dष", false, false},       // ZWJ: Devanagari
		{"prose\u202Ein a text area", true, false},
		{"دانشگاه تهران", false, false},
	} {
		if got := HasControl(tc.s, tc.multiline); got != tc.want {
			t.Errorf("HasControl(%q, %v) = %v, want %v", tc.s, tc.multiline, got, tc.want)
		}
	}
}

func TestDisallowedAndDescribe(t *testing.T) {
	got := Disallowed("a\u202Eb\u202Ec\u2028", false)
	if want := []rune{'\u202E', '\u2028'}; !slices.Equal(got, want) {
		t.Fatalf("Disallowed = %q, want %q", got, want)
	}
	if d, want := Describe(append(got, '😀')), "U+202E, U+2028, “😀” (U+1F600)"; d != want {
		t.Errorf("Describe = %q, want %q", d, want)
	}
}

func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{
		"Smith":                      "Smith",
		"\u202Eevil.exe\u202C":       "evil.exe",
		"one\u2028two\u2029three":    "one two three",
		"می\u200Cخواهم":              "می\u200Cخواهم",
		"a\u2066b\u2069\u200E\u200F": "ab",
	} {
		if got := Defuse(in); got != want {
			t.Errorf("Defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

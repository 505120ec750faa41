package textfield

import "testing"

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
	} {
		if got := HasControl(tc.s, tc.multiline); got != tc.want {
			t.Errorf("HasControl(%q, %v) = %v, want %v", tc.s, tc.multiline, got, tc.want)
		}
	}
}

package glyph

import (
	"slices"
	"testing"
)

func TestDrawable(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want bool
	}{
		{'A', true}, {'ż', true}, {'ễ', true}, {'ש', true}, {'ع', true},
		{'\uFEEB', true}, // ARABIC LETTER HEH INITIAL FORM: shaping relies on Presentation Forms-B
		{Replacement, true},
		{'\U0001F600', false}, // beyond the BMP: gofpdf cannot address it
		{'\U0001F334', false},
		{'\u4E2D', false}, // CJK: not in DejaVu Sans
		{'\n', false}, {'\x00', false}, {'\u0085', false},
		{'\uE000', false}, // private use
	} {
		if got := Drawable(tc.r); got != tc.want {
			t.Errorf("Drawable(%U) = %v, want %v", tc.r, got, tc.want)
		}
	}
}

func TestUnprintableAndReplace(t *testing.T) {
	s := "Smile😀 Org 🌴🌴 中"
	if got, want := Unprintable(s), []rune{'😀', '🌴', '中'}; !slices.Equal(got, want) {
		t.Errorf("Unprintable = %q, want %q", got, want)
	}
	if got, want := Replace(s), "Smile\uFFFD Org \uFFFD \uFFFD"; got != want {
		t.Errorf("Replace = %q, want %q", got, want)
	}
	if got := Replace("Łukasz Żółć"); got != "Łukasz Żółć" {
		t.Errorf("Replace changed a printable name: %q", got)
	}
	if got, want := Replace("bad\xffutf8"), "bad\uFFFDutf8"; got != want {
		t.Errorf("Replace = %q, want %q", got, want)
	}
}

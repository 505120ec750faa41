// Package glyph knows which characters the printed documents can draw: those
// that both embedded fonts (DejaVu Sans regular and bold) map to a glyph in
// their cmap, within the Basic Multilingual Plane. gofpdf addresses glyphs
// by 16-bit character ids, so a character beyond U+FFFF cannot be drawn
// whatever the font holds (it panics deep in gofpdf instead).
//
// The set is read from the fonts' own cmap tables once, at start, so it is
// always the set of the fonts actually embedded, never a hand-kept list.
// Forms refuse what is not in it (Unprintable); documents replace it with
// Replacement (Replace), so that stored text never stops a document.
package glyph

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"confdesk/assets"
)

// Replacement is drawn in place of a character the fonts cannot draw: U+FFFD
// REPLACEMENT CHARACTER, which DejaVu Sans has (the package's tests check),
// so a reader of the badge sees that something was there.
const Replacement = '\uFFFD'

// drawable has a bit for every BMP character that both fonts can draw.
var drawable = func() *[1 << 16 / 64]uint64 {
	var set [1 << 16 / 64]uint64
	var fonts []*sfnt.Font
	for _, name := range []string{"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"} {
		f, err := sfnt.Parse(assets.Font(name))
		if err != nil {
			panic(fmt.Sprintf("glyph: parse %s: %v", name, err))
		}
		fonts = append(fonts, f)
	}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 1<<16; r++ {
		ok := true
		for _, f := range fonts {
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
				ok = false
				break
			}
		}
		if ok {
			set[r/64] |= 1 << (r % 64)
		}
	}
	return &set
}()

// Drawable reports whether the documents' fonts can draw r. Control
// characters never count: they have no place in printed text.
func Drawable(r rune) bool {
	if r < 0 || r >= 1<<16 || unicode.IsControl(r) {
		return false
	}
	return drawable[r/64]&(1<<(r%64)) != 0
}

// Unprintable returns the characters of s that no document can draw, each
// once, in the order they first appear.
func Unprintable(s string) []rune {
	var out []rune
	for _, r := range s {
		if !Drawable(r) && !strings.ContainsRune(string(out), r) {
			out = append(out, r)
		}
	}
	return out
}

// Replace returns s with every character no document can draw replaced by
// Replacement (a run of them by one), and invalid UTF-8 treated the same.
func Replace(s string) string {
	clean := utf8.ValidString(s)
	for _, r := range s {
		if !Drawable(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	last := rune(-1)
	for _, r := range s { // invalid UTF-8 comes out of range as Replacement
		if !Drawable(r) {
			r = Replacement
			if last == Replacement {
				continue
			}
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

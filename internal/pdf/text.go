package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/text/unicode/bidi"

	"confdesk/internal/glyph"
	"confdesk/internal/textfield"
)

// document is a gofpdf document whose every text call goes through display,
// so no document draws text any other way: whatever a record holds, what
// reaches gofpdf is characters the font has (gofpdf panics on a character
// beyond U+FFFF), in the order and form in which they are seen.
type document struct{ *gofpdf.Fpdf }

// display turns one line of stored text (logical order) into what is drawn:
// explicit bidi controls and other invisible format characters removed
// (textfield.Defuse),
// characters the font lacks replaced by glyph.Replacement, Arabic letters
// joined, and the line in visual order, left to right.
func display(s string) string {
	if plain(s) {
		return s
	}
	rs := shape(s)
	if !rightToLeft(rs) {
		return string(rs)
	}
	return string(visual(rs))
}

// shape is s cleaned and shaped, still in logical order: what a line
// breaker measures.
func shape(s string) []rune {
	// Defuse drops format characters (they draw nothing, or disguise);
	// ZWJ and ZWNJ steer Arabic joining and are dropped by it.
	return shapeArabic([]rune(glyph.Replace(textfield.Defuse(s))))
}

// plain reports text that display leaves as it is: printable, before the
// Hebrew block, and without format characters. Most text is, and costs one
// pass.
func plain(s string) bool {
	for _, r := range s {
		if r >= '\u0590' || r == '\u00AD' || r == utf8.RuneError || !glyph.Drawable(r) {
			return false
		}
	}
	return true
}

// rightToLeft reports whether s holds a right-to-left character, so that
// its lines need reordering after they are broken.
func rightToLeft(rs []rune) bool {
	for _, r := range rs {
		if c := classOf(r); c == bidi.R || c == bidi.AL || c == bidi.AN {
			return true
		}
	}
	return false
}

// Text draws s from x on baseline y.
func (d *document) Text(x, y float64, s string) { d.Fpdf.Text(x, y, display(s)) }

// CellFormat draws s in a cell, as gofpdf's CellFormat.
func (d *document) CellFormat(w, h float64, s, border string, ln int, align string, fill bool, link int, linkStr string) {
	d.Fpdf.CellFormat(w, h, display(s), border, ln, align, fill, link, linkStr)
}

// GetStringWidth is the width of s as drawn.
func (d *document) GetStringWidth(s string) float64 { return d.Fpdf.GetStringWidth(display(s)) }

// Write flows s from the current position, as gofpdf's Write. A
// right-to-left text is reordered as one line: Write only flows the
// press releases' paragraphs, which are typed in English.
func (d *document) Write(h float64, s string) { d.Fpdf.Write(h, display(s)) }

// MultiCell draws s broken into lines of width w, as gofpdf's MultiCell.
// Text with right-to-left characters is broken here, in logical order,
// and each line is then reordered, so that its lines read top to bottom.
func (d *document) MultiCell(w, h float64, s, border, align string, fill bool) {
	rs := shape(s)
	if !rightToLeft(rs) {
		d.Fpdf.MultiCell(w, h, string(rs), border, align, fill)
		return
	}
	left, _, right, _ := d.GetMargins()
	if w == 0 {
		pw, _ := d.GetPageSize()
		w = pw - right - d.GetX()
	}
	x := d.GetX()
	lines := d.SplitText(string(rs), w)
	for i, l := range lines {
		b := ""
		if border == "1" {
			border = "LTRB"
		}
		for _, side := range "LR" {
			if strings.ContainsRune(border, side) {
				b += string(side)
			}
		}
		if i == 0 && strings.Contains(border, "T") {
			b += "T"
		}
		if i == len(lines)-1 && strings.Contains(border, "B") {
			b += "B"
		}
		d.SetX(x)
		d.Fpdf.CellFormat(w, h, string(visual([]rune(l))), b, 2, align, fill, 0, "")
	}
	d.SetX(left)
}

// guard turns a panic inside gofpdf into an error naming what was drawn,
// so that one bad record costs one document, never the process's request
// handler a stack trace.
func guard(err *error, what string) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("pdf: %s: drawing failed: %v", what, p)
	}
}

// batch draws items with draw. When the whole batch fails, each item is
// drawn alone to find the ones that fail, and the rest are drawn with a
// note naming those (by name(item)): one bad record must not stop the
// printing of a whole conference's badges on the morning it opens. It
// returns the indexes of the items left out.
func batch[T any](w io.Writer, items []T, name func(T) string, draw func(w io.Writer, items []T, left []string) error) ([]int, error) {
	var buf bytes.Buffer
	err := draw(&buf, items, nil)
	if err == nil {
		_, err = buf.WriteTo(w)
		return nil, err
	}
	if len(items) < 2 {
		return nil, err
	}
	var good []T
	var left []string
	var leftAt []int
	for i, it := range items {
		if draw(io.Discard, []T{it}, nil) != nil {
			left, leftAt = append(left, name(it)), append(leftAt, i)
		} else {
			good = append(good, it)
		}
	}
	if len(left) == 0 {
		return nil, err // the batch fails as a whole: no record to blame
	}
	buf.Reset()
	if err := draw(&buf, good, left); err != nil {
		return nil, err
	}
	_, err = buf.WriteTo(w)
	return leftAt, err
}

// leftOutNote writes message and the list of items left out of a batch
// on the current page, within a page of width pageW.
func leftOutNote(f *document, pageW float64, message string, left []string) {
	const margin = 10.0
	f.SetFont(family, "B", 11)
	f.SetXY(margin, margin)
	f.MultiCell(pageW-2*margin, 5.5, "Not printed", "", "L", false)
	f.SetFont(family, "", 9)
	f.SetX(margin)
	f.MultiCell(pageW-2*margin, 4.5, message, "", "L", false)
	for _, l := range left {
		f.SetX(margin)
		f.MultiCell(pageW-2*margin, 4.5, "• "+l, "", "L", false)
	}
}

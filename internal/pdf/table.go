package pdf

import (
	"strings"
	"unicode/utf8"
)

// Align is where a column's text sits in its cells.
type Align int

// Alignments of a column.
const (
	AlignLeft Align = iota
	AlignRight
	AlignCentre
)

// Column is one column of a Table.
type Column struct {
	Title string
	// Width is the column's share of the table's width, in any unit: the
	// widths are scaled together to fill the frame.
	Width float64
	Align Align
}

// Cell is what one cell of a row shows.
type Cell struct {
	Text string // wrapped to the column; "\n" starts a new line
	Bold bool
	// Note is smaller grey text under Text ("Head of delegation", "Workshop · 35 places").
	Note string
	// Colour (#rrggbb) draws a small swatch before the text, which stays
	// beside it: a track's colour next to its name.
	Colour string
	// MinLines makes the cell at least this many lines high: a box to
	// sign in on a signature sheet.
	MinLines int
}

// Text makes a row's cells from plain strings.
func Text(cells ...string) []Cell {
	out := make([]Cell, len(cells))
	for i, s := range cells {
		out[i].Text = s
	}
	return out
}

// Row is one row of a table, or, when Group is set, a heading that spans
// the table and starts a group of rows ("Jamaica", "Monday 15 March").
type Row struct {
	Cells []Cell
	Bold  bool // every cell bold: a totals row
	Group string
}

// Frame is the part of the page a table draws in, and how it goes on to
// the next page. Any document can give one: a report's body, or a
// programme day's page under its own heading.
type Frame struct {
	Left, Width float64 // millimetres
	Bottom      float64 // rows end above this line
	// NextPage starts a new page and returns the y where the table goes on.
	NextPage func() float64
}

// Table geometry and type sizes.
const (
	tableFontPt  = 9.0
	tableNotePt  = 7.5
	tableLine    = 1.25 // line height, in ems
	tablePadX    = 1.6  // mm
	tablePadY    = 1.3  // mm
	tableSwatch  = 3.2  // mm
	tableGroupPt = 10.0
)

// Table draws rows under a header row. A row is measured before it is
// drawn, and one that would cross the frame's bottom starts the next page,
// where the header row (and the current group's heading, "continued") is
// drawn again: rows never split across pages and every page's part of the
// table starts with its header. A group heading is kept with the row after it.
//
// Rows are streamed through Add, so a table of thousands of rows needs no
// more memory than one row.
type Table struct {
	f       *document
	frame   Frame
	cols    []Column
	widths  []float64
	y       float64
	header  bool // the header row is on the current page
	fresh   bool // the page was just started: nothing of the table is on it
	group   string
	pending *Row // a group heading waiting for its first row
	stripe  int
	rows    int
}

// NewTable starts a table at y inside frame. Nothing is drawn until the
// first row, so a header never ends a page alone.
func NewTable(f *document, frame Frame, y float64, cols []Column) *Table {
	total := 0.0
	for _, c := range cols {
		total += c.Width
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = frame.Width * c.Width / max(total, 1e-9)
	}
	return &Table{f: f, frame: frame, cols: cols, widths: widths, y: y}
}

// Rows is how many rows (not group headings) the table has drawn.
func (t *Table) Rows() int { return t.rows }

// Add draws one row, or holds a group heading until the row after it.
func (t *Table) Add(r Row) {
	if r.Group != "" {
		if t.pending != nil {
			t.drawAlone(*t.pending)
		}
		t.pending = &r
		return
	}
	cells := t.layout(r)
	h := cells.height()
	t.ensure(h)
	if t.pending != nil {
		t.drawGroup(t.pending.Group, false)
		t.group, t.pending, t.stripe = t.pending.Group, nil, 0
	}
	t.drawRow(r, cells, h)
	t.rows++
}

// End draws a group heading left without rows and returns the y below the table.
func (t *Table) End() float64 {
	if t.pending != nil {
		t.drawAlone(*t.pending)
		t.pending = nil
	}
	return t.y
}

// drawAlone draws a group heading that has no row after it.
func (t *Table) drawAlone(g Row) {
	t.pending = nil
	t.group, t.stripe = "", 0
	t.ensure(t.groupHeight(g.Group))
	t.drawGroup(g.Group, false)
	t.group = g.Group
}

// ensure makes room for a row of height h, with the group heading waiting
// for it and, on a new page, the header row and the current group's
// heading again: it starts the next page when they would cross the
// bottom, then draws the header row where it is missing.
func (t *Table) ensure(h float64) {
	need := func() float64 {
		n := h
		switch {
		case t.pending != nil:
			n += t.groupHeight(t.pending.Group)
		case !t.header && t.group != "":
			n += t.groupHeight(t.group + " (continued)")
		}
		if !t.header {
			n += t.headerHeight()
		}
		return n
	}
	// On a page that holds nothing yet, a row that still does not fit is
	// drawn anyway (over the footer) rather than lost: that would take a
	// row of some fifty lines, which real data does not have.
	if t.y+need() > t.frame.Bottom && !t.fresh {
		t.y = t.frame.NextPage()
		t.header, t.fresh = false, true
	}
	if !t.header {
		t.drawHeader()
		if t.pending == nil && t.group != "" {
			t.drawGroup(t.group+" (continued)", true)
		}
	}
	t.fresh = false
}

// cellLayout is one row's cells wrapped to their columns.
type cellLayout struct {
	text  [][]string
	notes [][]string
	pt    float64
}

func lineHeight(pt float64) float64 { return pt * ptToMM * tableLine }

func (c cellLayout) height() float64 {
	h := lineHeight(c.pt)
	for i := range c.text {
		h = max(h, float64(len(c.text[i]))*lineHeight(c.pt)+float64(len(c.notes[i]))*lineHeight(tableNotePt))
	}
	return h + 2*tablePadY
}

// inner is the width text may use in column i, less a swatch.
func (t *Table) inner(i int, c Cell) float64 {
	w := t.widths[i] - 2*tablePadX
	if c.Colour != "" {
		w -= tableSwatch + 1.5
	}
	return w
}

func (t *Table) layout(r Row) cellLayout {
	l := cellLayout{text: make([][]string, len(t.cols)), notes: make([][]string, len(t.cols)), pt: tableFontPt}
	for i := range t.cols {
		if i >= len(r.Cells) {
			continue
		}
		c := r.Cells[i]
		t.f.SetFont(family, style(c.Bold || r.Bold), tableFontPt)
		l.text[i] = splitLines(t.f, c.Text, t.inner(i, c))
		for len(l.text[i]) < c.MinLines {
			l.text[i] = append(l.text[i], "")
		}
		if c.Note != "" {
			t.f.SetFont(family, "", tableNotePt)
			l.notes[i] = splitLines(t.f, c.Note, t.inner(i, c))
		}
	}
	return l
}

func style(bold bool) string {
	if bold {
		return "B"
	}
	return ""
}

// headerLines wraps each column's title at spaces, in bold, at the
// largest size up to the body's at which every title's longest word fits
// its column: a title is never broken inside a word ("Registratio-ns"),
// and the row keeps one size, so its titles share their baselines.
func (t *Table) headerLines() ([][]string, float64, float64) {
	pt := tableFontPt
	t.f.SetFont(family, "B", tableFontPt)
	for i, c := range t.cols {
		inner := t.widths[i] - 2*tablePadX
		for _, word := range strings.Fields(c.Title) {
			if w := t.f.GetStringWidth(word); w > inner {
				pt = min(pt, tableFontPt*inner/w*0.98)
			}
		}
	}
	pt = max(pt, 5)
	t.f.SetFont(family, "B", pt)
	lines := make([][]string, len(t.cols))
	n := 1
	for i, c := range t.cols {
		lines[i] = splitLines(t.f, c.Title, t.widths[i]-2*tablePadX)
		n = max(n, len(lines[i]))
	}
	return lines, pt, float64(n)*lineHeight(pt) + 2*tablePadY
}

func (t *Table) headerHeight() float64 { _, _, h := t.headerLines(); return h }

func (t *Table) drawHeader() {
	lines, pt, h := t.headerLines()
	t.f.SetFillColor(0x1d, 0x4f, 0x91)
	t.f.Rect(t.frame.Left, t.y, t.frame.Width, h, "F")
	t.f.SetTextColor(255, 255, 255)
	x := t.frame.Left
	for i, c := range t.cols {
		t.drawLines(lines[i], "B", pt, x, t.widths[i], c.Align, t.y+tablePadY)
		x += t.widths[i]
	}
	t.f.SetTextColor(0, 0, 0)
	t.y += h
	t.header = true
}

func (t *Table) groupLines(s string) []string {
	t.f.SetFont(family, "B", tableGroupPt)
	return splitLines(t.f, s, t.frame.Width-2*tablePadX)
}

func (t *Table) groupHeight(s string) float64 {
	return float64(len(t.groupLines(s)))*lineHeight(tableGroupPt) + 2*tablePadY + 1
}

func (t *Table) drawGroup(s string, continued bool) {
	lines := t.groupLines(s)
	h := t.groupHeight(s)
	t.f.SetFillColor(0xe3, 0xea, 0xf4)
	t.f.Rect(t.frame.Left, t.y, t.frame.Width, h, "F")
	if continued {
		t.f.SetTextColor(70, 70, 70)
	}
	t.drawLines(lines, "B", tableGroupPt, t.frame.Left, t.frame.Width, AlignLeft, t.y+tablePadY+0.5)
	t.f.SetTextColor(0, 0, 0)
	t.y += h
}

func (t *Table) drawRow(r Row, l cellLayout, h float64) {
	if t.stripe%2 == 1 {
		t.f.SetFillColor(0xf4, 0xf6, 0xf9)
		t.f.Rect(t.frame.Left, t.y, t.frame.Width, h, "F")
	}
	t.stripe++
	x := t.frame.Left
	for i, col := range t.cols {
		var c Cell
		if i < len(r.Cells) {
			c = r.Cells[i]
		}
		top := t.y + tablePadY
		cx, cw := x, t.widths[i]
		if c.Colour != "" {
			colour := hexRGB(c.Colour)
			t.f.SetFillColor(colour.r, colour.g, colour.b)
			t.f.SetDrawColor(60, 60, 60)
			t.f.SetLineWidth(0.15)
			t.f.Rect(x+tablePadX, top+(lineHeight(l.pt)-tableSwatch)/2, tableSwatch, tableSwatch, "FD")
			cx += tableSwatch + 1.5
			cw -= tableSwatch + 1.5
		}
		t.drawLines(l.text[i], style(c.Bold || r.Bold), l.pt, cx, cw, col.Align, top)
		if len(l.notes[i]) > 0 {
			t.f.SetTextColor(85, 85, 85)
			t.drawLines(l.notes[i], "", tableNotePt, cx, cw, col.Align, top+float64(len(l.text[i]))*lineHeight(l.pt))
			t.f.SetTextColor(0, 0, 0)
		}
		x += t.widths[i]
	}
	t.y += h
	t.f.SetDrawColor(210, 210, 210)
	t.f.SetLineWidth(0.2)
	t.f.Line(t.frame.Left, t.y, t.frame.Left+t.frame.Width, t.y)
}

// drawLines writes lines in a cell whose box starts at x with width w,
// the first line's top at top.
func (t *Table) drawLines(lines []string, st string, pt, x, w float64, a Align, top float64) {
	t.f.SetFont(family, st, pt)
	for i, s := range lines {
		base := top + float64(i)*lineHeight(pt) + pt*ptToMM*0.95
		lx := x + tablePadX
		switch a {
		case AlignRight:
			lx = x + w - tablePadX - t.f.GetStringWidth(s)
		case AlignCentre:
			lx = x + (w-t.f.GetStringWidth(s))/2
		}
		t.f.Text(lx, base, s)
	}
}

// splitLines wraps s to width in the current font: at spaces, and inside
// a word only when the word alone is wider than the line. "\n" starts a
// new line. Text is never cut off.
func splitLines(f *document, s string, width float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if f.GetStringWidth(try) <= width {
				line = try
				continue
			}
			if line != "" {
				out = append(out, line)
				line = ""
			}
			for f.GetStringWidth(word) > width {
				cut := fitPrefix(f, word, width)
				out = append(out, word[:cut])
				word = word[cut:]
			}
			line = word
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// fitPrefix is the byte length of the longest prefix of word, at least
// one character, no wider than width.
func fitPrefix(f *document, word string, width float64) int {
	cut := 0
	for i := range word {
		if i > 0 && f.GetStringWidth(word[:i]) > width {
			break
		}
		cut = i
	}
	if cut == 0 {
		_, size := utf8.DecodeRuneInString(word)
		return size
	}
	return cut
}

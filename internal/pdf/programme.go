package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Programme is the printed programme: a cover with the conference's facts,
// then each day as a table.
type Programme struct {
	Name         string
	ShortName    string // in the footer of every page
	Tagline      string
	Dates        string // "15–17 March 2027"
	Venue        string
	VenueAddress string
	City         string
	Organiser    string
	Supporter    string
	PartOf       string // the programme the conference belongs to
	Tracks       []ProgrammeTrack
	Days         []ProgrammeDay
	// Words are the programme's own words, in the reader's language.
	Words ProgrammeWords
}

// ProgrammeWords are the words the printed programme puts around the
// conference's facts, in one language.
type ProgrammeWords struct {
	Programme                            string // "Programme": the cover's kicker and the footer
	Dates, Venue, City, Times, Organiser string // the cover's labels
	PartOf, SupportedBy, Tracks          string
	AllTimes                             string // "All times are Miami time (America/New_York)."
	TimesAre                             string // under each day's heading: "Times are …."
	Time, Track, Session, Room, Speakers string // the table's columns
	NoSessions                           string // a day without sessions
	Continued                            string // after a day's heading on its next pages: "(continued)"
	// Page is the footer's "Page 3 of {nb}" for page n; total stands for
	// the number of pages, filled in at the end.
	Page func(n int, total string) string
}

// ProgrammeTrack is a track with its colour, for the cover's key.
type ProgrammeTrack struct {
	Name   string
	Colour string // #rrggbb
}

// ProgrammeDay is one day's table.
type ProgrammeDay struct {
	Heading string // "Monday 15 March 2027"
	Rows    []ProgrammeRow
}

// ProgrammeRow is one session.
type ProgrammeRow struct {
	Time        string // "09:00–10:30"
	Track       string // the track's name; "" for none
	TrackColour string // #rrggbb
	Title       string
	Kind        string   // "Workshop · 35 places"
	Room        string   // "" when none
	Speakers    []string // one line each: "Inés Quiñones Beltrán (chair)"
}

// Page geometry of the programme, in millimetres (A4 portrait).
const (
	progLeft    = 15.0
	progWidth   = 180.0
	progTop     = 18.0
	progBottom  = 279.0 // rows end above this line; the footer sits below
	progFooterY = 288.0
	cellPad     = 1.6
	bodyPt      = 9.0
	lineMM      = 4.1 // line height of 9 pt text
	// speakerIndent is the width of an en space at 9 pt, which indents a
	// speaker's continuation lines.
	speakerIndent = 1.6
)

// progColumns are the widths of the table's columns: time, track,
// session, room, speakers.
var progColumns = []float64{24, 28, 64, 27, 37}

// columns are the titles of the table's columns, in progColumns' order.
func (w ProgrammeWords) columns() []string {
	return []string{w.Time, w.Track, w.Session, w.Room, w.Speakers}
}

// WriteProgramme writes the programme as an A4 PDF to w. Table rows are
// never split across pages: a row that does not fit starts the next page,
// under the day's heading and the header row again. Every page ends with
// "Page X of Y".
func WriteProgramme(w io.Writer, p Programme, m Meta) (err error) {
	defer guard(&err, "programme")
	f := newDocument(a4, "P", m)
	f.AliasNbPages("{nb}")
	f.SetFooterFunc(func() {
		f.SetFont(family, "", 8)
		f.SetTextColor(90, 90, 90)
		f.SetDrawColor(180, 180, 180)
		f.SetLineWidth(0.2)
		f.Line(progLeft, progFooterY-4.5, progLeft+progWidth, progFooterY-4.5)
		f.Text(progLeft, progFooterY, p.ShortName+" · "+p.Words.Programme)
		// The total is filled in at the end; "{nb}" is about as wide as two digits.
		page := p.Words.Page(f.PageNo(), "{nb}")
		f.Text(progLeft+progWidth-f.GetStringWidth(page), progFooterY, page)
		f.SetTextColor(0, 0, 0)
	})
	drawCover(f, p)
	for _, d := range p.Days {
		drawDay(f, p, d)
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("pdf: programme: %w", err)
	}
	return nil
}

func drawCover(f *document, p Programme) {
	f.AddPageFormat("P", a4)
	f.SetFillColor(0x1d, 0x4f, 0x91)
	f.Rect(0, 0, 210, 10, "F")

	y := 60.0
	f.SetFont(family, "", 12)
	f.SetTextColor(0x1d, 0x4f, 0x91)
	f.Text(progLeft, y, p.Words.Programme)
	f.SetTextColor(0, 0, 0)
	y += 4
	pt, lines := fitLines(f, "B", p.Name, progWidth, 40, 28, 3)
	for _, l := range lines {
		y += pt * ptToMM * 1.2
		left(f, "B", pt, l, progLeft, y)
	}
	y += 6
	if p.Tagline != "" {
		f.SetFont(family, "", 13)
		f.SetXY(progLeft, y)
		f.MultiCell(progWidth, 6, p.Tagline, "", "L", false)
		y = f.GetY() + 4
	}

	y += 6
	venue := joinNonEmpty(", ", p.Venue, p.VenueAddress)
	w := p.Words
	facts := [][2]string{
		{w.Dates, p.Dates},
		{w.Venue, venue},
		{w.City, p.City},
		{w.Times, w.AllTimes},
		{w.Organiser, p.Organiser},
		{w.PartOf, p.PartOf},
		{w.SupportedBy, p.Supporter},
	}
	for _, fact := range facts {
		if fact[1] == "" {
			continue
		}
		f.SetFont(family, "B", 10.5)
		f.SetXY(progLeft, y)
		f.CellFormat(34, 6, fact[0], "", 0, "L", false, 0, "")
		f.SetFont(family, "", 10.5)
		f.SetXY(progLeft+34, y)
		f.MultiCell(progWidth-34, 6, fact[1], "", "L", false)
		y = f.GetY() + 2
	}

	if len(p.Tracks) > 0 {
		y += 8
		left(f, "B", 12, w.Tracks, progLeft, y)
		y += 3
		for _, t := range p.Tracks {
			y += 7
			swatch(f, t.Colour, progLeft, y-4, 5)
			left(f, "", 10.5, t.Name, progLeft+8, y)
		}
	}
}

// swatch is a filled square of colour (#rrggbb) with a thin outline, so a
// light colour still shows on white paper.
func swatch(f *document, colour string, x, y, size float64) {
	c := parseHex(colour)
	f.SetFillColor(c.r, c.g, c.b)
	f.SetDrawColor(60, 60, 60)
	f.SetLineWidth(0.15)
	f.Rect(x, y, size, size, "FD")
}

func parseHex(s string) rgb {
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil || len(s) != 7 {
		return rgb{120, 120, 120}
	}
	return rgb{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, s := range parts {
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

// cellLines is what one row's cells hold, wrapped to their columns.
type cellLines struct {
	time, track, title, kind, room, speakers []string
}

func (c cellLines) height() float64 {
	n := max(len(c.time), len(c.track), len(c.title)+len(c.kind), len(c.room), len(c.speakers), 1)
	return float64(n)*lineMM + 2*cellPad
}

// drawDay draws one day's table from the top of a new page.
func drawDay(f *document, p Programme, d ProgrammeDay) {
	y := dayPage(f, p, d.Heading)
	if len(d.Rows) == 0 {
		left(f, "", bodyPt, p.Words.NoSessions, progLeft, y+6)
		return
	}
	for i, r := range d.Rows {
		c := wrapRow(f, r)
		h := c.height()
		if y+h > progBottom {
			// A row taller than a whole page cannot happen with real data
			// (it would take some sixty lines); it would run into the footer.
			y = dayPage(f, p, d.Heading+" "+p.Words.Continued)
		}
		if i%2 == 1 {
			f.SetFillColor(244, 246, 249)
			f.Rect(progLeft, y, progWidth, h, "F")
		}
		drawRow(f, r, c, y)
		y += h
		f.SetDrawColor(210, 210, 210)
		f.SetLineWidth(0.2)
		f.Line(progLeft, y, progLeft+progWidth, y)
	}
}

// dayPage starts a page with the day's heading and the table's header row,
// and returns where the first row goes.
func dayPage(f *document, p Programme, heading string) float64 {
	f.AddPageFormat("P", a4)
	y := progTop + 6
	left(f, "B", 15, heading, progLeft, y)
	f.SetTextColor(90, 90, 90)
	left(f, "", 8.5, p.Words.TimesAre, progLeft, y+5.5)
	f.SetTextColor(0, 0, 0)
	y += 10
	const headerH = 7.0
	f.SetFillColor(0x1d, 0x4f, 0x91)
	f.Rect(progLeft, y, progWidth, headerH, "F")
	f.SetTextColor(255, 255, 255)
	x := progLeft
	for i, title := range p.Words.columns() {
		left(f, "B", bodyPt, title, x+cellPad, y+headerH-2.2)
		x += progColumns[i]
	}
	f.SetTextColor(0, 0, 0)
	return y + headerH
}

// wrapRow wraps each cell's text to its column.
func wrapRow(f *document, r ProgrammeRow) cellLines {
	inner := func(i int) float64 { return progColumns[i] - 2*cellPad }
	var c cellLines
	f.SetFont(family, "", bodyPt)
	c.time = splitLines(f, r.Time, inner(0))
	c.track = splitLines(f, r.Track, inner(1)-5)
	c.room = splitLines(f, r.Room, inner(3))
	for _, s := range r.Speakers {
		// A name that wraps goes on indented, so each speaker reads as one.
		for i, l := range splitLines(f, s, inner(4)-speakerIndent) {
			if i > 0 {
				l = "\u2002" + l // an en space
			}
			c.speakers = append(c.speakers, l)
		}
	}
	f.SetFont(family, "", bodyPt-1)
	c.kind = splitLines(f, r.Kind, inner(2))
	f.SetFont(family, "B", bodyPt)
	c.title = splitLines(f, r.Title, inner(2))
	return c
}

func drawRow(f *document, r ProgrammeRow, c cellLines, y float64) {
	x := progLeft
	base := y + cellPad + lineMM - 1.1 // baseline of a cell's first line
	lines := func(style string, pt float64, ls []string, x, from float64) {
		for i, l := range ls {
			left(f, style, pt, l, x, from+float64(i)*lineMM)
		}
	}
	lines("", bodyPt, c.time, x+cellPad, base)
	x += progColumns[0]
	if r.Track != "" {
		// Colour and word together: the colour alone would not survive a
		// black-and-white printer or a reader who cannot tell the colours apart.
		swatch(f, r.TrackColour, x+cellPad, base-2.9, 3.4)
		lines("", bodyPt, c.track, x+cellPad+5, base)
	}
	x += progColumns[1]
	lines("B", bodyPt, c.title, x+cellPad, base)
	f.SetTextColor(80, 80, 80)
	lines("", bodyPt-1, c.kind, x+cellPad, base+float64(len(c.title))*lineMM)
	f.SetTextColor(0, 0, 0)
	x += progColumns[2]
	lines("", bodyPt, c.room, x+cellPad, base)
	x += progColumns[3]
	lines("", bodyPt, c.speakers, x+cellPad, base)
}

package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// FactSheet is the conference's facts on one or two A4 pages, for the press.
type FactSheet struct {
	Letterhead  Letterhead
	Name        string
	Tagline     string
	Description string
	Aim         string
	Dates       string // "15–17 March 2027"
	Venue       string // venue, address, city
	Organiser   string
	Supporter   string
	Programme   string
	Figures     []Figure
	Tracks      []FactTrack
	Contacts    []MediaContact
}

// Figure is one key figure: "19" "Caribbean countries".
type Figure struct{ Value, Label string }

// FactTrack is one strand of the programme with its colour (#rrggbb).
type FactTrack struct{ Name, Colour, Description string }

// FactSheetPDF writes the fact sheet to w.
func FactSheetPDF(w io.Writer, s FactSheet, m Meta) error {
	err := pressOutput(w, func(total int) *document {
		w := s.Letterhead.words()
		f := pressDocument(s.Letterhead, w.T("press.pdf.kind_fact_sheet"), total, m)
		f.SetFont(family, "B", 19)
		f.SetX(pressLeft)
		f.MultiCell(pressWidth, 8.4, s.Name, "", "L", false)
		if s.Tagline != "" {
			f.SetFont(family, "", 11.5)
			f.SetTextColor(60, 60, 60)
			f.SetX(pressLeft)
			f.MultiCell(pressWidth, 6, s.Tagline, "", "L", false)
			f.SetTextColor(0, 0, 0)
		}
		f.Ln(4)

		// The facts, as label and value rows.
		for _, r := range [][2]string{
			{w.T("press.pdf.when"), s.Dates}, {w.T("press.pdf.where"), s.Venue}, {w.T("press.pdf.organiser"), s.Organiser},
			{w.T("press.pdf.programme_of"), s.Programme}, {w.T("press.pdf.supporter"), s.Supporter},
		} {
			if r[1] == "" {
				continue
			}
			f.SetX(pressLeft)
			f.SetFont(family, "B", 10)
			f.CellFormat(40, 5.4, r[0], "", 0, "L", false, 0, "")
			f.SetFont(family, "", 10)
			f.MultiCell(pressWidth-40, 5.4, r[1], "", "L", false)
			f.Ln(0.8)
		}
		for _, p := range []string{s.Description, s.Aim} {
			if p != "" {
				f.Ln(2.5)
				f.SetFont(family, "", 10.5)
				f.SetX(pressLeft)
				f.MultiCell(pressWidth, pressLine, p, "", "L", false)
			}
		}

		if len(s.Figures) > 0 {
			factHeading(f, w.T("press.pdf.figures"), 34)
			factFigures(f, s.Figures)
		}
		if len(s.Tracks) > 0 {
			factHeading(f, w.T("press.pdf.programme"), 30)
			for _, t := range s.Tracks {
				if f.GetY()+14 > 297-pressBottom {
					f.AddPage()
				}
				y := f.GetY()
				c := hexColour(t.Colour)
				f.SetFillColor(c.r, c.g, c.b)
				f.Rect(pressLeft, y+0.6, 3, 4.2, "F")
				f.SetFont(family, "B", 10.5)
				f.SetXY(pressLeft+6, y)
				f.MultiCell(pressWidth-6, 5.4, t.Name, "", "L", false)
				if t.Description != "" {
					f.SetFont(family, "", 10)
					f.SetX(pressLeft + 6)
					f.MultiCell(pressWidth-6, 5.2, t.Description, "", "L", false)
				}
				f.Ln(2.5)
			}
		}
		pressContacts(f, w, w.T("press.contacts"), s.Contacts)
		return f
	})
	if err != nil {
		return fmt.Errorf("pdf: fact sheet: %w", err)
	}
	return nil
}

// factHeading starts a section, on a new page when less than need
// millimetres remain below the heading.
func factHeading(f *document, heading string, need float64) {
	f.Ln(5)
	if f.GetY()+7+need > 297-pressBottom {
		f.AddPage()
	}
	f.SetFont(family, "B", 12.5)
	f.SetTextColor(pressBlue.r, pressBlue.g, pressBlue.b)
	f.SetX(pressLeft)
	f.CellFormat(pressWidth, 7, heading, "", 1, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
	f.Ln(1.5)
}

// factFigures draws the key figures three to a row: the value large, what
// it counts below it, wrapped to the box.
func factFigures(f *document, figs []Figure) {
	const cols, gap, boxH = 3, 4.0, 30.0
	w := (pressWidth - gap*(cols-1)) / cols
	for i, fig := range figs {
		col := i % cols
		if col == 0 {
			if i > 0 {
				f.SetY(f.GetY() + boxH + gap)
			}
			if f.GetY()+boxH > 297-pressBottom {
				f.AddPage()
			}
		}
		x, y := pressLeft+float64(col)*(w+gap), f.GetY()
		f.SetFillColor(0xee, 0xf3, 0xfa)
		f.Rect(x, y, w, boxH, "F")
		f.SetTextColor(pressBlue.r, pressBlue.g, pressBlue.b)
		pt := fitSingle(f, "B", fig.Value, w-6, 20)
		left(f, "B", pt, fig.Value, x+3, y+10)
		f.SetTextColor(0, 0, 0)
		lpt, lines := fitLines(f, "", fig.Label, w-6, boxH-14, 9.5, 3)
		ly := y + 15 + lpt*ptToMM
		for _, l := range lines {
			left(f, "", lpt, l, x+3, ly)
			ly += lpt * ptToMM * 1.25
		}
	}
	f.SetXY(pressLeft, f.GetY()+boxH+2)
}

// hexColour reads "#rrggbb"; anything else is a neutral grey.
func hexColour(s string) rgb {
	s = strings.TrimPrefix(s, "#")
	v, err := strconv.ParseUint(s, 16, 32)
	if len(s) != 6 || err != nil {
		return rgb{0x88, 0x88, 0x88}
	}
	return rgb{int(v >> 16), int(v >> 8 & 0xff), int(v & 0xff)}
}

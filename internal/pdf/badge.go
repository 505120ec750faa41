package pdf

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/jung-kurt/gofpdf"
)

// Badge is what one badge shows.
type Badge struct {
	Name         string // the badge name, or first and last name
	Organisation string
	Country      string // the country's name
	Category     string // participant, speaker, press, organiser, staff: the band's colour
	// CategoryWord is the category as the band prints it, in the person's
	// language ("Ponente"); "" prints Category.
	CategoryWord     string
	HeadOfDelegation bool
	// HeadOfDelegationWord is "Head of delegation" in the person's
	// language; "" prints it in English.
	HeadOfDelegationWord string
	// Dates are the conference's days in the person's language; "" prints
	// the header's.
	Dates       string
	Reference   string // CTC-XXXXXX, printed under the QR
	CheckinCode string // the QR's content
}

// BadgeHeader is the conference line at the top of every badge.
type BadgeHeader struct {
	ShortName string
	Dates     string
	Logo      *Image // drawn above the conference line; nil for none
}

// Layout names a badge sheet.
type Layout string

// The sheets badges print on.
const (
	LayoutA6      Layout = "a6"       // one A6 badge per page
	LayoutA4x4    Layout = "a4-4"     // four A6 badges on A4, with cut marks
	LayoutLetter6 Layout = "letter-6" // six 4″ × 3″ badges on US Letter (Avery 5392), with cut marks
	LayoutCR80    Layout = "cr80"     // one ID-1 card (85.6 × 54 mm) per page
	// LayoutRoll54x90 is one badge per 54 × 90 mm label of a continuous
	// roll (Brother DK, Dymo LabelWriter), inside a 2 mm unprinted edge.
	LayoutRoll54x90 Layout = "roll-54x90"
	// LayoutFoldA4 is one badge per A4 sheet, folded once along the middle
	// into a two-sided badge: the upper face is printed turned 180°, so
	// that after folding both outer faces read upright, whichever way the
	// badge turns. A dashed line marks the fold, corner marks the cut.
	LayoutFoldA4 Layout = "fold-a4"
)

// Layouts lists every layout, in the order pickers show them.
var Layouts = []Layout{LayoutA6, LayoutA4x4, LayoutLetter6, LayoutCR80, LayoutRoll54x90, LayoutFoldA4}

// point is a position in millimetres.
type point struct{ x, y float64 }

// sheet is a layout's geometry, in millimetres.
type sheet struct {
	page      gofpdf.SizeType
	badgeW    float64
	badgeH    float64
	positions []point // top-left corner of each badge on a page
	cutMarks  bool    // guides at the page's edges, in line with every badge edge
	// backs, when set, is the top-left corner of each badge's second face
	// (same size), drawn turned 180°: the back of a folded badge.
	backs []point
	// fold: a dashed line where the sheet folds (between each badge's
	// faces) and cut marks outside the corners of the area both faces fill.
	fold bool
}

// Fold-A4 geometry: two 100 × 135 mm faces, one above the other, meeting at
// the sheet's middle (the fold), centred across; the corner marks stand
// 1.5 mm outside the area, clear of an office printer's 5 mm edge.
const (
	foldFaceW = 100.0
	foldFaceH = 135.0
	foldX     = (210 - foldFaceW) / 2
	foldY     = 297.0 / 2
)

var sheets = map[Layout]sheet{
	LayoutA6: {page: gofpdf.SizeType{Wd: 105, Ht: 148}, badgeW: 105, badgeH: 148, positions: []point{{0, 0}}},
	LayoutA4x4: {page: gofpdf.SizeType{Wd: 210, Ht: 297}, badgeW: 105, badgeH: 148.5, cutMarks: true,
		positions: []point{{0, 0}, {105, 0}, {0, 148.5}, {105, 148.5}}},
	// Avery 5392: 1″ top margin, ¼″ side margins, badges edge to edge.
	LayoutLetter6: {page: gofpdf.SizeType{Wd: 215.9, Ht: 279.4}, badgeW: 101.6, badgeH: 76.2, cutMarks: true,
		positions: []point{{6.35, 25.4}, {107.95, 25.4}, {6.35, 101.6}, {107.95, 101.6}, {6.35, 177.8}, {107.95, 177.8}}},
	LayoutCR80: {page: gofpdf.SizeType{Wd: 85.6, Ht: 54}, badgeW: 85.6, badgeH: 54, positions: []point{{0, 0}}},
	// The label is 54 × 90 mm; label printers leave about 2 mm at each edge unprinted.
	LayoutRoll54x90: {page: gofpdf.SizeType{Wd: 54, Ht: 90}, badgeW: 50, badgeH: 86, positions: []point{{2, 2}}},
	// The front (upright) hangs below the fold, so the fold is the badge's
	// top edge, where a lanyard goes through both layers; the back is above
	// it, turned.
	LayoutFoldA4: {page: gofpdf.SizeType{Wd: 210, Ht: 297}, badgeW: foldFaceW, badgeH: foldFaceH, fold: true,
		positions: []point{{foldX, foldY}}, backs: []point{{foldX, foldY - foldFaceH}}},
}

// PerPage is how many badges a layout puts on a page.
func (l Layout) PerPage() int { return len(sheets[l].positions) }

// Valid reports whether l is a known layout.
func (l Layout) Valid() bool { _, ok := sheets[l]; return ok }

// categoryColours are the band colours; white text on each passes WCAG AA.
// The category word is always printed too, so colour is never the only sign.
var categoryColours = map[string]rgb{
	"participant": {0x1d, 0x4f, 0x91},
	"speaker":     {0x7a, 0x1f, 0x5c},
	"press":       {0x0f, 0x6b, 0x5c},
	"organiser":   {0x8a, 0x3b, 0x00},
	"staff":       {0x3d, 0x3d, 0x3d},
}

// Badges writes badges in layout to w. QR codes are encoded on every core
// while the badges are drawn, in order, on one goroutine (gofpdf is not
// concurrent). When
// a badge cannot be drawn, the others still print, a last page names the
// ones left out (see batch), and their indexes are returned, so that they
// are not counted as printed.
func Badges(w io.Writer, layout Layout, header BadgeHeader, badges []Badge, m Meta) (leftOut []int, err error) {
	if _, ok := sheets[layout]; !ok {
		return nil, fmt.Errorf("pdf: unknown badge layout %q", layout)
	}
	return batch(w, badges, func(b Badge) string { return b.Reference + " " + b.Name },
		func(w io.Writer, badges []Badge, left []string) error {
			return drawBadges(w, layout, header, badges, left, m)
		})
}

// drawBadges draws badges, then a note of those left out, if any.
func drawBadges(w io.Writer, layout Layout, header BadgeHeader, badges []Badge, left []string, m Meta) (err error) {
	what := "badges"
	if len(badges) == 1 {
		what = "badge " + badges[0].Reference
	}
	defer guard(&err, what)
	sh := sheets[layout]
	codes := make([]string, len(badges))
	for i, b := range badges {
		codes[i] = b.CheckinCode
	}
	qrs := encodeStream(codes)
	defer qrs.close()
	// gofpdf swaps width and height for "L"; the sizes above are already the page as printed.
	const orientation = "P"
	f := newDocument(sh.page, orientation, m)
	per := len(sh.positions)
	for i, b := range badges {
		if i%per == 0 {
			f.AddPageFormat(orientation, sh.page)
			if sh.cutMarks {
				drawCutMarks(f, sh)
			}
			if sh.fold {
				drawFoldMarks(f, sh)
			}
		}
		code, err := qrs.get(i)
		if err != nil {
			return fmt.Errorf("pdf: %s: %w", what, err)
		}
		pos := sh.positions[i%per]
		drawBadge(f, box{pos.x, pos.y, sh.badgeW, sh.badgeH}, header, b, code)
		if sh.backs != nil {
			// The back, turned 180° about its own centre: once folded
			// and turned round, it reads upright too.
			back := sh.backs[i%per]
			f.TransformBegin()
			f.TransformRotate(180, back.x+sh.badgeW/2, back.y+sh.badgeH/2)
			drawBadge(f, box{back.x, back.y, sh.badgeW, sh.badgeH}, header, b, code)
			f.TransformEnd()
		}
	}
	if len(badges) == 0 && len(left) == 0 {
		f.AddPageFormat(orientation, sh.page)
		f.SetFont(family, "", 12)
		f.Text(10, 20, "No badges match this selection.")
	}
	if len(left) > 0 {
		f.AddPageFormat(orientation, sh.page)
		leftOutNote(f, sh.page.Wd, "These badges could not be drawn and are not in this batch. Check what their records hold, then print them again:", left)
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("pdf: %s: %w", what, err)
	}
	return nil
}

// box is a rectangle in millimetres.
type box struct{ x, y, w, h float64 }

// ptToMM converts a font size in points to millimetres.
const ptToMM = 25.4 / 72

// drawBadge draws one badge inside b: the conference line, the name as
// large as fits, organisation, country on its own line, head of
// delegation, the QR with the reference under it, and the category band.
func drawBadge(f *document, b box, h BadgeHeader, d Badge, code qrMatrix) {
	pad := min(b.w, b.h) * 0.06
	inner := box{b.x + pad, b.y + pad, b.w - 2*pad, b.h - 2*pad}
	landscape := b.w > b.h

	// Category band along the bottom edge, with its word.
	bandH := b.h * 0.11
	if landscape {
		bandH = b.h * 0.14
	}
	colour, ok := categoryColours[d.Category]
	if !ok {
		colour = categoryColours["participant"]
	}
	f.SetFillColor(colour.r, colour.g, colour.b)
	f.Rect(b.x, b.y+b.h-bandH, b.w, bandH, "F")
	f.SetTextColor(255, 255, 255)
	word := d.CategoryWord
	if word == "" {
		word = d.Category
	}
	word = strings.ToUpper(word)
	bandPt := fitSingle(f, "B", word, b.w-2*pad, bandH/ptToMM*0.55)
	centred(f, "B", bandPt, word, b.x, b.w, b.y+b.h-bandH/2+bandPt*ptToMM*0.35)
	f.SetTextColor(0, 0, 0)

	// Logo, centred above the conference line, in a strip of the badge's
	// height it never grows past.
	y0 := inner.y
	if h.Logo != nil {
		lw, lh := h.Logo.fit(inner.w*0.6, b.h*0.1)
		drawImage(f, h.Logo, inner.x+(inner.w-lw)/2, y0, lw, lh)
		y0 += lh + pad*0.4
	}
	// Conference line.
	headPt := min(11.0, b.h/ptToMM*0.06)
	y := y0 + headPt*ptToMM
	dates := h.Dates
	if d.Dates != "" {
		dates = d.Dates
	}
	headLine := h.ShortName
	if landscape {
		headLine += " · " + dates
	}
	headPt = fitSingle(f, "B", headLine, inner.w, headPt)
	centred(f, "B", headPt, headLine, inner.x, inner.w, y)
	if !landscape {
		y += headPt * ptToMM * 1.3
		datePt := fitSingle(f, "", dates, inner.w, headPt*0.85)
		centred(f, "", datePt, dates, inner.x, inner.w, y)
	}
	top := y + pad*0.8
	bottom := b.y + b.h - bandH - pad*0.6

	// QR code: at least 20 mm with its quiet zone.
	qrSize := max(20.0, min(32.0, b.w*0.32))
	refPt := 8.0
	var text box
	if landscape {
		qrSize = max(20.0, min(qrSize, bottom-top-refPt*ptToMM*1.6))
		qx := inner.x + inner.w - qrSize
		drawQR(f, code, qx, top, qrSize)
		centred(f, "", refPt, d.Reference, qx, qrSize, top+qrSize+refPt*ptToMM*1.2)
		text = box{inner.x, top, inner.w - qrSize - pad*0.5, bottom - top}
	} else {
		// The QR alone, centred under the text: the country is read with
		// the organisation, not beside the code.
		qy := bottom - qrSize - refPt*ptToMM*1.4
		qx := inner.x + (inner.w-qrSize)/2
		drawQR(f, code, qx, qy, qrSize)
		centred(f, "", refPt, d.Reference, qx, qrSize, qy+qrSize+refPt*ptToMM*1.1)
		text = box{inner.x, top, inner.w, qy - top - pad*0.5}
	}

	// Name, then organisation, centred in the text area (left in landscape).
	namePt, nameLines := fitLines(f, "B", d.Name, text.w, text.h*0.55, min(30, text.h/ptToMM*0.3), 2)
	orgPt, orgLines := fitLines(f, "", d.Organisation, text.w, text.h*0.3, min(13, namePt*0.6), 4)
	lineH := func(pt float64) float64 { return pt * ptToMM * 1.15 }
	total := float64(len(nameLines))*lineH(namePt) + float64(len(orgLines))*lineH(orgPt) + lineH(orgPt)*0.5
	// The country on its own line under the organisation, then the head
	// of delegation.
	var extra []string
	if d.Country != "" {
		extra = append(extra, d.Country)
	}
	head := d.HeadOfDelegationWord
	if head == "" {
		head = "Head of delegation"
	}
	if d.HeadOfDelegation {
		extra = append(extra, head)
	}
	total += float64(len(extra)) * lineH(orgPt)
	ty := text.y + max(0, (text.h-total)/2)
	draw := func(style string, pt float64, l string) {
		ty += lineH(pt)
		if landscape {
			left(f, style, pt, l, text.x, ty-pt*ptToMM*0.25)
		} else {
			centred(f, style, pt, l, text.x, text.w, ty-pt*ptToMM*0.25)
		}
	}
	for _, l := range nameLines {
		draw("B", namePt, l)
	}
	ty += lineH(orgPt) * 0.5
	for _, l := range orgLines {
		draw("", orgPt, l)
	}
	for _, l := range extra {
		style := ""
		if l == head && d.HeadOfDelegation {
			style = "B"
		}
		draw(style, fitSingle(f, style, l, text.w, orgPt), l)
	}
}

// centred writes s centred in [x, x+w] on baseline y.
func centred(f *document, style string, pt float64, s string, x, w, y float64) {
	f.SetFont(family, style, pt)
	f.Text(x+(w-f.GetStringWidth(s))/2, y, s)
}

// left writes s from x on baseline y.
func left(f *document, style string, pt float64, s string, x, y float64) {
	f.SetFont(family, style, pt)
	f.Text(x, y, s)
}

// fitSingle is the largest size up to maxPt at which s fits width on one line.
func fitSingle(f *document, style, s string, width, maxPt float64) float64 {
	f.SetFont(family, style, maxPt)
	if w := f.GetStringWidth(s); w > width && w > 0 {
		return maxPt * width / w
	}
	return maxPt
}

// fitLines finds the largest size up to maxPt at which s wraps into at most
// maxLines lines of width within height. Text is never cut: below the
// usual sizes it keeps shrinking until it fits.
func fitLines(f *document, style, s string, width, height, maxPt float64, maxLines int) (float64, []string) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return maxPt, nil
	}
	for pt := maxPt; pt >= 4; pt -= 0.5 {
		f.SetFont(family, style, pt)
		lines, ok := wrap(f, s, width, maxLines)
		if ok && float64(len(lines))*pt*ptToMM*1.15 <= height {
			return pt, lines
		}
	}
	// A single word too long for the line even at 4 pt: shrink to fit on one line.
	pt := fitSingle(f, style, s, width, 4)
	return pt, []string{s}
}

// wrap breaks s into lines no wider than width, at spaces (and after
// hyphens when a word alone is too wide); false when it needs more than
// maxLines or a word does not fit.
func wrap(f *document, s string, width float64, maxLines int) ([]string, bool) {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if f.GetStringWidth(try) <= width {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		if f.GetStringWidth(word) > width {
			return nil, false
		}
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines, len(lines) <= maxLines
}

// drawCutMarks draws short guides outside each badge's corners, where the
// sheet is cut.
func drawCutMarks(f *document, sh sheet) {
	f.SetDrawColor(120, 120, 120)
	f.SetLineWidth(0.2)
	const mark = 4.0
	var xs, ys []float64
	for _, p := range sh.positions {
		xs = append(xs, p.x, p.x+sh.badgeW)
		ys = append(ys, p.y, p.y+sh.badgeH)
	}
	slices.Sort(xs)
	slices.Sort(ys)
	for _, x := range slices.Compact(xs) {
		f.Line(x, 0, x, mark)
		f.Line(x, sh.page.Ht-mark, x, sh.page.Ht)
	}
	for _, y := range slices.Compact(ys) {
		f.Line(0, y, mark, y)
		f.Line(sh.page.Wd-mark, y, sh.page.Wd, y)
	}
}

// foldDash is the fold line's dash pattern, in millimetres: 2 mm dashes,
// 1.5 mm gaps.
var foldDash = []float64{2, 1.5}

// drawFoldMarks draws, for each badge of a folded sheet, a dashed line
// where its faces meet (the fold) and cut marks outside the four corners
// of the area both faces fill.
func drawFoldMarks(f *document, sh sheet) {
	f.SetDrawColor(120, 120, 120)
	f.SetLineWidth(0.2)
	const gap, mark = 1.5, 4.0
	for i, p := range sh.positions {
		b := sh.backs[i]
		x0, x1 := p.x, p.x+sh.badgeW
		y0, y1 := min(p.y, b.y), max(p.y, b.y)+sh.badgeH
		fold := max(p.y, b.y)
		f.SetDashPattern(foldDash, 0)
		f.Line(x0, fold, x1, fold)
		f.SetDashPattern(nil, 0)
		for _, x := range []float64{x0, x1} {
			out := -1.0
			if x == x1 {
				out = 1
			}
			for _, y := range []float64{y0, y1} {
				up := -1.0
				if y == y1 {
					up = 1
				}
				// One horizontal and one vertical stroke per corner, both
				// outside the area, leaving a gap at the corner itself.
				f.Line(x+out*gap, y, x+out*(gap+mark), y)
				f.Line(x, y+up*gap, x, y+up*(gap+mark))
			}
		}
	}
}

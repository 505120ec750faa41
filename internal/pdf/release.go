package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"confdesk/internal/i18n"
	"confdesk/internal/press"
)

// Letterhead heads every press document: who speaks, for which conference.
type Letterhead struct {
	Organiser  string
	Programme  string // the organiser's programme the conference belongs to, or ""
	Conference string
	URL        string // the press room's address, printed in the footer
	// Lang is the language of the document's own words ("Press release",
	// "Page 1 of 2"); nil for English. The caller passes the content
	// (title, body, conference name) already in that language.
	Lang *i18n.Locale
}

// words is the language the document's own words are in.
func (l Letterhead) words() *i18n.Locale {
	if l.Lang == nil {
		return i18n.English
	}
	return l.Lang
}

// MediaContact is a person journalists can reach, as printed.
type MediaContact struct {
	Name, Role, Organisation, Phone, Mobile, Email, Languages string
}

// Release is a press release as printed on the organiser's letterhead.
type Release struct {
	Letterhead Letterhead
	// Release is the line above the title: "For immediate release", or
	// "For release on 15 March 2027" while its date is still ahead.
	Release  string
	Date     string // "15 March 2027"
	Dateline string // "Miami, Florida"
	Title    string
	Summary  string
	Body     []press.Block
	Contacts []MediaContact
	// Pictures are the images the body's Image blocks name, by address; an
	// address missing here prints the picture's description instead.
	Pictures map[string]Picture
	// Lead is the release's lead picture, drawn under the title; nil for none.
	Lead *Picture
}

// Picture is an image to draw, with the line printed under it.
type Picture struct {
	Data []byte
	Type string // "JPG" or "PNG"
	Line string // caption and credit
}

// pressPicture draws p at the left margin, as wide as the text or as tall
// as maxHeight, with its line under it, on a new page when it does not
// fit. It reports false, drawing nothing, when gofpdf cannot read the
// image (an interlaced PNG, say): the caller prints a description instead.
func pressPicture(f *document, name string, p Picture, maxHeight float64) bool {
	opt := gofpdf.ImageOptions{ImageType: p.Type}
	info := f.RegisterImageOptionsReader(name, opt, bytes.NewReader(p.Data))
	if f.Err() || info == nil || info.Width() <= 0 || info.Height() <= 0 {
		f.ClearError()
		return false
	}
	w := pressWidth
	h := w * info.Height() / info.Width()
	if h > maxHeight {
		h, w = maxHeight, maxHeight*info.Width()/info.Height()
	}
	if f.GetY()+h+8 > 297-pressBottom {
		f.AddPage()
	}
	y := f.GetY()
	f.ImageOptions(name, pressLeft, y, w, h, false, opt, 0, "")
	f.SetY(y + h + 1.5)
	if p.Line != "" {
		f.SetFont(family, "", 8.5)
		f.SetTextColor(80, 80, 80)
		f.SetX(pressLeft)
		f.MultiCell(pressWidth, 4.2, p.Line, "", "L", false)
		f.SetTextColor(0, 0, 0)
	}
	f.Ln(2)
	return true
}

// Page geometry of press documents, in millimetres (A4 portrait).
const (
	pressLeft   = 25.0
	pressWidth  = 160.0
	pressTop    = 20.0 // where text resumes on pages after the first
	pressBottom = 24.0 // room kept for the footer
	pressLine   = 5.6  // body line height
)

// pressBlue is the letterhead's colour, shared with the invitation letter.
var pressBlue = rgb{0x1d, 0x4f, 0x91}

// PressRelease writes the release as an A4 document to w.
func PressRelease(w io.Writer, r Release, m Meta) error {
	err := pressOutput(w, func(total int) *document {
		w := r.Letterhead.words()
		f := pressDocument(r.Letterhead, w.T("press.pdf.kind_release"), total, m)
		f.SetFont(family, "B", 9.5)
		f.SetTextColor(pressBlue.r, pressBlue.g, pressBlue.b)
		f.SetX(pressLeft)
		f.CellFormat(pressWidth/2, 5, strings.ToUpper(r.Release), "", 0, "L", false, 0, "")
		f.SetTextColor(0, 0, 0)
		f.SetFont(family, "", 9.5)
		f.CellFormat(pressWidth/2, 5, r.Date, "", 1, "R", false, 0, "")
		f.Ln(4)

		f.SetFont(family, "B", 17)
		f.SetX(pressLeft)
		f.MultiCell(pressWidth, 7.6, r.Title, "", "L", false)
		if r.Summary != "" {
			f.Ln(2)
			f.SetFont(family, "", 11.5)
			f.SetTextColor(60, 60, 60)
			f.SetX(pressLeft)
			f.MultiCell(pressWidth, 6, r.Summary, "", "L", false)
			f.SetTextColor(0, 0, 0)
		}
		f.Ln(4)
		if r.Lead != nil {
			pressPicture(f, "lead", *r.Lead, 95)
		}

		dateline := strings.ToUpper(r.Dateline)
		if r.Date != "" {
			if dateline != "" {
				dateline += ", "
			}
			dateline += r.Date
		}
		if dateline != "" {
			dateline += " – "
		}
		pressBody(f, r.Body, dateline, r.Pictures)

		f.Ln(3)
		f.SetFont(family, "B", 10.5)
		f.CellFormat(pressWidth, pressLine, w.T("press.pdf.ends"), "", 1, "C", false, 0, "")
		pressContacts(f, w, w.T("press.more_info"), r.Contacts)
		return f
	})
	if err != nil {
		return fmt.Errorf("pdf: press release: %w", err)
	}
	return nil
}

// pressOutput draws a document whose footers print "Page X of Y": once to
// count its pages, then again knowing the count. (gofpdf's page-count
// alias is not used: it is replaced after the font subset is fixed, so a
// digit printed nowhere else could be missing from the font.)
func pressOutput(w io.Writer, draw func(total int) *document) (err error) {
	defer guard(&err, "press document")
	f := draw(0)
	if err := f.Error(); err != nil {
		return err
	}
	return draw(f.PageNo()).Output(w)
}

// pressDocument starts an A4 press document with automatic page breaks,
// the footer on every page, and the letterhead on the first, labelled
// with kind ("Press release", "Fact sheet"). Text continues below it, at
// the left margin.
func pressDocument(l Letterhead, kind string, total int, m Meta) *document {
	f := newDocument(a4, "P", m)
	f.SetMargins(pressLeft, pressTop, 210-pressLeft-pressWidth)
	f.SetAutoPageBreak(true, pressBottom)
	f.SetFooterFunc(func() {
		f.SetDrawColor(170, 170, 170)
		f.SetLineWidth(0.2)
		f.Line(pressLeft, 297-16, pressLeft+pressWidth, 297-16)
		f.SetFont(family, "", 8)
		f.SetTextColor(90, 90, 90)
		f.SetXY(pressLeft, 297-14.5)
		foot := l.Conference
		if l.URL != "" {
			foot += " · " + l.URL
		}
		f.CellFormat(pressWidth-30, 4, foot, "", 0, "L", false, 0, "")
		f.CellFormat(30, 4, l.words().T("press.pdf.page", "Page", strconv.Itoa(f.PageNo()), "Total", strconv.Itoa(total)), "", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPageFormat("P", a4)

	f.SetFillColor(pressBlue.r, pressBlue.g, pressBlue.b)
	f.Rect(0, 0, 210, 8, "F")
	f.SetTextColor(pressBlue.r, pressBlue.g, pressBlue.b)
	f.SetFont(family, "B", 10)
	f.SetXY(pressLeft+pressWidth-45, 15)
	f.CellFormat(45, 5, strings.ToUpper(kind), "", 0, "R", false, 0, "")
	f.SetTextColor(0, 0, 0)
	f.SetFont(family, "B", 14)
	f.SetXY(pressLeft, 15)
	f.MultiCell(pressWidth-48, 6.5, l.Organiser, "", "L", false)
	f.SetFont(family, "", 10)
	for _, line := range []string{l.Programme, l.Conference} {
		if line != "" {
			f.SetX(pressLeft)
			f.MultiCell(pressWidth-48, 5, line, "", "L", false)
		}
	}
	f.SetDrawColor(pressBlue.r, pressBlue.g, pressBlue.b)
	f.SetLineWidth(0.4)
	y := f.GetY() + 3
	f.Line(pressLeft, y, pressLeft+pressWidth, y)
	f.SetXY(pressLeft, y+5)
	return f
}

// pressBody lays out a release's blocks; lead is printed in bold before
// the first paragraph (the dateline). An Image block draws its picture
// from pictures, or prints its description.
func pressBody(f *document, blocks []press.Block, lead string, pictures map[string]Picture) {
	flow := func(indent float64, style, text string) {
		f.SetLeftMargin(pressLeft + indent)
		f.SetX(pressLeft + indent)
		f.SetFont(family, style, 10.5)
		f.Write(pressLine, text)
		f.SetLeftMargin(pressLeft)
		f.Ln(pressLine)
	}
	// runs writes a block's text, bold where the source was **strong**,
	// continuing from where the cursor is.
	runs := func(b press.Block) {
		if len(b.Runs) == 0 {
			f.SetFont(family, "", 10.5)
			f.Write(pressLine, b.Text)
			return
		}
		for _, r := range b.Runs {
			style := ""
			if r.Bold {
				style = "B"
			}
			f.SetFont(family, style, 10.5)
			f.Write(pressLine, r.Text)
		}
	}
	flowRuns := func(indent float64, b press.Block) {
		f.SetLeftMargin(pressLeft + indent)
		f.SetX(pressLeft + indent)
		runs(b)
		f.SetLeftMargin(pressLeft)
		f.Ln(pressLine)
	}
	pictureNo := 0
	inList := false
	for _, b := range blocks {
		indent := float64(b.Depth) * 6
		item := b.Kind == press.Bullet || b.Kind == press.Numbered
		if inList && !item {
			f.Ln(1.8) // a list ends with a paragraph's gap
		}
		inList = item
		switch b.Kind {
		case press.Heading:
			f.Ln(1.5)
			flow(0, "B", b.Text)
		case press.Bullet, press.Numbered:
			marker := "•"
			if b.Kind == press.Numbered {
				marker = strconv.Itoa(b.Number) + "."
			}
			if f.GetY()+pressLine > 297-pressBottom {
				f.AddPage()
			}
			f.SetFont(family, "", 10.5)
			f.SetX(pressLeft + indent + 1)
			f.CellFormat(6, pressLine, marker, "", 0, "L", false, 0, "")
			flowRuns(indent+7, b)
			f.Ln(0.8)
			continue
		case press.Quote:
			f.SetTextColor(60, 60, 60)
			flowRuns(8, b)
			f.SetTextColor(0, 0, 0)
		case press.Image:
			pictureNo++
			if p, ok := pictures[b.Image]; ok && pressPicture(f, "picture"+strconv.Itoa(pictureNo), p, 110) {
				continue
			}
			flow(indent, "", b.Text)
		case press.Code:
			for _, line := range strings.Split(b.Text, "\n") {
				f.SetFont(family, "", 9)
				f.SetX(pressLeft + 8 + indent)
				f.CellFormat(pressWidth-8-indent, 4.6, line, "", 1, "L", false, 0, "")
			}
		default:
			if lead != "" {
				f.SetFont(family, "B", 10.5)
				f.SetX(pressLeft + indent)
				f.Write(pressLine, lead)
				lead = ""
				f.SetLeftMargin(pressLeft + indent)
				runs(b)
				f.SetLeftMargin(pressLeft)
				f.Ln(pressLine)
			} else {
				flowRuns(indent, b)
			}
		}
		f.Ln(2.6)
	}
	if lead != "" { // a body without a paragraph still carries its dateline
		flow(0, "B", strings.TrimSuffix(lead, " – "))
	}
}

// pressContacts prints the media contacts under heading, each kept whole
// on one page, labelled in w's words.
func pressContacts(f *document, w *i18n.Locale, heading string, contacts []MediaContact) {
	if len(contacts) == 0 {
		return
	}
	const lh = 4.9
	lines := func(c MediaContact) []string {
		var out []string
		role := c.Role
		if c.Organisation != "" {
			if role != "" {
				role += ", "
			}
			role += c.Organisation
		}
		if role != "" {
			out = append(out, role)
		}
		for _, l := range []struct{ id, value string }{
			{"press.pdf.phone", c.Phone}, {"press.pdf.mobile", c.Mobile}, {"press.pdf.email", c.Email},
			{"press.pdf.languages", c.Languages},
		} {
			if l.value != "" {
				out = append(out, w.T(l.id, "Value", l.value))
			}
		}
		return out
	}
	if f.GetY()+12+lh*float64(1+len(lines(contacts[0]))) > 297-pressBottom {
		f.AddPage()
	}
	f.Ln(4)
	f.SetFont(family, "B", 11.5)
	f.SetX(pressLeft)
	f.CellFormat(pressWidth, 6.5, heading, "", 1, "L", false, 0, "")
	f.Ln(1)
	for _, c := range contacts {
		ls := lines(c)
		if f.GetY()+lh*float64(1+len(ls)) > 297-pressBottom {
			f.AddPage()
		}
		f.SetFont(family, "B", 10)
		f.SetX(pressLeft)
		f.MultiCell(pressWidth, lh, c.Name, "", "L", false)
		f.SetFont(family, "", 9.5)
		for _, l := range ls {
			f.SetX(pressLeft)
			f.MultiCell(pressWidth, lh, l, "", "L", false)
		}
		f.Ln(2.5)
	}
}

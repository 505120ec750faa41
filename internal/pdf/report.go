package pdf

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"
)

// ReportHeader is what the running header of every page of a report says.
type ReportHeader struct {
	Conference string // the conference's name
	Title      string // the report's title
	Generated  string // when, in the conference's zone: "Generated Friday 15 January 2027, 10:00 EST"
}

// Report is an A4 portrait document of the organisers' reports. Every
// page but the cover has a running header (the conference, the report's
// title and when it was generated) and every page a footer with
// "Page X of Y". Blocks (headings, paragraphs, key–value lists, tables,
// charts) flow down the page and start a new page where they do not fit;
// tables and bar charts go on over pages, repeating their header.
type Report struct {
	f      *document
	header ReportHeader
	y      float64
	fresh  bool // nothing is on the current page below its header yet
	// The page: A4 portrait, or landscape for wide tables.
	page                   gofpdf.SizeType
	width, bottom, footerY float64 // the body's width, where it ends, the footer's baseline
}

// Page geometry of a report, in millimetres.
const (
	repLeft = 15.0
	repTop  = 25.0 // the body starts here, under the running header
)

// NewReport starts a report. Nothing is drawn until the first block or the cover.
func NewReport(h ReportHeader, m Meta) *Report {
	return newReport(h, m, a4)
}

// NewLandscapeReport starts a report on A4 landscape pages, for tables
// too wide for portrait (a manifest of eight columns). Everything else is
// as NewReport's.
func NewLandscapeReport(h ReportHeader, m Meta) *Report {
	return newReport(h, m, a4Landscape)
}

func newReport(h ReportHeader, m Meta, page gofpdf.SizeType) *Report {
	f := newDocument(page, "P", m)
	// After the fonts: with an alias set first, gofpdf leaves the digits out
	// of the font subset, and the page total could print as blanks.
	f.AliasNbPages("{nb}")
	r := &Report{f: f, header: h, page: page, width: page.Wd - 2*repLeft, bottom: page.Ht - 18, footerY: page.Ht - 9}
	f.SetFooterFunc(r.footer)
	return r
}

// Frame is the report's body, for a Table drawn directly on its document.
func (r *Report) Frame() Frame {
	return Frame{Left: repLeft, Width: r.width, Bottom: r.bottom, NextPage: func() float64 {
		r.newPage()
		return r.y
	}}
}

func (r *Report) newPage() {
	r.f.AddPageFormat("P", r.page)
	r.drawHeader()
	r.y, r.fresh = repTop, true
}

// started makes sure a page exists.
func (r *Report) started() {
	if r.f.PageNo() == 0 {
		r.newPage()
	}
}

// room starts a new page unless h millimetres are left on this one.
func (r *Report) room(h float64) {
	r.started()
	if r.y+h > r.bottom && !r.fresh {
		r.newPage()
	}
}

func (r *Report) drawHeader() {
	f := r.f
	f.SetTextColor(0x1d, 0x4f, 0x91)
	pt := fitSingle(f, "B", r.header.Conference, r.width, 9)
	left(f, "B", pt, r.header.Conference, repLeft, 12)
	f.SetTextColor(0, 0, 0)
	left(f, "B", 8.5, r.header.Title, repLeft, 16.5)
	f.SetTextColor(90, 90, 90)
	f.SetFont(family, "", 8)
	f.Text(repLeft+r.width-f.GetStringWidth(r.header.Generated), 16.5, r.header.Generated)
	f.SetTextColor(0, 0, 0)
	f.SetDrawColor(0x1d, 0x4f, 0x91)
	f.SetLineWidth(0.4)
	f.Line(repLeft, 19, repLeft+r.width, 19)
}

func (r *Report) footer() {
	f := r.f
	f.SetDrawColor(180, 180, 180)
	f.SetLineWidth(0.2)
	f.Line(repLeft, r.footerY-4.5, repLeft+r.width, r.footerY-4.5)
	f.SetFont(family, "", 8)
	f.SetTextColor(90, 90, 90)
	f.Text(repLeft, r.footerY, r.header.Title)
	// "{nb}" becomes the page total when the document is written; it is
	// measured here as two digits, so the line ends about at the margin.
	page := "Page " + strconv.Itoa(f.PageNo()) + " of "
	f.Text(repLeft+r.width-f.GetStringWidth(page+"00"), r.footerY, page+"{nb}")
	f.SetTextColor(0, 0, 0)
}

// Cover is the first page of a document handed out as such (the list of
// participants): the conference, the report's title and the facts below.
type Cover struct {
	Conference string
	Title      string
	Facts      []KeyValue // dates, venue, ...
	Note       string     // a paragraph at the foot of the facts
}

// KeyValue is one line of a key–value block.
type KeyValue struct{ Key, Value string }

// Cover draws the cover page; the body starts on the next page.
func (r *Report) Cover(c Cover) {
	f := r.f
	f.AddPageFormat("P", r.page)
	f.SetFillColor(0x1d, 0x4f, 0x91)
	f.Rect(0, 0, r.page.Wd, 12, "F")
	y := 70.0
	pt, lines := fitLines(f, "B", c.Conference, r.width, 45, 26, 3)
	for _, l := range lines {
		y += pt * ptToMM * 1.2
		left(f, "B", pt, l, repLeft, y)
	}
	y += 12
	f.SetTextColor(0x1d, 0x4f, 0x91)
	tpt, tlines := fitLines(f, "B", c.Title, r.width, 30, 22, 2)
	for _, l := range tlines {
		y += tpt * ptToMM * 1.2
		left(f, "B", tpt, l, repLeft, y)
	}
	f.SetTextColor(0, 0, 0)
	r.y = y + 14
	r.KeyValues(c.Facts)
	if c.Note != "" {
		r.y += 4
		r.Paragraph(c.Note)
	}
	r.newPage()
}

// Heading starts a section: kept with at least the next few lines.
func (r *Report) Heading(s string) {
	r.room(30)
	if !r.fresh {
		r.y += 5
	}
	f := r.f
	f.SetFont(family, "B", 13)
	lines := splitLines(f, s, r.width)
	for _, l := range lines {
		r.y += 13 * ptToMM * 1.25
		f.SetTextColor(0x1d, 0x4f, 0x91)
		left(f, "B", 13, l, repLeft, r.y)
	}
	f.SetTextColor(0, 0, 0)
	r.y += 3
	r.fresh = false
}

// Paragraph writes wrapped text.
func (r *Report) Paragraph(s string) {
	const pt = 9.5
	r.started()
	r.f.SetFont(family, "", pt)
	for _, l := range splitLines(r.f, s, r.width) {
		r.room(lineHeight(pt))
		r.y += lineHeight(pt)
		left(r.f, "", pt, l, repLeft, r.y-pt*ptToMM*0.3)
	}
	r.y += 2
	r.fresh = false
}

// KeyValues writes a block of keys in bold with their values beside them.
func (r *Report) KeyValues(kvs []KeyValue) {
	const pt, keyW = 9.5, 55.0
	r.started()
	f := r.f
	for _, kv := range kvs {
		f.SetFont(family, "B", pt)
		keys := splitLines(f, kv.Key, keyW-3)
		f.SetFont(family, "", pt)
		values := splitLines(f, kv.Value, r.width-keyW)
		n := max(len(keys), len(values), 1)
		r.room(float64(n)*lineHeight(pt) + 1.5)
		for i := range n {
			base := r.y + float64(i+1)*lineHeight(pt) - pt*ptToMM*0.3
			if i < len(keys) {
				left(f, "B", pt, keys[i], repLeft, base)
			}
			if i < len(values) {
				left(f, "", pt, values[i], repLeft+keyW, base)
			}
		}
		r.y += float64(n)*lineHeight(pt) + 1.5
		r.fresh = false
	}
	r.y += 2
}

// Table draws a table of columns in the body; fill adds its rows. An
// empty table prints empty instead (a sentence such as "No one is on the
// waiting list.").
func (r *Report) Table(cols []Column, empty string, fill func(*Table)) {
	r.started()
	t := NewTable(r.f, r.Frame(), r.y, cols)
	t.fresh = r.fresh
	fill(t)
	r.y = t.End() + 3
	if t.Rows() == 0 && empty != "" {
		r.Paragraph(empty)
	}
	r.fresh = false
}

// Bar is one bar of a BarChart.
type Bar struct {
	Label string
	Value int
}

// BarChart is a horizontal bar chart: a label, a bar and the value in
// words for each row, over a scale with its ticks. Long charts go on over
// pages.
type BarChart struct {
	Bars []Bar
	Axis string // what the bars count, under the scale: "Registrations"
}

// Chart geometry, in millimetres.
const (
	barRow    = 5.2
	barH      = 3.6
	barLabelW = 58.0
	barValueW = 14.0
	axisH     = 11.0
	chartPt   = 8.0
)

// BarChart draws c as vectors: bars are rectangles, the labels, values
// and ticks are text (so pdftotext reads them).
func (r *Report) BarChart(c BarChart) {
	if len(c.Bars) == 0 {
		return
	}
	maxV := 1
	for _, b := range c.Bars {
		maxV = max(maxV, b.Value)
	}
	step, top := niceScale(maxV)
	x0 := repLeft + barLabelW
	plotW := r.width - barLabelW - barValueW
	scale := func(v int) float64 { return plotW * float64(v) / float64(top) }
	f := r.f
	for i := 0; i < len(c.Bars); {
		r.room(barRow*min(3, float64(len(c.Bars)-i)) + axisH)
		fit := max(1, int((r.bottom-r.y-axisH)/barRow))
		part := c.Bars[i:min(len(c.Bars), i+fit)]
		y0 := r.y + 1
		// Grid lines behind the bars, one per tick.
		f.SetDrawColor(225, 225, 225)
		f.SetLineWidth(0.2)
		for v := step; v <= top; v += step {
			f.Line(x0+scale(v), y0, x0+scale(v), y0+float64(len(part))*barRow)
		}
		for j, b := range part {
			y := y0 + float64(j)*barRow
			pt := fitSingle(f, "", b.Label, barLabelW-3, chartPt)
			f.SetFont(family, "", pt)
			base := y + barRow/2 + chartPt*ptToMM*0.35
			f.Text(x0-2-f.GetStringWidth(b.Label), base, b.Label)
			if b.Value > 0 {
				f.SetFillColor(0x1d, 0x4f, 0x91)
				f.Rect(x0, y+(barRow-barH)/2, scale(b.Value), barH, "F")
			}
			left(f, "B", chartPt, strconv.Itoa(b.Value), x0+scale(b.Value)+1.5, base)
		}
		yEnd := y0 + float64(len(part))*barRow
		r.drawScale(x0, yEnd, plotW, step, top, scale, c.Axis)
		f.SetDrawColor(60, 60, 60)
		f.SetLineWidth(0.3)
		f.Line(x0, y0, x0, yEnd)
		r.y = yEnd + axisH
		r.fresh = false
		i += len(part)
	}
	r.y += 2
}

// drawScale draws a horizontal axis at y with its ticks and title.
func (r *Report) drawScale(x0, y, w float64, step, top int, scale func(int) float64, title string) {
	f := r.f
	f.SetDrawColor(60, 60, 60)
	f.SetLineWidth(0.3)
	f.Line(x0, y, x0+w, y)
	f.SetFont(family, "", 7)
	f.SetTextColor(70, 70, 70)
	for v := 0; v <= top; v += step {
		x := x0 + scale(v)
		f.Line(x, y, x, y+1)
		s := strconv.Itoa(v)
		f.Text(x-f.GetStringWidth(s)/2, y+4, s)
	}
	if title != "" {
		f.Text(x0+(w-f.GetStringWidth(title))/2, y+8, title)
	}
	f.SetTextColor(0, 0, 0)
}

// Point is one point of a LineChart.
type Point struct {
	Label string // the x value in words: "15 Jan"
	Value int
}

// LineChart is a line over evenly spaced points (days), with a scale on
// the left and a few labelled points along the bottom.
type LineChart struct {
	Points []Point
	Axis   string // the y axis: "Registrations so far"
}

// LineChart draws c as vectors: the line is line segments, the scale,
// the axis labels and the last value are text.
func (r *Report) LineChart(c LineChart) {
	if len(c.Points) == 0 {
		return
	}
	const h, padL, padB = 62.0, 14.0, 9.0
	r.room(h + padB + 4)
	f := r.f
	x0, y0 := repLeft+padL, r.y+4+h // the origin
	w := r.width - padL - 12
	maxV := 1
	for _, p := range c.Points {
		maxV = max(maxV, p.Value)
	}
	step, top := niceScale(maxV)
	px := func(i int) float64 {
		if len(c.Points) == 1 {
			return x0 + w/2
		}
		return x0 + w*float64(i)/float64(len(c.Points)-1)
	}
	py := func(v int) float64 { return y0 - h*float64(v)/float64(top) }

	f.SetFont(family, "", 7)
	f.SetTextColor(70, 70, 70)
	for v := 0; v <= top; v += step {
		f.SetDrawColor(225, 225, 225)
		f.SetLineWidth(0.2)
		f.Line(x0, py(v), x0+w, py(v))
		s := strconv.Itoa(v)
		f.Text(x0-2-f.GetStringWidth(s), py(v)+1, s)
	}
	if c.Axis != "" {
		f.TransformBegin()
		f.TransformRotate(90, repLeft+2, y0-h/2)
		f.Text(repLeft+2-f.GetStringWidth(c.Axis)/2, y0-h/2, c.Axis)
		f.TransformEnd()
	}
	// Labels along the bottom: at most seven, first and last always.
	for _, i := range labelIndexes(len(c.Points), 7) {
		s := c.Points[i].Label
		f.SetDrawColor(60, 60, 60)
		f.Line(px(i), y0, px(i), y0+1)
		x := min(max(px(i)-f.GetStringWidth(s)/2, repLeft), repLeft+r.width-f.GetStringWidth(s))
		f.Text(x, y0+4.5, s)
	}
	f.SetTextColor(0, 0, 0)
	f.SetDrawColor(60, 60, 60)
	f.SetLineWidth(0.3)
	f.Line(x0, y0, x0+w, y0)
	f.Line(x0, y0, x0, y0-h)

	f.SetDrawColor(0x1d, 0x4f, 0x91)
	f.SetLineWidth(0.6)
	for i := 1; i < len(c.Points); i++ {
		f.Line(px(i-1), py(c.Points[i-1].Value), px(i), py(c.Points[i].Value))
	}
	if len(c.Points) <= 40 {
		f.SetFillColor(0x1d, 0x4f, 0x91)
		for i, p := range c.Points {
			f.Circle(px(i), py(p.Value), 0.7, "F")
		}
	}
	last := c.Points[len(c.Points)-1]
	left(f, "B", chartPt, strconv.Itoa(last.Value), px(len(c.Points)-1)+1.5, py(last.Value)+1)
	r.y = y0 + padB
	r.fresh = false
}

// labelIndexes picks at most n evenly spread indexes of count points,
// the first and the last among them.
func labelIndexes(count, n int) []int {
	if count <= n {
		out := make([]int, count)
		for i := range out {
			out[i] = i
		}
		return out
	}
	out := make([]int, n)
	for i := range out {
		out[i] = int(math.Round(float64(i) * float64(count-1) / float64(n-1)))
	}
	return out
}

// niceScale is a step of 1, 2 or 5 times a power of ten that divides
// [0, maxV] into at most five parts, and the scale's top (a multiple of
// the step, at least maxV).
func niceScale(maxV int) (step, top int) {
	maxV = max(maxV, 1)
	raw := float64(maxV) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 1
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = max(1, int(m*mag))
			break
		}
	}
	top = (maxV + step - 1) / step * step
	return step, top
}

// hexRGB reads #rrggbb; anything else is a mid grey.
func hexRGB(s string) rgb {
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil || len(s) != 7 || s[0] != '#' {
		return rgb{120, 120, 120}
	}
	return rgb{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}
}

// Output writes the document to w.
func (r *Report) Output(w io.Writer) (err error) {
	defer guard(&err, "report "+r.header.Title)
	r.started()
	if err := r.f.Output(w); err != nil {
		return fmt.Errorf("pdf: report %q: %w", r.header.Title, err)
	}
	return nil
}

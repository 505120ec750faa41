// Package report builds the organisers' reports — registrations, the list
// of participants, attendance and press — for the organising office and
// the funder. Each report is gathered once into plain figures and then
// written twice, as a PDF (internal/pdf's report frame and table engine)
// and as a CSV (internal/csvout), so the two always carry the same numbers.
//
// CSV layout. The three reports of figures share one "long" layout, a row
// per number:
//
//	section,key,label,measure,value
//
// section names the PDF's table or chart the number belongs to; key is a
// stable identifier within it (a status, an ISO country code, a date
// YYYY-MM-DD, a session's id, a reference); label is what the PDF prints;
// measure says what is counted (registrations, signups, attended,
// room_capacity, fill_rate_percent, downloads, ...); value is the number.
// A spreadsheet's pivot table turns it back into any of the PDF's tables.
// The list of participants is a list, not figures: one row per person.
//
// # Logistics documents
//
// The logistics documents (logistics.go, catering.go, on the console's
// logistics page) are what organisers hand to the transfer company, the
// hotel, the finance office and the caterer before a conference whose
// organiser pays the travel of sponsored delegates. They are gathered and
// written twice like the reports.
//
// Who is on them. The travellers are the registrations whose sponsorship
// was granted, with an itinerary, neither cancelled, rejected nor erased
// (store.Travellers).
//   - The arrivals and departures manifests list every traveller with an
//     arrival (a departure) time, confirmed or not, with a "confirmed"
//     column: the transfer company needs early notice.
//   - The rooming list and the per-diem sheet list confirmed itineraries
//     only: rooms are booked and money paid on what organisers confirmed.
//     Per-diem nights are the stay nights (arrival date to departure
//     date, model.Itinerary.StayNights); the amount is nights × the rate,
//     in integer cents.
//     A confirmed itinerary without hotel dates is not on the rooming list
//     (nothing to book) but is on the per-diem sheet.
//   - The catering list carries no personal data: counts, and the text of
//     the access requirements. Which sessions are meals, and how needs are
//     grouped, is on the catering type.
//
// CSV layouts (one header row, then rows; every file through csvout):
//
//	arrivals, departures: date,time,name,country,flight,airport,transfer,phone,confirmed
//	rooming:  kind,name,country,check_in,check_out,nights,night,rooms
//	per-diem: kind,name,country,nights,rate,currency,amount
//	catering: section,day,time,meal,need,count
//
// The rooming and per-diem files mix two kinds of rows, told apart by the
// first column so that a spreadsheet's filter separates them: in rooming,
// "guest" rows (one a person: name to nights) and "night" rows (one a
// hotel night: night YYYY-MM-DD and the rooms confirmed for it); in
// per-diem, "person" rows and one "total" row (the nights and the amount
// summed, as the PDF's last line). Amounts are decimals with two places,
// rate and amount in the currency column's ISO 4217 code.
//
// The catering file's sections: "meal_people" (a meal's expected number of
// people in count, need empty), "meal_dietary" (a meal's count for one
// dietary need), and "access" (an access requirement's text in need and
// how many people stated it, day, time and meal empty).
package report

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/country"
	"confdesk/internal/csvout"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/internal/store"
)

// Source is where reports read from, and the words they print.
type Source struct {
	Store      *store.Store
	Conference model.Conference
	Now        time.Time // the generation time
	Labels     Labels
}

// Labels name the codes a report prints. They are the console's own
// labels, passed in by the web layer, so a report says what its pages say.
type Labels struct {
	Status, Category, OrgType, MediaType map[string]string
}

func label(m map[string]string, key string) string {
	if l, ok := m[key]; ok {
		return l
	}
	return key
}

// Document is a built report, ready to be written in either format.
type Document interface {
	WritePDF(w io.Writer) error
	WriteCSV(w io.Writer) error
}

// Kind is one of the reports.
type Kind struct {
	Slug   string // the file name: /admin/reports/SLUG.pdf
	Title  string
	Params []string // the filter's parameters the report uses
	build  func(context.Context, Source, Filter) (Document, error)
}

// Kinds lists the reports in the order the reports page shows them.
var Kinds = []Kind{
	{Slug: "registrations", Title: "Registrations", Params: []string{"from", "to", "status"}, build: buildRegistrations},
	{Slug: "participants", Title: "List of participants", Params: []string{"by"}, build: buildParticipants},
	{Slug: "attendance", Title: "Attendance", build: buildAttendance},
	{Slug: "press", Title: "Press", Params: []string{"from", "to"}, build: buildPress},
}

// Build gathers the report's figures.
func (k Kind) Build(ctx context.Context, src Source, f Filter) (Document, error) {
	doc, err := k.build(ctx, src, f)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", k.Slug, err)
	}
	return doc, nil
}

// newPDF starts a report's PDF with the running header every report carries.
func newPDF(src Source, title string) *pdf.Report {
	c := src.Conference
	generated := "Generated " + src.Now.In(c.Location()).Format("Monday 2 January 2006, 15:04 MST")
	return pdf.NewReport(pdf.ReportHeader{Conference: c.Name, Title: title, Generated: generated},
		pdf.Meta{Title: title + " · " + c.ShortName, Author: c.Organiser, Created: src.Now})
}

// newLandscapePDF is newPDF on landscape pages, for wide tables.
func newLandscapePDF(src Source, title string) *pdf.Report {
	c := src.Conference
	generated := "Generated " + src.Now.In(c.Location()).Format("Monday 2 January 2006, 15:04 MST")
	return pdf.NewLandscapeReport(pdf.ReportHeader{Conference: c.Name, Title: title, Generated: generated},
		pdf.Meta{Title: title + " · " + c.ShortName, Author: c.Organiser, Created: src.Now})
}

// longCSV writes the long layout: section,key,label,measure,value.
type longCSV struct {
	w   *csvout.Writer
	err error
}

func newLongCSV(w io.Writer) *longCSV {
	l := &longCSV{w: csvout.NewWriter(w)}
	l.err = l.w.Write([]string{"section", "key", "label", "measure", "value"})
	return l
}

func (l *longCSV) add(section, key, label, measure string, value int) {
	if l.err == nil {
		l.err = l.w.Write([]string{section, key, label, measure, strconv.Itoa(value)})
	}
}

func (l *longCSV) close() error {
	if l.err != nil {
		return l.err
	}
	return l.w.Flush()
}

// countryRank orders countries as every report lists them: the Caribbean
// first, then the others, each part by name; unknown codes last.
var countryRank = func() map[string]int {
	out := map[string]int{}
	for i, c := range append(slices.Clone(country.Caribbean()), country.Others()...) {
		out[c.Code] = i
	}
	return out
}()

func rankOf(code string) int {
	if r, ok := countryRank[code]; ok {
		return r
	}
	return len(countryRank)
}

func countryName(code string) string {
	if n := country.Name(code); n != "" {
		return n
	}
	return code
}

func isCaribbean(code string) bool {
	c, ok := country.Lookup(code)
	return ok && c.Caribbean
}

// counted is one line of a count: a key, its label and how many.
type counted struct {
	Key, Label string
	Count      int
}

// byCountry turns counts by country code into lines, Caribbean first.
func byCountry(counts map[string]int) []counted {
	out := make([]counted, 0, len(counts))
	for code, n := range counts {
		out = append(out, counted{Key: code, Label: countryName(code), Count: n})
	}
	slices.SortFunc(out, func(a, b counted) int {
		if c := rankOf(a.Key) - rankOf(b.Key); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	return out
}

// percent is part of whole in whole per cent, rounded half up.
func percent(part, whole int) int {
	if whole <= 0 {
		return 0
	}
	return (200*part + whole) / (2 * whole)
}

// shortDate is a day for tables: "15 Jan 2027".
func shortDate(day string) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return d.Format("2 Jan 2006")
}

package web

import (
	"bytes"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/country"
	"confdesk/internal/csvout"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// registrationColumn is one column of the desk's exports: the CSV and the
// XLSX are written from the one list below, so they cannot disagree on
// the columns, their order or a cell's text.
type registrationColumn struct {
	Name string
	// Width is the column's width in the XLSX, in characters: enough for
	// the header and a usual value (the CSV has none).
	Width float64
	Value func(r store.ExportedRegistration, loc *time.Location) string
}

// registrationColumns are the exports' columns; spreadsheets and scripts
// of the organisers rely on their order, so a new column goes at the end.
// Every cell is text:
//   - created_at, arrival and departure are RFC 3339 in the conference's
//     time zone, with its offset (2027-01-15T10:00:00-05:00): the hour
//     organisers think in, unambiguous for any program that reads it.
//     arrival and departure are the itinerary's (entered as wall-clock
//     times in the conference's zone); empty without one.
//   - head_of_delegation, visa_letter (the person asked for an invitation
//     letter), sponsored (sponsorship granted, not merely asked) and
//     checked_in (arrived at the door or a session, not undone) are yes or no.
//   - dietary and accessibility are the needs as the person typed them.
//   - language is the code of the language the person registered in and
//     is written to (en, es, fr, nl).
var registrationColumns = []registrationColumn{
	{"reference", 12, func(r store.ExportedRegistration, _ *time.Location) string { return r.Reference }},
	{"status", 11, func(r store.ExportedRegistration, _ *time.Location) string { return r.Status }},
	{"category", 12, func(r store.ExportedRegistration, _ *time.Location) string { return r.Category }},
	{"first_name", 16, func(r store.ExportedRegistration, _ *time.Location) string { return r.FirstName }},
	{"last_name", 18, func(r store.ExportedRegistration, _ *time.Location) string { return r.LastName }},
	{"email", 28, func(r store.ExportedRegistration, _ *time.Location) string { return r.Email }},
	{"country", 9, func(r store.ExportedRegistration, _ *time.Location) string { return r.Country }},
	{"country_name", 20, func(r store.ExportedRegistration, _ *time.Location) string { return country.Name(r.Country) }},
	{"organisation", 32, func(r store.ExportedRegistration, _ *time.Location) string { return r.Organisation }},
	{"org_type", 14, func(r store.ExportedRegistration, _ *time.Location) string { return r.OrgType }},
	{"job_title", 22, func(r store.ExportedRegistration, _ *time.Location) string { return r.JobTitle }},
	{"head_of_delegation", 19, func(r store.ExportedRegistration, _ *time.Location) string { return yesNo(r.HeadOfDelegation) }},
	{"created_at", 26, func(r store.ExportedRegistration, loc *time.Location) string {
		return r.CreatedAt.In(loc).Format(time.RFC3339)
	}},
	{"dietary", 24, func(r store.ExportedRegistration, _ *time.Location) string { return r.Dietary }},
	{"accessibility", 28, func(r store.ExportedRegistration, _ *time.Location) string { return r.Accessibility }},
	{"visa_letter", 11, func(r store.ExportedRegistration, _ *time.Location) string { return yesNo(r.VisaLetter) }},
	{"language", 9, func(r store.ExportedRegistration, _ *time.Location) string { return i18n.ByCode(r.Language).Code }},
	{"sponsored", 10, func(r store.ExportedRegistration, _ *time.Location) string {
		return yesNo(r.Sponsorship == model.SponsorshipGranted)
	}},
	{"arrival", 26, func(r store.ExportedRegistration, loc *time.Location) string {
		return wallClockRFC3339(r.ArrivalAt, loc)
	}},
	{"departure", 26, func(r store.ExportedRegistration, loc *time.Location) string {
		return wallClockRFC3339(r.DepartureAt, loc)
	}},
	{"checked_in", 11, func(r store.ExportedRegistration, _ *time.Location) string { return yesNo(r.CheckedIn) }},
}

// registrationExportHeader is the exports' first row: the columns' names.
var registrationExportHeader = func() []string {
	h := make([]string, len(registrationColumns))
	for i, c := range registrationColumns {
		h[i] = c.Name
	}
	return h
}()

// registrationExportRecord is one registration as a row of the exports,
// before any format's own rule (csvout's quote before a formula
// character, an XLSX string cell).
func registrationExportRecord(r store.ExportedRegistration, loc *time.Location, into []string) []string {
	into = into[:0]
	for _, c := range registrationColumns {
		into = append(into, c.Value(r, loc))
	}
	return into
}

// wallClockRFC3339 turns an itinerary's wall-clock time ("YYYY-MM-DDTHH:MM"
// in the conference's zone) into RFC 3339 with the zone's offset on that
// day; "" stays "", and anything unreadable is written as stored rather
// than dropped.
func wallClockRFC3339(s string, loc *time.Location) string {
	if s == "" {
		return ""
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", s, loc)
	if err != nil {
		return s
	}
	return t.Format(time.RFC3339)
}

// eachDeskExportRow calls fn with the header, then with every registration
// the desk's filters in c's query match (all pages; ?page= is ignored), as
// rows of the exports. The slice passed is reused between calls.
func (s *Server) eachDeskExportRow(c *fiber.Ctx, fn func([]string) error) error {
	conf := conference(c)
	f := store.ParseRegistrationFilter(queryValues(c))
	loc := conf.Location()
	if err := fn(registrationExportHeader); err != nil {
		return err
	}
	row := make([]string, 0, len(registrationColumns))
	return s.store.EachExportedRegistration(c.UserContext(), conf.ID, f, func(r store.ExportedRegistration) error {
		row = registrationExportRecord(r, loc, row)
		return fn(row)
	})
}

// deskExportName is the exports' file name, with today's date in the
// conference's zone and ext ("csv", "xlsx").
func (s *Server) deskExportName(c *fiber.Ctx, ext string) string {
	return fmt.Sprintf("registrations-%s.%s", s.now().In(conference(c).Location()).Format(time.DateOnly), ext)
}

// exportDeskRegistrations sends the filtered list, all pages, as a CSV file
// (the same ?q=&status=&... as the list; ?page= is ignored).
func (s *Server) exportDeskRegistrations(c *fiber.Ctx) error {
	// Built in memory (a few hundred bytes per registration), so an error
	// half-way gives an error page, not half a file.
	var buf bytes.Buffer
	w := csvout.NewWriter(&buf)
	if err := s.eachDeskExportRow(c, w.Write); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s"`, s.deskExportName(c, "csv")))
	return c.Send(buf.Bytes())
}

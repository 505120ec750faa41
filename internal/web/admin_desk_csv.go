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

// registrationCSVHeader names the export's columns; spreadsheets and
// scripts of the organisers rely on their order.
var registrationCSVHeader = []string{"reference", "status", "category", "first_name", "last_name", "email", "country",
	"country_name", "organisation", "org_type", "job_title", "head_of_delegation", "created_at", "language"}

// registrationCSVRecord is one registration as a row of the export.
// created_at is RFC 3339 in the conference's time zone, with its offset
// (2027-01-15T10:00:00-05:00): the hour organisers think in, unambiguous
// for any program that reads it. language, last, is the code of the
// language the person registered in and is written to (en, es, fr, nl).
func registrationCSVRecord(r model.Registration, loc *time.Location) []string {
	head := "no"
	if r.HeadOfDelegation {
		head = "yes"
	}
	return []string{r.Reference, r.Status, r.Category, r.FirstName, r.LastName, r.Email, r.Country,
		country.Name(r.Country), r.Organisation, r.OrgType, r.JobTitle, head, r.CreatedAt.In(loc).Format(time.RFC3339),
		i18n.ByCode(r.Language).Code}
}

// exportDeskRegistrations sends the filtered list, all pages, as a CSV file
// (the same ?q=&status=&... as the list; ?page= is ignored).
func (s *Server) exportDeskRegistrations(c *fiber.Ctx) error {
	conf := conference(c)
	f := store.ParseRegistrationFilter(queryValues(c))
	loc := conf.Location()
	// Built in memory (a few hundred bytes per registration), so an error
	// half-way gives an error page, not half a file.
	var buf bytes.Buffer
	w := csvout.NewWriter(&buf)
	if err := w.Write(registrationCSVHeader); err != nil {
		return err
	}
	err := s.store.EachRegistration(c.UserContext(), conf.ID, f, func(r model.Registration) error {
		return w.Write(registrationCSVRecord(r, loc))
	})
	if err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition,
		fmt.Sprintf(`attachment; filename="registrations-%s.csv"`, s.now().In(loc).Format(time.DateOnly)))
	return c.Send(buf.Bytes())
}

package web

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/report"
	"confdesk/views/admin"
	"confdesk/views/public"
)

// reportLabels are the console's words for the codes reports print.
var reportLabels = report.Labels{Status: admin.StatusLabels, Category: admin.CategoryLabels,
	OrgType: public.OrgTypeLabels, MediaType: public.MediaTypeLabels}

// showReports is the filter form and a card per report, whose buttons send
// the form as it stands to the report (formaction), so what is on screen is
// what is downloaded. A date that is not one comes back with 422 and its message.
func (s *Server) showReports(c *fiber.Ctx) error {
	f, problems := report.ParseFilter(queryValues(c))
	status := fiber.StatusOK
	if len(problems) > 0 {
		status = fiber.StatusUnprocessableEntity
	}
	return s.renderReports(c, status, f, problems)
}

// renderReports draws the reports page with the form holding f and a
// message by each field of problems.
func (s *Server) renderReports(c *fiber.Ctx, status int, f report.Filter, problems []report.Problem) error {
	p, err := s.adminPage(c, "Reports", "reports")
	if err != nil {
		return err
	}
	v := admin.ReportsView{Filter: f}
	for _, pr := range problems {
		v.Errors = append(v.Errors, fieldError(pr.Field, pr.Message))
	}
	for _, k := range report.Kinds {
		base := "/admin/reports/" + k.Slug
		v.Cards = append(v.Cards, admin.ReportCard{Slug: k.Slug, Title: k.Title, PDF: base + ".pdf", CSV: base + ".csv",
			Uses: filtersUsed(k)})
	}
	return render(c, status, admin.ReportsPage(p, v))
}

// filterWords name the form's filters as a report card mentions them.
var filterWords = map[string]string{"from": "the first day", "to": "the last day", "status": "the status", "by": "the grouping"}

// filtersUsed says in words which of the form's filters report k reads.
func filtersUsed(k report.Kind) string {
	if len(k.Params) == 0 {
		return "Uses none of the filters."
	}
	words := make([]string, len(k.Params))
	for i, p := range k.Params {
		words[i] = filterWords[p]
	}
	last := len(words) - 1
	if last == 0 {
		return "Uses " + words[0] + "."
	}
	return "Uses " + strings.Join(words[:last], ", ") + " and " + words[last] + "."
}

// reportFilter is the request's filter as report k reads it: the form
// sends every filter to every report, and a bad date in a filter the
// report does not use must not stop it.
func reportFilter(c *fiber.Ctx, k report.Kind) (report.Filter, []report.Problem) {
	all := queryValues(c)
	only := url.Values{}
	for _, p := range k.Params {
		if vs, ok := all[p]; ok {
			only[p] = vs
		}
	}
	return report.ParseFilter(only)
}

// sendReport builds report k with the request's filter and sends it as a
// PDF (inline) or a CSV (attachment). Both are built in memory from the
// same figures, so an error half-way gives an error page, not half a file.
func (s *Server) sendReport(k report.Kind, format string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		f, problems := reportFilter(c, k)
		if len(problems) > 0 {
			// The form again, as it was sent, with the message by the date.
			all, _ := report.ParseFilter(queryValues(c))
			return s.renderReports(c, fiber.StatusUnprocessableEntity, all, problems)
		}
		conf := conference(c)
		now := s.now()
		doc, err := k.Build(c.UserContext(), report.Source{Store: s.store, Conference: conf, Now: now, Labels: reportLabels}, f)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		name := fmt.Sprintf("%s-%s.%s", k.Slug, now.In(conf.Location()).Format(time.DateOnly), format)
		if format == "pdf" {
			if err := doc.WritePDF(&buf); err != nil {
				return err
			}
			return sendPDF(c, name, buf.Bytes())
		}
		if err := doc.WriteCSV(&buf); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`"`)
		return c.Send(buf.Bytes())
	}
}

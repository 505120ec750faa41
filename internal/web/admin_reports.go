package web

import (
	"bytes"
	"fmt"
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

// showReports lists the reports with links that carry the filters. A date
// that is not one comes back with 422 and its message; the links leave it out.
func (s *Server) showReports(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Reports", "reports")
	if err != nil {
		return err
	}
	f, problems := report.ParseFilter(queryValues(c))
	v := admin.ReportsView{Filter: f}
	usable := f
	for _, pr := range problems {
		v.Errors = append(v.Errors, fieldError(pr.Field, pr.Message))
		switch pr.Field {
		case "from":
			usable.From = ""
		case "to":
			usable.To = ""
		}
	}
	for _, k := range report.Kinds {
		q := usable.Values(k.Params).Encode()
		if q != "" {
			q = "?" + q
		}
		base := "/admin/reports/" + k.Slug
		v.Cards = append(v.Cards, admin.ReportCard{Slug: k.Slug, Title: k.Title, PDF: base + ".pdf" + q, CSV: base + ".csv" + q,
			Applied: appliedFilters(k, usable)})
	}
	status := fiber.StatusOK
	if len(problems) > 0 {
		status = fiber.StatusUnprocessableEntity
	}
	return render(c, status, admin.ReportsPage(p, v))
}

// appliedFilters says in words which of the form's filters a report's links carry.
func appliedFilters(k report.Kind, f report.Filter) string {
	var parts []string
	for _, p := range k.Params {
		switch {
		case p == "from" && f.From != "":
			parts = append(parts, "from "+longDate(f.From))
		case p == "to" && f.To != "":
			parts = append(parts, "to "+longDate(f.To))
		case p == "status" && f.Status != "":
			parts = append(parts, "status "+admin.StatusLabels[f.Status])
		case p == "by" && f.By == report.ByInstitution:
			parts = append(parts, "grouped by institution")
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "Filtered: " + strings.Join(parts, ", ") + "."
}

// sendReport builds report k with the request's filter and sends it as a
// PDF (inline) or a CSV (attachment). Both are built in memory from the
// same figures, so an error half-way gives an error page, not half a file.
func (s *Server) sendReport(k report.Kind, format string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		f, problems := report.ParseFilter(queryValues(c))
		if len(problems) > 0 {
			return fiber.NewError(fiber.StatusBadRequest, problems[0].Message+" Choose the dates again on the reports page.")
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

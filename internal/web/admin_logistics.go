package web

import (
	"bytes"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/report"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

// showLogistics is the sponsored delegates' travel at a glance: the room
// block night by night, arrivals and departures by day, and the documents.
func (s *Server) showLogistics(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Logistics", "logistics")
	if err != nil {
		return err
	}
	l, err := report.GatherLogistics(c.UserContext(), s.logisticsSource(c))
	if err != nil {
		return err
	}
	v := admin.LogisticsView{L: l,
		MissingLink: "/admin/registrations?" + store.RegistrationFilter{Sponsored: store.SponsoredYes}.Query()}
	for _, k := range report.LogisticsKinds {
		base := "/admin/logistics/" + k.Slug
		v.Docs = append(v.Docs, admin.LogisticsDoc{Slug: k.Slug, Title: k.Title, Description: k.Description,
			PDF: base + ".pdf", CSV: base + ".csv"})
	}
	return render(c, fiber.StatusOK, admin.LogisticsPage(p, v))
}

func (s *Server) logisticsSource(c *fiber.Ctx) report.Source {
	return report.Source{Store: s.store, Conference: conference(c), Now: s.now(), Labels: reportLabels}
}

// sendLogistics builds document k and sends it as an attachment, PDF or
// CSV, built in memory from rows gathered once. The file is named after
// the conference, the document and the day: "ctc-miami-arrivals-2027-01-15.csv".
func (s *Server) sendLogistics(k report.LogisticsKind, format string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		src := s.logisticsSource(c)
		l, err := report.GatherLogistics(c.UserContext(), src)
		if err != nil {
			return err
		}
		doc, err := k.Build(c.UserContext(), src, l)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		contentType := "text/csv; charset=utf-8"
		if format == "pdf" {
			contentType = "application/pdf"
			err = doc.WritePDF(&buf)
		} else {
			err = doc.WriteCSV(&buf)
		}
		if err != nil {
			return err
		}
		conf := src.Conference
		prefix := agenda.Slug(conf.ShortName)
		if prefix == "" {
			prefix = "conference"
		}
		name := fmt.Sprintf("%s-%s-%s.%s", prefix, k.Slug, src.Now.In(conf.Location()).Format(time.DateOnly), format)
		c.Set(fiber.HeaderContentType, contentType)
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`"`)
		return c.Send(buf.Bytes())
	}
}

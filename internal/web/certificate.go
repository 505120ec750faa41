package web

import (
	"bytes"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/country"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
)

// renderCertificates draws a certificate of attendance for each registration.
func (s *Server) renderCertificates(conf model.Conference, regs []model.Registration) ([]byte, error) {
	certs := make([]pdf.Certificate, len(regs))
	for i, r := range regs {
		certs[i] = pdf.Certificate{Name: r.FullName(), Organisation: r.Organisation, Country: country.Name(r.Country), Reference: r.Reference}
	}
	h := pdf.CertificateHeader{Conference: conf.Name, Dates: conf.DatesInWords(), City: conf.City, Organiser: conf.Organiser,
		SignatoryName: conf.LetterSignatoryName, SignatoryTitle: conf.LetterSignatoryTitle}
	var buf bytes.Buffer
	err := pdf.Certificates(&buf, h, certs, pdf.Meta{Title: "Certificates of attendance · " + conf.ShortName, Author: conf.Organiser, Created: s.now()})
	return buf.Bytes(), err
}

// sendCertificate sends r's certificate when r was checked in at least once, else 404.
func (s *Server) sendCertificate(c *fiber.Ctx, r model.Registration) error {
	attended, err := s.store.CheckedIn(c.UserContext(), r.ID)
	if err != nil {
		return err
	}
	if !attended {
		return fiber.ErrNotFound
	}
	conf := conference(c)
	body, err := s.renderCertificates(conf, []model.Registration{r})
	if err != nil {
		return err
	}
	return sendPDF(c, "certificate-"+r.Reference+".pdf", body)
}

// showOwnCertificate is an attendee's certificate, from their self-service page.
func (s *Server) showOwnCertificate(c *fiber.Ctx) error {
	return s.sendCertificate(c, currentRegistration(c))
}

// showRegistrationCertificate is any attendee's certificate, for organisers.
func (s *Server) showRegistrationCertificate(c *fiber.Ctx) error {
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	return s.sendCertificate(c, r)
}

// showAllCertificates prints every attendee's certificate, one per page.
func (s *Server) showAllCertificates(c *fiber.Ctx) error {
	conf := conference(c)
	regs, err := s.store.RegistrationsCheckedIn(c.UserContext(), conf.ID)
	if err != nil {
		return err
	}
	body, err := s.renderCertificates(conf, regs)
	if err != nil {
		return err
	}
	return sendPDF(c, "certificates.pdf", body)
}

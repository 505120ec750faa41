package web

import (
	"bytes"
	"context"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/country"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/views"
)

// renderCertificates draws a certificate of attendance for each
// registration, each in the person's language, naming the conference as
// the organisers translated it into that language when they did.
func (s *Server) renderCertificates(ctx context.Context, conf model.Conference, regs []model.Registration) ([]byte, error) {
	names := map[string]string{} // language → the conference's name in it
	certs := make([]pdf.Certificate, len(regs))
	for i, r := range regs {
		l := i18n.ByCode(r.Language)
		name, ok := names[l.Code]
		if !ok {
			var err error
			if name, err = s.conferenceNameIn(ctx, conf, l); err != nil {
				return nil, err
			}
			names[l.Code] = name
		}
		certs[i] = pdf.Certificate{Name: r.FullName(), Organisation: r.Organisation, Country: country.LocalName(l.Tag, r.Country),
			Reference: r.Reference, Words: certificateWords(l, conf, name, r.Reference)}
	}
	h := pdf.CertificateHeader{Organiser: conf.Organiser, SignatoryName: conf.LetterSignatoryName, SignatoryTitle: conf.LetterSignatoryTitle}
	title := "Certificates of attendance · " + conf.ShortName
	if len(regs) == 1 {
		title = certs[0].Words.Title + " · " + conf.ShortName
	}
	var buf bytes.Buffer
	err := pdf.Certificates(&buf, h, certs, pdf.Meta{Title: title, Author: conf.Organiser, Created: s.now()})
	return buf.Bytes(), err
}

// conferenceNameIn is the conference's name in l: the organisers'
// translation, else the English original.
func (s *Server) conferenceNameIn(ctx context.Context, conf model.Conference, l *i18n.Locale) (string, error) {
	if l == i18n.English {
		return conf.Name, nil
	}
	content, err := s.contentTranslations(ctx, conf.ID, l.Code)
	if err != nil {
		return "", err
	}
	return views.ConferenceName(i18n.WithContent(i18n.With(ctx, l), content), conf).Text, nil
}

// certificateWords are what a certificate says in l.
func certificateWords(l *i18n.Locale, conf model.Conference, name, reference string) pdf.CertificateWords {
	attended := l.T("doc.certificate.attended_nowhere", "Conference", name, "Dates", datesInWords(l, conf))
	if conf.City != "" {
		attended = l.T("doc.certificate.attended", "Conference", name, "City", conf.City, "Dates", datesInWords(l, conf))
	}
	return pdf.CertificateWords{Title: l.T("doc.certificate.title"), Certify: l.T("doc.certificate.certify"),
		Attended: attended, Reference: l.T("doc.certificate.reference", "Reference", reference)}
}

// datesInWords is the conference's days in l as a sentence says them
// after "held in Miami": "from 15 to 17 March 2027", "del 15 al 17 de
// marzo de 2027" (model.Conference.DatesInWords is the English one the
// visa letter prints).
func datesInWords(l *i18n.Locale, conf model.Conference) string {
	s, e := conf.Start(), conf.End().AddDate(0, 0, -1)
	switch {
	case s.IsZero() || conf.End().IsZero():
		return ""
	case s.Equal(e):
		return l.T("doc.dates.one_day", "Date", l.Date(s))
	case s.Year() != e.Year():
		return l.T("doc.dates.years", "Start", l.Date(s), "End", l.Date(e))
	case s.Month() != e.Month():
		return l.T("doc.dates.months", "Start", l.DayAndMonth(s), "End", l.Date(e))
	default:
		return l.T("doc.dates.days", "StartDay", s.Day(), "End", l.Date(e))
	}
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
	body, err := s.renderCertificates(c.UserContext(), conf, []model.Registration{r})
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
	body, err := s.renderCertificates(c.UserContext(), conf, regs)
	if err != nil {
		return err
	}
	return sendPDF(c, "certificates.pdf", body)
}

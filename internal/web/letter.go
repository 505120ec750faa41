package web

import (
	"bytes"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/country"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/internal/registration"
)

// letterReady reports whether r may have its invitation letter now
// (registration.LetterUnavailable says why not).
func letterReady(r model.Registration) bool { return registration.LetterUnavailable(r).ID == "" }

// longDate writes a YYYY-MM-DD date for a letter: "23 April 1981".
func longDate(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Format("2 January 2006")
}

// letterAddressee opens every letter. It is read by the consular officer
// who decides the visa, wherever the person applies; the settings hold no
// host country, so the line names the consular section without naming a
// country that would be wrong for a conference held elsewhere.
var letterAddressee = []string{"To the Consular Section",
	"Embassy or Consulate receiving the visa application of the person named below"}

// renderLetter draws r's invitation letter, dated the day it was approved
// and with that approval's verification code (issued at its first
// download, registration/verify.go), so that every copy is the same letter.
func (s *Server) renderLetter(c *fiber.Ctx, conf model.Conference, r model.Registration, actor registration.Actor) ([]byte, error) {
	code, err := s.reg.LetterCode(c.UserContext(), conf, r, actor)
	if err != nil {
		return nil, err
	}
	signature, err := s.documentImage(c, model.ImageSignature)
	if err != nil {
		return nil, err
	}
	l := pdf.Letter{Signature: signature,
		Organiser: conf.Organiser, Programme: conf.Programme,
		Date:      r.LetterApprovedAt.In(conf.Location()).Format("2 January 2006"),
		Reference: r.Reference, PassportName: r.PassportName, Nationality: country.Name(r.Nationality),
		PassportNumber: r.PassportNumber, PassportExpiry: longDate(r.PassportExpiry), DateOfBirth: longDate(r.DateOfBirth),
		Organisation: r.Organisation, JobTitle: r.JobTitle, Conference: conf.Name, Dates: conf.DatesInWords(),
		Venue: conf.VenueLine(), Purpose: conf.Aim, Costs: registration.CostsStatement(conf, r),
		PostalAddress: conf.PostalAddress, Phone: conf.ContactPhone, Email: conf.ContactEmail,
		Addressee: letterAddressee, SignatoryName: conf.LetterSignatoryName, SignatoryTitle: conf.LetterSignatoryTitle,
		VerifyURL: s.cfg.BaseURL, VerifyCode: registration.GroupLetterCode(code), VerifyLink: verifyURL(s.cfg.BaseURL, code),
	}
	var buf bytes.Buffer
	err = pdf.InvitationLetter(&buf, l, pdf.Meta{Title: "Letter of invitation " + r.Reference, Author: conf.Organiser, Created: r.LetterApprovedAt})
	return buf.Bytes(), err
}

// showOwnLetter is the invitation letter, for the token's owner once approved.
func (s *Server) showOwnLetter(c *fiber.Ctx) error {
	return s.sendLetter(c, currentRegistration(c), registration.ParticipantActor)
}

// showRegistrationLetter is any approved letter, for organisers.
func (s *Server) showRegistrationLetter(c *fiber.Ctx) error {
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	return s.sendLetter(c, r, deskActor(c))
}

// sendLetter sends r's letter, which is English (it is addressed to a
// consulate); why there is none is said in the language of the request.
func (s *Server) sendLetter(c *fiber.Ctx, r model.Registration, actor registration.Actor) error {
	l := language(c)
	if r.VisaLetter && !r.PassportPurgedAt.IsZero() {
		// Gone for good, not missing: the details it prints were deleted.
		conf := conference(c)
		id := "doc.letter.gone_retention"
		if !r.ErasedAt.IsZero() {
			id = "doc.letter.gone_erased"
		}
		return fiber.NewError(fiber.StatusGone, l.T(id, "Date", l.Date(r.PassportPurgedAt.In(conf.Location()))))
	}
	if why := registration.LetterUnavailable(r); why.ID != "" {
		return fiber.NewError(fiber.StatusNotFound, l.Text(why))
	}
	conf := conference(c)
	body, err := s.renderLetter(c, conf, r, actor)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return sendPDF(c, "invitation-"+r.Reference+".pdf", body)
}

package web

import (
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/privacy"
	"confdesk/internal/retention"
	"confdesk/views/public"
)

// showOwnData is everything held about the token's owner, as JSON.
func (s *Server) showOwnData(c *fiber.Ctx) error {
	return s.sendData(c, currentRegistration(c))
}

// showRegistrationData is the same file for organisers, e.g. to answer a
// request made by letter.
func (s *Server) showRegistrationData(c *fiber.Ctx) error {
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	return s.sendData(c, r)
}

func (s *Server) sendData(c *fiber.Ctx, r model.Registration) error {
	conf := conference(c)
	d, err := privacy.Export(c.UserContext(), s.store, conf, r, s.now())
	if err != nil {
		return err
	}
	body, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="data-`+r.Reference+`.json"`)
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	return c.Send(body)
}

// showPrivacy is the public privacy notice, built from the settings.
func (s *Server) showPrivacy(c *fiber.Ctx) error {
	p := page(c, language(c).T("self.privacy.page_title"), "")
	ret, err := s.store.Retention(c.UserContext(), p.Conference.ID)
	if err != nil {
		return err
	}
	v := public.PrivacyView{Retention: ret, Contact: s.cfg.MailFrom}
	v.PassportDate, v.PersonalDate = retention.Dates(p.Conference, ret)
	return render(c, fiber.StatusOK, public.PrivacyPage(p, v))
}

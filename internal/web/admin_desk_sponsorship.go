package web

import (
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/paths"
)

// grantSponsorship marks a registration as sponsored (with or without a
// request); the rules are registration.Service.GrantSponsorship's.
func (s *Server) grantSponsorship(c *fiber.Ctx) error {
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	err = s.reg.GrantSponsorship(c.UserContext(), conference(c), r.ID, deskActor(c))
	if ok, answer := s.refusal(c, r, err, ""); ok {
		return answer
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.Registration(r.ID),
		"The organisers pay "+r.FullName()+"’s travel. An e-mail is on its way.")
}

// refuseSponsorship refuses a registration's request for sponsorship, with
// an optional note sent to the person.
func (s *Server) refuseSponsorship(c *fiber.Ctx) error {
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	err = s.reg.RefuseSponsorship(c.UserContext(), conference(c), r.ID, c.FormValue("sponsorship_note"), deskActor(c))
	if ok, answer := s.refusal(c, r, err, ""); ok {
		return answer
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.Registration(r.ID),
		r.FullName()+"’s request for sponsored travel is refused. An e-mail is on its way.")
}

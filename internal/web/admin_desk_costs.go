package web

import (
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/views/admin"
)

// setCostsCoveredBy records who covers the person's travel and stay, which
// their visa letter states.
func (s *Server) setCostsCoveredBy(c *fiber.Ctx) error {
	conf := conference(c)
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	by := c.FormValue("costs_covered_by")
	msg := map[string]string{
		"":                   "Who covers " + r.FullName() + "’s costs is not decided: the letter prints the general statement.",
		model.CostsOrganiser: "The organisers cover " + r.FullName() + "’s costs, as the letter now states.",
		model.CostsSelf:      r.FullName() + " or their organisation covers the costs, as the letter now states.",
	}[by]
	if msg == "" {
		return s.renderDeskRegistration(c, fiber.StatusUnprocessableEntity, r,
			admin.RegistrationDetail{Problem: "Not saved: choose who covers the costs from the list."})
	}
	err = s.reg.SetCostsCoveredBy(c.UserContext(), conf, r.ID, by, deskActor(c))
	if ok, answer := s.refusal(c, r, err, ""); ok {
		return answer
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.Registration(r.ID), msg)
}

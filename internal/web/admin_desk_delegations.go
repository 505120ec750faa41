package web

import (
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/registration"
)

// showDelegations groups the registrations that count by country or, with
// ?by=organisation, by institution, with each country's focal points and
// the form that adds one (admin_focal_points.go).
func (s *Server) showDelegations(c *fiber.Ctx) error {
	return s.renderDelegations(c, fiber.StatusOK, registration.FocalPointForm{Language: "en"}, nil)
}

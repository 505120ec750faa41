package web

import (
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/views/admin"
)

// showDelegations groups the registrations that count by country or, with
// ?by=organisation, by institution.
func (s *Server) showDelegations(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Delegations", "delegations")
	if err != nil {
		return err
	}
	by := registration.ByCountry
	if c.Query("by") == registration.ByOrganisation {
		by = registration.ByOrganisation
	}
	members, err := s.store.DelegationMembers(c.UserContext(), p.Conference.ID)
	if err != nil {
		return err
	}
	qs, err := s.store.Quotas(c.UserContext(), p.Conference.ID)
	if err != nil {
		return err
	}
	quotas := map[string]model.QuotaUsage{}
	for _, q := range qs {
		if q.Dimension == model.QuotaCountry {
			quotas[q.Value] = q
		}
	}
	letters, err := s.nominationLettersView(c, p.Conference.ID)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.DelegationsPage(p, admin.DelegationsView{
		By: by, Delegations: registration.GroupDelegations(members, by), Quotas: quotas, Letters: letters,
	}))
}

package web

import (
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/country"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

// Focal points on the delegations page: organisers add a country's focal
// point, who is mailed the private link of the country's nomination page
// (registration.Service.AddFocalPoint); send the link again (a new link,
// the old one dead) or remove them (the link dead, their nominations
// stand).

// renderDelegations shows the delegations page with the "Add a focal
// point" form f and its problems.
func (s *Server) renderDelegations(c *fiber.Ctx, status int, f registration.FocalPointForm, errs model.FieldErrors) error {
	p, err := s.adminPage(c, "Delegations", "delegations")
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		p.Title = "Delegations (check the focal point)"
	}
	by := registration.ByCountry
	if c.Query("by") == registration.ByOrganisation {
		by = registration.ByOrganisation
	}
	ctx := c.UserContext()
	members, err := s.store.DelegationMembers(ctx, p.Conference.ID)
	if err != nil {
		return err
	}
	qs, err := s.store.Quotas(ctx, p.Conference.ID)
	if err != nil {
		return err
	}
	quotas := map[string]model.QuotaUsage{}
	for _, q := range qs {
		if q.Dimension == model.QuotaCountry {
			quotas[q.Value] = q
		}
	}
	fps, err := s.store.FocalPoints(ctx, p.Conference.ID)
	if err != nil {
		return err
	}
	byCountry := map[string][]model.FocalPoint{}
	for _, fp := range fps {
		byCountry[fp.Country] = append(byCountry[fp.Country], fp)
	}
	delegations := registration.GroupDelegations(members, by)
	if by == registration.ByCountry {
		delegations = registration.WithFocalPointCountries(delegations, fps)
	}
	letters, err := s.nominationLettersView(c, p.Conference.ID)
	if err != nil {
		return err
	}
	return render(c, status, admin.DelegationsPage(p, admin.DelegationsView{
		By: by, Delegations: delegations, Quotas: quotas, FocalPoints: byCountry,
		FocalPoint: admin.FocalPointFormView{Form: f, Errors: errs}, Letters: letters,
	}))
}

// addFocalPoint saves the form and mails the focal point their link.
func (s *Server) addFocalPoint(c *fiber.Ctx) error {
	v := postValues(c)
	f := registration.FocalPointForm{Country: v.Get("country"), Name: v.Get("name"), Title: v.Get("title"),
		Organisation: v.Get("organisation"), Email: v.Get("email"), Language: v.Get("language")}
	fp, errs, err := s.reg.AddFocalPoint(c.UserContext(), conference(c), f, deskActor(c))
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderDelegations(c, fiber.StatusUnprocessableEntity, f.Normalised(), errs)
	}
	return s.redirectWithFlash(c, "/admin/delegations",
		"Focal point "+fp.Name+" added for "+country.Name(fp.Country)+"; their nomination link was sent to "+fp.Email+".")
}

// focalPointOf is the acting focal point the path's :id names, of the
// request's conference; 404 otherwise.
func (s *Server) focalPointOf(c *fiber.Ctx) (model.FocalPoint, error) {
	fp, err := loadByID(c, s.store.FocalPoint)
	if err != nil {
		return fp, err
	}
	if fp.ConferenceID != conference(c).ID || !fp.RemovedAt.IsZero() {
		return fp, store.ErrNotFound
	}
	return fp, nil
}

// resendFocalPointLink mails the focal point a new link; the old one dies.
func (s *Server) resendFocalPointLink(c *fiber.Ctx) error {
	fp, err := s.focalPointOf(c)
	if err != nil {
		return err
	}
	if fp, err = s.reg.ResendFocalPointLink(c.UserContext(), conference(c), fp.ID, deskActor(c)); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/admin/delegations",
		"A new nomination link was sent to "+fp.Email+"; the previous one no longer works.")
}

// showRemoveFocalPoint asks before removing a focal point.
func (s *Server) showRemoveFocalPoint(c *fiber.Ctx) error {
	fp, err := s.focalPointOf(c)
	if err != nil {
		return err
	}
	p, err := s.adminPage(c, "Remove a focal point", "delegations")
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.FocalPointRemovePage(p, admin.FocalPointRemoval(fp)))
}

// removeFocalPoint removes the focal point: their link opens nothing.
func (s *Server) removeFocalPoint(c *fiber.Ctx) error {
	fp, err := s.focalPointOf(c)
	if err != nil {
		return err
	}
	if fp, err = s.reg.RemoveFocalPoint(c.UserContext(), conference(c), fp.ID, deskActor(c)); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/admin/delegations",
		"Focal point "+fp.Name+" removed; their nomination link no longer works. Their nominations stand.")
}

package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/paths"
	"confdesk/internal/registration"
	"confdesk/views/admin"
)

func (s *Server) renderDeskEdit(c *fiber.Ctx, status int, e admin.RegistrationEdit) error {
	title := "Edit " + e.Registration.FullName()
	if len(e.Errors) > 0 {
		title = "Check the answers: " + title
	}
	p, err := s.adminPage(c, title, "registrations")
	if err != nil {
		return err
	}
	return render(c, status, admin.RegistrationEditPage(p, e))
}

// showEditDeskRegistration is the organiser's edit form, filled with what is stored.
func (s *Server) showEditDeskRegistration(c *fiber.Ctx) error {
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	return s.renderDeskEdit(c, fiber.StatusOK, admin.RegistrationEdit{Registration: r, Form: registration.FormOf(r), Category: r.Category})
}

// updateDeskRegistration saves an organiser's edit with the public form's rules.
func (s *Server) updateDeskRegistration(c *fiber.Ctx) error {
	conf := conference(c)
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	f, category := formValues(c), c.FormValue("category")
	f.Language = c.FormValue("language")
	updated, errs, err := s.reg.UpdateAsOrganiser(c.UserContext(), conf, r, f, category, deskActor(c))
	if errors.Is(err, registration.ErrStale) {
		return s.renderDeskEdit(c, fiber.StatusConflict, admin.RegistrationEdit{Registration: updated,
			Form: registration.FormOf(updated), Category: updated.Category, Notice: staleNotice(i18n.English)})
	}
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderDeskEdit(c, fiber.StatusUnprocessableEntity,
			admin.RegistrationEdit{Registration: r, Form: f.Normalised(), Category: category, Errors: errs})
	}
	msg := "Nothing was changed."
	if len(registration.Diff(r, updated)) > 0 {
		msg = "Changes saved. " + updated.FullName() + " is told by e-mail."
	}
	return s.redirectWithFlash(c, paths.Registration(r.ID), msg)
}

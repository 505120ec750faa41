package web

import (
	"confdesk/internal/paths"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/views"
	"confdesk/views/admin"
)

// mediaContactForm is the editor's state for a saved contact and its translations.
func mediaContactForm(m model.MediaContact, t model.Translations) admin.MediaContactForm {
	return admin.MediaContactForm{ID: m.ID, Name: m.Name, Role: m.Role, Organisation: m.Organisation, Email: m.Email,
		Phone: m.Phone, Mobile: m.Mobile, Languages: m.Languages, Position: strconv.Itoa(m.Position), Translations: t}
}

// readMediaContactForm parses the contact editor's form.
func readMediaContactForm(c *fiber.Ctx) press.ContactForm {
	return press.ContactForm{
		Name:         pressValue(c, "name"),
		Role:         pressValue(c, "role"),
		Organisation: pressValue(c, "organisation"),
		Email:        pressValue(c, "email"),
		Phone:        pressValue(c, "phone"),
		Mobile:       pressValue(c, "mobile"),
		Languages:    pressValue(c, "languages"),
		Position:     pressValue(c, "position"),
		Translations: readTranslations(c, model.TranslatedNames(press.ContactTranslated)...),
	}
}

// checkedMediaContactForm checks the typed contact: the editor's state
// for it, and the contact it describes.
func checkedMediaContactForm(in press.ContactForm) (admin.MediaContactForm, model.MediaContact) {
	m, errs := press.CheckContact(in)
	return admin.MediaContactForm{Name: in.Name, Role: in.Role, Organisation: in.Organisation, Email: in.Email,
		Phone: in.Phone, Mobile: in.Mobile, Languages: in.Languages, Position: in.Position,
		Translations: in.Translations, Errors: errs}, m
}

// renderMediaContact draws the contact editor.
func (s *Server) renderMediaContact(c *fiber.Ctx, p views.Page, status int, f admin.MediaContactForm) error {
	return render(c, status, admin.MediaContactPage(p, f))
}

// showNewMediaContact is an empty contact, placed last.
func (s *Server) showNewMediaContact(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Add a media contact", "press")
	if err != nil {
		return err
	}
	next, err := s.store.NextMediaContactPosition(c.UserContext(), p.Conference.ID)
	if err != nil {
		return err
	}
	return s.renderMediaContact(c, p, fiber.StatusOK, admin.MediaContactForm{Position: strconv.Itoa(next)})
}

// createMediaContact adds a media contact.
func (s *Server) createMediaContact(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Add a media contact", "press")
	if err != nil {
		return err
	}
	f, m := checkedMediaContactForm(readMediaContactForm(c))
	if len(f.Errors) > 0 {
		return s.renderMediaContact(c, p, fiber.StatusUnprocessableEntity, f)
	}
	if m, err = s.press.CreateContact(c.UserContext(), p.Conference.ID, pressActor(c), m, f.Translations, f.Position == ""); err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.Press, "Media contact “"+m.Name+"” added.")
}

// showEditMediaContact is the editor of a saved contact.
func (s *Server) showEditMediaContact(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Edit media contact", "press")
	if err != nil {
		return err
	}
	m, err := loadRecord(c, s.store.MediaContact)
	if err != nil {
		return err
	}
	t, err := s.store.Translations(c.UserContext(), i18n.KindContact, m.ID)
	if err != nil {
		return err
	}
	return s.renderMediaContact(c, p, fiber.StatusOK, mediaContactForm(m, t))
}

// updateMediaContact saves a contact.
func (s *Server) updateMediaContact(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Edit media contact", "press")
	if err != nil {
		return err
	}
	saved, err := loadRecord(c, s.store.MediaContact)
	if err != nil {
		return err
	}
	f, m := checkedMediaContactForm(readMediaContactForm(c))
	f.ID = saved.ID
	if len(f.Errors) > 0 {
		return s.renderMediaContact(c, p, fiber.StatusUnprocessableEntity, f)
	}
	if m, err = s.press.UpdateContact(c.UserContext(), saved.ID, pressActor(c), m, f.Translations, f.Position == ""); err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.Press, "Media contact “"+m.Name+"” saved.")
}

// showDeleteMediaContact asks before deleting a contact.
func (s *Server) showDeleteMediaContact(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Delete media contact", "press")
	if err != nil {
		return err
	}
	m, err := loadRecord(c, s.store.MediaContact)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.PressConfirmDeletePage(p, admin.Deletion{
		Heading: "Delete the media contact “" + m.Name + "”?",
		Lost:    "They are taken off the public press room and its contact cards.",
		Action:  paths.MediaContact(m.ID) + "/delete", Cancel: paths.MediaContact(m.ID)}))
}

// deleteMediaContact deletes a contact.
func (s *Server) deleteMediaContact(c *fiber.Ctx) error {
	m, err := loadRecord(c, s.store.MediaContact)
	if err != nil {
		return err
	}
	if err := s.press.DeleteContact(c.UserContext(), m, pressActor(c)); err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.Press, "Media contact “"+m.Name+"” deleted.")
}

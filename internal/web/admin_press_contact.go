package web

import (
	"confdesk/internal/paths"
	"net/mail"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/views"
	"confdesk/views/admin"
)

// loadMediaContact is the media contact of the route's :id, if it belongs to conf.
func (s *Server) loadMediaContact(c *fiber.Ctx, conf model.Conference) (model.MediaContact, error) {
	id, err := pathID(c)
	if err != nil {
		return model.MediaContact{}, err
	}
	m, err := s.store.MediaContact(c.UserContext(), id)
	if err == nil && m.ConferenceID != conf.ID {
		return m, fiber.ErrNotFound
	}
	return m, err
}

// mediaContactForm is the editor's state for a saved contact.
func mediaContactForm(m model.MediaContact) admin.MediaContactForm {
	return admin.MediaContactForm{ID: m.ID, Name: m.Name, Role: m.Role, Organisation: m.Organisation, Email: m.Email,
		Phone: m.Phone, Mobile: m.Mobile, Languages: m.Languages, Position: strconv.Itoa(m.Position)}
}

// readMediaContactForm reads and checks the contact editor's fields into
// the form and the contact they describe.
func readMediaContactForm(c *fiber.Ctx) (admin.MediaContactForm, model.MediaContact) {
	f := admin.MediaContactForm{
		Name:         pressValue(c, "name"),
		Role:         pressValue(c, "role"),
		Organisation: pressValue(c, "organisation"),
		Email:        pressValue(c, "email"),
		Phone:        pressValue(c, "phone"),
		Mobile:       pressValue(c, "mobile"),
		Languages:    pressValue(c, "languages"),
		Position:     pressValue(c, "position"),
	}
	if f.Name == "" {
		f.Errors = append(f.Errors, fieldError("name", "Enter the contact's name."))
	}
	pressCheck(&f.Errors, "name", "The name", f.Name, 120)
	pressCheck(&f.Errors, "role", "The role", f.Role, 120)
	pressCheck(&f.Errors, "organisation", "The organisation", f.Organisation, 120)
	if f.Email != "" {
		if a, err := mail.ParseAddress(f.Email); err != nil || a.Address != f.Email {
			f.Errors = append(f.Errors, fieldError("email", "Enter an e-mail address like name@example.org."))
		}
	}
	pressCheck(&f.Errors, "email", "The e-mail address", f.Email, 200)
	pressCheck(&f.Errors, "phone", "The phone number", f.Phone, 60)
	pressCheck(&f.Errors, "mobile", "The mobile number", f.Mobile, 60)
	pressCheck(&f.Errors, "languages", "The languages", f.Languages, 120)
	position, err := strconv.Atoi(f.Position)
	if f.Position != "" && (err != nil || position < 0 || position > 9999) {
		f.Errors = append(f.Errors, fieldError("position", "Enter a whole number from 0 to 9999, or leave it empty to put the contact last."))
	}
	return f, model.MediaContact{Name: f.Name, Role: f.Role, Organisation: f.Organisation, Email: f.Email,
		Phone: f.Phone, Mobile: f.Mobile, Languages: f.Languages, Position: position}
}

// mediaContactChanges lists what differs between two versions of a contact, for the audit log.
func mediaContactChanges(old, m model.MediaContact) map[string][2]string {
	changes := map[string][2]string{}
	pressDiff(changes, "name", old.Name, m.Name)
	pressDiff(changes, "role", old.Role, m.Role)
	pressDiff(changes, "organisation", old.Organisation, m.Organisation)
	pressDiff(changes, "email", old.Email, m.Email)
	pressDiff(changes, "phone", old.Phone, m.Phone)
	pressDiff(changes, "mobile", old.Mobile, m.Mobile)
	pressDiff(changes, "languages", old.Languages, m.Languages)
	switch {
	case old.ID == 0:
		changes["position"] = [2]string{"", strconv.Itoa(m.Position)}
	case old.Position != m.Position:
		changes["position"] = [2]string{strconv.Itoa(old.Position), strconv.Itoa(m.Position)}
	}
	return changes
}

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
	f, m := readMediaContactForm(c)
	if len(f.Errors) > 0 {
		return s.renderMediaContact(c, p, fiber.StatusUnprocessableEntity, f)
	}
	m.ConferenceID = p.Conference.ID
	if f.Position == "" {
		if m.Position, err = s.store.NextMediaContactPosition(c.UserContext(), p.Conference.ID); err != nil {
			return err
		}
	}
	now := s.now()
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		var err error
		if m.ID, err = tx.CreateMediaContact(m); err != nil {
			return err
		}
		return s.pressAudit(c, tx, m.ConferenceID, "create", "media_contact", m.ID, mediaContactChanges(model.MediaContact{}, m), now)
	})
	if err != nil {
		return err
	}
	s.pressChanged()
	return s.redirectWithFlash(c, "/admin/press", "Media contact “"+m.Name+"” added.")
}

// showEditMediaContact is the editor of a saved contact.
func (s *Server) showEditMediaContact(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Edit media contact", "press")
	if err != nil {
		return err
	}
	m, err := s.loadMediaContact(c, p.Conference)
	if err != nil {
		return err
	}
	return s.renderMediaContact(c, p, fiber.StatusOK, mediaContactForm(m))
}

// updateMediaContact saves a contact.
func (s *Server) updateMediaContact(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Edit media contact", "press")
	if err != nil {
		return err
	}
	saved, err := s.loadMediaContact(c, p.Conference)
	if err != nil {
		return err
	}
	f, m := readMediaContactForm(c)
	f.ID = saved.ID
	if len(f.Errors) > 0 {
		return s.renderMediaContact(c, p, fiber.StatusUnprocessableEntity, f)
	}
	m.ID, m.ConferenceID = saved.ID, saved.ConferenceID
	if f.Position == "" {
		m.Position = saved.Position
	}
	now := s.now()
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		old, err := tx.MediaContact(m.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdateMediaContact(m); err != nil {
			return err
		}
		return s.pressAudit(c, tx, m.ConferenceID, "update", "media_contact", m.ID, mediaContactChanges(old, m), now)
	})
	if err != nil {
		return err
	}
	s.pressChanged()
	return s.redirectWithFlash(c, "/admin/press", "Media contact “"+m.Name+"” saved.")
}

// showDeleteMediaContact asks before deleting a contact.
func (s *Server) showDeleteMediaContact(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Delete media contact", "press")
	if err != nil {
		return err
	}
	m, err := s.loadMediaContact(c, p.Conference)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.PressConfirmDeletePage(p, admin.ConfirmDelete{
		Heading: "Delete this media contact?", Name: m.Name,
		Consequence: "They are taken off the public press room and its contact cards.",
		Action:      paths.MediaContact(m.ID) + "/delete", Button: "Delete the contact", Cancel: paths.MediaContact(m.ID)}))
}

// deleteMediaContact deletes a contact.
func (s *Server) deleteMediaContact(c *fiber.Ctx) error {
	conf := conference(c)
	m, err := s.loadMediaContact(c, conf)
	if err != nil {
		return err
	}
	now := s.now()
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		if err := tx.RemoveMediaContact(m.ID); err != nil {
			return err
		}
		return s.pressAudit(c, tx, conf.ID, "delete", "media_contact", m.ID, map[string][2]string{"name": {m.Name, ""}}, now)
	})
	if err != nil {
		return err
	}
	s.pressChanged()
	return s.redirectWithFlash(c, "/admin/press", "Media contact “"+m.Name+"” deleted.")
}

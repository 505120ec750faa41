package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/paths"
	"confdesk/internal/registration"
	"confdesk/views/admin"
)

// eraseRegistration erases a person's personal details (admins only),
// confirmed by typing the registration's reference.
func (s *Server) eraseRegistration(c *fiber.Ctx) error {
	conf := conference(c)
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	confirm := c.FormValue("confirm")
	erased, err := s.reg.Erase(c.UserContext(), conf, r.ID, confirm, deskActor(c))
	switch {
	case errors.Is(err, registration.ErrEraseConfirm):
		return s.renderDeskRegistration(c, fiber.StatusUnprocessableEntity, r, admin.RegistrationDetail{
			Problem: "Nothing was erased.", Confirm: confirm,
			EraseError: "Type the reference " + r.Reference + " exactly, to confirm that this is the person to erase."})
	case errors.Is(err, registration.ErrErased):
		return s.renderDeskRegistration(c, fiber.StatusConflict, r, admin.RegistrationDetail{Problem: "This registration is already erased."})
	case err != nil:
		return err
	}
	// Badges rendered with the person's name are held in memory.
	s.badges.clear()
	return s.redirectWithFlash(c, paths.Registration(erased.ID),
		"The personal details of registration "+erased.Reference+" are erased.")
}

// clear drops every cached badge.
func (bc *badgeCache) clear() {
	bc.mu.Lock()
	defer bc.mu.Unlock()
	bc.order.Init()
	clear(bc.entries)
	bc.bytes = 0
}

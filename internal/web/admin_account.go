package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/auth"
	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

func (s *Server) renderAccount(c *fiber.Ctx, status int, f admin.PasswordForm) error {
	p, err := s.adminPage(c, "Your account", "account")
	if err != nil {
		return err
	}
	return render(c, status, admin.AccountPage(p, f))
}

// showAccount shows the signed-in user's account and the password form.
func (s *Server) showAccount(c *fiber.Ctx) error {
	return s.renderAccount(c, fiber.StatusOK, admin.PasswordForm{})
}

// changePassword lets a user replace their own password, after giving the current one.
func (s *Server) changePassword(c *fiber.Ctx) error {
	u := currentUser(c)
	current, next, again := c.FormValue("current_password"), c.FormValue("new_password"), c.FormValue("confirm_password")
	var f admin.PasswordForm
	switch {
	case !auth.CheckPassword(u.PasswordHash, current):
		f.Errors = append(f.Errors, fieldError("current_password", "Your current password is not right."))
	case len([]rune(next)) < auth.MinPasswordLength:
		f.Errors = append(f.Errors, fieldError("new_password", "Choose a password of at least 12 characters; a few unrelated words work well."))
	case len(next) > 72:
		f.Errors = append(f.Errors, fieldError("new_password", "Choose a password of at most 72 characters."))
	case next != again:
		f.Errors = append(f.Errors, fieldError("confirm_password", "The two new passwords differ."))
	}
	if len(f.Errors) > 0 {
		return s.renderAccount(c, fiber.StatusUnprocessableEntity, f)
	}
	if err := s.setPassword(c, u, u, next); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/admin/account", "Your password was changed.")
}

// setPassword hashes and stores target's new password, audited as done by actor.
func (s *Server) setPassword(c *fiber.Ctx, actor, target model.User, password string) error {
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	now := s.now()
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		if err := tx.SetUserPassword(target.ID, hash, now); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{UserID: actor.ID, Actor: actor.Email, Action: "set_password",
			Entity: "user", EntityID: target.ID, CreatedAt: now})
	})
	if errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	}
	return err
}

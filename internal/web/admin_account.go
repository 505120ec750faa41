package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/auth"
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

// changePassword lets a user replace their own password, after giving the
// current one. Every other session of theirs ends; this one carries on
// under a new id.
func (s *Server) changePassword(c *fiber.Ctx) error {
	u := currentUser(c)
	current, next, again := c.FormValue("current_password"), c.FormValue("new_password"), c.FormValue("confirm_password")
	var f admin.PasswordForm
	var weak *auth.PasswordError
	switch {
	case !auth.CheckPassword(u.PasswordHash, current):
		f.Errors = append(f.Errors, fieldError("current_password", "Your current password is not right."))
	case errors.As(auth.CheckStrength(next, u.Email, conferenceShortName(c)), &weak):
		f.Errors = append(f.Errors, fieldError("new_password", weak.Reason))
	case next != again:
		f.Errors = append(f.Errors, fieldError("confirm_password", "The two new passwords differ."))
	}
	if len(f.Errors) > 0 {
		return s.renderAccount(c, fiber.StatusUnprocessableEntity, f)
	}
	epoch, err := auth.SetPassword(c.UserContext(), s.store, u, u, next, s.now())
	if err != nil {
		return err
	}
	if err := s.renewSession(c, u.ID, epoch, "Your password was changed. You were logged out everywhere else."); err != nil {
		return err
	}
	return c.Redirect("/admin/account", fiber.StatusSeeOther)
}

// conferenceShortName is the name a password may not contain.
func conferenceShortName(c *fiber.Ctx) string { return conference(c).ShortName }

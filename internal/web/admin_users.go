package web

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/auth"
	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/store"
	"confdesk/internal/textfield"
	"confdesk/views/admin"
)

func (s *Server) renderUsers(c *fiber.Ctx, status int, f admin.NewUserForm, errs model.FieldErrors) error {
	p, err := s.adminPage(c, "Users", "users")
	if err != nil {
		return err
	}
	users, err := s.store.Users(c.UserContext())
	if err != nil {
		return err
	}
	return render(c, status, admin.UsersPage(p, admin.UsersView{Users: users, New: f, Errors: errs}))
}

// showUsers lists the accounts.
// userNameErrors are the problems with an account's typed name: at most
// 100 characters, on one line.
func userNameErrors(name string) model.FieldErrors {
	switch {
	case utf8.RuneCountInString(name) > 100:
		return model.FieldErrors{fieldError("name", "The name is too long: at most 100 characters.")}
	case textfield.HasControl(name, false):
		return model.FieldErrors{fieldError("name", textfield.OneLine)}
	}
	return nil
}

func (s *Server) showUsers(c *fiber.Ctx) error {
	return s.renderUsers(c, fiber.StatusOK, admin.NewUserForm{}, nil)
}

// createUser adds an account and shows its one-time password once.
func (s *Server) createUser(c *fiber.Ctx) error {
	actor := currentUser(c)
	f := admin.NewUserForm{
		Email: strings.TrimSpace(c.FormValue("email")),
		Name:  strings.TrimSpace(c.FormValue("name")),
		Role:  c.FormValue("role"),
	}
	var errs model.FieldErrors
	if f.Email == "" {
		errs = append(errs, fieldError("email", "Enter the person's e-mail address; it is their login."))
	}
	if !auth.ValidRole(f.Role) {
		errs = append(errs, fieldError("role", "Choose a role."))
	}
	errs = append(errs, userNameErrors(f.Name)...)
	if len(errs) > 0 {
		return s.renderUsers(c, fiber.StatusUnprocessableEntity, f, errs)
	}
	password, err := auth.CreateUser(c.UserContext(), s.store, auth.NewUser{Email: f.Email, Name: f.Name, Role: f.Role}, s.now())
	switch {
	case errors.Is(err, auth.ErrNotEmail):
		return s.renderUsers(c, fiber.StatusUnprocessableEntity, f, model.FieldErrors{fieldError("email", "Enter a valid e-mail address, like name@example.org.")})
	case errors.Is(err, auth.ErrUserExists):
		return s.renderUsers(c, fiber.StatusUnprocessableEntity, f, model.FieldErrors{fieldError("email", "An account for this address exists already.")})
	case err != nil:
		return err
	}
	u, err := s.store.UserByEmail(c.UserContext(), f.Email)
	if err != nil {
		return err
	}
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		return tx.AuditDiff(model.AuditEntry{UserID: actor.ID, Actor: actor.Email, Action: "create", Entity: "user",
			EntityID: u.ID, CreatedAt: s.now()}, nil, map[string]string{"email": u.Email, "role": u.Role})
	})
	if err != nil {
		return err
	}
	return s.showOneTimePassword(c, "Account created", u, password)
}

func (s *Server) showOneTimePassword(c *fiber.Ctx, title string, u model.User, password string) error {
	p, err := s.adminPage(c, title, "users")
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return render(c, fiber.StatusOK, admin.OneTimePasswordPage(p, u, password))
}

// showEditUser is one account's edit page.
func (s *Server) showEditUser(c *fiber.Ctx) error {
	u, err := loadByID(c, s.store.User)
	if err != nil {
		return err
	}
	p, err := s.adminPage(c, "Edit "+u.Email, "users")
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.EditUserPage(p, admin.EditUserView{User: u}))
}

// updateUser changes an account's name, role or state. The last active
// admin cannot be demoted or deactivated, and nobody can deactivate
// themselves: either would lock the console.
func (s *Server) updateUser(c *fiber.Ctx) error {
	actor := currentUser(c)
	u, err := loadByID(c, s.store.User)
	if err != nil {
		return err
	}
	edited := u
	edited.Name = strings.TrimSpace(c.FormValue("name"))
	edited.Role = c.FormValue("role")
	edited.Active = c.FormValue("active") != ""
	var errs model.FieldErrors
	if !auth.ValidRole(edited.Role) {
		errs = append(errs, fieldError("role", "Choose a role."))
	}
	errs = append(errs, userNameErrors(edited.Name)...)
	if u.ID == actor.ID && !edited.Active {
		errs = append(errs, fieldError("active", "You cannot deactivate your own account."))
	}
	now := s.now()
	if len(errs) == 0 {
		err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
			if err := tx.UpdateUser(edited, now); err != nil {
				return err
			}
			if u.Active && !edited.Active {
				// Deactivation ends the account's sessions for good:
				// reactivating it later does not bring them back.
				if _, err := tx.EndUserSessions(u.ID); err != nil {
					return err
				}
			}
			admins, err := tx.CountActiveAdmins()
			if err != nil {
				return err
			}
			if admins == 0 {
				errs = append(errs, fieldError("role", "This is the last active admin; make someone else admin first."))
				return errInvalid
			}
			return tx.AuditDiff(model.AuditEntry{UserID: actor.ID, Actor: actor.Email, Action: "update", Entity: "user",
				EntityID: u.ID, CreatedAt: now}, userFields(u), userFields(edited))
		})
		if err != nil && !errors.Is(err, errInvalid) {
			return err
		}
	}
	if len(errs) > 0 {
		p, err := s.adminPage(c, "Edit "+u.Email, "users")
		if err != nil {
			return err
		}
		return render(c, fiber.StatusUnprocessableEntity, admin.EditUserPage(p, admin.EditUserView{User: edited, Errors: errs}))
	}
	return s.redirectWithFlash(c, paths.Users, "Account "+u.Email+" saved.")
}

// resetUserPassword gives an account a new one-time password and ends
// every session the account had.
func (s *Server) resetUserPassword(c *fiber.Ctx) error {
	u, err := loadByID(c, s.store.User)
	if err != nil {
		return err
	}
	password := auth.GeneratePassword()
	if _, err := auth.SetPassword(c.UserContext(), s.store, currentUser(c), u, password, s.now()); err != nil {
		return err
	}
	return s.showOneTimePassword(c, "Password reset", u, password)
}

// userFields is what the audit log records of an account.
func userFields(u model.User) map[string]string {
	return map[string]string{"name": u.Name, "role": u.Role, "active": yesNo(u.Active)}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

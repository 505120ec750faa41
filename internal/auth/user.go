package auth

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/store"
)

// Errors of CreateUser that a form can show beside its field.
var (
	ErrNotEmail   = errors.New("auth: not an e-mail address")
	ErrUserExists = errors.New("auth: an account for this address exists already")
	ErrBadRole    = errors.New("auth: unknown role")
)

// ValidRole reports whether role is one of model.UserRoles.
func ValidRole(role string) bool { return slices.Contains(model.UserRoles, role) }

// NewUser describes an account to create. An empty Password is replaced by a
// generated one, returned by CreateUser so it can be shown once.
type NewUser struct {
	Email, Name, Role, Password string
}

// CreateUser validates u, hashes its password and stores the account. It
// returns the password in force (the generated one when u had none).
func CreateUser(ctx context.Context, st *store.Store, u NewUser, now time.Time) (string, error) {
	email := strings.TrimSpace(u.Email)
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return "", fmt.Errorf("%w: %q", ErrNotEmail, u.Email)
	}
	if !ValidRole(u.Role) {
		return "", fmt.Errorf("%w %q (want one of %s)", ErrBadRole, u.Role, strings.Join(model.UserRoles, ", "))
	}
	password := u.Password
	if password == "" {
		password = GeneratePassword()
	}
	if err := CheckStrength(password, email, conferenceShortName(ctx, st)); err != nil {
		return "", err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return "", err
	}
	if _, err := st.UserByEmail(ctx, email); err == nil {
		return "", fmt.Errorf("%w: %s", ErrUserExists, email)
	} else if !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	err = st.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.CreateUser(model.User{Email: email, Name: u.Name, Role: u.Role, PasswordHash: hash, Active: true, CreatedAt: now})
		return err
	})
	if err != nil {
		return "", err
	}
	return password, nil
}

// EnsureAdmin creates the first admin when the database has no accounts.
// It returns the password to print (generated when password was empty),
// or "" when accounts existed and nothing was done.
func EnsureAdmin(ctx context.Context, st *store.Store, email, password string, now time.Time) (string, error) {
	n, err := st.CountUsers(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	if email == "" {
		email = DefaultAdminEmail
	}
	return CreateUser(ctx, st, NewUser{Email: email, Name: "Administrator", Role: model.UserAdmin, Password: password}, now)
}

// conferenceShortName is the short name a password may not contain; ""
// before any conference exists (`confdesk user add` on a new file).
func conferenceShortName(ctx context.Context, st *store.Store) string {
	conf, err := st.CurrentConference(ctx)
	if err != nil {
		return ""
	}
	return conf.ShortName
}

// SetPassword checks and stores target's new password, audited as done by
// actor, and ends every web session target had: whoever held one (a thief,
// a colleague on a shared desk) must now know the new password. It returns
// the account's new session epoch, for the caller to keep its own session.
func SetPassword(ctx context.Context, st *store.Store, actor, target model.User, password string, now time.Time) (int64, error) {
	if err := CheckStrength(password, target.Email, conferenceShortName(ctx, st)); err != nil {
		return 0, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return 0, err
	}
	var epoch int64
	err = st.Update(ctx, func(tx *store.Tx) error {
		if err := tx.SetUserPassword(target.ID, hash, now); err != nil {
			return err
		}
		if epoch, err = tx.EndUserSessions(target.ID); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{UserID: actor.ID, Actor: actor.Email, Action: "set_password",
			Entity: "user", EntityID: target.ID, CreatedAt: now})
	})
	return epoch, err
}

// DefaultAdminEmail is the first admin's login when CONFDESK_ADMIN_EMAIL is unset.
const DefaultAdminEmail = "admin@confdesk.localhost"

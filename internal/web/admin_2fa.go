package web

import (
	"errors"
	"path/filepath"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/auth"
	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/views/admin"
)

// Paths of two-factor login (auth/totp.go has the design).
const (
	twoFactorPath = "/admin/account/2fa"
	login2FAPath  = "/admin/login/2fa"
	// pendingCookie carries the id of a login waiting for its code; the
	// login itself stays in the server's memory.
	pendingCookie = "confdesk_login2fa"
)

// totpKeyPath is the file of the key that seals TOTP secrets: beside the
// database, not in it, so that a copy of the database alone gives no
// account's second factor away.
func totpKeyPath(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "totp.key")
}

// mustEnrol reports whether u must set up two-factor login before anything
// else: the conference requires it, u's role needs it and u has none.
func (s *Server) mustEnrol(c *fiber.Ctx, u model.User) (bool, error) {
	if u.TwoFactor() || !auth.Required(u.Role) {
		return false, nil
	}
	return s.store.Require2FA(c.UserContext())
}

// setPendingCookie gives the browser the pending login's id (value "" and
// a zero age remove it). Its path is the login's, so no other page sees it.
func (s *Server) setPendingCookie(c *fiber.Ctx, id string, age time.Duration) {
	ck := &fiber.Cookie{Name: pendingCookie, Value: id, Path: "/admin/login", HTTPOnly: true, Secure: s.cfg.Secure(),
		SameSite: fiber.CookieSameSiteStrictMode, MaxAge: int(age / time.Second)}
	if id == "" {
		ck.MaxAge, ck.Expires = -1, time.Unix(0, 0)
	}
	c.Cookie(ck)
}

func (s *Server) renderLogin2FA(c *fiber.Ctx, status int, f admin.Login2FAForm) error {
	p := page(c, "Log in: second step", "")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return render(c, status, admin.Login2FAPage(p, f))
}

// showLogin2FA asks for the code of a login whose password was right; a
// browser without one goes back to the password.
func (s *Server) showLogin2FA(c *fiber.Ctx) error {
	if _, ok := s.pendingLogins.Get(c.Cookies(pendingCookie)); !ok {
		return c.Redirect("/admin/login", fiber.StatusSeeOther)
	}
	return s.renderLogin2FA(c, fiber.StatusOK, admin.Login2FAForm{})
}

// retryLogin2FA shows the second step again after its token failed
// (guardForm); a browser without a pending login goes back to the password.
func (s *Server) retryLogin2FA(c *fiber.Ctx, notice string) error {
	if _, ok := s.pendingLogins.Get(c.Cookies(pendingCookie)); !ok {
		return c.Redirect("/admin/login", fiber.StatusSeeOther)
	}
	return s.renderLogin2FA(c, fiber.StatusUnprocessableEntity, admin.Login2FAForm{Message: notice})
}

// login2FA checks the second step. Each code is an attempt counted by the
// login throttle before it is checked, as passwords are; a code already
// used is refused; PendingLoginMaxFailures wrong codes drop the pending
// login, and the password must be typed again.
func (s *Server) login2FA(c *fiber.Ctx) error {
	id := c.Cookies(pendingCookie)
	pl, ok := s.pendingLogins.Get(id)
	if !ok {
		s.setPendingCookie(c, "", 0)
		return c.Redirect("/admin/login", fiber.StatusSeeOther)
	}
	code := c.FormValue("code")
	if code == "" {
		return s.renderLogin2FA(c, fiber.StatusUnprocessableEntity, admin.Login2FAForm{Error: "Enter the code from your authenticator app, or a recovery code."})
	}
	devices, err := s.deviceCookies(c)
	if err != nil {
		return err
	}
	device := devices.Verify(pl.Email, c.Cookies(devices.Name(pl.Email)))
	attempt, ok, until := s.loginThrottle.Begin(pl.Email, s.clientIP(c), device)
	if !ok {
		return s.renderLogin2FA(c, fiber.StatusTooManyRequests, admin.Login2FAForm{
			Message: "Too many failed attempts. For your security, logging in is paused for " + minutes(until.Sub(s.now())) + "."})
	}
	u, err := s.store.User(c.UserContext(), pl.UserID)
	if err != nil {
		return err
	}
	if !u.Active || u.SessionEpoch != pl.Epoch {
		// Deactivated, or its password changed or reset, since the password step.
		s.pendingLogins.Finish(id)
		s.setPendingCookie(c, "", 0)
		return c.Redirect("/admin/login", fiber.StatusSeeOther)
	}
	err = s.twoFactor.Verify(c.UserContext(), u, code, s.now())
	if errors.Is(err, auth.ErrWrongCode) {
		if !s.pendingLogins.Fail(id) {
			s.setPendingCookie(c, "", 0)
			return s.renderLogin(c, fiber.StatusUnauthorized, admin.LoginForm{Email: pl.Email, Next: pl.Next,
				Message: "Too many wrong codes. Log in again with your password."})
		}
		return s.renderLogin2FA(c, fiber.StatusUnauthorized, admin.Login2FAForm{
			Error: "This code is not right, or was used already. Wait for the next code and try again."})
	}
	if err != nil {
		return err
	}
	attempt.Succeeded()
	s.pendingLogins.Finish(id)
	s.setPendingCookie(c, "", 0)
	return s.finishLogin(c, u, pl.Email, pl.Next)
}

// twoFactorView fills the enrolment page for u with a new secret, or with
// sealed, the secret the form carried back.
func (s *Server) twoFactorView(c *fiber.Ctx, u model.User, sealed string) (admin.TwoFactorView, error) {
	var v admin.TwoFactorView
	if u.TwoFactor() {
		n, err := s.store.RecoveryCodesLeft(c.UserContext(), u.ID)
		v.Enabled, v.CodesLeft = true, n
		return v, err
	}
	must, err := s.mustEnrol(c, u)
	if err != nil {
		return v, err
	}
	v.Required = must
	secret := ""
	if sealed != "" {
		secret, _ = s.twoFactor.Sealer.Open(u.ID, sealed) // a tampered field draws a new secret
	}
	if secret == "" {
		secret = auth.NewTOTPSecret()
	}
	v.Secret, v.Sealed = secret, s.twoFactor.Sealer.Seal(u.ID, secret)
	issuer := "confdesk"
	if name := conference(c).ShortName; name != "" {
		issuer = name
	}
	v.QRPath, v.QRSize, err = qrSVGPath(auth.TOTPURI(issuer, u.Email, secret))
	return v, err
}

func (s *Server) renderTwoFactor(c *fiber.Ctx, status int, v admin.TwoFactorView) error {
	p, err := s.adminPage(c, "Two-factor login", "account")
	if err != nil {
		return err
	}
	return render(c, status, admin.TwoFactorPage(p, v))
}

// showTwoFactor is the enrolment page, or the page to turn 2FA off.
// The secret drawn here is stored nowhere until a code confirms it: the
// form carries it sealed for this account.
func (s *Server) showTwoFactor(c *fiber.Ctx) error {
	v, err := s.twoFactorView(c, currentUser(c), "")
	if err != nil {
		return err
	}
	return s.renderTwoFactor(c, fiber.StatusOK, v)
}

// enableTwoFactor confirms enrolment with the app's first code and shows
// the recovery codes, once.
func (s *Server) enableTwoFactor(c *fiber.Ctx) error {
	u := currentUser(c)
	if u.TwoFactor() {
		return c.Redirect(twoFactorPath, fiber.StatusSeeOther)
	}
	sealed := c.FormValue("secret")
	secret, openErr := s.twoFactor.Sealer.Open(u.ID, sealed)
	var codes []string
	err := openErr
	if openErr == nil {
		codes, err = s.twoFactor.Enable(c.UserContext(), u, secret, c.FormValue("code"), s.now())
	}
	if openErr != nil || errors.Is(err, auth.ErrWrongCode) {
		v, verr := s.twoFactorView(c, u, sealed)
		if verr != nil {
			return verr
		}
		msg := "This code is not right. Check that the app shows this key's code and type the current one."
		if c.FormValue("code") == "" {
			msg = "Enter the six-digit code your authenticator app shows."
		}
		if openErr != nil {
			msg = "The form's key could not be read; scan this new one and type its code."
		}
		v.Errors = model.FieldErrors{fieldError("code", msg)}
		return s.renderTwoFactor(c, fiber.StatusUnprocessableEntity, v)
	}
	if err != nil {
		return err
	}
	p, err := s.adminPage(c, "Recovery codes", "account")
	if err != nil {
		return err
	}
	if u, err = s.store.User(c.UserContext(), u.ID); err != nil {
		return err
	}
	p.User = &u // the page's account as it is now, with 2FA on
	return render(c, fiber.StatusOK, admin.RecoveryCodesPage(p, codes))
}

// disableTwoFactor turns 2FA off for the signed-in user, who gives their
// password and a current code (or a recovery code).
func (s *Server) disableTwoFactor(c *fiber.Ctx) error {
	u := currentUser(c)
	if !u.TwoFactor() {
		return c.Redirect(twoFactorPath, fiber.StatusSeeOther)
	}
	var errs model.FieldErrors
	if !auth.CheckPassword(u.PasswordHash, c.FormValue("password")) {
		errs = append(errs, fieldError("password", "Your password is not right."))
	}
	if len(errs) == 0 {
		err := s.twoFactor.Verify(c.UserContext(), u, c.FormValue("code"), s.now())
		if errors.Is(err, auth.ErrWrongCode) {
			errs = append(errs, fieldError("code", "This code is not right, or was used already. Type the app's current code."))
		} else if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		v, err := s.twoFactorView(c, u, "")
		if err != nil {
			return err
		}
		v.Errors = errs
		return s.renderTwoFactor(c, fiber.StatusUnprocessableEntity, v)
	}
	if err := s.twoFactor.Disable(c.UserContext(), u, s.now()); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/admin/account", "Two-factor login is off.")
}

// resetTwoFactor turns off another account's 2FA on an admin's word and
// ends that account's sessions (auth.TwoFactor.Reset).
func (s *Server) resetTwoFactor(c *fiber.Ctx) error {
	actor := currentUser(c)
	u, err := loadByID(c, s.store.User)
	if err != nil {
		return err
	}
	path := paths.User(u.ID)
	if u.ID == actor.ID {
		return s.redirectWithFlash(c, path, "Turn your own two-factor login off from your account page, with your password and a code.")
	}
	if !u.TwoFactor() {
		return s.redirectWithFlash(c, path, "Two-factor login of "+u.Email+" is already off.")
	}
	if err := s.twoFactor.Reset(c.UserContext(), actor, u, s.now()); err != nil {
		return err
	}
	return s.redirectWithFlash(c, path, "Two-factor login of "+u.Email+" was reset; they were logged out everywhere.")
}

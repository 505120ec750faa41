package web

import (
	"errors"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/auth"
	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/views"
	"confdesk/views/admin"
)

// AdminRoute is one console route and the roles that may use it. Every
// route under /admin is registered through Server.admin, so the rule is
// written where the route is, and the access test finds any route without one.
type AdminRoute struct {
	Method, Path string
	Roles        []string
}

// AdminRoutes lists the console's routes with their rules.
func (s *Server) AdminRoutes() []AdminRoute { return s.adminRoutes }

// admin registers a console route: CSRF on every request (the layout's
// logout form needs the token on every page), a signed-in user, and one of roles.
func (s *Server) admin(method, path string, roles []string, handlers ...fiber.Handler) {
	s.adminRoutes = append(s.adminRoutes, AdminRoute{Method: method, Path: path, Roles: roles})
	// The login comes first: an anonymous request is sent to the login
	// page before anything reads or makes a web session for its form
	// token, so a visitor cannot grow the sessions table.
	chain := append([]fiber.Handler{s.requireUser, s.csrf, s.allow(roles)}, handlers...)
	s.app.Add(method, path, chain...)
}

type userKey struct{}

// Web-session keys: the signed-in user's id, and the account's session
// epoch when the session was made (model.User.SessionEpoch).
const (
	sessionUserKey  = "uid"
	sessionEpochKey = "epoch"
)

// sessionUser returns the active account signed in on the request's
// session, or false. A session made before the account's sessions were
// ended (password change or reset, deactivation) is destroyed.
func (s *Server) sessionUser(c *fiber.Ctx) (model.User, bool, error) {
	sess, err := s.sessions.Get(c)
	if err != nil {
		return model.User{}, false, err
	}
	id, _ := sess.Get(sessionUserKey).(int64)
	if id == 0 {
		return model.User{}, false, nil
	}
	u, err := s.store.User(c.UserContext(), id)
	if errors.Is(err, store.ErrNotFound) {
		return u, false, nil
	}
	if err != nil {
		return u, false, err
	}
	epoch, _ := sess.Get(sessionEpochKey).(int64)
	if epoch != u.SessionEpoch || !u.Active {
		return u, false, sess.Destroy()
	}
	return u, true, nil
}

// requireUser loads the signed-in, active user, or sends the visitor to the
// login page with the page they wanted.
func (s *Server) requireUser(c *fiber.Ctx) error {
	u, ok, err := s.sessionUser(c)
	if err != nil {
		return err
	}
	if ok {
		c.Locals(userKey{}, u)
		c.Set(fiber.HeaderCacheControl, "no-store")
		if c.Path() != twoFactorPath {
			must, err := s.mustEnrol(c, u)
			if err != nil {
				return err
			}
			if must {
				return c.Redirect(twoFactorPath, fiber.StatusSeeOther)
			}
		}
		return c.Next()
	}
	next := ""
	if c.Method() == fiber.MethodGet {
		next = "?next=" + url.QueryEscape(c.OriginalURL())
	}
	return c.Redirect("/admin/login"+next, fiber.StatusSeeOther)
}

// renewSession gives the request's session a new id and binds it to the
// account uid under its session epoch: at login, and after a password
// change, whose confirmation is flash ("" for none). The session cannot be
// read again in the same request (the old id is gone), hence the flash here.
func (s *Server) renewSession(c *fiber.Ctx, uid, epoch int64, flash string) error {
	sess, err := s.sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Regenerate(); err != nil {
		return err
	}
	sess.Set(sessionUserKey, uid)
	sess.Set(sessionEpochKey, epoch)
	if flash != "" {
		sess.Set(flashKey, flash)
	}
	return sess.Save()
}

// allow answers 403 to a user whose role is not among roles.
func (s *Server) allow(roles []string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if !auth.Allowed(currentUser(c).Role, roles) {
			return fiber.ErrForbidden
		}
		return c.Next()
	}
}

// currentUser is the signed-in user of a console request.
func currentUser(c *fiber.Ctx) model.User {
	u, _ := c.Locals(userKey{}).(model.User)
	return u
}

// adminPage fills the layout's view model for a console page, taking the
// flash message left by the previous request.
func (s *Server) adminPage(c *fiber.Ctx, title, section string) (views.Page, error) {
	p := page(c, title, section)
	if u, ok := c.Locals(userKey{}).(model.User); ok {
		p.User = &u
	}
	sess, err := s.sessions.Get(c)
	if err != nil {
		return p, err
	}
	if msg, ok := sess.Get(flashKey).(string); ok {
		p.Flash = msg
		sess.Delete(flashKey)
		if err := sess.Save(); err != nil {
			return p, err
		}
	}
	return p, nil
}

const flashKey = "flash"

// redirectWithFlash answers a successful console action: 303 to path, whose
// page will confirm what was done with msg.
func (s *Server) redirectWithFlash(c *fiber.Ctx, path, msg string) error {
	sess, err := s.sessions.Get(c)
	if err != nil {
		return err
	}
	sess.Set(flashKey, msg)
	if err := sess.Save(); err != nil {
		return err
	}
	return c.Redirect(path, fiber.StatusSeeOther)
}

// localPath returns next when it is a path on this site, else "".
// "//evil.example" and "/\evil.example" are other hosts to a browser.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, `/\`) ||
		strings.ContainsAny(next, "\r\n\t") {
		return ""
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return ""
	}
	return next
}

func (s *Server) renderLogin(c *fiber.Ctx, status int, f admin.LoginForm) error {
	p := page(c, "Log in", "")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return render(c, status, admin.LoginPage(p, f))
}

// showLogin is the login form; a signed-in user goes straight on.
func (s *Server) showLogin(c *fiber.Ctx) error {
	next := localPath(c.Query("next"))
	f := admin.LoginForm{Next: next}
	if c.Query("out") != "" {
		f.Notice = "You have logged out."
	}
	return s.renderLogin(c, fiber.StatusOK, f)
}

// retryLogin shows the login form again after its token failed
// (guardForm), with the address typed; never the password.
func (s *Server) retryLogin(c *fiber.Ctx, notice string) error {
	return s.renderLogin(c, fiber.StatusUnprocessableEntity, admin.LoginForm{Email: strings.TrimSpace(c.FormValue("email")),
		Next: localPath(c.Query("next")), Message: notice})
}

// loginFailed is the one sentence for any failed login.
const loginFailed = "The e-mail address or password is not right. Check them and try again."

// login checks the credentials. The attempt is counted before the password
// is checked (auth.Throttle); a browser with the account's device cookie is
// spared the account-wide limit. On success the session gets a new id (no
// fixation), the browser a fresh device cookie, and the user goes to
// ?next= when it is local, else to their home. An account with two-factor
// login gets no session yet: it goes on to the second step (admin_2fa.go).
func (s *Server) login(c *fiber.Ctx) error {
	email := strings.TrimSpace(c.FormValue("email"))
	password := c.FormValue("password")
	next := localPath(c.Query("next"))
	devices, err := s.deviceCookies(c)
	if err != nil {
		return err
	}
	device := devices.Verify(email, c.Cookies(devices.Name(email)))
	attempt, ok, until := s.loginThrottle.Begin(email, s.clientIP(c), device)
	if !ok {
		wait := until.Sub(s.now())
		return s.renderLogin(c, fiber.StatusTooManyRequests, admin.LoginForm{Email: email, Next: next,
			Message: "Too many failed attempts. For your security, logging in is paused for " + minutes(wait) + "."})
	}
	u, err := auth.Authenticate(c.UserContext(), s.store, email, password)
	if errors.Is(err, auth.ErrInvalidCredentials) {
		return s.renderLogin(c, fiber.StatusUnauthorized, admin.LoginForm{Email: email, Next: next, Message: loginFailed})
	}
	if err != nil {
		return err
	}
	attempt.Succeeded()
	if u.TwoFactor() {
		// No session yet: the second step finds the login in memory.
		s.setPendingCookie(c, s.pendingLogins.Start(auth.PendingLogin{UserID: u.ID, Epoch: u.SessionEpoch, Email: email, Next: next}), auth.PendingLoginAge)
		return c.Redirect(login2FAPath, fiber.StatusSeeOther)
	}
	return s.finishLogin(c, u, email, next)
}

// finishLogin makes the session of u, who proved who they are: a new
// session id (no fixation), a fresh device cookie, and the way on to next
// when it is local, else to their home; to enrolment first when the
// conference requires a second factor they have not set up.
func (s *Server) finishLogin(c *fiber.Ctx, u model.User, email, next string) error {
	devices, err := s.deviceCookies(c)
	if err != nil {
		return err
	}
	if err := s.renewSession(c, u.ID, u.SessionEpoch, ""); err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{
		Name: devices.Name(email), Value: devices.Issue(email), Path: "/admin/login",
		MaxAge: int(auth.DeviceCookieAge / time.Second), HTTPOnly: true, Secure: s.cfg.Secure(),
		SameSite: fiber.CookieSameSiteStrictMode,
	})
	if err := s.store.TouchLogin(c.UserContext(), u.ID, s.now()); err != nil {
		return err
	}
	must, err := s.mustEnrol(c, u)
	if err != nil {
		return err
	}
	if must {
		return c.Redirect(twoFactorPath, fiber.StatusSeeOther)
	}
	if next == "" {
		next = auth.Home(u.Role)
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// deviceKeyName names the device cookies' signing key among the secrets.
const deviceKeyName = "device_cookie"

// deviceCookies returns the device-cookie signer, loading (or making) its
// key on first use, so that the key outlives restarts and known browsers
// stay known.
func (s *Server) deviceCookies(c *fiber.Ctx) (auth.DeviceCookies, error) {
	s.deviceMu.Lock()
	defer s.deviceMu.Unlock()
	if s.deviceKey == nil {
		key, err := s.store.Secret(c.UserContext(), deviceKeyName)
		if err != nil {
			return auth.DeviceCookies{}, err
		}
		s.deviceKey = key
	}
	return auth.DeviceCookies{Key: s.deviceKey}, nil
}

// minutes says a wait in whole minutes, rounded up.
func minutes(d time.Duration) string {
	m := int(math.Ceil(d.Minutes()))
	if m <= 1 {
		return "about a minute"
	}
	return strconv.Itoa(m) + " minutes"
}

// logout ends the session; its id and data are gone from the database.
func (s *Server) logout(c *fiber.Ctx) error {
	sess, err := s.sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Destroy(); err != nil {
		return err
	}
	return c.Redirect("/admin/login?out=1", fiber.StatusSeeOther)
}

// pathID is the record id in the path; anything but a positive number is
// a page that does not exist.
func pathID(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fiber.ErrNotFound
	}
	return id, nil
}

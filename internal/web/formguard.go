package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"

	"github.com/gofiber/fiber/v2"
)

// formCookie holds the visitor's seed for the public forms' tokens.
const formCookie = "confdesk_form"

// formExpired answers a form whose token is missing or wrong.
const formExpired = "This form has expired or did not come from this site. Go back, reload the page and send it again; nothing was saved."

// formGuard protects the public forms (registration, press accreditation,
// the landing pages of e-mailed links,
// a registration's edit and cancel pages, the personal agenda) against
// cross-site request forgery without a server-side session: a signed
// double-submit cookie, as OWASP describes it. The cookie holds a random
// seed for the browser session; the form's token is the seed's
// HMAC-SHA256 under a key kept in the database (store.Secret). Another
// site can make a browser send the cookie but cannot read it, nor sign a
// seed of its own, so it cannot name the token. Nothing is stored per
// visitor: reading a form costs no database write, so crawlers and crowds
// on /register do not fill the sessions table. The console keeps
// session-bound tokens (s.csrf): it has a login session anyway.
func (s *Server) formGuard(c *fiber.Ctx) error {
	seed := c.Cookies(formCookie)
	if len(seed) < 32 || len(seed) > 64 {
		seed = randomToken()
		// A browser-session cookie: a form left open all day still posts.
		c.Cookie(&fiber.Cookie{Name: formCookie, Value: seed, Path: "/", HTTPOnly: true,
			Secure: s.cfg.Secure(), SameSite: fiber.CookieSameSiteLaxMode, SessionOnly: true})
	}
	token := s.formToken(seed)
	c.Locals(csrfTokenKey, token)
	if c.Method() == fiber.MethodGet || c.Method() == fiber.MethodHead {
		return c.Next()
	}
	if subtle.ConstantTimeCompare([]byte(c.FormValue("_csrf")), []byte(token)) != 1 {
		return fiber.NewError(fiber.StatusForbidden, formExpired)
	}
	return c.Next()
}

// formToken is the public forms' token for seed.
func (s *Server) formToken(seed string) string {
	m := hmac.New(sha256.New, s.formKey)
	m.Write([]byte("confdesk form token\x00" + seed))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

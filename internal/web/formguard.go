package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// formCookie holds the visitor's seed for the public forms' tokens.
const formCookie = "confdesk_form"

// formExpired answers a console form whose token is missing or wrong.
const formExpired = "This form has expired or did not come from this site. Go back, reload the page and send it again; nothing was saved."

// formRefused is the catalogue's key of the sentence refusing a public
// form whose token failed twice in a row.
const formRefused = "register.guard.refused"

// formRetryNotice is the catalogue's key of the sentence heading a form
// shown again because its token failed: what was typed is kept, and
// pressing the button again sends it.
const formRetryNotice = "register.guard.retry"

// retryMark ends the token of a form shown again after a failed token, so
// that a second failure in a row is refused rather than shown again.
const retryMark = ".retry"

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
//
// formGuard refuses a post whose token fails with 403; the public forms'
// posts use guardForm, which shows the form again instead.
func (s *Server) formGuard(c *fiber.Ctx) error { return s.guardForm(nil)(c) }

// guardForm is formGuard for a form's post, with retry to show the form
// again when the token fails. A token fails when the browser lost its
// cookie (it was closed, or the link was opened in an in-app browser and
// the form finished in another) or the post came from elsewhere. Neither
// should cost a person what they typed, so retry draws the form again
// with the posted values, a fresh token (and cookie) and formRetryNotice,
// and saves nothing; pressing the button again sends it. The fresh token
// carries retryMark, so a second failure in a row is refused (403): a
// browser that keeps no cookie learns why instead of going round in a
// circle. A forged post gains nothing: its values are only shown to the
// person, in a form that sends nothing until they press its button.
func (s *Server) guardForm(retry func(c *fiber.Ctx, notice string) error) fiber.Handler {
	return func(c *fiber.Ctx) error {
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
		posted := c.FormValue("_csrf")
		again := strings.HasSuffix(posted, retryMark)
		if subtle.ConstantTimeCompare([]byte(strings.TrimSuffix(posted, retryMark)), []byte(token)) == 1 {
			return c.Next()
		}
		if again || retry == nil {
			return fiber.NewError(fiber.StatusForbidden, language(c).T(formRefused))
		}
		c.Locals(csrfTokenKey, token+retryMark)
		return retry(c, language(c).T(formRetryNotice))
	}
}

// formToken is the public forms' token for seed.
func (s *Server) formToken(seed string) string {
	m := hmac.New(sha256.New, s.formKey)
	m.Write([]byte("confdesk form token\x00" + seed))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

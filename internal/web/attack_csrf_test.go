package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/webtest"
)

// TestAttackCSRFOnEveryPost posts to every POST route of the app, public
// and console, with a valid session but no form token, a forged one and
// another visitor's: 403, or for the public forms and the login the form
// shown again (422) to be sent by its own button, and nothing in the
// database changes. A token carrying the mark of such a second showing is
// refused (403) everywhere. A new POST route without CSRF protection fails here.
// retriedForms are the posts whose form comes back with what was typed when
// its token fails (the first time).
var retriedForms = map[string]bool{"/register": true, "/press/accreditation": true, "/registration/lost": true,
	"/confirm/:token": true, "/registration/:token/edit": true, "/registration/:token/cancel": true,
	"/registration/:token/agenda": true, "/admin/login": true, "/admin/login/2fa": true, "/nominee/:token": true,
	"/nominate/:token/documents": true, "/registration/:token/travel": true}

func TestAttackCSRFOnEveryPost(t *testing.T) {
	fx := newAttackFixture(t)
	env := fx.env
	// Another visitor's valid token: tokens are bound to the session.
	other := env.Client()
	otherToken := webtest.FormToken(t, other.Get("/register"), "/register")
	posts := fx.routes(http.MethodPost)
	if len(posts) < 40 {
		t.Fatalf("only %d POST routes found", len(posts))
	}
	for _, pattern := range posts {
		t.Run(pattern, func(t *testing.T) {
			path := fx.fill(pattern)
			cl := fx.client(http.MethodPost, pattern)
			// A session with a token of its own, as a visitor who opened a form has.
			if strings.HasPrefix(pattern, "/admin/") && pattern != "/admin/login" && pattern != "/admin/login/2fa" && pattern != "/admin/logout" {
				cl.AdminToken()
			} else {
				cl.Get("/register")
			}
			form := validForm("csrf-" + strings.NewReplacer("/", "-", ":", "").Replace(pattern) + "@example.org")
			for k, v := range map[string]string{"title": "Forged", "name": "Forged", "code": "X", "status": "confirmed",
				"email": "forged@example.org", "password": webtest.TestPassword, "role": "admin"} {
				form.Set(k, v)
			}
			before := dbFingerprint(t, env)
			for _, token := range []string{"", "forged-token", otherToken, "forged-token.retry"} {
				f := url.Values{}
				for k, v := range form {
					f[k] = v
				}
				if token != "" {
					f.Set("_csrf", token)
				}
				res := cl.PostForm(path, f)
				shownAgain := retriedForms[pattern] && !strings.HasSuffix(token, ".retry") &&
					(res.StatusCode == http.StatusUnprocessableEntity ||
						pattern == "/admin/login/2fa" && res.StatusCode == http.StatusSeeOther || // no login waits: back to the password
						pattern == "/confirm/:token" && res.StatusCode == http.StatusNotFound) // the page of an unknown link
				if res.StatusCode != http.StatusForbidden && !shownAgain {
					t.Errorf("_csrf=%q: %d, want 403", token, res.StatusCode)
				}
			}
			sameDB(t, "after forged posts", before, dbFingerprint(t, env))
		})
	}
}

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
// another visitor's: always 403, and nothing in the database changes. A
// new POST route without CSRF protection fails here.
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
			for _, token := range []string{"", "forged-token", otherToken} {
				f := url.Values{}
				for k, v := range form {
					f[k] = v
				}
				if token != "" {
					f.Set("_csrf", token)
				}
				res := cl.PostForm(path, f)
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("_csrf=%q: %d, want 403", token, res.StatusCode)
				}
			}
			sameDB(t, "after forged posts", before, dbFingerprint(t, env))
		})
	}
}

package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"confdesk/internal/web"
	"confdesk/internal/webtest"
)

// TestPublicFormsStoreNoSession: reading and sending the registration
// form writes no web session; the token is bound to the browser's cookie,
// refused with another browser's, and still good after a restart.
func TestPublicFormsStoreNoSession(t *testing.T) {
	env := webtest.New(t)
	alice, bob := env.Client(), env.Client()
	aliceToken := webtest.FormToken(t, alice.Get("/register"), "/register")
	bobToken := webtest.FormToken(t, bob.Get("/register"), "/register")
	if aliceToken == bobToken || alice.Cookie("confdesk_form") == nil {
		t.Fatalf("two browsers share token %q, or no form cookie was set", aliceToken)
	}
	if c := alice.Cookie("confdesk_form"); !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
		t.Errorf("form cookie %+v: want HttpOnly and SameSite=Lax", c)
	}

	// Bob's token in Alice's browser is refused (the form comes back to be
	// sent by its own button), and nothing is stored.
	f := validForm("alice@example.org")
	f.Set("_csrf", bobToken)
	if res := alice.PostForm("/register", f); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("another browser's token: %d, want the form again (422)", res.StatusCode)
	}

	// A server started again on the same database takes Alice's token.
	again, err := web.New(web.Options{Config: env.Config, Store: env.Store, Now: env.Clock.Now, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	f.Set("_csrf", aliceToken)
	req := httptest.NewRequest(http.MethodPost, "/register", strings.NewReader(f.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(alice.Cookie("confdesk_form"))
	res, err := again.App().Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("the token after a restart: %d, want 303", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email = 'alice@example.org'`); n != 1 {
		t.Errorf("%d registrations for alice, want 1", n)
	}
	if n := count(t, env, `SELECT count(*) FROM web_sessions`); n != 0 {
		t.Errorf("%d web sessions stored by anonymous visitors, want 0", n)
	}
}

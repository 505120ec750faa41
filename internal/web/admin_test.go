package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"confdesk/internal/auth"
	"confdesk/internal/config"
	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// publicAdminPaths are the /admin routes open to everyone.
var publicAdminPaths = map[string]bool{"/admin/login": true, "/admin/login/2fa": true, "/admin/logout": true}

// TestAdminAccessMatrix requests every console route as an anonymous
// visitor and as each role: anonymous → login, a role without the right →
// 403, a role with it → the page (or the action's own answer). A route
// registered without a rule fails the test.
func TestAdminAccessMatrix(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	// Account 1 is the one the routes' ":id" names: resetting its password
	// ends its sessions, so it must not be one of the clients below.
	env.CreateUser(model.UserCheckin, "target@example.org")
	clients := map[string]*webtest.Client{}
	for _, role := range model.UserRoles {
		clients[role] = env.Login(role)
	}
	rules := map[string][]string{}
	for _, r := range env.Server.AdminRoutes() {
		rules[r.Method+" "+r.Path] = r.Roles
	}
	for _, r := range env.App.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/admin") || publicAdminPaths[r.Path] || r.Method == http.MethodHead {
			continue
		}
		if _, ok := rules[r.Method+" "+r.Path]; !ok {
			t.Errorf("%s %s has no access rule: register it with Server.admin", r.Method, r.Path)
		}
	}
	param := regexp.MustCompile(`:[a-z_]+\??`)
	for key, roles := range rules {
		method, pattern, _ := strings.Cut(key, " ")
		path := param.ReplaceAllString(pattern, "1")
		t.Run(key, func(t *testing.T) {
			// Anonymous: to the login page (a POST with a valid form token too).
			anon := env.Client()
			var res *webtest.Response
			if method == http.MethodGet {
				res = anon.Get(path)
			} else {
				token := webtest.FormToken(t, anon.Get("/admin/login"), "/admin/login")
				res = anon.PostForm(path, url.Values{"_csrf": {token}})
			}
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
				t.Errorf("anonymous: %d to %q, want 303 to the login page", res.StatusCode, res.Header.Get("Location"))
			}
			for _, role := range model.UserRoles {
				cl := clients[role]
				if method == http.MethodGet {
					res = cl.Get(path)
				} else {
					res = cl.PostAdmin(path, url.Values{})
				}
				allowed := auth.Allowed(role, roles)
				switch {
				case !allowed && res.StatusCode != http.StatusForbidden:
					t.Errorf("%s: %d, want 403", role, res.StatusCode)
				case allowed && (res.StatusCode == http.StatusForbidden || res.StatusCode >= 500 ||
					strings.HasPrefix(res.Header.Get("Location"), "/admin/login")):
					t.Errorf("%s: %d (to %q), want the page or the action's answer", role, res.StatusCode, res.Header.Get("Location"))
				}
				if res.StatusCode == http.StatusForbidden && !strings.Contains(res.Body, "You do not have permission") {
					t.Errorf("%s: the 403 is not the site's page", role)
				}
			}
		})
	}
}

func TestLoginFailuresLookTheSame(t *testing.T) {
	env := webtest.New(t)
	env.CreateUser(model.UserOrganiser, "org@example.org")
	try := func(email, password string) *webtest.Response {
		return env.Client().Submit("/admin/login", "/admin/login", url.Values{"email": {email}, "password": {password}})
	}
	wrong := try("org@example.org", "not the password at all")
	unknown := try("nobody@example.org", "not the password at all")
	if wrong.StatusCode != http.StatusUnauthorized || unknown.StatusCode != wrong.StatusCode {
		t.Fatalf("wrong password %d, unknown e-mail %d; want the same 401", wrong.StatusCode, unknown.StatusCode)
	}
	strip := regexp.MustCompile(`value="[^"]*"`)
	a := strip.ReplaceAllString(wrong.Doc().Find("main").Text(), "")
	b := strip.ReplaceAllString(unknown.Doc().Find("main").Text(), "")
	if a != b {
		t.Errorf("the two failures read differently:\n%s\n---\n%s", a, b)
	}
	// A deactivated account fails the same way.
	if _, err := env.DB.Write.Exec(`UPDATE users SET active = 0 WHERE email = 'org@example.org'`); err != nil {
		t.Fatal(err)
	}
	if res := try("org@example.org", webtest.TestPassword); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("deactivated account: %d, want 401", res.StatusCode)
	}
}

func TestLoginThrottle(t *testing.T) {
	env := webtest.New(t)
	env.CreateUser(model.UserOrganiser, "org@example.org")
	cl := env.Client()
	for i := range 5 {
		res := cl.Submit("/admin/login", "/admin/login", url.Values{"email": {"org@example.org"}, "password": {"wrong password"}})
		if res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, res.StatusCode)
		}
	}
	// The sixth attempt is refused, even with the right password.
	res := cl.Submit("/admin/login", "/admin/login", url.Values{"email": {"org@example.org"}, "password": {webtest.TestPassword}})
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(res.Body, "paused") {
		t.Fatalf("sixth attempt: %d, want 429", res.StatusCode)
	}
	// Another e-mail from the same address is refused too (the IP is counted).
	env.CreateUser(model.UserAdmin, "other@example.org")
	if res := env.Client().Submit("/admin/login", "/admin/login", url.Values{"email": {"other@example.org"}, "password": {webtest.TestPassword}}); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("same address, other e-mail: %d, want 429", res.StatusCode)
	}
	// After the window the right password works.
	env.Clock.Advance(15*time.Minute + time.Second)
	if res := cl.Submit("/admin/login", "/admin/login", url.Values{"email": {"org@example.org"}, "password": {webtest.TestPassword}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after the window: %d, want 303", res.StatusCode)
	}
}

func TestLoginSessionCookieAndFixation(t *testing.T) {
	env := webtest.New(t, webtest.WithConfig(func(c *config.Config) { c.BaseURL = "https://ctc.example.org" }))
	env.CreateUser(model.UserOrganiser, "org@example.org")
	cl := env.Client()
	cl.Get("/admin/login")
	if cl.Cookie("confdesk_session") != nil {
		t.Fatal("the login page made a web session: anonymous visitors could fill the sessions table")
	}
	// Fixation: a session id planted in the browser before login must not
	// be the one the login binds to the account.
	before := &http.Cookie{Name: "confdesk_session", Value: "planted-session-id-0123456789abcdef"}
	cl.SetCookie(before)
	res := cl.Submit("/admin/login", "/admin/login", url.Values{"email": {"org@example.org"}, "password": {webtest.TestPassword}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin" {
		t.Fatalf("login: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	var sc *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "confdesk_session" {
			sc = c
		}
	}
	if sc == nil || sc.Value == before.Value {
		t.Fatal("the session id did not change at login")
	}
	if !sc.HttpOnly || !sc.Secure || sc.SameSite != http.SameSiteLaxMode {
		t.Errorf("session cookie flags: HttpOnly %v, Secure %v, SameSite %v", sc.HttpOnly, sc.Secure, sc.SameSite)
	}
	if sc.MaxAge != int((12 * time.Hour).Seconds()) {
		t.Errorf("session cookie Max-Age %d, want 12 h", sc.MaxAge)
	}
	if res := cl.Get("/admin"); res.StatusCode != http.StatusOK {
		t.Fatalf("signed in: /admin = %d", res.StatusCode)
	}
	fixed := env.Client()
	req := httptest.NewRequest(http.MethodGet, "/admin", nil)
	req.AddCookie(&http.Cookie{Name: "confdesk_session", Value: before.Value})
	if res := fixed.Do(req); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the pre-login session id still opens /admin: %d", res.StatusCode)
	}
	// Logging out ends the session: the same cookie no longer opens anything.
	current := cl.Cookie("confdesk_session")
	if res := cl.PostAdmin("/admin/logout", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", res.StatusCode)
	}
	req = httptest.NewRequest(http.MethodGet, "/admin", nil)
	req.AddCookie(&http.Cookie{Name: "confdesk_session", Value: current.Value})
	if res := env.Client().Do(req); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the session survives logout: %d", res.StatusCode)
	}
}

func TestLoginNextIsLocalOnly(t *testing.T) {
	env := webtest.New(t)
	env.CreateUser(model.UserOrganiser, "org@example.org")
	for next, want := range map[string]string{
		"/admin/account":             "/admin/account",
		"//evil.example/x":           "/admin",
		"https://evil.example/":      "/admin",
		`/\evil.example`:             "/admin",
		"javascript:alert(1)":        "/admin",
		"/admin/account?x=1#section": "/admin/account?x=1#section",
	} {
		page := "/admin/login?next=" + url.QueryEscape(next)
		cl := env.Client()
		token := webtest.FormToken(t, cl.Get(page), "")
		res := cl.PostForm(page, url.Values{"_csrf": {token}, "email": {"org@example.org"}, "password": {webtest.TestPassword}})
		if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != want {
			t.Errorf("next=%q: %d to %q, want %q", next, res.StatusCode, got, want)
		}
	}
	// Anonymous visits carry the wanted page to the login form.
	res := env.Get("/admin/account")
	if loc := res.Header.Get("Location"); loc != "/admin/login?next=%2Fadmin%2Faccount" {
		t.Errorf("anonymous redirect to %q", loc)
	}
}

func TestLoginRequiresCSRF(t *testing.T) {
	env := webtest.New(t)
	env.CreateUser(model.UserOrganiser, "org@example.org")
	cl := env.Client()
	cl.Get("/admin/login")
	// The form comes back to be sent by its own button, logging nobody in;
	// a second failure in a row is refused.
	res := cl.PostForm("/admin/login", url.Values{"email": {"org@example.org"}, "password": {webtest.TestPassword}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("login without _csrf: %d, want the form again (422)", res.StatusCode)
	}
	res = cl.PostForm("/admin/login", url.Values{"email": {"org@example.org"}, "password": {webtest.TestPassword}, "_csrf": {"forged.retry"}})
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("login with a forged token, twice in a row: %d, want 403", res.StatusCode)
	}
}

func TestRoleHomes(t *testing.T) {
	env := webtest.New(t)
	for role, want := range map[string]int{model.UserAdmin: 200, model.UserOrganiser: 200, model.UserCheckin: 303, model.UserPressOfficer: 303} {
		if res := env.Login(role).Get("/admin"); res.StatusCode != want {
			t.Errorf("%s: /admin = %d, want %d", role, res.StatusCode, want)
		}
	}
}

func TestChangeOwnPassword(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserCheckin)
	bad := cl.PostAdmin("/admin/account/password", url.Values{"current_password": {"wrong"}, "new_password": {"a brand new passphrase"}, "confirm_password": {"a brand new passphrase"}})
	if bad.StatusCode != http.StatusUnprocessableEntity || bad.Doc().Find("#current_password-error").Length() != 1 {
		t.Fatalf("wrong current password: %d", bad.StatusCode)
	}
	short := cl.PostAdmin("/admin/account/password", url.Values{"current_password": {webtest.TestPassword}, "new_password": {"short"}, "confirm_password": {"short"}})
	if short.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("short password: %d", short.StatusCode)
	}
	ok := cl.PostAdmin("/admin/account/password", url.Values{"current_password": {webtest.TestPassword}, "new_password": {"a brand new passphrase"}, "confirm_password": {"a brand new passphrase"}})
	if ok.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", ok.StatusCode)
	}
	if res := env.Client().Submit("/admin/login", "/admin/login", url.Values{"email": {"checkin@example.org"}, "password": {"a brand new passphrase"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the new password: %d", res.StatusCode)
	}
}

func TestFlashShowsOnce(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	res := cl.PostAdmin("/admin/account/password", url.Values{"current_password": {webtest.TestPassword}, "new_password": {"another long passphrase"}, "confirm_password": {"another long passphrase"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", res.StatusCode)
	}
	if got := cl.Get("/admin/account").Doc().Find(`[data-testid=flash]`).Text(); got != "Your password was changed. You were logged out everywhere else." {
		t.Errorf("flash %q", got)
	}
	if n := cl.Get("/admin/account").Doc().Find(`[data-testid=flash]`).Length(); n != 0 {
		t.Error("the flash shows twice")
	}
}

package web_test

import (
	stdhtml "html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"confdesk/internal/config"
	"confdesk/internal/webtest"
)

// manageRe finds a self-service link in a message body.
var manageRe = regexp.MustCompile(`http://confdesk\.test(/registration/[A-Za-z0-9_-]{43})`)

// mailedManageLink returns the self-service path in the newest message of kind to address.
func mailedManageLink(t *testing.T, env *webtest.Env, kind, address string) string {
	t.Helper()
	bodies := mailTo(t, env, kind, address)
	if len(bodies) == 0 {
		t.Fatalf("no %s message to %s", kind, address)
	}
	m := manageRe.FindStringSubmatch(bodies[len(bodies)-1])
	if m == nil {
		t.Fatalf("no self-service link in the %s message:\n%s", kind, bodies[len(bodies)-1])
	}
	return m[1]
}

// findRegistration posts the "Find my registration" form as a new visitor.
func findRegistration(env *webtest.Env, email string) *webtest.Response {
	env.T.Helper()
	return env.Client().Submit("/registration/lost", "/registration/lost", url.Values{"email": {email}})
}

// TestFindRegistration: a known address gets a sign-in link; a known and
// an unknown address get the same answer; the link gives a working new
// link; a second request within 10 minutes mails nothing more.
func TestFindRegistration(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	old := mustRegister(t, env, validForm("known@example.org"))

	known := findRegistration(env, " Known@Example.org ")
	unknown := findRegistration(env, "stranger@example.org")
	for name, res := range map[string]*webtest.Response{"known": known, "unknown": unknown} {
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/registration/lost?sent=1" {
			t.Errorf("%s address: %d to %q", name, res.StatusCode, res.Header.Get("Location"))
		}
	}
	if len(mailTo(t, env, "find_link", "stranger@example.org")) != 0 || count(t, env, `SELECT count(*) FROM outbox WHERE to_email = 'stranger@example.org'`) != 0 {
		t.Error("a message went to an unregistered address")
	}
	sent := env.Get("/registration/lost?sent=1")
	if sent.StatusCode != http.StatusOK || !strings.Contains(sent.Body, "If a registration uses the address you typed") {
		t.Errorf("answer page: %d", sent.StatusCode)
	}

	// Asking again at once sends nothing more: the same limit as registering again.
	findRegistration(env, "known@example.org")
	link := mailedLink(t, env, "find_link", "known@example.org")
	// The old link works until the new one is followed.
	if res := env.Get(old); res.StatusCode != http.StatusOK {
		t.Errorf("old link before following the new one: %d", res.StatusCode)
	}
	res := follow(t, env, link)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/registration/") {
		t.Fatalf("following the link: %d to %q", res.StatusCode, loc)
	}
	if page := env.Get(loc); page.StatusCode != http.StatusOK || page.Doc().Find(`[data-testid=reference]`).Text() == "" {
		t.Errorf("the new link: %d", page.StatusCode)
	}
}

// TestFindRegistrationForm: a malformed address comes back with its
// message and value; over the registration limit the form comes back with 429.
func TestFindRegistrationForm(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfig(func(c *config.Config) { c.RegisterLimit = 1 }))
	res := findRegistration(env, "not an address")
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("malformed address: %d", res.StatusCode)
	}
	if v, _ := res.Doc().Find(`input[name=email]`).Attr("value"); v != "not an address" {
		t.Errorf("the address typed came back as %q", v)
	}
	if res.Doc().Find(`#email-error`).Text() == "" {
		t.Error("no message beside the field")
	}
	res = findRegistration(env, "again@example.org")
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("over the limit: %d", res.StatusCode)
	}
	if v, _ := res.Doc().Find(`input[name=email]`).Attr("value"); v != "again@example.org" {
		t.Errorf("over the limit the address came back as %q", v)
	}
}

// TestFindRegistrationIsOffered: the home page, the registration form and
// every 404 under /registration/ lead to "Find my registration".
func TestFindRegistrationIsOffered(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	path := mustRegister(t, env, validForm("offered@example.org"))
	for _, p := range []string{"/", "/register", "/registration/no-such-token", "/registration/no-such-token/edit",
		path + "/no-such-page", "/confirm/no-such-token"} {
		res := env.Get(p)
		if res.Doc().Find(`a[href="/registration/lost"]`).Length() == 0 {
			t.Errorf("%s (%d) has no link to /registration/lost", p, res.StatusCode)
		}
	}
	if res := env.Get("/registration/no-such-token"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown token: %d", res.StatusCode)
	}
}

// TestReplacedLinkSaysSo: a self-service link replaced by a newer one
// answers 410 with a page saying so, not a bare 404.
func TestReplacedLinkSaysSo(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	old := mustRegister(t, env, validForm("replaced@example.org"))
	findRegistration(env, "replaced@example.org")
	follow(t, env, mailedLink(t, env, "find_link", "replaced@example.org"))
	for _, p := range []string{old, old + "/edit"} {
		res := env.Get(p)
		if res.StatusCode != http.StatusGone || !strings.Contains(res.Body, "This link has been replaced by a newer one") {
			t.Errorf("%s: %d\n%s", p, res.StatusCode, res.Doc().Find("main").Text())
		}
		if res.Doc().Find(`a[href="/registration/lost"]`).Length() == 0 {
			t.Errorf("%s: no way to a new link", p)
		}
	}
	// Remembered for a bounded time: later, the plain page (still offering a new link).
	env.Clock.Advance(91 * 24 * time.Hour)
	findRegistration(env, "someone@example.org") // a request sweeps
	if res := env.Get(old); res.StatusCode != http.StatusNotFound {
		t.Errorf("after 91 days: %d", res.StatusCode)
	}
}

// TestExpiredLinkSaysSo: an e-mailed link whose time ran out says so,
// before and after the sweep deletes it.
func TestExpiredLinkSaysSo(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfirmEmail())
	register(env, validForm("late@example.org"))
	link := mailedLink(t, env, "confirm_email", "late@example.org")
	env.Clock.Advance(49 * time.Hour)
	check := func(when string) {
		t.Helper()
		res := env.Get(link)
		if res.StatusCode != http.StatusGone || !strings.Contains(res.Body, "This link has expired") {
			t.Errorf("%s: %d\n%s", when, res.StatusCode, res.Doc().Find("main").Text())
		}
		if res.Doc().Find(`a[href="/registration/lost"]`).Length() == 0 {
			t.Errorf("%s: no way to a new link", when)
		}
	}
	check("before the sweep")
	register(env, validForm("other@example.org")) // sweeps expired links
	if n := count(t, env, `SELECT count(*) FROM email_tokens WHERE email_key = 'late@example.org'`); n != 0 {
		t.Errorf("%d expired links kept", n)
	}
	check("after the sweep")
}

// cancelOwn cancels a registration through its self-service page.
func cancelOwn(t *testing.T, env *webtest.Env, path string) {
	t.Helper()
	if res := env.Client().Submit(path+"/cancel", path+"/cancel", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel: %d", res.StatusCode)
	}
}

// TestCancelledRegistersAgain: registering again after cancelling brings
// the registration back through the usual rules, with its reference and
// the usual message carrying a working link.
func TestCancelledRegistersAgain(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `capacity = 2`)
	path := mustRegister(t, env, validForm("back@example.org"))
	ref := env.Get(path).Doc().Find(`[data-testid=reference]`).Text()
	cancelOwn(t, env, path)

	f := validForm("back@example.org")
	f.Set("organisation", "Ministry of Foreign Affairs")
	res := register(env, f)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/register/sent" {
		t.Fatalf("registering again: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	link := mailedManageLink(t, env, "confirmed", "back@example.org")
	page := env.Get(link)
	if st := page.Doc().Find(`[data-testid=status]`).Text(); !strings.HasPrefix(st, "Confirmed") {
		t.Errorf("status after registering again: %q", st)
	}
	if got := page.Doc().Find(`[data-testid=reference]`).Text(); got != ref {
		t.Errorf("reference %q, want the same %q", got, ref)
	}
	if !strings.Contains(page.Body, "Ministry of Foreign Affairs") {
		t.Error("the new details were not taken")
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email_key = 'back@example.org'`); n != 1 {
		t.Errorf("%d registrations for the address", n)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'register_again'`); n != 1 {
		t.Errorf("%d register_again lines in the history", n)
	}
	if res := env.Get(path); res.StatusCode != http.StatusGone {
		t.Errorf("the cancelled registration's old link: %d", res.StatusCode)
	}

	// Full: the next one to come back joins the waiting list behind those already on it.
	mustRegister(t, env, validForm("other@example.org"))
	mustRegister(t, env, validForm("queued@example.org"))
	cancelOwn(t, env, link)
	// queued@ was promoted into the freed place; the conference is full again.
	register(env, validForm("back@example.org"))
	page = env.Get(mailedManageLink(t, env, "waitlisted", "back@example.org"))
	if st := page.Doc().Find(`[data-testid=status]`).Text(); !strings.HasPrefix(st, "On the waiting list") {
		t.Errorf("status when full: %q", st)
	}
}

// TestCancelledRegistersAgainConfirmingAddress: with confirm_email on,
// coming back goes through the address's confirmation link.
func TestCancelledRegistersAgainConfirmingAddress(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfirmEmail())
	path := registeredBefore(t, env, "back@example.org")
	cancelOwn(t, env, path)
	register(env, validForm("back@example.org"))
	if n := len(mailTo(t, env, "signin", "back@example.org")); n != 0 {
		t.Errorf("%d sign-in links to the cancelled registration", n)
	}
	res := follow(t, env, mailedLink(t, env, "confirm_email", "back@example.org"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("following the link: %d", res.StatusCode)
	}
	if st := env.Get(res.Header.Get("Location")).Doc().Find(`[data-testid=status]`).Text(); !strings.HasPrefix(st, "Confirmed") {
		t.Errorf("status: %q", st)
	}
	if n := len(mailTo(t, env, "confirmed", "back@example.org")); n != 2 {
		t.Errorf("%d confirmation messages, want 2 (first time and coming back)", n)
	}
}

// TestContactInFooterAndMessages: the organisers' address and phone are at
// the foot of every public page and every message.
func TestContactInFooterAndMessages(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `contact_email = 'team@ctc.example', contact_phone = '+1 305 555 0100'`)
	for _, p := range []string{"/", "/register", "/agenda", "/registration/nothing"} {
		foot := env.Get(p).Doc().Find(`footer`)
		if foot.Find(`a[href="mailto:team@ctc.example"]`).Length() == 0 || foot.Find(`a[href="tel:+13055550100"]`).Length() == 0 {
			t.Errorf("%s: footer without the contact: %q", p, foot.Text())
		}
	}
	path := mustRegister(t, env, validForm("mailed@example.org"))
	cancelOwn(t, env, path)
	var n int
	rows, err := env.DB.Read.Query(`SELECT kind, body_text, body_html FROM outbox`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, text, html string
		if err := rows.Scan(&kind, &text, &html); err != nil {
			t.Fatal(err)
		}
		n++
		for _, body := range []string{text, stdhtml.UnescapeString(html)} {
			if !strings.Contains(body, "team@ctc.example") || !strings.Contains(body, "+1 305 555 0100") {
				t.Errorf("%s message without the contact:\n%s", kind, body)
			}
		}
		if kind == "cancelled" && !strings.Contains(text, "http://confdesk.test/registration/lost") {
			t.Errorf("the cancelled message does not say where to get a new link:\n%s", text)
		}
	}
	if n < 2 {
		t.Errorf("%d messages", n)
	}
}

package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// openRedirects are "return" and "next" values that would leave the site
// or split the response.
var openRedirects = []string{"//evil.example/x", "https://evil.example/", `/\evil.example`, `\\evil.example`,
	"javascript:alert(1)", "/admin/outbox//evil.example", "/admin/outbox\r\nSet-Cookie: x=1", "http:evil.example",
	"/%2fevil.example", "  //evil.example"}

// localLocation fails unless a redirect stays on this site.
func localLocation(t *testing.T, where string, res *webtest.Response) {
	t.Helper()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("%s: %d, want 303", where, res.StatusCode)
		return
	}
	u, err := url.Parse(loc)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(loc, "/") ||
		strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) || strings.ContainsAny(loc, "\r\n\\") {
		t.Errorf("%s: redirects to %q", where, loc)
	}
	if res.Header.Get("Set-Cookie") != "" && strings.Contains(res.Header.Get("Set-Cookie"), "x=1") {
		t.Errorf("%s: header injected", where)
	}
}

// TestAttackOpenRedirectOnReturn: the console's "return" fields (after a
// bulk confirmation, a mail retry) only ever lead back into the console.
// (?next= at login is TestLoginNextIsLocalOnly.)
func TestAttackOpenRedirectOnReturn(t *testing.T) {
	env := webtest.New(t)
	ids := seed(t, env, person{Status: model.StatusPending})
	mustRegister(t, env, validForm("mail@example.org"))
	if _, err := env.DB.Write.Exec(`UPDATE outbox SET state = 'failed'`); err != nil {
		t.Fatal(err)
	}
	mailID := count(t, env, `SELECT min(id) FROM outbox`)
	cl := env.Login(model.UserOrganiser)
	env.CreateUser(model.UserOrganiser, "org@example.org")
	for _, ret := range openRedirects {
		localLocation(t, "bulk-confirm return="+ret, cl.PostAdmin("/admin/registrations/bulk-confirm",
			url.Values{"return": {ret}, "id": {itoa64(ids[0])}}))
		localLocation(t, "outbox retry return="+ret, cl.PostAdmin("/admin/outbox/"+itoa64(int64(mailID))+"/retry",
			url.Values{"return": {ret}}))
		// The login form's next, with the same values (beyond TestLoginNextIsLocalOnly's).
		anon := env.Client()
		page := "/admin/login?next=" + url.QueryEscape(ret)
		token := webtest.FormToken(t, anon.Get(page), "")
		localLocation(t, "login next="+ret, anon.PostForm(page, url.Values{"_csrf": {token},
			"email": {"org@example.org"}, "password": {webtest.TestPassword}}))
	}
}

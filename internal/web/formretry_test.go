package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/webtest"
)

// retryNotice is the sentence above a form shown again after its token failed.
const retryNotice = "This form had expired, so nothing was saved yet. We kept what you typed"

// postExpired posts values to path as a browser whose form token is gone
// (no _csrf; the form cookie lost with the browser session), expects the
// form back with 422, the notice and a fresh token carrying the retry
// mark, and returns it.
func postExpired(t *testing.T, cl *webtest.Client, path string, values url.Values) *webtest.Response {
	t.Helper()
	res := cl.PostForm(path, values)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("POST %s without a token: %d, want 422\n%s", path, res.StatusCode, res.Body)
	}
	if !strings.Contains(res.Body, retryNotice) {
		t.Errorf("POST %s without a token: no explanation", path)
	}
	if tok := webtest.FormToken(t, res, path); !strings.HasSuffix(tok, ".retry") {
		t.Errorf("POST %s: the fresh token %q has no retry mark", path, tok)
	}
	return res
}

// sendAgain presses the button of the form shown again, with overrides
// for what a browser would not have kept (a password).
func sendAgain(t *testing.T, cl *webtest.Client, page *webtest.Response, path string, overrides url.Values) *webtest.Response {
	t.Helper()
	f := webtest.FormValues(t, page, path)
	for k, v := range overrides {
		f[k] = v
	}
	return cl.PostForm(path, f)
}

// TestExpiredRegistrationFormKeepsValues: a registration posted without
// its token comes back with everything typed, passport details included;
// sent again it registers; a second failure in a row is refused.
func TestExpiredRegistrationFormKeepsValues(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	for _, path := range []string{"/register", "/press/accreditation"} {
		f := withVisa(validForm("expired" + strings.ReplaceAll(path, "/", "-") + "@example.org"))
		if path == "/press/accreditation" {
			f = validForm("expired-press@example.org")
			f.Set("outlet", "Trinidad Guardian")
			f.Set("media_type", "print")
			f.Del("org_type") // the press form has none
		}
		cl := env.Client()
		page := postExpired(t, cl, path, f)
		got := webtest.FormValues(t, page, path)
		for k := range f {
			if got.Get(k) != f.Get(k) {
				t.Errorf("%s: %s came back as %q, want %q", path, k, got.Get(k), f.Get(k))
			}
		}
		if n := count(t, env, `SELECT count(*) FROM registrations WHERE email_key = ?`, f.Get("email")); n != 0 {
			t.Fatalf("%s: stored on a failed token", path)
		}
		// A second failure in a row is refused.
		again := webtest.FormValues(t, page, path)
		again.Set("_csrf", "stale"+again.Get("_csrf"))
		if res := cl.PostForm(path, again); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: a second failure in a row: %d, want 403", path, res.StatusCode)
		}
		if res := sendAgain(t, cl, page, path, nil); res.StatusCode != http.StatusSeeOther {
			t.Errorf("%s: sent again: %d\n%s", path, res.StatusCode, res.Body)
		}
		if n := count(t, env, `SELECT count(*) FROM registrations WHERE email_key = ?`, f.Get("email")); n != 1 {
			t.Errorf("%s: %d registrations after sending again", path, n)
		}
	}
}

// TestExpiredSelfServiceFormsKeepValues: the edit, cancel and personal
// agenda forms come back with what was typed or ticked, and go through
// when sent again.
func TestExpiredSelfServiceFormsKeepValues(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	path := mustRegister(t, env, withVisa(validForm("self@example.org")))

	// Edit: the new values, the passport number typed and the version kept.
	edit := webtest.FormValues(t, env.Client().Get(path+"/edit"), path+"/edit")
	edit.Set("job_title", "Deputy Director")
	edit.Set("passport_number", "TB7654321")
	cl := env.Client()
	page := postExpired(t, cl, path+"/edit", edit)
	got := webtest.FormValues(t, page, path+"/edit")
	for _, k := range []string{"job_title", "passport_number", "version"} {
		if got.Get(k) != edit.Get(k) {
			t.Errorf("edit: %s came back as %q, want %q", k, got.Get(k), edit.Get(k))
		}
	}
	if res := sendAgain(t, cl, page, path+"/edit", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit sent again: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE job_title = 'Deputy Director' AND passport_number = 'TB7654321'`); n != 1 {
		t.Error("the edit was not saved")
	}

	// Personal agenda: the ticked session stays ticked.
	picker := env.Client().Get(path + "/agenda")
	id, _ := picker.Doc().Find(`input[type=checkbox][name=session]`).First().Attr("value")
	cl = env.Client()
	page = postExpired(t, cl, path+"/agenda", url.Values{"session": {id}})
	if _, on := page.Doc().Find(`input[name=session][value="` + id + `"]`).Attr("checked"); !on {
		t.Error("agenda: the ticked session came back unticked")
	}
	if res := sendAgain(t, cl, page, path+"/agenda", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("agenda sent again: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM session_signups`); n != 1 {
		t.Errorf("%d sign-ups after sending again", n)
	}

	// Cancel: the erase box stays ticked; nothing is cancelled until sent again.
	cl = env.Client()
	page = postExpired(t, cl, path+"/cancel", url.Values{"erase": {"yes"}})
	if _, on := page.Doc().Find(`#erase`).Attr("checked"); !on {
		t.Error("cancel: the erase box came back unticked")
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE status = 'cancelled'`); n != 0 {
		t.Fatal("cancelled on a failed token")
	}
	if res := sendAgain(t, cl, page, path+"/cancel", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel sent again: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE status = 'cancelled' AND erasure_requested_at IS NOT NULL`); n != 1 {
		t.Error("not cancelled with the erasure request after sending again")
	}
}

// TestExpiredLinkAndLoginFormsKeepValues: the page of an e-mailed link,
// "Find my registration" and the console's login come back and go
// through when sent again; the login keeps the address, never the password.
func TestExpiredLinkAndLoginFormsKeepValues(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfirmEmail())
	register(env, validForm("link@example.org"))
	link := mailedLink(t, env, "confirm_email", "link@example.org")
	cl := env.Client()
	page := postExpired(t, cl, link, url.Values{})
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 0 {
		t.Fatal("registered on a failed token")
	}
	if res := sendAgain(t, cl, page, link, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("link's button pressed again: %d", res.StatusCode)
	}

	cl = env.Client()
	page = postExpired(t, cl, "/registration/lost", url.Values{"email": {"link@example.org"}})
	if v, _ := page.Doc().Find(`input[name=email]`).Attr("value"); v != "link@example.org" {
		t.Errorf("lost form: the address came back as %q", v)
	}
	if res := sendAgain(t, cl, page, "/registration/lost", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("lost form sent again: %d", res.StatusCode)
	}

	u := env.CreateUser("organiser")
	cl = env.Client()
	page = postExpired(t, cl, "/admin/login", url.Values{"email": {u.Email}, "password": {webtest.TestPassword}})
	if v, _ := page.Doc().Find(`input[name=email]`).Attr("value"); v != u.Email {
		t.Errorf("login: the address came back as %q", v)
	}
	if strings.Contains(page.Body, webtest.TestPassword) {
		t.Error("login: the password was sent back")
	}
	if res := sendAgain(t, cl, page, "/admin/login", url.Values{"password": {webtest.TestPassword}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login sent again: %d", res.StatusCode)
	}
}

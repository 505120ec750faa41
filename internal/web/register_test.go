package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"confdesk/internal/config"
	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// validForm is a complete, valid participant registration.
func validForm(email string) url.Values {
	return url.Values{
		"first_name":   {"Désirée"},
		"last_name":    {"Piñeiro-Nguyễn"},
		"email":        {email},
		"phone":        {"+1 868 555 0123"},
		"country":      {"TT"},
		"organisation": {"Ministry of National Security"},
		"org_type":     {"government"},
		"job_title":    {"Counter-Trafficking Unit Lead"},
		"consent":      {"yes"},
	}
}

// withVisa adds a valid visa-letter request to a form.
func withVisa(f url.Values) url.Values {
	f.Set("visa_letter", "yes")
	f.Set("passport_name", "DESIREE PINEIRO NGUYEN")
	f.Set("nationality", "TT")
	f.Set("passport_number", "TA1234567")
	f.Set("passport_expiry", "2031-06-30")
	f.Set("date_of_birth", "1981-04-23")
	return f
}

// register submits f as a new visitor and returns the response.
func register(env *webtest.Env, f url.Values) *webtest.Response {
	env.T.Helper()
	return env.Client().Submit("/register", "/register", f)
}

// mustRegister registers and returns the self-service path.
func mustRegister(t *testing.T, env *webtest.Env, f url.Values) string {
	t.Helper()
	res := register(env, f)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /register = %d\n%s", res.StatusCode, res.Body)
	}
	loc, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	return loc
}

func count(t *testing.T, env *webtest.Env, query string, args ...any) int {
	t.Helper()
	var n int
	if err := env.DB.Read.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func setConference(t *testing.T, env *webtest.Env, set string, args ...any) {
	t.Helper()
	if _, err := env.DB.Write.Exec(`UPDATE conference SET `+set, args...); err != nil {
		t.Fatal(err)
	}
}

func TestRegisterConfirmed(t *testing.T) {
	env := webtest.New(t)
	cl := env.Client()
	res := cl.Submit("/register", "/register", withVisa(validForm("desiree@example.org")))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /register = %d\n%s", res.StatusCode, res.Body)
	}
	loc := res.Header.Get("Location")
	page := cl.Get(loc)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", loc, page.StatusCode)
	}
	doc := page.Doc()
	ref := doc.Find(`[data-testid=reference]`).Text()
	if len(ref) != 10 || !strings.HasPrefix(ref, "CTC-") || strings.ContainsAny(ref[4:], "0O1IL") {
		t.Errorf("reference %q", ref)
	}
	if st := doc.Find(`[data-testid=status]`).Text(); !strings.HasPrefix(st, "Confirmed") {
		t.Errorf("status %q", st)
	}
	if !strings.Contains(page.Body, "Désirée Piñeiro-Nguyễn") || !strings.Contains(page.Body, "Trinidad and Tobago") {
		t.Error("details not shown as typed")
	}
	if strings.Contains(page.Body, "TA1234567") || !strings.Contains(page.Body, "567") {
		t.Error("passport number not masked")
	}
	if page.Header.Get("Referrer-Policy") != "no-referrer" || page.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Referrer-Policy %q, Cache-Control %q", page.Header.Get("Referrer-Policy"), page.Header.Get("Cache-Control"))
	}
	// Only the token's hash is stored; the token is 256 bits.
	token := strings.TrimPrefix(strings.Split(loc, "?")[0], "/registration/")
	if len(token) < 43 {
		t.Errorf("token %q is shorter than 256 bits", token)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE manage_token_hash = ?`, token); n != 0 {
		t.Error("the raw token is stored")
	}
	// The confirmation e-mail waits in the outbox with the absolute link.
	var to, subject, body string
	env.DB.Read.QueryRow(`SELECT to_email, subject, body_text FROM outbox WHERE kind = 'confirmed'`).Scan(&to, &subject, &body)
	if to != "desiree@example.org" || !strings.Contains(subject, ref) || !strings.Contains(body, "http://confdesk.test"+strings.Split(loc, "?")[0]) {
		t.Errorf("confirmation mail to %q, subject %q, link missing: %v", to, subject, !strings.Contains(body, token))
	}
	if strings.Contains(body, "TA1234567") {
		t.Error("passport number in an e-mail")
	}
}

func TestRegisterPendingUnderModeration(t *testing.T) {
	env := webtest.New(t)
	setConference(t, env, `moderation = 1`)
	loc := mustRegister(t, env, validForm("a@example.org"))
	if st := env.Get(loc).Doc().Find(`[data-testid=status]`).Text(); !strings.HasPrefix(st, "Received") {
		t.Errorf("status %q, want pending (Received)", st)
	}
	if n := count(t, env, `SELECT count(*) FROM outbox WHERE kind = 'pending'`); n != 1 {
		t.Errorf("%d pending e-mails", n)
	}
}

func TestWaitlistAndPromotionOnCancel(t *testing.T) {
	env := webtest.New(t)
	setConference(t, env, `capacity = 1`)
	first := mustRegister(t, env, validForm("first@example.org"))
	second := mustRegister(t, env, validForm("second@example.org"))
	third := mustRegister(t, env, validForm("third@example.org"))

	page := env.Get(second)
	if st := page.Doc().Find(`[data-testid=status]`).Text(); !strings.HasPrefix(st, "On the waiting list") {
		t.Fatalf("second: status %q", st)
	}
	if pos := page.Doc().Find(`[data-testid=waitlist-position] strong`).Text(); pos != "1" {
		t.Errorf("second: position %q, want 1", pos)
	}
	if pos := env.Get(third).Doc().Find(`[data-testid=waitlist-position] strong`).Text(); pos != "2" {
		t.Errorf("third: position %q, want 2", pos)
	}
	if !strings.Contains(env.Get("/").Body, "The conference is full.") {
		t.Error("home page does not say the conference is full")
	}

	// The first person cancels, after a confirmation step.
	cl := env.Client()
	confirm := cl.Get(first + "/cancel")
	if confirm.StatusCode != http.StatusOK || !strings.Contains(confirm.Body, "Yes, cancel my registration") {
		t.Fatalf("cancel confirmation page: %d", confirm.StatusCode)
	}
	res := cl.Submit(first+"/cancel", first+"/cancel", url.Values{})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST cancel = %d", res.StatusCode)
	}
	if st := env.Get(first).Doc().Find(`[data-testid=status]`).Text(); !strings.HasPrefix(st, "Cancelled") {
		t.Errorf("first: status %q", st)
	}
	if st := env.Get(second).Doc().Find(`[data-testid=status]`).Text(); !strings.HasPrefix(st, "Confirmed") {
		t.Errorf("second was not promoted: %q", st)
	}
	if pos := env.Get(third).Doc().Find(`[data-testid=waitlist-position] strong`).Text(); pos != "1" {
		t.Errorf("third moved to %q, want 1", pos)
	}
	for kind, want := range map[string]int{"cancelled": 1, "promoted": 1, "waitlisted": 2, "confirmed": 1} {
		if n := count(t, env, `SELECT count(*) FROM outbox WHERE kind = ?`, kind); n != want {
			t.Errorf("%d %q e-mails, want %d", n, kind, want)
		}
	}
	// A cancelled registration can be neither cancelled again nor edited.
	if res := cl.Get(first + "/edit"); res.StatusCode != http.StatusConflict {
		t.Errorf("edit of a cancelled registration = %d, want 409", res.StatusCode)
	}
}

func TestRegistrationWindow(t *testing.T) {
	env := webtest.New(t)
	env.Clock.Set(env.Conference.RegistrationCloses.Add(time.Minute))
	page := env.Get("/register")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, "Registration has closed.") || page.Doc().Find("form").Length() != 0 {
		t.Errorf("after closing: %d, closed notice %v", page.StatusCode, strings.Contains(page.Body, "closed"))
	}
	// A form opened before the window closed and posted after it stores nothing.
	env.Clock.Set(env.Conference.RegistrationCloses.Add(-time.Minute))
	cl := env.Client()
	token := webtest.FormToken(t, cl.Get("/register"), "/register")
	env.Clock.Set(env.Conference.RegistrationCloses.Add(time.Minute))
	f := validForm("late@example.org")
	f.Set("_csrf", token)
	if res := cl.PostForm("/register", f); res.StatusCode != http.StatusForbidden || !strings.Contains(res.Body, "closed") {
		t.Errorf("POST after closing = %d", res.StatusCode)
	}
	env.Clock.Set(env.Conference.RegistrationOpens.Add(-time.Hour))
	if page := env.Get("/register"); !strings.Contains(page.Body, "Registration opens on") {
		t.Error("before opening: no opening date")
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 0 {
		t.Errorf("%d registrations stored outside the window", n)
	}
}

func TestDuplicateEmailGetsLinkAgain(t *testing.T) {
	env := webtest.New(t)
	first := mustRegister(t, env, validForm("Desiree@Example.org"))
	for _, again := range []string{"desiree@example.org", "  DESIREE@EXAMPLE.ORG  "} {
		f := validForm(again)
		f.Set("first_name", "Someone Else")
		res := register(env, f)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/register/sent" {
			t.Fatalf("duplicate %q: %d to %q", again, res.StatusCode, res.Header.Get("Location"))
		}
		page := env.Get("/register/sent")
		if !strings.Contains(page.Body, "Check your inbox") || strings.Contains(page.Body, "Désirée") || strings.Contains(page.Body, "CTC-") {
			t.Error("the link-sent page reveals the registration or lacks its sentence")
		}
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 1 {
		t.Errorf("%d registrations, want 1", n)
	}
	if n := count(t, env, `SELECT count(*) FROM outbox WHERE kind = 'link' AND to_email = 'Desiree@Example.org'`); n != 2 {
		t.Errorf("%d link e-mails to the registered address, want 2", n)
	}
	// The new link replaces the old one, whose page says so (410).
	if res := env.Get(first); res.StatusCode != http.StatusGone {
		t.Errorf("old link still works: %d", res.StatusCode)
	}
	var body string
	env.DB.Read.QueryRow(`SELECT body_text FROM outbox WHERE kind = 'link' ORDER BY id DESC LIMIT 1`).Scan(&body)
	i := strings.Index(body, "http://confdesk.test/registration/")
	if i < 0 {
		t.Fatalf("link e-mail has no link:\n%s", body)
	}
	link := strings.Fields(body[i:])[0]
	if res := env.Get(strings.TrimPrefix(link, "http://confdesk.test")); res.StatusCode != http.StatusOK {
		t.Errorf("new link %s = %d", link, res.StatusCode)
	}
}

func TestUnknownTokenIs404(t *testing.T) {
	env := webtest.New(t)
	mustRegister(t, env, validForm("a@example.org"))
	for _, p := range []string{"/registration/nope", "/registration/" + strings.Repeat("A", 43), "/registration/x/edit", "/registration/x/cancel"} {
		if res := env.Get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, res.StatusCode)
		}
	}
}

// TestCSRFIsRequired: a post without the browser's own token stores
// nothing; the form comes back (422) to be sent by its own button, and a
// second failure in a row is refused (403).
func TestCSRFIsRequired(t *testing.T) {
	env := webtest.New(t)
	cl := env.Client()
	cl.Get("/register") // a session with a token exists
	missing := validForm("a@example.org")
	if res := cl.PostForm("/register", missing); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("no _csrf: %d, want 422", res.StatusCode)
	}
	wrong := validForm("a@example.org")
	wrong.Set("_csrf", "forged-token")
	if res := cl.PostForm("/register", wrong); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("wrong _csrf: %d, want 422", res.StatusCode)
	}
	wrong.Set("_csrf", "forged-token.retry")
	if res := cl.PostForm("/register", wrong); res.StatusCode != http.StatusForbidden {
		t.Errorf("wrong _csrf twice in a row: %d, want 403", res.StatusCode)
	}
	// Another visitor's valid token does not work in this session.
	other := env.Client()
	stolen := validForm("a@example.org")
	stolen.Set("_csrf", webtest.FormToken(t, other.Get("/register"), "/register"))
	if res := cl.PostForm("/register", stolen); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("another session's _csrf: %d, want 422", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 0 {
		t.Errorf("%d registrations stored without a valid token", n)
	}
	// The same goes for the self-service forms.
	loc := mustRegister(t, env, validForm("b@example.org"))
	if res := env.Client().PostForm(loc+"/cancel", url.Values{}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("cancel without _csrf: %d", res.StatusCode)
	}
	if res := env.Client().PostForm(loc+"/edit", validForm("c@example.org")); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("edit without _csrf: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE status = 'confirmed' AND email = 'b@example.org'`); n != 1 {
		t.Error("a forged request changed the registration")
	}
}

func TestFieldValidation(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(url.Values)
		field string
	}{
		{"no first name", func(f url.Values) { f.Del("first_name") }, "first_name"},
		{"blank last name", func(f url.Values) { f.Set("last_name", "   ") }, "last_name"},
		{"long first name", func(f url.Values) { f.Set("first_name", strings.Repeat("é", 101)) }, "first_name"},
		{"control character", func(f url.Values) { f.Set("last_name", "Bad\x00Name") }, "last_name"},
		{"invalid UTF-8", func(f url.Values) { f.Set("last_name", "Pi\xb8eiro") }, "last_name"},
		{"no e-mail", func(f url.Values) { f.Del("email") }, "email"},
		{"e-mail without @", func(f url.Values) { f.Set("email", "desiree.example.org") }, "email"},
		{"e-mail with a name", func(f url.Values) { f.Set("email", "Désirée <d@example.org>") }, "email"},
		{"e-mail without domain dot", func(f url.Values) { f.Set("email", "d@localhost") }, "email"},
		{"phone with letters", func(f url.Values) { f.Set("phone", "call me maybe") }, "phone"},
		{"no country", func(f url.Values) { f.Del("country") }, "country"},
		{"fake country", func(f url.Values) { f.Set("country", "XX") }, "country"},
		{"no organisation", func(f url.Values) { f.Del("organisation") }, "organisation"},
		{"long organisation", func(f url.Values) { f.Set("organisation", strings.Repeat("x", 201)) }, "organisation"},
		{"no org type", func(f url.Values) { f.Del("org_type") }, "org_type"},
		{"bad org type", func(f url.Values) { f.Set("org_type", "cartel") }, "org_type"},
		{"no job title", func(f url.Values) { f.Del("job_title") }, "job_title"},
		{"long dietary", func(f url.Values) { f.Set("dietary", strings.Repeat("x", 501)) }, "dietary"},
		{"no consent", func(f url.Values) { f.Del("consent") }, "consent"},
		{"visa without passport name", func(f url.Values) { withVisa(f).Del("passport_name") }, "passport_name"},
		{"visa with bad nationality", func(f url.Values) { withVisa(f).Set("nationality", "ZZ") }, "nationality"},
		{"visa without passport number", func(f url.Values) { withVisa(f).Del("passport_number") }, "passport_number"},
		{"visa with odd passport number", func(f url.Values) { withVisa(f).Set("passport_number", "12") }, "passport_number"},
		{"passport expires during the conference", func(f url.Values) { withVisa(f).Set("passport_expiry", "2027-03-16") }, "passport_expiry"},
		{"passport expiry not a date", func(f url.Values) { withVisa(f).Set("passport_expiry", "next year") }, "passport_expiry"},
		{"born yesterday", func(f url.Values) { withVisa(f).Set("date_of_birth", "2027-01-14") }, "date_of_birth"},
		{"born in 1850", func(f url.Values) { withVisa(f).Set("date_of_birth", "1850-01-01") }, "date_of_birth"},
		{"no date of birth", func(f url.Values) { withVisa(f).Del("date_of_birth") }, "date_of_birth"},
	}
	env := webtest.New(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := validForm("valid@example.org")
			f.Set("accessibility", "Step-free access") // a typed value that must come back
			tc.edit(f)
			res := register(env, f)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", res.StatusCode)
			}
			doc := res.Doc()
			if doc.Find("#"+tc.field+"-error").Length() != 1 {
				t.Errorf("no message beside %s", tc.field)
			}
			if doc.Find(`#error-summary a[href="#`+tc.field+`"]`).Length() != 1 {
				t.Errorf("summary does not link to %s", tc.field)
			}
			if v, _ := doc.Find("#" + tc.field).Attr("aria-invalid"); v != "true" {
				t.Errorf("%s is not marked aria-invalid", tc.field)
			}
			if doc.Find("#accessibility").Text() != "Step-free access" {
				t.Error("typed values were not kept")
			}
			if v, _ := doc.Find("#email").Attr("value"); tc.field != "email" && v != "valid@example.org" {
				t.Errorf("e-mail not kept: %q", v)
			}
		})
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 0 {
		t.Errorf("%d registrations stored from invalid forms", n)
	}
	if n := count(t, env, `SELECT count(*) FROM outbox`); n != 0 {
		t.Errorf("%d e-mails queued for invalid forms", n)
	}
}

func TestNamesAreKeptAsTypedButNormalised(t *testing.T) {
	env := webtest.New(t)
	f := validForm("  nfc@example.org ")
	f.Set("first_name", "  De\u0301sire\u0301e ") // decomposed é, as some keyboards send it
	f.Set("last_name", "van der Berg-Ångström")
	mustRegister(t, env, f)
	var first, last, email string
	env.DB.Read.QueryRow(`SELECT first_name, last_name, email FROM registrations`).Scan(&first, &last, &email)
	if first != "Désirée" || last != "van der Berg-Ångström" || email != "nfc@example.org" {
		t.Errorf("stored %q %q %q", first, last, email)
	}
}

func TestHostileInputIsEscapedEverywhere(t *testing.T) {
	env := webtest.New(t)
	payloads := []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `javascript:alert(1)`, `'single' & "double"`}
	textFields := []string{"first_name", "last_name", "badge_name", "organisation", "job_title", "dietary", "accessibility", "phone", "passport_name"}
	for i, p := range payloads {
		// On the error page (the form re-rendered) ...
		f := validForm("x@example.org")
		for _, field := range textFields {
			f.Set(field, p)
		}
		f.Del("consent")
		res := register(env, f)
		assertEscaped(t, "error page", res.Body, p)
		// ... and on the registration page after a valid submission.
		f = withVisa(validForm(fmt.Sprintf("ok%d@example.org", i)))
		for _, field := range []string{"first_name", "last_name", "badge_name", "organisation", "job_title", "dietary", "accessibility", "passport_name"} {
			f.Set(field, p)
		}
		loc := mustRegister(t, env, f)
		page := env.Get(loc)
		assertEscaped(t, "registration page", page.Body, p)
		if !strings.Contains(page.Body, html.EscapeString(p)) {
			t.Errorf("payload %q not shown back (escaped) on the registration page", p)
		}
		edit := env.Get(loc + "/edit")
		assertEscaped(t, "edit page", edit.Body, p)
	}
}

func assertEscaped(t *testing.T, where, body, payload string) {
	t.Helper()
	if strings.Contains(payload, "<") && strings.Contains(body, payload) {
		t.Errorf("%s: payload %q appears unescaped", where, payload)
	}
	for _, bad := range []string{"<script>alert", "<img src=x", `href="javascript:`} {
		if strings.Contains(body, bad) {
			t.Errorf("%s: found %q", where, bad)
		}
	}
}

func TestEditRegistration(t *testing.T) {
	env := webtest.New(t)
	mustRegister(t, env, validForm("taken@example.org"))
	loc := mustRegister(t, env, validForm("me@example.org"))
	cl := env.Client()
	edit := cl.Get(loc + "/edit")
	if v, _ := edit.Doc().Find("#email").Attr("value"); v != "me@example.org" {
		t.Fatalf("edit form not filled: e-mail %q", v)
	}
	// Another registration's address, in another case, is refused.
	f := validForm(" TAKEN@example.org")
	res := cl.Submit(loc+"/edit", loc+"/edit", f)
	if res.StatusCode != http.StatusUnprocessableEntity || res.Doc().Find("#email-error").Length() != 1 {
		t.Fatalf("duplicate e-mail on edit: %d", res.StatusCode)
	}
	// The same rules as registering apply.
	f = validForm("me@example.org")
	f.Set("country", "XX")
	if res := cl.Submit(loc+"/edit", loc+"/edit", f); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad country on edit: %d", res.StatusCode)
	}
	// A good edit is saved; a new address takes effect only once it is
	// confirmed (see TestEmailChangeNeedsConfirmation), and the current
	// address hears of both.
	f = validForm("new@example.org")
	f.Set("organisation", "CARICOM Secretariat")
	f.Set("list_consent", "yes")
	res = cl.Submit(loc+"/edit", loc+"/edit", f)
	if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "?saved=1") {
		t.Fatalf("edit = %d %s", res.StatusCode, res.Body)
	}
	page := env.Get(res.Header.Get("Location"))
	if !strings.Contains(page.Body, "Your changes were saved.") || !strings.Contains(page.Body, "CARICOM Secretariat") {
		t.Error("saved edit not shown")
	}
	if n := count(t, env, `SELECT count(*) FROM outbox WHERE kind IN ('updated', 'email_change_notice') AND to_email = 'me@example.org'`); n != 2 {
		t.Errorf("%d messages to the current address, want the update and the notice of the new address", n)
	}
	if n := count(t, env, `SELECT count(*) FROM outbox WHERE kind = 'email_change' AND to_email = 'new@example.org'`); n != 1 {
		t.Errorf("%d confirmation links to the new address, want 1", n)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'update' AND changes LIKE '%organisation%'`); n != 1 {
		t.Errorf("edit not audited")
	}
}

func TestPressAccreditationIsAlwaysPending(t *testing.T) {
	env := webtest.New(t)
	cl := env.Client()
	form := cl.Get("/press/accreditation")
	if form.Doc().Find("#outlet").Length() != 1 || form.Doc().Find("#org_type").Length() != 0 {
		t.Fatal("press form lacks the outlet or asks for an organisation type")
	}
	f := validForm("reporter@example.org")
	f.Del("org_type")
	f.Set("outlet", "Caribbean Times")
	f.Set("media_type", "print")
	f.Set("press_card", "PC-77")
	res := cl.Submit("/press/accreditation", "/press/accreditation", f)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /press/accreditation = %d\n%s", res.StatusCode, res.Body)
	}
	var status, category, orgType string
	env.DB.Read.QueryRow(`SELECT status, category, org_type FROM registrations`).Scan(&status, &category, &orgType)
	if status != model.StatusPending || category != model.CategoryPress || orgType != "media" {
		t.Errorf("press registration stored as %s/%s/%s", status, category, orgType)
	}
	// Journalists do not take delegates' places, even when the conference is full.
	setConference(t, env, `capacity = 0`)
	f.Set("email", "second-reporter@example.org")
	if res := cl.Submit("/press/accreditation", "/press/accreditation", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second press registration = %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE status = 'pending'`); n != 2 {
		t.Errorf("%d pending press registrations, want 2", n)
	}
	f.Del("media_type")
	f.Set("email", "third@example.org")
	if res := cl.Submit("/press/accreditation", "/press/accreditation", f); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("press form without media type = %d", res.StatusCode)
	}
}

func TestRegistrationRateLimit(t *testing.T) {
	env := webtest.New(t, webtest.WithConfig(func(c *config.Config) { c.RegisterLimit = 3 }))
	cl := env.Client()
	token := webtest.FormToken(t, cl.Get("/register"), "/register")
	for i := range 3 {
		f := validForm(fmt.Sprintf("p%d@example.org", i))
		f.Set("_csrf", token)
		if res := cl.PostForm("/register", f); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("submission %d = %d", i+1, res.StatusCode)
		}
	}
	f := validForm("fourth@example.org")
	f.Set("organisation", "Kept Organisation")
	f.Set("_csrf", token)
	res := cl.PostForm("/register", f)
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("fourth submission = %d, want 429", res.StatusCode)
	}
	if v, _ := res.Doc().Find("#organisation").Attr("value"); v != "Kept Organisation" || !strings.Contains(res.Body, "Nothing was lost") {
		t.Errorf("429 page lost the input (%q) or its explanation", v)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 3 {
		t.Errorf("%d registrations, want 3", n)
	}
}

// TestConcurrentRegistrationsRespectCapacity fires 300 registrations at
// once against 50 places: exactly 50 confirmed, 250 waitlisted in queue
// order 1..250, no errors.
func TestConcurrentRegistrationsRespectCapacity(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `capacity = 50`)
	const n = 300
	clients := make([]*webtest.Client, n)
	tokens := make([]string, n)
	for i := range n {
		clients[i] = env.Client()
		tokens[i] = webtest.FormToken(t, clients[i].Get("/register"), "/register")
	}
	var wg sync.WaitGroup
	statuses := make([]int, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := validForm(fmt.Sprintf("delegate%03d@example.org", i))
			f.Set("_csrf", tokens[i])
			<-start
			statuses[i] = clients[i].PostForm("/register", f).StatusCode
		}()
	}
	close(start)
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusSeeOther {
			t.Errorf("registration %d answered %d", i, s)
		}
	}
	got := map[string]int{}
	rows, err := env.DB.Read.QueryContext(context.Background(), `SELECT status, count(*) FROM registrations GROUP BY status`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		var c int
		rows.Scan(&s, &c)
		got[s] = c
	}
	rows.Close()
	if got["confirmed"] != 50 || got["waitlisted"] != 250 || len(got) != 2 {
		t.Fatalf("statuses %v, want 50 confirmed and 250 waitlisted", got)
	}
	// Queue positions are exactly 1..250, in the order of joining.
	ids := []int64{}
	rows, _ = env.DB.Read.Query(`SELECT id FROM registrations WHERE status = 'waitlisted' ORDER BY waitlisted_at, id`)
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for i, id := range ids {
		pos, err := env.Store.WaitlistPosition(context.Background(), id)
		if err != nil || pos != i+1 {
			t.Fatalf("registration %d: position %d (%v), want %d", id, pos, err, i+1)
		}
	}
	// Each newcomer was told its own place, read from the list's length:
	// the e-mails name every position 1..250 once, each the one stored.
	rows, _ = env.DB.Read.Query(`SELECT o.body_text, r.id FROM outbox o JOIN registrations r ON r.id = o.registration_id WHERE o.kind = 'waitlisted'`)
	told := map[int]bool{}
	for rows.Next() {
		var body string
		var id int64
		rows.Scan(&body, &id)
		var pos int
		if m := regexp.MustCompile(`You are number (\d+) in the queue`).FindStringSubmatch(body); m != nil {
			pos, _ = strconv.Atoi(m[1])
		}
		if want, _ := env.Store.WaitlistPosition(context.Background(), id); pos != want || told[pos] {
			t.Errorf("registration %d was told position %d, is at %d", id, pos, want)
		}
		told[pos] = true
	}
	rows.Close()
	if len(told) != 250 {
		t.Errorf("%d distinct positions told, want 250", len(told))
	}
}

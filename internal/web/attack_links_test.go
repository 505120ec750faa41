package web_test

import (
	"crypto/sha256"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// What the registration form, the links it mails
// and the self-service page give away, attacked through the real app.

// linkRe finds an e-mailed link's landing page in a message body.
var linkRe = regexp.MustCompile(`http://confdesk\.test(/confirm/[A-Za-z0-9_-]{43})`)

// mailTo returns the bodies of the messages of kind to address, oldest first.
func mailTo(t *testing.T, env *webtest.Env, kind, address string) []string {
	t.Helper()
	rows, err := env.DB.Read.Query(`SELECT body_text FROM outbox WHERE kind = ? AND to_email = ? ORDER BY id`, kind, address)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// mailedLink returns the path of the link in the only message of kind to address.
func mailedLink(t *testing.T, env *webtest.Env, kind, address string) string {
	t.Helper()
	bodies := mailTo(t, env, kind, address)
	if len(bodies) != 1 {
		t.Fatalf("%d %s messages to %s, want 1", len(bodies), kind, address)
	}
	m := linkRe.FindStringSubmatch(bodies[0])
	if m == nil {
		t.Fatalf("no link in the %s message:\n%s", kind, bodies[0])
	}
	return m[1]
}

// follow does what the person does with a mailed link: opens it, then
// presses the page's button. It returns the button's response.
func follow(t *testing.T, env *webtest.Env, link string) *webtest.Response {
	t.Helper()
	return env.Client().Submit(link, link, nil)
}

// registeredBefore registers address with confirm_email off for a moment,
// as an organiser's trusted list would, and returns its self-service path.
func registeredBefore(t *testing.T, env *webtest.Env, address string) string {
	t.Helper()
	setConference(t, env, `confirm_email = 0`)
	defer setConference(t, env, `confirm_email = 1`)
	return mustRegister(t, env, validForm(address))
}

// TestRegisterFormRevealsNothing: with confirm_email on, a known and a new
// address get the same answer, nothing is registered yet, and the known
// person's link keeps working.
func TestRegisterFormRevealsNothing(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfirmEmail())
	known := registeredBefore(t, env, "known@example.org")

	var pages []string
	for _, addr := range []string{"KNOWN@example.org ", "new@example.org"} {
		res := register(env, validForm(addr))
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/register/sent" {
			t.Fatalf("%q: %d to %q, want 303 to /register/sent", addr, res.StatusCode, res.Header.Get("Location"))
		}
		pages = append(pages, env.Get("/register/sent").Body)
	}
	if pages[0] != pages[1] {
		t.Error("the page after submitting differs between a known and a new address")
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email_key = 'new@example.org'`); n != 0 {
		t.Errorf("an unconfirmed address was registered (%d rows)", n)
	}
	if res := env.Get(known); res.StatusCode != http.StatusOK {
		t.Errorf("the known person's link stopped working: %d", res.StatusCode)
	}
	mailedLink(t, env, "signin", "known@example.org")
	mailedLink(t, env, "confirm_email", "new@example.org")
	if n := count(t, env, `SELECT count(*) FROM outbox WHERE kind = 'link'`); n != 0 {
		t.Errorf("a new self-service link was mailed before anyone asked for it (%d)", n)
	}
}

// TestConfirmationLinkRegisters: the link's GET (what a mail scanner
// fetches) registers nothing; the button does, once; only the token's
// hash is stored.
func TestConfirmationLinkRegisters(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfirmEmail())
	register(env, withVisa(validForm("new@example.org")))
	link := mailedLink(t, env, "confirm_email", "new@example.org")
	token := strings.TrimPrefix(link, "/confirm/")
	sum := sha256.Sum256([]byte(token))
	if n := count(t, env, `SELECT count(*) FROM email_tokens WHERE token_hash = ?`, sum[:]); n != 1 {
		t.Errorf("the token's hash is not what is stored (%d rows)", n)
	}
	if n := count(t, env, `SELECT count(*) FROM email_tokens WHERE token_hash = ? OR form LIKE ?`, token, "%"+token+"%"); n != 0 {
		t.Error("the token itself is stored")
	}

	for range 3 { // a scanner, a preview, the person
		page := env.Get(link)
		if page.StatusCode != http.StatusOK || page.Doc().Find(`form[method=post] button[type=submit]`).Length() != 1 {
			t.Fatalf("GET %s: %d, want a page with a button", link, page.StatusCode)
		}
		if page.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Error("the landing page may send its address as a Referer")
		}
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email_key = 'new@example.org'`); n != 0 {
		t.Fatal("opening the link registered the person")
	}

	// A second tab, opened before the first press of the button.
	second := env.Client()
	secondToken := webtest.FormToken(t, second.Get(link), link)
	res := follow(t, env, link)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/registration/") {
		t.Fatalf("confirm: %d to %q\n%s", res.StatusCode, loc, res.Body)
	}
	page := env.Get(loc)
	if page.Doc().Find(`[data-testid=status]`).Text() != "Confirmed: your place is reserved." {
		t.Errorf("status after confirming: %q", page.Doc().Find(`[data-testid=status]`).Text())
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email_key = 'new@example.org' AND passport_number = 'TA1234567'`); n != 1 {
		t.Error("the confirmed registration does not hold the submitted form")
	}
	if n := count(t, env, `SELECT count(*) FROM email_tokens WHERE form <> ''`); n != 0 {
		t.Error("the kept form outlives its confirmation")
	}
	if len(mailTo(t, env, "confirmed", "new@example.org")) != 1 {
		t.Error("no confirmation message with the self-service link")
	}
	if again := second.PostForm(link, url.Values{"_csrf": {secondToken}}); again.StatusCode != http.StatusGone {
		t.Errorf("a used link answers %d, want 410", again.StatusCode)
	}
	if again := env.Get(link); again.StatusCode != http.StatusGone || !strings.Contains(again.Body, "used already") {
		t.Errorf("a used link's page answers %d, want 410 saying it was used", again.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 1 {
		t.Errorf("%d registrations after using the link twice", n)
	}
}

// TestUnconfirmedHoldNoPlace: unconfirmed registrations take no place and
// join no waiting list; the dashboard counts them; they expire after 48 hours.
func TestUnconfirmedHoldNoPlace(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfirmEmail())
	setConference(t, env, `capacity = 2`)
	for _, a := range []string{"bot1@example.org", "bot2@example.org", "bot3@example.org"} {
		register(env, validForm(a))
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 0 {
		t.Fatalf("%d registrations before any address was confirmed", n)
	}
	org := env.Login(model.UserOrganiser)
	dash := mustGet(t, org, "/admin")
	if v := dash.Doc().Find(`[data-testid=unconfirmed]`).Text(); v != "3" {
		t.Errorf("dashboard unconfirmed = %q, want 3", v)
	}
	if v := dash.Doc().Find(`[data-testid=places-left]`).Text(); v != "2" {
		t.Errorf("places left = %q, want 2", v)
	}

	// A real official registers and confirms: the bots took nothing.
	register(env, validForm("official@example.org"))
	follow(t, env, mailedLink(t, env, "confirm_email", "official@example.org"))
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email_key = 'official@example.org' AND status = 'confirmed'`); n != 1 {
		t.Error("the official was not confirmed")
	}

	// 48 hours later the bots' links are dead and no longer counted.
	stale := mailedLink(t, env, "confirm_email", "bot1@example.org")
	env.Clock.Advance(48*time.Hour + time.Second)
	org = env.Login(model.UserAdmin) // the organiser's session has timed out meanwhile
	if v := mustGet(t, org, "/admin").Doc().Find(`[data-testid=unconfirmed]`).Text(); v != "0" {
		t.Errorf("dashboard unconfirmed after 48 h = %q, want 0", v)
	}
	if res := env.Get(stale); res.StatusCode != http.StatusGone || !strings.Contains(res.Body, "This link has expired") {
		t.Errorf("an expired link answers %d", res.StatusCode)
	}
	// The next submission sweeps the expired rows and their forms away.
	register(env, validForm("late@example.org"))
	if n := count(t, env, `SELECT count(*) FROM email_tokens WHERE email_key LIKE 'bot%'`); n != 0 {
		t.Errorf("%d expired links kept", n)
	}
}

// TestSignInLinkKeepsOldLinkUntilUsed: a stranger typing someone's address
// revokes nothing; the owner's own click issues the new link.
func TestSignInLinkKeepsOldLinkUntilUsed(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfirmEmail())
	old := registeredBefore(t, env, "owner@example.org")
	register(env, validForm("owner@example.org")) // the stranger
	link := mailedLink(t, env, "signin", "owner@example.org")
	env.Get(link) // the owner's mail scanner
	if res := env.Get(old); res.StatusCode != http.StatusOK {
		t.Fatalf("old link after the sign-in mail and its prefetch: %d", res.StatusCode)
	}
	res := follow(t, env, link)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/registration/") || strings.HasPrefix(loc, old+"?") {
		t.Fatalf("sign in: %d to %q", res.StatusCode, loc)
	}
	if page := env.Get(loc); page.StatusCode != http.StatusOK || !strings.Contains(page.Body, "This is your new personal link") {
		t.Errorf("new link page: %d", page.StatusCode)
	}
	if res := env.Get(old); res.StatusCode != http.StatusGone {
		t.Errorf("old link after the owner asked for a new one: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 1 {
		t.Errorf("%d registrations", n)
	}
}

// TestOneMessagePerAddressPerInterval: a burst of submissions for one
// address, new or known, sends one message; after 10 minutes one more.
func TestOneMessagePerAddressPerInterval(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfirmEmail())
	registeredBefore(t, env, "victim@example.org")
	for round := range 3 {
		var wg sync.WaitGroup
		for i := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				addr := "victim@example.org"
				if i%2 == 1 {
					addr = "fresh@example.org"
				}
				if res := register(env, validForm(addr)); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/register/sent" {
					t.Errorf("round %d: %d to %q", round, res.StatusCode, res.Header.Get("Location"))
				}
			}()
		}
		wg.Wait()
		for _, addr := range []string{"victim@example.org", "fresh@example.org"} {
			if n := count(t, env, `SELECT count(*) FROM outbox WHERE to_email = ? AND kind IN ('signin', 'confirm_email')`, addr); n != round+1 {
				t.Errorf("round %d: %d messages to %s, want %d", round, n, addr, round+1)
			}
		}
		env.Clock.Advance(10 * time.Minute)
	}
	// Only the newest confirmation link of the fresh address works.
	if n := count(t, env, `SELECT count(*) FROM email_tokens WHERE purpose = 'register' AND used_at IS NULL`); n != 1 {
		t.Errorf("%d live confirmation links for one address, want 1", n)
	}
}

// TestPressAccreditationConfirmsEmail: the press form follows the same rule.
func TestPressAccreditationConfirmsEmail(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfirmEmail())
	f := validForm("reporter@example.org")
	f.Del("org_type")
	f.Set("outlet", "Trinidad Guardian")
	f.Set("media_type", "print")
	res := env.Client().Submit("/press/accreditation", "/press/accreditation", f)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/press/accreditation/sent" {
		t.Fatalf("press: %d to %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 0 {
		t.Fatal("press registered before confirming")
	}
	res = follow(t, env, mailedLink(t, env, "confirm_email", "reporter@example.org"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE category = 'press' AND status = 'pending' AND outlet = 'Trinidad Guardian'`); n != 1 {
		t.Error("the confirmed press request is not pending press")
	}
}

// TestConfirmEmailSetting: the demo starts with it off and says so on the
// dashboard with a link to the setting; the setting turns it on.
func TestConfirmEmailSetting(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	notice := mustGet(t, org, "/admin").Doc().Find(`[data-testid=confirm-email-off]`)
	if href, _ := notice.Find("a").Attr("href"); notice.Length() != 1 || href != "/admin/settings#confirm_email" {
		t.Fatalf("no notice with a link to the setting on the dashboard (href %q)", href)
	}
	page := mustGet(t, org, "/admin/settings")
	f := webtest.FormValues(t, page, "/admin/settings")
	if f.Has("confirm_email") {
		t.Fatal("the demo's confirm_email is ticked")
	}
	f.Set("confirm_email", "on")
	if res := org.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save settings: %d", res.StatusCode)
	}
	if mustGet(t, org, "/admin").Doc().Find(`[data-testid=confirm-email-off]`).Length() != 0 {
		t.Error("the notice stays once confirmation is on")
	}
	if res := register(env, validForm("after@example.org")); res.Header.Get("Location") != "/register/sent" {
		t.Errorf("with the setting on, a new address went to %q", res.Header.Get("Location"))
	}
}

// TestCalendarFeedHasItsOwnToken: the feed's address opens the feed only,
// and the self-service token appears in no feed address.
func TestCalendarFeedHasItsOwnToken(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	loc := mustRegister(t, env, validForm("cal@example.org"))
	manage := strings.TrimPrefix(loc, "/registration/")
	cl := env.Client()
	picker := cl.Get(loc + "/agenda")
	session, _ := picker.Doc().Find(`input[name=session]`).First().Attr("value")
	if res := cl.Submit(loc+"/agenda", loc+"/agenda", url.Values{"session": {session}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("choose a session: %d", res.StatusCode)
	}
	page := env.Get(loc)
	feed, _ := page.Doc().Find(`[data-testid=personal-ics]`).Attr("href")
	if feed == "" {
		t.Fatal("no calendar link on the self-service page")
	}
	if strings.Contains(feed, manage) {
		t.Fatalf("the calendar address %q holds the self-service token", feed)
	}
	u, err := url.Parse(feed)
	if err != nil || !regexp.MustCompile(`^/calendar/[0-9a-f]{64}\.ics$`).MatchString(u.Path) {
		t.Fatalf("calendar address %q", feed)
	}
	if res := env.Get(u.Path); res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") {
		t.Errorf("GET %s: %d %s", u.Path, res.StatusCode, res.Header.Get("Content-Type"))
	}
	calToken := strings.TrimSuffix(strings.TrimPrefix(u.Path, "/calendar/"), ".ics")
	for _, p := range []string{"/registration/" + calToken, "/registration/" + calToken + "/edit",
		"/registration/" + calToken + "/badge.pdf", "/registration/" + calToken + "/agenda", loc + "/agenda.ics"} {
		if res := env.Get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, res.StatusCode)
		}
	}
}

// TestEditFormMasksPassport: the self-service edit form never shows the
// whole passport number; left empty, the number is kept.
func TestEditFormMasksPassport(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	loc := mustRegister(t, env, withVisa(validForm("visa@example.org")))
	cl := env.Client()
	edit := cl.Get(loc + "/edit")
	if strings.Contains(edit.Body, "TA1234567") {
		t.Fatal("the edit form shows the whole passport number")
	}
	if v, _ := edit.Doc().Find(`#passport_number`).Attr("value"); v != "" {
		t.Errorf("passport field value %q", v)
	}
	if !strings.Contains(edit.Body, "•••••567") {
		t.Error("the edit form does not say which number is on file")
	}
	f := webtest.FormValues(t, edit, loc+"/edit")
	f.Set("phone", "+1 868 555 0199")
	if res := cl.Submit(loc+"/edit", loc+"/edit", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save with the passport field empty: %d\n%s", res.StatusCode, res.Body)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE passport_number = 'TA1234567' AND phone = '+1 868 555 0199'`); n != 1 {
		t.Error("an empty passport field did not keep the number")
	}
	f = webtest.FormValues(t, cl.Get(loc+"/edit"), loc+"/edit")
	f.Set("passport_number", "XB7654321")
	cl.Submit(loc+"/edit", loc+"/edit", f)
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE passport_number = 'XB7654321'`); n != 1 {
		t.Error("a typed passport number was not saved")
	}
}

// TestEmailChangeNeedsConfirmation: someone holding the link cannot move
// the registration to their own address; the new address must confirm,
// and the old one hears of the request.
func TestEmailChangeNeedsConfirmation(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	loc := mustRegister(t, env, validForm("owner@example.org"))
	cl := env.Client()
	f := webtest.FormValues(t, cl.Get(loc+"/edit"), loc+"/edit")
	f.Set("email", "thief@example.org")
	f.Set("job_title", "Director")
	if res := cl.Submit(loc+"/edit", loc+"/edit", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%s", res.StatusCode, res.Body)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email = 'owner@example.org' AND job_title = 'Director'`); n != 1 {
		t.Fatal("the address changed before the new one confirmed it (or the other change was lost)")
	}
	notice := mailTo(t, env, "email_change_notice", "owner@example.org")
	if len(notice) != 1 || !strings.Contains(notice[0], "thief@example.org") {
		t.Errorf("the old address was not told of the request: %v", notice)
	}
	if page := env.Get(loc); page.Doc().Find(`[data-testid=pending-email]`).Length() != 1 {
		t.Error("the self-service page does not show the change waiting for confirmation")
	}
	link := mailedLink(t, env, "email_change", "thief@example.org")
	env.Get(link)
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email = 'owner@example.org'`); n != 1 {
		t.Fatal("opening the link changed the address")
	}
	if res := follow(t, env, link); res.StatusCode != http.StatusOK {
		t.Fatalf("confirm the new address: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email = 'thief@example.org'`); n != 1 {
		t.Error("the confirmed address was not saved")
	}
	if res := env.Get(loc); res.StatusCode != http.StatusOK {
		t.Errorf("the self-service link stopped working after the change: %d", res.StatusCode)
	}
}

// TestConfirmationAfterTheWindowClosed: a link followed once registration
// has closed registers nobody and stays usable should it reopen.
func TestConfirmationAfterTheWindowClosed(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfirmEmail())
	register(env, validForm("late@example.org"))
	link := mailedLink(t, env, "confirm_email", "late@example.org")
	setConference(t, env, `registration_closes = ?`, env.Clock.Now().Add(time.Hour).UTC().Format("2006-01-02T15:04:05.000000Z"))
	env.Clock.Advance(2 * time.Hour)
	if res := follow(t, env, link); res.StatusCode != http.StatusForbidden || !strings.Contains(res.Body, "Registration has closed") {
		t.Errorf("confirm after closing: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 0 {
		t.Error("registered after the window closed")
	}
	setConference(t, env, `registration_closes = NULL`)
	if res := follow(t, env, link); res.StatusCode != http.StatusSeeOther {
		t.Errorf("confirm once reopened: %d", res.StatusCode)
	}
}

// TestEmailChangeToAnAddressTakenMeanwhile: the new address is checked
// again when the change is confirmed.
func TestEmailChangeToAnAddressTakenMeanwhile(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	loc := mustRegister(t, env, validForm("first@example.org"))
	cl := env.Client()
	f := webtest.FormValues(t, cl.Get(loc+"/edit"), loc+"/edit")
	f.Set("email", "wanted@example.org")
	cl.Submit(loc+"/edit", loc+"/edit", f)
	link := mailedLink(t, env, "email_change", "wanted@example.org")
	mustRegister(t, env, validForm("wanted@example.org"))
	if res := follow(t, env, link); res.StatusCode != http.StatusConflict {
		t.Errorf("confirm a taken address: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email = 'first@example.org'`); n != 1 {
		t.Error("the registration lost its address")
	}
}

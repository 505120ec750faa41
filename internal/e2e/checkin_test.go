package e2e

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// registerDesiree registers Désirée Piñeiro-Nguyễn of Trinidad and Tobago
// through the public form and returns her reference.
func registerDesiree(t *testing.T, b *Browser) string {
	t.Helper()
	res := b.Env.Client().Submit("/register", "/register", url.Values{
		"first_name": {"Désirée"}, "last_name": {"Piñeiro-Nguyễn"}, "email": {"desiree@example.org"},
		"country": {"TT"}, "organisation": {"Ministry of National Security"}, "org_type": {"government"},
		"job_title": {"Head of the Counter-Trafficking Unit"}, "consent": {"yes"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("register: %d", res.StatusCode)
	}
	var ref string
	if err := b.Env.DB.Read.QueryRow(`SELECT reference FROM registrations WHERE email = 'desiree@example.org'`).Scan(&ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

// deskLogin signs in a check-in account and opens the desk.
func deskLogin(b *Browser) {
	u := b.Env.CreateUser(model.UserCheckin)
	b.Do(
		chromedp.Navigate(b.URL("/admin/login")),
		fillByLabel("E-mail address", u.Email),
		fillByLabel("Password", webtest.TestPassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#code`)),
	)
}

// shoot saves a screenshot of the page as name when E2E_SHOTS names a
// directory, for people to look at the layout.
func shoot(b *Browser, name string) {
	dir := os.Getenv("E2E_SHOTS")
	if dir == "" {
		return
	}
	png := Get(b, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// Desk staff choose a session in the chooser and scan: without any other
// button, the check-in is recorded for that session, and the answer says so.
func TestCheckinSessionInBrowser(t *testing.T) {
	b := newBrowser(t)
	ref := registerDesiree(t, b)
	var sessionID int64
	var title string
	if err := b.Env.DB.Read.QueryRow(`SELECT id, title FROM sessions WHERE kind = 'workshop' ORDER BY id LIMIT 1`).Scan(&sessionID, &title); err != nil {
		t.Fatal(err)
	}
	deskLogin(b)
	b.Do(
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("session");
			s.value = "`+itoa(sessionID)+`"; s.dispatchEvent(new Event("change", {bubbles: true})); })()`),
		chromedp.SendKeys(chromedp.ID("code"), ref+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=checkin-result]`)),
	)
	if s := Get(b, chromedp.AttributeValue(chromedp.CSS(`[data-testid=checkin-result]`), "data-state")).Value; s != "checked-in" {
		t.Fatalf("answer %q", s)
	}
	var got int64
	if err := b.Env.DB.Read.QueryRow(`SELECT coalesce(session_id, 0) FROM checkins`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != sessionID {
		t.Errorf("checked in for session %d, want %d (0 is the arrival)", got, sessionID)
	}
	if f := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=checkin-for]`))); !strings.Contains(f, title) {
		t.Errorf("the answer reads %q, want the session %q", f, title)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

// On a phone (390 × 844) the answer to a scan is in view without
// scrolling, above the input, under a compact header; a name typed without
// accents finds the person, who is checked in from the list; undoing names
// them.
func TestCheckinDeskOnPhone(t *testing.T) {
	b := newBrowser(t)
	ref := registerDesiree(t, b)
	b.Do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	deskLogin(b)
	shoot(b, "checkin-390-empty.png")
	if h := Get(b, chromedp.Evaluate[float64](`document.querySelector(".console-header").getBoundingClientRect().height`)); h > 130 {
		t.Errorf("the header is %.0f px tall on a phone, want a compact one (≤ 130 px)", h)
	}
	// inView tells whether the answer is whole in the viewport and above the input.
	const inView = `(() => { const r = document.querySelector("[data-testid=checkin-result]").getBoundingClientRect();
		const i = document.getElementById("code").getBoundingClientRect();
		return r.top >= 0 && r.bottom <= window.innerHeight && r.bottom <= i.top; })()`

	b.Do(
		chromedp.SendKeys(chromedp.ID("code"), ref+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=checkin-result][data-state=checked-in]`)),
	)
	shoot(b, "checkin-390-checked-in.png")
	if !Get(b, chromedp.Evaluate[bool](inView)) {
		t.Error("after a scan the answer is not in view above the input")
	}

	// Undo, then find her by name, typed without accents.
	b.Do(
		chromedp.Click(chromedp.CSS(`form[action$="/undo"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	if f := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=flash]`))); !strings.Contains(f, "Désirée Piñeiro-Nguyễn") {
		t.Errorf("undo says %q, without the person's name", f)
	}
	b.Do(
		chromedp.SendKeys(chromedp.ID("code"), "desiree"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=checkin-match]`)),
	)
	shoot(b, "checkin-390-name-search.png")
	match := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=checkin-match]`)))
	if !strings.Contains(match, "Désirée Piñeiro-Nguyễn") || !strings.Contains(match, "Trinidad and Tobago") ||
		!strings.Contains(match, "Ministry of National Security") {
		t.Errorf("match reads %q", match)
	}
	if !Get(b, chromedp.Evaluate[bool](inView)) {
		t.Error("the list of matches is not in view above the input")
	}
	b.Do(
		chromedp.Click(chromedp.CSS(`[data-testid=checkin-match] button[name=pick]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=checkin-result][data-state=checked-in]`)),
	)
	if n := Get(b, chromedp.Text(chromedp.CSS(`.checkin-name`))); n != "Désirée Piñeiro-Nguyễn" {
		t.Errorf("picked and checked in %q", n)
	}
	var n int
	if err := b.Env.DB.Read.QueryRow(`SELECT count(*) FROM checkins WHERE undone_at IS NULL`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d active check-ins, want 1 (%v)", n, err)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

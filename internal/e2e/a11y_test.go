package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// axeSource returns axe-core's axe.min.js: from AXE_PATH, or where .ci/run
// installs it (.ci/node under the module root). Without it the test skips,
// and under CI fails, since .ci/run installs it.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("AXE_PATH")
	if path == "" {
		root, err := moduleRoot()
		if err != nil {
			t.Fatal(err)
		}
		path = filepath.Join(root, ".ci", "node", "node_modules", "axe-core", "axe.min.js")
	}
	src, err := os.ReadFile(path)
	if err == nil {
		return string(src)
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("axe-core not found at %s; .ci/run must install it (npm install --prefix .ci/node axe-core@4.14.1)", path)
	}
	t.Skipf("axe-core not found at %s: run `npm install --no-save --prefix .ci/node axe-core@4.14.1` at the module root, or set AXE_PATH", path)
	return ""
}

// moduleRoot is the nearest directory above the working one holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// violation is one axe rule broken on a page, with the elements breaking it.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeCheck injects axe-core into the page shown and returns its serious and
// critical violations. DevTools' Runtime.evaluate is not bound by the page's
// Content-Security-Policy, so the script runs although the CSP forbids inline code.
func axeCheck(b *Browser, src string) []violation {
	b.t.Helper()
	if !Get(b, chromedp.Evaluate[bool](src+"\n;typeof axe === \"object\"")) {
		b.t.Fatal("axe-core did not load into the page")
	}
	return Get(b, chromedp.Evaluate[[]violation](`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
		.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => ({id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " "))})))`,
		chromedp.EvalAwaitPromise))
}

// assertAccessible runs axe on the page shown and reports each serious or critical violation.
func assertAccessible(t *testing.T, b *Browser, src, page string) {
	t.Helper()
	for _, v := range axeCheck(b, src) {
		t.Errorf("%s: %s (%s): %s\n\t%s", page, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
}

// viewports are the screens each page is checked on: a laptop and a phone,
// where tables scroll and the navigation folds.
var viewports = []struct {
	name          string
	width, height int64
	mobile        bool
}{
	{"desktop", 1280, 900, false},
	{"phone", 390, 844, true},
}

// onViewport sizes the page as the screen v.
func onViewport(b *Browser, i int) {
	b.t.Helper()
	v := viewports[i]
	if v.mobile {
		b.Do(chromedp.EmulateViewport(v.width, v.height, chromedp.EmulateMobile))
	} else {
		b.Do(chromedp.EmulateViewport(v.width, v.height))
	}
}

// visit opens path and checks that it is laid out for the screen v: a page
// wider than a phone makes the phone zoom out, and every line then needs
// sideways scrolling.
func visit(t *testing.T, b *Browser, i int, path string) {
	t.Helper()
	v := viewports[i]
	b.Do(chromedp.Navigate(b.URL(path)))
	if w := Get(b, chromedp.Evaluate[int64](`window.innerWidth`)); w != v.width {
		t.Errorf("%s %s: laid out %d pixels wide, want %d", v.name, path, w, v.width)
	}
}

// Every public page and the organisers' main pages pass axe-core with no
// serious or critical violation, on a laptop and on a phone.
func TestAccessibility(t *testing.T) {
	src := axeSource(t)
	b := newBrowser(t)

	// A registration, through the form, gives the registration page.
	b.Do(
		chromedp.Navigate(b.URL("/register")),
		fillByLabel("First name", "Désirée"),
		fillByLabel("Last name", "Piñeiro"),
		fillByLabel("E-mail address", "desiree@example.org"),
		fillByLabel("Country", "Trinidad and Tobago"),
		fillByLabel("Organisation", "Ministry of National Security"),
		fillByLabel("Type of organisation", "Government"),
		fillByLabel("Job title", "Analyst"),
		chromedp.Click(chromedp.JSPath(labelled("I agree"))),
		chromedp.Click(chromedp.CSS(`form.registration-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=reference]`)),
	)
	regPage := Get(b, chromedp.Evaluate[string](`location.pathname`))
	if !strings.HasPrefix(regPage, "/registration/") {
		t.Fatalf("registering led to %s", regPage)
	}
	var regID, sessionID int64
	var slug string
	db := b.Env.DB.Read
	if err := db.QueryRow(`SELECT id FROM registrations WHERE email = 'desiree@example.org'`).Scan(&regID); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT id FROM sessions WHERE published = 1 ORDER BY id LIMIT 1`).Scan(&sessionID); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT slug FROM press_releases WHERE published = 1 ORDER BY id LIMIT 1`).Scan(&slug); err != nil {
		t.Fatal(err)
	}
	var releaseID int64
	if err := db.QueryRow(`SELECT id FROM press_releases ORDER BY id LIMIT 1`).Scan(&releaseID); err != nil {
		t.Fatal(err)
	}

	public := []string{"/", "/register", regPage, "/agenda", "/agenda/" + itoa(sessionID), "/press",
		"/press/releases/" + slug, "/press/accreditation", "/admin/login", "/register/sent", "/privacy"}
	for i, v := range viewports {
		onViewport(b, i)
		for _, path := range public {
			visit(t, b, i, path)
			assertAccessible(t, b, src, v.name+" "+path)
		}
		// A bad submission: the form with its error summary and messages.
		b.Do(
			chromedp.Navigate(b.URL("/register")),
			fillByLabel("E-mail address", "not-an-address"),
			chromedp.Click(chromedp.CSS(`form.registration-form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`#error-summary`)),
		)
		assertAccessible(t, b, src, v.name+" /register (with errors)")
	}

	onViewport(b, 0)
	u := b.Env.CreateUser(model.UserAdmin)
	b.Do(
		chromedp.Navigate(b.URL("/admin/login")),
		fillByLabel("E-mail address", u.Email),
		fillByLabel("Password", webtest.TestPassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.account-menu`)),
	)
	console := []string{"/admin", "/admin/registrations", "/admin/registrations/" + itoa(regID),
		"/admin/agenda", "/admin/agenda/sessions/" + itoa(sessionID) + "/edit", "/admin/press", "/admin/press/releases/" + itoa(releaseID),
		"/admin/press/accreditations", "/admin/checkin",
		"/admin/settings", "/admin/reports", "/admin/users", "/admin/account/2fa", "/admin/announcements", "/admin/announcements/new"}
	for i, v := range viewports {
		onViewport(b, i)
		for _, path := range console {
			visit(t, b, i, path)
			if p := Get(b, chromedp.Evaluate[string](`location.pathname`)); p != path {
				t.Errorf("%s led to %s", path, p)
			}
			assertAccessible(t, b, src, v.name+" "+path)
		}
	}

	// axe does see a violation on these pages: an input without a label.
	b.Do(chromedp.Evaluate[chromedp.Void](`document.querySelector("main").insertAdjacentHTML("beforeend", '<input id="axe-probe">')`))
	found := false
	for _, v := range axeCheck(b, src) {
		found = found || v.ID == "label"
	}
	if !found {
		t.Error("axe did not report an input without a label: the check is blind")
	}
	if p := b.Problems("status of 422"); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// The pages for getting back in (Find my registration, its answer, and a
// link that opens nothing) pass axe-core too, on a laptop and on a phone.
func TestAccessibilityGettingBackIn(t *testing.T) {
	src := axeSource(t)
	b := newBrowser(t)
	for i, v := range viewports {
		onViewport(b, i)
		for _, path := range []string{"/registration/lost", "/registration/lost?sent=1", "/registration/no-such-link"} {
			visit(t, b, i, path)
			assertAccessible(t, b, src, v.name+" "+path)
		}
	}
	if p := b.Problems("status of 404"); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"confdesk/internal/i18n"
	"confdesk/internal/webtest"
)

// inLanguage is path asking for the language code (?lang=, which also sets
// the cookie the pages after it follow).
func inLanguage(path, code string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "lang=" + code
}

// Every public page passes axe-core in Spanish, French and Dutch as in
// English, on a laptop, and in French on a phone: longer words must not break the
// layout, and the lang attributes (the page's, the language switcher's,
// content shown in English for want of a translation) must be valid.
// Each page's <html lang> is the language asked for.
func TestAccessibilityInEachLanguage(t *testing.T) {
	for _, l := range i18n.Translations() {
		// One browser per language and screen: each stays well within
		// the harness's deadline on a busy machine.
		for i, v := range viewports {
			if i > 0 && l.Code != "fr" {
				// The phone once, in French (its words run longest): the
				// layout is one stylesheet, and what axe checks of a
				// language (lang attributes, names, contrast) is the same
				// on every screen.
				continue
			}
			t.Run(l.Code+"/"+v.name, func(t *testing.T) {
				src := axeSource(t)
				b := newBrowser(t)
				regPage, sessionID, slug := publicFixture(t, b.Env)
				public := []string{"/", "/agenda", "/agenda/" + itoa(sessionID), "/register", "/press/accreditation",
					"/register/sent", regPage, regPage + "/edit", regPage + "/cancel", regPage + "/agenda",
					"/press", "/press/releases/" + slug, "/privacy",
					"/registration/lost", "/registration/lost?sent=1", "/registration/no-such-link", "/no-such-page"}
				onViewport(b, i)
				for _, path := range public {
					visit(t, b, i, inLanguage(path, l.Code))
					if got := Get(b, chromedp.Evaluate[string](`document.documentElement.lang`)); got != l.Code {
						t.Errorf("%s: <html lang=%q>, want %q", path, got, l.Code)
					}
					assertAccessible(t, b, src, v.name+" "+l.Code+" "+path)
				}
				// A bad submission: the form with its error summary and
				// messages, the field found by id, not by its label.
				b.Do(
					chromedp.Navigate(b.URL(inLanguage("/register", l.Code))),
					chromedp.SendKeys(chromedp.ID("email"), "not-an-address"),
					chromedp.Click(chromedp.CSS(`form.registration-form button[type=submit]`)),
					chromedp.WaitVisible(chromedp.CSS(`#error-summary`)),
				)
				assertAccessible(t, b, src, v.name+" "+l.Code+" /register (with errors)")

				// axe does check the lang attributes: a made-up one is reported.
				b.Do(chromedp.Evaluate[chromedp.Void](`document.querySelector("main").insertAdjacentHTML("beforeend", '<p lang="xx-nonsense-tag">x</p>')`))
				found := false
				for _, v := range axeCheck(b, src) {
					found = found || v.ID == "valid-lang"
				}
				if !found {
					t.Error("axe did not report an invalid lang attribute: the check is blind to languages")
				}
				if p := b.Problems("status of 404", "status of 422"); len(p) > 0 {
					t.Errorf("console problems: %v", p)
				}
			})
		}
	}
}

// publicFixture registers a participant through the app and returns their
// personal page, a published session's id and a published release's slug.
func publicFixture(t *testing.T, env *webtest.Env) (regPage string, sessionID int64, slug string) {
	t.Helper()
	res := env.Client().Submit("/register", "/register", map[string][]string{
		"first_name": {"Désirée"}, "last_name": {"Piñeiro"}, "email": {"desiree@example.org"}, "country": {"TT"},
		"organisation": {"Ministry of National Security"}, "org_type": {"government"}, "job_title": {"Analyst"},
		"consent": {"yes"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("register: status %d", res.StatusCode)
	}
	regPage, _, _ = strings.Cut(res.Header.Get("Location"), "?")
	if !strings.HasPrefix(regPage, "/registration/") {
		t.Fatalf("registering led to %q", res.Header.Get("Location"))
	}
	db := env.DB.Read
	if err := db.QueryRow(`SELECT id FROM sessions WHERE published = 1 ORDER BY id LIMIT 1`).Scan(&sessionID); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT slug FROM press_releases WHERE published = 1 ORDER BY id LIMIT 1`).Scan(&slug); err != nil {
		t.Fatal(err)
	}
	return regPage, sessionID, slug
}

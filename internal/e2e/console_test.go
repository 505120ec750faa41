package e2e

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"confdesk/internal/model"
)

// At 1280 px, the laptop width organisers use, the console's header does
// not wrap for an admin, who has the most areas: the brand and the account
// side by side, every area on the one row below, and the page starts
// close to the top.
func TestConsoleHeaderFitsAt1280(t *testing.T) {
	b := newBrowser(t)
	loginAs(b, model.UserAdmin)
	b.Do(chromedp.Navigate(b.URL("/admin/registrations")), chromedp.WaitVisible(chromedp.CSS(`.account-menu`)))
	if dir := os.Getenv("SCREENSHOT_DIR"); dir != "" {
		png := Get(b, chromedp.CaptureScreenshot())
		if err := os.WriteFile(dir+"/console-header-1280.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := Get(b, chromedp.Evaluate[string](`(() => {
		const r = e => e.getBoundingClientRect();
		const brand = r(document.querySelector(".console-header .brand")), account = r(document.querySelector(".account-menu"));
		const items = [...document.querySelectorAll(".console-header .site-nav li")];
		const rows = new Set(items.map(e => Math.round(r(e).top))).size;
		const sideBySide = brand.top < account.bottom && account.top < brand.bottom && brand.right <= account.left;
		return [items.length, rows, sideBySide, Math.round(r(document.querySelector("header.console-header")).height), window.innerWidth].join(" ");
	})()`))
	f := strings.Fields(got)
	if len(f) != 5 {
		t.Fatalf("header measures %q", got)
	}
	// Two rows of Pico's nav with its padding: about 135 px; wrapped, 240.
	if h, err := strconv.Atoi(f[3]); f[0] != "13" || f[1] != "1" || f[2] != "true" || err != nil || h > 150 || f[4] != "1280" {
		t.Errorf("header at 1280 px (areas, rows of areas, brand beside account, height, width): %s", got)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

// Saving a session goes back to it in the grid, further down the page;
// the "saved" message is on screen all the same.
func TestSessionSavedMessageIsOnScreen(t *testing.T) {
	b := newBrowser(t)
	loginAs(b, model.UserOrganiser)
	b.Do(chromedp.Navigate(b.URL("/admin/agenda")), chromedp.WaitVisible(chromedp.CSS(`[data-testid=grid-session]`)))
	// The last session of the grid, the furthest down.
	edit := Get(b, chromedp.Evaluate[string](`(() => {
		const links = [...document.querySelectorAll("[data-testid=grid-session] a[href$='/edit']")];
		return links.length ? links[links.length - 1].getAttribute("href") : "";
	})()`))
	if edit == "" {
		t.Fatal("no session to edit in the grid")
	}
	b.Do(
		chromedp.Navigate(b.URL(edit)),
		chromedp.WaitVisible(chromedp.ID("title")),
		chromedp.Click(chromedp.CSS(`form.session-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	if dir := os.Getenv("SCREENSHOT_DIR"); dir != "" {
		png := Get(b, chromedp.CaptureScreenshot())
		if err := os.WriteFile(dir+"/session-saved.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	where := Get(b, chromedp.Evaluate[string](`(() => {
		const r = document.querySelector("[data-testid=flash]").getBoundingClientRect();
		return [location.hash, window.scrollY > 0, r.top >= 0 && r.bottom <= window.innerHeight].join(" ");
	})()`))
	f := strings.Fields(where)
	if len(f) != 3 || !strings.HasPrefix(f[0], "#session-") || f[2] != "true" {
		t.Errorf("after saving (fragment, scrolled, message on screen): %s", where)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

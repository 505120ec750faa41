package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A visitor opens the home page: it shows the conference, every navigation
// link answers without a server error, and the console stays clean.
func TestHomePageInBrowser(t *testing.T) {
	b := newBrowser(t)
	b.Do(chromedp.Navigate(b.URL("/")))
	if h := Get(b, chromedp.Text(chromedp.CSS("h1"))); h != "Caribbean Counter-Trafficking Conference" {
		t.Errorf("h1 = %q", h)
	}
	if when := Get(b, chromedp.Text(chromedp.CSS(".brand-when"))); !strings.Contains(when, "March 2027") {
		t.Errorf("header dates = %q", when)
	}
	links := Get(b, chromedp.AttributesAll(chromedp.CSSAll(`nav[aria-label="Main"] a`)))
	if len(links) < 5 {
		t.Fatalf("found %d navigation links, want the brand and four items", len(links))
	}
	for _, attrs := range links {
		href := attrs["href"]
		res, err := http.Get(b.URL(href))
		if err != nil {
			t.Fatalf("GET %s: %v", href, err)
		}
		res.Body.Close()
		if res.StatusCode >= 500 {
			t.Errorf("navigation link %s answers %d", href, res.StatusCode)
		}
	}
	// The stylesheets loaded: Pico zeroes the body's margin, the theme colours the track tags.
	if m := Get(b, chromedp.Evaluate[string](`getComputedStyle(document.body).margin`)); m != "0px" {
		t.Errorf("stylesheets not applied: body margin %q", m)
	}
	if bg := Get(b, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".track-tag")).backgroundColor`)); bg == "" || bg == "rgba(0, 0, 0, 0)" {
		t.Errorf("track colour from /theme.css not applied: %q", bg)
	}
	// The skip link is the first thing the keyboard reaches.
	b.Do(chromedp.KeyEvent("\t"))
	if focused := Get(b, chromedp.Evaluate[string](`document.activeElement.className`)); focused != "skip-link" {
		t.Errorf("first Tab focuses %q, want the skip link", focused)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A visitor filters the agenda by track with the form (no script needed),
// opens a session, and downloads its calendar file.
func TestPublicAgendaInBrowser(t *testing.T) {
	b := newBrowser(t)
	b.Do(
		chromedp.Navigate(b.URL("/agenda")),
		chromedp.WaitVisible(chromedp.CSS(`form.agenda-filter`)),
		fillByLabel("Track", "Protection"),
		chromedp.Click(chromedp.CSS(`form.agenda-filter button[type=submit]`)),
		// The unfiltered page has sessions too: wait for the filtered one,
		// whose server-rendered select has the track selected.
		chromedp.WaitReady(chromedp.CSS(`#track option[value=protection][selected]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=agenda-session]`)),
	)
	if loc := Get(b, chromedp.Location()); !strings.HasSuffix(loc, "/agenda?day=&track=protection") {
		t.Errorf("the filter went to %q", loc)
	}
	tags := Get(b, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("[data-testid=agenda-session]")].map(s => (s.querySelector(".track-tag") || {}).textContent || "")`))
	if len(tags) != 4 {
		t.Errorf("%d sessions in the protection track, want 4", len(tags))
	}
	for _, tag := range tags {
		if tag != "Protection" {
			t.Errorf("a %q session in the protection filter", tag)
		}
	}
	if sel := Get(b, chromedp.Value(chromedp.ID("track"))); sel != "protection" {
		t.Errorf("the track select shows %q after filtering", sel)
	}
	// The track's colour comes from /theme.css.
	if bg := Get(b, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("[data-testid=agenda-session] .track-tag")).backgroundColor`)); bg != "rgb(29, 79, 145)" {
		t.Errorf("protection tag colour %q", bg)
	}

	const title = "Workshop: screening interviews and referral"
	b.Do(
		chromedp.Click(chromedp.JSPath(`[...document.querySelectorAll("[data-testid=agenda-session] h3 a")].find(a => a.textContent === `+jsString(title)+`)`)),
		chromedp.WaitVisible(chromedp.CSS(`#session-title`)),
	)
	if h := Get(b, chromedp.Text(chromedp.CSS(`#session-title`))); h != title {
		t.Fatalf("opened %q", h)
	}
	main := Get(b, chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"Tuesday 16 March 2027", "10:30–12:30", "Brickell Room", "Rosemène Dorélien", "UNHCR"} {
		if !strings.Contains(main, want) {
			t.Errorf("session page lacks %q", want)
		}
	}
	href := Get(b, chromedp.AttributeValue(chromedp.CSS(`[data-testid=session-ics]`), "href"))
	if !href.Exists || !strings.HasSuffix(href.Value, ".ics") {
		t.Fatalf("calendar link %+v", href)
	}
	// Download it as the browser would, from the page.
	got := Get(b, chromedp.Evaluate[string](`fetch(`+jsString(href.Value)+`).then(async r => r.headers.get("Content-Type") + "\n" + await r.text())`,
		chromedp.EvalAwaitPromise))
	ctype, ics, _ := strings.Cut(got, "\n")
	if ctype != "text/calendar; charset=utf-8" || !strings.HasPrefix(ics, "BEGIN:VCALENDAR\r\n") ||
		!strings.Contains(ics, "SUMMARY:"+title+"\r\n") || strings.Count(ics, "BEGIN:VEVENT") != 1 ||
		!strings.Contains(ics, "DTSTART;TZID=America/New_York:20270316T103000\r\n") {
		t.Errorf("downloaded calendar (%s):\n%s", ctype, ics)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

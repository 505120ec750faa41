package e2e

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// A sponsored participant enters their itinerary on a phone (390 × 844),
// by the form's labels: the page fits the screen, and the itinerary is
// stored as typed, awaiting the organisers' confirmation; the organiser
// sees it on the registration's page and confirms it, then finds it on
// the logistics page and in the arrivals manifest downloaded from there.
func TestItineraryOnPhoneInBrowser(t *testing.T) {
	b := newBrowser(t)
	env := b.Env
	if _, err := env.DB.Write.Exec(`UPDATE conference SET sponsors_travel = 1, hotel_name = 'Hotel Biscayne',
		hotel_address = '1 Biscayne Blvd, Miami' WHERE id = ?`, env.Conference.ID); err != nil {
		t.Fatal(err)
	}
	res := env.Client().Submit("/register", "/register", url.Values{
		"first_name": {"Désirée"}, "last_name": {"Piñeiro"}, "email": {"desiree@example.org"}, "country": {"TT"},
		"organisation": {"Ministry of National Security"}, "org_type": {"government"}, "job_title": {"Analyst"},
		"consent": {"yes"},
	})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("register: %d", res.StatusCode)
	}
	self, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET sponsorship = 'granted' WHERE email = 'desiree@example.org'`); err != nil {
		t.Fatal(err)
	}

	b.Do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	b.Do(
		chromedp.Navigate(b.URL(self)),
		chromedp.Click(chromedp.CSS(`[data-testid=travel-link]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.itinerary-form`)),
	)
	shoot(b, "itinerary-390-empty.png")
	b.Do(
		chromedp.SetValue(chromedp.JSPath(labelled("Date of arrival")), "2027-03-14"),
		chromedp.SetValue(chromedp.JSPath(labelled("Time of arrival")), "16:45"),
		fillByLabel("Arriving flight", "aa 1234"),
		chromedp.SetValue(chromedp.JSPath(labelled("Arriving airport")), "FLL"),
		chromedp.Click(chromedp.JSPath(labelled("I need a transfer"))),
		chromedp.SetValue(chromedp.JSPath(labelled("Date of departure")), "2027-03-18"),
		chromedp.SetValue(chromedp.JSPath(labelled("Time of departure")), "11:05"),
		chromedp.SetValue(chromedp.JSPath(labelled("Hotel check-in")), "2027-03-14"),
		chromedp.SetValue(chromedp.JSPath(labelled("Hotel check-out")), "2027-03-18"),
	)
	if w := Get(b, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`)); w > 390 {
		t.Errorf("the travel form is %d pixels wide on a 390-pixel phone", w)
	}
	shoot(b, "itinerary-390-filled.png")
	b.Do(
		chromedp.Click(chromedp.CSS(`form.itinerary-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=itinerary-summary]`)),
	)
	summary := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=travel]`)))
	if !strings.Contains(summary, "AA1234") || !strings.Contains(summary, "FLL") || !strings.Contains(summary, "not confirmed it yet") {
		t.Errorf("travel section after saving:\n%s", summary)
	}
	if w := Get(b, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`)); w > 390 {
		t.Errorf("the registration page is %d pixels wide on a 390-pixel phone", w)
	}
	shoot(b, "itinerary-390-saved.png")
	var arrival, flight, airport string
	var transfer bool
	if err := env.DB.Read.QueryRow(`SELECT arrival_at, arrival_flight, arrival_airport, transfer FROM itineraries`).
		Scan(&arrival, &flight, &airport, &transfer); err != nil {
		t.Fatal(err)
	}
	if arrival != "2027-03-14T16:45" || flight != "AA1234" || airport != "FLL" || !transfer {
		t.Errorf("stored %s %s %s %v", arrival, flight, airport, transfer)
	}

	// The organiser sees it on the registration's page, and confirms it.
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT registration_id FROM itineraries`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	u := env.CreateUser(model.UserOrganiser)
	b.Do(chromedp.EmulateViewport(1280, 900))
	b.Do(
		chromedp.Navigate(b.URL("/admin/login")),
		fillByLabel("E-mail address", u.Email),
		fillByLabel("Password", webtest.TestPassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.account-menu`)),
		chromedp.Navigate(b.URL("/admin/registrations/"+strconv.FormatInt(id, 10))),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=itinerary]`)),
	)
	if got := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=itinerary]`))); !strings.Contains(got, "AA1234") ||
		!strings.Contains(got, "Awaiting confirmation") {
		t.Errorf("the organiser's itinerary section:\n%s", got)
	}
	b.Do(chromedp.Click(chromedp.CSS(`[data-testid=itinerary-confirm] button[type=submit]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`[data-testid=itinerary-confirm]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=itinerary-state]`)))
	shoot(b, "itinerary-console-confirmed.png")
	if got := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=itinerary-state]`))); !strings.Contains(got, "Confirmed by "+u.Email) {
		t.Errorf("after confirming: %q", got)
	}

	// The logistics page counts the arrival; the arrivals manifest, fetched
	// by the page's own link with the organiser's session, lists it.
	b.Do(
		chromedp.Navigate(b.URL("/admin/logistics")),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=day][data-day="2027-03-14"]`)),
	)
	shoot(b, "logistics-1280.png")
	day := `[data-testid=day][data-day="2027-03-14"] `
	if n := Get(b, chromedp.Text(chromedp.CSS(day+`[data-testid=arrivals]`))); n != "1" {
		t.Errorf("arrivals on 14 March: %q, want 1", n)
	}
	if a := Get(b, chromedp.Text(chromedp.CSS(day+`[data-testid=arrival-airports]`))); !strings.Contains(a, "FLL") {
		t.Errorf("airports on 14 March: %q", a)
	}
	manifest := Get(b, chromedp.Evaluate[string](`fetch(document.querySelector('[data-testid=doc-arrivals] [data-testid=csv-link]').href)
		.then(r => r.ok ? r.text() : "HTTP " + r.status)`, chromedp.EvalAwaitPromise))
	lines := strings.Split(strings.TrimSpace(manifest), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "date,time,name,country,flight,airport,transfer,phone,confirmed") {
		t.Fatalf("arrivals manifest:\n%s", manifest)
	}
	for _, want := range []string{"2027-03-14", "16:45", "Piñeiro, Désirée", "AA1234", "FLL", "yes"} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("the manifest's row lacks %q: %s", want, lines[1])
		}
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

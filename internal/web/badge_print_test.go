package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"confdesk/internal/config"
	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/webtest"
)

// A participant's own download is not a print, so the
// organisers' "not printed yet" batch still holds them; an organiser's
// print counts.
func TestOwnDownloadDoesNotMarkTheBadgePrinted(t *testing.T) {
	env := webtest.New(t)
	f := validForm("self@example.org")
	f.Set("last_name", "Selfprinter")
	loc := mustRegister(t, env, f)
	for range 3 {
		if res := env.Get(loc + "/badge.pdf"); res.StatusCode != http.StatusOK {
			t.Fatalf("own badge: %d", res.StatusCode)
		}
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE badge_printed_at IS NOT NULL`); n != 0 {
		t.Fatalf("the participant's downloads marked %d badges printed", n)
	}
	org := env.Login(model.UserOrganiser)
	batch := org.Get("/admin/badges.pdf?layout=a6&unprinted=1")
	if batch.StatusCode != http.StatusOK || !strings.Contains(pdftest.Text(t, []byte(batch.Body)), "Selfprinter") {
		t.Fatalf("the \"not printed yet\" batch skips a participant who downloaded their badge: %d", batch.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE badge_printed_at IS NOT NULL`); n != 1 {
		t.Errorf("the organisers' batch marked %d badges printed, want 1", n)
	}
	if text := pdftest.Text(t, []byte(org.Get("/admin/badges.pdf?layout=a6&unprinted=1").Body)); !strings.Contains(text, "No badges match") {
		t.Errorf("after the organisers' print, \"not printed yet\" still finds: %s", text)
	}
}

// A participant's badge is drawn once and then served
// from memory, with no write to the database, until what it shows changes.
func TestOwnBadgeIsCachedUntilItChanges(t *testing.T) {
	env := webtest.New(t)
	loc := mustRegister(t, env, validForm("cached@example.org"))
	first := env.Get(loc + "/badge.pdf")
	if first.StatusCode != http.StatusOK {
		t.Fatalf("badge: %d", first.StatusCode)
	}
	before := dbFingerprint(t, env)
	env.Clock.Advance(time.Hour) // a fresh render would carry a new creation date
	again := env.Get(loc + "/badge.pdf")
	if again.Body != first.Body {
		t.Error("the second fetch drew the badge again instead of serving the cached one")
	}
	sameDB(t, "a participant's badge downloads", before, dbFingerprint(t, env))

	// What the badge shows changes: the cached one is not served.
	env.DB.Write.Exec(`UPDATE registrations SET badge_name = 'Dési' WHERE email = 'cached@example.org'`)
	if text := pdftest.Text(t, []byte(env.Get(loc+"/badge.pdf").Body)); !strings.Contains(text, "Dési") {
		t.Errorf("badge after the badge name changed: %s", text)
	}
	// So does the badge's design (the conference line).
	setConference(t, env, `short_name = 'CTC Port of Spain'`)
	if text := pdftest.Text(t, []byte(env.Get(loc+"/badge.pdf").Body)); !strings.Contains(text, "CTC Port of Spain") {
		t.Errorf("badge after the conference's short name changed: %s", text)
	}
	// And a layout is a badge of its own.
	if a6, cr80 := env.Get(loc+"/badge.pdf"), env.Get(loc+"/badge.pdf?layout=cr80"); a6.Body == cr80.Body ||
		pdftest.Pages(t, []byte(cr80.Body)) != 1 {
		t.Error("the cr80 layout served the A6 badge")
	}
}

// One link may fetch its documents a bounded number of
// times a minute; beyond that it gets a 429 page that says what to do, and
// a minute later it may fetch again. Other links are not affected.
func TestOwnDocumentDownloadsAreLimitedPerLink(t *testing.T) {
	env := webtest.New(t, webtest.WithConfig(func(c *config.Config) { c.DownloadLimit = 5 }))
	loc := mustRegister(t, env, withVisa(validForm("limited@example.org")))
	other := mustRegister(t, env, validForm("other@example.org"))
	approveLetter(t, env, "limited@example.org")
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Go(func() {
			path := loc + []string{"/badge.pdf", "/letter.pdf", "/badge.pdf?layout=cr80"}[i%3]
			res := env.Get(path)
			mu.Lock()
			codes[res.StatusCode]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if codes[http.StatusOK] != 5 || codes[http.StatusTooManyRequests] != 7 {
		t.Fatalf("12 simultaneous downloads with a limit of 5: %v", codes)
	}
	res := env.Get(loc + "/certificate.pdf")
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" ||
		!strings.Contains(res.Body, "wait a minute") || !strings.Contains(res.Header.Get("Content-Type"), "text/html") {
		t.Errorf("over the limit: %d, Retry-After %q\n%.400s", res.StatusCode, res.Header.Get("Retry-After"), res.Body)
	}
	if res := env.Get(other + "/badge.pdf"); res.StatusCode != http.StatusOK {
		t.Errorf("another participant's badge: %d", res.StatusCode)
	}
	env.Clock.Advance(time.Minute)
	if res := env.Get(loc + "/badge.pdf"); res.StatusCode != http.StatusOK {
		t.Errorf("a minute later: %d", res.StatusCode)
	}
	// Organisers are not limited by the participant's link.
	org := env.Login(model.UserOrganiser)
	var id int64
	env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = 'limited@example.org'`).Scan(&id)
	for range 8 {
		if res := org.Get(fmt.Sprintf("/admin/registrations/%d/badge.pdf", id)); res.StatusCode != http.StatusOK {
			t.Fatalf("organiser badge: %d", res.StatusCode)
		}
	}
}

// A badge that cannot be drawn (here an imported check-in code far too long
// for a QR code) leaves the batch printing the others; it is named on the
// last page and stays "not printed yet".
func TestBatchLeavesOutAnUndrawableBadgeUnprinted(t *testing.T) {
	env := webtest.New(t)
	for _, email := range []string{"fine@example.org", "broken@example.org", "also-fine@example.org"} {
		mustRegister(t, env, validForm(email))
	}
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET checkin_code = ?, last_name = 'Brokencode' WHERE email = 'broken@example.org'`,
		strings.Repeat("X", 5000)); err != nil {
		t.Fatal(err)
	}
	res := env.Login(model.UserOrganiser).Get("/admin/badges.pdf?layout=a4-4")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("batch with one undrawable badge: %d", res.StatusCode)
	}
	body := []byte(res.Body)
	if text := pdftest.Text(t, body); !strings.Contains(text, "Not printed") || !strings.Contains(text, "Brokencode") {
		t.Errorf("the batch does not name the badge it left out:\n%s", text)
	}
	if got := len(pdftest.QRCodes(t, body)[0]); got != 2 {
		t.Errorf("%d badges printed, want the 2 others", got)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE badge_printed_at IS NULL`); n != 1 {
		t.Errorf("%d badges not marked printed, want only the one left out", n)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE badge_printed_at IS NULL AND email = 'broken@example.org'`); n != 1 {
		t.Error("the badge left out was marked printed")
	}
}

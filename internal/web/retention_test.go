package web_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/retention"
	"confdesk/internal/webtest"
)

// runRetention starts the server's retention loop on a tick the test owns
// and returns a function that runs it once more and waits for the result;
// the first result (the run at start) is returned at once.
func runRetention(t *testing.T, env *webtest.Env) (first retention.Report, again func() retention.Report) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tick := make(chan time.Time)
	done := make(chan retention.Report)
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		env.Server.RunRetention(ctx, tick, func(r retention.Report, err error) {
			if err != nil {
				t.Errorf("retention: %v", err)
			}
			done <- r
		})
	}()
	t.Cleanup(func() { cancel(); <-stopped })
	again = func() retention.Report {
		tick <- env.Clock.Now()
		return <-done
	}
	return <-done, again
}

// TestRetentionDeletesPassportsOnTheirDay: passport details go on the 30th
// day after the conference's last day (2027-03-17 in the demo), in the
// server's hourly run, and the letter then answers 410 naming the day.
func TestRetentionDeletesPassportsOnTheirDay(t *testing.T) {
	env := webtest.New(t)
	loc := mustRegister(t, env, withVisa(validForm("visa@example.org")))
	approveLetter(t, env, "visa@example.org")
	var id int64
	env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = 'visa@example.org'`).Scan(&id)
	adminLetter := fmt.Sprintf("/admin/registrations/%d/letter.pdf", id)

	nyc, _ := time.LoadLocation("America/New_York")
	env.Clock.Set(time.Date(2027, 4, 15, 23, 59, 0, 0, nyc)) // the 29th day: kept
	first, again := runRetention(t, env)
	if first.PassportDue || first.PassportDate != "2027-04-16" {
		t.Fatalf("run at start, the day before: %+v", first)
	}
	if res := env.Get(loc + "/letter.pdf"); res.StatusCode != http.StatusOK {
		t.Fatalf("letter before the retention day: %d", res.StatusCode)
	}

	env.Clock.Set(time.Date(2027, 4, 16, 0, 30, 0, 0, nyc))
	if r := again(); !r.PassportDue || r.Passports == 0 {
		t.Fatalf("hourly run on the day: %+v", r)
	}
	var name, number, expiry, nat, dob, purged string
	env.DB.Read.QueryRow(`SELECT passport_name, passport_number, passport_expiry, nationality, date_of_birth,
		coalesce(passport_purged_at, '') FROM registrations WHERE id = ?`, id).Scan(&name, &number, &expiry, &nat, &dob, &purged)
	if name+number+expiry+nat+dob != "" || purged == "" {
		t.Errorf("passport details after retention: %q %q %q %q %q, purged %q", name, number, expiry, nat, dob, purged)
	}
	org := env.Login(model.UserOrganiser)
	for who, res := range map[string]*webtest.Response{"participant": env.Get(loc + "/letter.pdf"), "organiser": org.Get(adminLetter)} {
		if res.StatusCode != http.StatusGone || !strings.Contains(res.Body, "16 April 2027") {
			t.Errorf("%s's letter after retention: %d\n%s", who, res.StatusCode, res.Body)
		}
	}
	// One audit line for the run, with a count and no values.
	var n int
	var changes string
	env.DB.Read.QueryRow(`SELECT count(*), max(changes) FROM audit_log WHERE action = 'retention'`).Scan(&n, &changes)
	if n != 1 || strings.Contains(changes, "TA1234567") || !strings.Contains(changes, "passport data") {
		t.Errorf("audit after retention: %d lines, %s", n, changes)
	}
	// The next run finds nothing more and writes nothing.
	if r := again(); r.Passports != 0 {
		t.Errorf("second run purged %d again", r.Passports)
	}
	env.DB.Read.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'retention'`).Scan(&n)
	if n != 1 {
		t.Errorf("%d audit lines after a run with nothing due", n)
	}
}

// TestRetentionEmptiesSentBodies: a sent message keeps its metadata and
// loses its body (with its self-service link) 30 days after sending.
func TestRetentionEmptiesSentBodies(t *testing.T) {
	env := webtest.New(t)
	mustRegister(t, env, validForm("mail@example.org"))
	sent := env.Clock.Now().UTC()
	if _, err := env.DB.Write.Exec(`UPDATE outbox SET state = 'sent', sent_at = ?`, sent.Format("2006-01-02T15:04:05.000000Z")); err != nil {
		t.Fatal(err)
	}
	body := func() (n int, empty int) {
		env.DB.Read.QueryRow(`SELECT count(*), count(*) FILTER (WHERE body_text = '' AND body_html = '' AND subject <> '')
			FROM outbox WHERE state = 'sent'`).Scan(&n, &empty)
		return
	}
	env.Clock.Set(sent.Add(29 * 24 * time.Hour))
	_, again := runRetention(t, env)
	if n, empty := body(); n == 0 || empty != 0 {
		t.Fatalf("after 29 days: %d sent, %d emptied", n, empty)
	}
	env.Clock.Set(sent.Add(30 * 24 * time.Hour))
	if r := again(); r.Bodies == 0 {
		t.Errorf("run after 30 days: %+v", r)
	}
	if n, empty := body(); n == 0 || empty != n {
		t.Errorf("after 30 days: %d sent, %d emptied", n, empty)
	}
}

// TestRetentionSettings: both periods are in the settings form with the
// days they fall on, refused out of bounds or in the wrong order (422, the
// typed value kept, nothing saved), and the next run follows a saved change.
func TestRetentionSettings(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserAdmin)
	page := mustGet(t, cl, "/admin/settings")
	for _, want := range []string{"16 April 2027", "16 March 2028"} { // 30 and 365 days after 17 March 2027
		if !strings.Contains(page.Body, want) {
			t.Errorf("the settings page does not show %s", want)
		}
	}
	for _, c := range []struct{ field, value, want string }{
		{"passport_retention_days", "0", "from 1 to 3650"},
		{"passport_retention_days", "thirty", "whole number"},
		{"personal_retention_days", "3651", "from 1 to 3650"},
		{"personal_retention_days", "99999999999999999999", "from 1 to 3650"},
		{"personal_retention_days", "20", "cannot go before passport"},
	} {
		f := settingsForm(t, cl)
		f.Set(c.field, c.value)
		refusedSetting(t, env, cl, f, c.field, c.want)
		if r, _ := env.Store.Retention(t.Context(), env.Conference.ID); r != (model.Retention{PassportDays: 30, PersonalDays: 365}) {
			t.Fatalf("%s=%s stored %+v", c.field, c.value, r)
		}
	}
	f := settingsForm(t, cl)
	f.Set("passport_retention_days", "3")
	f.Set("personal_retention_days", "10")
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	page = mustGet(t, cl, "/admin/settings")
	if !strings.Contains(page.Body, "20 March 2027") || !strings.Contains(page.Body, "27 March 2027") {
		t.Error("the settings page does not show the new dates")
	}
	var changes string
	env.DB.Read.QueryRow(`SELECT changes FROM audit_log WHERE entity = 'conference' ORDER BY id DESC LIMIT 1`).Scan(&changes)
	if !strings.Contains(changes, `"passport_retention_days":["30","3"]`) {
		t.Errorf("audit of the change: %s", changes)
	}
	env.Clock.Set(time.Date(2027, 3, 21, 12, 0, 0, 0, time.UTC))
	if first, _ := runRetention(t, env); !first.PassportDue || first.PersonalDue {
		t.Errorf("run after the new passport day, before the personal one: %+v", first)
	}
}

// TestRetentionDeletesNominationLetters: on the personal-data retention
// day the nomination letters go with the rest, their files from the disk
// once the deletion has committed; the organisers' link then answers 404.
func TestRetentionDeletesNominationLetters(t *testing.T) {
	env := webtest.New(t)
	_, path := newFocalPoint(t, env, "JM", "focal@mfa.gov.jm")
	if res := uploadLetter(t, env.Client(), path, nil, "note.pdf", samplePDF(500)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", res.StatusCode)
	}
	var id int64
	var stored string
	if err := env.DB.Read.QueryRow(`SELECT id, stored_name FROM nomination_documents`).Scan(&id, &stored); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(filepath.Dir(env.Config.DBPath), "nominations", stored)
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("the letter's file: %v", err)
	}
	env.Clock.Set(time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)) // long after every retention day
	if r, _ := runRetention(t, env); !r.PersonalDue || r.Letters != 1 {
		t.Fatalf("retention: %+v", r)
	}
	if n := count(t, env, `SELECT count(*) FROM nomination_documents`); n != 0 {
		t.Errorf("%d letter records left", n)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("the letter's file after retention: %v", err)
	}
	if res := env.Login(model.UserOrganiser).Get(fmt.Sprintf("/admin/delegations/documents/%d", id)); res.StatusCode != http.StatusNotFound {
		t.Errorf("the letter's link after retention: %d", res.StatusCode)
	}
}

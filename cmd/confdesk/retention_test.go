package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/webtest"
)

// TestRetentionCommand drills `confdesk retention` on a database the real
// app filled: --dry-run counts and changes nothing, the day before the
// passport day keeps everything, the day deletes passport details, and the
// personal day erases every registration so that its link opens nothing.
func TestRetentionCommand(t *testing.T) {
	app := webtest.New(t)
	var links []string
	for _, email := range []string{"one@example.org", "two@example.org"} {
		res := app.Client().Submit("/register", "/register", url.Values{
			"first_name": {"Désirée"}, "last_name": {"Piñeiro"}, "email": {email}, "phone": {"+1 868 555 0123"},
			"country": {"TT"}, "organisation": {"Ministry of National Security"}, "org_type": {"government"}, "job_title": {"Unit Lead"},
			"consent": {"yes"}, "visa_letter": {"yes"}, "passport_name": {"DESIREE PINEIRO"}, "nationality": {"TT"},
			"passport_number": {"TA1234567"}, "passport_expiry": {"2031-06-30"}, "date_of_birth": {"1981-04-23"},
		})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("register: %d %s", res.StatusCode, res.Doc().Find(".error-summary").Text())
		}
		loc, _, _ := strings.Cut(res.Header.Get("Location"), "?")
		links = append(links, loc)
	}
	ctx := context.Background()
	retention := func(args ...string) string {
		t.Helper()
		var out bytes.Buffer
		if err := run(ctx, append([]string{"retention", "--db", app.Config.DBPath}, args...), env(nil), nil, &out, io.Discard); err != nil {
			t.Fatalf("retention %v: %v", args, err)
		}
		return out.String()
	}
	passports := func() (n int) {
		app.DB.Read.QueryRow(`SELECT count(*) FROM registrations WHERE passport_number <> ''`).Scan(&n)
		return
	}

	if out := retention("--dry-run", "--now", "2027-04-16"); !strings.Contains(out, "passport data of 2 registrations would be deleted") {
		t.Errorf("dry run: %s", out)
	}
	if out := retention("--now", "2027-04-15"); !strings.Contains(out, "passport data kept until 2027-04-16") || passports() != 2 {
		t.Errorf("the day before: %s (%d passports)", out, passports())
	}
	if passports() != 2 {
		t.Fatal("the dry run deleted passports")
	}
	if out := retention("--now", "2027-04-16"); !strings.Contains(out, "passport data of 2 registrations deleted") || passports() != 0 {
		t.Errorf("on the day: %s (%d passports)", out, passports())
	}
	if out := retention("--now", "2028-03-16"); !strings.Contains(out, "personal data of 2 registrations deleted") {
		t.Errorf("personal day: %s", out)
	}
	var left, outbox int
	app.DB.Read.QueryRow(`SELECT count(*) FROM registrations WHERE erased_at IS NULL OR email <> '' OR phone <> ''
		OR organisation <> '' OR first_name <> 'Erased'`).Scan(&left)
	app.DB.Read.QueryRow(`SELECT count(*) FROM outbox`).Scan(&outbox)
	if left != 0 || outbox != 0 {
		t.Errorf("after personal retention: %d registrations keep details, %d messages kept", left, outbox)
	}
	for _, l := range links {
		if res := app.Get(l); res.StatusCode != http.StatusNotFound {
			t.Errorf("self-service link after erasure: %d", res.StatusCode)
		}
	}
	if err := run(ctx, []string{"retention", "--db", app.Config.DBPath, "--now", "16/04/2027"}, env(nil), nil, io.Discard, io.Discard); err == nil {
		t.Error("a malformed --now was accepted")
	}
}

package e2e

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// seedPeople stores registrations straight into the database: Trinidad and
// Tobago, confirmed, unless the entry says otherwise ("status country last").
func seedPeople(t *testing.T, env *webtest.Env, people ...[3]string) {
	t.Helper()
	err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		for i, p := range people {
			created := env.Clock.Now().Add(time.Duration(i-len(people)) * time.Minute)
			r := model.Registration{
				ConferenceID: env.Conference.ID, Reference: registration.NewReference(), CheckinCode: registration.NewCheckinCode(),
				Status: p[0], Category: model.CategoryParticipant, FirstName: "Person", LastName: p[2],
				Email: fmt.Sprintf("person%d@example.org", i), Country: p[1], Organisation: "Ministry of National Security",
				OrgType: "government", JobTitle: "Officer", CreatedAt: created, ConsentAt: created,
			}
			if r.Status == model.StatusWaitlisted {
				r.WaitlistedAt = created
			}
			if _, err := tx.CreateRegistration(store.NewRegistration{Registration: r,
				ManageTokenHash: registration.HashToken(registration.NewManageToken())}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// loginAs signs a new user of role in through the login form.
func loginAs(b *Browser, role string) {
	u := b.Env.CreateUser(role)
	b.Do(
		chromedp.Navigate(b.URL("/admin/login")),
		fillByLabel("E-mail address", u.Email),
		fillByLabel("Password", webtest.TestPassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.account-menu`)),
	)
}

// download clicks what sel finds and returns the file the browser saved.
func download(b *Browser, sel string) []byte {
	b.t.Helper()
	dir := b.t.TempDir()
	ctx, cancel := context.WithCancel(b.ctx)
	defer cancel()
	progress := chromedp.Events(ctx, browser.DownloadProgress)
	enabled := true
	b.Do(
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &enabled,
			})
			return err
		}),
		chromedp.Click(chromedp.CSS(sel)),
	)
	for ev, err := range progress {
		if err != nil {
			b.t.Fatalf("no download after clicking %s: %v", sel, err)
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			body, err := os.ReadFile(filepath.Join(dir, ev.GUID))
			if err != nil {
				b.t.Fatal(err)
			}
			return body
		case browser.DownloadProgressStateCanceled:
			b.t.Fatalf("the download of %s was cancelled", sel)
		}
	}
	b.t.Fatalf("no download after clicking %s", sel)
	return nil
}

// csvColumn is one column of a CSV file, found by its header, without the header.
func csvColumn(t *testing.T, body []byte, name string) []string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), "\uFEFF"))).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("not a CSV file (%v): %q", err, body)
	}
	col := slices.Index(rows[0], name)
	if col < 0 {
		t.Fatalf("no column %q in %v", name, rows[0])
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[col])
	}
	return out
}

// An organiser sets filters and downloads straight away, without "Apply":
// the file holds what the form says, on the desk and on the reports page.
func TestDownloadsFollowTheFiltersOnScreen(t *testing.T) {
	b := newBrowser(t)
	seedPeople(t, b.Env,
		[3]string{model.StatusConfirmed, "TT", "Alvarez"},
		[3]string{model.StatusConfirmed, "JM", "Baptiste"},
		[3]string{model.StatusWaitlisted, "TT", "Charles"},
		[3]string{model.StatusPending, "JM", "Douglas"},
	)
	loginAs(b, model.UserOrganiser)

	b.Do(
		chromedp.Navigate(b.URL("/admin/registrations")),
		chromedp.WaitVisible(chromedp.ID("status")),
		fillByLabel("Status", "Confirmed"),
		fillByLabel("Country", "Jamaica"),
	)
	body := download(b, `[data-testid=csv-link]`)
	if got := csvColumn(t, body, "last_name"); !slices.Equal(got, []string{"Baptiste"}) {
		t.Errorf("desk CSV after choosing Confirmed and Jamaica lists %v, want [Baptiste]", got)
	}
	// The Excel button beside it sends the same filters.
	xlsx, err := excelize.OpenReader(bytes.NewReader(download(b, `[data-testid=xlsx-link]`)))
	if err != nil {
		t.Fatalf("the desk's Excel download is no workbook: %v", err)
	}
	defer xlsx.Close()
	if rows, err := xlsx.GetRows("Registrations"); err != nil || len(rows) != 2 || rows[1][slices.Index(rows[0], "last_name")] != "Baptiste" {
		t.Errorf("desk XLSX after choosing Confirmed and Jamaica: %q (%v), want Baptiste alone", rows, err)
	}

	b.Do(
		chromedp.Navigate(b.URL("/admin/reports")),
		chromedp.WaitVisible(chromedp.ID("status")),
		fillByLabel("Status (registrations report)", "Waitlisted"),
	)
	body = download(b, `[data-testid=report-registrations] [data-testid=csv-link]`)
	statuses := map[string]string{}
	for _, line := range strings.Split(string(body), "\n") {
		if f := strings.Split(strings.TrimSpace(line), ","); len(f) == 5 && f[0] == "status" && f[3] == "registrations" {
			statuses[f[1]] = f[4]
		}
	}
	if statuses["waitlisted"] != "1" || statuses["confirmed"] != "0" || statuses["pending"] != "0" {
		t.Errorf("registrations report CSV after choosing Waitlisted counts %v, want only the one waitlisted", statuses)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

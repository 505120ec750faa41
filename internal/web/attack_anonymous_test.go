package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestAttackAnonymousReadsWriteNothing: 200 anonymous visitors each read
// the registration form, the accreditation form and the console's login
// page, and download the media kit and a press file; a participant opens their self-service pages. No
// row of any table changes (web sessions and download counts included).
// The downloads still reach the console once the counts are flushed: the
// test drives the flush that a one-minute ticker drives in the server.
func TestAttackAnonymousReadsWriteNothing(t *testing.T) {
	t.Parallel()
	fx := newPressFixture(t)
	env := fx.env
	self := mustRegister(t, env, validForm("participant@example.org"))
	file := "/press/files/" + strconv.FormatInt(fx.photoID, 10)
	// The kit is built on the first request (into the cache folder, not the database).
	if res := env.Get("/press/kit.zip"); res.StatusCode != http.StatusOK {
		t.Fatalf("kit: %d", res.StatusCode)
	}
	fx.env.Server.FlushDownloads(t.Context())
	kitBefore := pressKitCount(t, fx)

	before := fingerprint(t, env)
	const visitors = 200
	var wg sync.WaitGroup
	for range visitors {
		wg.Go(func() {
			cl := env.Client()
			for _, path := range []string{"/register", "/press/accreditation", "/press/kit.zip", file,
				self, self + "/edit", self + "/cancel", self + "/agenda", "/admin/login"} {
				if res := cl.Get(path); res.StatusCode != http.StatusOK {
					t.Errorf("GET %s: %d", path, res.StatusCode)
				}
			}
		})
	}
	wg.Wait()
	after := fingerprint(t, env)
	for table, rows := range before {
		if after[table] != rows {
			t.Errorf("anonymous reads changed table %s", table)
		}
	}

	// The counts reach the console at the next flush.
	fx.env.Server.FlushDownloads(t.Context())
	if got := pressKitCount(t, fx); got != kitBefore+visitors {
		t.Errorf("kit downloads %d, want %d", got, kitBefore+visitors)
	}
	row := fx.cl.Get("/admin/press").Doc().Find(`[data-testid=files] tbody tr`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Text(), "Opening plenary")
	})
	if cell := strings.TrimSpace(row.Find("td.number").Text()); cell != strconv.Itoa(visitors) {
		t.Errorf("file downloads %q, want %d", cell, visitors)
	}
}

// pressKitCount reads the kit's download count from the press console.
func pressKitCount(t *testing.T, fx pressFixture) int {
	t.Helper()
	txt := fx.cl.Get("/admin/press").Doc().Find(`[data-testid=kit-downloads]`).Text()
	if strings.Contains(txt, "downloaded once") {
		return 1
	}
	for _, w := range strings.Fields(txt) {
		if n, err := strconv.Atoi(strings.ReplaceAll(w, ",", "")); err == nil {
			return n
		}
	}
	return 0
}

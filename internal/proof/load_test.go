package proof

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoad runs 200 concurrent clients against the real server for 10 s,
// half registering and half reading the agenda, each with no pause between
// requests: no 5xx, every acknowledged registration stored, capacity
// respected. It logs each kind of request's latency but bounds none: on a
// shared machine a latency bound fails by chance. The latency target (p99
// under 250 ms at this load) is measured by `make bench` (cmd/confbench's
// mixed run), beside a bare Fiber baseline.
//
// `make test` runs this package on its own, after the rest, and without the
// race detector, so that 200 clients do not starve other packages' tests.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	db := filepath.Join(t.TempDir(), "load.db")
	s := start(t, db)
	const clients = 200
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	transport := &http.Transport{MaxIdleConnsPerHost: clients}
	defer transport.CloseIdleConnections()

	var mu sync.Mutex
	var latencies []time.Duration
	byKind := map[string][]time.Duration{}
	var acked []string
	serverErrors := map[string]int{}
	// Requests that failed below HTTP (refused, reset, a body cut short)
	// while the run was still on: a server that died or dropped
	// connections would otherwise look like one that answered nothing.
	var transportErrors []string
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Transport: transport, Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			}}
			do := func(req *http.Request) (*http.Response, []byte, bool) {
				start := time.Now()
				res, err := c.Do(req)
				var body []byte
				if err == nil {
					body, err = io.ReadAll(res.Body)
					res.Body.Close()
				}
				if err != nil {
					if ctx.Err() == nil {
						mu.Lock()
						transportErrors = append(transportErrors, fmt.Sprintf("%s %s: %v", req.Method, req.URL.Path, err))
						mu.Unlock()
					}
					return nil, nil, false // the deadline ended the request, or the failure is counted above
				}
				took := time.Since(start)
				mu.Lock()
				latencies = append(latencies, took)
				byKind[req.Method+" "+req.URL.Path] = append(byKind[req.Method+" "+req.URL.Path], took)
				if res.StatusCode >= 500 {
					serverErrors[req.Method+" "+req.URL.Path]++
				}
				mu.Unlock()
				return res, body, true
			}
			for i := 0; ctx.Err() == nil; i++ {
				if w%2 == 1 {
					req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/agenda", nil)
					do(req)
					continue
				}
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/register", nil)
				_, page, ok := do(req)
				m := formToken.FindSubmatch(page)
				if !ok || m == nil {
					continue
				}
				email := fmt.Sprintf("load-%d-%d@example.org", w, i)
				form := url.Values{"_csrf": {string(m[1])}, "first_name": {"Load"}, "last_name": {"Tester"},
					"email": {email}, "country": {"BB"}, "organisation": {"Ministry of Home Affairs"},
					"org_type": {"government"}, "job_title": {"Officer"}, "consent": {"yes"}}
				req, _ = http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/register", strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				if res, _, ok := do(req); ok && res.StatusCode == http.StatusSeeOther {
					mu.Lock()
					acked = append(acked, email)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()

	if len(serverErrors) > 0 {
		t.Errorf("server errors: %v", serverErrors)
	}
	if len(transportErrors) > 0 {
		t.Errorf("%d requests failed before the run ended, the first: %s", len(transportErrors), transportErrors[0])
	}
	slices.Sort(latencies)
	if len(latencies) == 0 {
		t.Fatal("no request completed")
	}
	p50, p99 := latencies[len(latencies)/2], latencies[len(latencies)*99/100]
	t.Logf("%d requests, %d registrations acknowledged; p50 %v, p99 %v", len(latencies), len(acked), p50, p99)
	for kind, l := range byKind {
		slices.Sort(l)
		t.Logf("  %-15s %6d requests, p50 %v, p99 %v", kind, len(l), l[len(l)/2], l[len(l)*99/100])
	}
	conn := openDB(t, db)
	// Every query below fails the test when it fails: a count that could
	// not be read must not pass for zero.
	for _, email := range acked {
		var n int
		if err := conn.QueryRow(`SELECT count(*) FROM registrations WHERE email = ?`, email).Scan(&n); err != nil {
			t.Fatalf("count registrations of %s: %v", email, err)
		}
		if n != 1 {
			t.Errorf("acknowledged registration %s is stored %d times, want once", email, n)
		}
	}
	var active, capacity, conferences int
	if err := conn.QueryRow(`SELECT count(*), coalesce(max(capacity), 0) FROM conference`).Scan(&conferences, &capacity); err != nil {
		t.Fatalf("read the capacity: %v", err)
	}
	if conferences != 1 || capacity <= 0 {
		t.Fatalf("%d conferences, capacity %d: want the one demo conference, with places", conferences, capacity)
	}
	if err := conn.QueryRow(`SELECT count(*) FROM registrations
		WHERE status IN ('pending', 'confirmed') AND category <> 'press'`).Scan(&active); err != nil {
		t.Fatalf("count the places taken: %v", err)
	}
	if active > capacity {
		t.Errorf("%d places taken, capacity %d", active, capacity)
	}
	if len(acked) > 0 && active == 0 {
		t.Errorf("%d registrations acknowledged, yet no place is taken", len(acked))
	}
	if len(acked) < capacity {
		t.Logf("note: fewer registrations (%d) than places (%d); the waiting list was not exercised", len(acked), capacity)
	}
}

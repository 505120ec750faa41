package web_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"confdesk/internal/webtest"
)

// tokenRequests registers one participant and asks for paths that hold
// their self-service token and made-up tokens, on routes and off them. It
// returns the tokens, which must appear in no label and no log line.
func tokenRequests(t *testing.T, env *webtest.Env) []string {
	t.Helper()
	loc := mustRegister(t, env, validForm("metrics@example.org"))
	token := strings.TrimPrefix(loc, "/registration/")
	var raw [32]byte
	rand.Read(raw[:])
	fake := base64.RawURLEncoding.EncodeToString(raw[:])
	fakeHex := hex.EncodeToString(raw[:])
	for _, p := range []string{
		loc, loc + "/edit", loc + "/badge.pdf", loc + "/nope", loc + "?secret=query-value-here",
		"/registration/" + fake, "/registration/" + fake + "/", "/calendar/" + fakeHex + ".ics",
		"/" + fake, "/agenda", "/healthz",
	} {
		env.Get(p)
	}
	if res := env.Get(loc); res.StatusCode != http.StatusOK {
		t.Fatalf("GET the self-service page: %d", res.StatusCode)
	}
	return []string{token, fake, fakeHex, "query-value-here"}
}

// The metrics are served on a listener of their own and scraped as
// Prometheus would; the text parses, the families are there, and no label
// value holds a token or a path segment of one.
func TestMetricsScrapeHoldsNoToken(t *testing.T) {
	env := webtest.New(t, webtest.WithMetrics())
	secrets := tokenRequests(t, env)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- env.Metrics.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("metrics listener: %v", err)
		}
	})
	res, err := http.Get("http://" + ln.Addr().String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("scrape: %d", res.StatusCode)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(res.Body)
	if err != nil {
		t.Fatalf("the scrape does not parse: %v", err)
	}
	for _, name := range []string{
		"confdesk_http_requests_total", "confdesk_http_request_duration_seconds",
		"confdesk_registrations", "confdesk_outbox_messages", "confdesk_db_write_queue_depth",
		"confdesk_db_group_commit_size", "confdesk_db_size_bytes", "confdesk_db_scrape_ok",
		"go_goroutines", "go_memstats_alloc_bytes", "process_cpu_seconds_total",
	} {
		if families[name] == nil {
			t.Errorf("no metric family %s", name)
		}
	}
	routes := map[string]bool{}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				for _, s := range secrets {
					if strings.Contains(l.GetValue(), s) {
						t.Errorf("%s{%s=%q} holds a token", f.GetName(), l.GetName(), l.GetValue())
					}
				}
				if f.GetName() == "confdesk_http_requests_total" && l.GetName() == "route" {
					routes[l.GetValue()] = true
					for seg := range strings.SplitSeq(l.GetValue(), "/") {
						if len(seg) >= 16 && !strings.HasPrefix(seg, ":") {
							t.Errorf("route label %q has a long literal segment %q", l.GetValue(), seg)
						}
					}
				}
			}
		}
	}
	t.Logf("route labels: %v", routes)
	for _, want := range []string{"/registration/:token", "/agenda", "/healthz"} {
		if !routes[want] {
			t.Errorf("no requests counted for route %s; routes: %v", want, routes)
		}
	}
	value := func(name, label, labelValue string) float64 {
		for _, m := range families[name].GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == label && l.GetValue() == labelValue {
					return m.GetGauge().GetValue()
				}
			}
		}
		return -1
	}
	if n := value("confdesk_registrations", "status", "confirmed"); n < 1 {
		t.Errorf("confirmed registrations: %v, want at least the one made", n)
	}
	if n := value("confdesk_db_size_bytes", "file", "main"); n <= 0 {
		t.Errorf("database size: %v", n)
	}
	if f := families["confdesk_db_group_commit_size"]; f != nil && f.GetMetric()[0].GetHistogram().GetSampleCount() == 0 {
		t.Error("no group commit counted after a registration")
	}
	if f := families["confdesk_db_scrape_ok"]; f != nil && f.GetMetric()[0].GetGauge().GetValue() != 1 {
		t.Error("the scrape's database queries failed")
	}
}

// With --log-format json every line is one JSON object; a request line
// has the method, route pattern, status, duration and bytes, and no line
// holds a token or a query value.
func TestJSONRequestLog(t *testing.T) {
	var logs logBuffer
	env := webtest.New(t, webtest.WithJSONLog(&logs))
	secrets := tokenRequests(t, env)
	out := logs.String()
	requests := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("a log line is not JSON: %v\n%s", err, line)
		}
		for _, s := range secrets {
			if strings.Contains(line, s) {
				t.Errorf("a log line holds %q:\n%s", s, line)
			}
		}
		if rec["msg"] != "request" {
			continue
		}
		requests++
		for _, k := range []string{"time", "level", "method", "path", "route", "status", "duration", "bytes"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("request line without %q: %s", k, line)
			}
		}
		if _, ok := rec["status"].(float64); !ok {
			t.Errorf("status is not a number: %s", line)
		}
	}
	if requests < 12 {
		t.Errorf("%d request lines for at least 12 requests:\n%s", requests, out)
	}
	if !strings.Contains(out, `"route":"/registration/:token"`) {
		t.Errorf("no request line with the route pattern /registration/:token:\n%s", out)
	}
}

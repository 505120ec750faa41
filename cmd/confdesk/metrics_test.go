package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// serve with --metrics-addr serves /metrics on that listener only, and
// with --log-format json writes JSON lines; /readyz answers.
func TestServeMetricsListenerAndJSONLog(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr bytes.Buffer // read only after serve returned
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--metrics-addr", "127.0.0.1:0", "--log-format", "json"},
			env(map[string]string{"CONFDESK_ADMIN_PASSWORD": "a long enough password"}), nil, pw, &stderr)
		pw.Close()
	}()
	first, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v (%v)", err, <-done)
	}
	go io.Copy(io.Discard, pr)
	public := strings.Fields(first[strings.Index(first, "http://"):])[0]
	i := strings.Index(first, "metrics at ")
	if i < 0 {
		t.Fatalf("serve does not name the metrics address: %s", first)
	}
	metricsURL := strings.TrimRight(strings.Fields(first[i+len("metrics at "):])[0], ";")
	get := func(u string) (int, string) {
		t.Helper()
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, body := get(public + "/readyz"); code != http.StatusOK {
		t.Errorf("/readyz: %d %s", code, body)
	}
	if code, _ := get(public + "/metrics"); code != http.StatusNotFound {
		t.Errorf("/metrics on the public listener: %d, want 404", code)
	}
	code, body := get(metricsURL)
	if code != http.StatusOK || !strings.Contains(body, `confdesk_http_requests_total{method="GET",route="/readyz",status="200"} 1`) {
		t.Errorf("metrics listener: %d\n%s", code, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop within 15 s of cancellation")
	}
	lines := 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Errorf("not a JSON line: %v\n%s", err, sc.Text())
		}
		lines++
	}
	if lines < 3 {
		t.Errorf("%d log lines, want the requests' and the shutdown's", lines)
	}
}

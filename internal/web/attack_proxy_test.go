package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"

	"confdesk/internal/config"
	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// logBuffer collects the app's log lines; safe for the app's goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything logged so far.
func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// failLogins tries to log in with a wrong password as a different account
// each time, with forwarded as X-Forwarded-For, and returns the statuses:
// only the per-address limit can stop these. (Accounts that exist: an
// unknown e-mail costs a full-strength bcrypt comparison.)
func failLogins(t *testing.T, env *webtest.Env, n int, forwarded func(i int) string) []int {
	t.Helper()
	var codes []int
	for i := range n {
		u := env.CreateUser(model.UserCheckin, fmt.Sprintf("desk%d-%s@example.org", i, strings.NewReplacer(",", "", " ", "", ".", "-").Replace(forwarded(i))))
		cl := env.Client()
		cl.Header.Set("X-Forwarded-For", forwarded(i))
		res := cl.Submit("/admin/login", "/admin/login", url.Values{"email": {u.Email}, "password": {"not the password"}})
		codes = append(codes, res.StatusCode)
	}
	return codes
}

// Without --trusted-proxies, X-Forwarded-For is
// ignored: a client cannot dodge the per-address limit or put another
// address in the log by forging it.
func TestAttackForgedForwardedForIgnored(t *testing.T) {
	var logs logBuffer
	env := webtest.New(t, webtest.WithLog(&logs))
	codes := failLogins(t, env, 6, func(i int) string { return fmt.Sprintf("198.51.100.%d", i+1) })
	if codes[5] != http.StatusTooManyRequests {
		t.Errorf("sixth failure from one peer with forged X-Forwarded-For: %d, want 429 (%v)", codes[5], codes)
	}
	if strings.Contains(logs.String(), "198.51.100.") {
		t.Error("a forged X-Forwarded-For address reached the log")
	}
	if !strings.Contains(logs.String(), "client=0.0.0.0") {
		t.Errorf("the log does not name the peer:\n%s", logs.String())
	}
}

// Behind a trusted proxy the client is the right-most
// address in X-Forwarded-For that is not a trusted proxy: the limit counts
// real clients apart, and what a client writes to the left is ignored.
func TestAttackTrustedProxyForwardedFor(t *testing.T) {
	var logs logBuffer
	env := webtest.New(t, webtest.WithLog(&logs), webtest.WithConfig(func(c *config.Config) {
		// The test connection's peer is 0.0.0.0; 10.0.0.0/8 is an inner proxy.
		c.TrustedProxies = config.Prefixes{netip.MustParsePrefix("0.0.0.0/32"), netip.MustParsePrefix("10.0.0.0/8")}
	}))
	// Six people behind the proxy, one failure each: nobody is paused.
	for i, code := range failLogins(t, env, 6, func(i int) string { return fmt.Sprintf("198.51.100.%d", i+1) }) {
		if code != http.StatusUnauthorized {
			t.Errorf("client %d behind the proxy: %d, want 401", i, code)
		}
	}
	// One client forging ever new left-hand entries is still one client.
	codes := failLogins(t, env, 6, func(i int) string { return fmt.Sprintf("203.0.113.%d, 192.0.2.50, 10.1.2.3", i+1) })
	if codes[5] != http.StatusTooManyRequests {
		t.Errorf("sixth failure of one client behind two proxies: %d, want 429 (%v)", codes[5], codes)
	}
	log := logs.String()
	if !strings.Contains(log, "client=198.51.100.6") || !strings.Contains(log, "client=192.0.2.50") {
		t.Errorf("the log does not name the clients behind the proxy:\n%s", log)
	}
	if strings.Contains(log, "client=203.0.113.") || strings.Contains(log, "client=10.1.2.3") {
		t.Error("the log names a forged entry or a trusted proxy as the client")
	}
	// Two header lines are one list, in order.
	cl := env.Client()
	cl.Header.Add("X-Forwarded-For", "203.0.113.200")
	cl.Header.Add("X-Forwarded-For", "192.0.2.77")
	cl.Get("/healthz")
	if !strings.Contains(logs.String(), "client=192.0.2.77") {
		t.Error("the last X-Forwarded-For line was not read")
	}
}

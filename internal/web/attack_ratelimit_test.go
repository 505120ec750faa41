package web_test

import (
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"testing"

	"confdesk/internal/config"
	"confdesk/internal/webtest"
)

// submitFrom posts the public form at path once from addr (behind the
// trusted proxy) and returns the status. The form is incomplete on
// purpose: the limits count submissions, valid or not.
func submitFrom(t *testing.T, env *webtest.Env, path, addr string) int {
	t.Helper()
	return from(env, addr).Submit(path, path, url.Values{"first_name": {"Bogus"}}).StatusCode
}

// A bot hopping between the addresses of one block
// (IPv4 /24, IPv6 /64) is stopped by the per-block limit, while other
// blocks, and each address's own limit, are untouched.
func TestAttackRegisterPerBlockLimit(t *testing.T) {
	env := behindProxy(t, webtest.WithConfig(func(c *config.Config) {
		c.RegisterLimit = 2
		c.RegisterBlockLimit = 6
	}))
	for _, tc := range []struct {
		path, block, other string
		addr               func(i int) string
	}{
		{"/register", "198.51.100.0/24", "198.51.101.9", func(i int) string { return fmt.Sprintf("198.51.100.%d", i+1) }},
		{"/press/accreditation", "2001:db8:1:2::/64", "2001:db8:1:3::9", func(i int) string { return fmt.Sprintf("2001:db8:1:2::%x", i+1) }},
	} {
		// Six addresses of the block, one submission each: all accepted.
		for i := range 6 {
			if code := submitFrom(t, env, tc.path, tc.addr(i)); code == http.StatusTooManyRequests {
				t.Fatalf("%s: submission %d from %s refused", tc.path, i+1, tc.block)
			}
		}
		// A seventh address of the block: over the block's limit.
		if code := submitFrom(t, env, tc.path, tc.addr(6)); code != http.StatusTooManyRequests {
			t.Errorf("%s: seventh address of %s: %d, want 429", tc.path, tc.block, code)
		}
		// Another block is not held up.
		if code := submitFrom(t, env, tc.path, tc.other); code == http.StatusTooManyRequests {
			t.Errorf("%s: %s (another block) refused", tc.path, tc.other)
		}
		if !netip.MustParsePrefix(tc.block).Contains(netip.MustParseAddr(tc.addr(6))) {
			t.Fatal("test addresses outside their block")
		}
	}
	// The per-address limit still comes first: a third submission from one
	// address in a fresh block is refused.
	for i := range 3 {
		code := submitFrom(t, env, "/register", "203.0.113.5")
		if want := i == 2; (code == http.StatusTooManyRequests) != want {
			t.Errorf("submission %d from one address: %d", i+1, code)
		}
	}
}

// --register-limit 0 still turns every registration
// limit off, the per-block one included.
func TestRegisterLimitsOff(t *testing.T) {
	env := behindProxy(t, webtest.WithConfig(func(c *config.Config) {
		c.RegisterLimit = 0
		c.RegisterBlockLimit = 2
	}))
	for i := range 5 {
		if code := submitFrom(t, env, "/register", fmt.Sprintf("198.51.100.%d", i+1)); code == http.StatusTooManyRequests {
			t.Fatalf("submission %d refused with the limits off", i+1)
		}
	}
}

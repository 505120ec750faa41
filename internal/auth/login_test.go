package auth

import (
	"fmt"
	"testing"
	"time"
)

// The windows slide, take back a success, and forget keys nobody uses.
func TestThrottleWindows(t *testing.T) {
	now := time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC)
	th := NewThrottle(func() time.Time { return now })
	for i := range AddressMax {
		if _, ok, _ := th.Begin(fmt.Sprintf("u%d@example.org", i), "192.0.2.1", ""); !ok {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	_, ok, until := th.Begin("other@example.org", "192.0.2.1", "")
	if ok || !until.Equal(now.Add(AddressWindow)) {
		t.Fatalf("sixth attempt from one address: ok=%v until %v", ok, until)
	}
	now = now.Add(AddressWindow)
	a, ok, _ := th.Begin("other@example.org", "192.0.2.1", "")
	if !ok {
		t.Fatal("refused after the window passed")
	}
	a.Succeeded()
	if n := len(th.address.hits["ip:192.0.2.1"]); n != 0 {
		t.Errorf("%d attempts counted after the window and a success, want 0", n)
	}
	// Keys tried once are swept once their window has passed.
	for i := range sweepEvery {
		th.Begin(fmt.Sprintf("x%d@example.org", i), fmt.Sprintf("198.51.100.%d", i%250), "")
	}
	now = now.Add(2 * AccountWindow)
	for i := range sweepEvery {
		th.Begin("late@example.org", fmt.Sprintf("203.0.113.%d", i%250), "")
	}
	if n := len(th.account.hits); n > 1 {
		t.Errorf("%d account keys kept after their window, want only the live one", n)
	}
}

package web_test

import (
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

// behindProxy builds the app as it runs behind a reverse proxy: the test
// connection's peer (0.0.0.0) is trusted, so each client's address is the
// X-Forwarded-For it sends.
func behindProxy(t *testing.T, opts ...webtest.Option) *webtest.Env {
	t.Helper()
	return webtest.New(t, append([]webtest.Option{webtest.WithConfig(func(c *config.Config) {
		c.TrustedProxies = config.Prefixes{netip.MustParsePrefix("0.0.0.0/32")}
	})}, opts...)...)
}

// from returns a new client whose requests come from addr.
func from(env *webtest.Env, addr string) *webtest.Client {
	cl := env.Client()
	cl.Header.Set("X-Forwarded-For", addr)
	return cl
}

// loginForms returns n clients from addr, each holding the login form's token.
func loginForms(t *testing.T, env *webtest.Env, n int, addr string) ([]*webtest.Client, []string) {
	t.Helper()
	clients, tokens := make([]*webtest.Client, n), make([]string, n)
	for i := range clients {
		clients[i] = from(env, addr)
		tokens[i] = webtest.FormToken(t, clients[i].Get("/admin/login"), "/admin/login")
	}
	return clients, tokens
}

// The attempt is counted before the password is checked,
// so 40 simultaneous wrong passwords cannot all be checked. Repeated in
// bursts, each on a fresh app.
func TestAttackLoginBurstIsCounted(t *testing.T) {
	for round := range 3 {
		env := webtest.New(t)
		u := env.CreateUser(model.UserOrganiser)
		clients, tokens := loginForms(t, env, 40, "")
		codes := make([]int, len(clients))
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i, cl := range clients {
			wg.Go(func() {
				<-start
				codes[i] = cl.PostForm("/admin/login", url.Values{"_csrf": {tokens[i]}, "email": {u.Email},
					"password": {fmt.Sprintf("wrong guess number %d", i)}}).StatusCode
			})
		}
		close(start)
		wg.Wait()
		checked, refused := 0, 0
		for _, code := range codes {
			switch code {
			case http.StatusUnauthorized:
				checked++
			case http.StatusTooManyRequests:
				refused++
			default:
				t.Errorf("round %d: status %d", round, code)
			}
		}
		if checked > 5 || checked+refused != 40 {
			t.Errorf("round %d: %d of 40 simultaneous wrong passwords were checked (want at most 5), %d refused with 429", round, checked, refused)
		}
	}
}

// An attacker failing from ever new addresses cannot
// lock the owner out, who logs in from a browser that has logged in
// before; and once the attacker is over the bound, no guess from a
// browser without the device cookie is checked, the right one included.
func TestAttackLoginDeviceCookies(t *testing.T) {
	env := behindProxy(t)
	owner := env.CreateUser(model.UserCheckin, "desk@example.org")
	login := func(cl *webtest.Client, password string) int {
		t.Helper()
		return cl.Submit("/admin/login", "/admin/login", url.Values{"email": {owner.Email}, "password": {password}}).StatusCode
	}
	// The owner's browser has logged in before.
	ownerBrowser := from(env, "192.0.2.10")
	if code := login(ownerBrowser, webtest.TestPassword); code != http.StatusSeeOther {
		t.Fatalf("first login: %d", code)
	}

	checked := 0
	attack := func(n, first int) {
		t.Helper()
		for i := range n {
			// One guess per address: no per-address limit is ever reached.
			code := login(from(env, fmt.Sprintf("198.51.%d.%d", (first+i)/250, (first+i)%250+1)), fmt.Sprintf("guess %d", first+i))
			switch code {
			case http.StatusUnauthorized:
				checked++
			case http.StatusTooManyRequests:
			default:
				t.Fatalf("guess %d: status %d", first+i, code)
			}
		}
	}
	attack(60, 0)
	// Five failures for the account used to lock it: the owner gets in.
	if code := login(ownerBrowser, webtest.TestPassword); code != http.StatusSeeOther {
		t.Fatalf("owner from a known browser during the attack: %d, want 303", code)
	}
	attack(90, 60)
	if checked != 100 {
		t.Errorf("%d of 150 guesses from strangers were checked, want exactly 100 (the bound per hour)", checked)
	}
	// A stranger's guess is now refused unchecked, even the right password.
	if code := login(from(env, "203.0.113.77"), webtest.TestPassword); code != http.StatusTooManyRequests {
		t.Errorf("right password from a new address over the bound: %d, want 429 (not checked)", code)
	}
	// The owner still gets in from the known browser, again and again.
	for range 3 {
		if code := login(ownerBrowser, webtest.TestPassword); code != http.StatusSeeOther {
			t.Fatalf("owner from a known browser after the bound: %d, want 303", code)
		}
	}
	// A device cookie forged for the account, or issued for another, is no key.
	forger := from(env, "203.0.113.78")
	name := ""
	for _, c := range ownerBrowser.Cookies() {
		if strings.HasPrefix(c.Name, "confdesk_device_") {
			name = c.Name
		}
	}
	if name == "" {
		t.Fatal("the owner's browser holds no device cookie")
	}
	forger.SetCookie(&http.Cookie{Name: name, Value: "AAAAAAAAAAAAAAAAAAAAAA.AAAA"})
	if code := login(forger, webtest.TestPassword); code != http.StatusTooManyRequests {
		t.Errorf("forged device cookie: %d, want 429", code)
	}
	// The per-address limit still holds for the known browser: five wrong
	// passwords from its address pause it.
	for i := range 5 {
		if code := login(ownerBrowser, fmt.Sprintf("typo %d", i)); code != http.StatusUnauthorized {
			t.Fatalf("typo %d: %d", i, code)
		}
	}
	if code := login(ownerBrowser, webtest.TestPassword); code != http.StatusTooManyRequests {
		t.Errorf("after five failures from its address: %d, want 429", code)
	}
}

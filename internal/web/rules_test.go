package web_test

// Business rules that must hold when requests meet (settings
// changed during a burst of registrations, approvals racing edits,
// check-ins racing cancellations) and when a registration comes back
// (waiting list, reinstatement, workshop places, visa letters). Races run
// as repeated bursts of goroutines released together; run them with -race.

import (
	"net/http"
	"net/url"
	"sync"
	"testing"

	"confdesk/internal/webtest"
)

// idOf returns the id of the registration with e-mail address email.
func idOf(t *testing.T, env *webtest.Env, email string) int64 {
	t.Helper()
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatalf("registration %s: %v", email, err)
	}
	return id
}

// loginAs returns a client signed in as a new account with role and e-mail
// address email: each goroutine of a race gets its own session.
func loginAs(t *testing.T, env *webtest.Env, role, email string) *webtest.Client {
	t.Helper()
	env.CreateUser(role, email)
	cl := env.Client()
	res := cl.Submit("/admin/login", "/admin/login", url.Values{"email": {email}, "password": {webtest.TestPassword}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: %d", email, res.StatusCode)
	}
	return cl
}

// together runs every fn at once, released by one signal, and waits for all.
func together(fns ...func()) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			fn()
		}()
	}
	close(start)
	wg.Wait()
}

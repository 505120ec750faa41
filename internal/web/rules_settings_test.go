package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// settingsPost is the organiser's settings form as loaded, changed by
// change, with its token: ready to post at the moment a test chooses.
func settingsPost(t *testing.T, org *webtest.Client, change func(url.Values)) url.Values {
	t.Helper()
	f := webtest.FormValues(t, org.Get("/admin/settings"), "/admin/settings")
	change(f)
	f.Set("_csrf", org.AdminToken())
	return f
}

// registrationBurst prepares n visitors with a filled registration form
// each (e-mail prefix-NN@example.org), to post at the moment a test chooses.
func registrationBurst(t *testing.T, env *webtest.Env, prefix string, n int) []func() {
	t.Helper()
	fns := make([]func(), n)
	for i := range n {
		cl := env.Client()
		f := validForm(fmt.Sprintf("%s-%02d@example.org", prefix, i))
		f.Set("_csrf", webtest.FormToken(t, cl.Get("/register"), "/register"))
		fns[i] = func() {
			if res := cl.PostForm("/register", f); res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusForbidden {
				t.Errorf("POST /register = %d", res.StatusCode)
			}
		}
	}
	return fns
}

// registeredAfter returns the status of every registration whose
// "register" audit line was written after the conference's last audit line
// (the settings save): the registrations decided after the save committed.
func registeredAfter(t *testing.T, env *webtest.Env) []string {
	t.Helper()
	rows, err := env.DB.Read.Query(`SELECT r.status FROM audit_log a JOIN registrations r ON r.id = a.entity_id
		WHERE a.entity = 'registration' AND a.action = 'register'
		AND a.id > (SELECT max(id) FROM audit_log WHERE entity = 'conference')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// TestSettingsChangeDuringRegistrationBurst: moderation
// switched on, the window closed and capacity lowered while twenty people
// register. Every registration decided after the save follows the new
// settings: none confirmed without review, none accepted after closing,
// never more places taken than the new capacity.
func TestSettingsChangeDuringRegistrationBurst(t *testing.T) {
	t.Parallel()
	const rounds, n = 4, 20
	t.Run("moderation", func(t *testing.T) {
		for round := range rounds {
			env := webtest.New(t)
			org := env.Login(model.UserOrganiser)
			f := settingsPost(t, org, func(f url.Values) { f.Set("moderation", "yes") })
			save := func() {
				if res := org.PostForm("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
					t.Errorf("save: %d", res.StatusCode)
				}
			}
			together(append(registrationBurst(t, env, "mod", n), save)...)
			for _, s := range registeredAfter(t, env) {
				if s != model.StatusPending {
					t.Fatalf("round %d: a registration decided after moderation was switched on is %s, want pending", round, s)
				}
			}
		}
	})
	t.Run("window", func(t *testing.T) {
		for round := range rounds {
			env := webtest.New(t)
			org := env.Login(model.UserOrganiser)
			// Closing a minute ago (in the conference's zone) ends registration at once.
			closes := env.Clock.Now().Add(-60e9).In(env.Conference.Location()).Format("2006-01-02T15:04")
			f := settingsPost(t, org, func(f url.Values) { f.Set("registration_opens", ""); f.Set("registration_closes", closes) })
			save := func() {
				if res := org.PostForm("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
					t.Errorf("save: %d", res.StatusCode)
				}
			}
			together(append(registrationBurst(t, env, "win", n), save)...)
			if after := registeredAfter(t, env); len(after) > 0 {
				t.Fatalf("round %d: %d registrations accepted after registration closed", round, len(after))
			}
		}
	})
	t.Run("capacity", func(t *testing.T) {
		// Ordered on the writer, not by timing: while a test job holds the
		// writer, the lowered capacity queues first and the twenty
		// registrations queue behind it, so each has read anything it reads
		// outside the writer before the new capacity commits. Registrations
		// that decide on such a stale copy overbook; those that read inside
		// their transaction fill the eight places and wait for the rest.
		// (The settings form's own save is the write that queues here; the
		// request adds a session write before it, which would spoil the order.)
		const lowered = 8
		for round := range rounds {
			env := webtest.New(t)
			setConference(t, env, `capacity = 1000`)
			burst := registrationBurst(t, env, "cap", n)
			release := holdWriter(t, env)
			var wg sync.WaitGroup
			wg.Go(func() {
				if _, err := env.DB.Exec(t.Context(), `UPDATE conference SET capacity = ?`, lowered); err != nil {
					t.Error(err)
				}
			})
			waitQueued(t, env, 1)
			for _, fn := range burst {
				wg.Go(fn)
			}
			waitQueued(t, env, 1+n)
			release()
			wg.Wait()
			taken := count(t, env, `SELECT count(*) FROM registrations WHERE status IN ('pending', 'confirmed') AND category <> 'press'`)
			if taken != lowered {
				t.Fatalf("round %d: %d places taken after capacity was lowered to %d", round, taken, lowered)
			}
			if w := count(t, env, `SELECT count(*) FROM registrations WHERE status = 'waitlisted'`); w != n-taken {
				t.Errorf("round %d: %d waitlisted, want %d", round, w, n-taken)
			}
		}
	})
}

// holdWriter occupies the database's one writer until the returned
// function is called, so that requests queue behind it in a known order.
func holdWriter(t *testing.T, env *webtest.Env) (release func()) {
	t.Helper()
	held, done, finished := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		finished <- env.Store.Update(t.Context(), func(*store.Tx) error { close(held); <-done; return nil })
	}()
	<-held
	return func() {
		close(done)
		if err := <-finished; err != nil {
			t.Fatal(err)
		}
	}
}

// waitQueued polls until n writes wait for the writer.
func waitQueued(t *testing.T, env *webtest.Env, n int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); env.DB.QueuedWrites() < n; {
		if time.Now().After(deadline) {
			t.Fatalf("%d writes queued, want %d", env.DB.QueuedWrites(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

// raiseCapacity saves the settings form with a new capacity and returns the flash it shows.
func raiseCapacity(t *testing.T, org *webtest.Client, capacity int) string {
	t.Helper()
	f := webtest.FormValues(t, org.Get("/admin/settings"), "/admin/settings")
	f.Set("capacity", fmt.Sprint(capacity))
	res := org.PostAdmin("/admin/settings", f)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save capacity %d: %d\n%s", capacity, res.StatusCode, res.Doc().Find("#error-summary").Text())
	}
	return org.Get(res.Header.Get("Location")).Doc().Find(`[role=status]`).Text()
}

// TestRaisingCapacityPromotesTheWaitingList: raising the
// capacity gives the new places to the waiting list in its order, with
// their e-mails, and a newcomer never overtakes anyone who waits.
func TestRaisingCapacityPromotesTheWaitingList(t *testing.T) {
	env := webtest.New(t)
	setConference(t, env, `capacity = 2`)
	for _, who := range []string{"a", "b", "c", "d"} {
		mustRegister(t, env, validForm(who+"@example.org"))
	}
	a, b, c, d := idOf(t, env, "a@example.org"), idOf(t, env, "b@example.org"), idOf(t, env, "c@example.org"), idOf(t, env, "d@example.org")
	if statusOf(t, env, c) != model.StatusWaitlisted || statusOf(t, env, d) != model.StatusWaitlisted {
		t.Fatal("c and d should wait")
	}
	org := env.Login(model.UserOrganiser)

	// One more place: the first in the queue has it, the second still waits.
	flash := raiseCapacity(t, org, 3)
	if statusOf(t, env, c) != model.StatusConfirmed || statusOf(t, env, d) != model.StatusWaitlisted {
		t.Fatalf("after capacity 3: c %s, d %s; want c confirmed, d waitlisted", statusOf(t, env, c), statusOf(t, env, d))
	}
	if kinds := mailKinds(t, env, c); kinds[0] != "promoted" {
		t.Errorf("c's mails %v (newest first), want the promotion last", kinds)
	}
	if !strings.Contains(flash, referenceOf(t, env, c)) {
		t.Errorf("the settings page does not say who was promoted: %q", flash)
	}
	// A newcomer joins the queue behind d: no one overtakes the waiting list.
	e := mustRegister(t, env, validForm("e@example.org"))
	if pos := env.Get(e).Doc().Find(`[data-testid=waitlist-position] strong`).Text(); pos != "2" {
		t.Fatalf("newcomer: waiting-list position %q, want 2 (behind d)", pos)
	}
	eID := idOf(t, env, "e@example.org")

	// Two more places: d, then e, in the queue's order, each with a message.
	raiseCapacity(t, org, 5)
	for _, id := range []int64{a, b, c, d, eID} {
		if s := statusOf(t, env, id); s != model.StatusConfirmed {
			t.Errorf("registration %d is %s after capacity 5", id, s)
		}
	}
	order := count(t, env, `SELECT count(*) FROM audit_log x, audit_log y
		WHERE x.entity_id = ? AND y.entity_id = ? AND x.action = 'status_confirmed' AND y.action = 'status_confirmed' AND x.id < y.id`, d, eID)
	if order != 1 {
		t.Error("d and e were not promoted in the queue's order")
	}
	if n := count(t, env, `SELECT count(*) FROM outbox WHERE kind = 'promoted'`); n != 3 {
		t.Errorf("%d promotion e-mails, want 3 (c, d, e)", n)
	}
	// The conference is full again: the sixth waits.
	f := mustRegister(t, env, validForm("f@example.org"))
	if st := env.Get(f).Doc().Find(`[data-testid=status]`).Text(); !strings.HasPrefix(st, "On the waiting list") {
		t.Errorf("sixth: %q", st)
	}

	// Under moderation the promoted go to review (pending), still in order.
	setConference(t, env, `moderation = 1`)
	raiseCapacity(t, org, 6)
	if s := statusOf(t, env, idOf(t, env, "f@example.org")); s != model.StatusPending {
		t.Errorf("promoted under moderation: %s, want pending", s)
	}
}

package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// TestWorkshopPlacesOnReinstatementAndPromotion: a
// registration that becomes confirmed again keeps the workshop places that
// are still free, loses those others took meanwhile, and is told so in its
// e-mail and on its page; no workshop ends over its limit.
func TestWorkshopPlacesOnReinstatementAndPromotion(t *testing.T) {
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	ws := d.sessions[clashTitle]
	plenary := d.sessions["Opening plenary: trafficking in the Caribbean today"]
	if _, err := env.DB.Write.Exec(`UPDATE sessions SET capacity = 1 WHERE id = ?`, ws); err != nil {
		t.Fatal(err)
	}
	workshopTaken := func() int {
		return count(t, env, `SELECT count(*) FROM session_signups su JOIN registrations r ON r.id = su.registration_id
			WHERE su.session_id = ? AND r.status = 'confirmed'`, ws)
	}
	org := env.Login(model.UserOrganiser)

	// Reinstatement: A held the workshop, cancelled; B took it; A is reinstated.
	aCl, bCl := env.Client(), env.Client()
	aBase := mustRegister(t, env, validForm("a@example.org"))
	if res := choose(t, aCl, aBase, plenary, ws); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("A chooses: %d", res.StatusCode)
	}
	aCl.Submit(aBase+"/cancel", aBase+"/cancel", url.Values{})
	bBase := mustRegister(t, env, validForm("b@example.org"))
	if res := choose(t, bCl, bBase, ws); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("B takes the freed workshop place: %d", res.StatusCode)
	}
	a := idOf(t, env, "a@example.org")
	if res := org.PostAdmin(regPath(a)+"/confirm", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reinstate A: %d\n%s", res.StatusCode, res.Body)
	}
	if n := workshopTaken(); n != 1 {
		t.Fatalf("%d confirmed participants in a workshop of 1 after reinstatement", n)
	}
	if n := count(t, env, `SELECT count(*) FROM session_signups WHERE registration_id = ? AND session_id = ?`, a, plenary); n != 1 {
		t.Error("A lost the plenary, which has no limit")
	}
	checkToldOfLoss(t, env, aCl, aBase, a, "confirmed") // A then drops the plenary

	// Promotion: C held the workshop, was moved to the waiting list, E took
	// the place, a cancellation promotes C.
	cCl, eCl := env.Client(), env.Client()
	if _, err := env.DB.Write.Exec(`DELETE FROM session_signups WHERE session_id = ?`, ws); err != nil {
		t.Fatal(err)
	}
	cBase := mustRegister(t, env, validForm("c@example.org"))
	if res := choose(t, cCl, cBase, ws); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("C chooses: %d", res.StatusCode)
	}
	eBase := mustRegister(t, env, validForm("e@example.org"))
	c := idOf(t, env, "c@example.org")
	taken := count(t, env, `SELECT count(*) FROM registrations WHERE status IN ('pending', 'confirmed')`)
	setConference(t, env, `capacity = ?`, taken)
	if res := org.PostAdmin(regPath(c)+"/waitlist", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("waitlist C: %d", res.StatusCode)
	}
	if res := choose(t, eCl, eBase, ws); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("E takes C's workshop place: %d", res.StatusCode)
	}
	bCl.Submit(bBase+"/cancel", bBase+"/cancel", url.Values{})
	if s := statusOf(t, env, c); s != model.StatusConfirmed {
		t.Fatalf("C is %s after a cancellation, want promoted", s)
	}
	if n := workshopTaken(); n != 1 {
		t.Fatalf("%d confirmed participants in a workshop of 1 after promotion", n)
	}
	checkToldOfLoss(t, env, cCl, cBase, c, "promoted", plenary) // C then picks the plenary
}

// checkToldOfLoss checks that registration id lost the workshop and was
// told: in its last e-mail (of kind mailKind) and on its page, until it
// changes its agenda (to newChoice).
func checkToldOfLoss(t *testing.T, env *webtest.Env, cl *webtest.Client, base string, id int64, mailKind string, newChoice ...int64) {
	t.Helper()
	if n := count(t, env, `SELECT count(*) FROM session_signups su JOIN sessions s ON s.id = su.session_id
		WHERE su.registration_id = ? AND s.title = ?`, id, clashTitle); n != 0 {
		t.Errorf("registration %d still holds the workshop someone else took", id)
	}
	var kind, body string
	env.DB.Read.QueryRow(`SELECT kind, body_text FROM outbox WHERE registration_id = ? ORDER BY id DESC LIMIT 1`, id).Scan(&kind, &body)
	if kind != mailKind || !strings.Contains(strings.Join(strings.Fields(body), " "), clashTitle) {
		t.Errorf("last e-mail (%s) does not name the workshop lost:\n%s", kind, body)
	}
	page := cl.Get(base).Doc()
	if notice := page.Find(`[data-testid=lost-sessions]`).Text(); !strings.Contains(notice, clashTitle) {
		t.Errorf("the page does not say the workshop was lost: %q", notice)
	}
	if res := choose(t, cl, base, newChoice...); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("new agenda: %d", res.StatusCode)
	}
	if cl.Get(base).Doc().Find(`[data-testid=lost-sessions]`).Length() != 0 {
		t.Error("the notice stays after the participant saved a new agenda")
	}
}

// TestWorkshopPlacesRaceReinstatement (as a race): three
// cancelled participants who held a workshop's three places are
// reinstated while three newcomers sign up for it, three times over. The
// workshop never ends with more confirmed participants than places.
func TestWorkshopPlacesRaceReinstatement(t *testing.T) {
	const rounds, places = 3, 3
	for round := range rounds {
		env := webtest.New(t)
		ws := loadDemoAgenda(t, env).sessions[clashTitle]
		if _, err := env.DB.Write.Exec(`UPDATE sessions SET capacity = ? WHERE id = ?`, places, ws); err != nil {
			t.Fatal(err)
		}
		var fns []func()
		for i := range places {
			cl := env.Client()
			email := fmt.Sprintf("back-%02d@example.org", i)
			base := mustRegister(t, env, validForm(email))
			if res := choose(t, cl, base, ws); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("choose: %d", res.StatusCode)
			}
			cl.Submit(base+"/cancel", base+"/cancel", url.Values{})
			org := loginAs(t, env, model.UserOrganiser, fmt.Sprintf("org-%02d@example.org", i))
			reinstate := url.Values{"_csrf": {org.AdminToken()}}
			path := regPath(idOf(t, env, email)) + "/confirm"
			fns = append(fns, func() {
				if res := org.PostForm(path, reinstate); res.StatusCode != http.StatusSeeOther {
					t.Errorf("reinstate: %d", res.StatusCode)
				}
			})
		}
		for i := range places {
			cl := env.Client()
			base := mustRegister(t, env, validForm(fmt.Sprintf("new-%02d@example.org", i)))
			page := cl.Get(base + "/agenda")
			f := url.Values{"_csrf": {webtest.FormToken(t, page, base+"/agenda")}, "session": {itoa64(ws)}}
			fns = append(fns, func() {
				if res := cl.PostForm(base+"/agenda", f); res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusConflict {
					t.Errorf("sign up: %d", res.StatusCode)
				}
			})
		}
		together(fns...)
		taken := count(t, env, `SELECT count(*) FROM session_signups su JOIN registrations r ON r.id = su.registration_id
			WHERE su.session_id = ? AND r.status = 'confirmed'`, ws)
		if taken > places {
			t.Fatalf("round %d: %d confirmed participants in a workshop of %d", round, taken, places)
		}
	}
}

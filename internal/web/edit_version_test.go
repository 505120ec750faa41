package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// An edit form saved after someone else's save would
// overwrite it. Every edit form carries the version it was loaded from.

// TestStaleParticipantEditIsRefused is the case seen in use: the organiser
// saves "Severe peanut allergy"; the participant then submits the form
// they had opened earlier, changing only the phone.
func TestStaleParticipantEditIsRefused(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	loc := mustRegister(t, env, validForm("allergy@example.org"))
	id := registrationID(t, env, "allergy@example.org")
	participant := env.Client()
	opened := participant.Get(loc + "/edit")
	earlier := webtest.FormValues(t, opened, loc+"/edit")

	org := env.Login(model.UserOrganiser)
	f := webtest.FormValues(t, mustGet(t, org, regPath(id)+"/edit"), regPath(id)+"/edit")
	f.Set("dietary", "Severe peanut allergy")
	if res := org.PostAdmin(regPath(id)+"/edit", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("organiser's save: %d\n%s", res.StatusCode, res.Body)
	}

	earlier.Set("phone", "+1 868 555 0199")
	res := participant.PostForm(loc+"/edit", earlier)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("stale save: %d, want 409", res.StatusCode)
	}
	if !strings.Contains(res.Doc().Find(`[role=alert]`).Text(), "changed by someone else") {
		t.Error("no message saying why the save was refused")
	}
	if v := res.Doc().Find(`#dietary`).Text(); v != "Severe peanut allergy" {
		t.Errorf("the refused form shows dietary %q, not what is stored", v)
	}
	var dietary, phone string
	env.DB.Read.QueryRow(`SELECT dietary, phone FROM registrations WHERE id = ?`, id).Scan(&dietary, &phone)
	if dietary != "Severe peanut allergy" || phone != "+1 868 555 0123" {
		t.Errorf("after the stale save: dietary %q, phone %q", dietary, phone)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'update' AND actor = 'participant'`); n != 0 {
		t.Error("the refused save is in the audit log")
	}

	// The form that came back holds the current version: saving it works.
	again := webtest.FormValues(t, res, loc+"/edit")
	again.Set("phone", "+1 868 555 0199")
	if res := participant.PostForm(loc+"/edit", again); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save from the refreshed form: %d", res.StatusCode)
	}
	env.DB.Read.QueryRow(`SELECT dietary, phone FROM registrations WHERE id = ?`, id).Scan(&dietary, &phone)
	if dietary != "Severe peanut allergy" || phone != "+1 868 555 0199" {
		t.Errorf("after the fresh save: dietary %q, phone %q", dietary, phone)
	}
}

// TestStaleOrganiserEditIsRefused: the console's form is held to the same
// rule, against a participant's save and against a status change.
func TestStaleOrganiserEditIsRefused(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	loc := mustRegister(t, env, validForm("org-edit@example.org"))
	id := registrationID(t, env, "org-edit@example.org")
	org := env.Login(model.UserOrganiser)
	earlier := webtest.FormValues(t, mustGet(t, org, regPath(id)+"/edit"), regPath(id)+"/edit")

	p := env.Client()
	f := webtest.FormValues(t, p.Get(loc+"/edit"), loc+"/edit")
	f.Set("accessibility", "Wheelchair user")
	if res := p.Submit(loc+"/edit", loc+"/edit", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("participant's save: %d", res.StatusCode)
	}
	earlier.Set("job_title", "Deputy Director")
	res := org.PostAdmin(regPath(id)+"/edit", earlier)
	if res.StatusCode != http.StatusConflict || res.Doc().Find(`[data-testid=stale-notice]`).Length() != 1 {
		t.Fatalf("stale organiser save: %d", res.StatusCode)
	}
	if v := res.Doc().Find(`#accessibility`).Text(); v != "Wheelchair user" {
		t.Errorf("the refused form shows %q, not what is stored", v)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE id = ? AND accessibility = 'Wheelchair user' AND job_title <> 'Deputy Director'`, id); n != 1 {
		t.Error("the stale organiser save overwrote the participant's")
	}
}

// TestVersionCountsEveryWrite: status changes, token changes and edits all
// move the version, so a form loaded before any of them is stale.
func TestVersionCountsEveryWrite(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	mustRegister(t, env, validForm("v@example.org"))
	id := registrationID(t, env, "v@example.org")
	before := versionOf(t, env, id)
	org := env.Login(model.UserOrganiser)
	if res := org.PostAdmin(regPath(id)+"/waitlist", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("waitlist: %d", res.StatusCode)
	}
	if after := versionOf(t, env, id); after <= before {
		t.Errorf("a status change left the version at %d", after)
	}
}

// TestSimultaneousSavesOfOneVersion: of many saves from forms loaded at
// the same version, exactly one is stored; the others are refused.
func TestSimultaneousSavesOfOneVersion(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	loc := mustRegister(t, env, validForm("burst@example.org"))
	id := registrationID(t, env, "burst@example.org")
	for round := range 5 {
		// Eight people open the form at the same version, then all save.
		clients := make([]*webtest.Client, 8)
		forms := make([]url.Values, 8)
		for i := range clients {
			clients[i] = env.Client()
			forms[i] = webtest.FormValues(t, clients[i].Get(loc+"/edit"), loc+"/edit")
			forms[i].Set("job_title", "Officer "+strconv.Itoa(round)+"-"+strconv.Itoa(i))
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		codes := map[int]int{}
		for i := range clients {
			cl, f := clients[i], forms[i]
			wg.Add(1)
			go func() {
				defer wg.Done()
				res := cl.PostForm(loc+"/edit", f)
				mu.Lock()
				codes[res.StatusCode]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		if codes[http.StatusSeeOther] != 1 || codes[http.StatusConflict] != 7 {
			t.Fatalf("round %d: answers %v, want one 303 and seven 409", round, codes)
		}
		if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'update' AND entity_id = ?`, id); n != round+1 {
			t.Fatalf("round %d: %d edits audited", round, n)
		}
	}
}

func registrationID(t *testing.T, env *webtest.Env, email string) int64 {
	t.Helper()
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email_key = ?`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func versionOf(t *testing.T, env *webtest.Env, id int64) int64 {
	t.Helper()
	var v int64
	if err := env.DB.Read.QueryRow(`SELECT version FROM registrations WHERE id = ?`, id).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

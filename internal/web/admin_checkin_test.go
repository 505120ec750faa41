package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// registered makes a registration through the public form and returns it.
func registered(t *testing.T, env *webtest.Env, email string) model.Registration {
	t.Helper()
	mustRegister(t, env, validForm(email))
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	r, err := env.Store.Registration(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// scan posts a code at the desk and follows the redirect to the answer.
func scan(t *testing.T, cl *webtest.Client, code string, session int64) *webtest.Response {
	t.Helper()
	res := cl.PostAdmin("/admin/checkin", url.Values{"code": {code}, "session": {fmt.Sprint(session)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("scan %q: %d", code, res.StatusCode)
	}
	return cl.Get(res.Header.Get("Location"))
}

func state(res *webtest.Response) string {
	s, _ := res.Doc().Find(`[data-testid=checkin-result]`).Attr("data-state")
	return s
}

func TestCheckinStates(t *testing.T) {
	env := webtest.New(t)
	ok := registered(t, env, "ok@example.org")
	cancelled := registered(t, env, "gone@example.org")
	setConference(t, env, `moderation = 1`)
	pending := registered(t, env, "wait@example.org")
	env.DB.Write.Exec(`UPDATE registrations SET status = 'cancelled' WHERE id = ?`, cancelled.ID)

	desk := env.Login(model.UserCheckin)
	res := scan(t, desk, ok.CheckinCode, 0)
	if state(res) != "checked-in" || !strings.Contains(res.Body, "Désirée Piñeiro-Nguyễn") || !strings.Contains(res.Body, "Trinidad and Tobago") {
		t.Fatalf("first scan: state %q", state(res))
	}
	// A double scan does not check in twice, and says when and by whom.
	env.Clock.Advance(5 * time.Minute)
	res = scan(t, desk, ok.CheckinCode, 0)
	if state(res) != "already" || !strings.Contains(res.Body, "checkin@example.org") || !strings.Contains(res.Body, "10:00") {
		t.Errorf("double scan: state %q\n%s", state(res), res.Doc().Find(`[data-testid=checkin-result]`).Text())
	}
	if n := count(t, env, `SELECT count(*) FROM checkins WHERE registration_id = ?`, ok.ID); n != 1 {
		t.Errorf("%d check-ins after a double scan, want 1", n)
	}
	// A typed reference in any case works too.
	if res := scan(t, desk, " "+strings.ToLower(ok.Reference)+" ", 0); state(res) != "already" {
		t.Errorf("typed reference: %q", state(res))
	}
	for name, r := range map[string]model.Registration{"cancelled": cancelled, "pending": pending} {
		res := scan(t, desk, r.CheckinCode, 0)
		if state(res) != "not-confirmed" || !strings.Contains(res.Body, "do not admit") {
			t.Errorf("%s: state %q", name, state(res))
		}
	}
	res = scan(t, desk, "<script>NOPE</script>", 0)
	if state(res) != "unknown" || strings.Contains(res.Body, "<script>NOPE") {
		t.Errorf("unknown code: state %q, or echoed unescaped", state(res))
	}
	if n := count(t, env, `SELECT count(*) FROM checkins`); n != 1 {
		t.Errorf("%d check-ins, want only the confirmed one", n)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'check_in' AND entity_id = ?`, ok.ID); n != 1 {
		t.Errorf("check-in not audited")
	}
}

func TestCheckinUndoAndSessionMode(t *testing.T) {
	env := webtest.New(t)
	r := registered(t, env, "ok@example.org")
	var sessionID int64
	env.DB.Read.QueryRow(`SELECT id FROM sessions WHERE kind = 'workshop' LIMIT 1`).Scan(&sessionID)
	desk := env.Login(model.UserOrganiser)

	res := scan(t, desk, r.CheckinCode, 0)
	undo, ok := res.Doc().Find(`form[action$="/undo"]`).Attr("action")
	if !ok {
		t.Fatal("no undo button after a check-in")
	}
	if res := desk.PostAdmin(undo, url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("undo: %d", res.StatusCode)
	}
	if res := desk.PostAdmin(undo, url.Values{}); res.StatusCode != http.StatusNotFound {
		t.Errorf("second undo: %d, want 404", res.StatusCode)
	}
	if res := scan(t, desk, r.CheckinCode, 0); state(res) != "checked-in" {
		t.Errorf("after undo the person can be checked in again: %q", state(res))
	}
	// Session mode records attendance at the session, apart from the door.
	res = scan(t, desk, r.CheckinCode, sessionID)
	if state(res) != "checked-in" {
		t.Errorf("session check-in: %q", state(res))
	}
	if res := scan(t, desk, r.CheckinCode, sessionID); state(res) != "already" {
		t.Errorf("second session scan: %q", state(res))
	}
	if n := count(t, env, `SELECT count(*) FROM checkins WHERE session_id = ? AND undone_at IS NULL`, sessionID); n != 1 {
		t.Errorf("%d session check-ins, want 1", n)
	}
	if !strings.Contains(desk.Get(fmt.Sprintf("/admin/checkin?session=%d", sessionID)).Body, "1 arrived so far") {
		t.Error("the desk does not count the session's arrivals")
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'undo_check_in'`); n != 1 {
		t.Errorf("undo not audited")
	}
}

func TestCheckinRoles(t *testing.T) {
	env := webtest.New(t)
	if res := env.Login(model.UserPressOfficer).Get("/admin/checkin"); res.StatusCode != http.StatusForbidden {
		t.Errorf("press officer at the desk: %d, want 403", res.StatusCode)
	}
	res := env.Login(model.UserCheckin).Get("/admin/checkin")
	if res.StatusCode != http.StatusOK || res.Doc().Find(`input#code[autofocus]`).Length() != 1 {
		t.Errorf("desk page: %d, or the input is not focused", res.StatusCode)
	}
	// Desk staff see only the desk in the navigation.
	if n := res.Doc().Find(`nav[aria-label=Console] .site-nav a`).Length(); n != 1 {
		t.Errorf("desk staff see %d navigation items, want 1", n)
	}
}

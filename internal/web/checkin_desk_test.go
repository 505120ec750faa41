package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// workshop returns the id and title of a seeded workshop.
func workshop(t *testing.T, env *webtest.Env) (int64, string) {
	t.Helper()
	var id int64
	var title string
	if err := env.DB.Read.QueryRow(`SELECT id, title FROM sessions WHERE kind = 'workshop' ORDER BY id LIMIT 1`).Scan(&id, &title); err != nil {
		t.Fatal(err)
	}
	return id, title
}

// The session chooser is part of the scan form, so the session showing in
// it is the one every scan is for; the answer says what the person was
// checked in for.
func TestCheckinSessionTravelsWithTheScan(t *testing.T) {
	env := webtest.New(t)
	r := registered(t, env, "ok@example.org")
	sessionID, title := workshop(t, env)
	desk := env.Login(model.UserCheckin)

	page := desk.Get("/admin/checkin")
	if page.Doc().Find(`form#checkin-form select[name=session]`).Length() != 1 {
		t.Error("the session chooser is not in the scan form")
	}
	if page.Doc().Find(`main form[method=get]`).Length() != 0 {
		t.Error("a separate form still has to be submitted to change the session")
	}

	// Chosen on the door's page (no ?session= in the address): the scan carries it.
	res := scan(t, desk, r.CheckinCode, sessionID)
	if state(res) != "checked-in" {
		t.Fatalf("scan: %q", state(res))
	}
	if n := count(t, env, `SELECT count(*) FROM checkins WHERE registration_id = ? AND session_id = ?`, r.ID, sessionID); n != 1 {
		t.Errorf("%d check-ins for the session, want 1", n)
	}
	card := res.Doc().Find(`[data-testid=checkin-result]`)
	if got := strings.Join(strings.Fields(card.Find(`[data-testid=checkin-for]`).Text()), " "); !strings.Contains(got, title) {
		t.Errorf("the answer says the person was checked in for %q, want the session %q", got, title)
	}
	if v, _ := res.Doc().Find(`select[name=session] option[selected]`).Attr("value"); v != fmt.Sprint(sessionID) {
		t.Errorf("after the scan the chooser shows %q, want the session %d", v, sessionID)
	}

	// Back to the door: the answer says arrival.
	res = scan(t, desk, r.CheckinCode, 0)
	if got := res.Doc().Find(`[data-testid=checkin-for]`).Text(); !strings.Contains(got, "Arrival at the conference") {
		t.Errorf("door check-in reads %q", got)
	}
	// An answer that refuses says what the scan was for too.
	res = scan(t, desk, r.CheckinCode, sessionID)
	if state(res) != "already" || !strings.Contains(res.Doc().Find(`[data-testid=checkin-for]`).Text(), title) {
		t.Errorf("second scan at the session: %q, %q", state(res), res.Doc().Find(`[data-testid=checkin-for]`).Text())
	}
}

// Someone without badge or reference is found by name, accents and case
// ignored, picked from a list that tells namesakes apart, and checked in.
func TestCheckinByName(t *testing.T) {
	env := webtest.New(t)
	r := registered(t, env, "ok@example.org") // Désirée Piñeiro-Nguyễn, Trinidad and Tobago
	other := validForm("other@example.org")
	other.Set("first_name", "Desiree")
	other.Set("last_name", "Baptiste")
	other.Set("country", "HT")
	other.Set("organisation", "Brigade de protection des mineurs")
	mustRegister(t, env, other)
	sessionID, title := workshop(t, env)
	desk := env.Login(model.UserCheckin)

	res := scan(t, desk, "desiree", sessionID)
	if state(res) != "matches" {
		t.Fatalf("a typed name answers %q, want a list of matches", state(res))
	}
	rows := res.Doc().Find(`[data-testid=checkin-match]`)
	if rows.Length() != 2 {
		t.Fatalf("%d matches, want 2:\n%s", rows.Length(), res.Doc().Find(`[data-testid=checkin-result]`).Text())
	}
	var pick string
	rows.Each(func(_ int, row *goquery.Selection) {
		text := strings.Join(strings.Fields(row.Text()), " ")
		if strings.Contains(text, "Désirée Piñeiro-Nguyễn") {
			if !strings.Contains(text, "Trinidad and Tobago") || !strings.Contains(text, "Ministry of National Security") {
				t.Errorf("match %q lacks country or organisation", text)
			}
			pick, _ = row.Find(`button[name=pick]`).Attr("value")
		} else if !strings.Contains(text, "Haiti") || !strings.Contains(text, "Brigade de protection des mineurs") {
			t.Errorf("match %q lacks country or organisation", text)
		}
	})
	if n := count(t, env, `SELECT count(*) FROM checkins`); n != 0 {
		t.Fatalf("a search checked %d people in", n)
	}
	if pick == "" {
		t.Fatal("no button to check in the picked person")
	}
	// The pick buttons belong to the scan form, so they carry the chosen session.
	if f, _ := res.Doc().Find(`button[name=pick]`).First().Attr("form"); f != "checkin-form" {
		t.Errorf("pick button submits form %q, want the scan form", f)
	}
	post := desk.PostAdmin("/admin/checkin", url.Values{"pick": {pick}, "code": {"desiree"}, "session": {fmt.Sprint(sessionID)}})
	if post.StatusCode != http.StatusSeeOther {
		t.Fatalf("pick: %d", post.StatusCode)
	}
	res = desk.Get(post.Header.Get("Location"))
	if state(res) != "checked-in" || !strings.Contains(res.Doc().Find(`.checkin-name`).Text(), "Désirée Piñeiro-Nguyễn") ||
		!strings.Contains(res.Doc().Find(`[data-testid=checkin-for]`).Text(), title) {
		t.Errorf("after the pick: %q %q", state(res), res.Doc().Find(`[data-testid=checkin-result]`).Text())
	}
	if n := count(t, env, `SELECT count(*) FROM checkins WHERE registration_id = ? AND session_id = ?`, r.ID, sessionID); n != 1 {
		t.Errorf("%d check-ins of the picked person, want 1", n)
	}

	// No one by that name; one letter lists no one.
	for _, q := range []string{"zzyzx", "e"} {
		if res := scan(t, desk, q, 0); state(res) != "unknown" {
			t.Errorf("%q: %q, want unknown", q, state(res))
		}
	}
}

// Undoing names whose check-in was undone, and for what.
func TestCheckinUndoNamesThePerson(t *testing.T) {
	env := webtest.New(t)
	r := registered(t, env, "ok@example.org")
	desk := env.Login(model.UserCheckin)
	res := scan(t, desk, r.CheckinCode, 0)
	undo, _ := res.Doc().Find(`form[action$="/undo"]`).Attr("action")
	post := desk.PostAdmin(undo, url.Values{})
	if post.StatusCode != http.StatusSeeOther {
		t.Fatalf("undo: %d", post.StatusCode)
	}
	flash := desk.Get(post.Header.Get("Location")).Doc().Find(`[data-testid=flash]`).Text()
	if !strings.Contains(flash, "Désirée Piñeiro-Nguyễn") || !strings.Contains(flash, "Arrival at the conference") {
		t.Errorf("flash %q does not name the person and what was undone", flash)
	}
}

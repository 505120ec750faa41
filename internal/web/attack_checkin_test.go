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

// TestAttackCheckinResultWalk: a check-in account walks the result page by
// registration number, as the attack did (result=not-confirmed&r=1, 2, 3 …
// and every other state, with c= for check-ins). No registration it did not
// just scan may appear. The answer to its own scan is shown, to it only:
// another desk's session, even of the same account, gets nothing from the
// same address.
func TestAttackCheckinResultWalk(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	secret := registered(t, env, "secret@example.org")
	setConference(t, env, `moderation = 1`)
	pending := registered(t, env, "pending@example.org")
	scanned := registered(t, env, "scanned@example.org")
	env.DB.Write.Exec(`UPDATE registrations SET first_name = 'Hidden', last_name = 'Person', reference = 'CTC-HHHHHH' WHERE id IN (?, ?)`, secret.ID, pending.ID)
	env.DB.Write.Exec(`UPDATE registrations SET status = 'confirmed', first_name = 'Seen', last_name = 'Scanned' WHERE id = ?`, scanned.ID)

	desk := env.Login(model.UserCheckin)
	own := scan(t, desk, scanned.CheckinCode, 0)
	if state(own) != "checked-in" || !strings.Contains(own.Body, "Seen Scanned") {
		t.Fatalf("own scan: %q", state(own))
	}
	var last int64
	env.DB.Read.QueryRow(`SELECT max(id) FROM registrations`).Scan(&last)
	for _, st := range []string{"checked-in", "already", "not-confirmed", "unknown"} {
		for id := int64(1); id <= last+1; id++ {
			for _, q := range []string{"r=%d", "r=%d&c=1", "c=%d"} {
				path := "/admin/checkin?result=" + st + "&" + fmt.Sprintf(q, id)
				res := desk.Get(path)
				if strings.Contains(res.Body, "Hidden Person") || strings.Contains(res.Body, "CTC-HHHHHH") ||
					strings.Contains(res.Body, "Seen Scanned") {
					t.Fatalf("%s shows a registration the desk did not just scan", path)
				}
			}
		}
	}

	// The scan's own answer is reached through the address it redirected
	// to, and only by the session that scanned.
	res := desk.PostAdmin("/admin/checkin", url.Values{"code": {scanned.CheckinCode}, "session": {"0"}})
	answer := res.Header.Get("Location")
	if got := desk.Get(answer); state(got) != "already" || !strings.Contains(got.Body, "Seen Scanned") {
		t.Fatalf("the desk's own answer at %s: %q", answer, state(got))
	}
	if u, err := url.Parse(answer); err != nil || len(u.Query()) != 1 || len(u.Query().Get("answer")) < 20 {
		t.Errorf("the answer's address %s holds more than a random id", answer)
	}
	other := env.Client()
	if res := other.Submit("/admin/login", "/admin/login", url.Values{"email": {"checkin@example.org"}, "password": {webtest.TestPassword}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second login: %d", res.StatusCode)
	}
	if got := other.Get(answer); got.StatusCode != http.StatusOK || strings.Contains(got.Body, "Seen Scanned") || state(got) != "" {
		t.Errorf("another session reads the answer at %s: %q", answer, state(got))
	}
	// Undo goes through the desk's own answer too: check-ins cannot be
	// undone by walking their numbers, nor from another session.
	checkedIn := scan(t, desk, secret.CheckinCode, 0)
	undo, _ := checkedIn.Doc().Find(`form[action$="/undo"]`).Attr("action")
	for id := 1; id <= 3; id++ {
		if res := desk.PostAdmin(fmt.Sprintf("/admin/checkin/%d/undo", id), url.Values{}); res.StatusCode != http.StatusNotFound {
			t.Errorf("undo of check-in number %d: %d, want 404", id, res.StatusCode)
		}
	}
	if res := other.PostAdmin(undo, url.Values{}); res.StatusCode != http.StatusNotFound {
		t.Errorf("another session's undo: %d, want 404", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM checkins WHERE undone_at IS NOT NULL`); n != 0 {
		t.Errorf("%d check-ins undone by walking", n)
	}
	if res := desk.PostAdmin(undo, url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the desk's own undo: %d", res.StatusCode)
	}

	// An answer does not outlive its moment at the desk.
	env.Clock.Advance(11 * time.Minute)
	if got := desk.Get(answer); state(got) != "" {
		t.Errorf("an answer from 11 minutes ago is still shown: %q", state(got))
	}
}

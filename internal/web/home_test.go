package web_test

import (
	"database/sql"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// TestHomeIsCachedButCurrent: the front page is served from the cache,
// with an ETag and 304, yet shows the places left after each registration
// and an organiser's change of figures at once.
func TestHomeIsCachedButCurrent(t *testing.T) {
	env := webtest.New(t)
	setConference(t, env, `capacity = 3`)
	first := env.Get("/")
	if first.StatusCode != http.StatusOK || !strings.Contains(first.Body, "3 places left.") {
		t.Fatalf("GET / = %d, places left not shown", first.StatusCode)
	}
	etag := first.Header.Get("ETag")
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("If-None-Match", etag)
	if res := env.Do(req); etag == "" || res.StatusCode != http.StatusNotModified {
		t.Errorf("GET / with its ETag %q = %d, want 304", etag, res.StatusCode)
	}

	mustRegister(t, env, validForm("first@example.org"))
	if body := env.Get("/").Body; !strings.Contains(body, "2 places left.") {
		t.Error("the home page still shows the places left before the registration")
	}
	mustRegister(t, env, validForm("second@example.org"))
	mustRegister(t, env, validForm("third@example.org"))
	if body := env.Get("/").Body; !strings.Contains(body, "The conference is full.") {
		t.Error("the home page does not say the conference is full")
	}

	// An organiser's new key figure shows at once.
	cl := env.Login(model.UserOrganiser)
	form := webtest.FormValues(t, cl.Get("/admin/settings"), "/admin/settings")
	form.Set("figure_value_7", "42")
	form.Set("figure_label_7", "ministries taking part")
	if res := cl.PostAdmin("/admin/settings", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving settings: %d\n%s", res.StatusCode, res.Body)
	}
	if body := env.Get("/").Body; !strings.Contains(body, "ministries taking part") {
		t.Error("the home page does not show the new figure")
	}
}

// The front page asks the database only whether anything changed since it
// last read the conference (its data version): a change committed by
// another program on the same file (confdesk retention, an operator's
// sqlite3) shows on the next request all the same.
func TestHomeFollowsAnotherProgramsWrites(t *testing.T) {
	env := webtest.New(t)
	setConference(t, env, `capacity = 3`)
	if body := env.Get("/").Body; !strings.Contains(body, "3 places left.") {
		t.Fatal("places left not shown")
	}
	if body := env.Get("/").Body; !strings.Contains(body, "3 places left.") {
		t.Fatal("places left not shown from the snapshot")
	}
	other, err := sql.Open("sqlite3", "file:"+env.DB.Path()+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Exec(`UPDATE conference SET capacity = 5`); err != nil {
		t.Fatal(err)
	}
	if body := env.Get("/").Body; !strings.Contains(body, "5 places left.") {
		t.Error("the front page does not show a capacity another program set")
	}
}

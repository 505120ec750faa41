package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// settingsForm is the settings form as the console fills it.
func settingsForm(t *testing.T, cl *webtest.Client) url.Values {
	t.Helper()
	return webtest.FormValues(t, mustGet(t, cl, "/admin/settings"), "/admin/settings")
}

// refusedSetting posts f and expects the form back with a message on field
// that contains want, the typed values kept and nothing saved.
func refusedSetting(t *testing.T, env *webtest.Env, cl *webtest.Client, f url.Values, field, want string) {
	t.Helper()
	before, _ := env.Store.CurrentConference(t.Context())
	res := cl.PostAdmin("/admin/settings", f)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("%s=%q: %d, want 422", field, f.Get(field), res.StatusCode)
	}
	if msg := res.Doc().Find("#" + field + "-error").Text(); !strings.Contains(msg, want) {
		t.Errorf("%s=%q: message %q, want %q", field, f.Get(field), msg, want)
	}
	if v, _ := res.Doc().Find("#" + field).Attr("value"); v != f.Get(field) {
		t.Errorf("%s: the form came back with %q, typed %q", field, v, f.Get(field))
	}
	after, _ := env.Store.CurrentConference(t.Context())
	if !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Errorf("%s=%q: the conference was saved", field, f.Get(field))
	}
}

// TestSettingsRefuseSkippedTimes: 02:30 on 14 March 2027 does not exist in
// New York (the clocks go from 02:00 to 03:00); the registration window
// refuses it as the session form does, and says why. An hour the clocks
// repeat is read as the session form reads it.
func TestSettingsRefuseSkippedTimes(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	for _, field := range []string{"registration_opens", "registration_closes"} {
		f := settingsForm(t, cl)
		f.Set("registration_opens", "2027-01-10T09:00")
		f.Set("registration_closes", "2027-03-14T12:00")
		f.Set(field, "2027-03-14T02:30")
		refusedSetting(t, env, cl, f, field, "does not exist")
	}

	// 01:30 on 7 November happens twice; it is saved as the session form
	// would read it (time.Date's choice) and shown back as typed.
	f := settingsForm(t, cl)
	f.Set("registration_opens", "2026-11-07T01:30")
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("repeated hour: %d\n%s", res.StatusCode, res.Doc().Find("#error-summary").Text())
	}
	ny, _ := time.LoadLocation("America/New_York")
	c, _ := env.Store.CurrentConference(t.Context())
	if want := time.Date(2026, 11, 7, 1, 30, 0, 0, ny); !c.RegistrationOpens.Equal(want) {
		t.Errorf("opens %v, want %v", c.RegistrationOpens, want)
	}
	if got := settingsForm(t, cl).Get("registration_opens"); got != "2026-11-07T01:30" {
		t.Errorf("shown back as %q", got)
	}
}

// TestSettingsRefuseAbsurdNumbers: the capacity is what a venue can hold
// (1 to 100,000), and dates are in a year a conference can take place.
func TestSettingsRefuseAbsurdNumbers(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	for _, tc := range []struct{ field, value, want string }{
		{"capacity", "9223372036854775807", "100,000"},
		{"capacity", "9223372036854775808", "100,000"},
		{"capacity", "100001", "100,000"},
		{"capacity", "0", "1 to 100,000"},
		{"capacity", "-5", "1 to 100,000"},
		{"capacity", "1e3", "whole number"},
		{"start_date", "0207-03-15", "year"},
		{"end_date", "9999-03-17", "year"},
		{"registration_opens", "0001-01-01T00:00", "year"},
		{"registration_closes", "2999-03-01T00:00", "year"},
	} {
		f := settingsForm(t, cl)
		f.Set(tc.field, tc.value)
		refusedSetting(t, env, cl, f, tc.field, tc.want)
	}
	f := settingsForm(t, cl)
	f.Set("capacity", "100000")
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Errorf("capacity 100,000: %d", res.StatusCode)
	}
}

// sessionTimes reads every session's stored start and end.
func sessionTimes(t *testing.T, env *webtest.Env) map[int64][2]time.Time {
	t.Helper()
	sessions, err := env.Store.Sessions(t.Context(), env.Conference.ID, false)
	if err != nil || len(sessions) == 0 {
		t.Fatalf("%d sessions: %v", len(sessions), err)
	}
	out := map[int64][2]time.Time{}
	for _, s := range sessions {
		out[s.ID] = [2]time.Time{s.StartsAt, s.EndsAt}
	}
	return out
}

// TestSettingsZoneChange: a new time zone is not saved silently. The form
// answers with a confirmation step that lists every session; nothing is
// saved until the organiser chooses. Keeping the local times moves every
// session's instants (09:00 in New York becomes 09:00 in Chicago, an hour
// later in world time) and reads the window in the new zone, in one
// transaction with the rest of the form; keeping the moments leaves the
// instants and the window as they were. A way that would put sessions on
// other days is refused, and offered no button.
func TestSettingsZoneChange(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	ny, _ := time.LoadLocation("America/New_York")
	chicago, _ := time.LoadLocation("America/Chicago")
	f := settingsForm(t, cl)
	f.Set("registration_closes", "2027-03-01T17:00")
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("set the window: %d", res.StatusCode)
	}
	before := sessionTimes(t, env)
	saved, _ := env.Store.CurrentConference(t.Context())

	// The change waits for a choice; the other edits wait with it.
	f = settingsForm(t, cl)
	f.Set("timezone", "America/Chicago")
	f.Set("venue", "Chicago Hall")
	ask := cl.PostAdmin("/admin/settings", f)
	if ask.StatusCode != http.StatusOK || ask.Doc().Find(`[data-testid=zone-session]`).Length() != len(before) {
		t.Fatalf("the change of zone: %d with %d sessions listed, want 200 and %d", ask.StatusCode,
			ask.Doc().Find(`[data-testid=zone-session]`).Length(), len(before))
	}
	if c, _ := env.Store.CurrentConference(t.Context()); c.TimeZone != "America/New_York" || c.Venue != saved.Venue {
		t.Fatalf("saved before the choice: %s, %s", c.TimeZone, c.Venue)
	}
	if ask.Doc().Find(`[data-testid=keep-local]`).Length() != 1 || ask.Doc().Find(`[data-testid=keep-instants]`).Length() != 1 {
		t.Error("the page does not offer both ways")
	}

	// Keep the local times.
	confirm := webtest.FormValues(t, ask, "/admin/settings")
	confirm.Set("zone_change", "keep-local")
	res := cl.PostAdmin("/admin/settings", confirm)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("keep local times: %d\n%s", res.StatusCode, res.Body)
	}
	c, _ := env.Store.CurrentConference(t.Context())
	if c.TimeZone != "America/Chicago" || c.Venue != "Chicago Hall" {
		t.Errorf("saved %s, %s", c.TimeZone, c.Venue)
	}
	if got := c.RegistrationCloses.In(chicago).Format("2006-01-02 15:04"); got != "2027-03-01 17:00" {
		t.Errorf("the window closes at %s in Chicago, want 17:00 as typed", got)
	}
	after := sessionTimes(t, env)
	for id, was := range before {
		now := after[id]
		for i := range 2 {
			if w, g := was[i].In(ny).Format("2006-01-02 15:04"), now[i].In(chicago).Format("2006-01-02 15:04"); w != g {
				t.Errorf("session %d: %s in New York became %s in Chicago", id, w, g)
			}
			if d := now[i].Sub(was[i]); d != time.Hour {
				t.Errorf("session %d moved by %v in world time, want 1h", id, d)
			}
		}
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE entity = 'session' AND changes LIKE '%keep-local%'`); n != len(before) {
		t.Errorf("%d sessions audited, want %d", n, len(before))
	}
	if flash := cl.Get("/admin/settings").Doc().Find(`[data-testid=flash]`).Text(); !strings.Contains(flash, "keep their local times") {
		t.Errorf("flash %q", flash)
	}

	// Keep the moments, back to New York: nothing moves in world time.
	f = settingsForm(t, cl)
	f.Set("timezone", "America/New_York")
	confirm = webtest.FormValues(t, cl.PostAdmin("/admin/settings", f), "/admin/settings")
	confirm.Set("zone_change", "keep-instants")
	if res := cl.PostAdmin("/admin/settings", confirm); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("keep the moments: %d\n%s", res.StatusCode, res.Body)
	}
	c2, _ := env.Store.CurrentConference(t.Context())
	if c2.TimeZone != "America/New_York" || !c2.RegistrationCloses.Equal(c.RegistrationCloses) {
		t.Errorf("saved %s, window %v (was %v)", c2.TimeZone, c2.RegistrationCloses, c.RegistrationCloses)
	}
	for id, was := range after {
		if now := sessionTimes(t, env)[id]; now != was {
			t.Errorf("session %d moved from %v to %v", id, was, now)
		}
	}

	// To Tokyo, keeping the moments, the sessions fall on other days:
	// refused, with the sessions named; nothing is saved.
	f = settingsForm(t, cl)
	f.Set("timezone", "Asia/Tokyo")
	confirm = webtest.FormValues(t, cl.PostAdmin("/admin/settings", f), "/admin/settings")
	confirm.Set("zone_change", "keep-instants")
	res = cl.PostAdmin("/admin/settings", confirm)
	if res.StatusCode != http.StatusUnprocessableEntity || res.Doc().Find(`[data-testid=zone-problem]`).Length() == 0 ||
		res.Doc().Find(`[data-testid=keep-instants]`).Length() != 0 {
		t.Errorf("keeping the moments in Tokyo: %d, %d problems shown", res.StatusCode, res.Doc().Find(`[data-testid=zone-problem]`).Length())
	}
	if c3, _ := env.Store.CurrentConference(t.Context()); c3.TimeZone != "America/New_York" {
		t.Errorf("refused change saved: %s", c3.TimeZone)
	}
}

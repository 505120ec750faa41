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

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

func TestDashboardFigures(t *testing.T) {
	env := webtest.New(t)
	setConference(t, env, `capacity = 3`)
	for i := range 5 { // 3 confirmed, 2 waitlisted
		f := validForm(fmt.Sprintf("d%d@example.org", i))
		if i == 1 {
			f.Set("country", "JM")
		}
		mustRegister(t, env, f)
	}
	cl := env.Login(model.UserOrganiser)
	res := cl.Get("/admin")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin = %d", res.StatusCode)
	}
	doc := res.Doc()
	for id, want := range map[string]string{"places-left": "0", "confirmed": "3", "pending": "0", "waitlist": "2", "mail-unsent": "5"} {
		if got := doc.Find(`[data-testid=` + id + `]`).Text(); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if got := doc.Find(`[data-testid=top-countries] tbody tr`).First().Text(); !strings.Contains(got, "Trinidad and Tobago") || !strings.Contains(got, "2") {
		t.Errorf("top country row %q", got)
	}
	if doc.Find(`svg[role=img] title`).Length() == 0 || doc.Find(`svg desc`).Length() != 1 {
		t.Error("the chart has no title or description")
	}
	rows := doc.Find(`[data-testid=per-day] tbody tr`)
	if rows.Length() != 30 {
		t.Errorf("%d days in the chart's table, want 30", rows.Length())
	}
	if last := rows.Last().Text(); !strings.Contains(last, "2027-01-15") || !strings.Contains(last, "5") {
		t.Errorf("the chart's last day %q, want today's 5", last)
	}
	if doc.Find(`svg rect.bar`).Length() != 1 {
		t.Errorf("%d bars, want one (only today has registrations)", doc.Find(`svg rect.bar`).Length())
	}
}

func TestSettings(t *testing.T) {
	env := webtest.New(t)
	mustRegister(t, env, validForm("a@example.org"))
	mustRegister(t, env, validForm("b@example.org"))
	cl := env.Login(model.UserOrganiser)
	form := func() url.Values { return webtest.FormValues(t, cl.Get("/admin/settings"), "/admin/settings") }

	// Saving the form unchanged changes nothing and succeeds.
	f := form()
	if f.Get("capacity") != "120" || f.Get("timezone") != "America/New_York" || f.Get("figure_value_0") != "75+" {
		t.Fatalf("settings form not filled: %v", f)
	}
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unchanged save: %d\n%s", res.StatusCode, res.Body)
	}

	// Lowering capacity below the places taken is refused with an explanation.
	f = form()
	f.Set("capacity", "1")
	res := cl.PostAdmin("/admin/settings", f)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Doc().Find("#capacity-error").Text(), "2 places already taken") {
		t.Fatalf("capacity below taken: %d %q", res.StatusCode, res.Doc().Find("#capacity-error").Text())
	}
	if v, _ := res.Doc().Find("#name").Attr("value"); v != "Caribbean Counter-Trafficking Conference" {
		t.Error("the form lost its values")
	}

	// A real change: moderation on, a window, a new figure, a new venue.
	f = form()
	f.Set("moderation", "yes")
	f.Set("capacity", "2")
	f.Set("venue", "Biscayne Conference Hall")
	f.Set("registration_closes", "2027-03-01T17:00")
	f.Set("figure_value_6", "3")
	f.Set("figure_label_6", "tracks")
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", res.StatusCode, res.Doc().Find("#error-summary").Text())
	}
	c, _ := env.Store.CurrentConference(t.Context())
	if !c.Moderation || c.Capacity != 2 || c.Venue != "Biscayne Conference Hall" {
		t.Errorf("saved %+v", c)
	}
	if want := time.Date(2027, 3, 1, 22, 0, 0, 0, time.UTC); !c.RegistrationCloses.Equal(want) {
		t.Errorf("closes %v, want %v (17:00 EST)", c.RegistrationCloses, want)
	}
	figs, _ := env.Store.Figures(t.Context(), c.ID)
	if len(figs) != 7 || figs[6].Label != "tracks" {
		t.Errorf("figures %v", figs)
	}
	if !strings.Contains(env.Get("/").Body, "Biscayne Conference Hall") {
		t.Error("the home page does not show the new venue")
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE entity = 'conference' AND changes LIKE '%capacity%'`); n != 1 {
		t.Errorf("%d audit lines for the capacity change, want 1", n)
	}
	// The new capacity is in force: the next registration joins the waiting list.
	setConference(t, env, `moderation = 0`)
	loc := mustRegister(t, env, validForm("c@example.org"))
	if st := env.Get(loc).Doc().Find(`[data-testid=status]`).Text(); !strings.HasPrefix(st, "On the waiting list") {
		t.Errorf("status %q after lowering capacity to the places taken", st)
	}
}

func TestUsersAdmin(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserAdmin)
	res := cl.PostAdmin("/admin/users", url.Values{"email": {"desk@example.org"}, "name": {"Door Staff"}, "role": {"checkin"}})
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create: %d, Cache-Control %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	password := strings.TrimSpace(res.Doc().Find(`[data-testid=password]`).Text())
	if len(password) < 16 {
		t.Fatalf("one-time password %q", password)
	}
	if res := env.Client().Submit("/admin/login", "/admin/login", url.Values{"email": {"desk@example.org"}, "password": {password}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the one-time password: %d", res.StatusCode)
	}
	// Bad input.
	for _, f := range []url.Values{
		{"email": {"desk@example.org"}, "role": {"checkin"}}, // exists
		{"email": {"not-an-address"}, "role": {"checkin"}},   // not an address
		{"email": {"x@example.org"}, "role": {"superuser"}},  // no such role
		{"email": {""}, "role": {"organiser"}},               // empty
	} {
		if res := cl.PostAdmin("/admin/users", f); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%v: %d, want 422", f, res.StatusCode)
		}
	}
	desk, _ := env.Store.UserByEmail(t.Context(), "desk@example.org")
	path := fmt.Sprintf("/admin/users/%d", desk.ID)
	if res := cl.PostAdmin(path, url.Values{"name": {"Door Staff"}, "role": {"organiser"}, "active": {"yes"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change role: %d", res.StatusCode)
	}
	if u, _ := env.Store.User(t.Context(), desk.ID); u.Role != "organiser" {
		t.Errorf("role %q", u.Role)
	}
	// Deactivated accounts cannot log in.
	cl.PostAdmin(path, url.Values{"name": {"Door Staff"}, "role": {"organiser"}})
	if res := env.Client().Submit("/admin/login", "/admin/login", url.Values{"email": {"desk@example.org"}, "password": {password}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("deactivated login: %d", res.StatusCode)
	}
	// Reset gives a new one-time password.
	res = cl.PostAdmin(path+"/password", url.Values{})
	if fresh := strings.TrimSpace(res.Doc().Find(`[data-testid=password]`).Text()); fresh == "" || fresh == password {
		t.Errorf("reset password %q", fresh)
	}
	// The last admin can neither be demoted nor deactivate themselves.
	me, _ := env.Store.UserByEmail(t.Context(), "admin@example.org")
	mine := fmt.Sprintf("/admin/users/%d", me.ID)
	if res := cl.PostAdmin(mine, url.Values{"role": {"organiser"}, "active": {"yes"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("demoting the last admin: %d", res.StatusCode)
	}
	if res := cl.PostAdmin(mine, url.Values{"role": {"admin"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("deactivating oneself: %d", res.StatusCode)
	}
	if u, _ := env.Store.User(t.Context(), me.ID); u.Role != "admin" || !u.Active {
		t.Errorf("the last admin was changed: %+v", u)
	}
	if res := cl.Get("/admin/users/999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown user: %d", res.StatusCode)
	}
}

func TestAuditLogPage(t *testing.T) {
	env := webtest.New(t)
	f := withVisa(validForm("audit@example.org"))
	loc := mustRegister(t, env, f)
	cl := env.Client()
	f.Set("passport_number", "ZX9876543")
	if res := cl.Submit(loc+"/edit", loc+"/edit", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	admin := env.Login(model.UserAdmin)
	page := admin.Get("/admin/audit?entity=registration")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("audit: %d", page.StatusCode)
	}
	text := page.Doc().Find(`[data-testid=audit]`).Text()
	if !strings.Contains(text, "participant") || !strings.Contains(text, "register") || !strings.Contains(text, "passport_number") {
		t.Errorf("audit table lacks the registration and its edit:\n%s", text)
	}
	if strings.Contains(page.Body, "ZX9876543") || strings.Contains(page.Body, "TA1234567") {
		t.Error("the audit log shows a full passport number")
	}
	if n := admin.Get("/admin/audit?actor=nobody").Doc().Find(`[data-testid=audit]`).Length(); n != 0 {
		t.Error("filter by actor shows entries of others")
	}
}

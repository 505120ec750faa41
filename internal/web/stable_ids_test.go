package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// TestDeletedIDsAreNotReused: the newest session, room and media contact
// are removed through the console, and the next one made gets a new id, so
// it cannot inherit the removed one's address, calendar UID, schedule guid
// or audit history.
func TestDeletedIDsAreNotReused(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	d := loadDemoAgenda(t, env)
	newest := func(table string) int64 {
		t.Helper()
		return int64(count(t, env, `SELECT max(id) FROM `+table))
	}
	for _, tc := range []struct {
		table, create, remove string
		form                  url.Values
	}{
		{"sessions", "/admin/agenda/sessions", "/admin/agenda/sessions/%d/delete", newSessionForm(d)},
		{"rooms", "/admin/agenda/rooms", "/admin/agenda/rooms/%d/delete", url.Values{"name": {"Key Biscayne Room"}, "capacity": {"25"}}},
		{"speakers", "/admin/agenda/speakers", "/admin/agenda/speakers/%d/delete", url.Values{"name": {"Ana Pérez"}}},
		{"media_contacts", "/admin/press/contacts", "/admin/press/contacts/%d/delete", url.Values{"name": {"Ana Pérez"}, "email": {"ana@example.org"}}},
	} {
		make := func() int64 {
			t.Helper()
			if res := cl.PostAdmin(tc.create, tc.form); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s: create: %d\n%s", tc.table, res.StatusCode, res.Doc().Find("#error-summary").Text())
			}
			return newest(tc.table)
		}
		first := make()
		if res := cl.PostAdmin(strings.Replace(tc.remove, "%d", itoa64(first), 1), url.Values{}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: delete %d: %d", tc.table, first, res.StatusCode)
		}
		if second := make(); second == first {
			t.Errorf("%s: the new row took the deleted row's id %d", tc.table, first)
		}
	}
}

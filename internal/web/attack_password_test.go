package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// Weak passwords are refused when a user sets their own,
// with a message that says why, and the old password stays in force.
func TestAttackWeakOwnPassword(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserAdmin) // admin@example.org, conference "CTC Miami"
	for password, reason := range map[string]string{
		"password1234":          "common leaked password",
		"aaaaaaaaaaaa":          "repeats",
		"1qaz2wsx3edc":          "most common leaked passwords",
		"the admin of it all":   "e-mail name",
		"CTC-Miami-2027":        "conference's name",
		"sunny miami afternoon": "conference's name",
		"short":                 "at least 12 characters",
	} {
		res := cl.PostAdmin("/admin/account/password", url.Values{"current_password": {webtest.TestPassword},
			"new_password": {password}, "confirm_password": {password}})
		msg := res.Doc().Find("#new_password-error").Text()
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, reason) {
			t.Errorf("%q: %d, message %q; want 422 saying %q", password, res.StatusCode, msg, reason)
		}
	}
	if res := env.Client().Submit("/admin/login", "/admin/login", url.Values{"email": {"admin@example.org"}, "password": {webtest.TestPassword}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the old password no longer works after refused changes: %d", res.StatusCode)
	}
}

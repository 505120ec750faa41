package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// signIn returns a new client logged in as email with password.
func signIn(t *testing.T, env *webtest.Env, email, password string) *webtest.Client {
	t.Helper()
	cl := env.Client()
	if res := cl.Submit("/admin/login", "/admin/login", url.Values{"email": {email}, "password": {password}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: %d", email, res.StatusCode)
	}
	return cl
}

// signedIn reports whether cl's session still opens its account page.
func signedIn(cl *webtest.Client) bool {
	return cl.Get("/admin/account").StatusCode == http.StatusOK
}

// A password change ends the user's other sessions; the
// session that made the change goes on.
func TestAttackSessionEndsOnOwnPasswordChange(t *testing.T) {
	env := webtest.New(t)
	u := env.CreateUser(model.UserOrganiser)
	laptop := signIn(t, env, u.Email, webtest.TestPassword)
	stolen := signIn(t, env, u.Email, webtest.TestPassword)
	res := laptop.PostAdmin("/admin/account/password", url.Values{"current_password": {webtest.TestPassword},
		"new_password": {"violet harbour lantern 42"}, "confirm_password": {"violet harbour lantern 42"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", res.StatusCode)
	}
	if signedIn(stolen) {
		t.Error("the other session still works after the password change")
	}
	if !signedIn(laptop) {
		t.Error("the session that changed the password was ended")
	}
	if res := stolen.Get("/admin"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the ended session reached the dashboard: %d", res.StatusCode)
	}
}

// An admin's reset ends every session of the account.
func TestAttackSessionEndsOnPasswordReset(t *testing.T) {
	env := webtest.New(t)
	admin := env.Login(model.UserAdmin)
	desk := env.CreateUser(model.UserCheckin)
	deskSession := signIn(t, env, desk.Email, webtest.TestPassword)
	if !signedIn(deskSession) {
		t.Fatal("not signed in")
	}
	if res := admin.PostAdmin(fmt.Sprintf("/admin/users/%d/password", desk.ID), url.Values{}); res.StatusCode != http.StatusOK {
		t.Fatalf("reset: %d", res.StatusCode)
	}
	if signedIn(deskSession) {
		t.Error("the check-in account's session still works after an admin reset its password")
	}
	if res := deskSession.Get("/admin/checkin"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("check-in desk after the reset: %d, want 303 to the login page", res.StatusCode)
	}
}

// Deactivation ends the account's sessions, and
// reactivating the account does not bring them back.
func TestAttackSessionEndsOnDeactivation(t *testing.T) {
	env := webtest.New(t)
	admin := env.Login(model.UserAdmin)
	desk := env.CreateUser(model.UserCheckin)
	deskSession := signIn(t, env, desk.Email, webtest.TestPassword)
	path := fmt.Sprintf("/admin/users/%d", desk.ID)
	if res := admin.PostAdmin(path, url.Values{"name": {desk.Name}, "role": {desk.Role}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivate: %d", res.StatusCode)
	}
	if signedIn(deskSession) {
		t.Error("the session works while the account is deactivated")
	}
	if res := admin.PostAdmin(path, url.Values{"name": {desk.Name}, "role": {desk.Role}, "active": {"yes"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reactivate: %d", res.StatusCode)
	}
	if signedIn(deskSession) {
		t.Error("the old session came back when the account was reactivated")
	}
	if !signedIn(signIn(t, env, desk.Email, webtest.TestPassword)) {
		t.Error("the reactivated account cannot log in afresh")
	}
}

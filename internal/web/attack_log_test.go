package web_test

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// No log line holds a token, a password or a form
// value, whatever the path: the 404 path of a self-service link, token
// routes other branches add (confirmation and sign-in links, calendars),
// query strings and posted forms.
func TestAttackNoSecretsInLog(t *testing.T) {
	var logs logBuffer
	env := webtest.New(t, webtest.WithLog(&logs))
	var raw [32]byte
	rand.Read(raw[:])
	token := base64.RawURLEncoding.EncodeToString(raw[:]) // as the app makes them
	hexToken := hex.EncodeToString(raw[:])
	paths := []string{
		"/registration/" + token + "/",
		"/registration/" + token + "/nope",
		"/registration/" + token + "/agenda.ics",
		"/registration/" + token + "?welcome=1&secret=query-value-here",
		"/register/confirm/" + token,
		"/register/signin/" + hexToken,
		"/calendar/" + token + ".ics",
		"/calendar/" + hexToken + ".ics",
		"/press/files/" + token,
		"/" + token,
	}
	for _, p := range paths {
		env.Get(p)
	}
	u := env.CreateUser(model.UserOrganiser)
	const password = "Secret-Password-Value-9"
	env.Client().Submit("/admin/login", "/admin/login", url.Values{"email": {u.Email}, "password": {password}})
	env.Client().Submit("/register", "/register", url.Values{"first_name": {"Loggable-First-Name"}, "email": {"form-value@example.org"}})
	log := logs.String()
	for _, secret := range []string{token, hexToken, "query-value-here", "welcome", password, "Loggable-First-Name", "form-value@example.org"} {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds %q:\n%s", secret, log)
		}
	}
	if n := strings.Count(log, "msg=request"); n < len(paths)+4 {
		t.Errorf("%d request lines for %d requests:\n%s", n, len(paths)+4, log)
	}
	// Ordinary paths stay readable, on routes and off them.
	env.Get("/no-such-page/regional-cooperation-2027-summit")
	env.Get("/agenda/4")
	for _, want := range []string{"path=/no-such-page/regional-cooperation-2027-summit ", "path=/agenda/:id ", "path=/calendar/:token.ics "} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, logs.String())
		}
	}
	if res := env.Get("/registration/" + token + "/"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown token: %d", res.StatusCode)
	}
}

package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// TestDataExport: "Download my data" holds every field of the person, the
// messages written to them (no bodies), their check-ins and history with
// staff named by role, and nothing of anyone else; organisers get the same file.
func TestDataExport(t *testing.T) {
	env := webtest.New(t)
	loc := mustRegister(t, env, erasable())
	mustRegister(t, env, validForm("other@example.org"))
	r := stored(t, env, "zephyrine.q@example.org")
	desk := env.Login(model.UserCheckin)
	if res := scan(t, desk, r.CheckinCode, 0); state(res) != "checked-in" {
		t.Fatalf("check-in: %s", state(res))
	}
	approveLetter(t, env, "zephyrine.q@example.org")
	adm := env.Login(model.UserAdmin)
	if res := adm.PostAdmin(fmt.Sprintf("/admin/registrations/%d/head-of-delegation", r.ID), url.Values{"head": {"yes"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("head of delegation: %d", res.StatusCode)
	}

	href, ok := env.Get(loc).Doc().Find(`[data-testid=data-link]`).Attr("href")
	if !ok {
		t.Fatalf("no data link on the self-service page: %d %s", env.Get(loc).StatusCode, env.Get(loc).Body)
	}
	res := env.Get(href)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") ||
		res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("data.json: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
	}
	var d struct {
		Registration map[string]any   `json:"registration"`
		Messages     []map[string]any `json:"messages"`
		Checkins     []map[string]any `json:"checkins"`
		History      []map[string]any `json:"history"`
	}
	if err := json.Unmarshal([]byte(res.Body), &d); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"first_name": "Zephyrine", "email": "zephyrine.q@example.org", "phone": "+1 868 555 7788",
		"dietary_needs": "Quillvegan", "access_needs": "Quillramp", "passport_number": "QZ7788990",
		"date_of_birth": "1981-04-23", "reference": r.Reference, "head_of_delegation": true} {
		if d.Registration[k] != want {
			t.Errorf("registration.%s = %v, want %v", k, d.Registration[k], want)
		}
	}
	if len(d.Messages) == 0 || d.Messages[0]["subject"] == "" || strings.Contains(res.Body, "/registration/") {
		t.Errorf("messages: %v (a body or link in the file?)", d.Messages)
	}
	if len(d.Checkins) != 1 {
		t.Errorf("check-ins: %v", d.Checkins)
	}
	roles := map[any]bool{}
	for _, h := range d.History {
		roles[h["actor"]] = true
	}
	if !roles["participant"] || !roles[model.UserAdmin] {
		t.Errorf("history actors: %v", roles)
	}
	for _, other := range []string{"other@example.org", "Désirée", "@confdesk", "admin@example.org", "checkin@example.org"} {
		if strings.Contains(res.Body, other) {
			t.Errorf("data.json holds %q", other)
		}
	}
	org := mustGet(t, env.Login(model.UserOrganiser), fmt.Sprintf("/admin/registrations/%d/data.json", r.ID))
	if !strings.Contains(org.Body, "QZ7788990") || !strings.Contains(org.Body, `"history"`) {
		t.Error("the organisers' data.json lacks the person's data")
	}
	if res := desk.Get(fmt.Sprintf("/admin/registrations/%d/data.json", r.ID)); res.StatusCode != http.StatusForbidden {
		t.Errorf("check-in staff's data.json: %d", res.StatusCode)
	}
}

// TestPrivacyPage: the notice names the organiser, who sees what and the
// retention dates from the settings; the footer and the consent box link to it.
func TestPrivacyPage(t *testing.T) {
	env := webtest.New(t)
	res := env.Get("/privacy")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/privacy: %d", res.StatusCode)
	}
	for _, want := range []string{env.Conference.Organiser, "Check-in staff", "Press officers", "30 days", "16 April 2027",
		"365 days", "16 March 2028", "erase"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("/privacy lacks %q", want)
		}
	}
	if _, err := env.DB.Write.Exec(`UPDATE conference SET passport_retention_days = 7`); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(env.Get("/privacy").Body, "24 March 2027") {
		t.Error("/privacy does not follow the settings")
	}
	reg := env.Get("/register").Doc()
	if reg.Find(`[data-testid=privacy-link] a#privacy-link[href="/privacy"]`).Length() != 1 || reg.Find(`footer a[href="/privacy"]`).Length() != 1 {
		t.Error("the registration form does not link the privacy notice from the consent box and the footer")
	}
}

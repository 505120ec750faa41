package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/webtest"
)

// The letter is written to the consular officer who decides the visa: it
// is addressed to the consular section, gives the organisers' postal
// address, phone and e-mail, the passport's expiry, and says who pays for
// this person, as organisers set it on the desk (audited), falling back to
// the general statement from the settings.
func TestLetterForConsularOfficers(t *testing.T) {
	env := webtest.New(t)
	loc := mustRegister(t, env, withVisa(validForm("visa@example.org")))
	approveLetter(t, env, "visa@example.org")
	var id int64
	env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = 'visa@example.org'`).Scan(&id)
	var general string
	env.DB.Read.QueryRow(`SELECT letter_costs FROM conference`).Scan(&general)
	letter := func() string {
		t.Helper()
		res := env.Get(loc + "/letter.pdf")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("letter: %d", res.StatusCode)
		}
		if pdftest.Pages(t, []byte(res.Body)) != 1 {
			t.Error("the letter is not one page")
		}
		return strings.Join(strings.Fields(pdftest.Text(t, []byte(res.Body))), " ")
	}

	text := letter()
	for _, want := range []string{"To the Consular Section", "Dear Consular Officer",
		"IOM Regional Office for North America and the Caribbean", "Washington, DC, United States",
		"+1 202 862 1826", "caribbean-conference@example.org", "Passport valid until 30 June 2031"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q:\n%s", want, text)
		}
	}
	// The dates read as a sentence says them ("to be held from 15 to 17
	// March"), not as a heading's range after "from".
	if !regexp.MustCompile(`to be held from \d+ to \d+ \w+ \d{4}`).MatchString(text) {
		t.Errorf("letter's dates do not read as a sentence:\n%s", text)
	}
	if general == "" || !strings.Contains(text, strings.Join(strings.Fields(general), " ")) {
		t.Errorf("undecided: the letter should print the general statement %q:\n%s", general, text)
	}

	// An organiser says the organisers pay for this person.
	org := env.Login(model.UserOrganiser)
	page := fmt.Sprintf("/admin/registrations/%d", id)
	res := org.Submit(page, page+"/costs", url.Values{"costs_covered_by": {model.CostsOrganiser}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("set costs: %d", res.StatusCode)
	}
	text = letter()
	if !strings.Contains(text, "accommodation and meals for the duration of the conference are covered by IOM Regional Office") {
		t.Errorf("sponsored: no per-person sentence:\n%s", text)
	}
	if strings.Contains(text, strings.Join(strings.Fields(general), " ")) {
		t.Errorf("sponsored: the general statement is still printed:\n%s", text)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'costs_covered_by' AND entity_id = ?`, id); n != 1 {
		t.Errorf("%d audit lines for the costs, want 1", n)
	}
	// Own costs.
	org.Submit(page, page+"/costs", url.Values{"costs_covered_by": {model.CostsSelf}})
	if text = letter(); !strings.Contains(text, "covered by the participant or their organisation") {
		t.Errorf("own costs: no per-person sentence:\n%s", text)
	}
	// The approval stands: who pays is the organisers' own statement.
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE id = ? AND letter_approved_at IS NOT NULL`, id); n != 1 {
		t.Error("setting who pays withdrew the approval")
	}
	// A value off the list changes nothing.
	if res := org.Submit(page, page+"/costs", url.Values{"costs_covered_by": {"ministry"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad value: %d, want 422", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE id = ? AND costs_covered_by = 'self'`, id); n != 1 {
		t.Error("a bad value changed who pays")
	}
	// Desk staff cannot set it.
	if res := env.Login(model.UserCheckin).PostAdmin(page+"/costs", url.Values{"costs_covered_by": {""}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("desk staff: %d, want 403", res.StatusCode)
	}
}

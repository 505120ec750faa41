package web_test

import (
	"net/http"
	"strings"
	"testing"

	"confdesk/internal/webtest"
)

// TestPassportFieldsSayRequiredForLetter: the passport fields are labelled
// "(required for a letter)", never "(optional)", and a missing one is
// reported with the letter as the reason.
func TestPassportFieldsSayRequiredForLetter(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	doc := env.Get("/register").Doc()
	for _, field := range []string{"passport_name", "nationality", "passport_number", "passport_expiry", "date_of_birth"} {
		label := strings.Join(strings.Fields(doc.Find(`label[for="`+field+`"]`).Text()), " ")
		if !strings.Contains(label, "(required for a letter)") || strings.Contains(label, "(optional)") {
			t.Errorf("%s labelled %q", field, label)
		}
	}
	f := validForm("letter@example.org")
	f.Set("visa_letter", "yes")
	res := register(env, f)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("letter without passport details: %d", res.StatusCode)
	}
	for _, field := range []string{"passport_name", "nationality", "passport_number", "passport_expiry", "date_of_birth"} {
		if msg := res.Doc().Find("#" + field + "-error").Text(); !strings.Contains(msg, "invitation letter") {
			t.Errorf("%s: message %q does not say the letter needs it", field, msg)
		}
	}
}

// TestDateHintsByExample: the date fields' hints give an example date in
// words, which reads the same whatever order the browser's picker shows,
// not "year-month-day".
func TestDateHintsByExample(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	doc := env.Get("/register").Doc()
	for field, want := range map[string]string{"passport_expiry": "For example 30 June 2031", "date_of_birth": "For example 21 March 1980"} {
		hint := doc.Find("#" + field + "-hint").Text()
		if !strings.Contains(hint, want) || strings.Contains(strings.ToLower(hint), "year-month-day") {
			t.Errorf("%s: hint %q, want %q", field, hint, want)
		}
	}
	f := withVisa(validForm("dates@example.org"))
	f.Set("date_of_birth", "21/03/1980")
	res := register(env, f)
	if msg := res.Doc().Find("#date_of_birth-error").Text(); !strings.Contains(msg, "1980-03-21 for 21 March 1980") {
		t.Errorf("a date typed in another order: %q", msg)
	}
}

// TestPressThankYou: after an accreditation request the page thanks the
// journalist for it, with "Press" highlighted in the header.
func TestPressThankYou(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	f := validForm("reporter@example.org")
	f.Del("org_type")
	f.Set("outlet", "Jamaica Observer")
	f.Set("media_type", "print")
	res := env.Client().Submit("/press/accreditation", "/press/accreditation", f)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("accreditation request: %d\n%s", res.StatusCode, res.Body)
	}
	page := env.Get(res.Header.Get("Location"))
	body := page.Doc().Find("main").Text()
	if !strings.Contains(body, "Thank you for your accreditation request") || strings.Contains(body, "Thank you for registering") {
		t.Errorf("thank-you page:\n%s", body)
	}
	if cur := page.Doc().Find(`.site-nav a[aria-current=page]`).Text(); cur != "Press" {
		t.Errorf("header highlights %q, want Press", cur)
	}
	loc, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	if cur := env.Client().Get(loc + "/edit").Doc().Find(`.site-nav a[aria-current=page]`).Text(); cur != "Press" {
		t.Errorf("edit page highlights %q, want Press", cur)
	}
}

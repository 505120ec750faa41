package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"confdesk/internal/webtest"
)

// fillByLabel types value into the input whose <label> reads label, as a
// person finds a field: by the words beside it.
func fillByLabel(label, value string) chromedp.Action[chromedp.Void] {
	return chromedp.SendKeys(chromedp.JSPath(labelled(label)), value)
}

// labelled is a JavaScript path to the control of the label starting with text.
func labelled(text string) string {
	return `document.getElementById([...document.querySelectorAll("label")].find(l => l.textContent.trim().startsWith(` +
		jsString(text) + `)).htmlFor)`
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// A person registers with a name full of diacritics, by the form's labels,
// and lands on their registration page with reference and status.
func TestRegisterInBrowser(t *testing.T) {
	b := newBrowser(t)
	b.Do(
		chromedp.Navigate(b.URL("/register")),
		fillByLabel("First name", "Désirée"),
		fillByLabel("Last name", "Piñeiro-Nguyễn"),
		fillByLabel("E-mail address", "desiree@example.org"),
		fillByLabel("Country", "Trinidad and Tobago"),
		fillByLabel("Organisation", "Ministry of National Security"),
		fillByLabel("Type of organisation", "Government"),
		fillByLabel("Job title", "Head of the Counter-Trafficking Unit"),
		chromedp.Click(chromedp.JSPath(labelled("I agree"))),
		chromedp.Click(chromedp.CSS(`form.registration-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=reference]`)),
	)
	ref := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=reference]`)))
	status := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=status]`)))
	body := Get(b, chromedp.Text(chromedp.CSS("main")))
	if !strings.HasPrefix(ref, "CTC-") || len(ref) != 10 {
		t.Errorf("reference %q", ref)
	}
	if !strings.HasPrefix(status, "Confirmed") {
		t.Errorf("status %q", status)
	}
	if !strings.Contains(body, "Désirée Piñeiro-Nguyễn") {
		t.Errorf("name not shown as typed:\n%s", body)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

// A submission with mistakes comes back with each message beside its field
// and everything typed still there.
func TestRegisterErrorsInBrowser(t *testing.T) {
	b := newBrowser(t)
	b.Do(
		chromedp.Navigate(b.URL("/register")),
		fillByLabel("First name", "Łukasz"),
		fillByLabel("E-mail address", "not-an-address"),
		fillByLabel("Organisation", "OAS"),
		chromedp.Click(chromedp.JSPath(labelled("I need an invitation letter"))),
		fillByLabel("Passport number", "x"),
		chromedp.Click(chromedp.CSS(`form.registration-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#error-summary`)),
	)
	for field, want := range map[string]string{
		"last_name":       "Enter your last name.",
		"email":           "Enter an e-mail address like name@example.org.",
		"country":         "Choose your country.",
		"consent":         "Tick the box",
		"passport_number": "Enter the passport number as printed",
	} {
		msg := Get(b, chromedp.Text(chromedp.CSS("#"+field+"-error")))
		if !strings.Contains(msg, want) {
			t.Errorf("%s: message %q, want %q", field, msg, want)
		}
		// The message sits inside the same field block as its input.
		same := Get(b, chromedp.Evaluate[bool](`document.getElementById("`+field+`").closest(".field") === document.getElementById("`+field+`-error").closest(".field")`))
		if !same {
			t.Errorf("%s: the message is not beside its field", field)
		}
	}
	for field, want := range map[string]string{"first_name": "Łukasz", "email": "not-an-address", "organisation": "OAS", "passport_number": "X"} {
		if v := Get(b, chromedp.Value(chromedp.ID(field))); v != want {
			t.Errorf("%s kept as %q, want %q", field, v, want)
		}
	}
	if checked := Get(b, chromedp.Evaluate[bool](`document.getElementById("visa_letter").checked`)); !checked {
		t.Error("the visa-letter box was unticked")
	}
	if hidden := Get(b, chromedp.Evaluate[bool](`document.getElementById("passport-fields").hidden`)); hidden {
		t.Error("passport fields hidden although the box is ticked")
	}
	// Clicking a summary line moves to its field.
	b.Do(chromedp.Click(chromedp.CSS(`#error-summary a[href="#email"]`)))
	if id := Get(b, chromedp.Evaluate[string](`document.activeElement.id`)); id != "email" {
		t.Errorf("summary link focused %q, want email", id)
	}
	if p := b.Problems("status of 422"); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

// With e-mail confirmation on, the form says "check your inbox"; the link
// in the message opens a page whose button completes the registration.
func TestRegisterWithConfirmationInBrowser(t *testing.T) {
	b := newBrowser(t, webtest.WithConfirmEmail())
	b.Do(
		chromedp.Navigate(b.URL("/register")),
		fillByLabel("First name", "Kwame"),
		fillByLabel("Last name", "Thompson"),
		fillByLabel("E-mail address", "kwame@example.org"),
		fillByLabel("Country", "Jamaica"),
		fillByLabel("Organisation", "Jamaica Constabulary Force"),
		fillByLabel("Type of organisation", "Government"),
		fillByLabel("Job title", "Detective Superintendent"),
		chromedp.Click(chromedp.JSPath(labelled("I agree"))),
		chromedp.Click(chromedp.CSS(`form.registration-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.lead`)),
	)
	if lead := Get(b, chromedp.Text(chromedp.CSS(`p.lead`))); !strings.HasPrefix(lead, "Check your inbox") {
		t.Fatalf("after submitting: %q", lead)
	}
	var body string
	if err := b.Env.DB.Read.QueryRow(`SELECT body_text FROM outbox WHERE kind = 'confirm_email'`).Scan(&body); err != nil {
		t.Fatal(err)
	}
	i := strings.Index(body, "/confirm/")
	if i < 0 {
		t.Fatalf("no link in\n%s", body)
	}
	link := strings.Fields(body[i:])[0]
	b.Do(
		chromedp.Navigate(b.URL(link)),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=reference]`)),
	)
	if status := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=status]`))); !strings.HasPrefix(status, "Confirmed") {
		t.Errorf("status %q", status)
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

// A form whose token no longer holds (the browser session ended: its
// cookie is gone) comes back with everything typed, passport details
// included, and a one-line explanation; pressing the button again registers.
func TestExpiredRegistrationFormInBrowser(t *testing.T) {
	b := newBrowser(t)
	b.Do(
		chromedp.Navigate(b.URL("/register")),
		fillByLabel("First name", "Jean-Baptiste"),
		fillByLabel("Last name", "Étienne"),
		fillByLabel("E-mail address", "jb@example.org"),
		fillByLabel("Country", "Haiti"),
		fillByLabel("Organisation", "Police Nationale d'Haïti"),
		fillByLabel("Type of organisation", "Government"),
		fillByLabel("Job title", "Inspecteur"),
		chromedp.Click(chromedp.JSPath(labelled("I need an invitation letter"))),
		fillByLabel("Full name as in your passport", "JEAN BAPTISTE ETIENNE"),
		fillByLabel("Nationality", "Haiti"),
		fillByLabel("Passport number", "HT1234567"),
		chromedp.SetValue(chromedp.ID("passport_expiry"), "2031-06-30"),
		chromedp.SetValue(chromedp.ID("date_of_birth"), "1980-03-21"),
		chromedp.Click(chromedp.JSPath(labelled("I agree"))),
	)
	// The browser session ends while the form is open: its cookie goes.
	if _, err := chromedp.Call(b.ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	b.Do(
		chromedp.Click(chromedp.CSS(`form.registration-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice[role=alert]`)),
	)
	if notice := Get(b, chromedp.Text(chromedp.CSS(`p.notice[role=alert]`))); !strings.Contains(notice, "We kept what you typed") {
		t.Errorf("notice %q", notice)
	}
	for field, want := range map[string]string{"first_name": "Jean-Baptiste", "last_name": "Étienne", "email": "jb@example.org",
		"country": "HT", "job_title": "Inspecteur", "passport_name": "JEAN BAPTISTE ETIENNE", "nationality": "HT",
		"passport_number": "HT1234567", "passport_expiry": "2031-06-30", "date_of_birth": "1980-03-21"} {
		if v := Get(b, chromedp.Value(chromedp.ID(field))); v != want {
			t.Errorf("%s kept as %q, want %q", field, v, want)
		}
	}
	for _, box := range []string{"visa_letter", "consent"} {
		if !Get(b, chromedp.Evaluate[bool](`document.getElementById("`+box+`").checked`)) {
			t.Errorf("%s unticked", box)
		}
	}
	b.Do(
		chromedp.Click(chromedp.CSS(`form.registration-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=reference]`)),
	)
	if status := Get(b, chromedp.Text(chromedp.CSS(`[data-testid=status]`))); !strings.HasPrefix(status, "Confirmed") {
		t.Errorf("status %q", status)
	}
	if p := b.Problems("status of 422"); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

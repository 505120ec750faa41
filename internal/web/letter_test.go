package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/webtest"
)

func approveLetter(t *testing.T, env *webtest.Env, email string) {
	t.Helper()
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET letter_approved_at = '2027-02-02T15:00:00.000000Z' WHERE email = ?`, email); err != nil {
		t.Fatal(err)
	}
}

func TestInvitationLetter(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	loc := mustRegister(t, env, withVisa(validForm("visa@example.org")))
	other := mustRegister(t, env, validForm("novisa@example.org"))

	// Before approval: no letter, for the owner or anyone.
	if res := env.Get(loc + "/letter.pdf"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("letter before approval: %d", res.StatusCode)
	}
	if !strings.Contains(env.Get(loc).Body, "once the organisers have approved") {
		t.Error("the page does not say the letter awaits approval")
	}
	approveLetter(t, env, "visa@example.org")
	approveLetter(t, env, "novisa@example.org") // asked for no letter: still none
	if res := env.Get(other + "/letter.pdf"); res.StatusCode != http.StatusNotFound {
		t.Errorf("letter for a registration that asked for none: %d", res.StatusCode)
	}

	page := env.Get(loc)
	href, ok := page.Doc().Find(`[data-testid=letter-link]`).Attr("href")
	if !ok {
		t.Fatal("no letter link after approval")
	}
	res := env.Get(href)
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("letter: %d, Cache-Control %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	body := []byte(res.Body)
	text := strings.Join(strings.Fields(pdftest.Text(t, body)), " ")
	var ref string
	env.DB.Read.QueryRow(`SELECT reference FROM registrations WHERE email = 'visa@example.org'`).Scan(&ref)
	for _, want := range []string{"DESIREE PINEIRO NGUYEN", "Trinidad and Tobago", "TA1234567", "23 April 1981",
		"Caribbean Counter-Trafficking Conference", "from 15 to 17 March 2027", "Riverwalk Conference Centre", "2 February 2027",
		"Margaret Ellison-Cruz", ref, "Verification"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q:\n%s", want, text)
		}
	}
	if pdftest.Pages(t, body) != 1 {
		t.Error("the letter is not one page")
	}
	// Organisers get it too; desk staff do not.
	var id int64
	env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = 'visa@example.org'`).Scan(&id)
	path := fmt.Sprintf("/admin/registrations/%d/letter.pdf", id)
	if res := env.Login(model.UserOrganiser).Get(path); res.StatusCode != http.StatusOK {
		t.Errorf("organiser letter: %d", res.StatusCode)
	}
	if res := env.Login(model.UserCheckin).Get(path); res.StatusCode != http.StatusForbidden {
		t.Errorf("desk staff letter: %d", res.StatusCode)
	}
	// Passport data never reaches a public page.
	for _, p := range []string{"/", "/register", "/agenda", "/press"} {
		if b := env.Get(p).Body; strings.Contains(b, "TA1234567") || strings.Contains(b, "1981-04-23") {
			t.Errorf("%s shows passport data", p)
		}
	}
	// New passport details withdraw the approval: no letter until approved again.
	f := withVisa(validForm("visa@example.org"))
	f.Set("passport_number", "TB7654321")
	if res := env.Client().Submit(loc+"/edit", loc+"/edit", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	if res := env.Get(loc + "/letter.pdf"); res.StatusCode != http.StatusNotFound {
		t.Errorf("letter after the passport changed: %d, want 404 until re-approved", res.StatusCode)
	}
	approveLetter(t, env, "visa@example.org")
	if text := pdftest.Text(t, []byte(env.Get(loc+"/letter.pdf").Body)); !strings.Contains(text, "TB7654321") {
		t.Error("the re-approved letter does not carry the new passport number")
	}
	// A cancelled registration's letter is gone.
	cl := env.Client()
	cl.Submit(loc+"/cancel", loc+"/cancel", url.Values{})
	if res := env.Get(loc + "/letter.pdf"); res.StatusCode != http.StatusNotFound {
		t.Errorf("letter after cancelling: %d", res.StatusCode)
	}
}

func TestCertificates(t *testing.T) {
	env := webtest.New(t)
	came := registered(t, env, "came@example.org")
	stayed := registered(t, env, "stayed@example.org")
	if res := env.Login(model.UserOrganiser).Get(fmt.Sprintf("/admin/registrations/%d/certificate.pdf", came.ID)); res.StatusCode != http.StatusNotFound {
		t.Errorf("certificate before check-in: %d", res.StatusCode)
	}
	desk := env.Login(model.UserCheckin)
	scan(t, desk, came.CheckinCode, 0)
	org := env.Login(model.UserAdmin)
	res := org.Get(fmt.Sprintf("/admin/registrations/%d/certificate.pdf", came.ID))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("certificate: %d", res.StatusCode)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, []byte(res.Body))), " ")
	for _, want := range []string{"Certificate of attendance", "Désirée Piñeiro-Nguyễn", "Caribbean Counter-Trafficking Conference", "Miami, Florida from 15 to 17 March 2027."} {
		if !strings.Contains(text, want) {
			t.Errorf("certificate lacks %q: %s", want, text)
		}
	}
	all := org.Get("/admin/certificates.pdf")
	if all.StatusCode != http.StatusOK || pdftest.Pages(t, []byte(all.Body)) != 1 {
		t.Errorf("batch: %d, want one page for the one attendee", all.StatusCode)
	}
	if res := org.Get(fmt.Sprintf("/admin/registrations/%d/certificate.pdf", stayed.ID)); res.StatusCode != http.StatusNotFound {
		t.Errorf("certificate for someone never checked in: %d", res.StatusCode)
	}
}

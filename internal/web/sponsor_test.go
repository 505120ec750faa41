package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// sponsoring turns on sponsored travel for the test's conference.
func sponsoring(t *testing.T, env *webtest.Env) {
	t.Helper()
	setConference(t, env, `sponsors_travel = 1 WHERE id = ?`, env.Conference.ID)
}

// sponsorshipOf reads a registration's sponsorship state and reason.
func sponsorshipOf(t *testing.T, env *webtest.Env, email string) (state, reason string) {
	t.Helper()
	if err := env.DB.Read.QueryRow(`SELECT sponsorship, sponsorship_reason FROM registrations WHERE email = ?`,
		email).Scan(&state, &reason); err != nil {
		t.Fatal(err)
	}
	return state, reason
}

// The participants' form offers the request only while the conference
// sponsors travel; the press form never does.
func TestSponsorRequestOfferedOnlyWhenSponsoring(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	if n := env.Client().Get("/register").Doc().Find(`input[name=sponsorship]`).Length(); n != 0 {
		t.Error("the form asks for sponsorship while the conference sponsors no travel")
	}
	// Posted anyway, the request is dropped.
	f := validForm("unsponsored@example.org")
	f.Set("sponsorship", "yes")
	mustRegister(t, env, f)
	if state, _ := sponsorshipOf(t, env, "unsponsored@example.org"); state != "" {
		t.Errorf("stored %q while the conference sponsors no travel", state)
	}

	sponsoring(t, env)
	if n := env.Client().Get("/register").Doc().Find(`input[name=sponsorship]`).Length(); n != 1 {
		t.Error("the participants' form does not offer the request")
	}
	if n := env.Client().Get("/press/accreditation").Doc().Find(`input[name=sponsorship]`).Length(); n != 0 {
		t.Error("the press form offers the request")
	}
	p := validForm("reporter@example.org")
	p.Del("org_type")
	p.Set("outlet", "Trinidad Guardian")
	p.Set("media_type", "print")
	p.Set("sponsorship", "yes")
	p.Set("sponsorship_reason", "Please")
	if res := env.Client().Submit("/press/accreditation", "/press/accreditation", p); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("press: %d\n%s", res.StatusCode, res.Body)
	}
	if state, _ := sponsorshipOf(t, env, "reporter@example.org"); state != "" {
		t.Errorf("press request stored as %q", state)
	}
}

// In Spanish: the labels are Spanish, the reason is required when the box
// is ticked (the form comes back with what was typed), and the request is
// stored with it and shown on the self-service page in Spanish.
func TestSponsorRequestInSpanish(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	sponsoring(t, env)
	cl := inLanguage(env, "es")
	doc := cl.Get("/register").Doc()
	if got := strings.TrimSpace(doc.Find(`label[for=sponsorship]`).Text()); !strings.Contains(got, "Solicito a los organizadores que paguen mi viaje") {
		t.Errorf("checkbox label %q", got)
	}
	if got := label(doc, "sponsorship_reason"); !strings.Contains(got, "¿Por qué solicita que se pague su viaje?") {
		t.Errorf("reason label %q", got)
	}
	f := validForm("ana@example.org")
	f.Set("sponsorship", "yes")
	res := cl.Submit("/register", "/register", f)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("no reason: %d", res.StatusCode)
	}
	if got := res.Doc().Find(`#sponsorship_reason-error`).Text(); !strings.Contains(got, "Indique brevemente") {
		t.Errorf("reason error %q", got)
	}
	if _, ok := res.Doc().Find(`input[name=sponsorship]`).Attr("checked"); !ok {
		t.Error("the ticked box came back unticked")
	}
	f.Set("sponsorship_reason", strings.Repeat("x", 501))
	if res := cl.Submit("/register", "/register", f); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Doc().Find(`#sponsorship_reason-error`).Text(), "500") {
		t.Errorf("501 characters: %d %q", res.StatusCode, res.Doc().Find(`#sponsorship_reason-error`).Text())
	}
	f.Set("sponsorship_reason", "Jefa de la delegación de un pequeño Estado insular.")
	res = cl.Submit("/register", "/register", f)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("register: %d\n%s", res.StatusCode, res.Body)
	}
	state, reason := sponsorshipOf(t, env, "ana@example.org")
	if state != model.SponsorshipRequested || reason != "Jefa de la delegación de un pequeño Estado insular." {
		t.Errorf("stored %q %q", state, reason)
	}
	self, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	if body := cl.Get(self).Body; !strings.Contains(body, "Solicitado: los organizadores aún no han decidido") {
		t.Error("the self-service page does not show the request in Spanish")
	}
	if body := cl.Get(self + "/edit").Body; !strings.Contains(body, "Solicitado: los organizadores aún no han decidido") {
		t.Error("the self-service edit page does not show the request in Spanish")
	}
	if body := cl.Get(self + "/data.json").Body; !strings.Contains(body, "sponsored_travel_reason") || !strings.Contains(body, "Jefa de la delegación") {
		t.Error("the personal data download lacks the request")
	}
}

// Organisers grant and refuse from the registration's page: audited,
// e-mailed once in the person's language, and the desk filters on it.
func TestSponsorGrantRefuseAndFilter(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env, person{Last: "Alvarez"}, person{Last: "Baptiste"}, person{Last: "Charles"})
	alvarez, baptiste, charles := ids[0], ids[1], ids[2]
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET language = 'fr', sponsorship = 'requested',
		sponsorship_reason = 'Small island state' WHERE id = ?`, alvarez); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET language = 'es', sponsorship = 'requested' WHERE id = ?`, baptiste); err != nil {
		t.Fatal(err)
	}
	org := env.Login(model.UserOrganiser)
	// Before any decision, the requests awaiting one are those asked.
	if got := strings.Join(rowRefs(mustGet(t, org, "/admin/registrations?sponsored=requested&sort=last_name").Doc()), ","); got !=
		referenceOf(t, env, alvarez)+","+referenceOf(t, env, baptiste) {
		t.Errorf("sponsored=requested before deciding: %s", got)
	}
	page := mustGet(t, org, regPath(alvarez))
	if !strings.Contains(page.Doc().Find(`[data-testid=sponsorship]`).Text(), "Small island state") {
		t.Error("the reason is not on the registration's page")
	}
	post := func(id int64, action string, form url.Values) {
		t.Helper()
		vals := webtest.FormValues(t, mustGet(t, org, regPath(id)), regPath(id)+"/sponsorship/"+action)
		for k, v := range form {
			vals[k] = v
		}
		if res := org.PostAdmin(regPath(id)+"/sponsorship/"+action, vals); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s %d: %d\n%s", action, id, res.StatusCode, res.Doc().Find("main").Text())
		}
	}
	post(alvarez, "grant", nil)
	// A second click decides nothing new and sends nothing.
	if res := org.PostAdmin(regPath(alvarez)+"/sponsorship/grant", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("grant again: %d", res.StatusCode)
	}
	post(baptiste, "refuse", url.Values{"sponsorship_note": {"Le budget est épuisé."}})
	// Charles never asked: organisers may mark him sponsored.
	post(charles, "grant", nil)

	for id, want := range map[int64]string{alvarez: "granted", baptiste: "refused", charles: "granted"} {
		var state, by string
		if err := env.DB.Read.QueryRow(`SELECT sponsorship, sponsorship_decided_by FROM registrations WHERE id = ?`, id).Scan(&state, &by); err != nil {
			t.Fatal(err)
		}
		if state != want || by == "" {
			t.Errorf("registration %d: %q by %q, want %q", id, state, by, want)
		}
		if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'sponsorship' AND entity_id = ?`, id); n != 1 {
			t.Errorf("registration %d: %d audit lines, want 1", id, n)
		}
	}
	if n := mailsOf(t, env, alvarez, mail.KindSponsorshipGranted); n != 1 {
		t.Errorf("Alvarez got %d e-mails, want 1", n)
	}
	fr := lastMail(t, env, alvarez, mail.KindSponsorshipGranted)
	if !strings.HasPrefix(fr.Subject, "Votre voyage sera pris en charge") {
		t.Errorf("French subject %q", fr.Subject)
	}
	es := lastMail(t, env, baptiste, mail.KindSponsorshipRefused)
	if !strings.HasPrefix(es.Subject, "Su solicitud de pago del viaje") || !strings.Contains(es.BodyText, "Le budget est épuisé.") ||
		!strings.Contains(es.BodyText, "no pueden pagar su viaje") {
		t.Errorf("Spanish refusal %q\n%s", es.Subject, es.BodyText)
	}
	if en := lastMail(t, env, charles, mail.KindSponsorshipGranted); !strings.HasPrefix(en.Subject, "Your travel will be paid") {
		t.Errorf("English subject %q", en.Subject)
	}

	// The desk's filter: yes is granted, no is everyone else.
	refs := func(q string) string {
		return strings.Join(rowRefs(mustGet(t, org, "/admin/registrations?"+q).Doc()), ",")
	}
	if got, want := refs("sponsored=yes&sort=last_name"), referenceOf(t, env, alvarez)+","+referenceOf(t, env, charles); got != want {
		t.Errorf("sponsored=yes: %s, want %s", got, want)
	}
	if got, want := refs("sponsored=no&sort=last_name"), referenceOf(t, env, baptiste); got != want {
		t.Errorf("sponsored=no: %s, want %s", got, want)
	}
	if got := refs("sponsored=requested"); got != "" {
		t.Errorf("sponsored=requested once all are decided: %s, want none", got)
	}
	if n := mustGet(t, org, "/admin/registrations").Doc().Find(`select[name=sponsored]`).Length(); n != 1 {
		t.Error("no sponsored filter on the desk")
	}
	if n := mustGet(t, org, "/admin/announcements/new?sponsored=yes").Doc().Find(`select[name=sponsored] option[value=yes][selected]`).Length(); n != 1 {
		t.Error("the announcement form does not carry the sponsored filter")
	}

	// Refusing what nobody asked for, and sponsoring a cancelled
	// registration, are refused with the reason and change nothing.
	extra := seed(t, env, person{Last: "Dorval"}, person{Last: "Étienne", Status: model.StatusCancelled})
	for _, tc := range []struct {
		id     int64
		action string
		want   string
	}{{extra[0], "refuse", "no request"}, {extra[1], "grant", "cannot be sponsored"}} {
		res := org.PostAdmin(regPath(tc.id)+"/sponsorship/"+tc.action, url.Values{})
		if res.StatusCode != http.StatusConflict || !strings.Contains(res.Body, tc.want) {
			t.Errorf("%s %d: %d, want 409 saying %q", tc.action, tc.id, res.StatusCode, tc.want)
		}
		if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'sponsorship' AND entity_id = ?`, tc.id); n != 0 {
			t.Errorf("%s %d: audited", tc.action, tc.id)
		}
	}

	// An announcement to the sponsored reaches the two granted.
	af := announcementForm(t, org, map[string]string{"sponsored": "yes", "subject": "Your flights", "body": "Dear {{first_name}}"})
	af.Set("action", "preview")
	if res := org.PostForm("/admin/announcements", af); res.StatusCode != http.StatusOK ||
		res.Doc().Find(`[data-testid=recipient-count] strong`).Text() != "2" {
		t.Errorf("announcement preview to the sponsored: %d, %q recipients", res.StatusCode,
			res.Doc().Find(`[data-testid=recipient-count] strong`).Text())
	}

	// Erasing a registration blanks the person's reason and the note to them.
	if err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		_, err := tx.EraseRegistration(alvarez, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
		if err == nil {
			_, err = tx.EraseRegistration(baptiste, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE sponsorship_reason <> '' OR sponsorship_note <> ''`); n != 0 {
		t.Errorf("%d erased registrations keep a reason or note", n)
	}
}

// The travel settings round trip, and refuse a bad currency or amount
// with the form kept.
func TestSettingsSponsoredTravel(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	f := settingsForm(t, cl)
	if f.Get("per_diem_currency") != "USD" {
		t.Errorf("default currency %q", f.Get("per_diem_currency"))
	}
	f.Set("sponsors_travel", "on")
	f.Set("per_diem", "45.5")
	f.Set("per_diem_currency", "eur")
	f.Set("hotel_name", "Hotel Biscayne")
	f.Set("hotel_address", "1 Biscayne Blvd, Miami")
	f.Set("hotel_rooms", "40")
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", res.StatusCode, res.Doc().Find("#error-summary").Text())
	}
	var cents, rooms int
	var cur string
	if err := env.DB.Read.QueryRow(`SELECT per_diem_cents, per_diem_currency, hotel_rooms FROM conference WHERE id = ?`,
		env.Conference.ID).Scan(&cents, &cur, &rooms); err != nil {
		t.Fatal(err)
	}
	if cents != 4550 || cur != "EUR" || rooms != 40 {
		t.Errorf("stored %d %s %d", cents, cur, rooms)
	}
	back := settingsForm(t, cl)
	if back.Get("per_diem") != "45.50" || back.Get("hotel_name") != "Hotel Biscayne" || back.Get("sponsors_travel") == "" {
		t.Errorf("shown back: %v", back)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE entity = 'conference' AND changes LIKE '%per_diem%'`); n != 1 {
		t.Errorf("%d audit lines with the per diem, want 1", n)
	}
	for _, tc := range []struct{ field, value, want string }{
		{"per_diem_currency", "EURO", "ISO 4217"},
		{"per_diem_currency", "E1R", "ISO 4217"},
		{"per_diem", "45.505", "amount"},
		{"per_diem", "-3", "amount"},
		{"per_diem", "lots", "amount"},
		{"per_diem", "2000000", "at most"},
		{"hotel_rooms", "-1", "whole number"},
	} {
		f := settingsForm(t, cl)
		f.Set(tc.field, tc.value)
		refusedSetting(t, env, cl, f, tc.field, tc.want)
	}
}

// With e-mail confirmation on, the request waits with the kept form and
// is stored when the link is followed.
func TestSponsorRequestThroughConfirmation(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfirmEmail())
	sponsoring(t, env)
	f := validForm("kept@example.org")
	f.Set("sponsorship", "yes")
	f.Set("sponsorship_reason", "Delegate of a small island state")
	if res := register(env, f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /register = %d\n%s", res.StatusCode, res.Body)
	}
	if res := follow(t, env, mailedLink(t, env, "confirm_email", "kept@example.org")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.StatusCode)
	}
	if state, reason := sponsorshipOf(t, env, "kept@example.org"); state != model.SponsorshipRequested || reason != "Delegate of a small island state" {
		t.Errorf("stored %q %q", state, reason)
	}
}

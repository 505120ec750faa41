package web_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// setLanguage stores code as the language of the registration with this e-mail address.
func setLanguage(t *testing.T, env *webtest.Env, email, code string) {
	t.Helper()
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET language = ? WHERE email = ?`, code, email); err != nil {
		t.Fatal(err)
	}
}

// TestSelfServiceInFrench: a registration's own page, asked for in French
// by the lang cookie, speaks French: title, status, details, buttons, and
// the conference's days and the passport dates written the French way.
func TestSelfServiceInFrench(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	path := mustRegister(t, env, withVisa(validForm("francais@example.org")))
	res := inLanguage(env, "fr").Get(path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", path, res.StatusCode)
	}
	doc := res.Doc()
	if lang, _ := doc.Find("html").Attr("lang"); lang != "fr" {
		t.Errorf(`<html lang=%q>, want "fr"`, lang)
	}
	fr := i18n.Lookup("fr")
	conf := env.Conference
	days := fr.DateRange(conf.Start(), conf.End().AddDate(0, 0, -1))
	for _, want := range []string{
		"Votre inscription",
		"Confirmée : votre place est réservée.",
		"Votre référence :",
		"(" + days + ")",
		"Les informations que vous nous avez communiquées",
		"Trinité-et-Tobago",
		"30 juin 2031",
		"23 avril 1981",
		"Administration publique",
		"Modifier mes informations",
		"Annuler mon inscription",
		"Télécharger mes données",
	} {
		if !strings.Contains(doc.Find("main").Text(), want) {
			t.Errorf("the French page lacks %q", want)
		}
	}
	if got := doc.Find("[data-testid=status]").Text(); got != "Confirmée : votre place est réservée." {
		t.Errorf("status heading %q", got)
	}
	main := doc.Find("main").Text()
	for _, english := range []string{"Your reference", "Confirmed", "What you told us", "Change my details", "June", "Government"} {
		if strings.Contains(main, english) {
			t.Errorf("the French page still says %q", english)
		}
	}

	// The cancel page too.
	cancel := inLanguage(env, "fr").Get(path + "/cancel").Doc()
	if got := strings.TrimSpace(cancel.Find("h1").Text()); got != "Annuler votre inscription" {
		t.Errorf("cancel page heading %q", got)
	}
	if got := strings.TrimSpace(cancel.Find("button[type=submit]").Text()); got != "Oui, annuler mon inscription" {
		t.Errorf("cancel button %q", got)
	}
}

// TestDeadLinkInSpanish: a self-service link replaced by a newer one, opened
// by a Spanish reader, answers 410 in Spanish, its date in Spanish.
func TestDeadLinkInSpanish(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	old := mustRegister(t, env, validForm("espanol@example.org"))
	findRegistration(env, "espanol@example.org")
	sent := env.Clock.Now()
	follow(t, env, mailedLink(t, env, "find_link", "espanol@example.org"))

	cl := env.Client()
	cl.Header = http.Header{"Accept-Language": {"es-DO,es;q=0.9,en;q=0.5"}}
	res := cl.Get(old)
	if res.StatusCode != http.StatusGone {
		t.Fatalf("GET %s = %d, want 410", old, res.StatusCode)
	}
	doc := res.Doc()
	if lang, _ := doc.Find("html").Attr("lang"); lang != "es" {
		t.Errorf(`<html lang=%q>, want "es"`, lang)
	}
	main := doc.Find("main").Text()
	es := i18n.Lookup("es")
	local := sent.In(env.Conference.Location())
	for _, want := range []string{
		"Este enlace ha sido sustituido por uno más reciente",
		es.WeekdayDate(local),
		"Encontrar mi inscripción",
		"Error 410",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("the Spanish 410 page lacks %q:\n%s", want, main)
		}
	}
	for _, english := range []string{"This link", "newer", "Find my registration", "January"} {
		if strings.Contains(main, english) {
			t.Errorf("the Spanish 410 page still says %q", english)
		}
	}
	if doc.Find(`a[href="/registration/lost"]`).Length() == 0 {
		t.Error("no way to a new link")
	}
}

// TestRegistrationsCSVLanguage: the registrations CSV's column language
// holds each registration's stored language.
func TestRegistrationsCSVLanguage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	mustRegister(t, env, validForm("dutch@example.org"))
	mustRegister(t, env, validForm("english@example.org"))
	setLanguage(t, env, "dutch@example.org", "nl")

	res := env.Login(model.UserOrganiser).Get("/admin/registrations.csv")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET csv = %d", res.StatusCode)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := recs[0]
	col := slices.Index(header, "language")
	if col < 0 || header[0] != "reference" {
		t.Fatalf("header %q: no language", header)
	}
	got := map[string]string{}
	for _, rec := range recs[1:] {
		got[rec[5]] = rec[col]
	}
	if got["dutch@example.org"] != "nl" || got["english@example.org"] != "en" {
		t.Errorf("languages %v, want nl and en", got)
	}
}

// TestDeskShowsLanguage: the console (in English) names each registrant's
// language on the registration's page and in the list.
func TestDeskShowsLanguage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	mustRegister(t, env, validForm("espanola@example.org"))
	setLanguage(t, env, "espanola@example.org", "es")
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = 'espanola@example.org'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	cl := env.Login(model.UserOrganiser)
	res := cl.Get(fmt.Sprintf("/admin/registrations/%d", id))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("detail = %d", res.StatusCode)
	}
	found := false
	res.Doc().Find("dl.details div").Each(func(_ int, s *goquery.Selection) {
		if strings.TrimSpace(s.Find("dt").Text()) == "Language" && strings.TrimSpace(s.Find("dd").Text()) == "Spanish (Español)" {
			found = true
		}
	})
	if !found {
		t.Error(`the detail page does not say "Language: Spanish (Español)"`)
	}
	if lang, _ := res.Doc().Find("html").Attr("lang"); lang != "en" {
		t.Errorf("the console is served in %q", lang)
	}
	list := cl.Get("/admin/registrations").Doc()
	if got := strings.TrimSpace(list.Find("[data-testid=registration-row] [data-testid=language]").First().Text()); got != "es" {
		t.Errorf("the list's language column says %q", got)
	}
}

// TestOrganiserSetsTheLanguage: a registration made in English for a
// French-speaking official (say, by phone) is set to French in the
// console's edit form; the change is audited, and the message telling the
// person about the edit is French.
func TestOrganiserSetsTheLanguage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	mustRegister(t, env, validForm("officielle@example.org"))
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = 'officielle@example.org'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	cl := env.Login(model.UserOrganiser)
	edit := fmt.Sprintf("/admin/registrations/%d/edit", id)
	form := webtest.FormValues(t, cl.Get(edit), edit)
	if got := form.Get("language"); got != "en" {
		t.Fatalf("the edit form's language = %q, want en", got)
	}
	form.Set("language", "xx")
	if res := cl.PostAdmin(edit, form); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Doc().Find("#language-error").Text(), "Choose a language") {
		t.Fatalf("an unknown language = %d", res.StatusCode)
	}
	form.Set("language", "fr")
	if res := cl.PostAdmin(edit, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving French = %d\n%s", res.StatusCode, res.Doc().Find("main").Text())
	}
	var lang string
	if err := env.DB.Read.QueryRow(`SELECT language FROM registrations WHERE id = ?`, id).Scan(&lang); err != nil || lang != "fr" {
		t.Fatalf("stored language = %q, %v", lang, err)
	}
	var audited int
	if err := env.DB.Read.QueryRow(`SELECT count(*) FROM audit_log WHERE entity = 'registration' AND entity_id = ?
		AND action = 'update' AND changes LIKE '%language%'`, id).Scan(&audited); err != nil || audited != 1 {
		t.Errorf("audit lines naming the language: %d, %v", audited, err)
	}
	if m := lastMail(t, env, id, "updated"); !strings.Contains(m.BodyHTML, `lang="fr"`) {
		t.Errorf("the e-mail about the edit is not French: %q", m.Subject)
	}
}

// TestPrivacyInDutch: the privacy notice, a legal text, is Dutch for a
// Dutch reader, its retention periods as plurals and its dates in Dutch.
func TestPrivacyInDutch(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	res := env.Client().Get("/privacy?lang=nl")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/privacy = %d", res.StatusCode)
	}
	doc := res.Doc()
	if got := strings.TrimSpace(doc.Find("main h1").Text()); got != "Privacyverklaring" {
		t.Errorf("heading %q", got)
	}
	retention := doc.Find("[data-testid=retention]").Text()
	for _, want := range []string{"30 dagen na het einde van de conferentie, op 16 april 2027", "365 dagen", "16 maart 2028"} {
		if !strings.Contains(retention, want) {
			t.Errorf("the retention periods lack %q:\n%s", want, retention)
		}
	}
	if strings.Contains(doc.Find("main").Text(), "Privacy notice") || strings.Contains(retention, "April") {
		t.Error("the Dutch notice still speaks English")
	}
}

package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"confdesk/internal/webtest"
)

// inLanguage returns a visitor whose lang cookie names code, as a earlier
// ?lang= would have set it.
func inLanguage(env *webtest.Env, code string) *webtest.Client {
	cl := env.Client()
	cl.SetCookie(&http.Cookie{Name: "lang", Value: code})
	return cl
}

// forgetTranslations deletes the demo's translations of its content, for
// a test that starts from a conference no one has translated.
func forgetTranslations(t *testing.T, env *webtest.Env) {
	t.Helper()
	if _, err := env.DB.Write.Exec(`DELETE FROM translations`); err != nil {
		t.Fatal(err)
	}
}

// label is the text of the label of the form field id, marks included.
func label(doc *goquery.Document, id string) string {
	return strings.Join(strings.Fields(doc.Find(`label[for="`+id+`"]`).First().Text()), " ")
}

func TestRegisterInSpanishByAcceptLanguage(t *testing.T) {
	env := webtest.New(t)
	cl := env.Client()
	cl.Header.Set("Accept-Language", "es-DO,es;q=0.9,en;q=0.5")
	res := cl.Get("/register")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /register = %d", res.StatusCode)
	}
	doc := res.Doc()
	if doc.Find("html[lang=es]").Length() != 1 {
		t.Error(`no <html lang="es">`)
	}
	if cl := res.Header.Get("Content-Language"); cl != "es" {
		t.Errorf("Content-Language %q", cl)
	}
	vary := res.Header.Values("Vary")
	if v := strings.Join(vary, ","); !strings.Contains(v, "Accept-Language") || !strings.Contains(v, "Cookie") {
		t.Errorf("Vary %q", v)
	}
	for id, want := range map[string]string{
		"first_name":      "Nombre (obligatorio)",
		"last_name":       "Apellidos (obligatorio)",
		"email":           "Correo electrónico (obligatorio)",
		"phone":           "Teléfono (opcional)",
		"country":         "País (obligatorio)",
		"org_type":        "Tipo de organización (obligatorio)",
		"passport_number": "Número de pasaporte (obligatorio para la carta)",
	} {
		if got := label(doc, id); got != want {
			t.Errorf("label of %s = %q, want %q", id, got, want)
		}
	}
	if b := strings.TrimSpace(doc.Find(`form.registration-form button[type=submit]`).Text()); b != "Inscribirse" {
		t.Errorf("button %q", b)
	}
	if o := doc.Find(`#org_type option[value=ngo]`).Text(); o != "Organización no gubernamental" {
		t.Errorf("org type option %q", o)
	}
	if l := doc.Find(`legend`).First().Text(); l != "Sus datos" {
		t.Errorf("first legend %q", l)
	}
	if strings.Contains(res.Body, "(required)") || strings.Contains(res.Body, "Choose a country") {
		t.Error("English left on the Spanish form")
	}
}

func TestRegisterLanguageCookieFromQuery(t *testing.T) {
	env := webtest.New(t)
	cl := env.Client()
	res := cl.Get("/register?lang=fr")
	if res.Doc().Find("html[lang=fr]").Length() != 1 {
		t.Error(`?lang=fr: no <html lang="fr">`)
	}
	ck := cl.Cookie("lang")
	if ck == nil || ck.Value != "fr" || ck.MaxAge < 300*24*3600 {
		t.Fatalf("lang cookie %v", ck)
	}
	// A later request carries the cookie only (and a browser asking for English).
	cl.Header.Set("Accept-Language", "en")
	res = cl.Get("/press/accreditation")
	doc := res.Doc()
	if doc.Find("html[lang=fr]").Length() != 1 || res.Header.Get("Content-Language") != "fr" {
		t.Errorf("the cookie alone does not give French: Content-Language %q", res.Header.Get("Content-Language"))
	}
	if got := label(doc, "organisation"); got != "Employeur ou éditeur (obligatoire)" {
		t.Errorf("press organisation label %q", got)
	}
	if b := strings.TrimSpace(doc.Find(`form.registration-form button[type=submit]`).Text()); b != "Demander l’accréditation" {
		t.Errorf("button %q", b)
	}
	if h := doc.Find("h1").Text(); h != "Accréditation presse" {
		t.Errorf("h1 %q", h)
	}
}

func TestRegisterInDutchMissingField(t *testing.T) {
	env := webtest.New(t)
	cl := inLanguage(env, "nl")
	f := withVisa(validForm("jansen@example.org"))
	f.Del("last_name")
	f.Set("passport_number", "X1")
	res := cl.Submit("/register", "/register", f)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("POST /register = %d", res.StatusCode)
	}
	doc := res.Doc()
	if got := doc.Find(`#last_name-error`).Text(); got != "Vul uw achternaam in." {
		t.Errorf("last name error %q", got)
	}
	if got := doc.Find(`#passport_number-error`).Text(); got != "Vul het paspoortnummer in zoals het erop staat: 5 tot 20 letters en cijfers." {
		t.Errorf("passport number error %q", got)
	}
	if got := strings.TrimSpace(doc.Find(`#error-summary-title`).Text()); got != "Er zijn problemen met 2 antwoorden" {
		t.Errorf("summary %q", got)
	}
	if got := doc.Find(`#error-summary a[href="#last_name"]`).Text(); got != "Vul uw achternaam in." {
		t.Errorf("summary link %q", got)
	}
	if got := doc.Find("title").Text(); !strings.HasPrefix(got, "Controleer uw antwoorden: Aanmelden") {
		t.Errorf("title %q", got)
	}
	// What was typed is kept.
	for id, want := range map[string]string{"first_name": "Désirée", "organisation": "Ministry of National Security",
		"passport_name": "DESIREE PINEIRO NGUYEN", "email": "jansen@example.org"} {
		if v, _ := doc.Find(`#` + id).Attr("value"); v != want {
			t.Errorf("%s kept as %q, want %q", id, v, want)
		}
	}
	if v, _ := doc.Find(`#country option[selected]`).Attr("value"); v != "TT" {
		t.Errorf("country kept as %q", v)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 0 {
		t.Errorf("%d registrations stored", n)
	}

	// One problem: the singular.
	f = validForm("jansen@example.org")
	f.Del("consent")
	doc = cl.Submit("/register", "/register", f).Doc()
	if got := strings.TrimSpace(doc.Find(`#error-summary-title`).Text()); got != "Er is een probleem met één antwoord" {
		t.Errorf("summary %q", got)
	}
}

func TestRegisterInDutchStoresLanguage(t *testing.T) {
	env := webtest.New(t)
	mustRegister(t, env, validForm("english@example.org"))
	res := inLanguage(env, "nl").Submit("/register", "/register", validForm("jansen@example.org"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /register = %d\n%s", res.StatusCode, res.Body)
	}
	var lang string
	if err := env.DB.Read.QueryRow(`SELECT language FROM registrations WHERE email = ?`, "jansen@example.org").Scan(&lang); err != nil || lang != "nl" {
		t.Errorf("language %q, %v; want nl", lang, err)
	}
	if err := env.DB.Read.QueryRow(`SELECT language FROM registrations WHERE email = ?`, "english@example.org").Scan(&lang); err != nil || lang != "en" {
		t.Errorf("language %q, %v; want en", lang, err)
	}
}

// TestRegisterLanguageThroughConfirmation: with addresses confirmed first,
// the language travels with the kept form to the registration.
func TestRegisterLanguageThroughConfirmation(t *testing.T) {
	env := webtest.New(t, webtest.WithConfirmEmail())
	res := inLanguage(env, "es").Submit("/register", "/register", validForm("perez@example.org"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /register = %d", res.StatusCode)
	}
	sent := inLanguage(env, "es").Get(res.Header.Get("Location"))
	if h := sent.Doc().Find("h1").Text(); h != "Revise su correo electrónico" {
		t.Errorf("link-sent page h1 %q", h)
	}
	var form string
	if err := env.DB.Read.QueryRow(`SELECT form FROM email_tokens WHERE purpose = 'register'`).Scan(&form); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(form, `"Language":"es"`) {
		t.Errorf("the kept form lacks its language: %s", form)
	}
}

func TestRegisterAgainTakesNewLanguage(t *testing.T) {
	env := webtest.New(t)
	cl := env.Client()
	first := mustRegister(t, env, validForm("back@example.org"))
	if res := cl.Submit(first+"/cancel", first+"/cancel", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST cancel = %d", res.StatusCode)
	}
	res := inLanguage(env, "fr").Submit("/register", "/register", validForm("back@example.org"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("register again = %d\n%s", res.StatusCode, res.Body)
	}
	var lang, status string
	if err := env.DB.Read.QueryRow(`SELECT language, status FROM registrations WHERE email = ?`, "back@example.org").Scan(&lang, &status); err != nil {
		t.Fatal(err)
	}
	if lang != "fr" || status != "confirmed" {
		t.Errorf("registered again: language %q, status %q; want fr, confirmed", lang, status)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 1 {
		t.Errorf("%d registrations", n)
	}
}

func TestRegisterCountriesInSpanish(t *testing.T) {
	env := webtest.New(t)
	doc := inLanguage(env, "es").Get("/register").Doc()
	groups := doc.Find(`#country optgroup`)
	if groups.Length() != 2 {
		t.Fatalf("%d country groups", groups.Length())
	}
	carib := groups.First()
	if l, _ := carib.Attr("label"); l != "Caribe" {
		t.Errorf("first group %q", l)
	}
	var names []string
	carib.Find("option").Each(func(_ int, o *goquery.Selection) { names = append(names, o.Text()) })
	if !slices.Contains(names, "República Dominicana") || !slices.Contains(names, "Haití") || !slices.Contains(names, "Trinidad y Tobago") {
		t.Errorf("Caribbean group in Spanish: %v", names)
	}
	col := collate.New(language.Spanish)
	if !slices.IsSortedFunc(names, col.CompareString) {
		t.Errorf("Caribbean group not in Spanish order: %v", names)
	}
	if v, _ := carib.Find(`option:contains("República Dominicana")`).Attr("value"); v != "DO" {
		t.Errorf("República Dominicana has value %q", v)
	}
	if others, _ := groups.Last().Attr("label"); others != "Los demás países" {
		t.Errorf("second group %q", others)
	}
	if !strings.Contains(groups.Last().Text(), "Alemania") {
		t.Error("Germany not named in Spanish")
	}
	// English keeps the table's names.
	if !strings.Contains(env.Get("/register").Doc().Find(`#country optgroup`).First().Text(), "Dominican Republic") {
		t.Error("English lost the table's names")
	}
}

func TestPressAccreditationInFrench(t *testing.T) {
	env := webtest.New(t)
	cl := inLanguage(env, "fr")
	f := url.Values{"first_name": {"Jean"}, "last_name": {"Baptiste"}, "email": {"jb@example.org"}, "country": {"HT"},
		"organisation": {"Indépendant"}, "consent": {"yes"}}
	res := cl.Submit("/press/accreditation", "/press/accreditation", f)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("POST = %d", res.StatusCode)
	}
	doc := res.Doc()
	if got := doc.Find(`#outlet-error`).Text(); got != "Indiquez votre média." {
		t.Errorf("outlet error %q", got)
	}
	if got := doc.Find(`#media_type-error`).Text(); got != "Choisissez le type de média pour lequel vous travaillez." {
		t.Errorf("media type error %q", got)
	}
	f.Set("outlet", "Le Nouvelliste")
	f.Set("media_type", "print")
	if res := cl.Submit("/press/accreditation", "/press/accreditation", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST = %d\n%s", res.StatusCode, res.Body)
	}
	var lang, category string
	if err := env.DB.Read.QueryRow(`SELECT language, category FROM registrations WHERE email = 'jb@example.org'`).Scan(&lang, &category); err != nil || lang != "fr" || category != "press" {
		t.Errorf("language %q, category %q, %v", lang, category, err)
	}
}

// TestRegisterErrorsInEnglishByDefault: without a language the messages
// and the summary read as before.
func TestRegisterErrorsInEnglishByDefault(t *testing.T) {
	env := webtest.New(t)
	f := validForm("a@example.org")
	f.Del("last_name")
	f.Set("phone", "call me")
	doc := register(env, f).Doc()
	if got := doc.Find(`#last_name-error`).Text(); got != "Enter your last name." {
		t.Errorf("last name error %q", got)
	}
	if got := doc.Find(`#phone-error`).Text(); got != "Enter a phone number with its country code, like +1 868 555 0123." {
		t.Errorf("phone error %q", got)
	}
	if got := strings.TrimSpace(doc.Find(`#error-summary-title`).Text()); got != "There are problems with 2 answers" {
		t.Errorf("summary %q", got)
	}
}

// TestPassportExpiryDateInLanguage: the conference's last day in the
// message is written in the form's language.
func TestPassportExpiryDateInLanguage(t *testing.T) {
	env := webtest.New(t)
	var end string
	if err := env.DB.Read.QueryRow(`SELECT end_date FROM conference`).Scan(&end); err != nil {
		t.Fatal(err)
	}
	f := withVisa(validForm("p@example.org"))
	f.Set("passport_expiry", end)
	doc := inLanguage(env, "es").Submit("/register", "/register", f).Doc()
	got := doc.Find(`#passport_expiry-error`).Text()
	if !strings.HasPrefix(got, "Su pasaporte debe seguir vigente") || !strings.Contains(got, " de 20") {
		t.Errorf("expiry error %q", got)
	}
}

func TestClosedPageInLanguage(t *testing.T) {
	env := webtest.New(t)
	env.Clock.Set(env.Conference.RegistrationOpens.Add(-time.Hour))
	doc := inLanguage(env, "es").Get("/register").Doc()
	lead := doc.Find("p.lead").Text()
	if !strings.HasPrefix(lead, "Las inscripciones se abren el ") || !strings.Contains(lead, " de 20") {
		t.Errorf("not yet open, in Spanish: %q", lead)
	}
	if a := doc.Find(`main a[href="/agenda"]`).Text(); a != "programa" {
		t.Errorf("agenda link %q", a)
	}
	env.Clock.Set(env.Conference.RegistrationCloses.Add(time.Minute))
	doc = inLanguage(env, "nl").Get("/register").Doc()
	if lead := doc.Find("p.lead").Text(); lead != "De aanmelding is gesloten." {
		t.Errorf("closed, in Dutch: %q", lead)
	}
	if a := doc.Find(`main a[href="/press"]`).Text(); a != "perskamer" {
		t.Errorf("press link %q", a)
	}
}

// TestExpiredFormNoticeInLanguage: a form whose token failed comes back
// with the explanation in the visitor's language, and a second failure is
// refused in it too.
func TestExpiredFormNoticeInLanguage(t *testing.T) {
	env := webtest.New(t)
	cl := inLanguage(env, "fr")
	cl.Get("/register")
	res := cl.PostForm("/register", validForm("a@example.org"))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("POST without a token = %d", res.StatusCode)
	}
	if n := res.Doc().Find(`p.notice`).Text(); !strings.HasPrefix(n, "Ce formulaire avait expiré") {
		t.Errorf("notice %q", n)
	}
	f := validForm("a@example.org")
	f.Set("_csrf", "forged"+".retry")
	res = cl.PostForm("/register", f)
	if res.StatusCode != http.StatusForbidden || !strings.Contains(res.Body, "Ce formulaire n’a pas pu être envoyé deux fois de suite") {
		t.Errorf("second failure: %d, French sentence missing", res.StatusCode)
	}
}

package web_test

import (
	"archive/zip"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/webtest"
)

const (
	frenchTitle = "Les gouvernements et les ONG des Caraïbes se réunissent à Miami contre la traite des personnes"
	frenchBody  = "Des responsables de **19 pays** se réunissent à Miami.\n\nIls comparent leurs pratiques."
)

// translateDemoRelease enters a French title, dateline and body for the
// demo release through its editor, leaving its summary untranslated.
func translateDemoRelease(t *testing.T, env *webtest.Env) {
	t.Helper()
	r, err := env.Store.PressReleaseBySlug(context.Background(), env.Conference.ID, "conference-opens-in-miami")
	if err != nil {
		t.Fatal(err)
	}
	cl := env.Login(model.UserPressOfficer)
	path := "/admin/press/releases/" + strconv.FormatInt(r.ID, 10)
	form := webtest.FormValues(t, cl.Get(path), path)
	form.Set("tr-fr-title", frenchTitle)
	form.Set("tr-fr-dateline", "Miami (Floride)")
	form.Set("tr-fr-body", frenchBody)
	if res := cl.PostAdmin(path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST %s = %d\n%s", path, res.StatusCode, res.Body)
	}
	page := cl.Get(path).Doc()
	if v, _ := page.Find(`input[name="tr-fr-title"]`).Attr("value"); v != frenchTitle {
		t.Errorf("the editor shows the French title as %q", v)
	}
	if v := page.Find(`textarea[name="tr-fr-body"]`).Text(); !strings.Contains(v, "19 pays") {
		t.Errorf("the editor shows the French body as %q", v)
	}
	status := cl.Get("/admin/press").Doc().Find(`[data-testid="release-translations"]`).Text()
	if !strings.Contains(status, "French: 1 of 4 missing") || !strings.Contains(status, "Spanish: not translated") {
		t.Errorf("the press overview says of the release's translations: %q", status)
	}
}

// TestReleaseTranslatedIntoFrench: a release translated into French shows
// in French on its page and in its PDF with ?lang=fr; what was not
// translated (the summary) shows in English, marked lang="en".
func TestReleaseTranslatedIntoFrench(t *testing.T) {
	env := webtest.New(t)
	translateDemoRelease(t, env)

	res := env.Get(demoReleasePath + "?lang=fr")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s?lang=fr = %d", demoReleasePath, res.StatusCode)
	}
	doc := res.Doc()
	if lang, _ := doc.Find("html").Attr("lang"); lang != "fr" {
		t.Errorf(`<html lang=%q>, want "fr"`, lang)
	}
	h1 := doc.Find("#release-title")
	if h1.Text() != frenchTitle {
		t.Errorf("title %q, want the French one", h1.Text())
	}
	if _, marked := h1.Attr("lang"); marked {
		t.Error("the translated title is marked as another language")
	}
	body := doc.Find(`[data-testid="release-body"]`)
	if html, _ := body.Html(); !strings.Contains(html, "<strong>19 pays</strong>") {
		t.Errorf("the French body is not rendered from its Markdown: %s", html)
	}
	if _, marked := body.Attr("lang"); marked {
		t.Error("the translated body is marked as another language")
	}
	if lang, _ := doc.Find(".release-date strong").Attr("lang"); lang != "" {
		t.Errorf("the translated dateline is marked lang=%q", lang)
	}
	if doc.Find(".release-date strong").Text() != "Miami (Floride)" {
		t.Errorf("dateline %q", doc.Find(".release-date strong").Text())
	}
	if lang, _ := doc.Find("header p.lead").Attr("lang"); lang != "en" {
		t.Errorf(`the untranslated summary has lang=%q, want "en"`, lang)
	}
	if !strings.Contains(doc.Find(".release-date time").Text(), "mars 2027") {
		t.Errorf("the date is not in French: %q", doc.Find(".release-date time").Text())
	}
	pdfHref, _ := doc.Find(`a[href$=".pdf?lang=fr"]`).Attr("href")
	if pdfHref != demoReleasePath+".pdf?lang=fr" {
		t.Errorf("the page links its PDF as %q, want it in French", pdfHref)
	}
	if back := doc.Find(".back-link a").Text(); back != "← Espace presse" {
		t.Errorf("back link %q", back)
	}

	// The press room lists it under its French title, linking the French PDF.
	room := env.Get("/press?lang=fr").Doc()
	if !strings.Contains(room.Find(`[data-testid="releases"] h3`).Text(), frenchTitle) {
		t.Error("the French press room does not list the French title")
	}
	if room.Find(`a[href="/press/kit.zip?lang=fr"]`).Length() != 1 || room.Find(`a[href="/press/fact-sheet.pdf?lang=fr"]`).Length() != 1 {
		t.Error("the French press room does not link the media kit and fact sheet in French")
	}

	// In English, and in Spanish (no translation), the English original.
	if h := env.Get(demoReleasePath + "?lang=en").Doc().Find("#release-title").Text(); h != demoRelease {
		t.Errorf("English title %q", h)
	}
	es := env.Get(demoReleasePath + "?lang=es").Doc()
	h1 = es.Find("#release-title")
	if lang, _ := h1.Attr("lang"); h1.Text() != demoRelease || lang != "en" {
		t.Errorf(`Spanish page: title %q lang=%q, want the English title marked lang="en"`, h1.Text(), lang)
	}
	if lang, _ := es.Find(`[data-testid="release-body"]`).Attr("lang"); lang != "en" {
		t.Errorf(`Spanish page: untranslated body lang=%q, want "en"`, lang)
	}
	if es.Find(`a[href$=".pdf?lang=es"]`).Length() == 0 {
		t.Error("the Spanish page does not link the PDF in Spanish")
	}

	pdftest.Require(t, "pdftotext", "poppler-utils")
	pdf := env.Get(demoReleasePath + ".pdf?lang=fr")
	if pdf.StatusCode != http.StatusOK {
		t.Fatalf("GET %s.pdf?lang=fr = %d", demoReleasePath, pdf.StatusCode)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, []byte(pdf.Body))), " ")
	for _, want := range []string{"COMMUNIQUÉ DE PRESSE", "Les gouvernements et les ONG des Caraïbes", "Ils comparent leurs pratiques.",
		"MIAMI (FLORIDE)", "Page 1 sur", "– FIN –", "Pour en savoir plus"} {
		if !strings.Contains(text, want) {
			t.Errorf("the French PDF lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, demoRelease) {
		t.Error("the French PDF still has the English title")
	}
	english := strings.Join(strings.Fields(pdftest.Text(t, []byte(env.Get(demoReleasePath+".pdf").Body))), " ")
	if !strings.Contains(english, "PRESS RELEASE") || !strings.Contains(english, demoRelease) {
		t.Errorf("without ?lang the PDF is not the English one:\n%s", english)
	}
}

// TestReleaseTranslationKeepsTheLimits: a translation longer than its
// English field accepts is refused beside its own input, and nothing is saved.
func TestReleaseTranslationKeepsTheLimits(t *testing.T) {
	env := webtest.New(t)
	r, err := env.Store.PressReleaseBySlug(context.Background(), env.Conference.ID, "conference-opens-in-miami")
	if err != nil {
		t.Fatal(err)
	}
	cl := env.Login(model.UserPressOfficer)
	path := "/admin/press/releases/" + strconv.FormatInt(r.ID, 10)
	form := webtest.FormValues(t, cl.Get(path), path)
	form.Set("tr-nl-title", strings.Repeat("x", 201))
	res := cl.PostAdmin(path, form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "The Dutch title is too long") {
		t.Fatalf("POST with a 201-character Dutch title = %d", res.StatusCode)
	}
	if got, _ := env.Store.Translations(context.Background(), "press_release", r.ID); len(got) != 0 {
		t.Errorf("a refused form saved translations: %v", got)
	}
}

// TestHomePlacesLeftInDutch: the home page counts the places left with
// Dutch plural forms, one and more.
func TestHomePlacesLeftInDutch(t *testing.T) {
	env := webtest.New(t)
	taken, err := env.Store.ActiveCount(context.Background(), env.Conference.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		left int
		want string
	}{
		{1, "Nog 1 plaats beschikbaar."},
		{2, "Nog 2 plaatsen beschikbaar."},
	} {
		setConference(t, env, `capacity = ?`, taken+tc.left)
		res := env.Get("/?lang=nl")
		state := strings.Join(strings.Fields(res.Doc().Find(".registration-state").Text()), " ")
		if !strings.Contains(state, tc.want) {
			t.Errorf("%d left: the Dutch home page says %q, want %q", tc.left, state, tc.want)
		}
		if !strings.Contains(state, "De aanmelding is geopend.") {
			t.Errorf("the Dutch home page does not say registration is open: %q", state)
		}
	}
	if en := env.Get("/?lang=en").Body; !strings.Contains(en, "2 places left.") {
		t.Error("the English home page lost its places left")
	}
}

// TestSettingsTranslateTheConference: the conference name's translation
// entered in the settings comes back in the form and shows on the Spanish
// home page; a language without one shows the English name, marked.
func TestSettingsTranslateTheConference(t *testing.T) {
	env := webtest.New(t)
	forgetTranslations(t, env)
	const spanish = "Conferencia del Caribe contra la Trata de Personas"
	cl := env.Login(model.UserAdmin)
	form := webtest.FormValues(t, cl.Get("/admin/settings"), "/admin/settings")
	form.Set("tr-es-name", spanish)
	form.Set("tr-es-figure_label_0", "países del Caribe")
	if res := cl.PostAdmin("/admin/settings", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /admin/settings = %d\n%s", res.StatusCode, res.Body)
	}
	settings := cl.Get("/admin/settings").Doc()
	if v, _ := settings.Find(`input[name="tr-es-name"]`).Attr("value"); v != spanish {
		t.Errorf("the settings show the Spanish name as %q", v)
	}
	if v, _ := settings.Find(`input[name="tr-es-figure_label_0"]`).Attr("value"); v != "países del Caribe" {
		t.Errorf("the settings show the first figure's Spanish label as %q", v)
	}

	es := env.Get("/?lang=es").Doc()
	name := es.Find("#conference-name")
	if _, marked := name.Attr("lang"); name.Text() != spanish || marked {
		t.Errorf("Spanish home page: name %q (marked %v), want %q unmarked", name.Text(), marked, spanish)
	}
	if !strings.Contains(es.Find("title").Text(), spanish) {
		t.Errorf("Spanish home page: title %q lacks the Spanish name", es.Find("title").Text())
	}
	var figure *goquery.Selection
	es.Find(".figures dd").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if s.Text() == "países del Caribe" {
			figure = s
		}
		return figure == nil
	})
	if figure == nil {
		t.Error("Spanish home page: the first figure's label is not translated")
	}

	fr := env.Get("/?lang=fr").Doc().Find("#conference-name")
	if lang, _ := fr.Attr("lang"); fr.Text() != env.Conference.Name || lang != "en" {
		t.Errorf(`French home page: name %q lang=%q, want the English name marked lang="en"`, fr.Text(), lang)
	}
	if en := env.Get("/?lang=en").Doc().Find("#conference-name").Text(); en != env.Conference.Name {
		t.Errorf("English home page: name %q", en)
	}

	// The fact sheet in Spanish carries the Spanish name, label and words.
	pdftest.Require(t, "pdftotext", "poppler-utils")
	sheet := env.Get("/press/fact-sheet.pdf?lang=es")
	if sheet.StatusCode != http.StatusOK {
		t.Fatalf("GET /press/fact-sheet.pdf?lang=es = %d", sheet.StatusCode)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, []byte(sheet.Body))), " ")
	for _, want := range []string{"FICHA INFORMATIVA", spanish, "Cifras clave", "países del Caribe", "de marzo de 2027", "Página 1 de"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Spanish fact sheet lacks %q:\n%s", want, text)
		}
	}
}

// TestContactRoleAndKitInFrench: a media contact's role translated in its
// editor shows in the French press room and on its vCard with ?lang=fr,
// and the French media kit's README speaks French.
func TestContactRoleAndKitInFrench(t *testing.T) {
	env := webtest.New(t)
	contacts, err := env.Store.MediaContacts(context.Background(), env.Conference.ID)
	if err != nil || len(contacts) == 0 {
		t.Fatalf("demo contacts: %v, %v", contacts, err)
	}
	cl := env.Login(model.UserPressOfficer)
	path := "/admin/press/contacts/" + strconv.FormatInt(contacts[0].ID, 10)
	form := webtest.FormValues(t, cl.Get(path), path)
	form.Set("tr-fr-role", "Médias et communication")
	if res := cl.PostAdmin(path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST %s = %d\n%s", path, res.StatusCode, res.Body)
	}
	room := env.Get("/press?lang=fr").Doc()
	role := room.Find(`[data-testid="contacts"] li`).First().Find("p span").First()
	if _, marked := role.Attr("lang"); role.Text() != "Médias et communication" || marked {
		t.Errorf("French press room: role %q (marked %v)", role.Text(), marked)
	}
	if langs := room.Find(`[data-testid="contacts"] li`).Last().Find(".contact-ways dd").Last().Text(); langs != "anglais, espagnol" {
		t.Errorf("French press room: the contact's languages are %q, want them named in French", langs)
	}
	if card := env.Get("/press/contacts.vcf?lang=fr").Body; !strings.Contains(card, "Médias et communication") ||
		!strings.Contains(card, "Contact presse de la") {
		t.Errorf("the French vCard lacks the French role or note:\n%s", card)
	}
	if card := env.Get("/press/contacts.vcf").Body; strings.Contains(card, "Médias") {
		t.Error("the vCard without ?lang is not the English one")
	}

	res := env.Get("/press/kit.zip?lang=fr")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /press/kit.zip?lang=fr = %d", res.StatusCode)
	}
	zr, err := zip.NewReader(strings.NewReader(res.Body), int64(len(res.Body)))
	if err != nil {
		t.Fatal(err)
	}
	var readme string
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/README.txt") {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			readme = string(b)
		}
	}
	for _, want := range []string{": dossier de presse", "Contenu", "Communiqué de presse du 15 mars 2027", "Taille : "} {
		if !strings.Contains(readme, want) {
			t.Errorf("the French README lacks %q:\n%s", want, readme)
		}
	}
}

// TestMediaKitPerLanguage: each language has its own kit on disk; building
// the French one leaves the English one in place.
func TestMediaKitPerLanguage(t *testing.T) {
	env := webtest.New(t)
	en := env.Get("/press/kit.zip")
	fr := env.Get("/press/kit.zip?lang=fr")
	if en.StatusCode != http.StatusOK || fr.StatusCode != http.StatusOK || en.Header.Get("ETag") == fr.Header.Get("ETag") {
		t.Fatalf("kits: English %d %s, French %d %s", en.StatusCode, en.Header.Get("ETag"), fr.StatusCode, fr.Header.Get("ETag"))
	}
	kits, _ := filepath.Glob(filepath.Join(filepath.Dir(env.Config.DBPath), "cache", "kit-*.zip"))
	if len(kits) != 2 {
		t.Errorf("kits on disk: %v, want one per language", kits)
	}
	if again := env.Get("/press/kit.zip"); again.Header.Get("ETag") != en.Header.Get("ETag") || again.Body != en.Body {
		t.Error("the English kit changed after the French one was built")
	}
}

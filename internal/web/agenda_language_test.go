package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/pdftest"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

const (
	sideEventTitle   = "Side event: survivors' voices"
	sideEventTitleES = "Evento paralelo: la voz de las sobrevivientes"
)

// publishTranslatedSession adds, through the console, a published session
// with a Spanish title and no other translation, and returns its id.
func publishTranslatedSession(t *testing.T, cl *webtest.Client, d demoAgenda) int64 {
	t.Helper()
	f := formWith(newSessionForm(d), "published", "yes", "tr-es-title", sideEventTitleES)
	return createdSessionID(t, cl.PostAdmin(paths.AgendaSessions, f))
}

// unfoldICS undoes iCalendar's line folding, so a long text can be searched.
func unfoldICS(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

// latestAudit is the newest audit line of action on the record.
func latestAudit(t *testing.T, env *webtest.Env, entity string, id int64, action string) model.AuditEntry {
	t.Helper()
	var out model.AuditEntry
	for _, a := range agendaAuditLines(t, env, entity, id) {
		if a.Action == action && (out.ID == 0 || a.ID > out.ID) {
			out = a
		}
	}
	if out.ID == 0 {
		t.Fatalf("no %s audit line for %s %d", action, entity, id)
	}
	return out
}

func TestAgendaContentTranslations(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	sid := publishTranslatedSession(t, env.Login(model.UserOrganiser), d)

	// In Spanish: the organisers' title, in a Spanish page, not marked.
	es := env.Get("/agenda?lang=es")
	if es.StatusCode != http.StatusOK {
		t.Fatalf("GET /agenda?lang=es = %d", es.StatusCode)
	}
	doc := es.Doc()
	if lang := doc.Find("html").AttrOr("lang", ""); lang != "es" {
		t.Errorf("html lang=%q", lang)
	}
	link := doc.Find("a[href='/agenda/" + itoa64(sid) + "']")
	if link.Text() != sideEventTitleES {
		t.Errorf("the session is titled %q in Spanish", link.Text())
	}
	if _, marked := link.Attr("lang"); marked {
		t.Error("a translated title is marked as English")
	}
	if strings.Contains(es.Body, sideEventTitle) {
		t.Error("the English title is on the Spanish page")
	}
	for _, want := range []string{"Programa", "Taller", "Todos los días", "Los horarios se indican en hora local de Miami (America/New_York)."} {
		if !strings.Contains(es.Body, want) {
			t.Errorf("the Spanish agenda lacks %q", want)
		}
	}
	// Its page too, with its description still in English, marked so.
	page := env.Get("/agenda/" + itoa64(sid) + "?lang=es").Doc()
	if h1 := page.Find("h1#session-title"); h1.Text() != sideEventTitleES || h1.AttrOr("lang", "") != "" {
		t.Errorf("session page heading %q lang=%q", h1.Text(), h1.AttrOr("lang", ""))
	}
	if p := page.Find("article p[lang=en]"); !strings.Contains(p.Text(), "Survivors speak about what helped them.") {
		t.Error("the untranslated description is not marked lang=en")
	}
	if !strings.Contains(page.Text(), "Cupo limitado a 20 participantes.") {
		t.Error("the sign-up limit is not said in Spanish")
	}

	// In French there is no translation: the English title, marked lang="en".
	fr := env.Get("/agenda?lang=fr").Doc()
	link = fr.Find("a[href='/agenda/" + itoa64(sid) + "']")
	if link.Text() != sideEventTitle || link.AttrOr("lang", "") != "en" {
		t.Errorf("French page: %q lang=%q, want the English title marked lang=en", link.Text(), link.AttrOr("lang", ""))
	}
	if fr.Find("html").AttrOr("lang", "") != "fr" {
		t.Error("the French page is not lang=fr")
	}

	// The calendar: Spanish with ?lang=es, English without.
	ics := unfoldICS(env.Get("/agenda.ics?lang=es").Body)
	if !strings.Contains(ics, "SUMMARY:"+sideEventTitleES) {
		t.Error("/agenda.ics?lang=es lacks the Spanish title")
	}
	if !strings.Contains(ics, "Ponentes:") {
		t.Error("/agenda.ics?lang=es does not name the speakers in Spanish")
	}
	ics = unfoldICS(env.Get("/agenda.ics").Body)
	if !strings.Contains(ics, "SUMMARY:Side event: survivors' voices") || strings.Contains(ics, sideEventTitleES) {
		t.Error("/agenda.ics is not in English")
	}
	if one := unfoldICS(env.Get("/agenda/" + itoa64(sid) + ".ics?lang=es").Body); !strings.Contains(one, "SUMMARY:"+sideEventTitleES) {
		t.Error("the session's .ics?lang=es lacks the Spanish title")
	}

	// The feeds say which language each title is in.
	feed := env.Get("/agenda.json?lang=es").Body
	if !strings.Contains(feed, `"title": "`+sideEventTitleES+`"`) || !strings.Contains(feed, `"language": "es"`) {
		t.Error("/agenda.json?lang=es lacks the Spanish title or its language")
	}
	xml := env.Get("/schedule.xml?lang=es").Body
	if !strings.Contains(xml, "<title>"+sideEventTitleES+"</title>") || !strings.Contains(xml, "<language>es</language>") ||
		!strings.Contains(xml, "<language>en</language>") {
		t.Error("/schedule.xml?lang=es lacks the Spanish title, or the languages of its events")
	}
	sched := env.Get("/schedule.json?lang=es").Body
	if !strings.Contains(sched, `"title": "`+sideEventTitleES+`"`) || !strings.Contains(sched, `"language": "es"`) ||
		!strings.Contains(sched, `"language": "en"`) {
		t.Error("/schedule.json?lang=es lacks the Spanish title, or the languages of its events")
	}
	if strings.Contains(env.Get("/schedule.json").Body, sideEventTitleES) {
		t.Error("/schedule.json is not in English")
	}
	if pdf := env.Get("/agenda.pdf?lang=es"); pdf.StatusCode != http.StatusOK || pdf.Header.Get("Content-Language") != "es" {
		t.Errorf("/agenda.pdf?lang=es = %d, Content-Language %q", pdf.StatusCode, pdf.Header.Get("Content-Language"))
	}
}

func TestAgendaSpanishDays(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `start_date = '2027-02-04', end_date = '2027-02-06'`)
	addSession(t, env, model.Session{Title: "Opening", Published: true,
		StartsAt: time.Date(2027, 2, 4, 9, 0, 0, 0, miami), EndsAt: time.Date(2027, 2, 4, 10, 0, 0, 0, miami)})
	doc := env.Get("/agenda?lang=es").Doc()
	first := doc.Find("main h2[id^=day-]").First().Text()
	if first != "Jueves, 4 de febrero de 2027" {
		t.Errorf("first day heading %q, want Jueves, 4 de febrero de 2027", first)
	}
	if opt := doc.Find("#day option[value='1']").Text(); opt != "Día 1 · jueves, 4 de febrero" {
		t.Errorf("day option %q", opt)
	}
	if fr := env.Get("/agenda?lang=fr").Doc().Find("main h2[id^=day-]").First().Text(); fr != "Jeudi 4 février 2027" {
		t.Errorf("French day heading %q", fr)
	}
	if nl := env.Get("/agenda?lang=nl").Doc().Find("main h2[id^=day-]").First().Text(); nl != "Donderdag 4 februari 2027" {
		t.Errorf("Dutch day heading %q", nl)
	}
}

// The language switcher keeps the agenda's filter, and only the filter's
// own known values: never what the request typed.
func TestAgendaLanguageLinksKeepTheFilter(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	doc := env.Get("/agenda?day=2&track=prevention&lang=es").Doc()
	href := doc.Find("a[hreflang=fr]").AttrOr("href", "")
	if !strings.HasPrefix(href, "/agenda?") || !strings.Contains(href, "day=2") || !strings.Contains(href, "track=prevention") ||
		!strings.Contains(href, "lang=fr") {
		t.Errorf("the French link is %q", href)
	}
	doc = env.Get("/agenda?day=9&track=%3Cscript%3E&lang=es").Doc()
	if href := doc.Find("a[hreflang=fr]").AttrOr("href", ""); href != "/agenda?lang=fr" {
		t.Errorf("with unknown filter values the French link is %q", href)
	}
	if note := doc.Find("[data-testid=agenda-note]").Text(); !strings.Contains(note, "no figuran en el programa") {
		t.Errorf("the note is %q", note)
	}
}

func TestSessionTranslationsInTheConsole(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	cl := env.Login(model.UserOrganiser)
	sid := publishTranslatedSession(t, cl, d)
	edit := paths.Edit(paths.AgendaSessions, sid)
	save := paths.Item(paths.AgendaSessions, sid, "")

	// The form shows the translation and what is missing.
	doc := cl.Get(edit).Doc()
	if v := doc.Find("#tr-es-title").AttrOr("value", ""); v != sideEventTitleES {
		t.Errorf("the Spanish title field holds %q", v)
	}
	status := doc.Find("[data-testid=translations] summary").Text()
	for _, want := range []string{"Spanish: 1 of 2 missing", "French: not translated", "Dutch: not translated"} {
		if !strings.Contains(status, want) {
			t.Errorf("translation status %q lacks %q", status, want)
		}
	}
	a := agendaAuditLines(t, env, "session", sid)
	if len(a) != 1 || a[0].Changes["title (es)"][1] != sideEventTitleES {
		t.Errorf("creation audit %+v", a)
	}

	// Saved again: the French title added, the Spanish one changed.
	f := formWith(newSessionForm(d), "published", "yes", "tr-es-title", "La voz de las sobrevivientes",
		"tr-fr-title", "La parole aux survivantes", "tr-fr-description", "Des survivantes racontent ce qui les a aidées.")
	if res := cl.PostAdmin(save, f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update = %d\n%s", res.StatusCode, res.Body)
	}
	tr, err := env.Store.Translations(context.Background(), i18n.KindSession, sid)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Get("title", "es") != "La voz de las sobrevivientes" || tr.Get("title", "fr") != "La parole aux survivantes" ||
		tr.Missing("nl", "title", "description") != 2 {
		t.Errorf("stored translations %v", tr)
	}
	last := latestAudit(t, env, "session", sid, "update")
	if last.Changes["title (es)"] != [2]string{sideEventTitleES, "La voz de las sobrevivientes"} ||
		last.Changes["title (fr)"][1] != "La parole aux survivantes" {
		t.Errorf("update audit %+v", last.Changes)
	}
	// The change reaches the cached public page at once.
	if got := env.Get("/agenda?lang=fr").Doc().Find("a[href='/agenda/" + itoa64(sid) + "']"); got.Text() != "La parole aux survivantes" {
		t.Errorf("French agenda shows %q after the edit", got.Text())
	}

	// A translation longer than the original may be is refused beside its field.
	long := strings.Repeat("x", 201)
	res := cl.PostAdmin(save, formWith(f, "tr-nl-title", long))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a 201-character title = %d", res.StatusCode)
	}
	doc = res.Doc()
	if msg := doc.Find("#tr-nl-title-error").Text(); !strings.Contains(msg, "keep it to 200 characters") {
		t.Errorf("error beside the Dutch title: %q", msg)
	}
	if _, open := doc.Find("[data-testid=translations]").Attr("open"); !open {
		t.Error("the translations are folded away while one has an error")
	}
	if tr, _ := env.Store.Translations(context.Background(), i18n.KindSession, sid); tr.Get("title", "nl") != "" {
		t.Error("the refused translation was saved")
	}
}

func TestTrackAndRoomTranslations(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	forgetTranslations(t, env)
	d := loadDemoAgenda(t, env)
	cl := env.Login(model.UserOrganiser)
	ctx := context.Background()

	// The track through its console form.
	trackID := d.tracks["prevention"]
	doc := cl.Get(paths.Edit(paths.Tracks, trackID)).Doc()
	f := map[string][]string{}
	doc.Find("form.agenda-form input, form.agenda-form textarea").Each(func(_ int, s *goquery.Selection) {
		name := s.AttrOr("name", "")
		if name == "" || name == "_csrf" {
			return
		}
		if goquery.NodeName(s) == "textarea" {
			f[name] = []string{s.Text()}
		} else {
			f[name] = []string{s.AttrOr("value", "")}
		}
	})
	f["tr-es-name"] = []string{"Prevención"}
	if res := cl.PostAdmin(paths.Item(paths.Tracks, trackID, ""), f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("track update = %d\n%s", res.StatusCode, res.Body)
	}
	if v := cl.Get(paths.Edit(paths.Tracks, trackID)).Doc().Find("#tr-es-name").AttrOr("value", ""); v != "Prevención" {
		t.Errorf("the track form shows %q", v)
	}
	if a := latestAudit(t, env, "track", trackID, "update"); a.Changes["name (es)"] != [2]string{"", "Prevención"} {
		t.Errorf("track audit %+v", a.Changes)
	}

	// The room through the store, as an import would.
	room := d.rooms["Brickell Room"]
	err := env.Store.Update(ctx, func(tx *store.Tx) error {
		return tx.SetTranslations(env.Conference.ID, i18n.KindRoom, room, model.Translations{"name": {"es": "Sala Brickell"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	// No public page was drawn yet, so no cache holds the room's old name.

	doc = env.Get("/agenda?lang=es").Doc()
	if opt := doc.Find("#track option[value=prevention]"); opt.Text() != "Prevención" || opt.AttrOr("lang", "") != "" {
		t.Errorf("track option %q lang=%q", opt.Text(), opt.AttrOr("lang", ""))
	}
	ws := doc.Find("[data-testid=agenda-session]").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Find("h3").Text(), clashTitle)
	})
	for _, want := range []string{"Prevención", "Sala Brickell", "Taller"} {
		if !strings.Contains(ws.Text(), want) {
			t.Errorf("the workshop's line lacks %q: %q", want, ws.Text())
		}
	}
	if ws.Find("h3 a").AttrOr("lang", "") != "en" {
		t.Error("the untranslated workshop title is not marked lang=en")
	}
	if !strings.Contains(unfoldICS(env.Get("/agenda.ics?lang=es").Body), "LOCATION:Sala Brickell") {
		t.Error("the Spanish calendar lacks the room's Spanish name")
	}
}

// The picker follows the visitor's language; the personal calendar, fetched
// by a calendar application, the language the participant registered in.
func TestPersonalAgendaLanguages(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	sid := publishTranslatedSession(t, env.Login(model.UserOrganiser), d)
	cl := env.Client()
	base := mustRegister(t, env, validForm("delegada@example.org"))
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET language = 'es' WHERE email = ?`, "delegada@example.org"); err != nil {
		t.Fatal(err)
	}

	picker := cl.Get(base + "/agenda?lang=es")
	doc := picker.Doc()
	if h1 := doc.Find("h1").Text(); h1 != "Elija sus sesiones" {
		t.Errorf("picker heading %q", h1)
	}
	for _, want := range []string{"quedan 35 plazas de 35", sideEventTitleES, "Guardar mi programa"} {
		if !strings.Contains(doc.Find("main").Text(), want) {
			t.Errorf("the Spanish picker lacks %q", want)
		}
	}
	if res := choose(t, cl, base, sid, d.sessions[clashTitle]); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save = %d", res.StatusCode)
	}

	// The calendar is Spanish without ?lang=, whoever fetches it.
	address := cl.Get(base).Doc().Find("[data-testid=calendar-url]").Text()
	feed := env.Client().Get(address[strings.Index(address, "/calendar/"):])
	body := unfoldICS(feed.Body)
	if feed.StatusCode != http.StatusOK || feed.Header.Get("Content-Language") != "es" {
		t.Fatalf("personal calendar = %d, Content-Language %q", feed.StatusCode, feed.Header.Get("Content-Language"))
	}
	for _, want := range []string{"X-WR-CALNAME:CTC Miami · mis sesiones", "SUMMARY:" + sideEventTitleES, "SUMMARY:" + clashTitle} {
		if !strings.Contains(body, want) {
			t.Errorf("the personal calendar lacks %q", want)
		}
	}
}

// The printed programme in Spanish: its words, days and the organisers'
// translations; the English one stays English.
func TestAgendaPDFInSpanish(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	publishTranslatedSession(t, env.Login(model.UserOrganiser), d)
	res := env.Get("/agenda.pdf?lang=es")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /agenda.pdf?lang=es = %d", res.StatusCode)
	}
	pdf := []byte(res.Body)
	text := strings.Join(strings.Fields(pdftest.Text(t, pdf)), " ")
	pages := strconv.Itoa(pdftest.Pages(t, pdf))
	for _, want := range []string{"Programa", "Fechas", "15–17 de marzo de 2027", "Lunes, 15 de marzo de 2027", "Hora", "Ponentes",
		"Página 1 de " + pages, "Los horarios se indican en hora local de Miami (America/New_York).", sideEventTitleES,
		"Taller · 35 plazas, inscripción previa necesaria", "(modera)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Spanish programme lacks %q", want)
		}
	}
	if info := pdftest.Info(t, pdf); !strings.Contains(info["Title"], "Programa") {
		t.Errorf("pdfinfo title %q", info["Title"])
	}
	if text := pdftest.Text(t, []byte(env.Get("/agenda.pdf").Body)); strings.Contains(text, sideEventTitleES) || !strings.Contains(text, "Speakers") {
		t.Error("/agenda.pdf is not in English")
	}
}

// The lists of tracks and rooms say which still lack a translation.
func TestAgendaListsShowMissingTranslations(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	forgetTranslations(t, env)
	d := loadDemoAgenda(t, env)
	room := d.rooms["Brickell Room"]
	err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		return tx.SetTranslations(env.Conference.ID, i18n.KindRoom, room,
			model.Translations{"name": {"es": "Sala Brickell", "fr": "Salle Brickell", "nl": "Brickellzaal"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	cl := env.Login(model.UserOrganiser)
	doc := cl.Get(paths.Rooms).Doc()
	status := func(name string) string {
		row := doc.Find("tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find("td").First().Text() == name })
		return row.Find("[data-testid=translation-status]").Text()
	}
	if got := status("Brickell Room"); got != "complete" {
		t.Errorf("Brickell Room: %q", got)
	}
	if got := status("Coral Room"); got != "Spanish, French, Dutch missing" {
		t.Errorf("Coral Room: %q", got)
	}
	if got := cl.Get(paths.Tracks).Doc().Find("[data-testid=translation-status]").First().Text(); got != "Spanish, French, Dutch missing" {
		t.Errorf("first track: %q", got)
	}
}

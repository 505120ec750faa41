package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// draftTitle is an unpublished session's title: it must appear nowhere public.
const draftTitle = "Draft: closed-door donor briefing"

// miami is the conference's zone.
var miami = func() *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	return loc
}()

// addSession stores a session straight through the store (no conflict
// checks) and returns its id.
func addSession(t *testing.T, env *webtest.Env, m model.Session) int64 {
	t.Helper()
	if m.ConferenceID == 0 {
		m.ConferenceID = env.Conference.ID
	}
	if m.Kind == "" {
		m.Kind = model.KindPanel
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = env.Clock.Now()
	}
	var id int64
	err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		var err error
		id, err = tx.CreateSession(m)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// addDraft adds an unpublished session on day 2 at 09:00 in the Coral Room.
func addDraft(t *testing.T, env *webtest.Env, d demoAgenda) int64 {
	t.Helper()
	return addSession(t, env, model.Session{
		Title: draftTitle, Description: "Not for the public.", TrackID: d.tracks["protection"], RoomID: d.rooms["Coral Room"],
		StartsAt: time.Date(2027, 3, 16, 9, 0, 0, 0, miami), EndsAt: time.Date(2027, 3, 16, 10, 0, 0, 0, miami),
		Speakers: []model.SessionSpeaker{{Speaker: model.Speaker{ID: d.speakers["Kwame Thompson"]}, Role: model.RoleSpeaker}},
	})
}

func sessionTitles(doc *goquery.Document) []string {
	var out []string
	doc.Find("[data-testid=agenda-session] h3").Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return out
}

func TestAgendaPage(t *testing.T) {
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	addDraft(t, env, d)
	res := env.Get("/agenda")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /agenda = %d", res.StatusCode)
	}
	doc := res.Doc()
	if got := strings.Count(res.Body, "Times are Miami time (America/New_York)."); got != 1 {
		t.Errorf("the zone is named %d times, want once at the top", got)
	}
	var headings []string
	doc.Find("main h2[id^=day-]").Each(func(_ int, s *goquery.Selection) { headings = append(headings, s.Text()) })
	if strings.Join(headings, "|") != "Monday 15 March 2027|Tuesday 16 March 2027|Wednesday 17 March 2027" {
		t.Errorf("day headings %q", headings)
	}
	if n := len(sessionTitles(doc)); n != 22 {
		t.Errorf("%d sessions listed, want the 22 published", n)
	}
	if strings.Contains(res.Body, draftTitle) {
		t.Error("the draft is on the public agenda")
	}
	// One session in full: time range, track colour and word, kind, room, speakers.
	ws := doc.Find("[data-testid=agenda-session]").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Find("h3").Text(), clashTitle)
	})
	text := strings.Join(strings.Fields(ws.Text()), " ")
	for _, want := range []string{"11:00–12:30", "Prevention", "Workshop", "Brickell Room", "Kwame Thompson", "Jamaica Constabulary Force"} {
		if !strings.Contains(text, want) {
			t.Errorf("workshop entry %q lacks %q", text, want)
		}
	}
	tag := ws.Find(".track-tag")
	if tag.Text() != "Prevention" || !tag.HasClass("track-"+itoa64(d.tracks["prevention"])) {
		t.Errorf("track tag %q with classes %q", tag.Text(), tag.AttrOr("class", ""))
	}
	if href := ws.Find("h3 a").AttrOr("href", ""); href != "/agenda/"+itoa64(d.sessions[clashTitle]) {
		t.Errorf("title links to %q", href)
	}
	if dt := ws.Find("time").First().AttrOr("datetime", ""); dt != "2027-03-15T11:00:00-04:00" {
		t.Errorf("machine-readable start %q", dt)
	}
	// The filters: a GET form with labelled selects.
	form := doc.Find(`form[action="/agenda"]`)
	if strings.ToLower(form.AttrOr("method", "")) != "get" {
		t.Error("the filter form is not a GET form")
	}
	for _, id := range []string{"day", "track"} {
		if form.Find("select#"+id).Length() != 1 || form.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("no labelled select %q", id)
		}
	}
	if form.Find("select#day option").Length() != 4 || form.Find("select#track option").Length() != 5 {
		t.Error("the selects do not offer every day and track plus all")
	}
	if doc.Find("[data-testid=now-next]").Length() != 0 {
		t.Error("a now/next box two months before the conference")
	}
}

func TestAgendaFilters(t *testing.T) {
	env := webtest.New(t)
	cases := []struct {
		query      string
		sessions   int
		days       []string
		note       bool
		selectDay  string
		selectTrck string
	}{
		{"", 22, []string{"day-1", "day-2", "day-3"}, false, "", ""},
		{"?day=2", 8, []string{"day-2"}, false, "2", ""},
		{"?track=protection", 4, []string{"day-2", "day-3"}, false, "", "protection"},
		{"?day=2&track=protection", 3, []string{"day-2"}, false, "2", "protection"},
		{"?day=&track=", 22, []string{"day-1", "day-2", "day-3"}, false, "", ""}, // the form's "All" options
		{"?day=9", 22, []string{"day-1", "day-2", "day-3"}, true, "", ""},
		{"?day=0", 22, []string{"day-1", "day-2", "day-3"}, true, "", ""},
		{"?day=two", 22, []string{"day-1", "day-2", "day-3"}, true, "", ""},
		{"?track=nope", 22, []string{"day-1", "day-2", "day-3"}, true, "", ""},
		{"?day=3&track=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 5, []string{"day-3"}, true, "3", ""},
		{"?day=99999999999999999999&track=prevention+x", 22, []string{"day-1", "day-2", "day-3"}, true, "", ""},
	}
	for _, tc := range cases {
		res := env.Get("/agenda" + tc.query)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", tc.query, res.StatusCode)
			continue
		}
		doc := res.Doc()
		if n := len(sessionTitles(doc)); n != tc.sessions {
			t.Errorf("%s: %d sessions, want %d", tc.query, n, tc.sessions)
		}
		var days []string
		doc.Find("main h2[id^=day-]").Each(func(_ int, s *goquery.Selection) { days = append(days, s.AttrOr("id", "")) })
		if strings.Join(days, ",") != strings.Join(tc.days, ",") {
			t.Errorf("%s: days %v, want %v", tc.query, days, tc.days)
		}
		if got := doc.Find("[data-testid=agenda-note]").Length() == 1; got != tc.note {
			t.Errorf("%s: note shown %v, want %v", tc.query, got, tc.note)
		}
		if v := doc.Find("select#day option[selected]").AttrOr("value", ""); v != tc.selectDay {
			t.Errorf("%s: day select shows %q", tc.query, v)
		}
		if v := doc.Find("select#track option[selected]").AttrOr("value", ""); v != tc.selectTrck {
			t.Errorf("%s: track select shows %q", tc.query, v)
		}
		if strings.Contains(res.Body, "<script>alert") || strings.Contains(res.Body, "nope") {
			t.Errorf("%s: the filter value is echoed", tc.query)
		}
	}
	// Only the protection track's sessions, each tagged with it.
	doc := env.Get("/agenda?track=protection").Doc()
	doc.Find("[data-testid=agenda-session]").Each(func(_ int, s *goquery.Selection) {
		if s.Find(".track-tag").Text() != "Protection" {
			t.Errorf("%q in the protection filter", s.Find("h3").Text())
		}
	})
	if doc.Find(`main a[href="/agenda"]`).Length() == 0 {
		t.Error("a filtered agenda has no way back to every session")
	}
}

func TestAgendaEmptyFilterAndEmptyProgramme(t *testing.T) {
	env := webtest.New(t)
	// Prosecution has no session on day 1.
	res := env.Get("/agenda?day=1&track=prosecution")
	empty := res.Doc().Find("[data-testid=agenda-no-match]")
	if res.StatusCode != http.StatusOK || !strings.Contains(empty.Text(), "No sessions match") ||
		empty.Find(`a[href="/agenda"]`).Text() != "show all sessions" {
		t.Errorf("empty filter: %d %q", res.StatusCode, empty.Text())
	}
	bare := webtest.New(t, webtest.WithoutDemo())
	res = bare.Get("/agenda")
	if res.StatusCode != http.StatusOK || res.Doc().Find("[data-testid=agenda-empty]").Length() != 1 {
		t.Errorf("no programme yet: %d, empty state shown %v", res.StatusCode, res.Doc().Find("[data-testid=agenda-empty]").Length())
	}
}

func TestAgendaNowAndNext(t *testing.T) {
	env := webtest.New(t)
	cases := []struct {
		at        time.Time
		now, next []string
		box       bool
	}{
		// 09:30 on day 1: the opening plenary; next, the coffee break.
		{time.Date(2027, 3, 15, 9, 30, 0, 0, miami), []string{"Opening plenary: trafficking in the Caribbean today"}, []string{"Coffee break"}, true},
		// 11:00 sharp: the coffee is over, two sessions have started.
		{time.Date(2027, 3, 15, 11, 0, 0, 0, miami), []string{"Raising awareness: reaching people before the recruiters do", clashTitle},
			[]string{"Lunch"}, true},
		// Overnight: nothing on; next, day 2's first session.
		{time.Date(2027, 3, 16, 2, 0, 0, 0, miami), nil, []string{"Protection through identification: who is a victim?"}, true},
		// After the closing plenary on the last day.
		{time.Date(2027, 3, 17, 17, 0, 0, 0, miami), nil, nil, true},
		{time.Date(2027, 3, 18, 0, 0, 0, 0, miami), nil, nil, false},
		{time.Date(2027, 3, 14, 23, 59, 0, 0, miami), nil, nil, false},
	}
	for _, tc := range cases {
		env.Clock.Set(tc.at)
		doc := env.Get("/agenda").Doc()
		box := doc.Find("[data-testid=now-next]")
		if (box.Length() == 1) != tc.box {
			t.Errorf("%s: box shown %v", tc.at, box.Length() == 1)
			continue
		}
		list := func(id string) []string {
			var out []string
			box.Find("[data-testid=" + id + "] a").Each(func(_ int, s *goquery.Selection) { out = append(out, s.Text()) })
			return out
		}
		if got := list("now"); strings.Join(got, "|") != strings.Join(tc.now, "|") {
			t.Errorf("%s: now %q, want %q", tc.at, got, tc.now)
		}
		if got := list("next"); strings.Join(got, "|") != strings.Join(tc.next, "|") {
			t.Errorf("%s: next %q, want %q", tc.at, got, tc.next)
		}
	}
}

func TestSessionPage(t *testing.T) {
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	draft := addDraft(t, env, d)
	id := d.sessions["Legal frameworks: laws that match the crime"]
	res := env.Get("/agenda/" + itoa64(id))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	doc := res.Doc()
	if h := doc.Find("h1").Text(); h != "Legal frameworks: laws that match the crime" {
		t.Errorf("h1 %q", h)
	}
	main := strings.Join(strings.Fields(doc.Find("main").Text()), " ")
	for _, want := range []string{
		"Tuesday 16 March 2027", "10:30–12:30", "Miami time (America/New_York)",
		"Biscayne Ballroom, Riverwalk Conference Centre", "Prosecution", "Panel",
		"A review of anti-trafficking legislation",
		"José Ramírez Peña", "Deputy Prosecutor, Trafficking and Smuggling Unit",
		"Public Prosecution Service (Procuraduría General de la República)", "Dominican Republic",
		"Niamh O'Connor-Lewis (chair)", "Curaçao",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("session page lacks %q", want)
		}
	}
	if href := doc.Find("[data-testid=session-ics]").AttrOr("href", ""); href != "/agenda/"+itoa64(id)+".ics" {
		t.Errorf("calendar link %q", href)
	}
	if doc.Find(`a[href="/agenda?day=2"]`).Length() != 1 {
		t.Error("no way back to the day")
	}
	// A workshop says that places are limited.
	if body := env.Get("/agenda/" + itoa64(d.sessions[clashTitle])).Body; !strings.Contains(body, "Limited to 35 participants") {
		t.Error("the workshop's limit is not shown")
	}
	for _, path := range []string{"/agenda/" + itoa64(draft), "/agenda/" + itoa64(draft) + ".ics", "/agenda/99999", "/agenda/99999.ics",
		"/agenda/abc", "/agenda/-1", "/agenda/0", "/agenda/1.5", "/agenda/", "/agenda/1/", "/agenda.ics/"} {
		if res := env.Get(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		} else if strings.Contains(res.Body, draftTitle) {
			t.Errorf("GET %s shows the draft", path)
		}
	}
}

func TestAgendaIsCachedWithETagAndHead(t *testing.T) {
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	cl := env.Login(model.UserOrganiser)
	id := itoa64(d.sessions[clashTitle])
	for _, path := range []string{"/agenda", "/agenda?day=1", "/agenda/" + id, "/agenda.ics", "/agenda/" + id + ".ics",
		"/agenda.json", "/schedule.xml", "/schedule.json", "/agenda.pdf"} {
		first := env.Get(path)
		etag := first.Header.Get("ETag")
		if first.StatusCode != http.StatusOK || etag == "" || first.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s = %d, ETag %q, Cache-Control %q", path, first.StatusCode, etag, first.Header.Get("Cache-Control"))
			continue
		}
		if again := env.Get(path); again.Body != first.Body || again.Header.Get("ETag") != etag {
			t.Errorf("GET %s twice: different bytes", path)
		}
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("If-None-Match", etag)
		if res := env.Do(req); res.StatusCode != http.StatusNotModified || res.Body != "" {
			t.Errorf("conditional GET %s = %d with %d bytes", path, res.StatusCode, len(res.Body))
		}
		head := env.Do(httptest.NewRequest(http.MethodHead, path, nil))
		if head.StatusCode != http.StatusOK || head.Body != "" || head.Header.Get("ETag") != etag ||
			head.Header.Get("Content-Type") != first.Header.Get("Content-Type") {
			t.Errorf("HEAD %s = %d, %d bytes, ETag %q", path, head.StatusCode, len(head.Body), head.Header.Get("ETag"))
		}
	}
	// An organiser's edit invalidates: the new title is served at once.
	before := env.Get("/agenda")
	f := formWith(newSessionForm(d), "title", "Side event: survivors speak", "day", "2027-03-15", "start", "14:00", "end", "15:00")
	if res := cl.PostAdmin("/admin/agenda/sessions", formWith(f, "published", "yes")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create session: %d\n%s", res.StatusCode, res.Body)
	}
	after := env.Get("/agenda")
	if after.Header.Get("ETag") == before.Header.Get("ETag") || !strings.Contains(after.Body, "Side event: survivors speak") {
		t.Error("the cached agenda outlived an organiser's edit")
	}
	if !strings.Contains(env.Get("/agenda.ics").Body, "Side event: survivors speak") {
		t.Error("the cached calendar outlived an organiser's edit")
	}
}

func TestPublicAgendaEscapes(t *testing.T) {
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	const payload = `<script>alert("x")</script> & "quotes"`
	id := addSession(t, env, model.Session{Title: "Hostile " + payload, Description: payload, Published: true,
		TrackID: d.tracks["prevention"], StartsAt: time.Date(2027, 3, 17, 17, 0, 0, 0, miami), EndsAt: time.Date(2027, 3, 17, 18, 0, 0, 0, miami)})
	for _, path := range []string{"/agenda", "/agenda/" + itoa64(id)} {
		res := env.Get(path)
		if strings.Contains(res.Body, "<script>alert") {
			t.Errorf("%s: payload unescaped", path)
		}
		if !strings.Contains(res.Doc().Find("main").Text(), payload) {
			t.Errorf("%s: payload not shown as text", path)
		}
	}
	if strings.Contains(env.Get("/schedule.xml").Body, "<script>") {
		t.Error("schedule.xml: payload unescaped")
	}
	if strings.Contains(env.Get("/schedule.json").Body, "<script>") {
		t.Error("schedule.json: payload unescaped")
	}
}

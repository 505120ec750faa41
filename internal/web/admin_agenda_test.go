package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// demoAgenda gives the ids of the seeded agenda by name.
type demoAgenda struct {
	rooms, tracks, speakers, sessions map[string]int64
}

func loadDemoAgenda(t *testing.T, env *webtest.Env) demoAgenda {
	t.Helper()
	ctx := context.Background()
	d := demoAgenda{rooms: map[string]int64{}, tracks: map[string]int64{}, speakers: map[string]int64{}, sessions: map[string]int64{}}
	rooms, err := env.Store.Rooms(ctx, env.Conference.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rooms {
		d.rooms[r.Name] = r.ID
	}
	tracks, err := env.Store.Tracks(ctx, env.Conference.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range tracks {
		d.tracks[tr.Slug] = tr.ID
	}
	speakers, err := env.Store.Speakers(ctx, env.Conference.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range speakers {
		d.speakers[p.Name] = p.ID
	}
	sessions, err := env.Store.Sessions(ctx, env.Conference.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sessions {
		d.sessions[s.Title] = s.ID
	}
	return d
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// The seeded Brickell Room holds "Workshop: recognising deceptive
// recruitment" on day 1 from 11:00 to 12:30, with Kwame Thompson speaking;
// the forms below are placed around it.
const clashTitle = "Workshop: recognising deceptive recruitment"

// newSessionForm is a valid session on day 1 from 14:00 to 15:00 in the
// Coral Room, moderated by Marie-Claude Étienne, who has nothing else that day.
func newSessionForm(d demoAgenda) url.Values {
	return url.Values{
		"title":       {"Side event: survivors' voices"},
		"description": {"Survivors speak about what helped them."},
		"kind":        {model.KindPanel},
		"track_id":    {itoa64(d.tracks["protection"])},
		"room_id":     {itoa64(d.rooms["Coral Room"])},
		"day":         {"2027-03-15"},
		"start":       {"14:00"},
		"end":         {"15:00"},
		"capacity":    {"20"},
		"speaker_0":   {itoa64(d.speakers["Marie-Claude Étienne"])},
		"role_0":      {model.RoleModerator},
		"speaker_1":   {""},
		"role_1":      {model.RoleSpeaker},
	}
}

func formWith(f url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = append([]string(nil), v...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

func agendaAuditLines(t *testing.T, env *webtest.Env, entity string, entityID int64) []model.AuditEntry {
	t.Helper()
	lines, err := env.Store.AuditFor(context.Background(), entity, entityID)
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// createdID is the id at the end of a redirect to a session's page or anchor.
func createdSessionID(t *testing.T, res *webtest.Response) int64 {
	t.Helper()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d, want 303\n%s", res.StatusCode, res.Body)
	}
	s := loc[strings.LastIndexAny(loc, "-/")+1:]
	if strings.HasSuffix(loc, "/edit") {
		s = strings.TrimSuffix(strings.TrimPrefix(loc, "/admin/agenda/sessions/"), "/edit")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("no id in %q", loc)
	}
	return n
}

func TestAgendaGrid(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	cl := env.Login(model.UserOrganiser)
	res := cl.Get("/admin/agenda")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin/agenda = %d", res.StatusCode)
	}
	doc := res.Doc()
	for _, day := range []string{"day-2027-03-15", "day-2027-03-16", "day-2027-03-17"} {
		if doc.Find("#"+day).Length() != 1 {
			t.Errorf("no table for %s", day)
		}
	}
	if n := doc.Find("[data-testid=grid-session]").Length(); n != 22 {
		t.Errorf("%d sessions in the grid, want 22", n)
	}
	// The workshop sits in the Brickell Room's column of the 11:00 row, with
	// its track in words and its time.
	cell := doc.Find("#session-" + itoa64(d.sessions[clashTitle]))
	table := cell.Closest("table")
	col := cell.Closest("td").Index() // the row header is column 0
	if head := strings.TrimSpace(table.Find("thead th").Eq(col).Text()); !strings.HasPrefix(head, "Brickell Room") {
		t.Errorf("the workshop is under %q", head)
	}
	if row := strings.TrimSpace(cell.Closest("tr").Find("th").Text()); row != "11:00" {
		t.Errorf("the workshop is in row %q", row)
	}
	tag := cell.Find(".track-tag")
	if tag.Text() != "Prevention" || !tag.HasClass("track-"+itoa64(d.tracks["prevention"])) {
		t.Errorf("track tag %q, classes %q", tag.Text(), tag.AttrOr("class", ""))
	}
	if !strings.Contains(cell.Text(), "11:00–12:30") || !strings.Contains(cell.Text(), "Workshop") {
		t.Errorf("cell %q lacks the time or kind", cell.Text())
	}
	if strings.Contains(doc.Find("main").Text(), "Clash") || strings.Contains(doc.Find("main").Text(), "Draft") {
		t.Error("the seeded agenda shows a clash or a draft")
	}
	// Breaks without a room have their own column.
	lunch := doc.Find("#day-2027-03-15").Parent().Find(".grid-session").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Text(), "Lunch")
	})
	if head := strings.TrimSpace(lunch.Closest("table").Find("thead th").Eq(lunch.Closest("td").Index()).Text()); head != "No room" {
		t.Errorf("lunch is under %q", head)
	}
	for _, link := range []string{"/admin/agenda/sessions/new", "/admin/agenda/tracks", "/admin/agenda/rooms", "/admin/agenda/speakers"} {
		if doc.Find(`main a[href="`+link+`"]`).Length() == 0 {
			t.Errorf("no link to %s", link)
		}
	}
}

func TestAgendaGridEmpty(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithoutDemo())
	res := env.Login(model.UserOrganiser).Get("/admin/agenda")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	empty := res.Doc().Find("[data-testid=empty]")
	if !strings.Contains(empty.Text(), "No sessions yet") || empty.Find(`a[href="/admin/agenda/sessions/new"]`).Length() != 1 {
		t.Errorf("empty state %q", empty.Text())
	}
	admin := env.Login(model.UserAdmin)
	for _, path := range []string{"/admin/agenda/tracks", "/admin/agenda/rooms", "/admin/agenda/speakers"} {
		if res := admin.Get(path); !strings.Contains(res.Doc().Find("[data-testid=empty]").Text(), "yet") {
			t.Errorf("%s: no empty state", path)
		}
	}
}

// A clash that reaches the data without the form (here straight through
// the store) is marked in words on both sessions, and drafts are marked.
func TestAgendaGridMarksClashesAndDrafts(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	brickell := d.rooms["Brickell Room"]
	err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		_, err := tx.CreateSession(model.Session{ConferenceID: env.Conference.ID, RoomID: brickell, Kind: model.KindPanel,
			Title: "Imported <b>panel</b>", StartsAt: time.Date(2027, 3, 15, 15, 30, 0, 0, time.UTC),
			EndsAt: time.Date(2027, 3, 15, 16, 30, 0, 0, time.UTC), CreatedAt: env.Clock.Now()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	doc := env.Login(model.UserOrganiser).Get("/admin/agenda").Doc()
	workshop := doc.Find("#session-" + itoa64(d.sessions[clashTitle]))
	if got := workshop.Find(".clash").Text(); !strings.HasPrefix(got, "Clash:") || !strings.Contains(got, "Imported <b>panel</b>") {
		t.Errorf("workshop's clash %q", got)
	}
	imported := doc.Find(".grid-session").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Text(), "Imported")
	})
	if got := imported.Find(".clash").Text(); !strings.Contains(got, clashTitle) {
		t.Errorf("imported session's clash %q", got)
	}
	if imported.Find(".draft-tag").Text() != "Draft" {
		t.Error("the unpublished session is not marked Draft")
	}
	if imported.Find("b").Length() != 0 {
		t.Error("a title was rendered as HTML")
	}
	if n := doc.Find("[data-testid=clash-summary] li").Length(); n != 2 {
		t.Errorf("%d clashes in the summary, want 2", n)
	}
}

// Each conflict rule, through the form: 422, the message beside its
// field, the values kept, nothing stored.
func TestSessionConflictsThroughTheForm(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	cl := env.Login(model.UserOrganiser)
	base := newSessionForm(d)
	thompson := itoa64(d.speakers["Kwame Thompson"])
	cases := []struct {
		name   string
		form   url.Values
		field  string
		expect []string
	}{
		{"room taken", formWith(base, "room_id", itoa64(d.rooms["Brickell Room"]), "start", "12:00", "end", "13:00"),
			"room_id", []string{"Brickell Room is already booked from 11:00 to 12:30", clashTitle}},
		{"speaker elsewhere", formWith(base, "start", "11:30", "end", "12:00", "speaker_1", thompson),
			"speaker_1", []string{"Kwame Thompson", "Workshop: recognising deceptive recruitment", "Brickell Room"}},
		{"end before start", formWith(base, "start", "15:00", "end", "14:00"),
			"end", []string{"must end after it starts (15:00)"}},
		{"end equal to start", formWith(base, "start", "15:00", "end", "15:00"),
			"end", []string{"must end after it starts"}},
		{"outside the conference days", formWith(base, "day", "2027-03-18"),
			"day", []string{"Choose a day of the conference (15–17 March 2027)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := cl.PostAdmin("/admin/agenda/sessions", tc.form)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", res.StatusCode)
			}
			doc := res.Doc()
			msg := doc.Find("#" + tc.field + "-error")
			for _, want := range tc.expect {
				if !strings.Contains(msg.Text(), want) {
					t.Errorf("#%s-error %q lacks %q", tc.field, msg.Text(), want)
				}
			}
			// Beside the field: in the same field block as the control.
			if msg.Closest(".field").Find("#"+tc.field).Length() != 1 {
				t.Errorf("the message is not beside #%s", tc.field)
			}
			if doc.Find(`#error-summary a[href="#`+tc.field+`"]`).Length() != 1 {
				t.Errorf("the summary does not link to #%s", tc.field)
			}
			if v, _ := doc.Find("#title").Attr("value"); v != "Side event: survivors' voices" {
				t.Errorf("title kept as %q", v)
			}
			if v, _ := doc.Find("#speaker_0 option[selected]").Attr("value"); v != itoa64(d.speakers["Marie-Claude Étienne"]) {
				t.Errorf("speaker kept as %q", v)
			}
			if v, _ := doc.Find("#role_0 option[selected]").Attr("value"); v != model.RoleModerator {
				t.Errorf("role kept as %q", v)
			}
			if n := count(t, env, `SELECT count(*) FROM sessions`); n != 22 {
				t.Errorf("%d sessions stored, want 22", n)
			}
		})
	}
	// Touching end to start in the same room is no clash.
	res := cl.PostAdmin("/admin/agenda/sessions", formWith(base, "room_id", itoa64(d.rooms["Brickell Room"]), "start", "12:30", "end", "13:30"))
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("touching sessions: %d, want 303\n%s", res.StatusCode, res.Doc().Find("#error-summary").Text())
	}
}

// A sign-up limit above the room's seats is a warning: the session is
// saved, and its form shows the warning beside the field.
func TestSessionCapacityWarningSaves(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	cl := env.Login(model.UserOrganiser)
	res := cl.PostAdmin("/admin/agenda/sessions", formWith(newSessionForm(d), "room_id", itoa64(d.rooms["Brickell Room"]), "capacity", "60"))
	sid := createdSessionID(t, res)
	if loc := res.Header.Get("Location"); loc != "/admin/agenda/sessions/"+itoa64(sid)+"/edit" {
		t.Errorf("saved with a warning, sent to %q; want the session's form", loc)
	}
	if n := count(t, env, `SELECT capacity FROM sessions WHERE id = ?`, sid); n != 60 {
		t.Errorf("capacity stored %d", n)
	}
	page := cl.Get(res.Header.Get("Location"))
	doc := page.Doc()
	if page.StatusCode != http.StatusOK {
		t.Fatalf("form: %d", page.StatusCode)
	}
	if w := doc.Find("#capacity-warning").Text(); !strings.Contains(w, "Warning:") || !strings.Contains(w, "Brickell Room seats 40") {
		t.Errorf("warning %q", w)
	}
	if doc.Find("#error-summary").Length() != 0 {
		t.Error("a warning shows as an error")
	}
	if !strings.Contains(doc.Find("[data-testid=flash]").Text(), "saved") {
		t.Errorf("flash %q", doc.Find("[data-testid=flash]").Text())
	}
}

func TestSessionCRUD(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	cl := env.Login(model.UserOrganiser)
	ctx := context.Background()

	// The form offers the conference's days and the lists to choose from.
	form := cl.Get("/admin/agenda/sessions/new").Doc()
	if n := form.Find("#day option[value^='2027-']").Length(); n != 3 {
		t.Errorf("%d days offered, want 3", n)
	}
	if form.Find("#speaker_0 option").Length() != 13 || form.Find("#room_id option").Length() != 4 {
		t.Error("the speaker or room lists are incomplete")
	}

	// Add, as a draft, with two people.
	f := formWith(newSessionForm(d), "speaker_1", itoa64(d.speakers["Kwame Thompson"]), "role_1", model.RoleChair)
	res := cl.PostAdmin("/admin/agenda/sessions", f)
	sid := createdSessionID(t, res)
	if loc := res.Header.Get("Location"); loc != "/admin/agenda#session-"+itoa64(sid) {
		t.Errorf("sent to %q", loc)
	}
	m, err := env.Store.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	// 14:00 on 15 March 2027 in Miami is EDT (since 14 March): 18:00 UTC.
	if m.StartsAt.Format(time.RFC3339) != "2027-03-15T18:00:00Z" || m.EndsAt.Format(time.RFC3339) != "2027-03-15T19:00:00Z" {
		t.Errorf("stored %s–%s", m.StartsAt.Format(time.RFC3339), m.EndsAt.Format(time.RFC3339))
	}
	if m.Published || m.Capacity != 20 || m.Room.Name != "Coral Room" || m.Track.Slug != "protection" || m.Kind != model.KindPanel {
		t.Errorf("session %+v", m)
	}
	if len(m.Speakers) != 2 || m.Speakers[0].Name != "Marie-Claude Étienne" || m.Speakers[0].Role != model.RoleModerator ||
		m.Speakers[1].Role != model.RoleChair {
		t.Errorf("speakers %+v", m.Speakers)
	}
	if a := agendaAuditLines(t, env, "session", sid); len(a) != 1 || a[0].Action != "create" || a[0].Actor != "organiser@example.org" ||
		a[0].Changes["starts_at"][1] != "2027-03-15 14:00 EDT" || !strings.Contains(a[0].Changes["speakers"][1], "Kwame Thompson (chair)") {
		t.Errorf("audit %+v", a)
	}
	// A draft is in the grid, marked, and never on the public side.
	cell := cl.Get("/admin/agenda").Doc().Find("#session-" + itoa64(sid))
	if cell.Find(".draft-tag").Text() != "Draft" {
		t.Error("the draft is not marked in the grid")
	}
	public, err := env.Store.Sessions(ctx, env.Conference.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range public {
		if s.ID == sid || !s.Published {
			t.Errorf("Sessions(published only) returned the draft %q", s.Title)
		}
	}
	if len(public) != 22 {
		t.Errorf("%d published sessions, want 22", len(public))
	}

	// The edit form shows it as stored, in local time.
	edit := cl.Get("/admin/agenda/sessions/" + itoa64(sid) + "/edit").Doc()
	for field, want := range map[string]string{"title": "Side event: survivors' voices", "start": "14:00", "end": "15:00", "capacity": "20"} {
		if v, _ := edit.Find("#" + field).Attr("value"); v != want {
			t.Errorf("%s shown as %q, want %q", field, v, want)
		}
	}
	if v, _ := edit.Find("#speaker_1 option[selected]").Attr("value"); v != itoa64(d.speakers["Kwame Thompson"]) {
		t.Errorf("second speaker shown as %q", v)
	}

	// A mistake on update changes nothing and keeps what was typed.
	bad := cl.PostAdmin("/admin/agenda/sessions/"+itoa64(sid), formWith(f, "title", "", "description", "New words"))
	if bad.StatusCode != http.StatusUnprocessableEntity || bad.Doc().Find("#title-error").Length() != 1 {
		t.Fatalf("update without a title: %d", bad.StatusCode)
	}
	if got := bad.Doc().Find("#description").Text(); got != "New words" {
		t.Errorf("description kept as %q", got)
	}
	if m2, _ := env.Store.Session(ctx, sid); m2.Title != m.Title || m2.Description != m.Description {
		t.Error("a refused update changed the session")
	}

	// Update: move it, publish it, drop a speaker.
	up := formWith(f, "title", "Survivors' voices", "room_id", itoa64(d.rooms["Brickell Room"]), "published", "yes", "speaker_0", "", "start", "16:00", "end", "17:00")
	res = cl.PostAdmin("/admin/agenda/sessions/"+itoa64(sid), up)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d\n%s", res.StatusCode, res.Doc().Find("#error-summary").Text())
	}
	m, _ = env.Store.Session(ctx, sid)
	if m.Title != "Survivors' voices" || !m.Published || m.Room.Name != "Brickell Room" || len(m.Speakers) != 1 ||
		m.Speakers[0].Name != "Kwame Thompson" || m.StartsAt.Format(time.RFC3339) != "2027-03-15T20:00:00Z" {
		t.Errorf("updated session %+v", m)
	}
	a := agendaAuditLines(t, env, "session", sid)
	if len(a) != 2 || a[0].Action != "update" || a[0].Changes["room"] != [2]string{"Coral Room", "Brickell Room"} ||
		a[0].Changes["published"] != [2]string{"false", "true"} {
		t.Errorf("update audit %+v", a[0])
	}
	if _, ok := a[0].Changes["kind"]; ok {
		t.Error("an unchanged field is in the audit line")
	}
	if !strings.Contains(cl.Get("/admin/agenda").Doc().Find("[data-testid=flash]").Text(), "Survivors' voices") {
		t.Error("no flash after saving")
	}

	// Remove, after a confirmation page.
	confirm := cl.Get("/admin/agenda/sessions/" + itoa64(sid) + "/delete")
	if confirm.StatusCode != http.StatusOK || !strings.Contains(confirm.Body, "published") {
		t.Errorf("confirmation page: %d", confirm.StatusCode)
	}
	res = cl.PostAdmin("/admin/agenda/sessions/"+itoa64(sid)+"/delete", url.Values{})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/agenda" {
		t.Fatalf("delete: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if n := count(t, env, `SELECT count(*) FROM sessions WHERE id = ?`, sid) + count(t, env, `SELECT count(*) FROM session_speakers WHERE session_id = ?`, sid); n != 0 {
		t.Error("the session or its speakers remain")
	}
	if a := agendaAuditLines(t, env, "session", sid); len(a) != 3 || a[0].Action != "delete" || a[0].Changes["title"][0] != "Survivors' voices" {
		t.Errorf("delete audit %+v", a[0])
	}
	if res := cl.Get("/admin/agenda/sessions/" + itoa64(sid) + "/edit"); res.StatusCode != http.StatusNotFound {
		t.Errorf("removed session's form: %d", res.StatusCode)
	}
}

// Times are typed in Miami time; the stored instants follow the change to
// summer time on 14 March 2027, and the forms show the same wall-clock time.
func TestSessionTimesAcrossTheClockChange(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `start_date = '2027-03-13', end_date = '2027-03-15'`)
	d := loadDemoAgenda(t, env)
	cl := env.Login(model.UserOrganiser)
	ctx := context.Background()
	cases := []struct{ day, start, want string }{
		{"2027-03-13", "09:00", "2027-03-13T14:00:00Z"}, // EST
		{"2027-03-14", "09:00", "2027-03-14T13:00:00Z"}, // EDT from 02:00 that night
		{"2027-03-15", "09:00", "2027-03-15T13:00:00Z"},
	}
	for _, tc := range cases {
		f := formWith(newSessionForm(d), "title", "Early "+tc.day, "room_id", "", "speaker_0", "", "day", tc.day, "start", tc.start, "end", "09:45")
		sid := createdSessionID(t, cl.PostAdmin("/admin/agenda/sessions", f))
		m, err := env.Store.Session(ctx, sid)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.StartsAt.Format(time.RFC3339); got != tc.want {
			t.Errorf("%s %s stored as %s, want %s", tc.day, tc.start, got, tc.want)
		}
		if v, _ := cl.Get("/admin/agenda/sessions/" + itoa64(sid) + "/edit").Doc().Find("#start").Attr("value"); v != tc.start {
			t.Errorf("%s: the form shows %q", tc.day, v)
		}
	}
	res := cl.PostAdmin("/admin/agenda/sessions", formWith(newSessionForm(d), "day", "2027-03-14", "start", "02:30", "end", "03:30"))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Doc().Find("#start-error").Text(), "does not exist") {
		t.Errorf("02:30 on the night the clocks go forward: %d", res.StatusCode)
	}
}

func TestTrackCRUD(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	cl := env.Login(model.UserOrganiser)
	list := cl.Get("/admin/agenda/tracks").Doc()
	if n := list.Find("tbody tr").Length(); n != 4 {
		t.Errorf("%d tracks listed", n)
	}

	// A colour white text cannot be read on is refused with a suggestion.
	res := cl.PostAdmin("/admin/agenda/tracks", url.Values{"name": {"Child protection"}, "colour": {"#FFD700"}, "description": {"Children first."}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("gold: %d", res.StatusCode)
	}
	doc := res.Doc()
	if msg := doc.Find("#colour-error").Text(); !strings.Contains(msg, "at least 4.5:1") || !strings.Contains(msg, "such as #") {
		t.Errorf("colour message %q", msg)
	}
	if v, _ := doc.Find("#name").Attr("value"); v != "Child protection" || doc.Find("#description").Text() != "Children first." {
		t.Error("values not kept")
	}
	if n := count(t, env, `SELECT count(*) FROM tracks`); n != 4 {
		t.Errorf("%d tracks after a refused form", n)
	}
	// A taken slug.
	res = cl.PostAdmin("/admin/agenda/tracks", url.Values{"name": {"Prevention again"}, "slug": {"prevention"}, "colour": {"#333333"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Doc().Find("#slug-error").Text(), "already uses") {
		t.Errorf("duplicate slug: %d", res.StatusCode)
	}

	// Added; the slug comes from the name.
	res = cl.PostAdmin("/admin/agenda/tracks", url.Values{"name": {"Child protection"}, "colour": {"#1B5E20"}, "position": {"4"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/agenda/tracks" {
		t.Fatalf("add: %d\n%s", res.StatusCode, res.Doc().Find("#error-summary").Text())
	}
	var tid int64
	var slug, colour string
	if err := env.DB.Read.QueryRow(`SELECT id, slug, colour FROM tracks WHERE name = 'Child protection'`).Scan(&tid, &slug, &colour); err != nil {
		t.Fatal(err)
	}
	if slug != "child-protection" || colour != "#1b5e20" {
		t.Errorf("stored %s %s", slug, colour)
	}
	if a := agendaAuditLines(t, env, "track", tid); len(a) != 1 || a[0].Action != "create" || a[0].Changes["colour"][1] != "#1b5e20" {
		t.Errorf("audit %+v", a)
	}
	if theme := env.Get("/theme.css").Body; !strings.Contains(theme, ".track-"+itoa64(tid)+"{--track-colour:#1b5e20}") {
		t.Errorf("theme.css lacks the new colour:\n%s", theme)
	}

	// Edited.
	res = cl.PostAdmin("/admin/agenda/tracks/"+itoa64(tid), url.Values{"name": {"Children"}, "slug": {"children"}, "colour": {"#1b5e20"}, "position": {"0"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	if a := agendaAuditLines(t, env, "track", tid); a[0].Changes["name"] != [2]string{"Child protection", "Children"} || len(a[0].Changes) != 3 {
		t.Errorf("edit audit %+v", a[0].Changes)
	}

	// A track in use cannot be removed: the page says which sessions use it.
	used := "/admin/agenda/tracks/" + itoa64(d.tracks["prosecution"]) + "/delete"
	page := cl.Get(used)
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Doc().Find("[data-testid=in-use]").Text(), "3 sessions use this track") ||
		page.Doc().Find("main form").Length() != 0 {
		t.Errorf("refusal page: %d", page.StatusCode)
	}
	if res := cl.PostAdmin(used, url.Values{}); res.StatusCode != http.StatusConflict {
		t.Errorf("removing a track in use: %d, want 409", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM tracks WHERE id = ?`, d.tracks["prosecution"]); n != 1 {
		t.Error("the track in use was removed")
	}

	// An unused track is removed after confirmation.
	if page := cl.Get("/admin/agenda/tracks/" + itoa64(tid) + "/delete"); page.Doc().Find("main form button.danger").Length() != 1 {
		t.Error("no confirm button")
	}
	if res := cl.PostAdmin("/admin/agenda/tracks/"+itoa64(tid)+"/delete", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM tracks WHERE id = ?`, tid); n != 0 {
		t.Error("not removed")
	}
	if a := agendaAuditLines(t, env, "track", tid); a[0].Action != "delete" || a[0].Changes["name"][0] != "Children" {
		t.Errorf("remove audit %+v", a[0])
	}
}

func TestRoomCRUD(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	cl := env.Login(model.UserOrganiser)
	res := cl.PostAdmin("/admin/agenda/rooms", url.Values{"name": {"Key Biscayne Room"}, "capacity": {"-5"}})
	if res.StatusCode != http.StatusUnprocessableEntity || res.Doc().Find("#capacity-error").Length() != 1 {
		t.Fatalf("negative seats: %d", res.StatusCode)
	}
	if v, _ := res.Doc().Find("#name").Attr("value"); v != "Key Biscayne Room" {
		t.Errorf("name kept as %q", v)
	}
	res = cl.PostAdmin("/admin/agenda/rooms", url.Values{"name": {"Coral Room"}, "capacity": {"10"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Doc().Find("#name-error").Text(), "already has this name") {
		t.Errorf("duplicate name: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM rooms`); n != 3 {
		t.Errorf("%d rooms after refused forms", n)
	}
	res = cl.PostAdmin("/admin/agenda/rooms", url.Values{"name": {"Key Biscayne Room"}, "capacity": {"25"}, "position": {"3"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", res.StatusCode)
	}
	var rid int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM rooms WHERE name = 'Key Biscayne Room' AND capacity = 25`).Scan(&rid); err != nil {
		t.Fatal(err)
	}
	// The new room is a column of the grid.
	if !strings.Contains(cl.Get("/admin/agenda").Doc().Find("#day-2027-03-15").Parent().Find("thead").Text(), "Key Biscayne Room") {
		t.Error("the new room is not a column of the grid")
	}
	res = cl.PostAdmin("/admin/agenda/rooms/"+itoa64(rid), url.Values{"name": {"Key Biscayne Room"}, "capacity": {"30"}, "position": {"3"}})
	if res.StatusCode != http.StatusSeeOther || count(t, env, `SELECT capacity FROM rooms WHERE id = ?`, rid) != 30 {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	if a := agendaAuditLines(t, env, "room", rid); len(a) != 2 || a[0].Changes["capacity"] != [2]string{"25", "30"} {
		t.Errorf("audit %+v", a)
	}
	// In use: refused.
	coral := "/admin/agenda/rooms/" + itoa64(d.rooms["Coral Room"]) + "/delete"
	if res := cl.PostAdmin(coral, url.Values{}); res.StatusCode != http.StatusConflict || !strings.Contains(res.Body, "2 sessions use this room") {
		t.Errorf("removing a room in use: %d", res.StatusCode)
	}
	if res := cl.PostAdmin("/admin/agenda/rooms/"+itoa64(rid)+"/delete", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", res.StatusCode)
	}
	if a := agendaAuditLines(t, env, "room", rid); a[0].Action != "delete" {
		t.Errorf("remove audit %+v", a[0])
	}
	if res := cl.Get("/admin/agenda/rooms/" + itoa64(rid) + "/edit"); res.StatusCode != http.StatusNotFound {
		t.Errorf("removed room: %d", res.StatusCode)
	}
}

func TestSpeakerCRUD(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	cl := env.Login(model.UserOrganiser)
	doc := cl.Get("/admin/agenda/speakers").Doc()
	var names []string
	doc.Find("tbody tr td:first-child").Each(func(_ int, s *goquery.Selection) { names = append(names, s.Text()) })
	if len(names) != 12 {
		t.Fatalf("%d speakers listed", len(names))
	}
	for i := 1; i < len(names); i++ {
		if fold(names[i-1]) > fold(names[i]) {
			t.Errorf("not sorted by name: %q before %q", names[i-1], names[i])
		}
	}
	if cl.Get("/admin/agenda/speakers/new").Doc().Find("#country optgroup[label=Caribbean]").Length() != 1 {
		t.Error("no Caribbean group in the country select")
	}

	// A name starting with an accented capital sorts among the Es, not last.
	res := cl.PostAdmin("/admin/agenda/speakers", url.Values{"name": {"Élodie Ferrand"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", res.StatusCode)
	}
	var listed []string
	cl.Get("/admin/agenda/speakers").Doc().Find("tbody tr td:first-child").Each(func(_ int, s *goquery.Selection) { listed = append(listed, s.Text()) })
	if i := slices.Index(listed, "Élodie Ferrand"); i < 0 || i == len(listed)-1 || fold(listed[i+1]) < "e" {
		t.Errorf("Élodie Ferrand sorted at %d of %v", i, listed)
	}

	res = cl.PostAdmin("/admin/agenda/speakers", url.Values{"name": {"Łucja Nowak-Pérez"}, "country": {"ZZ"}, "bio": {"Researcher."}})
	if res.StatusCode != http.StatusUnprocessableEntity || res.Doc().Find("#country-error").Length() != 1 {
		t.Fatalf("unknown country: %d", res.StatusCode)
	}
	if v, _ := res.Doc().Find("#name").Attr("value"); v != "Łucja Nowak-Pérez" || res.Doc().Find("#bio").Text() != "Researcher." {
		t.Error("values not kept")
	}
	res = cl.PostAdmin("/admin/agenda/speakers", url.Values{"name": {"Łucja Nowak-Pérez"}, "title": {"Researcher"},
		"organisation": {"University of the West Indies"}, "country": {"BB"}, "bio": {"Studies recruitment online."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", res.StatusCode)
	}
	var pid int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM speakers WHERE name = 'Łucja Nowak-Pérez' AND country = 'BB'`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cl.Get("/admin/agenda/speakers").Doc().Find("tbody").Text(), "Barbados") {
		t.Error("the country is not named in the list")
	}
	res = cl.PostAdmin("/admin/agenda/speakers/"+itoa64(pid), url.Values{"name": {"Łucja Nowak-Pérez"}, "country": {""}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	if a := agendaAuditLines(t, env, "speaker", pid); len(a) != 2 || a[0].Changes["country"] != [2]string{"BB", ""} {
		t.Errorf("audit %+v", a)
	}

	// Removing a speaker lists their sessions, then takes them off.
	baptiste := d.speakers["Désirée Baptiste"]
	in := count(t, env, `SELECT count(*) FROM session_speakers WHERE speaker_id = ?`, baptiste)
	if in == 0 {
		t.Fatal("the demo speaker has no session")
	}
	page := cl.Get("/admin/agenda/speakers/" + itoa64(baptiste) + "/delete")
	if page.Doc().Find("[data-testid=sessions] li").Length() != in || !strings.Contains(page.Body, "will be taken off") {
		t.Errorf("confirmation page lists %d sessions, want %d", page.Doc().Find("[data-testid=sessions] li").Length(), in)
	}
	if res := cl.PostAdmin("/admin/agenda/speakers/"+itoa64(baptiste)+"/delete", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM session_speakers WHERE speaker_id = ?`, baptiste); n != 0 {
		t.Error("still on sessions")
	}
	if n := count(t, env, `SELECT count(*) FROM sessions`); n != 22 {
		t.Errorf("%d sessions left; removing a speaker must not remove sessions", n)
	}
	if a := agendaAuditLines(t, env, "speaker", baptiste); len(a) != 1 || a[0].Action != "delete" || a[0].Changes["sessions"][0] == "" {
		t.Errorf("remove audit %+v", a)
	}
}

// fold is a name for comparing by eye: lower case, common accents dropped.
func fold(s string) string {
	return strings.NewReplacer("é", "e", "É", "e", "í", "i", "ñ", "n", "ó", "o", "á", "a", "ú", "u").Replace(strings.ToLower(s))
}

func TestAgendaEditorMissingRecords(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	for _, path := range []string{"/admin/agenda/sessions/9999/edit", "/admin/agenda/tracks/abc/edit",
		"/admin/agenda/rooms/0/delete", "/admin/agenda/speakers/9999/edit", "/admin/agenda/sessions/-1/delete"} {
		if res := cl.Get(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		}
	}
	if res := cl.PostAdmin("/admin/agenda/sessions/9999", url.Values{"title": {"x"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("POST to a missing session = %d, want 404", res.StatusCode)
	}
}

// TestAgendaDeleteSaysDelete: the console has one word for taking a thing
// away, and one confirmation: each of the agenda's four delete pages asks
// "Delete the … ?", says that it cannot be undone, and offers a red Delete
// button and Cancel; the lists' links and the message afterwards say
// "Delete" and "deleted" too.
func TestAgendaDeleteSaysDelete(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	cl := env.Login(model.UserOrganiser)
	for path, form := range map[string]url.Values{
		"/admin/agenda/tracks": {"name": {"Research"}, "colour": {"#1b5e20"}, "position": {"4"}},
		"/admin/agenda/rooms":  {"name": {"Annex"}, "capacity": {"20"}, "position": {"9"}},
	} {
		if res := cl.PostAdmin(path, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add to %s: %d", path, res.StatusCode)
		}
	}
	id := func(query string) int64 {
		t.Helper()
		var id int64
		if err := env.DB.Read.QueryRow(query).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	session := d.sessions["Opening plenary: trafficking in the Caribbean today"]
	for _, c := range []struct{ list, item, what string }{
		{"/admin/agenda/tracks", "/admin/agenda/tracks/" + itoa64(id(`SELECT id FROM tracks WHERE name = 'Research'`)), "track"},
		{"/admin/agenda/rooms", "/admin/agenda/rooms/" + itoa64(id(`SELECT id FROM rooms WHERE name = 'Annex'`)), "room"},
		{"/admin/agenda/speakers", "/admin/agenda/speakers/" + itoa64(d.speakers["Marie-Claude Étienne"]), "speaker"},
		{"", "/admin/agenda/sessions/" + itoa64(session), "session"},
	} {
		if c.list != "" {
			link := cl.Get(c.list).Doc().Find(`main a[href="` + c.item + `/delete"]`)
			if text := strings.TrimSpace(link.Contents().First().Text()); text != "Delete" {
				t.Errorf("%s: the link to delete says %q", c.list, text)
			}
		}
		doc := cl.Get(c.item + "/delete").Doc()
		main := doc.Find("main")
		if h := main.Find("h1").Text(); !strings.HasPrefix(h, "Delete the "+c.what+" “") || !strings.HasSuffix(h, "”?") {
			t.Errorf("%s: heading %q", c.what, h)
		}
		if b := strings.TrimSpace(main.Find("form button.danger").Text()); b != "Delete" {
			t.Errorf("%s: button %q", c.what, b)
		}
		if a := strings.TrimSpace(main.Find("form a").Text()); a != "Cancel" {
			t.Errorf("%s: the way back says %q", c.what, a)
		}
		if text := main.Text(); strings.Contains(text, "Remove") || strings.Contains(text, "remove") || !strings.Contains(text, "This cannot be undone.") {
			t.Errorf("%s: the page says:\n%s", c.what, text)
		}
		res := cl.PostAdmin(c.item+"/delete", url.Values{})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: delete %d", c.what, res.StatusCode)
		}
		if flash := cl.Get(res.Header.Get("Location")).Doc().Find("[data-testid=flash]").Text(); !strings.HasSuffix(flash, "” deleted.") {
			t.Errorf("%s: flash %q", c.what, flash)
		}
	}
}

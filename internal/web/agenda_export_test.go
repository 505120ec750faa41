package web_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/webtest"
)

// earlyTitle is a session on Saturday 13 March 2027, before the clocks go
// forward in Miami (Sunday 14 March, 02:00): its offset is -05:00, the
// others' -04:00.
const earlyTitle = "Early bird: regional data briefing"

// dstEnv is the demo conference starting on 13 March, with a published
// session that day, a draft, and the rest of the demo agenda after the
// change to summer time.
func dstEnv(t *testing.T) (*webtest.Env, demoAgenda) {
	t.Helper()
	env := webtest.New(t)
	setConference(t, env, `start_date = '2027-03-13', end_date = '2027-03-17'`)
	d := loadDemoAgenda(t, env)
	addSession(t, env, model.Session{Title: earlyTitle, Description: "Figures, before the week starts.", Published: true,
		TrackID: d.tracks["plenary"], RoomID: d.rooms["Coral Room"],
		StartsAt: time.Date(2027, 3, 13, 10, 0, 0, 0, miami), EndsAt: time.Date(2027, 3, 13, 11, 0, 0, 0, miami),
		Speakers: []model.SessionSpeaker{{Speaker: model.Speaker{ID: d.speakers["Désirée Baptiste"]}, Role: model.RoleChair}}})
	addDraft(t, env, d)
	return env, d
}

func published(t *testing.T, env *webtest.Env) []model.Session {
	t.Helper()
	ss, err := env.Store.Sessions(context.Background(), env.Conference.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 23 {
		t.Fatalf("%d published sessions, want 23", len(ss))
	}
	return ss
}

func TestAgendaICS(t *testing.T) {
	env, _ := dstEnv(t)
	res := env.Get("/agenda.ics")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("GET /agenda.ics = %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	body := res.Body
	if strings.Contains(body, draftTitle) || strings.Contains(strings.ReplaceAll(body, "\r\n ", ""), draftTitle) {
		t.Error("the draft is in the calendar")
	}
	for i, line := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if len(line) > 75 || strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d: %d octets or a bare line break: %q", i, len(line), line)
		}
	}
	cal, err := goical.NewDecoder(strings.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read /agenda.ics: %v", err)
	}
	for prop, want := range map[string]string{goical.PropVersion: "2.0", goical.PropMethod: "PUBLISH", goical.PropCalendarScale: "GREGORIAN",
		"X-WR-CALNAME": "Caribbean Counter-Trafficking Conference"} {
		if p := cal.Props.Get(prop); p == nil || p.Value != want {
			t.Errorf("%s = %+v, want %q", prop, p, want)
		}
	}
	if p := cal.Props.Get(goical.PropProductID); p == nil || p.Value == "" {
		t.Error("no PRODID")
	}
	var tz *goical.Component
	for _, c := range cal.Children {
		if c.Name == goical.CompTimezone {
			tz = c
		}
	}
	if tz == nil || tz.Props.Get(goical.PropTimezoneID).Value != "America/New_York" || len(tz.Children) != 2 {
		t.Fatalf("VTIMEZONE %+v", tz)
	}
	events := map[string]goical.Event{}
	for _, ev := range cal.Events() {
		events[ev.Props.Get(goical.PropUID).Value] = ev
	}
	sessions := published(t, env)
	if len(events) != len(sessions) {
		t.Errorf("%d events, want %d", len(events), len(sessions))
	}
	for _, s := range sessions {
		uid := "session-" + itoa64(s.ID) + "@confdesk.test"
		ev, ok := events[uid]
		if !ok {
			t.Errorf("no event %s (%s)", uid, s.Title)
			continue
		}
		for name, want := range map[string]time.Time{goical.PropDateTimeStart: s.StartsAt, goical.PropDateTimeEnd: s.EndsAt} {
			p := ev.Props.Get(name)
			if p.Params.Get(goical.ParamTimezoneID) != "America/New_York" {
				t.Errorf("%s %s without TZID: %+v", s.Title, name, p)
			}
			got, err := p.DateTime(nil)
			if err != nil || !got.Equal(want) || got.Location().String() != "America/New_York" ||
				got.Format("15:04") != want.In(miami).Format("15:04") {
				t.Errorf("%s %s = %v (%v), want %v in Miami", s.Title, name, got, err, want.In(miami))
			}
		}
		if stamp, _ := ev.Props.DateTime(goical.PropDateTimeStamp, nil); !stamp.Equal(s.UpdatedAt.Truncate(time.Second)) {
			t.Errorf("%s DTSTAMP %v, want %v", s.Title, stamp, s.UpdatedAt)
		}
		if v, _ := ev.Props.Text(goical.PropSummary); v != s.Title {
			t.Errorf("SUMMARY %q", v)
		}
		if u, _ := ev.Props.URI(goical.PropURL); u == nil || u.String() != "http://confdesk.test/agenda/"+itoa64(s.ID) {
			t.Errorf("%s URL %v", s.Title, u)
		}
		desc, _ := ev.Props.Text(goical.PropDescription)
		loc, _ := ev.Props.Text(goical.PropLocation)
		if !strings.HasPrefix(desc, s.Description) || !strings.Contains(loc, "Riverwalk Conference Centre") {
			t.Errorf("%s: DESCRIPTION %q, LOCATION %q", s.Title, desc, loc)
		}
		for _, sp := range s.Speakers {
			if !strings.Contains(desc, sp.Name) {
				t.Errorf("%s: DESCRIPTION lacks speaker %s", s.Title, sp.Name)
			}
		}
		if s.Room != nil && !strings.HasPrefix(loc, s.Room.Name+", ") {
			t.Errorf("%s: LOCATION %q", s.Title, loc)
		}
		cats := ev.Props.Get(goical.PropCategories)
		if s.Track != nil {
			if l, _ := cats.TextList(); len(l) != 1 || l[0] != s.Track.Name {
				t.Errorf("%s: CATEGORIES %v", s.Title, l)
			}
		} else if cats != nil {
			t.Errorf("%s: CATEGORIES without a track", s.Title)
		}
	}
	// Across the clock change: Saturday at 10:00 is 15:00 UTC, Monday at 09:00 is 13:00 UTC.
	if !strings.Contains(body, "DTSTART;TZID=America/New_York:20270313T100000\r\n") ||
		!strings.Contains(body, "DTSTART;TZID=America/New_York:20270315T090000\r\n") {
		t.Error("wall-clock times around the clock change are wrong")
	}
	// The same data gives the same bytes.
	if again := env.Get("/agenda.ics"); again.Body != body {
		t.Error("two renders differ")
	}
}

func TestSessionICS(t *testing.T) {
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	id := d.sessions[clashTitle]
	res := env.Get("/agenda/" + itoa64(id) + ".ics")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("status %d, %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="ctc-miami-workshop-recognising-deceptive-recruitment.ics"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	cal, err := goical.NewDecoder(strings.NewReader(res.Body)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	if v, _ := evs[0].Props.Text(goical.PropSummary); v != clashTitle {
		t.Errorf("SUMMARY %q", v)
	}
	if start, err := evs[0].DateTimeStart(nil); err != nil || !start.Equal(time.Date(2027, 3, 15, 11, 0, 0, 0, miami)) {
		t.Errorf("DTSTART %v %v", start, err)
	}
	if uid := evs[0].Props.Get(goical.PropUID).Value; uid != "session-"+itoa64(id)+"@confdesk.test" {
		t.Errorf("UID %q differs from the full calendar's", uid)
	}
}

// feed is /agenda.json as README.md documents it, written out here rather
// than taken from the code, so that the test holds the code to the document.
type feed struct {
	Conference struct {
		Name      string `json:"name"`
		ShortName string `json:"short_name"`
		StartDate string `json:"start_date"`
		EndDate   string `json:"end_date"`
		TimeZone  string `json:"time_zone"`
		Venue     string `json:"venue"`
		City      string `json:"city"`
		URL       string `json:"url"`
		Language  string `json:"language"`
	} `json:"conference"`
	Tracks []struct {
		Slug   string `json:"slug"`
		Name   string `json:"name"`
		Colour string `json:"colour"`
	} `json:"tracks"`
	Rooms []struct {
		ID       int64  `json:"id"`
		Name     string `json:"name"`
		Capacity int    `json:"capacity"`
	} `json:"rooms"`
	Sessions []struct {
		ID          int64   `json:"id"`
		Title       string  `json:"title"`
		Description string  `json:"description"`
		Track       *string `json:"track"`
		Kind        string  `json:"kind"`
		Room        *string `json:"room"`
		Start       string  `json:"start"`
		End         string  `json:"end"`
		Speakers    []struct {
			Name         string  `json:"name"`
			Title        string  `json:"title"`
			Organisation string  `json:"organisation"`
			Country      *string `json:"country"`
			Role         string  `json:"role"`
		} `json:"speakers"`
		URL         string `json:"url"`
		Language    string `json:"language"`
		Attachments []struct {
			Title    string `json:"title"`
			URL      string `json:"url"`
			Language string `json:"language"`
			Type     string `json:"type"`
		} `json:"attachments"`
	} `json:"sessions"`
}

// keysOf lists an object's keys.
func keysOf(m map[string]json.RawMessage) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return strings.Join(ks, ",")
}

func TestAgendaJSON(t *testing.T) {
	env, d := dstEnv(t)
	res := env.Get("/agenda.json")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET /agenda.json = %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if res.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Error("the open feed cannot be read by other sites' pages")
	}
	dec := json.NewDecoder(strings.NewReader(res.Body))
	dec.DisallowUnknownFields()
	var f feed
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("does not decode into the documented schema: %v", err)
	}
	// Every documented field is present, even when empty (null or []).
	var raw struct {
		Conference map[string]json.RawMessage   `json:"conference"`
		Tracks     []map[string]json.RawMessage `json:"tracks"`
		Rooms      []map[string]json.RawMessage `json:"rooms"`
		Sessions   []map[string]json.RawMessage `json:"sessions"`
	}
	if err := json.Unmarshal([]byte(res.Body), &raw); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"conference": "city,end_date,language,name,short_name,start_date,time_zone,url,venue",
		"track":      "colour,name,slug",
		"room":       "capacity,id,name",
		"session":    "attachments,description,end,id,kind,language,room,speakers,start,title,track,url",
		"speaker":    "country,name,organisation,role,title",
	}
	check := func(what string, m map[string]json.RawMessage) {
		if got := keysOf(m); got != want[what] {
			t.Errorf("%s keys %s, want %s", what, got, want[what])
		}
	}
	check("conference", raw.Conference)
	for _, m := range raw.Tracks {
		check("track", m)
	}
	for _, m := range raw.Rooms {
		check("room", m)
	}
	for _, m := range raw.Sessions {
		check("session", m)
		var sps []map[string]json.RawMessage
		json.Unmarshal(m["speakers"], &sps)
		for _, sp := range sps {
			check("speaker", sp)
		}
		if string(m["speakers"]) == "null" {
			t.Error("speakers is null instead of []")
		}
		if string(m["attachments"]) == "null" {
			t.Error("attachments is null instead of []")
		}
	}

	c := f.Conference
	if c.Name != "Caribbean Counter-Trafficking Conference" || c.ShortName != "CTC Miami" || c.StartDate != "2027-03-13" ||
		c.EndDate != "2027-03-17" || c.TimeZone != "America/New_York" || c.Venue != "Riverwalk Conference Centre" ||
		c.City != "Miami, Florida" || c.URL != "http://confdesk.test/" {
		t.Errorf("conference %+v", c)
	}
	if len(f.Tracks) != 4 || f.Tracks[0].Slug != "prevention" || f.Tracks[0].Colour != "#0f6b5c" {
		t.Errorf("tracks %+v", f.Tracks)
	}
	if len(f.Rooms) != 3 || f.Rooms[0].Name != "Biscayne Ballroom" || f.Rooms[0].Capacity != 150 || f.Rooms[0].ID != d.rooms["Biscayne Ballroom"] {
		t.Errorf("rooms %+v", f.Rooms)
	}
	sessions := published(t, env)
	if len(f.Sessions) != len(sessions) {
		t.Fatalf("%d sessions, want %d", len(f.Sessions), len(sessions))
	}
	offsets := map[string]int{}
	for i, s := range sessions {
		got := f.Sessions[i]
		if got.ID != s.ID || got.Title != s.Title || got.Description != s.Description || got.Kind != s.Kind ||
			got.URL != "http://confdesk.test/agenda/"+itoa64(s.ID) {
			t.Errorf("session %d: %+v", s.ID, got)
		}
		for _, tm := range []struct {
			value string
			want  time.Time
		}{{got.Start, s.StartsAt}, {got.End, s.EndsAt}} {
			parsed, err := time.Parse(time.RFC3339, tm.value)
			_, off := tm.want.In(miami).Zone()
			_, gotOff := parsed.Zone()
			if err != nil || !parsed.Equal(tm.want) || gotOff != off {
				t.Errorf("%s: %q, want %s", s.Title, tm.value, tm.want.In(miami).Format(time.RFC3339))
			}
			offsets[tm.value[len(tm.value)-6:]]++
		}
		if (s.Track == nil) != (got.Track == nil) || (s.Track != nil && *got.Track != s.Track.Slug) {
			t.Errorf("%s: track %v", s.Title, got.Track)
		}
		if (s.Room == nil) != (got.Room == nil) || (s.Room != nil && *got.Room != s.Room.Name) {
			t.Errorf("%s: room %v", s.Title, got.Room)
		}
		if len(got.Speakers) != len(s.Speakers) {
			t.Errorf("%s: %d speakers", s.Title, len(got.Speakers))
			continue
		}
		for j, sp := range s.Speakers {
			g := got.Speakers[j]
			wantCountry := sp.Country
			if g.Name != sp.Name || g.Title != sp.Title || g.Organisation != sp.Organisation || g.Role != sp.Role ||
				(g.Country == nil) != (wantCountry == "") || (g.Country != nil && *g.Country != wantCountry) {
				t.Errorf("%s: speaker %+v", s.Title, g)
			}
		}
	}
	if offsets["-05:00"] != 2 || offsets["-04:00"] != 2*(len(sessions)-1) {
		t.Errorf("offsets %v: want the Saturday session at -05:00 and the rest at -04:00", offsets)
	}
	if strings.Contains(res.Body, draftTitle) {
		t.Error("the draft is in the feed")
	}
}

// requireXmllint finds xmllint, or skips (fails under CI=true).
func requireXmllint(t *testing.T) string {
	t.Helper()
	return pdftest.Require(t, "xmllint", "libxml2-utils")
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestScheduleXML(t *testing.T) {
	env, _ := dstEnv(t)
	// Something for the escaper, and a session without room or track.
	addSession(t, env, model.Session{Title: `Q&A: "<who>" pays?`, Kind: model.KindBreak, Published: true,
		StartsAt: time.Date(2027, 3, 17, 16, 0, 0, 0, miami), EndsAt: time.Date(2027, 3, 17, 16, 20, 0, 0, miami)})
	res := env.Get("/schedule.xml")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/xml; charset=utf-8" {
		t.Fatalf("GET /schedule.xml = %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if strings.Contains(res.Body, draftTitle) {
		t.Error("the draft is in schedule.xml")
	}

	validateScheduleXML(t, res.Body)

	var doc struct {
		Days []struct {
			Index int    `xml:"index,attr"`
			Date  string `xml:"date,attr"`
			Rooms []struct {
				Name   string `xml:"name,attr"`
				Events []struct {
					ID       int64    `xml:"id,attr"`
					GUID     string   `xml:"guid,attr"`
					Date     string   `xml:"date"`
					Start    string   `xml:"start"`
					Duration string   `xml:"duration"`
					Room     string   `xml:"room"`
					Title    string   `xml:"title"`
					Track    string   `xml:"track"`
					Persons  []string `xml:"persons>person"`
				} `xml:"event"`
			} `xml:"room"`
		} `xml:"day"`
	}
	if err := xml.Unmarshal([]byte(res.Body), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[int64]model.Session{}
	ss, err := env.Store.Sessions(context.Background(), env.Conference.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		want[s.ID] = s
	}
	seen := map[int64]bool{}
	guids := map[string]bool{}
	for _, day := range doc.Days {
		for _, room := range day.Rooms {
			for _, ev := range room.Events {
				s, ok := want[ev.ID]
				if !ok {
					t.Errorf("event %d is not a published session", ev.ID)
					continue
				}
				seen[ev.ID] = true
				local := s.StartsAt.In(miami)
				if ev.Date != local.Format(time.RFC3339) || ev.Start != local.Format("15:04") || day.Date != local.Format("2006-01-02") {
					t.Errorf("%s: date %s start %s on day %s", s.Title, ev.Date, ev.Start, day.Date)
				}
				mins := int(s.EndsAt.Sub(s.StartsAt).Minutes())
				if ev.Duration != fmt.Sprintf("%02d:%02d", mins/60, mins%60) {
					t.Errorf("%s: duration %s", s.Title, ev.Duration)
				}
				if !uuidPattern.MatchString(ev.GUID) || guids[ev.GUID] {
					t.Errorf("%s: guid %q is not a fresh version-5 UUID", s.Title, ev.GUID)
				}
				guids[ev.GUID] = true
				if ev.Title != s.Title || len(ev.Persons) != len(s.Speakers) || ev.Room != room.Name {
					t.Errorf("%s: %+v", s.Title, ev)
				}
			}
		}
	}
	if len(seen) != len(want) {
		t.Errorf("%d events, want %d", len(seen), len(want))
	}
	if doc.Days[0].Date != "2027-03-13" || doc.Days[0].Rooms[0].Events[0].Date != "2027-03-13T10:00:00-05:00" {
		t.Errorf("the Saturday session: %+v", doc.Days[0])
	}
	// GUIDs stay the same from one export to the next, and depend on the site.
	if again := env.Get("/schedule.xml"); !strings.Contains(again.Body, doc.Days[0].Rooms[0].Events[0].GUID) {
		t.Error("GUIDs change between exports")
	}
}

func TestAgendaPDF(t *testing.T) {
	env, _ := dstEnv(t)
	res := env.Get("/agenda.pdf")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("GET /agenda.pdf = %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	pdf := []byte(res.Body)
	text := strings.Join(strings.Fields(pdftest.Text(t, pdf)), " ")
	for _, s := range published(t, env) {
		if !strings.Contains(text, strings.Join(strings.Fields(s.Title), " ")) {
			t.Errorf("the programme lacks %q", s.Title)
		}
	}
	if strings.Contains(text, draftTitle) {
		t.Error("the draft is in the programme")
	}
	pages := pdftest.Pages(t, pdf)
	for _, want := range []string{"Page 1 of " + strconv.Itoa(pages), "Page " + strconv.Itoa(pages) + " of " + strconv.Itoa(pages),
		"Saturday 13 March 2027", "Monday 15 March 2027", "Miami time (America/New_York)", "Riverwalk Conference Centre",
		"IOM Regional Office for North America and the Caribbean", "U.S. Department of State", "Prevention", "Désirée Baptiste (chair)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the programme lacks %q", want)
		}
	}
	info := pdftest.Info(t, pdf)
	if info["Page size"] != "595.28 x 841.89 pts (A4)" || !strings.Contains(info["Title"], "Programme") {
		t.Errorf("pdfinfo %v", info)
	}
}

package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// The schemas the schedules are held to, as voc/schedule publishes them
// (copies of ../shared/schemas, June 2026).
const (
	scheduleXSD        = "testdata/schedule.xml.xsd"
	scheduleJSONSchema = "testdata/schedule.json.schema.json"
)

// validateScheduleXML runs xmllint on body against the current XSD (skips
// without xmllint, fails under CI=true).
func validateScheduleXML(t *testing.T, body string) {
	t.Helper()
	tool := requireXmllint(t)
	file := filepath.Join(t.TempDir(), "schedule.xml")
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(tool, "--noout", "--schema", scheduleXSD, file)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out.String())
	}
}

// validateScheduleJSON checks body against the draft-06 JSON Schema, with
// its formats (uri, date, date-time, uuid) asserted.
func validateScheduleJSON(t *testing.T, body string) {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(scheduleJSONSchema)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("schedule.json against the schema: %v", err)
	}
}

// The validator itself: a schedule.json the schema refuses is refused.
func TestScheduleJSONSchemaRefuses(t *testing.T) {
	validate := func(body string) error {
		sch, err := jsonschema.NewCompiler().Compile(scheduleJSONSchema)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		return sch.Validate(doc)
	}
	env := webtest.New(t)
	body := env.Get("/schedule.json").Body
	if err := validate(body); err != nil {
		t.Fatalf("the demo's schedule.json: %v", err)
	}
	for _, bad := range []struct{ from, to string }{
		{`"acronym": "ctc_miami"`, `"acronym": "ctc-miami"`},
		{`"daysCount"`, `"days_count"`},
	} {
		if !strings.Contains(body, bad.from) {
			t.Fatalf("schedule.json lacks %s", bad.from)
		}
		if validate(strings.Replace(body, bad.from, bad.to, 1)) == nil {
			t.Errorf("the schema takes %s", bad.to)
		}
	}
}

// scheduleXMLDoc is what the tests read back from schedule.xml.
type scheduleXMLDoc struct {
	Generator struct {
		Name string `xml:"name,attr"`
	} `xml:"generator"`
	URL        string `xml:"url"`
	Conference struct {
		Acronym      string `xml:"acronym"`
		URL          string `xml:"url"`
		TimeZoneName string `xml:"time_zone_name"`
	} `xml:"conference"`
	Days []struct {
		Index int    `xml:"index,attr"`
		Date  string `xml:"date,attr"`
		Start string `xml:"start,attr"`
		End   string `xml:"end,attr"`
		Rooms []struct {
			Name   string `xml:"name,attr"`
			Events []struct {
				ID      int64  `xml:"id,attr"`
				GUID    string `xml:"guid,attr"`
				Slug    string `xml:"slug"`
				URL     string `xml:"url"`
				Room    string `xml:"room"`
				Title   string `xml:"title"`
				Persons []struct {
					GUID string `xml:"guid,attr"`
					Name string `xml:",chardata"`
				} `xml:"persons>person"`
				Attachments []struct {
					Href  string `xml:"href,attr"`
					Title string `xml:",chardata"`
				} `xml:"attachments>attachment"`
			} `xml:"event"`
		} `xml:"room"`
	} `xml:"day"`
}

// scheduleJSONDoc is what the tests read back from schedule.json.
type scheduleJSONDoc struct {
	Generator struct {
		Name string `json:"name"`
	} `json:"generator"`
	Schedule struct {
		Conference struct {
			Acronym      string `json:"acronym"`
			DaysCount    int    `json:"daysCount"`
			TimeZoneName string `json:"time_zone_name"`
			Rooms        []struct {
				Name, GUID string
			} `json:"rooms"`
			Days []struct {
				Index    int                            `json:"index"`
				Date     string                         `json:"date"`
				DayStart string                         `json:"day_start"`
				DayEnd   string                         `json:"day_end"`
				Rooms    map[string][]scheduleJSONEvent `json:"rooms"`
			} `json:"days"`
		} `json:"conference"`
	} `json:"schedule"`
}

type scheduleJSONEvent struct {
	ID      int64  `json:"id"`
	GUID    string `json:"guid"`
	Slug    string `json:"slug"`
	URL     string `json:"url"`
	Title   string `json:"title"`
	Room    string `json:"room"`
	Persons []struct {
		GUID string `json:"guid"`
		Name string `json:"name"`
	} `json:"persons"`
	Attachments []struct {
		URL   string `json:"url"`
		Title string `json:"title"`
	} `json:"attachments"`
}

// fetchSchedules gets both schedules, checks them against their schemas
// and reads them back.
func fetchSchedules(t *testing.T, env *webtest.Env, query string) (scheduleXMLDoc, scheduleJSONDoc) {
	t.Helper()
	x := env.Get("/schedule.xml" + query)
	if x.StatusCode != http.StatusOK {
		t.Fatalf("GET /schedule.xml%s = %d", query, x.StatusCode)
	}
	j := env.Get("/schedule.json" + query)
	if j.StatusCode != http.StatusOK || j.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET /schedule.json%s = %d %q", query, j.StatusCode, j.Header.Get("Content-Type"))
	}
	validateScheduleJSON(t, j.Body)
	validateScheduleXML(t, x.Body)
	var xd scheduleXMLDoc
	if err := xml.Unmarshal([]byte(x.Body), &xd); err != nil {
		t.Fatal(err)
	}
	var jd scheduleJSONDoc
	if err := json.Unmarshal([]byte(j.Body), &jd); err != nil {
		t.Fatal(err)
	}
	return xd, jd
}

var eventSlugPattern = regexp.MustCompile(`^[a-z0-9_]{4,}-[a-z0-9\-_]{4,}$`)

// checkSchedulesAgree holds the two schedules to each other: the same
// days with bounds, the same events under the same rooms with the same
// GUIDs, slugs, people and attachments; and every published session in them.
func checkSchedulesAgree(t *testing.T, env *webtest.Env, xd scheduleXMLDoc, jd scheduleJSONDoc) map[int64]scheduleJSONEvent {
	t.Helper()
	conf := jd.Schedule.Conference
	if xd.Conference.Acronym != conf.Acronym || len(xd.Days) != len(conf.Days) || conf.DaysCount != len(conf.Days) {
		t.Fatalf("acronyms %q %q, days %d %d %d", xd.Conference.Acronym, conf.Acronym, len(xd.Days), len(conf.Days), conf.DaysCount)
	}
	if xd.Generator.Name != "confdesk" || jd.Generator.Name != "confdesk" || !strings.HasSuffix(xd.URL, "/schedule.xml") ||
		xd.Conference.URL == "" || xd.Conference.TimeZoneName != "America/New_York" || conf.TimeZoneName != "America/New_York" {
		t.Errorf("generator, url or time zone: %+v %+v", xd.Generator, xd.Conference)
	}
	events := map[int64]scheduleJSONEvent{}
	for i, jday := range conf.Days {
		xday := xd.Days[i]
		if xday.Date != jday.Date || xday.Index != jday.Index || xday.Start != jday.DayStart || xday.End != jday.DayEnd ||
			xday.Start == "" || xday.End <= xday.Start {
			t.Errorf("day %d: xml %s %s–%s, json %s %s–%s", i+1, xday.Date, xday.Start, xday.End, jday.Date, jday.DayStart, jday.DayEnd)
		}
		n := 0
		for _, room := range xday.Rooms {
			jevents := jday.Rooms[room.Name]
			if len(jevents) != len(room.Events) {
				t.Errorf("%s, %s: %d events in xml, %d in json", xday.Date, room.Name, len(room.Events), len(jevents))
				continue
			}
			for k, xe := range room.Events {
				je := jevents[k]
				n++
				if xe.ID != je.ID || xe.GUID != je.GUID || xe.Slug != je.Slug || xe.URL != je.URL || xe.Room != room.Name ||
					je.Room != room.Name || len(xe.Persons) != len(je.Persons) || len(xe.Attachments) != len(je.Attachments) {
					t.Errorf("event %d: xml %+v json %+v", xe.ID, xe, je)
					continue
				}
				if !eventSlugPattern.MatchString(xe.Slug) || !strings.HasPrefix(xe.Slug, conf.Acronym+"-") {
					t.Errorf("event %d: slug %q", xe.ID, xe.Slug)
				}
				for p, person := range xe.Persons {
					if !uuidPattern.MatchString(person.GUID) || person.GUID != je.Persons[p].GUID || person.Name != je.Persons[p].Name {
						t.Errorf("event %d: person %+v / %+v", xe.ID, person, je.Persons[p])
					}
				}
				for a, att := range xe.Attachments {
					if att.Href != je.Attachments[a].URL || att.Title != je.Attachments[a].Title {
						t.Errorf("event %d: attachment %+v / %+v", xe.ID, att, je.Attachments[a])
					}
				}
				events[je.ID] = je
			}
		}
		if total := func() (c int) {
			for _, evs := range jday.Rooms {
				c += len(evs)
			}
			return c
		}(); total != n {
			t.Errorf("%s: %d events in json, %d in xml", jday.Date, total, n)
		}
	}
	ss, err := env.Store.Sessions(context.Background(), env.Conference.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != len(events) {
		t.Errorf("%d events, %d published sessions", len(events), len(ss))
	}
	for _, s := range ss {
		if e, ok := events[s.ID]; !ok || e.Title != s.Title {
			t.Errorf("session %d %q: %+v", s.ID, s.Title, e)
		}
	}
	return events
}

func TestSchedulesOfTheDemo(t *testing.T) {
	env, _ := dstEnv(t)
	xd, jd := fetchSchedules(t, env, "")
	events := checkSchedulesAgree(t, env, xd, jd)
	if jd.Schedule.Conference.Acronym != "ctc_miami" || len(events) == 0 {
		t.Errorf("acronym %q, %d events", jd.Schedule.Conference.Acronym, len(events))
	}
	for _, e := range events {
		if !strings.HasPrefix(e.Slug, "ctc_miami-") || len(e.Attachments) != 0 {
			t.Errorf("event %d: slug %q, attachments %v", e.ID, e.Slug, e.Attachments)
		}
	}
	// The feed headers are those of the other feeds.
	res := env.Get("/schedule.json")
	if res.Header.Get("Access-Control-Allow-Origin") != "*" || res.Header.Get("ETag") == "" {
		t.Errorf("headers %v", res.Header)
	}
	if strings.Contains(res.Body, draftTitle) {
		t.Error("the draft is in schedule.json")
	}
}

// accentedSpeaker has a name for the encoders and the XML parser.
const accentedSpeaker = "Zoë Ñúñez-Håkansson"

// TestSchedulesOfAnAwkwardConference: a two-letter short name, a day
// without sessions, a session without a room, a speaker with an accented
// name, and documents: two public ones (a file, a link) and one for
// participants only, which never shows.
func TestSchedulesOfAnAwkwardConference(t *testing.T) {
	env := webtest.New(t)
	loadDemoAgenda(t, env)
	// Two more days after the demo's three, with nothing on them.
	setConference(t, env, `short_name = 'CT', end_date = '2027-03-19'`)
	ctx := context.Background()
	now := env.Clock.Now()
	var speaker, roomless int64
	var fileDoc, linkDoc int64
	err := env.Store.Update(ctx, func(tx *store.Tx) error {
		var err error
		if speaker, err = tx.CreateSpeaker(model.Speaker{ConferenceID: env.Conference.ID, Name: accentedSpeaker}); err != nil {
			return err
		}
		roomless, err = tx.CreateSession(model.Session{ConferenceID: env.Conference.ID, Kind: model.KindPanel,
			Title: "Ñ", Description: "Pequeña sesión <sin> sala & sin pista.", Published: true, CreatedAt: now,
			StartsAt: time.Date(2027, 3, 17, 17, 0, 0, 0, miami), EndsAt: time.Date(2027, 3, 17, 18, 0, 0, 0, miami),
			Speakers: []model.SessionSpeaker{{Speaker: model.Speaker{ID: speaker}, Role: model.RoleModerator}}})
		if err != nil {
			return err
		}
		doc := model.SessionDocument{ConferenceID: env.Conference.ID, SessionID: roomless, Language: "es",
			CreatedAt: now, UpdatedAt: now}
		f := doc
		f.Title, f.Visibility, f.StoredName, f.OriginalName, f.ContentType, f.Size, f.SHA256 =
			"Nota conceptual", model.DocumentPublic, "a1b2c3.pdf", "nota.pdf", "application/pdf", 10, strings.Repeat("0", 64)
		if fileDoc, err = tx.CreateSessionDocument(f); err != nil {
			return err
		}
		l := doc
		l.Title, l.Visibility, l.URL, l.Position = "Grabación", model.DocumentPublic, "https://video.example.org/ct/1", 1
		if linkDoc, err = tx.CreateSessionDocument(l); err != nil {
			return err
		}
		p := doc
		p.Title, p.Visibility, p.StoredName, p.OriginalName, p.ContentType, p.Size, p.SHA256, p.Position =
			"Borrador interno", model.DocumentParticipants, "d4e5f6.pdf", "borrador.pdf", "application/pdf", 10, strings.Repeat("1", 64), 2
		_, err = tx.CreateSessionDocument(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	xd, jd := fetchSchedules(t, env, "")
	events := checkSchedulesAgree(t, env, xd, jd)
	conf := jd.Schedule.Conference
	if conf.Acronym != "ct_2027" {
		t.Errorf("acronym %q, want ct_2027", conf.Acronym)
	}
	// The days without sessions: the whole day, midnight to midnight in Miami.
	if len(conf.Days) != 5 {
		t.Fatalf("%d days, want 5", len(conf.Days))
	}
	for i, want := range []string{"2027-03-18", "2027-03-19"} {
		d := conf.Days[3+i]
		next := strings.Replace(want, want[8:], map[string]string{"18": "19", "19": "20"}[want[8:]], 1)
		if d.Date != want || len(d.Rooms) != 0 || d.DayStart != want+"T00:00:00-04:00" || d.DayEnd != next+"T00:00:00-04:00" {
			t.Errorf("day %s: %+v", want, d)
		}
	}
	// The session without a room is under the venue's name.
	e, ok := events[roomless]
	if !ok {
		t.Fatal("the session without a room is missing")
	}
	if e.Room != env.Conference.Venue || e.Slug != "ct_2027-"+itoa64(roomless)+"-n" && e.Slug != "ct_2027-"+itoa64(roomless)+"-session-n" {
		t.Errorf("room %q (venue %q), slug %q", e.Room, env.Conference.Venue, e.Slug)
	}
	if len(e.Persons) != 1 || e.Persons[0].Name != accentedSpeaker || !uuidPattern.MatchString(e.Persons[0].GUID) {
		t.Errorf("persons %+v", e.Persons)
	}
	// Public documents only, at their public addresses; a link at its own.
	base := strings.TrimSuffix(e.URL, "/agenda/"+itoa64(roomless))
	wantFile := base + "/agenda/sessions/" + itoa64(roomless) + "/documents/" + itoa64(fileDoc)
	if len(e.Attachments) != 2 || e.Attachments[0].URL != wantFile || e.Attachments[0].Title != "Nota conceptual" ||
		e.Attachments[1].URL != "https://video.example.org/ct/1" || e.Attachments[1].Title != "Grabación" {
		t.Errorf("attachments %+v, want %s and the link (document %d)", e.Attachments, wantFile, linkDoc)
	}
	for _, path := range []string{"/schedule.xml", "/schedule.json"} {
		if body := env.Get(path).Body; strings.Contains(body, "Borrador interno") || strings.Contains(body, "d4e5f6") {
			t.Errorf("%s lists the participants' document", path)
		}
	}
	// A person's GUID is the same in every session and every export.
	again, _ := fetchSchedules(t, env, "?lang=fr")
	found := false
	for _, d := range again.Days {
		for _, r := range d.Rooms {
			for _, ev := range r.Events {
				for _, p := range ev.Persons {
					if p.Name == accentedSpeaker {
						found = p.GUID == e.Persons[0].GUID
					}
				}
			}
		}
	}
	if !found {
		t.Error("the speaker's GUID differs between exports")
	}
}

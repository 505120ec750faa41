package agenda

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"time"

	"confdesk/internal/model"
)

// /schedule.json is the schedule of schedule.xml in the c3voc JSON format,
// as pretalx writes it, held to the draft-06 JSON Schema from voc/schedule
// (internal/web/testdata/schedule.json.schema.json).

// ScheduleSchema is the schema a schedule.json names as its own.
const ScheduleSchema = "https://c3voc.de/schedule/schema.json"

type jsonSchedule struct {
	Schema    string        `json:"$schema"`
	Generator jsonGenerator `json:"generator"`
	Schedule  jsonBody      `json:"schedule"`
}

type jsonGenerator struct {
	Name string `json:"name"`
}

type jsonBody struct {
	URL        string         `json:"url"`
	Version    string         `json:"version"`
	BaseURL    string         `json:"base_url"`
	Conference jsonConference `json:"conference"`
}

type jsonConference struct {
	Acronym          string      `json:"acronym"`
	Title            string      `json:"title"`
	Start            string      `json:"start"` // YYYY-MM-DD
	End              string      `json:"end"`
	DaysCount        int         `json:"daysCount"`
	TimeslotDuration string      `json:"timeslot_duration"`
	TimeZoneName     string      `json:"time_zone_name,omitempty"`
	URL              string      `json:"url"`
	Tracks           []jsonTrack `json:"tracks"`
	Rooms            []jsonRoom  `json:"rooms"`
	Days             []jsonDay   `json:"days"`
}

type jsonTrack struct {
	Name  string `json:"name"`
	Slug  string `json:"slug,omitempty"`
	Color string `json:"color,omitempty"`
}

type jsonRoom struct {
	Name string `json:"name"`
	GUID string `json:"guid"`
}

type jsonDay struct {
	Index    int          `json:"index"`
	Date     string       `json:"date"`
	DayStart string       `json:"day_start"`
	DayEnd   string       `json:"day_end"`
	Rooms    jsonDayRooms `json:"rooms"`
}

// jsonDayRooms is a day's events by room name, an object whose keys keep
// the rooms' order (encoding/json would sort a map's).
type jsonDayRooms []jsonDayRoom

type jsonDayRoom struct {
	Name   string
	Events []jsonEvent
}

func (rs jsonDayRooms) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, r := range rs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(r.Name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(r.Events)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

type jsonEvent struct {
	GUID        string          `json:"guid"`
	ID          int64           `json:"id"`
	Date        string          `json:"date"`  // RFC 3339 with offset
	Start       string          `json:"start"` // HH:MM
	End         string          `json:"end"`   // RFC 3339 with offset
	Duration    string          `json:"duration"`
	Room        string          `json:"room"`
	Slug        string          `json:"slug"`
	URL         string          `json:"url"`
	Title       string          `json:"title"`
	Subtitle    string          `json:"subtitle"`
	Track       *string         `json:"track"`
	Type        string          `json:"type"`
	Language    string          `json:"language"`
	Abstract    string          `json:"abstract"`
	Description string          `json:"description"`
	Persons     []jsonPerson    `json:"persons"`
	Links       []jsonReference `json:"links"`
	Attachments []jsonReference `json:"attachments"`
}

// jsonPerson is a speaker as pretalx writes one (the schema's PretalxPerson:
// "name", no numeric id), with public_name for readers of frab's files.
type jsonPerson struct {
	GUID       string `json:"guid"`
	Name       string `json:"name"`
	PublicName string `json:"public_name"`
}

type jsonReference struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	Type  string `json:"type,omitempty"`
}

// zoneNamePattern is what the schema accepts as time_zone_name (sic: the
// alternation leaves the first branch unanchored at the end).
var zoneNamePattern = regexp.MustCompile(`^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$`)

// slugPattern is the schema's pattern for track slugs.
var slugPattern = regexp.MustCompile(`^[a-z0-9_-]+[a-z0-9]$`)

// ScheduleJSON builds /schedule.json, with the sessions' public documents
// as attachments, as ScheduleXML does. The time zone's name is left out when the
// schema's pattern would refuse it (Etc/GMT+5); the times carry offsets.
func (p Programme) ScheduleJSON() ([]byte, error) {
	c := p.Conference
	loc := c.Location()
	days := p.scheduleDays()
	conf := jsonConference{Acronym: Acronym(c), Title: c.Name, Start: c.StartDate, End: c.EndDate,
		DaysCount: len(days), TimeslotDuration: timeslotDuration, URL: p.URL("/"),
		Tracks: []jsonTrack{}, Rooms: []jsonRoom{}, Days: []jsonDay{}}
	if zoneNamePattern.MatchString(c.TimeZone) {
		conf.TimeZoneName = c.TimeZone
	}
	for _, t := range p.Tracks {
		jt := jsonTrack{Name: t.Name, Color: t.Colour}
		if slugPattern.MatchString(t.Slug) {
			jt.Slug = t.Slug
		}
		conf.Tracks = append(conf.Tracks, jt)
	}
	seen := map[string]bool{}
	for _, d := range days {
		jd := jsonDay{Index: d.Number, Date: d.Date.Format(time.DateOnly),
			DayStart: d.Start.Format(time.RFC3339), DayEnd: d.End.Format(time.RFC3339), Rooms: jsonDayRooms{}}
		for _, r := range d.Rooms {
			if !seen[r.GUID] {
				seen[r.GUID] = true
				conf.Rooms = append(conf.Rooms, jsonRoom{Name: r.Name, GUID: r.GUID})
			}
			jr := jsonDayRoom{Name: r.Name, Events: []jsonEvent{}}
			for _, s := range r.Sessions {
				jr.Events = append(jr.Events, p.jsonEvent(s, r.Name, loc, p.Documents[s.ID]))
			}
			jd.Rooms = append(jd.Rooms, jr)
		}
		conf.Days = append(conf.Days, jd)
	}
	doc := jsonSchedule{Schema: ScheduleSchema, Generator: jsonGenerator{Name: Generator},
		Schedule: jsonBody{URL: p.URL("/schedule.json"), Version: p.Updated().Format(time.RFC3339),
			BaseURL: p.URL("/"), Conference: conf}}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("agenda: schedule.json: %w", err)
	}
	return append(b, '\n'), nil
}

func (p Programme) jsonEvent(s model.Session, room string, loc *time.Location, docs []model.SessionDocument) jsonEvent {
	start := s.StartsAt.In(loc)
	page := p.URL(SessionPath(s.ID))
	e := jsonEvent{
		GUID:        p.SessionUUID(s.ID),
		ID:          s.ID,
		Date:        start.Format(time.RFC3339),
		Start:       start.Format("15:04"),
		End:         s.EndsAt.In(loc).Format(time.RFC3339),
		Duration:    hhmm(s.EndsAt.Sub(s.StartsAt)),
		Room:        room,
		Slug:        p.EventSlug(s),
		URL:         page,
		Title:       s.Title,
		Type:        s.Kind,
		Language:    p.sessionLanguage(s),
		Abstract:    s.Description,
		Description: s.Description,
		Persons:     []jsonPerson{},
		Links:       []jsonReference{{URL: page, Title: p.locale().T("agenda.export.session_page"), Type: "web"}},
		Attachments: []jsonReference{},
	}
	if s.Track != nil {
		e.Track = &s.Track.Name
	}
	for _, sp := range s.Speakers {
		e.Persons = append(e.Persons, jsonPerson{GUID: p.PersonUUID(sp.ID), Name: sp.Name, PublicName: sp.Name})
	}
	for _, a := range p.Attachments(docs) {
		e.Attachments = append(e.Attachments, jsonReference{URL: a.URL, Title: a.Title})
	}
	return e
}

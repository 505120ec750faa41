package agenda

import (
	"bytes"
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/model"
)

// The c3voc schedule format, read by Giggity, EventFahrplan, ConfClerk and
// the c3voc tools, as /schedule.xml (this file) and /schedule.json
// (schedule_json.go). Both are built from the same scheduleDays, so they
// list the same days, rooms and events with the same slugs and GUIDs. The
// schemas they are held to are in internal/web/testdata (from voc/schedule).

// Generator is what the exports name as the software that wrote them.
const Generator = "confdesk"

// timeslotDuration is the grid the format asks for; confdesk has none, the
// console's time pickers step by a quarter of an hour.
const timeslotDuration = "00:15"

type xmlSchedule struct {
	XMLName    xml.Name      `xml:"schedule"`
	Generator  xmlGenerator  `xml:"generator"`
	URL        string        `xml:"url"`
	Version    string        `xml:"version"`
	Conference xmlConference `xml:"conference"`
	Days       []xmlDay      `xml:"day"`
}

type xmlGenerator struct {
	Name   string `xml:"name,attr"`
	System string `xml:"system,attr"`
}

type xmlConference struct {
	Title            string `xml:"title"`
	Acronym          string `xml:"acronym"`
	Start            string `xml:"start"` // xs:date
	End              string `xml:"end"`
	Days             int    `xml:"days"`
	TimeslotDuration string `xml:"timeslot_duration"`
	BaseURL          string `xml:"base_url"`
	URL              string `xml:"url"`
	TimeZoneName     string `xml:"time_zone_name,omitempty"`
}

type xmlDay struct {
	Index int       `xml:"index,attr"`
	Date  string    `xml:"date,attr"`
	Start string    `xml:"start,attr"` // xs:dateTime with offset
	End   string    `xml:"end,attr"`
	Rooms []xmlRoom `xml:"room"`
}

type xmlRoom struct {
	Name   string     `xml:"name,attr"`
	GUID   string     `xml:"guid,attr"`
	Events []xmlEvent `xml:"event"`
}

// Elements of an event form an xs:all group, so their order is free; those
// the XSD requires are always written, empty when we have nothing for them
// (subtitle; track for breaks).
type xmlEvent struct {
	ID          int64           `xml:"id,attr"`
	GUID        string          `xml:"guid,attr"`
	Date        string          `xml:"date"`     // xs:dateTime with offset
	Start       string          `xml:"start"`    // HH:MM
	Duration    string          `xml:"duration"` // HH:MM
	Room        string          `xml:"room"`
	Slug        string          `xml:"slug"`
	URL         string          `xml:"url"`
	Title       string          `xml:"title"`
	Subtitle    string          `xml:"subtitle"`
	Track       string          `xml:"track"`
	Type        string          `xml:"type"`
	Language    string          `xml:"language"`
	Abstract    string          `xml:"abstract"`
	Description string          `xml:"description"`
	Persons     []xmlPerson     `xml:"persons>person"`
	Links       []xmlLink       `xml:"links>link"`
	Attachments *xmlAttachments `xml:"attachments"` // nil when there are none
}

type xmlPerson struct {
	ID   int64  `xml:"id,attr"`
	GUID string `xml:"guid,attr"`
	Name string `xml:",chardata"`
}

type xmlLink struct {
	Href string `xml:"href,attr"`
	Text string `xml:",chardata"`
}

type xmlAttachments struct {
	Items []xmlAttachment `xml:"attachment"`
}

type xmlAttachment struct {
	Href  string `xml:"href,attr"`
	Title string `xml:",chardata"`
}

// scheduleDay is a day of the schedule as both formats list it.
type scheduleDay struct {
	Day
	Start, End time.Time
	Rooms      []scheduleRoom
}

// scheduleRoom is a room of a day with its sessions, in time order.
type scheduleRoom struct {
	Name, GUID string
	Sessions   []model.Session
}

// Attachment is a public document of a session as the schedules list it.
type Attachment struct {
	Title, URL string
}

// scheduleDays is every day of the programme (Days) with its bounds and its
// sessions by room. A day's start and end are those of its first and last
// session; a day without sessions spans the whole conference day, midnight
// to midnight in the conference's zone. Sessions without a room are listed
// under the venue's name (the conference's name when it has no venue),
// since the format puts every event in a room; the rooms come in the
// organisers' order, the venue last.
func (p Programme) scheduleDays() []scheduleDay {
	loc := p.Conference.Location()
	roomOrder := map[string]int{}
	for i, r := range p.Rooms {
		roomOrder[r.Name] = i
	}
	var out []scheduleDay
	for _, d := range p.Days() {
		sd := scheduleDay{Day: d, Start: d.Date.In(loc), End: d.Date.In(loc).AddDate(0, 0, 1)}
		byRoom := map[string]int{}
		for i, s := range d.Sessions {
			if i == 0 { // sessions come in time order
				sd.Start, sd.End = s.StartsAt.In(loc), s.EndsAt.In(loc)
			}
			if s.EndsAt.After(sd.End) {
				sd.End = s.EndsAt.In(loc)
			}
			name, key := p.venueName(), "venue"
			if s.Room != nil {
				name, key = s.Room.Name, "room-"+strconv.FormatInt(s.Room.ID, 10)
			}
			j, ok := byRoom[name]
			if !ok {
				j = len(sd.Rooms)
				byRoom[name] = j
				sd.Rooms = append(sd.Rooms, scheduleRoom{Name: name, GUID: p.nameUUID(p.URL("/agenda#" + key))})
			}
			sd.Rooms[j].Sessions = append(sd.Rooms[j].Sessions, s)
		}
		pos := func(r scheduleRoom) int {
			if i, ok := roomOrder[r.Name]; ok {
				return i
			}
			return len(roomOrder)
		}
		slices.SortStableFunc(sd.Rooms, func(a, b scheduleRoom) int { return pos(a) - pos(b) })
		out = append(out, sd)
	}
	return out
}

// venueName is the room of the sessions that have none.
func (p Programme) venueName() string {
	if p.Conference.Venue != "" {
		return p.Conference.Venue
	}
	return p.Conference.Name
}

// ScheduleXML builds /schedule.xml; the sessions' public documents
// (Programme.Documents) are listed as attachments.
func (p Programme) ScheduleXML() ([]byte, error) {
	c := p.Conference
	days := p.scheduleDays()
	doc := xmlSchedule{
		Generator: xmlGenerator{Name: Generator, System: p.host()},
		URL:       p.URL("/schedule.xml"),
		Version:   p.Updated().Format(time.RFC3339),
		Conference: xmlConference{Title: c.Name, Acronym: Acronym(c), Start: c.StartDate, End: c.EndDate,
			Days: len(days), TimeslotDuration: timeslotDuration, BaseURL: p.URL("/"), URL: p.URL("/"),
			TimeZoneName: c.TimeZone},
	}
	for _, d := range days {
		xd := xmlDay{Index: d.Number, Date: d.Date.Format(time.DateOnly),
			Start: d.Start.Format(time.RFC3339), End: d.End.Format(time.RFC3339)}
		for _, r := range d.Rooms {
			xr := xmlRoom{Name: r.Name, GUID: r.GUID}
			for _, s := range r.Sessions {
				xr.Events = append(xr.Events, p.xmlEvent(s, r.Name, p.Documents[s.ID]))
			}
			xd.Rooms = append(xd.Rooms, xr)
		}
		doc.Days = append(doc.Days, xd)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("agenda: schedule.xml: %w", err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

func (p Programme) xmlEvent(s model.Session, room string, docs []model.SessionDocument) xmlEvent {
	loc := p.Conference.Location()
	start := s.StartsAt.In(loc)
	e := xmlEvent{
		ID:          s.ID,
		GUID:        p.SessionUUID(s.ID),
		Date:        start.Format(time.RFC3339),
		Start:       start.Format("15:04"),
		Duration:    hhmm(s.EndsAt.Sub(s.StartsAt)),
		Room:        room,
		Slug:        p.EventSlug(s),
		URL:         p.URL(SessionPath(s.ID)),
		Title:       s.Title,
		Type:        s.Kind,
		Language:    p.sessionLanguage(s),
		Abstract:    s.Description,
		Description: s.Description,
		Links:       []xmlLink{{Href: p.URL(SessionPath(s.ID)), Text: p.locale().T("agenda.export.session_page")}},
	}
	if s.Track != nil {
		e.Track = s.Track.Name
	}
	for _, sp := range s.Speakers {
		e.Persons = append(e.Persons, xmlPerson{ID: sp.ID, GUID: p.PersonUUID(sp.ID), Name: sp.Name})
	}
	if as := p.Attachments(docs); len(as) > 0 {
		e.Attachments = &xmlAttachments{}
		for _, a := range as {
			e.Attachments.Items = append(e.Attachments.Items, xmlAttachment{Href: a.URL, Title: a.Title})
		}
	}
	return e
}

// Acronym is the conference's acronym in the schedules, the first part of
// every event's slug: its short name folded to lowercase ASCII as Slug
// folds it ("Protección" → "proteccion"), with "_" between words ("CTC
// Miami" → "ctc_miami"), since both schemas want [a-z0-9_] there and four
// characters at least. A shorter one takes the year of the first day ("CT"
// → "ct_2027"). A short name with no Latin letters or digits gives way to
// the site's slug (never translated, unlike the name), and without one
// either the acronym is "conf" and the year. At most 32 characters. It
// depends only on the short name (or slug) and the year, so it is the same
// in every language and stays while those do.
func Acronym(c model.Conference) string {
	name := c.ShortName
	if Slug(name) == "" {
		name = c.Slug
	}
	a := strings.ReplaceAll(Slug(name), "-", "_")
	if len(a) > 32 {
		a = strings.TrimRight(a[:32], "_")
	}
	year := ""
	if len(c.StartDate) >= 4 {
		year = c.StartDate[:4]
	}
	switch {
	case a == "":
		a = "conf" + year
	case len(a) < 4 && year != "":
		a += "_" + year
	}
	for len(a) < 4 {
		a += "_"
	}
	return a
}

// EventSlug is a session's slug in the schedules: the acronym, its id and
// its English title as Slug makes it (cut to 60 characters at a word), as
// pretalx writes them: "ctc_miami-12-opening-plenary"; the same in every
// language. A title with nothing left
// once folded is "session"; so is a title too short to give the four
// characters the XSD wants after the first hyphen ("ctc_miami-7-session-ai").
func (p Programme) EventSlug(s model.Session) string {
	title := s.Title
	if en, ok := p.englishTitles[s.ID]; ok {
		title = en
	}
	words := Slug(title)
	if len(words) > 60 {
		words = words[:60]
		if i := strings.LastIndexByte(words, '-'); i > 0 {
			words = words[:i]
		}
	}
	id := strconv.FormatInt(s.ID, 10)
	switch {
	case words == "":
		words = "session"
	case len(id)+1+len(words) < 4:
		words = "session-" + words
	}
	return Acronym(p.Conference) + "-" + id + "-" + words
}

// Attachments are a session's public documents for the schedules: a file at
// its public address, a link at its own (one that is not an absolute http
// or https address is left out: readers could not open it). Documents for
// participants only are never passed here.
func (p Programme) Attachments(docs []model.SessionDocument) []Attachment {
	var out []Attachment
	for _, d := range docs {
		if d.Visibility != model.DocumentPublic {
			continue
		}
		if d.IsLink() {
			u, err := url.Parse(d.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				continue
			}
		}
		out = append(out, Attachment{Title: d.Title, URL: p.DocumentURL(d)})
	}
	return out
}

// hhmm formats a duration as the format's HH:MM; 99:59 at most.
func hhmm(d time.Duration) string {
	m := min(int(d.Minutes()), 99*60+59)
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// urlNamespace is RFC 4122's namespace for names that are URLs.
var urlNamespace = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// SessionUUID is a session's stable GUID: a name-based (version 5, SHA-1)
// UUID of its page's URL, so the same session on the same site always has
// the same one, and two sites never share one.
func (p Programme) SessionUUID(id int64) string {
	return p.nameUUID(p.URL(SessionPath(id)))
}

// PersonUUID is a speaker's stable GUID, made as the schema suggests for
// people (a version-5 UUID of an "acct:" URI in the URL namespace), from
// the speaker's id and the site's host rather than an e-mail address:
// "acct:speaker-12@example.org". It stays through every edit of the
// speaker, and two sites never share one.
func (p Programme) PersonUUID(id int64) string {
	return p.nameUUID("acct:speaker-" + strconv.FormatInt(id, 10) + "@" + p.host())
}

// nameUUID is the version-5 UUID of name in the URL namespace.
func (p Programme) nameUUID(name string) string {
	h := sha1.New()
	h.Write(urlNamespace[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

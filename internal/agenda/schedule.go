package agenda

import (
	"bytes"
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"time"

	"confdesk/internal/model"
)

// The frab schedule format (/schedule.xml), read by Giggity, ConfClerk and
// the c3voc tools, as its XSD (testdata/schedule.xml.xsd in internal/web)
// defines it. Elements of an event form an xs:all group, so their order is
// free; those the XSD requires are always written, empty when we have
// nothing for them (subtitle; track for breaks).

type xmlSchedule struct {
	XMLName    xml.Name      `xml:"schedule"`
	Version    string        `xml:"version"`
	Conference xmlConference `xml:"conference"`
	Days       []xmlDay      `xml:"day"`
}

type xmlConference struct {
	Title            string `xml:"title"`
	Acronym          string `xml:"acronym"`
	Start            string `xml:"start"` // xs:date
	End              string `xml:"end"`
	Days             int    `xml:"days"`
	TimeslotDuration string `xml:"timeslot_duration"`
}

type xmlDay struct {
	Index int       `xml:"index,attr"`
	Date  string    `xml:"date,attr"`
	Start string    `xml:"start,attr,omitempty"` // xs:dateTime with offset
	End   string    `xml:"end,attr,omitempty"`
	Rooms []xmlRoom `xml:"room"`
}

type xmlRoom struct {
	Name   string     `xml:"name,attr"`
	Events []xmlEvent `xml:"event"`
}

type xmlEvent struct {
	ID          int64       `xml:"id,attr"`
	GUID        string      `xml:"guid,attr"`
	Date        string      `xml:"date"`     // xs:dateTime with offset
	Start       string      `xml:"start"`    // HH:MM
	Duration    string      `xml:"duration"` // HH:MM
	Room        string      `xml:"room"`
	Slug        string      `xml:"slug"`
	Title       string      `xml:"title"`
	Subtitle    string      `xml:"subtitle"`
	Track       string      `xml:"track"`
	Type        string      `xml:"type"`
	Language    string      `xml:"language"`
	Abstract    string      `xml:"abstract"`
	Description string      `xml:"description"`
	Persons     []xmlPerson `xml:"persons>person"`
	Links       []xmlLink   `xml:"links>link"`
}

type xmlPerson struct {
	ID   int64  `xml:"id,attr"`
	Name string `xml:",chardata"`
}

type xmlLink struct {
	Href string `xml:"href,attr"`
	Text string `xml:",chardata"`
}

// ScheduleXML builds /schedule.xml. Sessions without a room are listed
// under the venue's name, since the format puts every event in a room.
func (p Programme) ScheduleXML() ([]byte, error) {
	c := p.Conference
	loc := c.Location()
	days := p.Days()
	doc := xmlSchedule{
		Version: p.Updated().Format(time.RFC3339),
		Conference: xmlConference{Title: c.Name, Acronym: c.Slug, Start: c.StartDate, End: c.EndDate,
			Days: len(days), TimeslotDuration: "00:15"},
	}
	roomOrder := map[string]int{}
	for i, r := range p.Rooms {
		roomOrder[r.Name] = i
	}
	venue := c.Venue
	if venue == "" {
		venue = c.Name
	}
	for _, d := range days {
		xd := xmlDay{Index: d.Number, Date: d.Date.Format(time.DateOnly)}
		byRoom := map[string]int{}
		var last time.Time
		for _, s := range d.Sessions {
			if xd.Start == "" { // sessions come in time order
				xd.Start = s.StartsAt.In(loc).Format(time.RFC3339)
			}
			if s.EndsAt.After(last) {
				last = s.EndsAt
				xd.End = last.In(loc).Format(time.RFC3339)
			}
			room := venue
			if s.Room != nil {
				room = s.Room.Name
			}
			i, ok := byRoom[room]
			if !ok {
				i = len(xd.Rooms)
				byRoom[room] = i
				xd.Rooms = append(xd.Rooms, xmlRoom{Name: room})
			}
			xd.Rooms[i].Events = append(xd.Rooms[i].Events, p.xmlEvent(s, room))
		}
		sortRooms(xd.Rooms, roomOrder)
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

// sortRooms puts the rooms in the organisers' order; rooms not in it (the
// venue, for sessions without a room) go last.
func sortRooms(rooms []xmlRoom, order map[string]int) {
	pos := func(r xmlRoom) int {
		if i, ok := order[r.Name]; ok {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(rooms, func(a, b xmlRoom) int { return pos(a) - pos(b) })
}

func (p Programme) xmlEvent(s model.Session, room string) xmlEvent {
	loc := p.Conference.Location()
	start := s.StartsAt.In(loc)
	e := xmlEvent{
		ID:          s.ID,
		GUID:        p.SessionUUID(s.ID),
		Date:        start.Format(time.RFC3339),
		Start:       start.Format("15:04"),
		Duration:    hhmm(s.EndsAt.Sub(s.StartsAt)),
		Room:        room,
		Slug:        p.Conference.Slug + "-" + strconv.FormatInt(s.ID, 10) + "-" + Slug(s.Title),
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
		e.Persons = append(e.Persons, xmlPerson{ID: sp.ID, Name: sp.Name})
	}
	return e
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
	h := sha1.New()
	h.Write(urlNamespace[:])
	h.Write([]byte(p.URL(SessionPath(id))))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

package agenda

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"confdesk/internal/model"
)

// Feed is /agenda.json, documented in README.md ("Public data feeds").
// Every field is always present; absent values are null, lists are [].
type Feed struct {
	Conference FeedConference `json:"conference"`
	Tracks     []FeedTrack    `json:"tracks"`
	Rooms      []FeedRoom     `json:"rooms"`
	Sessions   []FeedSession  `json:"sessions"`
}

// FeedConference is the conference's facts in the feed.
type FeedConference struct {
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	StartDate string `json:"start_date"` // YYYY-MM-DD
	EndDate   string `json:"end_date"`   // YYYY-MM-DD, the last day
	TimeZone  string `json:"time_zone"`  // IANA name
	Venue     string `json:"venue"`
	City      string `json:"city"`
	URL       string `json:"url"`
	// Language is the feed's language (?lang=): that of its texts where
	// organisers translated them.
	Language string `json:"language"`
}

// FeedTrack is a track in the feed.
type FeedTrack struct {
	Slug   string `json:"slug"`
	Name   string `json:"name"`
	Colour string `json:"colour"` // #rrggbb
}

// FeedRoom is a room in the feed.
type FeedRoom struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Capacity int    `json:"capacity"` // seats; 0 when not known
}

// FeedSession is a published session in the feed.
type FeedSession struct {
	ID          int64         `json:"id"`
	Title       string        `json:"title"`
	Description string        `json:"description"`
	Track       *string       `json:"track"` // a track's slug
	Kind        string        `json:"kind"`
	Room        *string       `json:"room"` // a room's name
	Start       string        `json:"start"`
	End         string        `json:"end"`
	Speakers    []FeedSpeaker `json:"speakers"`
	URL         string        `json:"url"`
	// Language is the language of the title and description: the feed's
	// where translated, else English ("en").
	Language string `json:"language"`
	// Attachments are the session's public documents.
	Attachments []FeedAttachment `json:"attachments"`
}

// FeedAttachment is a public document of a session in the feed.
type FeedAttachment struct {
	Title    string `json:"title"`
	URL      string `json:"url"`      // absolute: the file's public address, or the link itself
	Language string `json:"language"` // the document's own language
	Type     string `json:"type"`     // the file's content type, or "link"
}

// FeedSpeaker is a speaker's part in a session.
type FeedSpeaker struct {
	Name         string  `json:"name"`
	Title        string  `json:"title"`
	Organisation string  `json:"organisation"`
	Country      *string `json:"country"` // ISO 3166-1 alpha-2
	Role         string  `json:"role"`    // speaker, moderator or chair
}

// Feed builds the JSON feed. Times are RFC 3339 with the conference's
// offset on that day (-05:00 or -04:00 in Miami), so a reader needs no
// time-zone database to show wall-clock times.
func (p Programme) Feed() Feed {
	c := p.Conference
	loc := c.Location()
	f := Feed{
		Conference: FeedConference{Name: c.Name, ShortName: c.ShortName, StartDate: c.StartDate, EndDate: c.EndDate,
			TimeZone: c.TimeZone, Venue: c.Venue, City: c.City, URL: p.URL("/"), Language: p.locale().Code},
		Tracks:   []FeedTrack{},
		Rooms:    []FeedRoom{},
		Sessions: []FeedSession{},
	}
	for _, t := range p.Tracks {
		f.Tracks = append(f.Tracks, FeedTrack{Slug: t.Slug, Name: t.Name, Colour: t.Colour})
	}
	for _, r := range p.Rooms {
		f.Rooms = append(f.Rooms, FeedRoom{ID: r.ID, Name: r.Name, Capacity: r.Capacity})
	}
	for _, s := range p.Sessions {
		fs := FeedSession{ID: s.ID, Title: s.Title, Description: s.Description, Kind: s.Kind,
			Start: s.StartsAt.In(loc).Format(time.RFC3339), End: s.EndsAt.In(loc).Format(time.RFC3339),
			Speakers: []FeedSpeaker{}, URL: p.URL(SessionPath(s.ID)), Language: p.sessionLanguage(s),
			Attachments: []FeedAttachment{}}
		if s.Track != nil {
			fs.Track = &s.Track.Slug
		}
		if s.Room != nil {
			fs.Room = &s.Room.Name
		}
		for _, sp := range s.Speakers {
			fsp := FeedSpeaker{Name: sp.Name, Title: sp.Title, Organisation: sp.Organisation, Role: sp.Role}
			if sp.Country != "" {
				code := strings.ToUpper(sp.Country)
				fsp.Country = &code
			}
			fs.Speakers = append(fs.Speakers, fsp)
		}
		for _, d := range p.Documents[s.ID] {
			fs.Attachments = append(fs.Attachments, p.attachment(d))
		}
		f.Sessions = append(f.Sessions, fs)
	}
	return f
}

// FeedJSON is the feed, indented for people who read it.
func (p Programme) FeedJSON() ([]byte, error) {
	b, err := json.MarshalIndent(p.Feed(), "", "  ")
	if err != nil {
		return nil, fmt.Errorf("agenda: feed: %w", err)
	}
	return append(b, '\n'), nil
}

// attachment is a public document in the feed.
func (p Programme) attachment(d model.SessionDocument) FeedAttachment {
	a := FeedAttachment{Title: d.Title, URL: p.DocumentURL(d), Language: d.Language, Type: d.ContentType}
	if d.IsLink() {
		a.Type = "link"
	}
	return a
}

// DocumentURL is where a public document opens, absolute: a file's public
// address (DocumentAddress), or a link's own address.
func (p Programme) DocumentURL(d model.SessionDocument) string {
	if d.IsLink() {
		return d.URL
	}
	return p.URL(DocumentAddress(d))
}

package agenda

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// Programme is the published agenda as the public sees it: the pages, the
// calendar, the JSON feed, the schedule XML and the printed programme are
// all drawn from one. Sessions must be published ones only, in time order
// (store.Sessions with publishedOnly).
type Programme struct {
	Conference model.Conference
	Tracks     []model.Track
	Rooms      []model.Room
	Sessions   []model.Session
	// Documents are the public documents of the published sessions, by
	// session id (store.SessionDocuments with publicOnly).
	Documents map[int64][]model.SessionDocument
	// BaseURL is the site's public root, for absolute links (no trailing slash).
	BaseURL string
	// Language is what the exports speak (In); nil is English.
	Language *i18n.Locale
	// translated holds the sessions whose title In translated.
	translated map[int64]bool
	// englishTitles holds their English titles, which the schedules' slugs
	// are made of in every language.
	englishTitles map[int64]string
}

// KindLabels names the session kinds for people.
var KindLabels = map[string]string{
	model.KindPlenary: "Plenary", model.KindPanel: "Panel", model.KindWorkshop: "Workshop",
	model.KindBreak: "Break", model.KindReception: "Reception",
}

// RoleLabels names a speaker's part in a session.
var RoleLabels = map[string]string{
	model.RoleSpeaker: "Speaker", model.RoleModerator: "Moderator", model.RoleChair: "Chair",
}

// Day is one day of the programme.
type Day struct {
	Number   int       // 1 for the first day; the ?day= filter
	Date     time.Time // midnight, in the conference's zone
	Sessions []model.Session
}

// Days groups the sessions by their day in the conference's zone. Every
// conference day is there, with or without sessions, and so is any other
// day a session falls on (when the conference's dates moved after it was
// planned), so nothing published goes missing.
func (p Programme) Days() []Day {
	loc := p.Conference.Location()
	var days []Day
	index := map[string]int{}
	add := func(d time.Time) int {
		key := d.Format(time.DateOnly)
		if i, ok := index[key]; ok {
			return i
		}
		days = append(days, Day{Date: d})
		index[key] = len(days) - 1
		return len(days) - 1
	}
	for _, d := range p.Conference.Days() {
		add(d)
	}
	for _, s := range p.Sessions {
		y, m, d := s.StartsAt.In(loc).Date()
		i := add(time.Date(y, m, d, 0, 0, 0, 0, loc))
		days[i].Sessions = append(days[i].Sessions, s)
	}
	// Days added for stray sessions go in date order with the others.
	slices.SortStableFunc(days, func(a, b Day) int { return a.Date.Compare(b.Date) })
	for i := range days {
		days[i].Number = i + 1
	}
	return days
}

// SessionPath is a session's public page.
func SessionPath(id int64) string { return "/agenda/" + strconv.FormatInt(id, 10) }

// URL makes an absolute link from a path.
func (p Programme) URL(path string) string { return strings.TrimRight(p.BaseURL, "/") + path }

// host is the site's host name, for calendar UIDs.
func (p Programme) host() string {
	u, err := url.Parse(p.BaseURL)
	if err != nil || u.Hostname() == "" {
		return "confdesk.invalid"
	}
	return u.Hostname()
}

// Updated is the latest change the programme shows: of the conference's
// settings or of a session. Exports use it as their date, so the same data
// gives the same bytes.
func (p Programme) Updated() time.Time {
	t := p.Conference.UpdatedAt
	for _, s := range p.Sessions {
		if s.UpdatedAt.After(t) {
			t = s.UpdatedAt
		}
	}
	return t.UTC()
}

// Location is where a session happens, for people: the room, the venue and
// its address; the venue alone when no room is set.
func (p Programme) Location(s model.Session) string {
	venue := Venue(p.Conference)
	switch {
	case s.Room == nil:
		return venue
	case venue == "":
		return s.Room.Name
	}
	return s.Room.Name + ", " + venue
}

// Venue is the conference's venue and its address, in one line.
func Venue(c model.Conference) string {
	var parts []string
	for _, v := range []string{c.Venue, c.VenueAddress} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, ", ")
}

// NowNext returns what is on at now (started, not ended) and what starts
// next (every session sharing the first start after now).
func NowNext(sessions []model.Session, now time.Time) (current, next []model.Session) {
	var nextStart time.Time
	for _, s := range sessions {
		switch {
		case !s.StartsAt.After(now) && s.EndsAt.After(now):
			current = append(current, s)
		case s.StartsAt.After(now):
			if nextStart.IsZero() || s.StartsAt.Before(nextStart) {
				nextStart, next = s.StartsAt, next[:0]
			}
			if s.StartsAt.Equal(nextStart) {
				next = append(next, s)
			}
		}
	}
	return current, next
}

// Moments are the instants at which what NowNext returns can change: every
// session's start and end, sorted, without repeats.
func Moments(sessions []model.Session) []time.Time {
	var out []time.Time
	for _, s := range sessions {
		out = append(out, s.StartsAt, s.EndsAt)
	}
	slices.SortFunc(out, time.Time.Compare)
	return slices.CompactFunc(out, time.Time.Equal)
}

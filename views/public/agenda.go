package public

import (
	"strconv"
	"strings"
	"time"

	"confdesk/internal/agenda"
	"confdesk/internal/country"
	"confdesk/internal/model"
	"confdesk/views"
)

// AgendaView is the public programme, filtered by day and track.
type AgendaView struct {
	Days       []agenda.Day   // the days shown, each with the sessions that match
	DayOptions []views.Option // every day of the programme, for the filter
	Tracks     []model.Track
	Day        string // the chosen day's number, "" for every day
	Track      string // the chosen track's slug, "" for every track
	// Note explains a filter value that was not understood and was dropped.
	Note string
	// Published counts the programme's sessions, whatever the filters.
	Published int
	// During the conference: what is on now and what starts next.
	During    bool
	Now, Next []model.Session
}

// Filtered reports whether a filter is on.
func (v AgendaView) Filtered() bool { return v.Day != "" || v.Track != "" }

// Empty reports whether no session matches.
func (v AgendaView) Empty() bool {
	for _, d := range v.Days {
		if len(d.Sessions) > 0 {
			return false
		}
	}
	return true
}

// SessionView is one session's public page.
type SessionView struct {
	Session model.Session
	Day     agenda.Day // its day, for the way back
	// Location is the room, venue and address in one line.
	Location string
}

// DayHeading names a day: "Monday 15 March 2027".
func DayHeading(d time.Time) string { return d.Format("Monday 2 January 2006") }

// DayLabel is a day for a picker: "Day 1 · Monday 15 March".
func DayLabel(d agenda.Day) string {
	return "Day " + strconv.Itoa(d.Number) + " · " + d.Date.Format("Monday 2 January")
}

// TimeRange is a session's times in the conference's zone: "09:00–10:30".
func TimeRange(c model.Conference, s model.Session) string {
	loc := c.Location()
	return s.StartsAt.In(loc).Format("15:04") + "–" + s.EndsAt.In(loc).Format("15:04")
}

// MachineTime is an instant for a <time datetime> attribute, with the conference's offset.
func MachineTime(c model.Conference, t time.Time) string {
	return t.In(c.Location()).Format(time.RFC3339)
}

// KindLabel names a session kind.
func KindLabel(kind string) string { return agenda.KindLabels[kind] }

// RoleLabel names a speaker's part in a few words, "chair" or "moderator";
// "" for an ordinary speaker.
func RoleLabel(role string) string {
	if role == "" || role == model.RoleSpeaker {
		return ""
	}
	return strings.ToLower(agenda.RoleLabels[role])
}

// SpeakerAffiliation is what follows a speaker's name on the programme:
// their organisation.
func SpeakerAffiliation(sp model.SessionSpeaker) string { return sp.Organisation }

// affiliationComma is the comma between a speaker's name (or role) and
// their organisation, "" when there is none. The template writes it
// against the name or role: on a line of its own, templ would put a space
// before it ("(chair) , IOM").
func affiliationComma(sp model.SessionSpeaker) string {
	if SpeakerAffiliation(sp) == "" {
		return ""
	}
	return ","
}

// SpeakerDetails is a speaker's title, organisation and country, for the session page.
func SpeakerDetails(sp model.SessionSpeaker) string {
	var parts []string
	for _, v := range []string{sp.Title, sp.Organisation, country.Name(sp.Country)} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, " · ")
}

// Paragraphs splits a description at blank lines.
func Paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// SessionPath is a session's public page.
func SessionPath(s model.Session) string { return agenda.SessionPath(s.ID) }

// dayFilterPath is the agenda filtered to one day.
func dayFilterPath(d agenda.Day) string { return "/agenda?day=" + strconv.Itoa(d.Number) }

// places describes a sign-up limit: "Limited to 35 participants".
func places(n int) string { return "Limited to " + strconv.Itoa(n) + " participants" }

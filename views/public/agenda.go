package public

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"confdesk/internal/agenda"
	"confdesk/internal/country"
	"confdesk/internal/i18n"
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
	// Note is the message (its catalogue id) explaining a filter value that
	// was not understood and was dropped; "" for none.
	Note string
	// Published counts the programme's sessions, whatever the filters.
	Published int
	// During the conference: what is on now and what starts next.
	During    bool
	Now, Next []model.Session
	// Documents are the sessions' public documents, by session id.
	Documents map[int64][]model.SessionDocument
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
	// Documents are the session's public documents.
	Documents []model.SessionDocument
}

// DayHeading names a day in ctx's language, as a heading begins:
// "Monday 15 March 2027", "Lunes, 15 de marzo de 2027".
func DayHeading(ctx context.Context, d time.Time) string {
	return i18n.Capitalized(i18n.From(ctx).WeekdayDate(d))
}

// DayLabel is a day for a picker: "Day 1 · Monday 15 March".
func DayLabel(ctx context.Context, d agenda.Day) string {
	l := i18n.From(ctx)
	return l.T("agenda.day_label", "Number", d.Number, "Date", l.WeekdayDayMonth(d.Date))
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

// KindLabel names a session kind in ctx's language.
func KindLabel(ctx context.Context, kind string) string { return agenda.KindWord(i18n.From(ctx), kind) }

// RoleLabel names a speaker's part in a few words, "chair" or "moderator",
// in ctx's language; "" for an ordinary speaker.
func RoleLabel(ctx context.Context, role string) string { return agenda.RoleWord(i18n.From(ctx), role) }

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
func SpeakerDetails(ctx context.Context, sp model.SessionSpeaker) string {
	var parts []string
	for _, v := range []string{sp.Title, sp.Organisation, country.LocalName(i18n.From(ctx).Tag, sp.Country)} {
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

// venueAfterRoom is what follows a room's name on a session's page: a
// comma and the venue, "" when there is none. The template writes it
// against the room's name, as affiliationComma does.
func venueAfterRoom(c model.Conference) string {
	if v := agenda.Venue(c); v != "" {
		return ", " + v
	}
	return ""
}

// exportPath is an export's address in ctx's language: "/agenda.pdf?lang=es";
// English, the exports' default, needs no parameter.
func exportPath(ctx context.Context, path string) templ.SafeURL {
	if l := i18n.From(ctx); l.Code != i18n.English.Code {
		return templ.SafeURL(path + "?lang=" + url.QueryEscape(l.Code))
	}
	return templ.SafeURL(path)
}

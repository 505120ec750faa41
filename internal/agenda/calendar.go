package agenda

import (
	"strconv"
	"strings"

	"confdesk/internal/country"
	"confdesk/internal/i18n"
	"confdesk/internal/ical"
	"confdesk/internal/model"
)

// ProdID names confdesk as the maker of its calendars.
const ProdID = "-//confdesk//Agenda//EN"

// Calendar is the iCalendar of sessions (the whole programme, one session,
// or a participant's own choice) named name. It holds nothing about who
// asked for it.
func (p Programme) Calendar(name string, sessions []model.Session) []byte {
	cal := ical.Calendar{
		ProdID:   ProdID,
		Name:     name,
		Location: p.Conference.Location(),
		From:     p.Conference.Start(),
		To:       p.Conference.End(),
	}
	for _, s := range sessions {
		ev := ical.Event{
			// The UID stays the same through every edit, so calendar apps
			// update the event instead of adding a second one.
			UID:         "session-" + strconv.FormatInt(s.ID, 10) + "@" + p.host(),
			Stamp:       s.UpdatedAt,
			Start:       s.StartsAt,
			End:         s.EndsAt,
			Summary:     s.Title,
			Description: p.eventDescription(s),
			Location:    p.Location(s),
			URL:         p.URL(SessionPath(s.ID)),
		}
		if s.Track != nil {
			ev.Categories = []string{s.Track.Name}
		}
		cal.Events = append(cal.Events, ev)
	}
	return cal.Encode()
}

// eventDescription is the session's description, its speakers, one a line,
// and its page: many calendar apps show no URL property.
func (p Programme) eventDescription(s model.Session) string {
	var b strings.Builder
	b.WriteString(s.Description)
	if len(s.Speakers) > 0 {
		b.WriteString("\n\n" + p.locale().T("agenda.export.speakers"))
		for _, sp := range s.Speakers {
			b.WriteString("\n" + SpeakerLine(p.locale(), sp))
		}
	}
	b.WriteString("\n\n" + p.URL(SessionPath(s.ID)))
	return strings.TrimSpace(b.String())
}

// SpeakerLine is a speaker for a line of text in language l: "Désirée
// Baptiste (chair), National Coordinator, National Committee against
// Trafficking in Persons, Haiti".
func SpeakerLine(l *i18n.Locale, sp model.SessionSpeaker) string {
	line := sp.Name
	if r := RoleWord(l, sp.Role); r != "" {
		line += " (" + r + ")"
	}
	for _, v := range []string{sp.Title, sp.Organisation, country.LocalName(l.Tag, sp.Country)} {
		if v != "" {
			line += ", " + v
		}
	}
	return line
}

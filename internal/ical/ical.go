// Package ical writes iCalendar (RFC 5545) files: a calendar of events in
// one time zone, with that zone's VTIMEZONE, for the public agenda and for
// a participant's own sessions.
//
// What the RFC asks and this package does:
//   - every line ends in CRLF (3.1);
//   - lines longer than 75 octets are folded: CRLF and one space, never in
//     the middle of a UTF-8 sequence (3.1);
//   - TEXT values escape backslash, semicolon, comma and newline (3.3.11);
//   - local times carry TZID and the calendar holds the matching VTIMEZONE
//     (3.2.19, 3.6.5); DTSTAMP is in UTC (3.8.7.2).
//
// Output is deterministic: the same calendar gives the same bytes, so it can
// be cached and compared by ETag.
package ical

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxLineOctets is the longest a content line may be, CRLF excluded.
const MaxLineOctets = 75

// Calendar is a VCALENDAR of events that share one time zone.
type Calendar struct {
	ProdID   string // e.g. "-//confdesk//Agenda//EN"
	Name     string // X-WR-CALNAME: what calendar apps call the subscription
	Location *time.Location
	// From and To bound the instants the VTIMEZONE must describe (the
	// conference's days); events outside them still carry the zone.
	From, To time.Time
	Events   []Event
}

// Event is one VEVENT.
type Event struct {
	UID        string    // stable across exports, e.g. session-12@example.org
	Stamp      time.Time // DTSTAMP: when the event's data last changed
	Start, End time.Time // written as local time in the calendar's zone
	// AllDay writes Start and End as dates (VALUE=DATE, 3.6.1): the days
	// from Start's up to, not including, End's, in the calendar's zone.
	AllDay      bool
	Summary     string
	Description string
	Location    string
	URL         string
	Categories  []string
}

// Encode writes the calendar.
func (c Calendar) Encode() []byte {
	var b bytes.Buffer
	w := &writer{b: &b}
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	tzid := loc.String()
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:" + c.ProdID)
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	if c.Name != "" {
		w.line("X-WR-CALNAME:" + EscapeText(c.Name))
	}
	w.line("X-WR-TIMEZONE:" + tzid)
	writeTimezone(w, loc, c.From, c.To)
	for _, e := range c.Events {
		w.line("BEGIN:VEVENT")
		w.line("UID:" + e.UID)
		w.line("DTSTAMP:" + e.Stamp.UTC().Format(utcLayout))
		if e.AllDay {
			w.line("DTSTART;VALUE=DATE:" + e.Start.In(loc).Format(dateLayout))
			w.line("DTEND;VALUE=DATE:" + e.End.In(loc).Format(dateLayout))
		} else {
			w.line("DTSTART;TZID=" + paramValue(tzid) + ":" + e.Start.In(loc).Format(localLayout))
			w.line("DTEND;TZID=" + paramValue(tzid) + ":" + e.End.In(loc).Format(localLayout))
		}
		w.line("SUMMARY:" + EscapeText(e.Summary))
		if e.Description != "" {
			w.line("DESCRIPTION:" + EscapeText(e.Description))
		}
		if e.Location != "" {
			w.line("LOCATION:" + EscapeText(e.Location))
		}
		if e.URL != "" {
			w.line("URL:" + e.URL) // a URI, not TEXT: no escaping
		}
		if len(e.Categories) > 0 {
			cats := make([]string, len(e.Categories))
			for i, cat := range e.Categories {
				cats[i] = EscapeText(cat)
			}
			w.line("CATEGORIES:" + strings.Join(cats, ","))
		}
		w.line("END:VEVENT")
	}
	w.line("END:VCALENDAR")
	return b.Bytes()
}

const (
	utcLayout   = "20060102T150405Z"
	localLayout = "20060102T150405"
	dateLayout  = "20060102"
)

// writer writes folded content lines.
type writer struct{ b *bytes.Buffer }

func (w *writer) line(s string) { w.b.WriteString(Fold(s)) }

// paramValue quotes a parameter value that holds a character the grammar
// reserves (RFC 5545 3.2: ":", ";" or ","); zone names rarely do.
func paramValue(s string) string {
	if strings.ContainsAny(s, ":;,") {
		return `"` + strings.ReplaceAll(s, `"`, "") + `"`
	}
	return s
}

// EscapeText escapes a TEXT value: backslash, semicolon, comma, and every
// line break (CRLF, CR or LF) as \n.
func EscapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Fold returns one content line ending in CRLF, broken into lines of at most
// MaxLineOctets octets; each continuation starts with a space, which counts
// towards its 75. Breaks fall between UTF-8 sequences, never inside one.
func Fold(line string) string {
	if len(line) <= MaxLineOctets {
		return line + "\r\n"
	}
	var b strings.Builder
	b.Grow(len(line) + len(line)/MaxLineOctets*3 + 2)
	limit := MaxLineOctets
	for len(line) > limit {
		// Step back to the start of a UTF-8 sequence (at most 3 octets);
		// input that is not UTF-8 is cut where the limit falls.
		cut := limit
		for cut > limit-utf8.UTFMax+1 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		if !utf8.RuneStart(line[cut]) {
			cut = limit
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = MaxLineOctets - 1
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}

// Unfold undoes Fold on a whole file: it joins every line that starts with
// a space or tab to the one before (RFC 5545 3.1).
func Unfold(s string) string {
	s = strings.ReplaceAll(s, "\r\n ", "")
	return strings.ReplaceAll(s, "\r\n\t", "")
}

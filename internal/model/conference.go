package model

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Location is the conference's time zone; UTC when the name is unknown.
func (c Conference) Location() *time.Location {
	if loc, ok := zones.Load(c.TimeZone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return time.UTC
	}
	zones.Store(c.TimeZone, loc)
	return loc
}

// zones keeps each time zone once loaded: time.LoadLocation reads and
// parses the zone file on every call, and pages ask for it many times.
var zones sync.Map

// Start is midnight of the first day in the conference's zone.
func (c Conference) Start() time.Time { return c.day(c.StartDate) }

// End is midnight after the last day in the conference's zone: the instant the conference is over.
func (c Conference) End() time.Time { return c.day(c.EndDate).AddDate(0, 0, 1) }

func (c Conference) day(date string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, date, c.Location())
	if err != nil {
		return time.Time{}
	}
	return t
}

// Days returns midnight of each conference day, in order.
func (c Conference) Days() []time.Time {
	var out []time.Time
	for d := c.Start(); d.Before(c.End()); d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out
}

// DateRange formats the conference's days for people: "9–11 March 2027",
// "30 March – 1 April 2027", "30 December 2027 – 1 January 2028".
func (c Conference) DateRange() string {
	s, e := c.Start(), c.End().AddDate(0, 0, -1)
	switch {
	case s.IsZero() || e.IsZero():
		return ""
	case s.Equal(e):
		return s.Format("2 January 2006")
	case s.Year() != e.Year():
		return s.Format("2 January 2006") + " – " + e.Format("2 January 2006")
	case s.Month() != e.Month():
		return s.Format("2 January") + " – " + e.Format("2 January 2006")
	default:
		return fmt.Sprintf("%d–%s", s.Day(), e.Format("2 January 2006"))
	}
}

// DatesInWords is the conference's days as a sentence says them: "on 15
// March 2027", "from 15 to 17 March 2027", "from 30 March to 1 April
// 2027", "from 30 December 2026 to 1 January 2027". DateRange's "15–17
// March 2027" reads well in a heading but not after "from".
func (c Conference) DatesInWords() string {
	s, e := c.Start(), c.End().AddDate(0, 0, -1)
	switch {
	case s.IsZero() || e.IsZero():
		return ""
	case s.Equal(e):
		return "on " + s.Format("2 January 2006")
	case s.Year() != e.Year():
		return "from " + s.Format("2 January 2006") + " to " + e.Format("2 January 2006")
	case s.Month() != e.Month():
		return "from " + s.Format("2 January") + " to " + e.Format("2 January 2006")
	default:
		return fmt.Sprintf("from %d to %s", s.Day(), e.Format("2 January 2006"))
	}
}

// VenueLine is the venue with its address and city, for documents; the
// city is left out when the address already names it ("…, Miami, FL 33131").
func (c Conference) VenueLine() string {
	venue := c.Venue
	city := c.City
	if town, _, _ := strings.Cut(city, ","); town != "" && strings.Contains(c.VenueAddress, town) {
		city = ""
	}
	for _, part := range []string{c.VenueAddress, city} {
		if part != "" {
			if venue != "" {
				venue += ", "
			}
			venue += part
		}
	}
	return venue
}

package views

import (
	"net/url"
	"strconv"
	"time"

	"confdesk/internal/model"
)

// Itoa formats n for a page.
func Itoa(n int) string { return strconv.Itoa(n) }

// LocalDateTime formats t in the conference's zone: "Monday 11 January 2027, 09:00 EST".
func LocalDateTime(c model.Conference, t time.Time) string {
	return t.In(c.Location()).Format("Monday 2 January 2006, 15:04 MST")
}

// Deadline phrases an instant that ends something: "at the end of Monday
// 25 January 2027 (EST)" for a midnight, else "on Monday 25 January 2027, 17:00 EST".
func Deadline(c model.Conference, t time.Time) string {
	local := t.In(c.Location())
	if local.Hour() == 0 && local.Minute() == 0 {
		return "at the end of " + local.Add(-time.Minute).Format("Monday 2 January 2006 (MST)")
	}
	return "on " + LocalDateTime(c, t)
}

// TimeZoneLabel names the conference's zone for people: "Miami time (America/New_York)".
func TimeZoneLabel(c model.Conference) string {
	if c.City == "" {
		return c.TimeZone
	}
	city := c.City
	for i, r := range city {
		if r == ',' {
			city = city[:i]
			break
		}
	}
	return city + " time (" + c.TimeZone + ")"
}

// TrackClass is the CSS class carrying a track's colour (served by /theme.css).
func TrackClass(t model.Track) string { return "track-" + strconv.FormatInt(t.ID, 10) }

// QueryEscape escapes s for use in a URL's query.
func QueryEscape(s string) string { return url.QueryEscape(s) }

// LongDate writes a YYYY-MM-DD calendar date for people: "16 April 2027".
func LongDate(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Format("2 January 2006")
}

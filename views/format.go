package views

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// Itoa formats n for a page.
func Itoa(n int) string { return strconv.Itoa(n) }

// LocalDateTime is t in the conference's zone, in ctx's language:
// "Monday 11 January 2027, 09:00 EST", "lunes, 11 de enero de 2027, a las
// 09:00 (EST)". The console's pages are English.
func LocalDateTime(ctx context.Context, c model.Conference, t time.Time) string {
	l, local := i18n.From(ctx), t.In(c.Location())
	return l.T("date.date_time", "Date", l.WeekdayDate(local), "Time", l.Time(local), "Zone", local.Format("MST"))
}

// TimeZoneLabel names the conference's zone for people, in ctx's
// language: "Miami time (America/New_York)", "hora local de Miami (America/New_York)".
func TimeZoneLabel(ctx context.Context, c model.Conference) string {
	city, _, _ := strings.Cut(c.City, ",")
	if city == "" {
		return c.TimeZone
	}
	return i18n.T(ctx, "date.time_zone", "City", city, "Zone", c.TimeZone)
}

// TimesAre is the sentence saying in which zone a page's times are.
func TimesAre(ctx context.Context, c model.Conference) string {
	return i18n.T(ctx, "date.times_are", "Zone", TimeZoneLabel(ctx, c))
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

package public

import (
	"context"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"confdesk/internal/country"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// SelfStatusHeading says a registration's status in plain words, in ctx's
// language: the heading of its self-service page.
func SelfStatusHeading(ctx context.Context, r model.Registration) string {
	press := r.Category == model.CategoryPress
	switch r.Status {
	case model.StatusConfirmed:
		if press {
			return i18n.T(ctx, "self.status.confirmed_press")
		}
		return i18n.T(ctx, "self.status.confirmed")
	case model.StatusPending:
		if press {
			return i18n.T(ctx, "self.status.pending_press")
		}
		return i18n.T(ctx, "self.status.pending")
	case model.StatusWaitlisted:
		return i18n.T(ctx, "self.status.waitlisted")
	case model.StatusCancelled:
		return i18n.T(ctx, "self.status.cancelled")
	case model.StatusRejected:
		return i18n.T(ctx, "self.status.rejected")
	}
	return r.Status
}

// LocalDateTime is an instant in the conference's zone, in ctx's
// language: "lundi 11 janvier 2027, 09:00 EST".
func LocalDateTime(ctx context.Context, c model.Conference, t time.Time) string {
	l := i18n.From(ctx)
	local := t.In(c.Location())
	return l.T("self.date_time", "Date", l.WeekdayDate(local), "Time", l.Time(local), "Zone", local.Format("MST"))
}

// longDate is a YYYY-MM-DD calendar date in ctx's language: "16 avril 2027".
func longDate(ctx context.Context, date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return i18n.From(ctx).Date(t)
}

// countryIn names a country in ctx's language (CLDR names); the site's
// own names in English (and the English-based test language).
func countryIn(ctx context.Context, code string) string {
	l := i18n.From(ctx)
	name := country.Name(code)
	if base, _ := l.Tag.Base(); base.String() == "en" || name == "" {
		return name
	}
	region, err := language.ParseRegion(code)
	if err != nil {
		return name
	}
	if n := display.Regions(l.Tag).Name(region); n != "" {
		return n
	}
	return name
}

// yesNo is a yes-or-no answer in ctx's language.
func yesNo(ctx context.Context, b bool) string {
	if b {
		return i18n.T(ctx, "self.yes")
	}
	return i18n.T(ctx, "self.no")
}

// choiceLabel names an answer chosen from a list (a type of organisation,
// of media) in ctx's language: the message prefix + value ("other" is
// "any_other": the catalogue reserves "other" for plurals); "" for none.
func choiceLabel(ctx context.Context, prefix, value string) string {
	switch value {
	case "":
		return ""
	case "other":
		value = "any_other"
	}
	return i18n.T(ctx, prefix+value)
}

// mark stands for a value a message's words surround and the page
// emphasises: a character no catalogue text holds.
const mark = "\uE000"

// around is the message id with its placeholder name cut out: the words
// before and after it, for a page that shows the value itself in bold.
func around(ctx context.Context, id, name string, kv ...any) (before, after string) {
	text := i18n.T(ctx, id, append(kv, name, mark)...)
	before, after, _ = strings.Cut(text, mark)
	return before, after
}

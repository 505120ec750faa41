package report

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"confdesk/internal/model"
)

// Ways of grouping the list of participants.
const (
	ByCountry     = "country"
	ByInstitution = "institution"
)

// Filter is what narrows a report, as the query parameters
// ?from=&to=&status=&by= name them. The reports page's form, its links and
// the PDF and CSV handlers all read this one struct, so a PDF and a CSV
// of the same link count the same people. Each report uses the fields
// that make sense for it (Kind.Params).
type Filter struct {
	// From and To are calendar days (YYYY-MM-DD) in the conference's time
	// zone, both included; "" leaves that side open. The registrations
	// report applies them to the day of registration, the press report to
	// the day of download.
	From, To string
	Status   string // one of model.Statuses, or "" for all (registrations report)
	By       string // ByCountry or ByInstitution (list of participants)
}

// Problem is one reason a filter cannot be used, for the form's field.
type Problem struct{ Field, Message string }

// ParseFilter reads a filter from query parameters. An unknown status or
// grouping falls back to the default (only a hand-edited URL has one);
// a date that is not a date is a problem, since ignoring it would change
// the numbers without saying so.
func ParseFilter(v url.Values) (Filter, []Problem) {
	f := Filter{From: strings.TrimSpace(v.Get("from")), To: strings.TrimSpace(v.Get("to")), By: ByCountry}
	if s := v.Get("status"); slices.Contains(model.Statuses, s) {
		f.Status = s
	}
	if v.Get("by") == ByInstitution {
		f.By = ByInstitution
	}
	var problems []Problem
	for _, d := range []struct{ field, value string }{{"from", f.From}, {"to", f.To}} {
		if d.value == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.value); err != nil {
			problems = append(problems, Problem{d.field, "Enter the date as year-month-day, for example 2027-01-31."})
		}
	}
	if len(problems) == 0 && f.From != "" && f.To != "" && f.To < f.From {
		problems = append(problems, Problem{"to", "The last day must not be before the first day."})
	}
	return f, problems
}

// Values is the filter as query parameters, only those in params and not
// empty or default: the link of one report.
func (f Filter) Values(params []string) url.Values {
	v := url.Values{}
	for _, p := range params {
		switch {
		case p == "from" && f.From != "":
			v.Set("from", f.From)
		case p == "to" && f.To != "":
			v.Set("to", f.To)
		case p == "status" && f.Status != "":
			v.Set("status", f.Status)
		case p == "by" && f.By == ByInstitution:
			v.Set("by", f.By)
		}
	}
	return v
}

// span is the filter's days as instants in loc: [from, to), zero when open.
func (f Filter) span(loc *time.Location) (from, to time.Time) {
	if d, err := time.ParseInLocation(time.DateOnly, f.From, loc); err == nil {
		from = d
	}
	if d, err := time.ParseInLocation(time.DateOnly, f.To, loc); err == nil {
		to = d.AddDate(0, 0, 1)
	}
	return from, to
}

// contains reports whether t falls on the filter's days in loc.
func (f Filter) contains(t time.Time, loc *time.Location) bool {
	from, to := f.span(loc)
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to))
}

// days says the filter's days for people: "from 1 January 2027 to 31
// January 2027", "from 1 January 2027", "until 31 January 2027", or "".
func (f Filter) days() string {
	long := func(s string) string {
		d, _ := time.Parse(time.DateOnly, s)
		return d.Format("2 January 2006")
	}
	switch {
	case f.From != "" && f.To != "":
		return "from " + long(f.From) + " to " + long(f.To)
	case f.From != "":
		return "from " + long(f.From)
	case f.To != "":
		return "until " + long(f.To)
	}
	return ""
}

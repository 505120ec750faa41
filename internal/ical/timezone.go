package ical

import (
	"fmt"
	"strconv"
	"time"
)

// writeTimezone writes the VTIMEZONE for loc, correct for every instant
// from the start of the year before from to the end of the year after to.
//
// The rules are derived from Go's own zone data (the time package, which
// reads the system's tzdata or the copy embedded by time/tzdata) rather than
// written by hand, so a zone that changes its rules is right as soon as the
// tzdata is. For each of those years the zone's transitions are listed with
// Time.ZoneBounds. When every kind of transition (say, the change to summer
// time) happens once a year in the same month, on the same weekday of the
// same week (or the last one of the month), at the same wall-clock time and
// with the same offsets, it becomes one STANDARD or DAYLIGHT component with
// an RRULE (America/New_York: DAYLIGHT from the second Sunday of March,
// STANDARD from the first Sunday of November, both at 02:00 local time).
// Rules start two years before from, so that both kinds have an onset
// before the first instant they must describe.
// Otherwise each transition is written as its own component, which is
// exact for the years covered. A zone without transitions in those years
// gets one STANDARD component.
func writeTimezone(w *writer, loc *time.Location, from, to time.Time) {
	if from.IsZero() {
		from = to
	}
	if to.IsZero() {
		to = from
	}
	first, last := from.In(loc).Year()-2, to.In(loc).Year()+1
	start := time.Date(first, time.January, 1, 0, 0, 0, 0, loc)
	end := time.Date(last+1, time.January, 1, 0, 0, 0, 0, loc)
	trs := transitions(loc, start, end)

	w.line("BEGIN:VTIMEZONE")
	w.line("TZID:" + loc.String())
	switch rules, ok := yearlyRules(trs, first, last); {
	case len(trs) == 0:
		name, offset := start.Zone()
		component(w, false, "19700101T000000", offset, offset, name, "")
	case ok:
		for _, r := range rules {
			component(w, r.tr.dst, r.tr.localStart(), r.tr.fromOffset, r.tr.toOffset, r.tr.name, r.rrule)
		}
	default:
		for _, tr := range trs {
			component(w, tr.dst, tr.localStart(), tr.fromOffset, tr.toOffset, tr.name, "")
		}
	}
	w.line("END:VTIMEZONE")
}

func component(w *writer, dst bool, dtstart string, from, to int, name, rrule string) {
	kind := "STANDARD"
	if dst {
		kind = "DAYLIGHT"
	}
	w.line("BEGIN:" + kind)
	w.line("DTSTART:" + dtstart)
	w.line("TZOFFSETFROM:" + utcOffset(from))
	w.line("TZOFFSETTO:" + utcOffset(to))
	if rrule != "" {
		w.line("RRULE:" + rrule)
	}
	if name != "" && name[0] != '+' && name[0] != '-' {
		// Zones without an abbreviation report the offset ("-03"); leave it out.
		w.line("TZNAME:" + EscapeText(name))
	}
	w.line("END:" + kind)
}

// transition is a change of a zone's offset or name.
type transition struct {
	at                     time.Time // the instant it happens
	fromOffset, toOffset   int       // seconds east of UTC, before and after
	name                   string    // abbreviation after, e.g. EDT
	dst                    bool      // summer time after
	year, month, day, hhmm int       // when, in wall-clock time before the change
	weekday                time.Weekday
}

// localStart is DTSTART of the component: the wall-clock time, before the
// change, at which it happens (RFC 5545 3.6.5).
func (tr transition) localStart() string {
	return tr.at.In(time.FixedZone("", tr.fromOffset)).Format(localLayout)
}

// transitions lists loc's transitions in [start, end).
func transitions(loc *time.Location, start, end time.Time) []transition {
	var out []transition
	t := start.In(loc)
	for {
		_, next := t.ZoneBounds()
		if next.IsZero() || !next.Before(end) {
			return out
		}
		next = next.In(loc)
		_, before := t.Zone()
		name, after := next.Zone()
		local := next.In(time.FixedZone("", before))
		out = append(out, transition{at: next, fromOffset: before, toOffset: after, name: name, dst: next.IsDST(),
			year: local.Year(), month: int(local.Month()), day: local.Day(), weekday: local.Weekday(),
			hhmm: local.Hour()*3600 + local.Minute()*60 + local.Second()})
		t = next
	}
}

// rule is one component with its recurrence.
type rule struct {
	tr    transition // the first occurrence
	rrule string
}

// yearlyRules finds, for each kind of transition, the yearly rule that
// produces it in every year from first to last; false when some kind does
// not follow one.
func yearlyRules(trs []transition, first, last int) ([]rule, bool) {
	type kind struct {
		from, to int
		name     string
		dst      bool
	}
	byKind := map[kind][]transition{}
	var order []kind
	for _, tr := range trs {
		k := kind{tr.fromOffset, tr.toOffset, tr.name, tr.dst}
		if _, seen := byKind[k]; !seen {
			order = append(order, k)
		}
		byKind[k] = append(byKind[k], tr)
	}
	var rules []rule
	for _, k := range order {
		occ := byKind[k]
		if len(occ) != last-first+1 {
			return nil, false
		}
		byday, ok := commonByDay(occ, first)
		if !ok {
			return nil, false
		}
		rules = append(rules, rule{tr: occ[0],
			rrule: fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s", occ[0].month, byday)})
	}
	return rules, true
}

var weekdayCodes = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// commonByDay is the BYDAY value ("2SU", "-1SU") that matches every
// occurrence, one a year from first on, in the same month at the same time.
func commonByDay(occ []transition, first int) (string, bool) {
	o := occ[0]
	nth, allLast := (o.day-1)/7+1, true
	for i, tr := range occ {
		if tr.year != first+i || tr.month != o.month || tr.weekday != o.weekday || tr.hhmm != o.hhmm {
			return "", false
		}
		if (tr.day-1)/7+1 != nth {
			nth = 0
		}
		if tr.day+7 <= daysIn(tr.year, tr.month) {
			allLast = false
		}
	}
	code := weekdayCodes[o.weekday]
	switch {
	case allLast && (nth == 0 || nth >= 4):
		// "Last Sunday" is how such rules are written; a fourth Sunday that
		// happened to be the last in each year checked is most likely one too.
		return "-1" + code, true
	case nth != 0:
		return strconv.Itoa(nth) + code, true
	}
	return "", false
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// utcOffset formats seconds east of UTC as +hhmm (or +hhmmss).
func utcOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}

package settings

import (
	"strings"
	"testing"
	"time"

	"confdesk/internal/model"
)

func TestPlanZoneChange(t *testing.T) {
	at := func(zone, s string) time.Time {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v.UTC()
	}
	conf := func(zone, start, end string) model.Conference {
		return model.Conference{TimeZone: zone, StartDate: start, EndDate: end}
	}
	session := func(zone, start, end string) []model.Session {
		return []model.Session{{ID: 1, Title: "S", StartsAt: at(zone, start), EndsAt: at(zone, end)}}
	}
	for _, tc := range []struct {
		name      string
		cur, next model.Conference
		sessions  []model.Session
		mode      ZoneChange
		problem   string // "" when the change fits
	}{
		{"local times kept", conf("America/New_York", "2027-03-15", "2027-03-17"), conf("America/Chicago", "2027-03-15", "2027-03-17"),
			session("America/New_York", "2027-03-15 09:00", "2027-03-15 10:00"), KeepLocalTimes, ""},
		{"a time the new zone skips", conf("UTC", "2027-03-27", "2027-03-29"), conf("Europe/London", "2027-03-27", "2027-03-29"),
			session("UTC", "2027-03-28 01:30", "2027-03-28 02:30"), KeepLocalTimes, "does not exist"},
		{"moments kept, the same day", conf("America/New_York", "2027-03-15", "2027-03-17"), conf("America/Chicago", "2027-03-15", "2027-03-17"),
			session("America/New_York", "2027-03-15 09:00", "2027-03-15 10:00"), KeepInstants, ""},
		{"moments kept, past midnight", conf("America/New_York", "2027-03-15", "2027-03-17"), conf("Europe/London", "2027-03-15", "2027-03-17"),
			session("America/New_York", "2027-03-15 19:00", "2027-03-15 21:00"), KeepInstants, "past midnight"},
		{"moments kept, a fourth day", conf("America/New_York", "2027-03-15", "2027-03-17"), conf("Europe/London", "2027-03-15", "2027-03-17"),
			session("America/New_York", "2027-03-17 21:00", "2027-03-17 22:00"), KeepInstants, "outside the conference's days"},
		{"local times kept, new dates leave it out", conf("America/New_York", "2027-03-15", "2027-03-17"), conf("America/Chicago", "2027-03-16", "2027-03-17"),
			session("America/New_York", "2027-03-15 09:00", "2027-03-15 10:00"), KeepLocalTimes, "outside the conference's days"},
	} {
		plan := PlanZoneChange(tc.cur, tc.next, tc.sessions, tc.mode)
		got := plan.Moves[0].Problem
		if (tc.problem == "") != (got == "") || !strings.Contains(got, tc.problem) || (plan.Problems > 0) != (got != "") {
			t.Errorf("%s: problem %q (%d), want %q", tc.name, got, plan.Problems, tc.problem)
		}
	}
}

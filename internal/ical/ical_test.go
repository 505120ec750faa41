package ical

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

func TestEscapeText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\\b`},
		{"Room; venue, city", `Room\; venue\, city`},
		{"two\nlines", `two\nlines`},
		{"crlf\r\nand cr\rend", `crlf\nand cr\nend`},
		{`\;,`, `\\\;\,`},
		{"Désirée: «ok»", "Désirée: «ok»"}, // colons and non-ASCII stay
	}
	for _, tc := range cases {
		if got := EscapeText(tc.in); got != tc.want {
			t.Errorf("EscapeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// checkFolded holds Fold's promises for one input line.
func checkFolded(t *testing.T, in string) {
	t.Helper()
	out := Fold(in)
	if !strings.HasSuffix(out, "\r\n") {
		t.Fatalf("Fold(%q) does not end in CRLF", in)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	for i, l := range lines {
		if len(l) > MaxLineOctets {
			t.Errorf("line %d is %d octets: %q", i, len(l), l)
		}
		if i > 0 && (len(l) < 2 || l[0] != ' ') {
			t.Errorf("continuation %d %q does not start with a space and content", i, l)
		}
		if utf8.ValidString(in) && !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i, l)
		}
	}
	if got := strings.TrimSuffix(Unfold(out), "\r\n"); got != in {
		t.Errorf("unfolding gives %q, want %q", got, in)
	}
}

func TestFold(t *testing.T) {
	inputs := []string{
		"",
		"SUMMARY:short",
		strings.Repeat("a", 75),
		strings.Repeat("a", 76),
		strings.Repeat("b", 300),
		"DESCRIPTION:" + strings.Repeat("é", 100),          // 2-octet sequences
		"DESCRIPTION:" + strings.Repeat("€", 100),          // 3 octets
		"DESCRIPTION:" + strings.Repeat("🇹🇹", 40),          // 4 octets
		"X:" + strings.Repeat("a", 72) + "€" + "tail",      // a sequence across the limit
		"SUMMARY:" + strings.Repeat(" ", 80),               // spaces survive unfolding
		"LOCATION:" + strings.Repeat("\xff", 90),           // not UTF-8: still folded
		"LOCATION:" + strings.Repeat("\x80", 90) + "after", // only continuation octets
	}
	for _, in := range inputs {
		checkFolded(t, in)
	}
	// The first line takes 75 octets, continuations a space and 74.
	lines := strings.Split(Fold(strings.Repeat("x", 75+74+1)), "\r\n")
	if len(lines[0]) != 75 || len(lines[1]) != 75 || lines[2] != " x" {
		t.Errorf("fold positions: %d, %d, %q", len(lines[0]), len(lines[1]), lines[2])
	}
}

func FuzzFold(f *testing.F) {
	f.Add("DESCRIPTION:Opening plenary\\, with «speakers» from 19 countries")
	f.Add(strings.Repeat("ñ", 60))
	f.Add("X:" + strings.Repeat("a", 73) + "😀")
	f.Fuzz(func(t *testing.T, in string) {
		if strings.ContainsAny(in, "\r\n") {
			t.Skip("a content line never holds a line break: TEXT values are escaped first")
		}
		checkFolded(t, in)
		// Escaped text never holds a raw break, so it always folds cleanly.
		checkFolded(t, "DESCRIPTION:"+EscapeText(in))
	})
}

func TestEncodeParsesAndIsCRLF(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	start := time.Date(2027, 3, 15, 9, 0, 0, 0, ny)
	cal := Calendar{
		ProdID: "-//confdesk//Test//EN", Name: "CTC, Miami; test", Location: ny,
		From: start, To: start.AddDate(0, 0, 3),
		Events: []Event{{
			UID: "session-1@example.org", Stamp: time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC),
			Start: start, End: start.Add(90 * time.Minute),
			Summary:     "Opening plenary: trafficking in the Caribbean today",
			Description: "Welcome, from the organisers;\nspeakers: Désirée Baptiste\\Inés Quiñones Beltrán " + strings.Repeat("long ", 30),
			Location:    "Biscayne Ballroom, Riverwalk Conference Centre",
			URL:         "https://example.org/agenda/1",
			Categories:  []string{"Plenary, whole conference"},
		}},
	}
	out := cal.Encode()
	s := string(out)
	if strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\r") {
		t.Error("a line break that is not CRLF")
	}
	for _, l := range strings.Split(s, "\r\n") {
		if len(l) > MaxLineOctets {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
	}
	for _, want := range []string{"DTSTART;TZID=America/New_York:20270315T090000\r\n", "DTEND;TZID=America/New_York:20270315T103000\r\n",
		"DTSTAMP:20270102T030405Z\r\n", "METHOD:PUBLISH\r\n", "CALSCALE:GREGORIAN\r\n", "X-WR-CALNAME:CTC\\, Miami\\; test\r\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q", want)
		}
	}
	dec := goical.NewDecoder(strings.NewReader(s))
	c, err := dec.Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read it: %v\n%s", err, s)
	}
	evs := c.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	ev := evs[0]
	for prop, want := range map[string]string{
		goical.PropSummary:     cal.Events[0].Summary,
		goical.PropDescription: cal.Events[0].Description,
		goical.PropLocation:    cal.Events[0].Location,
	} {
		if got, err := ev.Props.Text(prop); err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", prop, got, err, want)
		}
	}
	if got, err := ev.DateTimeStart(ny); err != nil || !got.Equal(start) {
		t.Errorf("DTSTART = %v (%v)", got, err)
	}
	if cats := ev.Props.Get(goical.PropCategories); cats == nil || cats.Value != `Plenary\, whole conference` {
		t.Errorf("CATEGORIES %+v", cats)
	}
}

// vtimezone is a parsed VTIMEZONE: its onsets, computed the way a calendar
// client does, from DTSTART, the offsets and the RRULE.
type onset struct {
	at     time.Time
	offset int
}

func parseOffset(t *testing.T, s string) int {
	t.Helper()
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	h, m, sec := atoi(s[1:3]), atoi(s[3:5]), 0
	if len(s) == 7 {
		sec = atoi(s[5:7])
	}
	return sign * (h*3600 + m*60 + sec)
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func onsets(t *testing.T, ics string, until time.Time) []onset {
	t.Helper()
	c, err := goical.NewDecoder(strings.NewReader(ics)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	var out []onset
	for _, tz := range c.Children {
		if tz.Name != goical.CompTimezone {
			continue
		}
		for _, comp := range tz.Children {
			from := parseOffset(t, comp.Props.Get(goical.PropTimezoneOffsetFrom).Value)
			to := parseOffset(t, comp.Props.Get(goical.PropTimezoneOffsetTo).Value)
			local, err := time.Parse(localLayout, comp.Props.Get(goical.PropDateTimeStart).Value)
			if err != nil {
				t.Fatal(err)
			}
			starts := []time.Time{local}
			if rr := comp.Props.Get(goical.PropRecurrenceRule); rr != nil {
				opt, err := rrule.StrToROption(rr.Value)
				if err != nil {
					t.Fatal(err)
				}
				opt.Dtstart = local // floating wall-clock time, computed as if UTC
				r, err := rrule.NewRRule(*opt)
				if err != nil {
					t.Fatal(err)
				}
				starts = r.Between(local, until, true)
			}
			for _, s := range starts {
				out = append(out, onset{at: s.Add(-time.Duration(from) * time.Second), offset: to})
			}
		}
	}
	return out
}

// TestTimezoneMatchesGo checks, hour by hour over the conference's year and
// its neighbours, that the offset a client computes from our VTIMEZONE is
// the one Go's zone data gives.
func TestTimezoneMatchesGo(t *testing.T) {
	zones := []struct {
		name   string
		rrules int // components with an RRULE expected
	}{
		{"America/New_York", 2},
		{"Europe/London", 2},    // last Sunday: BYDAY=-1SU
		{"Australia/Sydney", 2}, // summer time across the new year
		{"Pacific/Chatham", 2},  // offsets of +12:45 and +13:45
		{"America/Port_of_Spain", 0},
		{"Asia/Tokyo", 0},
		{"America/Havana", 2},
		{"America/Santiago", -1}, // whatever the data says: only the offsets are checked
		{"UTC", 0},
	}
	for _, z := range zones {
		t.Run(z.name, func(t *testing.T) {
			loc, err := time.LoadLocation(z.name)
			if err != nil {
				t.Skip(err)
			}
			from := time.Date(2027, 3, 15, 0, 0, 0, 0, loc)
			to := from.AddDate(0, 0, 3)
			ics := string(Calendar{ProdID: "-//t//t//EN", Location: loc, From: from, To: to}.Encode())
			if n := strings.Count(ics, "RRULE:"); z.rrules >= 0 && n != z.rrules {
				t.Errorf("%d RRULEs, want %d\n%s", n, z.rrules, ics)
			}
			end := time.Date(2029, 1, 1, 0, 0, 0, 0, loc)
			ons := onsets(t, ics, end.AddDate(1, 0, 0))
			for at := time.Date(2026, 1, 1, 0, 0, 0, 0, loc); at.Before(end); at = at.Add(time.Hour) {
				var best *onset
				for i := range ons {
					if !ons[i].at.After(at) && (best == nil || ons[i].at.After(best.at)) {
						best = &ons[i]
					}
				}
				_, want := at.In(loc).Zone()
				if best == nil || best.offset != want {
					got := "none"
					if best != nil {
						got = utcOffset(best.offset)
					}
					t.Fatalf("at %s the VTIMEZONE gives %s, Go gives %s\n%s", at.UTC(), got, utcOffset(want), ics)
				}
			}
		})
	}
}

func TestNewYorkRules(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	from := time.Date(2027, 3, 15, 0, 0, 0, 0, ny)
	ics := string(Calendar{ProdID: "-//t//t//EN", Location: ny, From: from, To: from}.Encode())
	for _, want := range []string{
		"BEGIN:DAYLIGHT\r\nDTSTART:20250309T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nTZNAME:EDT\r\nEND:DAYLIGHT",
		"BEGIN:STANDARD\r\nDTSTART:20251102T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nTZNAME:EST\r\nEND:STANDARD",
	} {
		if !strings.Contains(ics, want) {
			t.Errorf("VTIMEZONE lacks\n%s\n\ngot\n%s", want, ics)
		}
	}
}

// An all-day event is written as dates in the calendar's zone (an instant
// late in the day in UTC is still the zone's day), the end exclusive, and
// parses as dates.
func TestAllDayEvent(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	start := time.Date(2027, 3, 15, 0, 0, 0, 0, ny)
	cal := Calendar{ProdID: "-//confdesk//Test//EN", Location: ny, From: start, To: start.AddDate(0, 0, 3),
		Events: []Event{{UID: "conference-1@example.org", Stamp: start, Start: start, End: start.AddDate(0, 0, 3),
			AllDay: true, Summary: "CTC"}}}
	s := string(cal.Encode())
	for _, want := range []string{"\r\nDTSTART;VALUE=DATE:20270315\r\n", "\r\nDTEND;VALUE=DATE:20270318\r\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in\n%s", strings.TrimSpace(want), s)
		}
	}
	parsed, err := goical.NewDecoder(strings.NewReader(s)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	ev := parsed.Events()[0]
	if p := ev.Props.Get(goical.PropDateTimeStart); p.ValueType() != goical.ValueDate {
		t.Errorf("DTSTART of type %v", p.ValueType())
	}
}

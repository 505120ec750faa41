package model

import "testing"

func TestDateRange(t *testing.T) {
	for _, tc := range []struct{ start, end, want string }{
		{"2027-03-09", "2027-03-11", "9–11 March 2027"},
		{"2027-03-30", "2027-04-01", "30 March – 1 April 2027"},
		{"2027-12-30", "2028-01-01", "30 December 2027 – 1 January 2028"},
		{"2027-03-09", "2027-03-09", "9 March 2027"},
		{"bad", "2027-03-09", ""},
	} {
		c := Conference{StartDate: tc.start, EndDate: tc.end, TimeZone: "America/New_York"}
		if got := c.DateRange(); got != tc.want {
			t.Errorf("DateRange(%s, %s) = %q, want %q", tc.start, tc.end, got, tc.want)
		}
	}
}

func TestDatesInWords(t *testing.T) {
	for _, tc := range []struct{ start, end, want string }{
		{"2027-03-09", "2027-03-11", "from 9 to 11 March 2027"},
		{"2027-03-30", "2027-04-01", "from 30 March to 1 April 2027"},
		{"2027-12-30", "2028-01-01", "from 30 December 2027 to 1 January 2028"},
		{"2027-03-09", "2027-03-09", "on 9 March 2027"},
		{"bad", "2027-03-09", ""},
	} {
		c := Conference{StartDate: tc.start, EndDate: tc.end, TimeZone: "America/New_York"}
		if got := c.DatesInWords(); got != tc.want {
			t.Errorf("DatesInWords(%s, %s) = %q, want %q", tc.start, tc.end, got, tc.want)
		}
	}
}

func TestDaysAcrossDaylightSavingChange(t *testing.T) {
	// 2027-03-14 is the spring change in New York: days must stay whole days.
	c := Conference{StartDate: "2027-03-13", EndDate: "2027-03-15", TimeZone: "America/New_York"}
	days := c.Days()
	if len(days) != 3 {
		t.Fatalf("Days() = %d days, want 3", len(days))
	}
	for i, want := range []string{"2027-03-13", "2027-03-14", "2027-03-15"} {
		if got := days[i].Format("2006-01-02 15:04"); got != want+" 00:00" {
			t.Errorf("day %d = %s, want %s 00:00", i+1, got, want)
		}
	}
}

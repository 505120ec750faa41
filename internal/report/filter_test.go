package report

import (
	"net/url"
	"testing"
	"time"
)

func TestParseFilter(t *testing.T) {
	for _, c := range []struct {
		query    string
		want     Filter
		problems []string // fields
	}{
		{"", Filter{By: ByCountry}, nil},
		{"from=2027-01-01&to=2027-01-31&status=confirmed&by=institution",
			Filter{From: "2027-01-01", To: "2027-01-31", Status: "confirmed", By: ByInstitution}, nil},
		{"status=everyone&by=planet", Filter{By: ByCountry}, nil},
		{"from=2027-01-01&to=2027-01-01", Filter{From: "2027-01-01", To: "2027-01-01", By: ByCountry}, nil},
		{"from=31/01/2027", Filter{From: "31/01/2027", By: ByCountry}, []string{"from"}},
		{"from=2027-02-30&to=soon", Filter{From: "2027-02-30", To: "soon", By: ByCountry}, []string{"from", "to"}},
		{"from=2027-02-01&to=2027-01-31", Filter{From: "2027-02-01", To: "2027-01-31", By: ByCountry}, []string{"to"}},
	} {
		v, _ := url.ParseQuery(c.query)
		f, problems := ParseFilter(v)
		if f != c.want {
			t.Errorf("%q: %+v, want %+v", c.query, f, c.want)
		}
		var fields []string
		for _, p := range problems {
			fields = append(fields, p.Field)
		}
		if len(fields) != len(c.problems) || (len(fields) > 0 && fields[0] != c.problems[0]) {
			t.Errorf("%q: problems %v, want %v", c.query, fields, c.problems)
		}
	}
}

func TestFilterDaysAreTheConferenceZones(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	f := Filter{From: "2027-01-10", To: "2027-01-11"}
	for at, want := range map[string]bool{
		"2027-01-10T04:59:59Z": false, // 23:59 on the 9th in New York
		"2027-01-10T05:00:00Z": true,
		"2027-01-12T04:59:59Z": true, // 23:59 on the 11th
		"2027-01-12T05:00:00Z": false,
	} {
		tm, _ := time.Parse(time.RFC3339, at)
		if got := f.contains(tm, ny); got != want {
			t.Errorf("%s: %v, want %v", at, got, want)
		}
	}
	if got := (Filter{From: "2027-01-10", Status: "confirmed", By: ByInstitution}).Values([]string{"from", "to", "by"}).Encode(); got != "by=institution&from=2027-01-10" {
		t.Errorf("values %q", got)
	}
}

func TestPercentRoundsHalfUp(t *testing.T) {
	for _, c := range []struct{ part, whole, want int }{
		{0, 0, 0}, {1, 40, 3}, {1, 200, 1}, {1, 201, 0}, {2, 35, 6}, {35, 35, 100}, {40, 35, 114},
	} {
		if got := percent(c.part, c.whole); got != c.want {
			t.Errorf("percent(%d, %d) = %d, want %d", c.part, c.whole, got, c.want)
		}
	}
}

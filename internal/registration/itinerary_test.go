package registration

import (
	"strings"
	"testing"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

func TestNormaliseFlight(t *testing.T) {
	for in, want := range map[string]string{
		"aa 1234": "AA1234", "AA-1234": "AA1234", "ba 0012": "BA12", "u2 8021": "U28021", "3K 521a": "3K521A", "B6\u00a01": "B61",
	} {
		if got, ok := NormaliseFlight(in); !ok || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "A1", "AAA123", "AA", "AA12345", "AA0000", "12345678", "AA12BC", "ÄA123"} {
		if got, ok := NormaliseFlight(in); ok {
			t.Errorf("%q accepted as %q", in, got)
		}
	}
}

// The conference of 4–6 February 2027 in America/New_York, margin 2 days.
func itineraryConference() (model.Conference, model.TravelSettings) {
	return model.Conference{StartDate: "2027-02-04", EndDate: "2027-02-06", TimeZone: "America/New_York"},
		model.TravelSettings{MarginDays: 2, Airports: []string{"MIA", "FLL"}}
}

func TestItineraryFormValidate(t *testing.T) {
	c, travel := itineraryConference()
	ok := ItineraryForm{ArrivalDate: "2027-02-03", ArrivalTime: "9:30", ArrivalFlight: "aa 1234", ArrivalAirport: "mia",
		DepartureDate: "2027-02-07", DepartureTime: "18:00", CheckIn: "2027-02-03", CheckOut: "2027-02-07", Transfer: true}
	it, errs := ok.Validate(c, travel)
	if len(errs) > 0 {
		t.Fatalf("valid form refused: %v", errs)
	}
	if it.ArrivalAt != "2027-02-03T09:30" || it.ArrivalFlight != "AA1234" || it.ArrivalAirport != "MIA" ||
		it.DepartureAt != "2027-02-07T18:00" || it.DepartureAirport != "" || len(it.Nights()) != 4 || it.StayNights() != 4 {
		t.Errorf("validated %+v", it)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*ItineraryForm)
		field string
		want  string // in the English message
	}{
		{"no arrival", func(f *ItineraryForm) { f.ArrivalDate = "" }, "arrival_date", "date of your arrival"},
		{"check-in 3 days early", func(f *ItineraryForm) { f.CheckIn = "2027-02-01" }, "check_in", "2 February 2027"},
		{"check-out 3 days late", func(f *ItineraryForm) { f.CheckOut = "2027-02-09" }, "check_out", "8 February 2027"},
		{"same-day hotel", func(f *ItineraryForm) { f.CheckOut = f.CheckIn }, "check_out", "after your check-in"},
		{"departure = arrival", func(f *ItineraryForm) { f.DepartureDate, f.DepartureTime = f.ArrivalDate, "09:30" }, "departure_date", "after your arrival"},
		{"airport not offered", func(f *ItineraryForm) { f.ArrivalAirport = "PBI" }, "arrival_airport", "MIA, FLL"},
		{"transfer without airport", func(f *ItineraryForm) { f.ArrivalFlight, f.ArrivalAirport = "", "" }, "arrival_airport", "MIA, FLL"},
	} {
		f := ok
		tc.edit(&f)
		_, errs := f.Validate(c, travel)
		if got := errs.Get(tc.field); !strings.Contains(got, tc.want) {
			t.Errorf("%s: %s %q, want %q (all: %v)", tc.name, tc.field, got, tc.want, errs)
		}
	}
	// The margin of the settings widens the window.
	wide := ok
	wide.CheckIn = "2027-01-30"
	travel.MarginDays = 5
	if _, errs := wide.Validate(c, travel); len(errs) > 0 {
		t.Errorf("margin 5: %v", errs)
	}
}

// A time the clocks skip is refused, in the reader's language with the
// date in it.
func TestItinerarySkippedTime(t *testing.T) {
	c := model.Conference{StartDate: "2027-03-15", EndDate: "2027-03-17", TimeZone: "America/New_York"}
	f := ItineraryForm{ArrivalDate: "2027-03-14", ArrivalTime: "02:30", DepartureDate: "2027-03-18", DepartureTime: "10:00"}
	_, errs := f.Validate(c, model.TravelSettings{MarginDays: 2})
	if len(errs) != 1 || errs[0].Field != "arrival_time" {
		t.Fatalf("errors %v", errs)
	}
	if got := i18n.ByCode("fr").Text(errs[0].Msg); !strings.Contains(got, "14 mars 2027") || !strings.Contains(got, "02:30") {
		t.Errorf("French message %q", got)
	}
	if got := errs[0].Message; !strings.Contains(got, "14 March 2027") {
		t.Errorf("English message %q", got)
	}
}

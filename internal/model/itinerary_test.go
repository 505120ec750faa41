package model

import (
	"slices"
	"testing"
)

func TestItineraryNights(t *testing.T) {
	it := Itinerary{CheckIn: "2027-02-28", CheckOut: "2027-03-02", ArrivalAt: "2027-02-28T22:40", DepartureAt: "2027-03-02T08:00"}
	if got := it.Nights(); !slices.Equal(got, []string{"2027-02-28", "2027-03-01"}) {
		t.Errorf("Nights = %v", got)
	}
	if got := it.StayNights(); got != 2 {
		t.Errorf("StayNights = %d, want 2", got)
	}
	// Across the start of summer time in Miami: still whole nights.
	dst := Itinerary{ArrivalAt: "2027-03-13T10:00", DepartureAt: "2027-03-15T10:00"}
	if got := dst.StayNights(); got != 2 {
		t.Errorf("StayNights across a clock change = %d, want 2", got)
	}
	for _, bad := range []Itinerary{{CheckIn: "2027-02-28"}, {CheckIn: "x", CheckOut: "2027-03-01"},
		{CheckIn: "2027-03-01", CheckOut: "2027-03-01"}} {
		if n := bad.Nights(); n != nil {
			t.Errorf("%+v: Nights = %v, want none", bad, n)
		}
	}
	if n := (Itinerary{ArrivalAt: "2027-03-02T10:00", DepartureAt: "2027-03-01T10:00"}).StayNights(); n != 0 {
		t.Errorf("departure before arrival: StayNights = %d", n)
	}
}

func TestNightCounts(t *testing.T) {
	confirmedIt := Itinerary{CheckIn: "2027-02-03", CheckOut: "2027-02-05"}
	confirmedIt.ConfirmedAt = confirmedIt.ConfirmedAt.AddDate(2027, 0, 0)
	ts := []Traveller{{Itinerary: confirmedIt}, {Itinerary: Itinerary{CheckIn: "2027-02-04", CheckOut: "2027-02-05"}}}
	c, a := NightCounts(ts)
	if c["2027-02-03"] != 1 || c["2027-02-04"] != 1 || c["2027-02-05"] != 0 || a["2027-02-04"] != 1 || len(a) != 1 {
		t.Errorf("confirmed %v, awaiting %v", c, a)
	}
}

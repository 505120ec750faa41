package demo

import (
	"context"
	"slices"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/store"
)

func TestSeedSponsoredTravellers(t *testing.T) {
	ctx := context.Background()
	seedOnce := func() ([]model.Traveller, model.TravelSettings, int) {
		st := newStore(t)
		if _, err := EnsureConference(ctx, st, Options{Demo: true, Start: "2027-02-04", Now: now, Travellers: true}); err != nil {
			t.Fatal(err)
		}
		c, err := st.CurrentConference(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ts, err := st.Travellers(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		settings, err := st.TravelSettings(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		granted := 0
		err = st.EachRegistration(ctx, c.ID, store.RegistrationFilter{Sponsored: store.SponsoredYes}, func(r model.Registration) error {
			if r.OrgType != "government" || r.Status != model.StatusConfirmed {
				t.Errorf("%s %s: %s %s", r.FirstName, r.LastName, r.OrgType, r.Status)
			}
			granted++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return ts, settings, granted
	}
	ts, settings, granted := seedOnce()
	if !settings.SponsorsTravel || settings.PerDiemCents <= 0 || settings.HotelName == "" || settings.HotelRooms < len(ts) {
		t.Errorf("travel settings %+v", settings)
	}
	if granted != 12 || len(ts) != 10 {
		t.Errorf("%d granted, %d with an itinerary; want 12 and 10", granted, len(ts))
	}
	confirmed := 0
	for _, tr := range ts {
		it := tr.Itinerary
		if it.Confirmed() {
			confirmed++
		}
		if it.ArrivalAt < "2027-02-02" || it.ArrivalAt > "2027-02-04" || it.DepartureAt[:10] != "2027-02-07" ||
			!slices.Contains(settings.Airports, it.ArrivalAirport) || it.ArrivalFlight == "" || len(it.Nights()) == 0 {
			t.Errorf("%s: itinerary %+v", tr.Registration.LastName, it)
		}
	}
	if confirmed != 6 {
		t.Errorf("%d confirmed itineraries, want 6", confirmed)
	}
	// The same people and trips on every seed.
	again, _, _ := seedOnce()
	for i := range ts {
		a, b := ts[i], again[i]
		if a.Registration.LastName != b.Registration.LastName || a.Itinerary.ArrivalAt != b.Itinerary.ArrivalAt ||
			a.Itinerary.ArrivalFlight != b.Itinerary.ArrivalFlight || a.Itinerary.Confirmed() != b.Itinerary.Confirmed() {
			t.Errorf("seed %d differs: %+v vs %+v", i, a, b)
		}
	}
	// Without the option, the conference starts with no registrations.
	st := newStore(t)
	if _, err := EnsureConference(ctx, st, Options{Demo: true, Now: now}); err != nil {
		t.Fatal(err)
	}
	c, _ := st.CurrentConference(ctx)
	if n, err := st.ActiveCount(ctx, c.ID); err != nil || n != 0 {
		t.Errorf("without travellers: %d registrations, %v", n, err)
	}
}

package e2e

import (
	"context"
	"os"
	"testing"

	"github.com/chromedp/chromedp"

	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// The logistics page, with a night over the block and one at risk of it,
// passes axe-core and fits the screen, on a laptop and on a phone.
func TestLogisticsPageAccessible(t *testing.T) {
	src := axeSource(t)
	b := newBrowser(t)
	now := webtest.DefaultNow
	err := b.Env.Store.Update(context.Background(), func(tx *store.Tx) error {
		if err := tx.SetTravelSettings(b.Env.Conference.ID, model.TravelSettings{SponsorsTravel: true, PerDiemCents: 8500,
			PerDiemCurrency: "USD", HotelName: "Hotel at Riverwalk", HotelRooms: 1, MarginDays: 2, Airports: []string{"MIA", "FLL"}}); err != nil {
			return err
		}
		for i, last := range []string{"Ramdial", "Whyte"} {
			id, err := tx.CreateRegistration(store.NewRegistration{Registration: model.Registration{ConferenceID: b.Env.Conference.ID,
				Reference: registration.NewReference(), CheckinCode: registration.NewCheckinCode(), Status: model.StatusConfirmed,
				Category: model.CategoryParticipant, FirstName: "Delegate", LastName: last, Email: last + "@gov.example",
				Country: "TT", OrgType: "government", CreatedAt: now, ConsentAt: now},
				ManageTokenHash: registration.HashToken(registration.NewManageToken())})
			if err != nil {
				return err
			}
			if err := tx.SetSponsorshipDecision(id, model.SponsorshipGranted, "", "organiser@example.org", now); err != nil {
				return err
			}
			if err := tx.SaveItinerary(model.Itinerary{RegistrationID: id, ArrivalAt: "2027-03-14T15:35", ArrivalFlight: "BW 484",
				ArrivalAirport: "MIA", DepartureAt: "2027-03-18T17:05", DepartureFlight: "BW 485", DepartureAirport: "MIA",
				CheckIn: "2027-03-14", CheckOut: "2027-03-18", Transfer: true}, "participant", now); err != nil {
				return err
			}
			if i == 0 {
				if err := tx.ConfirmItinerary(id, "organiser@example.org", false, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	loginAs(b, model.UserOrganiser)
	for i, v := range viewports {
		onViewport(b, i)
		visit(t, b, i, "/admin/logistics")
		assertAccessible(t, b, src, v.name+" /admin/logistics")
		if dir := os.Getenv("SCREENSHOT_DIR"); dir != "" {
			if err := os.WriteFile(dir+"/logistics-"+v.name+".png", Get(b, chromedp.CaptureScreenshot()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

package web

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/views/public"
)

// A sponsored participant's travel, on their own pages: the self-service
// page's "Your travel" section sums it up, and /registration/TOKEN/travel
// holds the itinerary form (a page of its own, as the edit form is, with
// the public forms' token), read-only once the organisers confirmed it.
// Without a granted sponsorship there is no such page (404).

// sponsoredTraveller reports whether r may enter an itinerary (as
// registration.Service.SaveItinerary decides).
func sponsoredTraveller(r model.Registration) bool {
	return r.Sponsorship == model.SponsorshipGranted && r.ErasedAt.IsZero() &&
		r.Status != model.StatusCancelled && r.Status != model.StatusRejected
}

// itineraryValues reads the posted itinerary form.
func itineraryValues(c *fiber.Ctx) registration.ItineraryForm {
	v := func(name string) string { return strings.TrimSpace(c.FormValue(name)) }
	version, _ := strconv.ParseInt(v("version"), 10, 64)
	return registration.ItineraryForm{
		ArrivalDate: v("arrival_date"), ArrivalTime: v("arrival_time"), ArrivalFlight: v("arrival_flight"),
		ArrivalAirport: v("arrival_airport"), DepartureDate: v("departure_date"), DepartureTime: v("departure_time"),
		DepartureFlight: v("departure_flight"), DepartureAirport: v("departure_airport"),
		CheckIn: v("check_in"), CheckOut: v("check_out"), Transfer: c.FormValue("transfer") != "", Version: version,
	}
}

// travelView is the travel page's state for r, the form filled with what
// is stored; ok is false when r's travel is not sponsored.
func (s *Server) travelView(c *fiber.Ctx, r model.Registration) (v public.TravelView, ok bool, err error) {
	if !sponsoredTraveller(r) {
		return v, false, nil
	}
	conf := conference(c)
	if v.Travel, err = s.store.TravelSettings(c.UserContext(), conf.ID); err != nil {
		return v, true, err
	}
	v.Itinerary, err = s.store.Itinerary(c.UserContext(), r.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return v, true, err
	}
	v.Base = registrationBase(c)
	v.Form = registration.ItineraryFormOf(v.Itinerary)
	v.First, v.Last = public.ItineraryHotelRange(conf, v.Travel)
	return v, true, nil
}

func (s *Server) renderTravel(c *fiber.Ctx, status int, v public.TravelView) error {
	r := currentRegistration(c)
	p := page(c, language(c).T("self.itinerary.heading"), selfServiceSection(r))
	return render(c, status, public.TravelPage(p, v))
}

// showTravel is the itinerary form, or the confirmed itinerary.
func (s *Server) showTravel(c *fiber.Ctx) error {
	v, ok, err := s.travelView(c, currentRegistration(c))
	if err != nil {
		return err
	}
	if !ok {
		return fiber.ErrNotFound
	}
	return s.renderTravel(c, fiber.StatusOK, v)
}

// saveTravel saves the participant's itinerary while it is not confirmed.
func (s *Server) saveTravel(c *fiber.Ctx) error {
	r := currentRegistration(c)
	v, ok, err := s.travelView(c, r)
	if err != nil {
		return err
	}
	if !ok {
		return fiber.ErrNotFound
	}
	f := itineraryValues(c)
	_, errs, err := s.reg.SaveItinerary(c.UserContext(), conference(c), r.ID, f, registration.ParticipantActor)
	switch {
	case errors.Is(err, registration.ErrNotSponsored):
		return fiber.ErrNotFound
	case errors.Is(err, registration.ErrItineraryConfirmed):
		// Confirmed meanwhile: what the organisers confirmed, read-only.
		return s.renderTravel(c, fiber.StatusConflict, v)
	case errors.Is(err, registration.ErrStale):
		v.Notice = language(c).T("self.itinerary.stale")
		return s.renderTravel(c, fiber.StatusConflict, v)
	case err != nil:
		return err
	case len(errs) > 0:
		v.Form, v.Errors = f, errs
		return s.renderTravel(c, fiber.StatusUnprocessableEntity, v)
	}
	return c.Redirect(registrationBase(c)+"?travel=1", fiber.StatusSeeOther)
}

// retryTravel shows the itinerary form again after its token failed
// (guardForm), with what was typed.
func (s *Server) retryTravel(c *fiber.Ctx, notice string) error {
	v, ok, err := s.travelView(c, currentRegistration(c))
	if err != nil {
		return err
	}
	if !ok {
		return fiber.ErrNotFound
	}
	if !v.Itinerary.Confirmed() {
		v.Form = itineraryValues(c)
	}
	v.Notice = notice
	return s.renderTravel(c, fiber.StatusUnprocessableEntity, v)
}

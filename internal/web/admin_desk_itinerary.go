package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/views/admin"
	"confdesk/views/public"
)

// The console's side of a sponsored participant's itinerary: the
// registration page's "Itinerary" section, the form at
// /admin/registrations/:id/itinerary (organisers may always change it; a
// save clears a confirmation) and the confirmation, refused when the room
// block is full unless "override" is ticked (registration.ConfirmItinerary).

// itineraryDetail fills the registration page's itinerary section.
func (s *Server) itineraryDetail(c *fiber.Ctx, r model.Registration) (admin.ItineraryDetail, error) {
	d := admin.ItineraryDetail{Sponsored: sponsoredTraveller(r)}
	it, err := s.store.Itinerary(c.UserContext(), r.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return d, err
	default:
		d.Itinerary = it
	}
	d.Show = d.Sponsored || d.Itinerary.Version > 0
	return d, nil
}

// itineraryEdit is the organisers' form for r, filled with what is stored.
func (s *Server) itineraryEdit(c *fiber.Ctx, r model.Registration) (admin.ItineraryEdit, error) {
	conf := conference(c)
	e := admin.ItineraryEdit{Registration: r}
	travel, err := s.store.TravelSettings(c.UserContext(), conf.ID)
	if err != nil {
		return e, err
	}
	it, err := s.store.Itinerary(c.UserContext(), r.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return e, err
	}
	e.Form, e.Confirmed = registration.ItineraryFormOf(it), it.Confirmed()
	e.Airports = travel.Airports
	if len(e.Airports) == 0 {
		e.Airports = []string{"MIA", "FLL"}
	}
	e.First, e.Last = public.ItineraryHotelRange(conf, travel)
	return e, nil
}

func (s *Server) renderItineraryEdit(c *fiber.Ctx, status int, e admin.ItineraryEdit) error {
	title := "Itinerary of " + e.Registration.FullName()
	if len(e.Errors) > 0 {
		title = "Check the answers: " + title
	}
	p, err := s.adminPage(c, title, "registrations")
	if err != nil {
		return err
	}
	return render(c, status, admin.ItineraryPage(p, e))
}

// sponsoredRecord loads the registration of the path, 404 unless its
// travel is sponsored.
func (s *Server) sponsoredRecord(c *fiber.Ctx) (model.Registration, error) {
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return r, err
	}
	if !sponsoredTraveller(r) {
		return r, fiber.NewError(fiber.StatusNotFound, "This registration's travel is not sponsored: grant sponsorship first.")
	}
	return r, nil
}

// showDeskItinerary is the organisers' itinerary form.
func (s *Server) showDeskItinerary(c *fiber.Ctx) error {
	r, err := s.sponsoredRecord(c)
	if err != nil {
		return err
	}
	e, err := s.itineraryEdit(c, r)
	if err != nil {
		return err
	}
	return s.renderItineraryEdit(c, fiber.StatusOK, e)
}

// saveDeskItinerary saves the itinerary an organiser entered.
func (s *Server) saveDeskItinerary(c *fiber.Ctx) error {
	r, err := s.sponsoredRecord(c)
	if err != nil {
		return err
	}
	f := itineraryValues(c)
	_, errs, err := s.reg.SaveItinerary(c.UserContext(), conference(c), r.ID, f, deskActor(c))
	if errors.Is(err, registration.ErrStale) {
		e, err := s.itineraryEdit(c, r)
		if err != nil {
			return err
		}
		e.Notice = "Someone saved this itinerary after you opened the form. Here it is as it is now: check it and save again."
		return s.renderItineraryEdit(c, fiber.StatusConflict, e)
	}
	if errors.Is(err, registration.ErrNotSponsored) {
		return fiber.NewError(fiber.StatusNotFound, "This registration's travel is not sponsored: grant sponsorship first.")
	}
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		e, err := s.itineraryEdit(c, r)
		if err != nil {
			return err
		}
		e.Form, e.Errors = f, errs
		return s.renderItineraryEdit(c, fiber.StatusUnprocessableEntity, e)
	}
	return s.redirectWithFlash(c, paths.Registration(r.ID),
		"Itinerary saved. It awaits confirmation: confirm it to hold the hotel nights and e-mail it to "+r.FullName()+".")
}

// confirmDeskItinerary confirms the itinerary; a full room block is
// refused with the full nights named, unless "override" is ticked.
func (s *Server) confirmDeskItinerary(c *fiber.Ctx) error {
	r, err := s.sponsoredRecord(c)
	if err != nil {
		return err
	}
	override := c.FormValue("override") != ""
	err = s.reg.ConfirmItinerary(c.UserContext(), conference(c), r.ID, override, deskActor(c))
	var full *registration.BlockFull
	if errors.As(err, &full) {
		d := admin.RegistrationDetail{Problem: "Not confirmed. " + full.Error() +
			" Tick “Confirm anyway, over the room block” in the Itinerary section to confirm it regardless."}
		d.Itinerary.FullNights, d.Itinerary.Rooms = full.Nights, full.Rooms
		return s.renderDeskRegistration(c, fiber.StatusConflict, r, d)
	}
	if ok, answer := s.refusal(c, r, err, ""); ok {
		return answer
	}
	if err != nil {
		return err
	}
	msg := "Itinerary confirmed. " + r.FullName() + " is e-mailed it in " + admin.LanguageName(r.Language) + "."
	if it, err := s.store.Itinerary(c.UserContext(), r.ID); err == nil && it.OverBlock {
		msg = "Itinerary confirmed over the room block (recorded in the history). " + r.FullName() + " is e-mailed it."
	}
	return s.redirectWithFlash(c, paths.Registration(r.ID), msg)
}

package admin

import (
	"strings"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/views"
)

// ItineraryDetail is the registration page's "Itinerary" section: shown
// when the person's travel is sponsored or an itinerary exists.
type ItineraryDetail struct {
	Show      bool
	Itinerary model.Itinerary // Version 0: none entered
	// Sponsored: the registration may have an itinerary (sponsorship
	// granted, not cancelled, rejected or erased): it may be edited and confirmed.
	Sponsored bool
	// FullNights are the nights a refused confirmation found full: the
	// section then offers "Confirm anyway, over the room block".
	FullNights []string
	Rooms      int
}

// ItineraryEdit is the organisers' itinerary form.
type ItineraryEdit struct {
	Registration model.Registration
	Form         registration.ItineraryForm
	Errors       model.FieldErrors
	Notice       string
	Airports     []string
	First, Last  string // the dates hotel nights may reach
	Confirmed    bool   // the stored itinerary is confirmed: saving clears it
}

func (e ItineraryEdit) field(name, label, value, typ string, required bool, hint string) views.Field {
	return views.Field{Name: name, Label: label, Value: value, Type: typ, Required: required, Hint: hint,
		Error: e.Errors.Get(name), Autocomplete: "off"}
}

func (e ItineraryEdit) airportOptions() []views.OptionGroup {
	opts := make([]views.Option, len(e.Airports))
	for i, a := range e.Airports {
		opts[i] = views.Option{Value: a, Label: a}
	}
	return []views.OptionGroup{{Options: opts}}
}

// itineraryWhen is a "YYYY-MM-DDTHH:MM" wall-clock time in the conference's zone, for the console.
func itineraryWhen(c model.Conference, at string) string {
	t, err := time.ParseInLocation("2006-01-02T15:04", at, c.Location())
	if err != nil {
		return at
	}
	return t.Format("Mon 2 Jan 2006, 15:04 MST")
}

// itineraryLeg is one way of the journey: when, flight, airport.
func itineraryLeg(c model.Conference, at, flight, airport string) string {
	if at == "" {
		return "—"
	}
	parts := []string{itineraryWhen(c, at)}
	if flight != "" {
		parts = append(parts, "flight "+flight)
	}
	if airport != "" {
		parts = append(parts, airport)
	}
	return strings.Join(parts, ", ")
}

// itineraryHotel is the hotel nights, for the console.
func itineraryHotel(it model.Itinerary) string {
	if it.CheckIn == "" {
		return "No hotel room"
	}
	n := len(it.Nights())
	nights := "nights"
	if n == 1 {
		nights = "night"
	}
	return views.LongDate(it.CheckIn) + " to " + views.LongDate(it.CheckOut) + " (" + itoa(n) + " " + nights + ")"
}

// nightList names nights ("YYYY-MM-DD", each the date it begins) for the console.
func nightList(nights []string) string {
	out := make([]string, len(nights))
	for i, n := range nights {
		out[i] = "the night of " + views.LongDate(n)
	}
	return strings.Join(out, ", ")
}

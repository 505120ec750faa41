package public

import (
	"context"
	"strings"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/views"
)

// TravelView is a sponsored participant's "Your travel" page: the
// itinerary form, or once the organisers confirmed it, what they confirmed.
type TravelView struct {
	Base      string // the self-service page's path
	Form      registration.ItineraryForm
	Errors    model.FieldErrors
	Notice    string // a sentence above the form (a stale save, a retried token)
	Itinerary model.Itinerary
	Travel    model.TravelSettings
	// First and Last are the dates the hotel nights may begin and end ("YYYY-MM-DD").
	First, Last string
}

// ItineraryHotelRange is the first and last date a sponsored itinerary's
// hotel nights may reach: the conference's days widened by the margin.
func ItineraryHotelRange(c model.Conference, t model.TravelSettings) (first, last string) {
	s, err1 := time.Parse(time.DateOnly, c.StartDate)
	e, err2 := time.Parse(time.DateOnly, c.EndDate)
	if err1 != nil || err2 != nil {
		return c.StartDate, c.EndDate
	}
	return s.AddDate(0, 0, -t.MarginDays).Format(time.DateOnly), e.AddDate(0, 0, t.MarginDays).Format(time.DateOnly)
}

// travelField is an itinerary form field, labelled in ctx's language, with its problem.
func (v TravelView) travelField(ctx context.Context, name, value, typ string, required bool, hint string) views.Field {
	return views.Field{Name: name, Label: i18n.T(ctx, "self.itinerary.label."+name), Value: value, Type: typ,
		Required: required, Hint: hint, Error: v.Errors.Text(ctx, name), Autocomplete: "off", MaxLength: maxLen(typ)}
}

func maxLen(typ string) int {
	if typ == "" {
		return 10
	}
	return 0
}

// airportOptions are the arriving airports the form offers.
func (v TravelView) airportOptions() []views.OptionGroup {
	airports := v.Travel.Airports
	if len(airports) == 0 {
		airports = []string{"MIA", "FLL"}
	}
	opts := make([]views.Option, len(airports))
	for i, a := range airports {
		opts[i] = views.Option{Value: a, Label: a}
	}
	return []views.OptionGroup{{Options: opts}}
}

// ItineraryWhen is an itinerary's "YYYY-MM-DDTHH:MM" wall-clock time in
// the conference's zone, in ctx's language, with the zone's abbreviation.
func ItineraryWhen(ctx context.Context, c model.Conference, at string) string {
	t, err := time.ParseInLocation("2006-01-02T15:04", at, c.Location())
	if err != nil {
		return at
	}
	return views.LocalDateTime(ctx, c, t)
}

// itineraryLeg is one way of the journey in words: when, flight, airport.
func itineraryLeg(ctx context.Context, c model.Conference, at, flight, airport string) string {
	parts := []string{ItineraryWhen(ctx, c, at)}
	if flight != "" {
		parts = append(parts, i18n.T(ctx, "self.itinerary.flight", "Flight", flight))
	}
	if airport != "" {
		parts = append(parts, airport)
	}
	return strings.Join(parts, ", ")
}

// itineraryHotel is the hotel nights in words; "" without hotel dates.
func itineraryHotel(ctx context.Context, it model.Itinerary) string {
	if it.CheckIn == "" || it.CheckOut == "" {
		return i18n.T(ctx, "self.itinerary.no_hotel")
	}
	return i18n.T(ctx, "self.itinerary.nights", "CheckIn", longDate(ctx, it.CheckIn), "CheckOut", longDate(ctx, it.CheckOut))
}

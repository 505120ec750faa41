package registration

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/localtime"
	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// The itinerary of a sponsored participant (issue 15): flights, arriving
// airport, hotel nights and whether they need an airport transfer. The
// participant enters it on their own page while it is not confirmed;
// organisers may enter or change it at any time, and confirm it. A
// confirmation holds the itinerary's hotel nights in the room block: it is
// refused when the block is full on one of them, unless an organiser
// overrides the block (audited, stored as OverBlock). Any save clears the
// confirmation (store.Tx.SaveItinerary).
//
// Decisions:
//   - Arrival and departure (date and time) are required; flight numbers
//     are optional, since a delegate may come by road or not have booked
//     yet. A flight needs its airport; an airport transfer needs the
//     arriving airport. Without a flight the airport may stay empty.
//   - Hotel dates are both or neither (a delegate may stay elsewhere);
//     check-in may be at most MarginDays before the first day, check-out
//     at most MarginDays after the last. The arrival must be on or before
//     the last day and the departure on or after the first: the trip is to
//     the conference.
//   - A room block of 0 rooms is "no block set": confirmations are not
//     counted against it.

// ItineraryForm is the itinerary form as typed, on the participant's page
// and in the console alike.
type ItineraryForm struct {
	ArrivalDate, ArrivalTime, ArrivalFlight, ArrivalAirport         string
	DepartureDate, DepartureTime, DepartureFlight, DepartureAirport string
	CheckIn, CheckOut                                               string
	Transfer                                                        bool
	Version                                                         int64 // the itinerary's version the form was loaded from; 0 for none
}

// ItineraryFormOf fills the form from a stored itinerary.
func ItineraryFormOf(it model.Itinerary) ItineraryForm {
	ad, at, _ := strings.Cut(it.ArrivalAt, "T")
	dd, dt, _ := strings.Cut(it.DepartureAt, "T")
	return ItineraryForm{ArrivalDate: ad, ArrivalTime: at, ArrivalFlight: it.ArrivalFlight, ArrivalAirport: it.ArrivalAirport,
		DepartureDate: dd, DepartureTime: dt, DepartureFlight: it.DepartureFlight, DepartureAirport: it.DepartureAirport,
		CheckIn: it.CheckIn, CheckOut: it.CheckOut, Transfer: it.Transfer, Version: it.Version}
}

// flightPattern is an IATA flight designator once normalised: the
// airline's two-character code (letters or a digit and a letter), 1–4
// digits and an optional operational suffix letter.
var flightPattern = regexp.MustCompile(`^([A-Z]{2}|[A-Z][0-9]|[0-9][A-Z])([0-9]{1,4})([A-Z]?)$`)

// NormaliseFlight writes a flight number as airlines print it: "aa 1234"
// and "AA-1234" become "AA1234", "ba 0012" "BA12". ok is false when s is
// not a flight number.
func NormaliseFlight(s string) (string, bool) {
	s = strings.ToUpper(strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u00a0' {
			return -1
		}
		return r
	}, s))
	m := flightPattern.FindStringSubmatch(s)
	if m == nil {
		return s, false
	}
	n, _ := strconv.Atoi(m[2])
	if n == 0 {
		return s, false
	}
	return m[1] + strconv.Itoa(n) + m[3], true
}

// Validate checks the form against the conference's dates and zone and the
// travel settings, and returns the itinerary (without registration id and
// version) or the fields' problems, each with a catalogue message.
func (f ItineraryForm) Validate(c model.Conference, t model.TravelSettings) (model.Itinerary, model.FieldErrors) {
	var errs model.FieldErrors
	loc := c.Location()
	add := func(field, id string, kv ...any) { errs.AddMsg(field, i18n.Msg("self.itinerary.error."+id, kv...)) }
	airports := t.Airports
	if len(airports) == 0 {
		airports = []string{"MIA", "FLL"}
	}
	first, _ := time.Parse(time.DateOnly, c.StartDate)
	last, _ := time.Parse(time.DateOnly, c.EndDate)

	// when reads a date and a time typed in the conference's zone.
	when := func(prefix, date, clock string) (time.Time, bool) {
		date, clock = strings.TrimSpace(date), strings.TrimSpace(clock)
		d, err := time.Parse(time.DateOnly, date)
		switch {
		case date == "":
			add(prefix+"_date", prefix+"_date_missing")
			return time.Time{}, false
		case err != nil:
			add(prefix+"_date", "date_invalid")
			return time.Time{}, false
		}
		if len(clock) == 4 && clock[1] == ':' { // "9:30"
			clock = "0" + clock
		}
		switch _, err := time.Parse("15:04", clock); {
		case clock == "":
			add(prefix+"_time", prefix+"_time_missing")
			return time.Time{}, false
		case err != nil:
			add(prefix+"_time", "time_invalid")
			return time.Time{}, false
		}
		at, err := localtime.Parse("2006-01-02 15:04", d.Format(time.DateOnly)+" "+clock, loc)
		if err != nil {
			add(prefix+"_time", "time_skipped", "Time", clock, "Date", i18n.Day(d))
			return time.Time{}, false
		}
		return at, true
	}
	var it model.Itinerary
	arr, arrOK := when("arrival", f.ArrivalDate, f.ArrivalTime)
	dep, depOK := when("departure", f.DepartureDate, f.DepartureTime)
	if arrOK {
		it.ArrivalAt = arr.Format("2006-01-02T15:04")
		if day := arr.Format(time.DateOnly); day > c.EndDate {
			add("arrival_date", "arrival_late", "Date", i18n.Day(last))
		}
	}
	if depOK {
		it.DepartureAt = dep.Format("2006-01-02T15:04")
		switch {
		case arrOK && !dep.After(arr):
			add("departure_date", "departure_before_arrival")
		case dep.Format(time.DateOnly) < c.StartDate:
			add("departure_date", "departure_early", "Date", i18n.Day(first))
		}
	}
	flight := func(field, v string) string {
		if v = strings.TrimSpace(v); v == "" {
			return ""
		}
		n, ok := NormaliseFlight(v)
		if !ok {
			add(field, "flight_invalid")
		}
		return n
	}
	it.ArrivalFlight = flight("arrival_flight", f.ArrivalFlight)
	it.DepartureFlight = flight("departure_flight", f.DepartureFlight)
	airport := func(field, v, flightNo string, needed bool) string {
		v = strings.ToUpper(strings.TrimSpace(v))
		switch {
		case v == "" && (flightNo != "" || needed):
			add(field, "airport_missing", "Airports", strings.Join(airports, ", "))
		case v != "" && !slices.Contains(airports, v):
			add(field, "airport_unknown", "Airports", strings.Join(airports, ", "))
		}
		return v
	}
	it.Transfer = f.Transfer
	it.ArrivalAirport = airport("arrival_airport", f.ArrivalAirport, it.ArrivalFlight, f.Transfer)
	it.DepartureAirport = airport("departure_airport", f.DepartureAirport, it.DepartureFlight, false)

	in, out := strings.TrimSpace(f.CheckIn), strings.TrimSpace(f.CheckOut)
	inDay, inErr := time.Parse(time.DateOnly, in)
	outDay, outErr := time.Parse(time.DateOnly, out)
	earliest := first.AddDate(0, 0, -t.MarginDays)
	latest := last.AddDate(0, 0, t.MarginDays)
	switch {
	case in == "" && out == "":
	case in == "" || out == "":
		field := "check_in"
		if in != "" {
			field = "check_out"
		}
		add(field, "hotel_both")
	case inErr != nil:
		add("check_in", "date_invalid")
	case outErr != nil:
		add("check_out", "date_invalid")
	case !outDay.After(inDay):
		add("check_out", "check_out_before")
	default:
		ok := true
		if inDay.Before(earliest) {
			add("check_in", "check_in_early", "Date", i18n.Day(earliest), "Last", i18n.Day(latest))
			ok = false
		}
		if outDay.After(latest) {
			add("check_out", "check_out_late", "Date", i18n.Day(latest), "First", i18n.Day(earliest))
			ok = false
		}
		if ok {
			it.CheckIn, it.CheckOut = in, out
		}
	}
	return it, errs
}

// Reasons an itinerary cannot be saved or confirmed.
var (
	// ErrNotSponsored: the registration's travel is not sponsored (or it is
	// cancelled, rejected or erased): it has no itinerary to enter.
	ErrNotSponsored = errors.New("registration: travel not sponsored")
	// ErrItineraryConfirmed: the participant may no longer change an
	// itinerary the organisers confirmed; they write to the organisers.
	ErrItineraryConfirmed = errors.New("registration: itinerary already confirmed")
)

// BlockFull refuses a confirmation: the room block is full on Nights
// ("YYYY-MM-DD", each the date the night begins). An organiser may
// confirm anyway (override).
type BlockFull struct {
	Rooms  int
	Nights []string
}

func (b *BlockFull) Error() string {
	days := make([]string, len(b.Nights))
	for i, n := range b.Nights {
		d, _ := time.Parse(time.DateOnly, n)
		days[i] = d.Format("Mon 2 Jan 2006")
	}
	return fmt.Sprintf("The room block (%d rooms a night) is full on the night of %s: every room is held by a confirmed itinerary.",
		b.Rooms, strings.Join(days, ", "))
}

// sponsoredTraveller checks that registration id, read in tx, may have an
// itinerary: granted sponsorship, not cancelled, rejected or erased.
func sponsoredTraveller(tx *store.Tx, c model.Conference, id int64) (model.Registration, error) {
	r, err := tx.Registration(id)
	switch {
	case err != nil:
		return r, err
	case r.ConferenceID != c.ID:
		return r, store.ErrNotFound
	case r.Sponsorship != model.SponsorshipGranted || !r.ErasedAt.IsZero() ||
		r.Status == model.StatusCancelled || r.Status == model.StatusRejected:
		return r, ErrNotSponsored
	}
	return r, nil
}

// itineraryFields is an itinerary as the audit log records it.
func itineraryFields(it model.Itinerary) map[string]string {
	return map[string]string{
		"arrival": it.ArrivalAt, "arrival_flight": it.ArrivalFlight, "arrival_airport": it.ArrivalAirport,
		"departure": it.DepartureAt, "departure_flight": it.DepartureFlight, "departure_airport": it.DepartureAirport,
		"check_in": it.CheckIn, "check_out": it.CheckOut, "transfer": strconv.FormatBool(it.Transfer),
	}
}

// SaveItinerary validates and stores registration regID's itinerary. The
// participant (actor ParticipantActor) may save only while it is not
// confirmed (else ErrItineraryConfirmed); organisers may always, and a save
// clears the confirmation. f.Version must be the stored version (0 when
// none is stored), else ErrStale and nothing changes. Field problems come
// back as FieldErrors with a nil error.
func (s *Service) SaveItinerary(ctx context.Context, c model.Conference, regID int64, f ItineraryForm, actor Actor) (model.Itinerary, model.FieldErrors, error) {
	now := s.Now()
	var saved model.Itinerary
	var errs model.FieldErrors
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		if _, err := sponsoredTraveller(tx, c, regID); err != nil {
			return err
		}
		cur, err := tx.Itinerary(regID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		saved = cur
		switch {
		case actor.Name == ParticipantActor.Name && cur.Confirmed():
			return ErrItineraryConfirmed
		case cur.Version != f.Version:
			return ErrStale
		}
		travel, err := tx.TravelSettings(c.ID)
		if err != nil {
			return err
		}
		it, verrs := f.Validate(c, travel)
		if len(verrs) > 0 {
			errs = verrs
			return nil
		}
		it.RegistrationID = regID
		before := map[string]string{}
		if cur.Version > 0 {
			before = itineraryFields(cur)
		}
		after := itineraryFields(it)
		same := cur.Version > 0
		for k, v := range after {
			same = same && before[k] == v
		}
		if same {
			return nil // nothing changed: the confirmation stays
		}
		if err := tx.SaveItinerary(it, actor.Name, now); err != nil {
			return err
		}
		if cur.Confirmed() {
			before["confirmed"], after["confirmed"] = "yes", "no (changed)"
		}
		if err := tx.AuditDiff(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
			Action: "itinerary", Entity: "registration", EntityID: regID, CreatedAt: now}, before, after); err != nil {
			return err
		}
		saved, err = tx.Itinerary(regID)
		return err
	})
	return saved, errs, err
}

// ConfirmItinerary confirms registration regID's itinerary and tells the
// person by e-mail (travel_confirmed), in one transaction with the count of
// the rooms confirmed itineraries hold: when one of its nights would take
// more rooms than the block has, it is refused with a *BlockFull unless
// override, which is audited and stored. Confirming a confirmed itinerary
// changes nothing.
func (s *Service) ConfirmItinerary(ctx context.Context, c model.Conference, regID int64, override bool, actor Actor) error {
	now := s.Now()
	sent := false
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		r, err := sponsoredTraveller(tx, c, regID)
		if err != nil {
			return err
		}
		it, err := tx.Itinerary(regID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return refuse(ErrNotAllowed, "There is no itinerary to confirm yet: enter it first.")
		case err != nil:
			return err
		case it.Confirmed():
			return nil
		case it.ArrivalAt == "" || it.DepartureAt == "":
			return refuse(ErrNotAllowed, "Enter the arrival and the departure before confirming the itinerary.")
		}
		travel, err := tx.TravelSettings(c.ID)
		if err != nil {
			return err
		}
		travellers, err := tx.Travellers(c.ID)
		if err != nil {
			return err
		}
		others := travellers[:0:0]
		for _, t := range travellers {
			if t.Registration.ID != regID {
				others = append(others, t)
			}
		}
		confirmed, _ := model.NightCounts(others)
		var full []string
		for _, n := range it.Nights() {
			if model.RoomsOver(confirmed[n]+1, travel.HotelRooms) > 0 {
				full = append(full, n)
			}
		}
		if len(full) > 0 && !override {
			return &BlockFull{Rooms: travel.HotelRooms, Nights: full}
		}
		over := len(full) > 0
		if err := tx.ConfirmItinerary(regID, actor.Name, over, now); err != nil {
			return err
		}
		changes := map[string][2]string{"itinerary_confirmed": {"no", "yes"}}
		if over {
			changes["over_block"] = [2]string{"", "yes: full on " + strings.Join(full, ", ")}
		}
		if err := tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
			Action: "confirm_itinerary", Entity: "registration", EntityID: regID, CreatedAt: now, Changes: changes}); err != nil {
			return err
		}
		if it, err = tx.Itinerary(regID); err != nil {
			return err
		}
		sent = true
		return s.enqueue(tx, mail.KindTravelConfirmed, mail.Data{Conference: c, Registration: r,
			Itinerary: &it, Travel: travel}, now)
	})
	if err == nil && sent {
		s.notify()
	}
	return err
}

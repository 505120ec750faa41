package settings

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"confdesk/internal/model"
	"confdesk/internal/textfield"
)

// MaxPerDiemCents bounds the per-diem rate (as the database does): a
// million units of any currency a night is a typing mistake.
const MaxPerDiemCents = 100_000_000

// MaxHotelRooms bounds the room block (as the database does).
const MaxHotelRooms = 100_000

// TravelForm is the settings form's "Sponsored travel" fieldset as typed.
type TravelForm struct {
	SponsorsTravel          bool
	PerDiem                 string // a decimal amount, "45" or "45.50"
	Currency                string // ISO 4217, "USD"
	HotelName, HotelAddress string
	HotelRooms              string
	MarginDays              string // days around the conference the hotel nights may reach, 0–30
	Airports                string // IATA codes, comma-separated: "MIA, FLL"
	// Absent: the posted form had no such fieldset (a form from before it
	// existed); the stored settings are kept.
	Absent bool
	// ItineraryAbsent: the fieldset had no margin and airports (a form
	// from before they existed); the caller keeps the stored ones.
	ItineraryAbsent bool
}

// TravelFormOf fills the fieldset from the stored settings.
func TravelFormOf(t model.TravelSettings) TravelForm {
	cur := t.PerDiemCurrency
	if cur == "" {
		cur = "USD"
	}
	return TravelForm{SponsorsTravel: t.SponsorsTravel, PerDiem: FormatCents(t.PerDiemCents), Currency: cur,
		HotelName: t.HotelName, HotelAddress: t.HotelAddress, HotelRooms: strconv.Itoa(t.HotelRooms),
		MarginDays: strconv.Itoa(t.MarginDays), Airports: strings.Join(t.Airports, ", ")}
}

// MaxMarginDays bounds the days around the conference an itinerary's
// hotel nights may reach (as the database does).
const MaxMarginDays = 30

// MaxAirports bounds the arriving airports the itinerary form offers.
const MaxAirports = 6

// DefaultAirports are the arriving airports when none are set.
var DefaultAirports = []string{"MIA", "FLL"}

// FormatCents writes an amount in cents as a decimal with two places, "45.50".
func FormatCents(c int64) string {
	return strconv.FormatInt(c/100, 10) + "." + strconv.FormatInt(c%100/10, 10) + strconv.FormatInt(c%10, 10)
}

// ParseAmount reads a decimal amount with at most two decimal places
// ("45", "45.5", "45.50"; a comma is taken for the point) as cents.
func ParseAmount(s string) (int64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || len(whole) > 9 || len(frac) > 2 || hasPoint && frac == "" || !digits(whole) || !digits(frac) {
		return 0, false
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	return w*100 + f, true
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// currencyCode reports whether s looks like an ISO 4217 code: three
// capital letters.
func currencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// Validate checks the fieldset, also while travel is not sponsored, so
// that turning it on needs no second look.
func (f TravelForm) Validate() (model.TravelSettings, model.FieldErrors) {
	var errs model.FieldErrors
	t := model.TravelSettings{SponsorsTravel: f.SponsorsTravel}
	switch c, ok := ParseAmount(f.PerDiem); {
	case strings.TrimSpace(f.PerDiem) == "":
		// No per diem.
	case !ok:
		errs.Add("per_diem", "Enter the per-diem rate as an amount like 45 or 45.50.")
	case c > MaxPerDiemCents:
		errs.Add("per_diem", "The per-diem rate is at most 1,000,000 a night; check the amount.")
	default:
		t.PerDiemCents = c
	}
	t.PerDiemCurrency = strings.ToUpper(strings.TrimSpace(f.Currency))
	if t.PerDiemCurrency == "" {
		t.PerDiemCurrency = "USD"
	}
	if !currencyCode(t.PerDiemCurrency) {
		errs.Add("per_diem_currency", "Enter the currency as its three-letter ISO 4217 code, for example USD or EUR.")
	}
	text := func(field, label string, v string, max int) string {
		v = strings.TrimSpace(v)
		switch {
		case utf8.RuneCountInString(v) > max:
			errs.Add(field, "The "+label+" is too long: at most "+strconv.Itoa(max)+" characters.")
		case textfield.HasControl(v, false):
			errs.Add(field, "The "+label+" must be plain text on one line.")
		}
		return v
	}
	t.HotelName = text("hotel_name", "hotel's name", f.HotelName, 200)
	t.HotelAddress = text("hotel_address", "hotel's address", f.HotelAddress, 300)
	switch n, err := strconv.Atoi(strings.TrimSpace(f.HotelRooms)); {
	case strings.TrimSpace(f.HotelRooms) == "":
	case err != nil || n < 0 || n > MaxHotelRooms:
		errs.Add("hotel_rooms", "Enter the rooms available per night as a whole number from 0 to 100,000.")
	default:
		t.HotelRooms = n
	}
	if f.ItineraryAbsent {
		return t, errs
	}
	switch n, err := strconv.Atoi(strings.TrimSpace(f.MarginDays)); {
	case strings.TrimSpace(f.MarginDays) == "":
		errs.Add("travel_margin_days", "Enter how many days around the conference the hotel nights may reach, from 0 to 30.")
	case err != nil || n < 0 || n > MaxMarginDays:
		errs.Add("travel_margin_days", "Enter the days around the conference as a whole number from 0 to 30.")
	default:
		t.MarginDays = n
	}
	airports, msg := parseAirports(f.Airports)
	if msg != "" {
		errs.Add("travel_airports", msg)
	}
	t.Airports = airports
	return t, errs
}

// parseAirports reads comma-separated IATA airport codes ("mia, FLL"),
// upper-cased and without repeats; empty means the default airports. It
// returns a message when a code is not three letters or there are too many.
func parseAirports(s string) ([]string, string) {
	var list []string
	seen := map[string]bool{}
	for a := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		a = strings.ToUpper(a)
		if len(a) != 3 || !letters(a) {
			return nil, "Enter each airport as its three-letter IATA code, separated by commas, for example MIA, FLL."
		}
		if !seen[a] {
			seen[a] = true
			list = append(list, a)
		}
	}
	switch {
	case len(list) == 0:
		return append([]string(nil), DefaultAirports...), ""
	case len(list) > MaxAirports:
		return nil, "Enter at most " + strconv.Itoa(MaxAirports) + " airports."
	}
	return list, ""
}

func letters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// TravelAudit is the travel settings as the audit log records them.
func TravelAudit(t model.TravelSettings) map[string]string {
	return map[string]string{
		"sponsors_travel": strconv.FormatBool(t.SponsorsTravel),
		"per_diem":        FormatCents(t.PerDiemCents) + " " + t.PerDiemCurrency,
		"hotel_name":      t.HotelName, "hotel_address": t.HotelAddress,
		"hotel_rooms": strconv.Itoa(t.HotelRooms), "travel_margin_days": strconv.Itoa(t.MarginDays),
		"travel_airports": strings.Join(t.Airports, ","),
	}
}

package admin

import (
	"strconv"
	"time"

	"confdesk/internal/report"
)

// LogisticsView is the logistics page: the room block night by night,
// arrivals and departures by day, the sponsored delegates' counts and the
// documents.
type LogisticsView struct {
	L    *report.Logistics
	Docs []LogisticsDoc
	// MissingLink is the desk filtered to sponsored registrations.
	MissingLink string
}

// LogisticsDoc is one document with its two download addresses.
type LogisticsDoc struct {
	Slug, Title, Description string
	PDF, CSV                 string
}

// nightLabel is a hotel night as a row heading: "Wed 3 Feb".
func nightLabel(night string) string {
	d, err := time.Parse(time.DateOnly, night)
	if err != nil {
		return night
	}
	return d.Format("Mon 2 Jan 2006")
}

// travelTerms is the per diem and the hotel in a sentence:
// "Per diem 85.00 USD a night. Hotel: Hotel at Riverwalk, 400 SE 2nd Avenue."
func travelTerms(v LogisticsView) string {
	t := v.L.Settings
	s := "Per diem " + report.Cents(t.PerDiemCents) + " " + t.PerDiemCurrency + " a night."
	switch {
	case t.HotelName != "" && t.HotelAddress != "":
		s += " Hotel: " + t.HotelName + ", " + t.HotelAddress + "."
	case t.HotelName != "":
		s += " Hotel: " + t.HotelName + "."
	default:
		s += " No hotel is set in the settings yet."
	}
	return s
}

// airportsText is "MIA 3, FLL 1", or "—".
func airportsText(as []report.AirportCount) string {
	if len(as) == 0 {
		return "—"
	}
	s := ""
	for i, a := range as {
		if i > 0 {
			s += ", "
		}
		s += a.Airport + " " + strconv.Itoa(a.Count)
	}
	return s
}

// nightClass marks a night over the block, or at risk of it.
func nightClass(n report.NightLine) string {
	switch {
	case n.Over() > 0:
		return "night-over"
	case n.AtRisk():
		return "night-risk"
	}
	return ""
}

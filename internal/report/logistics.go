package report

// The logistics documents and the logistics page's figures: see the
// package documentation for who is on each document and its CSV layout.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/csvout"
	"confdesk/internal/database"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/internal/store"
)

// Logistics is the sponsored travel of a conference as the logistics page
// shows it: the room block night by night, arrivals and departures by day
// and the sponsored delegates' counts. It is read once per request.
type Logistics struct {
	Settings   model.TravelSettings
	Travellers []model.Traveller // by arrival
	// Granted counts active registrations whose sponsorship was granted;
	// WithItinerary those of them with an itinerary; Confirmed those whose
	// itinerary organisers confirmed.
	Granted, WithItinerary, Confirmed int
	Nights                            []NightLine
	Days                              []TravelDay
}

// Missing is how many granted delegates have not given an itinerary yet.
func (l *Logistics) Missing() int { return l.Granted - l.WithItinerary }

// NightLine is one hotel night ("YYYY-MM-DD", the date it begins) against the block.
type NightLine struct {
	Night               string
	Confirmed, Awaiting int
	Block               int // rooms in the block that night
}

// Free is the rooms of the block that no confirmed itinerary holds; negative when over.
func (n NightLine) Free() int { return n.Block - n.Confirmed }

// Over is how many confirmed rooms are over the block (0 when within it,
// or when no block is set: model.RoomsOver).
func (n NightLine) Over() int { return model.RoomsOver(n.Confirmed, n.Block) }

// AtRisk reports that confirming every itinerary awaiting confirmation
// would go over the block, while the confirmed ones alone do not.
func (n NightLine) AtRisk() bool {
	return n.Over() == 0 && model.RoomsOver(n.Confirmed+n.Awaiting, n.Block) > 0
}

// TravelDay is one day's arrivals and departures.
type TravelDay struct {
	Day                  string // YYYY-MM-DD
	Arrivals, Departures int
	// ArrivalTransfers and DepartureTransfers count those who need an
	// airport transfer.
	ArrivalTransfers, DepartureTransfers int
	ArrivalAirports, DepartureAirports   []AirportCount
}

// AirportCount is how many people arrive at (leave from) one airport.
type AirportCount struct {
	Airport string
	Count   int
}

// GatherLogistics reads the conference's sponsored travel.
func GatherLogistics(ctx context.Context, src Source) (*Logistics, error) {
	conf := src.Conference
	l := &Logistics{}
	var err error
	if l.Settings, err = src.Store.TravelSettings(ctx, conf.ID); err != nil {
		return nil, err
	}
	if l.Travellers, err = src.Store.Travellers(ctx, conf.ID); err != nil {
		return nil, err
	}
	err = src.Store.EachRegistration(ctx, conf.ID, store.RegistrationFilter{Sponsored: store.SponsoredYes},
		func(r model.Registration) error {
			if r.ErasedAt.IsZero() && r.Status != model.StatusCancelled && r.Status != model.StatusRejected {
				l.Granted++
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	l.WithItinerary = len(l.Travellers)
	for _, t := range l.Travellers {
		if t.Itinerary.Confirmed() {
			l.Confirmed++
		}
	}

	// Nights: the conference window with the margin, widened to every
	// night an itinerary holds.
	confirmed, awaiting := model.NightCounts(l.Travellers)
	first := conf.Start().In(conf.Location()).AddDate(0, 0, -l.Settings.MarginDays).Format(time.DateOnly)
	lastDay := conf.End().In(conf.Location()).AddDate(0, 0, -1) // the conference's last day
	last := lastDay.AddDate(0, 0, l.Settings.MarginDays-1).Format(time.DateOnly)
	for _, m := range []map[string]int{confirmed, awaiting} {
		for n := range m {
			first, last = min(first, n), max(last, n)
		}
	}
	for _, n := range dateRange(first, last) {
		l.Nights = append(l.Nights, NightLine{Night: n, Confirmed: confirmed[n], Awaiting: awaiting[n], Block: l.Settings.HotelRooms})
	}

	days := map[string]*TravelDay{}
	day := func(d string) *TravelDay {
		if days[d] == nil {
			days[d] = &TravelDay{Day: d}
		}
		return days[d]
	}
	arrAirports, depAirports := map[string]map[string]int{}, map[string]map[string]int{}
	count := func(m map[string]map[string]int, d, airport string) {
		if m[d] == nil {
			m[d] = map[string]int{}
		}
		m[d][cmp.Or(airport, "—")]++
	}
	for _, t := range l.Travellers {
		it := t.Itinerary
		if d := datePart(it.ArrivalAt); d != "" {
			td := day(d)
			td.Arrivals++
			if it.Transfer {
				td.ArrivalTransfers++
			}
			count(arrAirports, d, it.ArrivalAirport)
		}
		if d := datePart(it.DepartureAt); d != "" {
			td := day(d)
			td.Departures++
			if it.Transfer {
				td.DepartureTransfers++
			}
			count(depAirports, d, it.DepartureAirport)
		}
	}
	for _, td := range days {
		td.ArrivalAirports, td.DepartureAirports = airportCounts(arrAirports[td.Day]), airportCounts(depAirports[td.Day])
		l.Days = append(l.Days, *td)
	}
	slices.SortFunc(l.Days, func(a, b TravelDay) int { return strings.Compare(a.Day, b.Day) })
	return l, nil
}

func airportCounts(m map[string]int) []AirportCount {
	out := make([]AirportCount, 0, len(m))
	for a, n := range m {
		out = append(out, AirportCount{Airport: a, Count: n})
	}
	slices.SortFunc(out, func(a, b AirportCount) int { return strings.Compare(a.Airport, b.Airport) })
	return out
}

// dateRange lists the days from first to last, both included.
func dateRange(first, last string) []string {
	a, err1 := time.Parse(time.DateOnly, first)
	b, err2 := time.Parse(time.DateOnly, last)
	if err1 != nil || err2 != nil {
		return nil
	}
	var out []string
	for d := a; !d.After(b); d = d.AddDate(0, 0, 1) {
		out = append(out, d.Format(time.DateOnly))
	}
	return out
}

// datePart and timePart split a wall-clock time "YYYY-MM-DDTHH:MM".
func datePart(wall string) string {
	d, _, _ := strings.Cut(wall, "T")
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return ""
	}
	return d
}

func timePart(wall string) string {
	_, t, _ := strings.Cut(wall, "T")
	return t
}

// LogisticsKind is one of the logistics documents.
type LogisticsKind struct {
	Slug        string // the file name: /admin/logistics/SLUG.pdf
	Title       string
	Description string
	build       func(context.Context, Source, *Logistics) (Document, error)
}

// LogisticsKinds lists the documents in the order the logistics page shows them.
var LogisticsKinds = []LogisticsKind{
	{Slug: "arrivals", Title: "Arrivals manifest", Description: "Every itinerary with an arrival, by arrival time, " +
		"for the transfer company: flight, airport, transfer, phone, and whether organisers confirmed it.", build: buildArrivals},
	{Slug: "departures", Title: "Departures manifest", Description: "The same for departures, by departure time.",
		build: buildDepartures},
	{Slug: "rooming", Title: "Rooming list", Description: "For the hotel: confirmed itineraries with check-in, " +
		"check-out and nights, and the rooms per night.", build: buildRooming},
	{Slug: "per-diem", Title: "Per-diem signature sheet", Description: "Confirmed itineraries: nights in the city, " +
		"rate and amount, with a box to sign on receipt; totals at the foot.", build: buildPerDiem},
	{Slug: "catering", Title: "Catering list", Description: "Each meal and break of the agenda with the expected " +
		"number of people and their dietary needs, and the access requirements for the venue. No names.", build: buildCatering},
}

// LogisticsKindOf finds a document by its slug.
func LogisticsKindOf(slug string) (LogisticsKind, bool) {
	for _, k := range LogisticsKinds {
		if k.Slug == slug {
			return k, true
		}
	}
	return LogisticsKind{}, false
}

// Build gathers the document's rows from l (and, for catering, the agenda
// and registrations).
func (k LogisticsKind) Build(ctx context.Context, src Source, l *Logistics) (Document, error) {
	if l == nil {
		return nil, errors.New("report: logistics not gathered")
	}
	doc, err := k.build(ctx, src, l)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", k.Slug, err)
	}
	return doc, nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// --- Manifests ---

// manifest is the arrivals or the departures manifest.
type manifest struct {
	src       Source
	title     string
	departure bool
	rows      []manifestRow
}

type manifestRow struct {
	Date, Time, Name, Country, Flight, Airport string
	Transfer, Confirmed                        bool
	Phone                                      string
}

func buildArrivals(_ context.Context, src Source, l *Logistics) (Document, error) {
	return newManifest(src, l, "Arrivals manifest", false), nil
}

func buildDepartures(_ context.Context, src Source, l *Logistics) (Document, error) {
	return newManifest(src, l, "Departures manifest", true), nil
}

func newManifest(src Source, l *Logistics, title string, departure bool) *manifest {
	m := &manifest{src: src, title: title, departure: departure}
	for _, t := range l.Travellers {
		it, r := t.Itinerary, t.Registration
		at, flight, airport := it.ArrivalAt, it.ArrivalFlight, it.ArrivalAirport
		if departure {
			at, flight, airport = it.DepartureAt, it.DepartureFlight, it.DepartureAirport
		}
		if datePart(at) == "" {
			continue
		}
		m.rows = append(m.rows, manifestRow{Date: datePart(at), Time: timePart(at), Name: listName(r.FirstName, r.LastName),
			Country: countryName(r.Country), Flight: flight, Airport: airport, Transfer: it.Transfer, Phone: r.Phone,
			Confirmed: it.Confirmed()})
	}
	slices.SortStableFunc(m.rows, func(a, b manifestRow) int {
		return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.Time, b.Time))
	})
	return m
}

func (m *manifest) WritePDF(w io.Writer) error {
	doc := newLandscapePDF(m.src, m.title)
	doc.Heading(m.title)
	confirmed, transfers := 0, 0
	for _, r := range m.rows {
		if r.Confirmed {
			confirmed++
		}
		if r.Transfer {
			transfers++
		}
	}
	doc.KeyValues([]pdf.KeyValue{{Key: "People", Value: strconv.Itoa(len(m.rows))},
		{Key: "Confirmed", Value: strconv.Itoa(confirmed) + " (the others may still change)"},
		{Key: "Transfers needed", Value: strconv.Itoa(transfers)}})
	timeTitle := "Arrives"
	if m.departure {
		timeTitle = "Departs"
	}
	doc.Table([]pdf.Column{{Title: timeTitle, Width: 1.3}, {Title: "Name", Width: 3.6}, {Title: "Country", Width: 2.4},
		{Title: "Flight", Width: 1.5}, {Title: "Airport", Width: 1.3}, {Title: "Transfer", Width: 1.4},
		{Title: "Phone", Width: 2.6}, {Title: "Confirmed", Width: 1.6}},
		"No itinerary has a "+strings.ToLower(strings.TrimSuffix(timeTitle, "s"))+" time yet.", func(t *pdf.Table) {
			day := ""
			for _, r := range m.rows {
				if r.Date != day {
					day = r.Date
					t.Add(pdf.Row{Group: longDay(day)})
				}
				t.Add(pdf.Row{Cells: pdf.Text(r.Time, r.Name, r.Country, r.Flight, r.Airport, yesNo(r.Transfer), r.Phone,
					yesNo(r.Confirmed))})
			}
		})
	return doc.Output(w)
}

// manifestCSVHeader names the manifests' columns.
var manifestCSVHeader = []string{"date", "time", "name", "country", "flight", "airport", "transfer", "phone", "confirmed"}

func (m *manifest) WriteCSV(w io.Writer) error {
	out := csvout.NewWriter(w)
	if err := out.Write(manifestCSVHeader); err != nil {
		return err
	}
	for _, r := range m.rows {
		if err := out.Write([]string{r.Date, r.Time, r.Name, r.Country, r.Flight, r.Airport, yesNo(r.Transfer),
			r.Phone, yesNo(r.Confirmed)}); err != nil {
			return err
		}
	}
	return out.Flush()
}

// confirmedByName is the confirmed travellers in last-name order, by the
// collation every list of people uses (case and accents ignored).
func confirmedByName(l *Logistics) []model.Traveller {
	var out []model.Traveller
	for _, t := range l.Travellers {
		if t.Itinerary.Confirmed() {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(a, b model.Traveller) int {
		ra, rb := a.Registration, b.Registration
		return cmp.Or(database.CompareNames(ra.LastName, rb.LastName), database.CompareNames(ra.FirstName, rb.FirstName),
			cmp.Compare(ra.ID, rb.ID))
	})
	return out
}

// --- Rooming list ---

type rooming struct {
	src      Source
	settings model.TravelSettings
	guests   []roomingGuest
	nights   []roomingNight
}

type roomingGuest struct {
	Name, Country, CheckIn, CheckOut string
	Nights                           int
}

type roomingNight struct {
	Night string
	Rooms int
}

func buildRooming(_ context.Context, src Source, l *Logistics) (Document, error) {
	r := &rooming{src: src, settings: l.Settings}
	perNight := map[string]int{}
	for _, t := range confirmedByName(l) {
		nights := t.Itinerary.Nights()
		if len(nights) == 0 {
			continue // no hotel dates: nothing to book
		}
		reg := t.Registration
		r.guests = append(r.guests, roomingGuest{Name: listName(reg.FirstName, reg.LastName), Country: countryName(reg.Country),
			CheckIn: t.Itinerary.CheckIn, CheckOut: t.Itinerary.CheckOut, Nights: len(nights)})
		for _, n := range nights {
			perNight[n]++
		}
	}
	for n, c := range perNight {
		r.nights = append(r.nights, roomingNight{Night: n, Rooms: c})
	}
	slices.SortFunc(r.nights, func(a, b roomingNight) int { return strings.Compare(a.Night, b.Night) })
	return r, nil
}

func (r *rooming) WritePDF(w io.Writer) error {
	doc := newPDF(r.src, "Rooming list")
	doc.Heading("Rooming list")
	kv := []pdf.KeyValue{{Key: "Hotel", Value: cmp.Or(r.settings.HotelName, "—")}}
	if r.settings.HotelAddress != "" {
		kv = append(kv, pdf.KeyValue{Key: "Address", Value: r.settings.HotelAddress})
	}
	kv = append(kv, pdf.KeyValue{Key: "Room block", Value: blockText(r.settings.HotelRooms)},
		pdf.KeyValue{Key: "Guests", Value: strconv.Itoa(len(r.guests)) + " (confirmed itineraries only, one room each)"})
	doc.KeyValues(kv)
	doc.Table([]pdf.Column{{Title: "Name", Width: 4}, {Title: "Country", Width: 3}, {Title: "Check-in", Width: 2},
		{Title: "Check-out", Width: 2}, {Title: "Nights", Width: 1.2, Align: pdf.AlignRight}},
		"No confirmed itinerary has hotel dates yet.", func(t *pdf.Table) {
			for _, g := range r.guests {
				t.Add(pdf.Row{Cells: pdf.Text(g.Name, g.Country, shortDate(g.CheckIn), shortDate(g.CheckOut), strconv.Itoa(g.Nights))})
			}
		})
	doc.Heading("Rooms per night")
	doc.Table([]pdf.Column{{Title: "Night of", Width: 4}, {Title: "Rooms", Width: 1.5, Align: pdf.AlignRight},
		{Title: "Block", Width: 1.5, Align: pdf.AlignRight}}, "No rooms are confirmed yet.", func(t *pdf.Table) {
		total := 0
		for _, n := range r.nights {
			total += n.Rooms
			t.Add(pdf.Row{Cells: pdf.Text(longDay(n.Night), strconv.Itoa(n.Rooms), cmp.Or(blockNumber(r.settings.HotelRooms), "—"))})
		}
		t.Add(pdf.Row{Bold: true, Cells: pdf.Text("Room nights", strconv.Itoa(total), "")})
	})
	return doc.Output(w)
}

// roomingCSVHeader names the rooming list's columns.
var roomingCSVHeader = []string{"kind", "name", "country", "check_in", "check_out", "nights", "night", "rooms"}

func (r *rooming) WriteCSV(w io.Writer) error {
	out := csvout.NewWriter(w)
	if err := out.Write(roomingCSVHeader); err != nil {
		return err
	}
	for _, g := range r.guests {
		if err := out.Write([]string{"guest", g.Name, g.Country, g.CheckIn, g.CheckOut, strconv.Itoa(g.Nights), "", ""}); err != nil {
			return err
		}
	}
	for _, n := range r.nights {
		if err := out.Write([]string{"night", "", "", "", "", "", n.Night, strconv.Itoa(n.Rooms)}); err != nil {
			return err
		}
	}
	return out.Flush()
}

// --- Per-diem signature sheet ---

type perDiem struct {
	src         Source
	rateCents   int64
	currency    string
	rows        []perDiemRow
	totalNights int
	totalCents  int64
}

type perDiemRow struct {
	Name, Country string
	Nights        int
	AmountCents   int64
}

func buildPerDiem(_ context.Context, src Source, l *Logistics) (Document, error) {
	p := &perDiem{src: src, rateCents: l.Settings.PerDiemCents, currency: cmp.Or(l.Settings.PerDiemCurrency, "USD")}
	for _, t := range confirmedByName(l) {
		reg := t.Registration
		n := t.Itinerary.StayNights()
		row := perDiemRow{Name: listName(reg.FirstName, reg.LastName), Country: countryName(reg.Country), Nights: n,
			AmountCents: int64(n) * p.rateCents}
		p.rows = append(p.rows, row)
		p.totalNights += n
		p.totalCents += row.AmountCents
	}
	return p, nil
}

// Cents writes an amount in cents with two decimals: 48000 → "480.00".
func Cents(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

func (p *perDiem) money(c int64) string { return Cents(c) + " " + p.currency }

func (p *perDiem) WritePDF(w io.Writer) error {
	doc := newLandscapePDF(p.src, "Per-diem signature sheet")
	doc.Heading("Per-diem signature sheet")
	doc.KeyValues([]pdf.KeyValue{{Key: "Rate", Value: p.money(p.rateCents) + " a night"},
		{Key: "Nights", Value: "Nights in the city, from the arrival date to the departure date, of confirmed itineraries"},
		{Key: "Total", Value: p.money(p.totalCents) + " for " + strconv.Itoa(p.totalNights) + " nights"}})
	doc.Paragraph("By signing, the participant acknowledges receipt of the amount on their line.")
	doc.Table([]pdf.Column{{Title: "Name", Width: 3.4}, {Title: "Country", Width: 2.4},
		{Title: "Nights", Width: 1.1, Align: pdf.AlignRight}, {Title: "Rate", Width: 1.8, Align: pdf.AlignRight},
		{Title: "Amount", Width: 2, Align: pdf.AlignRight}, {Title: "Signature", Width: 3.6}},
		"No itinerary is confirmed yet.", func(t *pdf.Table) {
			for _, r := range p.rows {
				// Three lines high: room to sign.
				cells := pdf.Text(r.Name, r.Country, strconv.Itoa(r.Nights), p.money(p.rateCents), p.money(r.AmountCents), "")
				cells[5].MinLines = 3
				t.Add(pdf.Row{Cells: cells})
			}
			if len(p.rows) > 0 {
				t.Add(pdf.Row{Bold: true, Cells: pdf.Text("Total", "", strconv.Itoa(p.totalNights), "", p.money(p.totalCents), "")})
			}
		})
	return doc.Output(w)
}

// perDiemCSVHeader names the per-diem sheet's columns.
var perDiemCSVHeader = []string{"kind", "name", "country", "nights", "rate", "currency", "amount"}

func (p *perDiem) WriteCSV(w io.Writer) error {
	out := csvout.NewWriter(w)
	if err := out.Write(perDiemCSVHeader); err != nil {
		return err
	}
	for _, r := range p.rows {
		if err := out.Write([]string{"person", r.Name, r.Country, strconv.Itoa(r.Nights), Cents(p.rateCents), p.currency,
			Cents(r.AmountCents)}); err != nil {
			return err
		}
	}
	if err := out.Write([]string{"total", "", "", strconv.Itoa(p.totalNights), "", p.currency, Cents(p.totalCents)}); err != nil {
		return err
	}
	return out.Flush()
}

// blockText says the room block's size, or that none is set (0).
func blockText(rooms int) string {
	if rooms <= 0 {
		return "not set"
	}
	return strconv.Itoa(rooms) + " rooms a night"
}

// blockNumber is the block's size as a number, "" when none is set.
func blockNumber(rooms int) string {
	if rooms <= 0 {
		return ""
	}
	return strconv.Itoa(rooms)
}

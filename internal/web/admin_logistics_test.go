package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// traveller is a registration of the logistics fixture, with its
// sponsorship and itinerary.
type traveller struct {
	First, Last, Country, Phone, Status string
	Dietary, Access                     string
	Granted, Erased                     bool
	It                                  *model.Itinerary // nil: none entered
	Confirm                             bool
}

// The logistics fixture. The test conference runs 15–17 March 2027; the
// block is one room a night, so 14–16 March are over it (Alvarez and
// Baptiste confirmed) and 17 March is at risk (Alvarez confirmed, Charles
// awaiting).
var logisticsFixture = []traveller{
	{First: "Ana", Last: "Alvarez", Country: "TT", Phone: "+1 868 555 0101", Dietary: "Vegetarian", Access: "Wheelchair access",
		Granted: true, Confirm: true, It: &model.Itinerary{ArrivalAt: "2027-03-14T15:40", ArrivalFlight: "BW 484",
			ArrivalAirport: "MIA", DepartureAt: "2027-03-18T10:00", DepartureFlight: "BW 485", DepartureAirport: "MIA",
			CheckIn: "2027-03-14", CheckOut: "2027-03-18", Transfer: true}},
	{First: "Ben", Last: "Baptiste", Country: "JM", Phone: "876 555 0102", Dietary: "  vegetarian ", Access: "wheelchair  access",
		Granted: true, Confirm: true, It: &model.Itinerary{ArrivalAt: "2027-03-14T09:10", ArrivalFlight: "AA 1224",
			ArrivalAirport: "FLL", DepartureAt: "2027-03-17T18:00", DepartureFlight: "AA 1225", DepartureAirport: "FLL",
			CheckIn: "2027-03-14", CheckOut: "2027-03-17"}},
	{First: "Cara", Last: "Charles", Country: "HT", Phone: "509 555 0103", Dietary: "Halal",
		Granted: true, It: &model.Itinerary{ArrivalAt: "2027-03-15T07:30", ArrivalFlight: "AA 2081", ArrivalAirport: "MIA",
			DepartureAt: "2027-03-18T12:00", DepartureFlight: "AA 2082", DepartureAirport: "MIA",
			CheckIn: "2027-03-15", CheckOut: "2027-03-18"}},
	{First: "Dan", Last: "Douglas", Country: "BB", Granted: true},
	{First: "Eve", Last: "Edwards", Country: "GY", Dietary: "Vegan", Access: "Hearing loop"},
	{First: "Fay", Last: "Francis", Country: "LC", Status: model.StatusPending, Dietary: "Kosher", Access: "Pending ramp"},
	{First: "Gus", Last: "Grant", Country: "DM", Status: model.StatusCancelled, Dietary: "Kosher", Granted: true, Confirm: true,
		It: &model.Itinerary{ArrivalAt: "2027-03-14T10:00", ArrivalFlight: "LI 123", ArrivalAirport: "MIA",
			DepartureAt: "2027-03-18T10:00", CheckIn: "2027-03-14", CheckOut: "2027-03-18"}},
	// Confirmed, sponsored and travelling, then erased: on no list, in no count.
	{First: "Hana", Last: "Hollis", Country: "KN", Dietary: "Gluten free", Granted: true, Confirm: true, Erased: true,
		It: &model.Itinerary{ArrivalAt: "2027-03-14T11:00", ArrivalFlight: "AA 1440", ArrivalAirport: "MIA",
			DepartureAt: "2027-03-18T11:00", CheckIn: "2027-03-14", CheckOut: "2027-03-18"}},
}

// logisticsEnv is the fixture on the demo conference, with sponsored
// travel on: 120.00 USD a night, a block of one room.
func logisticsEnv(t *testing.T) (*webtest.Env, *webtest.Client) {
	t.Helper()
	env := webtest.New(t)
	now := webtest.DefaultNow
	err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		if err := tx.SetTravelSettings(env.Conference.ID, model.TravelSettings{SponsorsTravel: true, PerDiemCents: 12000,
			PerDiemCurrency: "USD", HotelName: "Hotel at Riverwalk", HotelAddress: "100 SE 4th Street, Miami, FL 33131",
			HotelRooms: 1, MarginDays: 2, Airports: []string{"MIA", "FLL"}}); err != nil {
			return err
		}
		for i, p := range logisticsFixture {
			r := model.Registration{ConferenceID: env.Conference.ID, Reference: fmt.Sprintf("CTC-L%05d", i),
				CheckinCode: fmt.Sprintf("LOGCODE%08d", i), Status: p.Status, Category: model.CategoryParticipant,
				FirstName: p.First, LastName: p.Last, Email: fmt.Sprintf("traveller%d@example.org", i), Phone: p.Phone,
				Country: p.Country, Organisation: "Ministry of " + p.Last, OrgType: "government", Dietary: p.Dietary,
				Accessibility: p.Access, CreatedAt: now, ConsentAt: now}
			if r.Status == "" {
				r.Status = model.StatusConfirmed
			}
			id, err := tx.CreateRegistration(store.NewRegistration{Registration: r,
				ManageTokenHash: registration.HashToken(registration.NewManageToken())})
			if err != nil {
				return err
			}
			if p.Granted {
				if err := tx.SetSponsorshipDecision(id, model.SponsorshipGranted, "", "organiser@example.org", now); err != nil {
					return err
				}
			}
			if p.It != nil {
				it := *p.It
				it.RegistrationID = id
				if err := tx.SaveItinerary(it, "participant", now); err != nil {
					return err
				}
				if p.Confirm {
					if err := tx.ConfirmItinerary(id, "organiser@example.org", false, now); err != nil {
						return err
					}
				}
			}
			if p.Erased {
				if _, err := tx.EraseRegistration(id, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return env, env.Login(model.UserOrganiser)
}

// readCSV fetches path and reads it with encoding/csv, checking it is an attachment.
func readCSV(t *testing.T, cl *webtest.Client, path string) [][]string {
	t.Helper()
	res := cl.Get(path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("%s: Content-Type %q", path, ct)
	}
	name := strings.TrimSuffix(strings.TrimPrefix(path, "/admin/logistics/"), ".csv")
	if cd, want := res.Header.Get("Content-Disposition"), `attachment; filename="ctc-miami-`+name+`-2027-01-15.csv"`; cd != want {
		t.Errorf("%s: Content-Disposition %q, want %q", path, cd, want)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix([]byte(res.Body), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// fetchPDF fetches path and returns its lines, all pages together.
func fetchPDF(t *testing.T, cl *webtest.Client, path string) []string {
	t.Helper()
	res := cl.Get(path)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("GET %s: %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="ctc-miami-`) {
		t.Errorf("%s: Content-Disposition %q", path, cd)
	}
	var lines []string
	for _, page := range pdftest.Lines(t, []byte(res.Body)) {
		lines = append(lines, page...)
	}
	return lines
}

func hasLine(lines []string, want string) bool {
	return slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, want) })
}

func TestLogisticsPageCountsAndTheOverBlockNight(t *testing.T) {
	_, cl := logisticsEnv(t)
	res := cl.Get("/admin/logistics")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	doc := res.Doc()
	for id, want := range map[string]string{"granted": "4", "with-itinerary": "3", "confirmed": "2"} {
		if got := strings.TrimSpace(doc.Find(`[data-testid="` + id + `"]`).Text()); got != want {
			t.Errorf("%s = %q, want %s", id, got, want)
		}
	}
	missing := doc.Find(`[data-testid="missing"]`)
	if !strings.HasPrefix(strings.TrimSpace(missing.Text()), "1") {
		t.Errorf("missing = %q", missing.Text())
	}
	if href, _ := missing.Find("a").Attr("href"); href != "/admin/registrations?sponsored=yes" {
		t.Errorf("missing link %q", href)
	}
	type night struct{ confirmed, awaiting, class, note string }
	want := map[string]night{
		"2027-03-13": {"0", "0", "", ""},
		"2027-03-14": {"2", "0", "night-over", "Over the block by 1"},
		"2027-03-15": {"2", "1", "night-over", "Over the block by 1"},
		"2027-03-16": {"2", "1", "night-over", "Over the block by 1"},
		"2027-03-17": {"1", "1", "night-risk", "Warning: confirming all awaiting would go over the block by 1"},
		"2027-03-18": {"0", "0", "", ""},
	}
	var seen []string
	doc.Find(`tr[data-testid="night"]`).Each(func(_ int, tr *goquery.Selection) {
		n, _ := tr.Attr("data-night")
		seen = append(seen, n)
		class, _ := tr.Attr("class")
		got := night{strings.TrimSpace(tr.Find(`[data-testid="night-confirmed"]`).Text()),
			strings.TrimSpace(tr.Find(`[data-testid="night-awaiting"]`).Text()), class,
			strings.Join(strings.Fields(tr.Find(`[data-testid="night-note"]`).Text()), " ")}
		if got != want[n] {
			t.Errorf("night %s: %+v, want %+v", n, got, want[n])
		}
	})
	// The conference window (15–17 March) with two days' margin: 13–18 March.
	if fmt.Sprint(seen) != "[2027-03-13 2027-03-14 2027-03-15 2027-03-16 2027-03-17 2027-03-18]" {
		t.Errorf("nights %v", seen)
	}
	day := doc.Find(`tr[data-testid="day"][data-day="2027-03-14"]`)
	if got := strings.TrimSpace(day.Find(`[data-testid="arrivals"]`).Text()) + "/" +
		strings.TrimSpace(day.Find(`[data-testid="arrival-transfers"]`).Text()) + "/" +
		day.Find(`[data-testid="arrival-airports"]`).Text(); got != "2/1/FLL 1, MIA 1" {
		t.Errorf("14 March arrivals = %q", got)
	}
	day = doc.Find(`tr[data-testid="day"][data-day="2027-03-18"]`)
	if got := strings.TrimSpace(day.Find(`[data-testid="departures"]`).Text()) + "/" +
		strings.TrimSpace(day.Find(`[data-testid="departure-transfers"]`).Text()); got != "2/1" {
		t.Errorf("18 March departures = %q", got)
	}
	for _, slug := range []string{"arrivals", "departures", "rooming", "per-diem", "catering"} {
		for _, f := range []string{"pdf", "csv"} {
			if doc.Find(`a[href="/admin/logistics/`+slug+`.`+f+`"]`).Length() != 1 {
				t.Errorf("no link to %s.%s", slug, f)
			}
		}
	}
	if doc.Find(`nav a[href="/admin/logistics"]`).Length() == 0 {
		t.Error("no Logistics link in the console's navigation")
	}
}

func TestLogisticsEmptyStates(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	doc := cl.Get("/admin/logistics").Doc()
	if doc.Find(`[data-testid="no-travel"]`).Length() != 1 {
		t.Error("without sponsored travel the page does not say how to turn it on")
	}
	err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		return tx.SetTravelSettings(env.Conference.ID, model.TravelSettings{SponsorsTravel: true, PerDiemCurrency: "USD",
			HotelRooms: 10, MarginDays: 2})
	})
	if err != nil {
		t.Fatal(err)
	}
	doc = cl.Get("/admin/logistics").Doc()
	if doc.Find(`[data-testid="no-travel"]`).Length() != 0 || doc.Find(`[data-testid="no-itineraries"]`).Length() != 1 {
		t.Error("with sponsored travel and no itinerary the page does not say what to do")
	}
	// Every document still comes, empty.
	for _, slug := range []string{"arrivals", "departures", "rooming", "per-diem", "catering"} {
		for _, f := range []string{"pdf", "csv"} {
			if res := cl.Get("/admin/logistics/" + slug + "." + f); res.StatusCode != http.StatusOK {
				t.Errorf("%s.%s: %d", slug, f, res.StatusCode)
			}
		}
	}
}

func TestLogisticsManifestsListEveryItinerary(t *testing.T) {
	_, cl := logisticsEnv(t)
	arrivals := readCSV(t, cl, "/admin/logistics/arrivals.csv")
	want := [][]string{
		{"date", "time", "name", "country", "flight", "airport", "transfer", "phone", "confirmed"},
		{"2027-03-14", "09:10", "Baptiste, Ben", "Jamaica", "AA 1224", "FLL", "no", "876 555 0102", "yes"},
		// csvout quotes a cell starting with "+": a spreadsheet would read it as a formula.
		{"2027-03-14", "15:40", "Alvarez, Ana", "Trinidad and Tobago", "BW 484", "MIA", "yes", "'+1 868 555 0101", "yes"},
		{"2027-03-15", "07:30", "Charles, Cara", "Haiti", "AA 2081", "MIA", "no", "509 555 0103", "no"},
	}
	if fmt.Sprint(arrivals) != fmt.Sprint(want) {
		t.Errorf("arrivals.csv\n got %q\nwant %q", arrivals, want)
	}
	departures := readCSV(t, cl, "/admin/logistics/departures.csv")
	var order []string
	for _, r := range departures[1:] {
		order = append(order, r[0]+" "+r[1]+" "+r[2]+" "+r[4]+" "+r[8])
	}
	if want := "[2027-03-17 18:00 Baptiste, Ben AA 1225 yes 2027-03-18 10:00 Alvarez, Ana BW 485 yes 2027-03-18 12:00 Charles, Cara AA 2082 no]"; fmt.Sprint(order) != want {
		t.Errorf("departures %v", order)
	}

	for path, rows := range map[string][][]string{"/admin/logistics/arrivals.pdf": arrivals,
		"/admin/logistics/departures.pdf": departures} {
		lines := fetchPDF(t, cl, path)
		for _, r := range rows[1:] {
			// Grouped by day; each row: time, name, country, flight, airport, transfer, phone, confirmed.
			day, _ := time.Parse(time.DateOnly, r[0])
			if !hasLine(lines, day.Format("Monday 2 January 2006")) {
				t.Errorf("%s: no heading for %s", path, r[0])
			}
			phone := strings.TrimPrefix(r[7], "'")
			row := strings.Join([]string{r[1], r[2], r[3], r[4], r[5], r[6], phone, r[8]}, " ")
			if !hasLine(lines, row) {
				t.Errorf("%s: no line %q in\n%s", path, row, strings.Join(lines, "\n"))
			}
		}
		if hasLine(lines, "Grant") || hasLine(lines, "Erased") || hasLine(lines, "AA 1440") {
			t.Errorf("%s lists a cancelled or erased registration", path)
		}
	}
}

func TestLogisticsRoomingListHasConfirmedItinerariesOnly(t *testing.T) {
	_, cl := logisticsEnv(t)
	rows := readCSV(t, cl, "/admin/logistics/rooming.csv")
	want := [][]string{
		{"kind", "name", "country", "check_in", "check_out", "nights", "night", "rooms"},
		{"guest", "Alvarez, Ana", "Trinidad and Tobago", "2027-03-14", "2027-03-18", "4", "", ""},
		{"guest", "Baptiste, Ben", "Jamaica", "2027-03-14", "2027-03-17", "3", "", ""},
		{"night", "", "", "", "", "", "2027-03-14", "2"},
		{"night", "", "", "", "", "", "2027-03-15", "2"},
		{"night", "", "", "", "", "", "2027-03-16", "2"},
		{"night", "", "", "", "", "", "2027-03-17", "1"},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("rooming.csv\n got %q\nwant %q", rows, want)
	}
	lines := fetchPDF(t, cl, "/admin/logistics/rooming.pdf")
	for _, l := range []string{"Hotel at Riverwalk", "Alvarez, Ana Trinidad and Tobago 14 Mar 2027 18 Mar 2027 4",
		"Baptiste, Ben Jamaica 14 Mar 2027 17 Mar 2027 3", "Sunday 14 March 2027 2 1", "Wednesday 17 March 2027 1 1",
		"Room nights 7"} {
		if !hasLine(lines, l) {
			t.Errorf("rooming.pdf: no line %q in\n%s", l, strings.Join(lines, "\n"))
		}
	}
	if hasLine(lines, "Charles") || hasLine(lines, "Grant") {
		t.Error("rooming.pdf lists an unconfirmed or cancelled itinerary")
	}
}

func TestLogisticsPerDiemTotalsMatchTheCSV(t *testing.T) {
	_, cl := logisticsEnv(t)
	rows := readCSV(t, cl, "/admin/logistics/per-diem.csv")
	if fmt.Sprint(rows[0]) != "[kind name country nights rate currency amount]" {
		t.Fatalf("header %v", rows[0])
	}
	cents := func(s string) int64 {
		whole, frac, _ := strings.Cut(s, ".")
		w, err1 := strconv.ParseInt(whole, 10, 64)
		f, err2 := strconv.ParseInt(frac, 10, 64)
		if err1 != nil || err2 != nil || len(frac) != 2 {
			t.Fatalf("amount %q", s)
		}
		return w*100 + f
	}
	var names []string
	var nights int
	var sum int64
	for _, r := range rows[1 : len(rows)-1] {
		n, _ := strconv.Atoi(r[3])
		if r[0] != "person" || r[4] != "120.00" || r[5] != "USD" || cents(r[6]) != int64(n)*cents(r[4]) {
			t.Errorf("row %v: amount is not nights × rate", r)
		}
		names = append(names, r[1])
		nights += n
		sum += cents(r[6])
	}
	// Unconfirmed (Charles) and cancelled (Grant) itineraries are not paid.
	if fmt.Sprint(names) != "[Alvarez, Ana Baptiste, Ben]" {
		t.Errorf("people %v", names)
	}
	total := rows[len(rows)-1]
	if total[0] != "total" || total[3] != strconv.Itoa(nights) || cents(total[6]) != sum || sum != 84000 || nights != 7 {
		t.Errorf("total row %v; the rows sum to %d nights, %d cents", total, nights, sum)
	}
	lines := fetchPDF(t, cl, "/admin/logistics/per-diem.pdf")
	for _, l := range []string{"Alvarez, Ana Trinidad and Tobago 4 120.00 USD 480.00 USD",
		"Baptiste, Ben Jamaica 3 120.00 USD 360.00 USD", "Total 7 840.00 USD"} {
		if !hasLine(lines, l) {
			t.Errorf("per-diem.pdf: no line %q in\n%s", l, strings.Join(lines, "\n"))
		}
	}
	if hasLine(lines, "Charles") || hasLine(lines, "Grant") {
		t.Error("per-diem.pdf lists an unconfirmed or cancelled itinerary")
	}
}

func TestLogisticsCateringCountsTheStatedNeedsWithoutNames(t *testing.T) {
	env, cl := logisticsEnv(t)
	rows := readCSV(t, cl, "/admin/logistics/catering.csv")
	if fmt.Sprint(rows[0]) != "[section day time meal need count]" {
		t.Fatalf("header %v", rows[0])
	}
	// The stated needs of the confirmed registrations (Alvarez, Baptiste,
	// Charles, Douglas, Edwards), grouped ignoring case and spacing.
	wantNeeds := map[string]string{"Vegetarian": "2", "Halal": "1", "Vegan": "1", "none": "1"}
	meals := map[string]bool{}
	access := map[string]string{}
	for _, r := range rows[1:] {
		switch r[0] {
		case "meal_people":
			meals[r[1]+" "+r[2]+" "+r[3]] = true
			if r[5] != "5" {
				t.Errorf("meal %v: expected people %s, want 5", r, r[5])
			}
		case "meal_dietary":
			if wantNeeds[r[4]] != r[5] {
				t.Errorf("meal %s %s: need %q counted %s, want %q", r[1], r[3], r[4], r[5], wantNeeds[r[4]])
			}
		case "access":
			access[r[4]] = r[5]
		default:
			t.Errorf("unknown section %v", r)
		}
	}
	dietaryRows := 0
	for _, r := range rows[1:] {
		if r[0] == "meal_dietary" {
			dietaryRows++
		}
	}
	if dietaryRows != len(meals)*len(wantNeeds) {
		t.Errorf("%d dietary rows for %d meals", dietaryRows, len(meals))
	}
	// The demo agenda's breaks, lunches and reception, from the published agenda.
	sessions, err := env.Store.Sessions(context.Background(), env.Conference.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	wantMeals := 0
	for _, s := range sessions {
		if s.Kind == model.KindBreak || s.Kind == model.KindReception {
			wantMeals++
		}
	}
	if len(meals) != wantMeals || wantMeals == 0 || !meals["2027-03-15 12:30–13:30 Lunch"] {
		t.Errorf("meals %v, want %d", meals, wantMeals)
	}
	if fmt.Sprint(access) != "map[Hearing loop:1 Wheelchair access:2]" {
		t.Errorf("access requirements %v", access)
	}

	res := cl.Get("/admin/logistics/catering.pdf")
	lines := fetchPDF(t, cl, "/admin/logistics/catering.pdf")
	for _, l := range []string{"12:30–13:30 Lunch 5 Vegetarian: 2", "Wheelchair access 2", "Hearing loop 1"} {
		if !hasLine(lines, l) {
			t.Errorf("catering.pdf: no line %q in\n%s", l, strings.Join(lines, "\n"))
		}
	}
	csvBody := cl.Get("/admin/logistics/catering.csv").Body
	pdfText := pdftest.Text(t, []byte(res.Body))
	for _, p := range logisticsFixture {
		for _, personal := range []string{p.First, p.Last, "example.org", "Ministry of"} {
			if personal == "" {
				continue
			}
			if strings.Contains(csvBody, personal) || strings.Contains(pdfText, personal) {
				t.Errorf("the catering list carries %q", personal)
			}
		}
		if p.Phone != "" && (strings.Contains(csvBody, p.Phone) || strings.Contains(pdfText, p.Phone)) {
			t.Errorf("the catering list carries a phone number")
		}
	}
	// A pending registration's needs are not counted.
	if strings.Contains(csvBody, "Kosher") || strings.Contains(csvBody, "Pending ramp") {
		t.Error("the catering list counts a registration that is not confirmed")
	}
}

func TestLogisticsIsForOrganisers(t *testing.T) {
	env, _ := logisticsEnv(t)
	paths := []string{"/admin/logistics"}
	for _, slug := range []string{"arrivals", "departures", "rooming", "per-diem", "catering"} {
		paths = append(paths, "/admin/logistics/"+slug+".pdf", "/admin/logistics/"+slug+".csv")
	}
	for _, role := range []string{model.UserCheckin, model.UserPressOfficer} {
		cl := env.Login(role)
		for _, p := range paths {
			if res := cl.Get(p); res.StatusCode != http.StatusForbidden {
				t.Errorf("%s: GET %s = %d, want 403", role, p, res.StatusCode)
			}
		}
	}
	admin := env.Login(model.UserAdmin)
	anon := env.Client()
	for _, p := range paths {
		if res := admin.Get(p); res.StatusCode != http.StatusOK {
			t.Errorf("admin: GET %s = %d", p, res.StatusCode)
		}
		if res := anon.Get(p); res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusFound {
			t.Errorf("anonymous: GET %s = %d, want a redirect to the login", p, res.StatusCode)
		}
	}
}

// With no room block set (0 rooms), no night is over it or at risk, the
// block and free columns say so, and an itinerary confirms without an
// override: the page and the confirmation read one rule.
func TestLogisticsWithoutABlock(t *testing.T) {
	env, cl := logisticsEnv(t)
	if _, err := env.DB.Write.Exec(`UPDATE conference SET hotel_rooms = 0`); err != nil {
		t.Fatal(err)
	}
	doc := cl.Get("/admin/logistics").Doc()
	if n := doc.Find(`tr.night-over, tr.night-risk`).Length(); n != 0 {
		t.Errorf("%d nights marked over or at risk without a block", n)
	}
	if free := strings.TrimSpace(doc.Find(`tr[data-night="2027-03-15"] [data-testid="night-free"]`).Text()); free != "—" {
		t.Errorf("free rooms without a block: %q", free)
	}
	if !strings.Contains(doc.Find("#block-heading").Parent().Text(), "No room block is set") {
		t.Error("the page does not say that no block is set")
	}
	id := idOf(t, env, "traveller2@example.org") // Charles, awaiting, sharing nights with two confirmed
	if res := cl.PostAdmin(regPath(id)+"/itinerary/confirm", nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("confirming without a block = %d, want 303", res.StatusCode)
	}
}

package demo

import (
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/store"
)

// The demo's sponsored travel: the organiser pays the flights, a room in
// the block and a per diem for meals and incidentals (the hotel being
// paid directly) of government delegates from small island states. The
// hotel is fictional.
var travel = model.TravelSettings{
	SponsorsTravel:  true,
	PerDiemCents:    8500,
	PerDiemCurrency: "USD",
	HotelName:       "Hotel at Riverwalk",
	HotelAddress:    "400 SE 2nd Avenue, Miami, FL 33131",
	HotelRooms:      25,
	MarginDays:      2,
	Airports:        []string{"MIA", "FLL"},
}

// demoTrip is an itinerary in the demo's terms: days relative to the
// conference (0 is the day before the first day, 4 the day after the
// last), times "HH:MM".
type demoTrip struct {
	ArriveDay                             int
	ArriveAt, ArriveFlight, ArriveAirport string
	LeaveDay                              int
	LeaveAt, LeaveFlight, LeaveAirport    string
	Transfer, Confirmed                   bool
}

// demoDelegate is a government delegate of the demo.
type demoDelegate struct {
	First, Last, Country, Organisation, Job, Phone string
	Dietary, Access                                string
	Granted                                        bool
	Reason                                         string
	Trip                                           *demoTrip // nil: no itinerary yet
}

// delegates are fourteen government delegates: twelve with sponsorship
// granted, ten of whom gave an itinerary and six of those confirmed; two
// whose request waits.
var delegates = []demoDelegate{
	{First: "Keisha", Last: "Ramdial", Country: "TT", Organisation: "Ministry of National Security", Job: "Counter-Trafficking Unit Coordinator",
		Phone: "+1 868 555 0142", Dietary: "Vegetarian", Granted: true, Reason: "Our unit has no travel budget this year.",
		Trip: &demoTrip{0, "15:35", "BW 484", "MIA", 4, "17:05", "BW 485", "MIA", true, true}},
	{First: "Damion", Last: "Whyte", Country: "JM", Organisation: "Ministry of National Security", Job: "Senior Director",
		Phone: "+1 876 555 0118", Granted: true, Reason: "Travel budget frozen.",
		Trip: &demoTrip{0, "11:20", "AA 1224", "MIA", 4, "13:45", "AA 1225", "MIA", true, true}},
	{First: "Marie-Claude", Last: "Joseph", Country: "HT", Organisation: "Ministère des Affaires sociales et du Travail", Job: "Directrice",
		Phone: "+509 3755 0163", Dietary: "No pork", Granted: true, Reason: "Nous ne pouvons pas financer le voyage.",
		Trip: &demoTrip{0, "14:10", "AA 2081", "MIA", 4, "09:15", "AA 2080", "MIA", true, true}},
	{First: "Trevor", Last: "Clarke", Country: "BB", Organisation: "Royal Barbados Police Force", Job: "Inspector",
		Phone: "+1 246 555 0107", Granted: true, Reason: "No funds for overseas training.",
		Trip: &demoTrip{0, "16:50", "AA 1346", "MIA", 4, "10:30", "AA 1347", "MIA", false, true}},
	{First: "Shondell", Last: "Persad", Country: "GY", Organisation: "Ministry of Home Affairs", Job: "Legal Officer",
		Phone: "+592 555 0129", Dietary: "Halal", Granted: true, Reason: "Limited departmental budget.",
		Trip: &demoTrip{0, "21:40", "BW 526", "MIA", 4, "18:20", "BW 527", "MIA", true, true}},
	{First: "Anselm", Last: "Charles", Country: "LC", Organisation: "Ministry of Home Affairs, Justice and National Security", Job: "Permanent Secretary",
		Phone: "+1 758 555 0171", Access: "Step-free access to the meeting rooms", Granted: true, Reason: "Small island state.",
		Trip: &demoTrip{0, "13:05", "AA 1530", "MIA", 4, "15:10", "AA 1531", "MIA", true, true}},
	{First: "Lavern", Last: "Rolle", Country: "BS", Organisation: "Ministry of Foreign Affairs", Job: "Foreign Service Officer",
		Phone: "+1 242 555 0134", Granted: true, Reason: "Travel not in this year's budget.",
		Trip: &demoTrip{0, "10:15", "UP 201", "FLL", 4, "16:40", "UP 202", "FLL", true, false}},
	{First: "Rosa", Last: "Almonte", Country: "DO", Organisation: "Procuraduría General de la República", Job: "Fiscal",
		Phone: "+1 809 555 0186", Dietary: "vegetarian", Granted: true, Reason: "Presupuesto agotado.",
		Trip: &demoTrip{0, "12:55", "B6 1854", "FLL", 4, "14:30", "B6 1853", "FLL", false, false}},
	{First: "Nadia", Last: "Ramcharan", Country: "SR", Organisation: "Ministerie van Justitie en Politie", Job: "Beleidsmedewerker",
		Phone: "+597 555 0112", Granted: true, Reason: "Geen reisbudget.",
		Trip: &demoTrip{0, "18:25", "PY 993", "MIA", 4, "20:10", "PY 994", "MIA", true, false}},
	{First: "Glenroy", Last: "Francis", Country: "AG", Organisation: "Ministry of Legal Affairs", Job: "Crown Counsel",
		Phone: "+1 268 555 0155", Granted: true, Reason: "Small island state.",
		Trip: &demoTrip{-1, "19:00", "AA 1440", "MIA", 4, "11:55", "AA 1441", "MIA", true, false}},
	{First: "Jozette", Last: "Mathurin", Country: "DM", Organisation: "Commonwealth of Dominica Police Force", Job: "Sergeant",
		Phone: "+1 767 555 0190", Granted: true, Reason: "No travel budget."},
	{First: "Kemar", Last: "Baptiste", Country: "VC", Organisation: "Ministry of National Security", Job: "Immigration Officer",
		Phone: "+1 784 555 0127", Dietary: "Gluten free", Granted: true, Reason: "Small island state."},
	{First: "Celia", Last: "Gumbs", Country: "KN", Organisation: "Ministry of National Security", Job: "Policy Analyst",
		Phone: "+1 869 555 0148", Reason: "Our ministry cannot pay the airfare."},
	{First: "Roxanne", Last: "Duncan", Country: "GD", Organisation: "Royal Grenada Police Force", Job: "Assistant Superintendent",
		Phone: "+1 473 555 0161", Reason: "Limited budget."},
}

// seedTravellers turns sponsored travel on and registers the delegates,
// confirmed, with their sponsorship and itineraries. The people and their
// trips are the same on every seed; the registrations' secrets (reference,
// check-in code, self-service token) are drawn afresh, as for anyone.
func seedTravellers(tx *store.Tx, confID int64, day func(int) time.Time, now time.Time) error {
	if err := tx.SetTravelSettings(confID, travel); err != nil {
		return err
	}
	const by = "organiser@ctc-miami.example"
	wall := func(n int, hhmm string) string { return day(n).Format(time.DateOnly) + "T" + hhmm }
	for i, d := range delegates {
		id, err := tx.CreateRegistration(store.NewRegistration{Registration: model.Registration{ConferenceID: confID,
			Reference: "CTC-" + randomCode(6), CheckinCode: randomCode(16),
			Status: model.StatusConfirmed, Category: model.CategoryParticipant, FirstName: d.First, LastName: d.Last,
			Email: fmt.Sprintf("delegate%02d@gov.example", i+1), Phone: d.Phone, Country: d.Country,
			Organisation: d.Organisation, OrgType: "government", JobTitle: d.Job, Dietary: d.Dietary,
			Accessibility: d.Access, CostsCoveredBy: model.CostsOrganiser, CreatedAt: now, ConsentAt: now},
			ManageTokenHash: randomHash()})
		if err != nil {
			return fmt.Errorf("demo: delegate %s %s: %w", d.First, d.Last, err)
		}
		if err := tx.SetSponsorshipRequest(id, d.Reason, now); err != nil {
			return err
		}
		if !d.Granted {
			continue
		}
		if err := tx.SetSponsorshipDecision(id, model.SponsorshipGranted, "", by, now); err != nil {
			return err
		}
		if d.Trip == nil {
			continue
		}
		t := d.Trip
		it := model.Itinerary{RegistrationID: id, ArrivalAt: wall(t.ArriveDay, t.ArriveAt), ArrivalFlight: t.ArriveFlight,
			ArrivalAirport: t.ArriveAirport, DepartureAt: wall(t.LeaveDay, t.LeaveAt), DepartureFlight: t.LeaveFlight,
			DepartureAirport: t.LeaveAirport, CheckIn: day(t.ArriveDay).Format(time.DateOnly),
			CheckOut: day(t.LeaveDay).Format(time.DateOnly), Transfer: t.Transfer}
		if err := tx.SaveItinerary(it, "participant", now); err != nil {
			return err
		}
		if t.Confirmed {
			if err := tx.ConfirmItinerary(id, by, false, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// codeAlphabet is the registrations' references' and check-in codes'
// (internal/registration/codes.go; not imported: the mail package's tests
// seed the demo, and registration imports mail).
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// randomCode is n characters of codeAlphabet from crypto/rand.
func randomCode(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = codeAlphabet[randomIndex(len(codeAlphabet))]
	}
	return string(b)
}

func randomIndex(n int) int {
	var b [1]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			panic("demo: crypto/rand failed: " + err.Error())
		}
		if int(b[0]) < 256-256%n { // no modulo bias
			return int(b[0]) % n
		}
	}
}

// randomHash is the hash of a self-service token nobody was given: the
// demo's delegates are fictional and nobody holds their links.
func randomHash() []byte {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("demo: crypto/rand failed: " + err.Error())
	}
	sum := sha256.Sum256(b[:])
	return sum[:]
}

package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// The test conference runs 15–17 March 2027 in America/New_York; the
// clocks go forward there in the night of 14 March 2027 (02:00 → 03:00).
// The default margin is 2 days: hotel nights from 13 to 19 March.

// itineraryForm is a complete, valid itinerary as a participant types it.
func itineraryForm() url.Values {
	return url.Values{
		"arrival_date": {"2027-03-14"}, "arrival_time": {"16:45"}, "arrival_flight": {"aa 1234"}, "arrival_airport": {"MIA"},
		"departure_date": {"2027-03-18"}, "departure_time": {"11:05"}, "departure_flight": {"ba 0012"}, "departure_airport": {"MIA"},
		"check_in": {"2027-03-14"}, "check_out": {"2027-03-18"}, "transfer": {"yes"},
	}
}

// sponsoredParticipant registers a participant through the form in
// language lang and returns their client, self-service path and id; grant
// says whether organisers granted their sponsorship.
func sponsoredParticipant(t *testing.T, env *webtest.Env, lang, email string, grant bool) (*webtest.Client, string, int64) {
	t.Helper()
	cl := inLanguage(env, lang)
	res := cl.Submit("/register", "/register", validForm(email))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("register: %d\n%s", res.StatusCode, res.Body)
	}
	self, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if grant {
		grantSponsorship(t, env, id)
	}
	return cl, self, id
}

func grantSponsorship(t *testing.T, env *webtest.Env, ids ...int64) {
	t.Helper()
	for _, id := range ids {
		if _, err := env.DB.Write.Exec(`UPDATE registrations SET sponsorship = 'granted' WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
	}
}

// storedItinerary reads registration id's itinerary as stored.
func storedItinerary(t *testing.T, env *webtest.Env, id int64) (it model.Itinerary, ok bool) {
	t.Helper()
	it, err := env.Store.Itinerary(t.Context(), id)
	return it, err == nil
}

// A participant whose travel is not sponsored has no travel section or
// page; once granted, they enter their itinerary on a Spanish page with
// Spanish labels and errors, the form kept; once the organisers confirm
// it, it is read-only and says how to ask for a change.
func TestItineraryParticipantInSpanish(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `sponsors_travel = 1, contact_email = 'travel@example.org' WHERE id = ?`, env.Conference.ID)
	cl, self, id := sponsoredParticipant(t, env, "es", "lucia@example.org", false)
	if n := mustGet(t, cl, self).Doc().Find(`[data-testid=travel]`).Length(); n != 0 {
		t.Error("a participant without sponsorship sees a travel section")
	}
	if res := cl.Get(self + "/travel"); res.StatusCode != http.StatusNotFound {
		t.Errorf("travel page without sponsorship: %d, want 404", res.StatusCode)
	}
	// A post (with a valid token from another of their forms) is refused too.
	token := webtest.FormToken(t, mustGet(t, cl, self+"/edit"), self+"/edit")
	f := itineraryForm()
	f.Set("_csrf", token)
	if res := cl.PostForm(self+"/travel", f); res.StatusCode != http.StatusNotFound {
		t.Errorf("travel post without sponsorship: %d, want 404", res.StatusCode)
	}
	if _, ok := storedItinerary(t, env, id); ok {
		t.Fatal("an itinerary was stored without sponsorship")
	}

	grantSponsorship(t, env, id)
	section := mustGet(t, cl, self).Doc().Find(`[data-testid=travel]`)
	if !strings.Contains(section.Text(), "Su viaje") || section.Find(`[data-testid=travel-link]`).Length() != 1 {
		t.Errorf("travel section: %q", section.Text())
	}
	page := mustGet(t, cl, self+"/travel").Doc()
	if got := label(page, "arrival_date"); !strings.Contains(got, "Fecha de llegada") {
		t.Errorf("arrival date label %q", got)
	}
	if got := label(page, "transfer"); !strings.Contains(got, "Necesito un traslado") {
		t.Errorf("transfer label %q", got)
	}
	if got := page.Find(`[data-testid=itinerary-zone]`).Text(); !strings.Contains(got, "America/New_York") || !strings.Contains(got, "billete") {
		t.Errorf("zone hint %q", got)
	}
	if typ, _ := page.Find(`#arrival_time`).Attr("type"); typ != "time" {
		t.Errorf("arrival time input type %q", typ)
	}

	// Errors in Spanish, with what was typed kept.
	bad := itineraryForm()
	bad.Set("arrival_date", "")
	bad.Set("check_in", "2027-03-10")
	res := cl.Submit(self+"/travel", self+"/travel", bad)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad itinerary: %d", res.StatusCode)
	}
	doc := res.Doc()
	if got := doc.Find(`#arrival_date-error`).Text(); got != "Indique la fecha de su llegada." {
		t.Errorf("arrival error %q", got)
	}
	if got := doc.Find(`#check_in-error`).Text(); !strings.Contains(got, "13 de marzo de 2027") {
		t.Errorf("check-in error %q", got)
	}
	if v, _ := doc.Find(`#arrival_flight`).Attr("value"); v != "aa 1234" {
		t.Errorf("the flight came back as %q", v)
	}

	res = cl.Submit(self+"/travel", self+"/travel", itineraryForm())
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != self+"?travel=1" {
		t.Fatalf("save: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), res.Doc().Find("#error-summary").Text())
	}
	it, ok := storedItinerary(t, env, id)
	if !ok || it.ArrivalAt != "2027-03-14T16:45" || it.ArrivalFlight != "AA1234" || it.DepartureFlight != "BA12" ||
		it.CheckIn != "2027-03-14" || it.CheckOut != "2027-03-18" || !it.Transfer || it.UpdatedBy != "participant" || it.Confirmed() {
		t.Errorf("stored %+v", it)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'itinerary' AND entity_id = ? AND actor = 'participant'`, id); n != 1 {
		t.Errorf("%d audit lines, want 1", n)
	}
	home := mustGet(t, cl, self+"?travel=1").Doc()
	if got := home.Find(`[data-testid=travel]`).Text(); !strings.Contains(got, "aún no lo han confirmado") || !strings.Contains(got, "AA1234") {
		t.Errorf("travel section after saving: %q", got)
	}
	// The form to change it again, loaded now, for a post after the confirmation.
	stale := mustGet(t, cl, self+"/travel")

	org := env.Login(model.UserOrganiser)
	if res := org.PostAdmin(regPath(id)+"/itinerary/confirm", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%s", res.StatusCode, res.Doc().Find("main").Text())
	}
	page = mustGet(t, cl, self+"/travel").Doc()
	if page.Find(`form[action="`+self+`/travel"]`).Length() != 0 {
		t.Error("the confirmed itinerary is still a form")
	}
	if got := page.Find(`[data-testid=itinerary-change]`).Text(); !strings.Contains(got, "travel@example.org") || !strings.Contains(got, "escriba a los organizadores") {
		t.Errorf("how to change it: %q", got)
	}
	if got := page.Find(`[data-testid=itinerary-confirmed]`).Text(); !strings.Contains(got, "confirmado") {
		t.Errorf("confirmed note %q", got)
	}
	changed := itineraryForm()
	changed.Set("_csrf", webtest.FormToken(t, stale, self+"/travel"))
	changed.Set("version", "1")
	changed.Set("arrival_time", "18:00")
	if res := cl.PostForm(self+"/travel", changed); res.StatusCode != http.StatusConflict {
		t.Errorf("a change after confirmation: %d, want 409", res.StatusCode)
	}
	if after, _ := storedItinerary(t, env, id); after.ArrivalAt != "2027-03-14T16:45" || !after.Confirmed() {
		t.Errorf("changed after confirmation: %+v", after)
	}
	// The personal-data download carries it.
	if body := mustGet(t, cl, self+"/data.json").Body; !strings.Contains(body, `"arrival_flight": "AA1234"`) && !strings.Contains(body, `"arrival_flight":"AA1234"`) {
		t.Error("the personal data download lacks the itinerary")
	}
}

// Each rule of the form, refused with the message beside its field.
func TestItineraryValidationRules(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `sponsors_travel = 1 WHERE id = ?`, env.Conference.ID)
	cl, self, id := sponsoredParticipant(t, env, "en", "rules@example.org", true)
	for _, tc := range []struct {
		name  string
		set   map[string]string
		field string
		want  string
	}{
		{"arrival date missing", map[string]string{"arrival_date": ""}, "arrival_date", "date of your arrival"},
		{"departure time missing", map[string]string{"departure_time": ""}, "departure_time", "time of your departure"},
		{"bad date", map[string]string{"departure_date": "18/03/2027"}, "departure_date", "day, month and year"},
		{"bad time", map[string]string{"arrival_time": "25:00"}, "arrival_time", "hours and minutes"},
		{"skipped time", map[string]string{"arrival_time": "02:30"}, "arrival_time", "clocks go forward"},
		{"departure before arrival", map[string]string{"departure_date": "2027-03-14", "departure_time": "10:00"}, "departure_date", "after your arrival"},
		{"arrival after the conference", map[string]string{"arrival_date": "2027-03-18"}, "arrival_date", "17 March 2027"},
		{"departure before the conference", map[string]string{"arrival_date": "2027-03-12", "departure_date": "2027-03-13", "check_in": "", "check_out": ""}, "departure_date", "15 March 2027"},
		{"bad flight", map[string]string{"arrival_flight": "12345678"}, "arrival_flight", "AA1234"},
		{"flight without airport", map[string]string{"departure_airport": ""}, "departure_airport", "MIA, FLL"},
		{"transfer without airport", map[string]string{"arrival_flight": "", "arrival_airport": ""}, "arrival_airport", "MIA, FLL"},
		{"unknown airport", map[string]string{"arrival_airport": "JFK"}, "arrival_airport", "one of the airports"},
		{"check-in alone", map[string]string{"check_out": ""}, "check_out", "both"},
		{"check-out before check-in", map[string]string{"check_out": "2027-03-14"}, "check_out", "after your check-in"},
		{"check-in too early", map[string]string{"check_in": "2027-03-12"}, "check_in", "13 March 2027"},
		{"check-out too late", map[string]string{"check_out": "2027-03-20"}, "check_out", "19 March 2027"},
	} {
		f := itineraryForm()
		for k, v := range tc.set {
			f.Set(k, v)
		}
		res := cl.Submit(self+"/travel", self+"/travel", f)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", tc.name, res.StatusCode)
			continue
		}
		if got := res.Doc().Find("#" + tc.field + "-error").Text(); !strings.Contains(got, tc.want) {
			t.Errorf("%s: %s error %q, want %q (summary: %s)", tc.name, tc.field, got, tc.want, res.Doc().Find("#error-summary").Text())
		}
	}
	if _, ok := storedItinerary(t, env, id); ok {
		t.Fatal("a refused itinerary was stored")
	}
	// By road: no flight, no airport, no hotel, no transfer.
	road := itineraryForm()
	for _, k := range []string{"arrival_flight", "arrival_airport", "departure_flight", "departure_airport", "check_in", "check_out", "transfer"} {
		road.Del(k)
	}
	if res := cl.Submit(self+"/travel", self+"/travel", road); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("by road: %d\n%s", res.StatusCode, res.Doc().Find("#error-summary").Text())
	}
	if it, _ := storedItinerary(t, env, id); it.ArrivalFlight != "" || len(it.Nights()) != 0 || it.ArrivalAt != "2027-03-14T16:45" {
		t.Errorf("by road stored %+v", it)
	}
}

// Organisers enter and confirm itineraries; with a block of one room, the
// second itinerary sharing a night is refused with the night named, and
// confirmed with the audited override; the e-mail is in the person's
// language; an organiser's change clears the confirmation.
func TestItineraryOrganiserConfirmsAgainstTheRoomBlock(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `sponsors_travel = 1, hotel_rooms = 1, hotel_name = 'Hotel Biscayne',
		hotel_address = '1 Biscayne Blvd, Miami' WHERE id = ?`, env.Conference.ID)
	ids := seed(t, env, person{Last: "Alvarez"}, person{Last: "Baptiste"}, person{Last: "Charles"})
	a, b, notSponsored := ids[0], ids[1], ids[2]
	grantSponsorship(t, env, a, b)
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET language = 'es' WHERE id = ?`, a); err != nil {
		t.Fatal(err)
	}
	org := env.Login(model.UserOrganiser)

	if mustGet(t, org, regPath(notSponsored)).Doc().Find(`[data-testid=itinerary]`).Length() != 0 {
		t.Error("an itinerary section without sponsorship")
	}
	if res := org.Get(regPath(notSponsored) + "/itinerary"); res.StatusCode != http.StatusNotFound {
		t.Errorf("itinerary form without sponsorship: %d", res.StatusCode)
	}
	detail := mustGet(t, org, regPath(a)).Doc().Find(`[data-testid=itinerary]`)
	if detail.Length() != 1 || detail.Find(`[data-testid=itinerary-edit]`).Length() != 1 {
		t.Fatalf("itinerary section: %q", detail.Text())
	}
	enter := func(id int64, change map[string]string) {
		t.Helper()
		path := regPath(id) + "/itinerary"
		f := webtest.FormValues(t, mustGet(t, org, path), path)
		for k, v := range itineraryForm() {
			f[k] = v
		}
		for k, v := range change {
			f.Set(k, v)
		}
		if res := org.PostAdmin(path, f); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save %d: %d\n%s", id, res.StatusCode, res.Doc().Find("main").Text())
		}
	}
	enter(a, nil)
	// Baptiste shares the night of 15 March only.
	enter(b, map[string]string{"check_in": "2027-03-15", "check_out": "2027-03-16", "arrival_date": "2027-03-15", "departure_date": "2027-03-16"})
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'itinerary' AND actor LIKE '%@%'`); n != 2 {
		t.Errorf("%d audit lines of organisers' entries, want 2", n)
	}
	state := mustGet(t, org, regPath(a)).Doc().Find(`[data-testid=itinerary-state]`).Text()
	if !strings.Contains(state, "Awaiting confirmation") {
		t.Errorf("state %q", state)
	}

	if res := org.PostAdmin(regPath(a)+"/itinerary/confirm", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm a: %d\n%s", res.StatusCode, res.Doc().Find("main").Text())
	}
	es := lastMail(t, env, a, mail.KindTravelConfirmed)
	if !strings.HasPrefix(es.Subject, "Su viaje está confirmado") || !strings.Contains(es.BodyText, "vuelo AA1234") ||
		!strings.Contains(es.BodyText, "Hotel Biscayne") || !strings.Contains(es.BodyText, "le llevarán al hotel") ||
		!strings.Contains(es.BodyText, "16:45") {
		t.Errorf("Spanish e-mail %q\n%s", es.Subject, es.BodyText)
	}

	res := org.PostAdmin(regPath(b)+"/itinerary/confirm", url.Values{})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("confirm b over the block: %d, want 409", res.StatusCode)
	}
	doc := res.Doc()
	if got := doc.Find(`[data-testid=block-full]`).Text(); !strings.Contains(got, "15 March 2027") || strings.Contains(got, "16 March") {
		t.Errorf("full nights %q", got)
	}
	if doc.Find(`[data-testid=itinerary-confirm] input[name=override]`).Length() != 1 {
		t.Error("no override checkbox")
	}
	if it, _ := storedItinerary(t, env, b); it.Confirmed() {
		t.Fatal("confirmed over a full block without the override")
	}
	if n := mailsOf(t, env, b, mail.KindTravelConfirmed); n != 0 {
		t.Errorf("%d e-mails after a refusal", n)
	}
	if res := org.PostAdmin(regPath(b)+"/itinerary/confirm", url.Values{"override": {"yes"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("override: %d\n%s", res.StatusCode, res.Doc().Find("main").Text())
	}
	if it, _ := storedItinerary(t, env, b); !it.Confirmed() || !it.OverBlock {
		t.Errorf("after the override %+v", it)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'confirm_itinerary' AND entity_id = ? AND changes LIKE '%over_block%'`, b); n != 1 {
		t.Errorf("%d audit lines of the override, want 1", n)
	}
	if en := lastMail(t, env, b, mail.KindTravelConfirmed); !strings.HasPrefix(en.Subject, "Your travel has been confirmed") {
		t.Errorf("English subject %q", en.Subject)
	}
	if got := mustGet(t, org, regPath(b)).Doc().Find(`[data-testid=itinerary-state]`).Text(); !strings.Contains(got, "Over the room block") {
		t.Errorf("state after the override %q", got)
	}

	// An organiser's change clears the confirmation; a form from before is stale.
	path := regPath(a) + "/itinerary"
	old := webtest.FormValues(t, mustGet(t, org, path), path)
	enter(a, map[string]string{"arrival_time": "18:20"})
	if it, _ := storedItinerary(t, env, a); it.Confirmed() || it.ArrivalAt != "2027-03-14T18:20" {
		t.Errorf("after a change: %+v", it)
	}
	old.Set("arrival_time", "07:00")
	if res := org.PostAdmin(path, old); res.StatusCode != http.StatusConflict {
		t.Errorf("stale form: %d, want 409", res.StatusCode)
	}
	if it, _ := storedItinerary(t, env, a); it.ArrivalAt != "2027-03-14T18:20" {
		t.Errorf("a stale form changed it: %+v", it)
	}
}

// Erasing a registration deletes its itinerary.
func TestItineraryErasure(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `sponsors_travel = 1 WHERE id = ?`, env.Conference.ID)
	cl, self, id := sponsoredParticipant(t, env, "en", "erase@example.org", true)
	if res := cl.Submit(self+"/travel", self+"/travel", itineraryForm()); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	admin := env.Login(model.UserAdmin)
	f := webtest.FormValues(t, mustGet(t, admin, regPath(id)), regPath(id)+"/erase")
	f.Set("confirm", referenceOf(t, env, id))
	if res := admin.PostAdmin(regPath(id)+"/erase", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("erase: %d\n%s", res.StatusCode, res.Doc().Find("main").Text())
	}
	if n := count(t, env, `SELECT count(*) FROM itineraries WHERE registration_id = ?`, id); n != 0 {
		t.Error("the itinerary outlived the erasure")
	}
}

// The margin and the airports round trip through the settings, are
// validated and audited; a settings form saved as it is keeps them.
func TestItinerarySettings(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	f := settingsForm(t, cl)
	if f.Get("travel_margin_days") != "2" || f.Get("travel_airports") != "MIA, FLL" {
		t.Errorf("defaults shown as %q %q", f.Get("travel_margin_days"), f.Get("travel_airports"))
	}
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save as is: %d\n%s", res.StatusCode, res.Doc().Find("#error-summary").Text())
	}
	travel, err := env.Store.TravelSettings(t.Context(), env.Conference.ID)
	if err != nil {
		t.Fatal(err)
	}
	if travel.MarginDays != 2 || strings.Join(travel.Airports, ",") != "MIA,FLL" {
		t.Errorf("saved as is: %d %v", travel.MarginDays, travel.Airports)
	}
	f = settingsForm(t, cl)
	f.Set("travel_margin_days", "3")
	f.Set("travel_airports", "mia, fll,pbi")
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", res.StatusCode, res.Doc().Find("#error-summary").Text())
	}
	travel, _ = env.Store.TravelSettings(t.Context(), env.Conference.ID)
	if travel.MarginDays != 3 || strings.Join(travel.Airports, ",") != "MIA,FLL,PBI" {
		t.Errorf("stored %d %v", travel.MarginDays, travel.Airports)
	}
	if back := settingsForm(t, cl); back.Get("travel_airports") != "MIA, FLL, PBI" || back.Get("travel_margin_days") != "3" {
		t.Errorf("shown back %q %q", back.Get("travel_airports"), back.Get("travel_margin_days"))
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE entity = 'conference' AND changes LIKE '%travel_airports%'`); n != 1 {
		t.Errorf("%d audit lines with the airports, want 1", n)
	}
	// A form from before the two fields existed keeps them.
	f = settingsForm(t, cl)
	f.Del("travel_margin_days")
	f.Del("travel_airports")
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save without the fields: %d\n%s", res.StatusCode, res.Doc().Find("#error-summary").Text())
	}
	if travel, _ = env.Store.TravelSettings(t.Context(), env.Conference.ID); travel.MarginDays != 3 || len(travel.Airports) != 3 {
		t.Errorf("a form without the fields stored %d %v", travel.MarginDays, travel.Airports)
	}
	for _, tc := range []struct{ field, value, want string }{
		{"travel_margin_days", "31", "0 to 30"},
		{"travel_margin_days", "-1", "0 to 30"},
		{"travel_margin_days", "two", "0 to 30"},
		{"travel_airports", "MIAMI", "three-letter IATA"},
		{"travel_airports", "M1A", "three-letter IATA"},
		{"travel_airports", "AAA,BBB,CCC,DDD,EEE,FFF,GGG", "at most " + strconv.Itoa(6)},
	} {
		f := settingsForm(t, cl)
		f.Set(tc.field, tc.value)
		refusedSetting(t, env, cl, f, tc.field, tc.want)
	}
}

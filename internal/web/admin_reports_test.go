package web_test

import (
	"bytes"
	"confdesk/internal/benchmem"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"confdesk/internal/csvout"
	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// attendee is a registration of the reports' fixture; empty fields get defaults.
type attendee struct {
	First, Last, Country, Org, OrgType, Status, Category, Job, Outlet, Media string
	Consent, Head                                                            bool
	Created                                                                  string // RFC 3339
}

// insertAttendees writes people as registrations in one transaction and
// returns their ids, in order.
func insertAttendees(t testing.TB, env *webtest.Env, people []attendee) []int64 {
	t.Helper()
	ids := make([]int64, 0, len(people))
	err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		for i, p := range people {
			created, err := time.Parse(time.RFC3339, p.Created)
			if err != nil {
				return err
			}
			r := model.Registration{ConferenceID: env.Conference.ID, Reference: fmt.Sprintf("CTC-T%05d", i),
				CheckinCode: fmt.Sprintf("TESTCODE%08d", i), Status: p.Status, Category: p.Category,
				FirstName: p.First, LastName: p.Last, Email: fmt.Sprintf("attendee%d@example.org", i), Country: p.Country,
				Organisation: p.Org, OrgType: p.OrgType, JobTitle: p.Job, ListConsent: p.Consent, Outlet: p.Outlet,
				MediaType: p.Media, CreatedAt: created, ConsentAt: created}
			if r.Status == "" {
				r.Status = model.StatusConfirmed
			}
			if r.Category == "" {
				r.Category = model.CategoryParticipant
			}
			if r.OrgType == "" {
				r.OrgType = "government"
			}
			if r.Status == model.StatusWaitlisted {
				r.WaitlistedAt = created
			}
			id, err := tx.CreateRegistration(store.NewRegistration{Registration: r,
				ManageTokenHash: registration.HashToken(registration.NewManageToken())})
			if err != nil {
				return err
			}
			if p.Head {
				if err := tx.SetHeadOfDelegation(id, true, created); err != nil {
					return err
				}
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// The reports' fixture: thirteen registrations in every status, category
// and several countries, made between 9 and 14 January 2027 (New York time).
const (
	alvarez = iota
	baptiste
	hiddenworth // confirmed, but did not agree to be listed
	douglas
	edwards
	francis
	grant
	hill
	ives
	jones
	king
	lee
	mendez
)

const formulaOrg = "=1+2 Counter-Trafficking Unit"

var fixture = []attendee{
	alvarez:     {First: "Ana", Last: "Alvarez", Country: "TT", Org: "Ministry of National Security", Job: "Permanent Secretary", Consent: true, Head: true, Created: "2027-01-10T15:00:00Z"},
	baptiste:    {First: "Ben", Last: "Baptiste", Country: "TT", Org: "Ministry of National Security", Job: "Analyst", Consent: true, Created: "2027-01-10T16:00:00Z"},
	hiddenworth: {First: "Secretia", Last: "Hiddenworth", Country: "TT", Org: "Ministry of National Security", Job: "Investigator", Created: "2027-01-11T15:00:00Z"},
	// 03:30 UTC on the 12th is 22:30 on the 11th in New York.
	douglas: {First: "Dan", Last: "Douglas", Country: "JM", Org: "Jamaica Constabulary Force", Job: "Superintendent", Category: model.CategorySpeaker, Consent: true, Created: "2027-01-12T03:30:00Z"},
	edwards: {First: "Eve", Last: "Edwards", Country: "JM", Org: "Caribbean Anti-Trafficking Network", OrgType: "ngo", Status: model.StatusPending, Consent: true, Created: "2027-01-12T15:00:00Z"},
	francis: {First: "Fay", Last: "Francis", Country: "HT", Org: "UNHCR", OrgType: "international_agency", Status: model.StatusWaitlisted, Consent: true, Created: "2027-01-12T16:00:00Z"},
	grant:   {First: "Gus", Last: "Grant", Country: "HT", Org: "UNHCR", OrgType: "international_agency", Status: model.StatusWaitlisted, Created: "2027-01-13T15:00:00Z"},
	hill:    {First: "Hal", Last: "Hill", Country: "US", Org: "OAS", OrgType: "regional_institution", Status: model.StatusCancelled, Consent: true, Created: "2027-01-13T16:00:00Z"},
	ives:    {First: "Ida", Last: "Ives", Country: "GB", Org: "The Guardian", OrgType: "media", Category: model.CategoryPress, Outlet: "The Guardian", Media: "print", Created: "2027-01-14T15:00:00Z"},
	jones:   {First: "Jo", Last: "Jones", Country: "JM", Org: "Radio Jamaica", OrgType: "media", Category: model.CategoryPress, Outlet: "Radio Jamaica", Media: "radio", Created: "2027-01-14T15:10:00Z"},
	king:    {First: "Kim", Last: "King", Country: "JM", Org: "The Gleaner", OrgType: "media", Category: model.CategoryPress, Status: model.StatusPending, Outlet: "The Gleaner", Media: "print", Created: "2027-01-14T15:20:00Z"},
	lee:     {First: "Lou", Last: "Lee", Country: "US", Org: "Polaris Project", OrgType: "ngo", Status: model.StatusRejected, Consent: true, Created: "2027-01-09T15:00:00Z"},
	mendez:  {First: "Mía", Last: "Méndez", Country: "DO", Org: formulaOrg, OrgType: "other", Job: "Coordinator", Consent: true, Created: "2027-01-14T16:00:00Z"},
}

// reportEnv is the fixture with sign-ups, check-ins, a press file and downloads.
func reportEnv(t *testing.T) (*webtest.Env, *webtest.Client, []int64) {
	t.Helper()
	env := webtest.New(t)
	ids := insertAttendees(t, env, fixture)
	sessionID := func(title string) int64 {
		var id int64
		if err := env.DB.Read.QueryRow(`SELECT id FROM sessions WHERE title = ?`, title).Scan(&id); err != nil {
			t.Fatalf("session %q: %v", title, err)
		}
		return id
	}
	opening := sessionID("Opening plenary: trafficking in the Caribbean today")
	recruitment := sessionID("Workshop: recognising deceptive recruitment")
	courtCase := sessionID("Workshop: building a case that holds up in court")
	// Sign-ups go straight into the table: the sign-up page has its own tests.
	for _, su := range []struct {
		session int64
		who     int
	}{{opening, alvarez}, {opening, baptiste}, {opening, douglas}, {opening, edwards}, // Edwards is pending: not counted
		{recruitment, alvarez}, {recruitment, baptiste}, {courtCase, douglas}} {
		if _, err := env.DB.Write.Exec(`INSERT INTO session_signups (session_id, registration_id, created_at)
			VALUES (?, ?, '2027-01-15T15:00:00.000000Z')`, su.session, ids[su.who]); err != nil {
			t.Fatal(err)
		}
	}
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		for _, c := range []struct {
			who     int
			session int64
			at      string
			undone  bool
		}{
			// At the door. Monday 15 March: Alvarez, Baptiste, and Douglas at
			// 23:30 New York time (03:30 UTC on the 16th); Alvarez twice.
			{alvarez, 0, "2027-03-15T12:50:00Z", false},
			{alvarez, 0, "2027-03-15T17:00:00Z", false},
			{baptiste, 0, "2027-03-15T13:00:00Z", false},
			{douglas, 0, "2027-03-16T03:30:00Z", false},
			{alvarez, 0, "2027-03-16T12:40:00Z", false},
			{mendez, 0, "2027-03-16T12:45:00Z", true}, // a mistake, undone
			{douglas, 0, "2027-03-17T12:30:00Z", false},
			// At sessions.
			{alvarez, opening, "2027-03-15T13:05:00Z", false},
			{alvarez, opening, "2027-03-15T13:06:00Z", false},
			{baptiste, opening, "2027-03-15T13:07:00Z", false},
			{douglas, opening, "2027-03-15T13:08:00Z", true},
			{alvarez, recruitment, "2027-03-15T15:05:00Z", false},
			{douglas, courtCase, "2027-03-16T17:35:00Z", false},
			{mendez, courtCase, "2027-03-16T17:36:00Z", false},
		} {
			id, err := tx.CreateCheckin(ids[c.who], c.session, 0, at(c.at))
			if err != nil {
				return err
			}
			if c.undone {
				if err := tx.UndoCheckin(id, 0, at(c.at).Add(time.Minute)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var fileID int64
	err = env.Store.Update(context.Background(), func(tx *store.Tx) error {
		fileID, err = tx.CreatePressFile(model.PressFile{ConferenceID: env.Conference.ID, Title: "Fact sheet",
			OriginalName: "facts.pdf", StoredName: "report-test-facts", ContentType: "application/pdf", Size: 1,
			SHA256: "00", Published: true, CreatedAt: env.Clock.Now()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct {
		item string
		file any
		at   string
	}{{"kit", nil, "2027-01-14T15:00:00.000000Z"}, {"kit", nil, "2027-01-14T16:00:00.000000Z"},
		{"kit", nil, "2027-03-16T15:00:00.000000Z"}, {"file", fileID, "2027-01-14T15:00:00.000000Z"},
		{"file", fileID, "2027-03-15T15:00:00.000000Z"}, {"file", nil, "2027-01-10T15:00:00.000000Z"}} {
		if _, err := env.DB.Write.Exec(`INSERT INTO downloads (conference_id, item, press_file_id, downloaded_at)
			VALUES (?, ?, ?, ?)`, env.Conference.ID, d.item, d.file, d.at); err != nil {
			t.Fatal(err)
		}
	}
	return env, env.Login(model.UserOrganiser), ids
}

// getPDF fetches a report's PDF and returns it with each page's lines.
func getPDF(t *testing.T, cl *webtest.Client, path string) ([]byte, [][]string) {
	t.Helper()
	res := cl.Get(path)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("GET %s: %d %s\n%.300s", path, res.StatusCode, res.Header.Get("Content-Type"), res.Body)
	}
	return []byte(res.Body), pdftest.Lines(t, []byte(res.Body))
}

// longRows fetches a report's CSV in the long layout, checks its byte-order
// mark and header, and returns value by "section|key|measure", with the rows.
func longRows(t *testing.T, cl *webtest.Client, path string) (map[string]int, [][]string) {
	t.Helper()
	rows := getCSV(t, cl, path)
	if !slices.Equal(rows[0], []string{"section", "key", "label", "measure", "value"}) {
		t.Fatalf("%s header %q", path, rows[0])
	}
	out := map[string]int{}
	for _, r := range rows[1:] {
		v, err := strconv.Atoi(r[4])
		if err != nil {
			t.Fatalf("%s: value %q in %q", path, r[4], r)
		}
		k := r[0] + "|" + r[1] + "|" + r[3]
		if _, dup := out[k]; dup {
			t.Errorf("%s: %s twice", path, k)
		}
		out[k] = v
	}
	return out, rows[1:]
}

func getCSV(t *testing.T, cl *webtest.Client, path string) [][]string {
	t.Helper()
	res := cl.Get(path)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment;") {
		t.Fatalf("GET %s: %d %q %q", path, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	body, ok := strings.CutPrefix(res.Body, csvout.BOM)
	if !ok {
		t.Fatalf("%s: no byte-order mark", path)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// allLines flattens the pages' lines.
func allLines(pages [][]string) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p...)
	}
	return out
}

// wantLines checks that every line is in the PDF, in this order.
func wantLines(t *testing.T, what string, lines []string, want ...string) {
	t.Helper()
	from := 0
	for _, w := range want {
		i := slices.Index(lines[from:], w)
		if i < 0 {
			if slices.Contains(lines, w) {
				t.Errorf("%s: %q is out of order", what, w)
			} else {
				t.Errorf("%s: no line %q in\n%s", what, w, strings.Join(lines, "\n"))
			}
			continue
		}
		from += i + 1
	}
}

// wantValues checks the CSV's numbers.
func wantValues(t *testing.T, what string, got map[string]int, want map[string]int) {
	t.Helper()
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("%s: %s = %d (present %v), want %d", what, k, g, ok, v)
		}
	}
}

// checkPages checks each page's running header and "Page X of Y".
func checkPages(t *testing.T, what string, pages [][]string, title string, cover bool) {
	t.Helper()
	for i, lines := range pages {
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.HasSuffix(lines[len(lines)-1], want) {
			t.Errorf("%s page %d ends %q, want %q", what, i+1, lines[len(lines)-1], want)
		}
		if cover && i == 0 {
			continue
		}
		if lines[0] != "Caribbean Counter-Trafficking Conference" ||
			lines[1] != title+" Generated Friday 15 January 2027, 10:00 EST" {
			t.Errorf("%s page %d header %q", what, i+1, lines[:2])
		}
	}
}

func TestRegistrationsReport(t *testing.T) {
	_, cl, _ := reportEnv(t)
	_, pages := getPDF(t, cl, "/admin/reports/registrations.pdf")
	checkPages(t, "registrations", pages, "Registrations", false)
	lines := allLines(pages)
	wantLines(t, "registrations PDF", lines,
		"Statuses counted All",
		"Days of registration All",
		"Registrations 13",
		"From the Caribbean 10 registrations from 4 countries",
		"From elsewhere 3 registrations from 2 countries",
		"Category Pending Confirmed Waitlisted Rejected Cancelled Total",
		"Participant 1 4 2 1 1 9",
		"Speaker 0 1 0 0 0 1",
		"Press 1 2 0 0 0 3",
		"Organiser 0 0 0 0 0 0",
		"Staff 0 0 0 0 0 0",
		"Total 2 7 2 1 1 13",
		// The bar chart: the Caribbean first, each part by name.
		"Dominican Republic 1", "Haiti 2", "Jamaica 4", "Trinidad and Tobago 3", "United Kingdom 1", "United States 2",
		"Government 4", "Non-governmental organisation 2", "Regional institution (e.g. CARICOM, OAS) 1",
		"International agency (e.g. UNHCR, IOM) 2", "University or research 0", "Media 3", "Other 1", "Total 13",
		"Ministry of National Security Trinidad and Tobago Ana Alvarez 3",
		"9 Jan 2027 1 1", "10 Jan 2027 2 3", "11 Jan 2027 2 5", "12 Jan 2027 2 7", "13 Jan 2027 2 9", "14 Jan 2027 4 13",
		"1 Fay Francis UNHCR Haiti CTC-T00005 12 Jan 2027",
		"2 Gus Grant UNHCR Haiti CTC-T00006 13 Jan 2027",
	)

	values, rows := longRows(t, cl, "/admin/reports/registrations.csv")
	wantValues(t, "registrations CSV", values, map[string]int{
		"total|all|registrations":      13,
		"status|pending|registrations": 2, "status|confirmed|registrations": 7, "status|waitlisted|registrations": 2,
		"status|rejected|registrations": 1, "status|cancelled|registrations": 1,
		"category|participant|registrations": 9, "category|speaker|registrations": 1, "category|press|registrations": 3,
		"category_status|participant/confirmed|registrations": 4, "category_status|press/pending|registrations": 1,
		"region|caribbean|registrations": 10, "region|caribbean|countries": 4,
		"region|elsewhere|registrations": 3, "region|elsewhere|countries": 2,
		"country|DO|registrations": 1, "country|HT|registrations": 2, "country|JM|registrations": 4,
		"country|TT|registrations": 3, "country|GB|registrations": 1, "country|US|registrations": 2,
		"org_type|government|registrations": 4, "org_type|academia|registrations": 0, "org_type|media|registrations": 3,
		"delegation|TT/Ministry of National Security|registrations": 3,
		"per_day|2027-01-11|registrations":                          2, "per_day|2027-01-11|registrations_so_far": 5,
		"per_day|2027-01-14|registrations": 4, "per_day|2027-01-14|registrations_so_far": 13,
		"waiting_list|CTC-T00005|place": 1, "waiting_list|CTC-T00006|place": 2,
	})
	// Every country and type row of the CSV is printed the same in the PDF.
	for _, r := range rows {
		switch r[0] {
		case "country", "org_type":
			if !slices.Contains(lines, r[2]+" "+r[4]) {
				t.Errorf("the CSV's %s %q = %s is not in the PDF", r[0], r[2], r[4])
			}
		case "per_day":
			if r[3] == "registrations" {
				want := r[2] + " " + r[4] + " " + strconv.Itoa(values["per_day|"+r[1]+"|registrations_so_far"])
				if !slices.Contains(lines, want) {
					t.Errorf("the CSV's day %s is not in the PDF as %q", r[1], want)
				}
			}
		}
	}
	var countries []string
	for _, r := range rows {
		if r[0] == "country" {
			countries = append(countries, r[1])
		}
	}
	if want := []string{"DO", "HT", "JM", "TT", "GB", "US"}; !slices.Equal(countries, want) {
		t.Errorf("CSV countries in order %v, want %v", countries, want)
	}
}

func TestRegistrationsReportFilters(t *testing.T) {
	_, cl, _ := reportEnv(t)
	const q = "?from=2027-01-10&to=2027-01-12&status=confirmed"
	_, pages := getPDF(t, cl, "/admin/reports/registrations.pdf"+q)
	lines := allLines(pages)
	// Confirmed and registered on 10–12 January: Alvarez, Baptiste,
	// Hiddenworth and Douglas (late on the 11th in New York).
	wantLines(t, "filtered PDF", lines,
		"Statuses counted Confirmed only",
		"Days of registration From 10 January 2027 to 12 January 2027",
		"Registrations 4",
		"Participant 0 3 0 0 0 3", "Speaker 0 1 0 0 0 1", "Total 0 4 0 0 0 4",
		"Jamaica 1", "Trinidad and Tobago 3",
		"10 Jan 2027 2 2", "11 Jan 2027 2 4",
		"No one on the waiting list matches.")
	if slices.Contains(lines, "Haiti 2") || slices.Contains(lines, "United States 2") {
		t.Error("the filtered report counts registrations outside the filter")
	}
	values, _ := longRows(t, cl, "/admin/reports/registrations.csv"+q)
	wantValues(t, "filtered CSV", values, map[string]int{"total|all|registrations": 4, "status|confirmed|registrations": 4,
		"status|pending|registrations": 0, "country|TT|registrations": 3, "country|JM|registrations": 1,
		"per_day|2027-01-11|registrations_so_far": 4})
	if _, ok := values["country|HT|registrations"]; ok {
		t.Error("the filtered CSV lists Haiti")
	}
	// The waiting list keeps each place in the whole queue.
	values, _ = longRows(t, cl, "/admin/reports/registrations.csv?from=2027-01-13")
	wantValues(t, "waiting list from the 13th", values, map[string]int{"waiting_list|CTC-T00006|place": 2})
	if _, ok := values["waiting_list|CTC-T00005|place"]; ok {
		t.Error("Francis registered on the 12th, before the filter")
	}

	// A bad date gives the form again, as sent, with the message by the date.
	for _, bad := range []string{"?from=yesterday&status=pending", "?from=2027-02-01&to=2027-01-01&status=pending"} {
		res := cl.Get("/admin/reports/registrations.csv" + bad)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", bad, res.StatusCode)
			continue
		}
		doc := res.Doc()
		if doc.Find(`.error-summary`).Length() != 1 || doc.Find(`form#report-filters select#status option[value=pending][selected]`).Length() != 1 {
			t.Errorf("%s: no message, or the form forgot the status", bad)
		}
	}
	// A date is no reason to refuse a report that does not read dates.
	if res := cl.Get("/admin/reports/participants.csv?from=yesterday"); res.StatusCode != http.StatusOK {
		t.Errorf("participants with a bad date: %d, want 200", res.StatusCode)
	}
}

func TestParticipantsList(t *testing.T) {
	t.Parallel()
	_, cl, _ := reportEnv(t)
	pdf, pages := getPDF(t, cl, "/admin/reports/participants.pdf")
	checkPages(t, "participants", pages, "List of participants", true)
	if cover := strings.Join(pages[0], " "); !strings.HasPrefix(cover, "Caribbean Counter-Trafficking Conference List of participants") {
		t.Errorf("cover starts %.80q", cover)
	}
	wantLines(t, "cover", pages[0],
		"List of participants",
		"Dates 15–17 March 2027",
		"Venue Riverwalk Conference Centre, 455 SE 3rd Avenue, Miami, FL 33131",
		"City Miami, Florida",
		"Participants 4 participants from 3 countries")
	wantLines(t, "list", allLines(pages[1:]),
		"Name Job title Organisation",
		"Dominican Republic (1)",
		"Méndez, Mía Coordinator "+formulaOrg,
		"Jamaica (1)",
		"Douglas, Dan Superintendent Jamaica Constabulary Force",
		"Trinidad and Tobago (2)",
		// The head of delegation first, then by last name.
		"Alvarez, Ana Permanent Secretary Ministry of National Security",
		"Head of delegation",
		"Baptiste, Ben Analyst Ministry of National Security")
	text := pdftest.Text(t, pdf)
	// Never anyone without consent (Hiddenworth, Grant, the press); nor
	// anyone not confirmed (Edwards is pending, Francis waitlisted, Hill cancelled, Lee rejected).
	for _, absent := range []string{"Hiddenworth", "Secretia", "Grant", "Ives", "Jones", "King", "Edwards", "Francis", "Hill", "Lee,"} {
		if strings.Contains(text, absent) {
			t.Errorf("%q is in the list of participants", absent)
		}
	}

	rows := getCSV(t, cl, "/admin/reports/participants.csv")
	want := [][]string{
		{"group", "country_code", "country", "organisation", "last_name", "first_name", "job_title", "head_of_delegation"},
		{"Dominican Republic", "DO", "Dominican Republic", "'" + formulaOrg, "Méndez", "Mía", "Coordinator", "no"},
		{"Jamaica", "JM", "Jamaica", "Jamaica Constabulary Force", "Douglas", "Dan", "Superintendent", "no"},
		{"Trinidad and Tobago", "TT", "Trinidad and Tobago", "Ministry of National Security", "Alvarez", "Ana", "Permanent Secretary", "yes"},
		{"Trinidad and Tobago", "TT", "Trinidad and Tobago", "Ministry of National Security", "Baptiste", "Ben", "Analyst", "no"},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("participants CSV\n got %q\nwant %q", rows, want)
	}

	// By institution: the institutions by name, the country in the third column.
	_, pages = getPDF(t, cl, "/admin/reports/participants.pdf?by=institution")
	wantLines(t, "by institution", allLines(pages[1:]),
		"Name Job title Country",
		formulaOrg+" — Dominican Republic (1)",
		"Jamaica Constabulary Force — Jamaica (1)",
		"Ministry of National Security — Trinidad and Tobago (2)",
		"Alvarez, Ana Permanent Secretary Trinidad and Tobago")
	rows = getCSV(t, cl, "/admin/reports/participants.csv?by=institution")
	if len(rows) != 5 || rows[3][0] != "Ministry of National Security — Trinidad and Tobago" {
		t.Errorf("by institution CSV %q", rows)
	}
}

// TestParticipantsListFollowsConsent changes a person's consent and status
// and checks the list each time, in both formats.
func TestParticipantsListFollowsConsent(t *testing.T) {
	t.Parallel()
	env, cl, ids := reportEnv(t)
	listed := func() (pdfHas, csvHas bool) {
		_, pages := getPDF(t, cl, "/admin/reports/participants.pdf")
		pdfHas = strings.Contains(strings.Join(allLines(pages), "\n"), "Baptiste")
		csvHas = strings.Contains(fmt.Sprint(getCSV(t, cl, "/admin/reports/participants.csv")), "Baptiste")
		return pdfHas, csvHas
	}
	if p, c := listed(); !p || !c {
		t.Fatalf("Baptiste agreed and is confirmed, but is listed in PDF %v, CSV %v", p, c)
	}
	for _, change := range []string{
		`UPDATE registrations SET list_consent = 0 WHERE id = ?`,
		`UPDATE registrations SET list_consent = 1, status = 'pending' WHERE id = ?`,
	} {
		if _, err := env.DB.Write.Exec(change, ids[baptiste]); err != nil {
			t.Fatal(err)
		}
		if p, c := listed(); p || c {
			t.Errorf("after %q Baptiste is still listed: PDF %v, CSV %v", change, p, c)
		}
	}
}

func TestAttendanceReport(t *testing.T) {
	_, cl, _ := reportEnv(t)
	_, pages := getPDF(t, cl, "/admin/reports/attendance.pdf")
	checkPages(t, "attendance", pages, "Attendance", false)
	lines := allLines(pages)
	wantLines(t, "attendance PDF", lines,
		"People checked in 3 (each counted once, however many days they came)",
		"Monday 15 March 2027 3",
		"Tuesday 16 March 2027 1",
		"Wednesday 17 March 2027 1",
		"Prevention 4 2 1 375 0%",
		"Protection 4 0 0 490 0%",
		"Prosecution 3 1 2 335 1%",
		"Plenary 4 3 2 600 0%",
		"No track 1 0 0 150 0%",
		"All sessions 16 6 5 1950 0%")
	// A session's row: its time, the start of its title, then the track and the figures.
	for _, want := range []struct{ start, end string }{
		{"09:00–10:30 Opening plenary:", "Plenary 3 2 150 1%"},
		{"11:00–12:30 Workshop: recognising", "Prevention 2 1 40 3%"},
		{"13:30–15:30 Workshop: building a", "Prosecution 1 2 35 6%"},
		{"18:30–20:30 Welcome reception", "0 0 150 0%"},
	} {
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, want.start) && strings.HasSuffix(l, want.end) }) {
			t.Errorf("no session line %q … %q in\n%s", want.start, want.end, strings.Join(lines, "\n"))
		}
	}
	if slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, "Coffee break") }) {
		t.Error("breaks are in the attendance report")
	}

	values, rows := longRows(t, cl, "/admin/reports/attendance.csv")
	wantValues(t, "attendance CSV", values, map[string]int{
		"door|all|checked_in":               3,
		"door_by_day|2027-03-15|checked_in": 3, "door_by_day|2027-03-16|checked_in": 1, "door_by_day|2027-03-17|checked_in": 1,
		"track|prevention|sessions": 4, "track|prevention|signups": 2, "track|prevention|attended": 1,
		"track|prevention|room_capacity": 375, "track|prevention|fill_rate_percent": 0,
		"track|prosecution|attended": 2, "track|prosecution|fill_rate_percent": 1,
		"track|plenary|signups": 3, "track|plenary|room_capacity": 600,
		"track|none|sessions": 1,
		"track|all|sessions":  16, "track|all|signups": 6, "track|all|attended": 5, "track|all|room_capacity": 1950,
	})
	// Each session's figures in the CSV are those of its line in the PDF.
	sessions := 0
	for _, r := range rows {
		if r[0] != "session" || r[3] != "signups" {
			continue
		}
		sessions++
		end := fmt.Sprintf("%d %d %d %d%%", values["session|"+r[1]+"|signups"], values["session|"+r[1]+"|attended"],
			values["session|"+r[1]+"|room_capacity"], values["session|"+r[1]+"|fill_rate_percent"])
		_, title, _ := strings.Cut(r[2], " · ")
		first := strings.Fields(title)[0]
		if !slices.ContainsFunc(lines, func(l string) bool {
			return strings.Contains(l, " "+first) && strings.HasSuffix(l, " "+end)
		}) {
			t.Errorf("session %s (%q): no PDF line ending %q", r[1], r[2], end)
		}
	}
	if sessions != 16 {
		t.Errorf("%d sessions in the CSV, want 16 (breaks left out)", sessions)
	}
	for _, d := range []string{"2027-03-15", "2027-03-16", "2027-03-17"} {
		label := ""
		for _, r := range rows {
			if r[0] == "door_by_day" && r[1] == d {
				label = r[2]
			}
		}
		if want := label + " " + strconv.Itoa(values["door_by_day|"+d+"|checked_in"]); !slices.Contains(lines, want) {
			t.Errorf("the CSV's %s is not in the PDF as %q", d, want)
		}
	}
}

func TestPressReport(t *testing.T) {
	_, cl, _ := reportEnv(t)
	_, pages := getPDF(t, cl, "/admin/reports/press.pdf")
	checkPages(t, "press", pages, "Press", false)
	wantLines(t, "press PDF", allLines(pages),
		"Accredited journalists 2",
		"Requests awaiting review 1",
		"Outlet Type of media Country Journalists",
		"Radio Jamaica Radio Jamaica 1",
		"The Guardian Newspaper or magazine United Kingdom 1",
		"Jamaica 1", "United Kingdom 1", "Total 2",
		"Media kit (all files, ZIP) Yes 3",
		"Fact sheet Yes 2",
		"Files removed since No 1",
		"Total 6")
	values, _ := longRows(t, cl, "/admin/reports/press.csv")
	wantValues(t, "press CSV", values, map[string]int{
		"accredited|all|journalists": 2, "pending|all|requests": 1,
		"outlet|JM/radio jamaica|journalists": 1, "outlet|GB/the guardian|journalists": 1,
		"country|JM|journalists": 1, "country|GB|journalists": 1,
		"downloads|kit|downloads": 3, "downloads|removed|downloads": 1, "downloads|all|downloads": 6,
	})
	// From 1 March: one download of the kit and one of the file.
	_, pages = getPDF(t, cl, "/admin/reports/press.pdf?from=2027-03-01")
	wantLines(t, "press PDF from March", allLines(pages), "Accredited journalists 2", "Media kit (all files, ZIP) Yes 1",
		"Fact sheet Yes 1", "Total 2")
	values, _ = longRows(t, cl, "/admin/reports/press.csv?from=2027-03-01")
	wantValues(t, "press CSV from March", values, map[string]int{"downloads|kit|downloads": 1, "downloads|all|downloads": 2})
	if _, ok := values["downloads|removed|downloads"]; ok {
		t.Error("the removed file's January download is counted in March")
	}
}

func TestReportsPage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	doc := mustGet(t, cl, "/admin/reports").Doc()
	if doc.Find(`nav a[href="/admin/reports"][aria-current=page]`).Length() != 1 {
		t.Error("Reports is not the current navigation item")
	}
	for _, slug := range []string{"registrations", "participants", "attendance", "press"} {
		card := doc.Find(`[data-testid=report-` + slug + `]`)
		// The buttons send the filter form to the report, so the form's
		// values are what the file holds.
		pdf, _ := card.Find(`button[form=report-filters][data-testid=pdf-link]`).Attr("formaction")
		csvHref, _ := card.Find(`button[form=report-filters][data-testid=csv-link]`).Attr("formaction")
		if pdf != "/admin/reports/"+slug+".pdf" || csvHref != "/admin/reports/"+slug+".csv" {
			t.Errorf("%s buttons %q %q", slug, pdf, csvHref)
		}
		// With no registrations every report still answers, in both formats,
		// also with every filter of the form sent to it.
		for _, href := range []string{pdf, csvHref, csvHref + "?from=&to=&status=&by=country"} {
			if res := cl.Get(href); res.StatusCode != http.StatusOK {
				t.Errorf("%s: %d", href, res.StatusCode)
			}
		}
	}
	if got := doc.Find(`[data-testid=report-registrations] [data-testid=uses]`).Text(); got !=
		"Uses the first day, the last day and the status." {
		t.Errorf("registrations card says %q", got)
	}
	if got := doc.Find(`[data-testid=report-attendance] [data-testid=uses]`).Text(); got != "Uses none of the filters." {
		t.Errorf("attendance card says %q", got)
	}

	// Filters in the address fill the form.
	doc = mustGet(t, cl, "/admin/reports?from=2027-01-01&to=2027-01-31&status=confirmed&by=institution").Doc()
	if v, _ := doc.Find(`select#status option[selected]`).Attr("value"); v != "confirmed" {
		t.Errorf("the form forgot the status: %q", v)
	}
	if v, _ := doc.Find(`input#from`).Attr("value"); v != "2027-01-01" {
		t.Errorf("the form forgot the first day: %q", v)
	}

	// A date that is not one: 422, the message by its field, the typed value kept.
	res := cl.Get("/admin/reports?from=31/01/2027&status=pending")
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad date: %d", res.StatusCode)
	}
	doc = res.Doc()
	if !strings.Contains(doc.Find(`#from-error`).Text(), "year-month-day") || doc.Find(`.error-summary`).Length() != 1 {
		t.Error("no message for the bad date")
	}
	if v, _ := doc.Find(`input#from`).Attr("value"); v != "31/01/2027" {
		t.Errorf("the typed date was not kept: %q", v)
	}

	// Desk and press staff do not see the item.
	for _, role := range []string{model.UserCheckin, model.UserPressOfficer} {
		if env.Login(role).Get("/admin/account").Doc().Find(`nav a[href="/admin/reports"]`).Length() != 0 {
			t.Errorf("%s sees Reports in the navigation", role)
		}
	}
}

// manyParticipants are n listed participants from 25 countries, every
// 40th a head of delegation; each row's words carry its number, so a test
// can find them on the page.
func manyParticipants(n int) []attendee {
	countries := []string{"AG", "BS", "BB", "BZ", "CU", "DM", "DO", "GD", "GY", "HT", "JM", "KN", "LC", "VC", "SR", "TT",
		"PR", "CW", "AW", "US", "CA", "GB", "ES", "FR", "NL"}
	out := make([]attendee, n)
	for i := range out {
		org := fmt.Sprintf("Org%04d Ministry of National Security", i)
		if i%3 == 0 {
			// Wraps to two or three lines.
			org = fmt.Sprintf("Org%04d Ministry of National Security, Immigration and Home Affairs Unit%04d", i, i)
		}
		out[i] = attendee{First: "Désirée", Last: fmt.Sprintf("Nguyễn%04d", i), Country: countries[i%len(countries)],
			Org: org, Job: fmt.Sprintf("Officer J%04d", i), Consent: true, Head: i%40 == 0,
			Created: "2027-01-10T15:00:00Z"}
	}
	return out
}

func TestParticipantsList2000(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	insertAttendees(t, env, manyParticipants(2000))
	cl := env.Login(model.UserOrganiser)
	pdf, pages := getPDF(t, cl, "/admin/reports/participants.pdf")
	if len(pages) < 30 {
		t.Fatalf("%d pages for 2,000 participants", len(pages))
	}
	checkPages(t, "2,000", pages, "List of participants", true)
	for i, lines := range pages[1:] {
		if len(lines) < 3 || lines[2] != "Name Job title Organisation" {
			t.Errorf("page %d does not start its table with the header row: %q", i+2, lines[2:min(4, len(lines))])
		}
	}
	// Every word of a row is on one page: the name, the job title and the
	// first and last words of the organisation.
	words, _ := pdftest.Words(t, pdf)
	page := map[string]int{}
	for _, w := range words {
		if _, dup := page[w.Text]; dup && (strings.HasPrefix(w.Text, "Nguyễn") || strings.HasPrefix(w.Text, "Org0") || strings.HasPrefix(w.Text, "Org1")) {
			t.Errorf("%q printed twice", w.Text)
		}
		page[w.Text] = w.Page
	}
	for i := range 2000 {
		name := fmt.Sprintf("Nguyễn%04d,", i)
		p, ok := page[name]
		if !ok {
			t.Errorf("%s is missing", name)
			continue
		}
		tokens := []string{fmt.Sprintf("J%04d", i), fmt.Sprintf("Org%04d", i)}
		if i%3 == 0 {
			tokens = append(tokens, fmt.Sprintf("Unit%04d", i))
		}
		for _, tok := range tokens {
			if page[tok] != p {
				t.Errorf("row %d is split: %s on page %d, %s on page %d", i, name, p, tok, page[tok])
			}
		}
	}
	rows := getCSV(t, cl, "/admin/reports/participants.csv")
	if len(rows) != 2001 {
		t.Errorf("%d CSV rows, want 2,000 and the header", len(rows)-1)
	}
}

// BenchmarkParticipantsPDF2000 serves the list of participants of 2,000
// people through the whole stack: session, the read, grouping and the PDF.
func BenchmarkParticipantsPDF2000(b *testing.B) {
	env := webtest.New(b)
	insertAttendees(b, env, manyParticipants(2000))
	cl := env.Login(model.UserOrganiser)
	cookie := cl.Cookie("confdesk_session")
	b.ReportAllocs()
	benchmem.Peak(b, func() {
		for b.Loop() {
			req := httptest.NewRequest(http.MethodGet, "/admin/reports/participants.pdf", nil)
			req.AddCookie(cookie)
			res, err := env.App.Test(req, -1)
			if err != nil || res.StatusCode != http.StatusOK {
				b.Fatalf("%v %v", res, err)
			}
			n, _ := io.Copy(io.Discard, res.Body)
			res.Body.Close()
			b.ReportMetric(float64(n)/1024, "KB/doc")
		}
	})
}

// BenchmarkRegistrationsReport2000 is the registrations report of the same 2,000.
func BenchmarkRegistrationsReport2000(b *testing.B) {
	env := webtest.New(b)
	insertAttendees(b, env, manyParticipants(2000))
	cl := env.Login(model.UserOrganiser)
	cookie := cl.Cookie("confdesk_session")
	b.ReportAllocs()
	benchmem.Peak(b, func() {
		for b.Loop() {
			req := httptest.NewRequest(http.MethodGet, "/admin/reports/registrations.pdf", nil)
			req.AddCookie(cookie)
			res, err := env.App.Test(req, -1)
			if err != nil || res.StatusCode != http.StatusOK {
				b.Fatalf("%v %v", res, err)
			}
			var buf bytes.Buffer
			io.Copy(&buf, res.Body)
			res.Body.Close()
		}
	})
}

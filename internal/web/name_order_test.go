package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/webtest"
)

// nameOrderPeople are last names that byte order or NOCASE put in the
// wrong places: accented capitals after Z, "Ø" after everything.
var nameOrderPeople = []person{
	{First: "Zara", Last: "Zoë"},
	{First: "Bruno", Last: "étienne"},
	{First: "Olga", Last: "Ørsted"},
	{First: "Anne", Last: "Étienne"},
	{First: "Vera", Last: "Van Dijk"},
	{First: "Alba", Last: "Abreu"},
}

// wantNameOrder is how people expect them, accents and case ignored; the
// two Étiennes by first name.
var wantNameOrder = []string{"Abreu", "Étienne", "étienne", "Ørsted", "Van Dijk", "Zoë"}

// inTextOrder sorts the last names by where "First Last" (or "Last, First") first appears in text.
func inTextOrder(t *testing.T, what, text string) []string {
	t.Helper()
	type at struct {
		last string
		pos  int
	}
	var found []at
	for _, p := range nameOrderPeople {
		i := strings.Index(text, p.First+" "+p.Last)
		if i < 0 { // lists print "Last, First"
			i = strings.Index(text, p.Last+", "+p.First)
		}
		if i < 0 {
			t.Errorf("%s: %s %s is missing", what, p.First, p.Last)
			continue
		}
		found = append(found, at{p.Last, i})
	}
	slices.SortFunc(found, func(a, b at) int { return a.pos - b.pos })
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = f.last
	}
	return out
}

// Screen and paper agree on one order of names, accents and case ignored:
// the desk sorted by name, its CSV, the badge batch, the delegations page,
// the certificates and the list of participants.
func TestNamesSortAlikeEverywhere(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env, nameOrderPeople...)
	for _, id := range ids {
		if _, err := env.DB.Write.Exec(`UPDATE registrations SET list_consent = 1 WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
		if _, err := env.DB.Write.Exec(`INSERT INTO checkins (registration_id, checked_in_at) VALUES (?, '2027-03-15T13:00:00Z')`, id); err != nil {
			t.Fatal(err)
		}
	}
	cl := env.Login(model.UserOrganiser)

	var desk []string
	mustGet(t, cl, "/admin/registrations?sort=last_name").Doc().Find(`[data-testid=registration-row] td a`).Each(func(_ int, s *goquery.Selection) {
		desk = append(desk, strings.Split(s.Text(), ",")[0])
	})
	if !slices.Equal(desk, wantNameOrder) {
		t.Errorf("desk by name: %v, want %v", desk, wantNameOrder)
	}
	var back []string
	mustGet(t, cl, "/admin/registrations?sort=-last_name").Doc().Find(`[data-testid=registration-row] td a`).Each(func(_ int, s *goquery.Selection) {
		back = append(back, strings.Split(s.Text(), ",")[0])
	})
	slices.Reverse(back)
	if !slices.Equal(back, wantNameOrder) {
		t.Errorf("desk by name, Z–A, reversed: %v, want %v", back, wantNameOrder)
	}

	rows := getCSV(t, cl, "/admin/registrations.csv?sort=last_name")
	col := slices.Index(rows[0], "last_name")
	var csvOrder []string
	for _, r := range rows[1:] {
		csvOrder = append(csvOrder, r[col])
	}
	if !slices.Equal(csvOrder, wantNameOrder) {
		t.Errorf("desk CSV by name: %v, want %v", csvOrder, wantNameOrder)
	}

	for what, path := range map[string]string{
		"badge batch":            "/admin/badges.pdf?layout=a6&badge_order=last_name",
		"badge sheet by country": "/admin/badges.pdf?layout=a4-4&badge_order=country",
		"certificates":           "/admin/certificates.pdf",
		"list of participants":   "/admin/reports/participants.pdf",
	} {
		res := mustGet(t, cl, path)
		if got := inTextOrder(t, what, pdftest.Text(t, []byte(res.Body))); !slices.Equal(got, wantNameOrder) {
			t.Errorf("%s: %v, want %v", what, got, wantNameOrder)
		}
	}
	doc := mustGet(t, cl, "/admin/delegations").Doc()
	if got := inTextOrder(t, "delegations", strings.Join(strings.Fields(doc.Find("main").Text()), " ")); !slices.Equal(got, wantNameOrder) {
		t.Errorf("delegations: %v, want %v", got, wantNameOrder)
	}
}

// BenchmarkDeskSortByName3000 is the cost of the names collation: the
// desk's first page and the whole CSV sorted by name, against the same
// page newest first (no names compared), with 3,000 registrations.
func BenchmarkDeskSortByName3000(b *testing.B) {
	env := webtest.New(b)
	insertAttendees(b, env, manyParticipants(3000))
	cookie := env.Login(model.UserOrganiser).Cookie("confdesk_session")
	for _, bc := range []struct{ name, path string }{
		{"page-newest-first", "/admin/registrations"},
		{"page-by-name", "/admin/registrations?sort=last_name"},
		{"csv-by-name", "/admin/registrations.csv?sort=last_name"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, bc.path, nil)
				req.AddCookie(cookie)
				res, err := env.App.Test(req, -1)
				if err != nil || res.StatusCode != http.StatusOK {
					b.Fatalf("%v %v", res, err)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		})
	}
}

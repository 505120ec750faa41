package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"confdesk/internal/csvout"
	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// exportHeader is the registrations export's header, CSV and XLSX alike:
// today's columns up to created_at, then issue 15's.
const exportHeader = "reference,status,category,first_name,last_name,email,country,country_name,organisation," +
	"org_type,job_title,head_of_delegation,created_at," +
	"dietary,accessibility,visa_letter,language,sponsored,arrival,departure,checked_in"

// exportCSV fetches a desk CSV and reads it with encoding/csv.
func exportCSV(t *testing.T, cl *webtest.Client, path string) [][]string {
	t.Helper()
	res := cl.Get(path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", path, res.StatusCode)
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

// exportXLSX fetches a desk XLSX, checks its headers, and opens it with excelize.
func exportXLSX(t *testing.T, cl *webtest.Client, path string) *excelize.File {
	t.Helper()
	res := cl.Get(path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", path, res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("%s: Content-Type %q", path, ct)
	}
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="registrations-2027-01-15.xlsx"` {
		t.Errorf("%s: Content-Disposition %q", path, cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(res.Body)))
	if err != nil {
		t.Fatalf("%s: not a workbook: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// xlsxRows reads the workbook's one sheet, every row as wide as the header
// (excelize leaves out a row's empty cells at its end).
func xlsxRows(t *testing.T, f *excelize.File) [][]string {
	t.Helper()
	if sheets := f.GetSheetList(); len(sheets) != 1 || sheets[0] != "Registrations" {
		t.Fatalf("sheets %q, want Registrations alone", sheets)
	}
	rows, err := f.GetRows("Registrations")
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		for len(rows[i]) < len(rows[0]) {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

// column returns a row's cell under the header's name.
func column(t *testing.T, header, row []string, name string) string {
	t.Helper()
	i := slices.Index(header, name)
	if i < 0 {
		t.Fatalf("no column %q in %q", name, header)
	}
	return row[i]
}

// byEmail indexes rows (after the header) by their e-mail address.
func byEmail(t *testing.T, rows [][]string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, r := range rows[1:] {
		out[column(t, rows[0], r, "email")] = r
	}
	return out
}

// exportFixture fills the demo conference (sponsoring travel) with the
// desk's 120 seeded registrations and three registered through the form:
//   - traveller@: dietary and access needs, a visa letter, Spanish,
//     sponsorship asked and granted by an organiser, an itinerary (written
//     with tx.SaveItinerary), checked in at the door;
//   - requester@: sponsorship asked and not decided, an itinerary with an
//     arrival alone, checked in and undone;
//   - plain@: none of it.
//
// It returns the organiser's client.
func exportFixture(t *testing.T, env *webtest.Env) *webtest.Client {
	t.Helper()
	sponsoring(t, env)
	f := withVisa(validForm("traveller@example.org"))
	f.Set("dietary", "Vegetarian, no peanuts")
	f.Set("accessibility", "Wheelchair user; step-free access")
	f.Set("sponsorship", "yes")
	f.Set("sponsorship_reason", "Small island state delegate")
	mustRegister(t, env, f)
	setLanguage(t, env, "traveller@example.org", "es")
	f = validForm("requester@example.org")
	f.Set("sponsorship", "yes")
	f.Set("sponsorship_reason", "No travel budget")
	mustRegister(t, env, f)
	mustRegister(t, env, validForm("plain@example.org"))
	hundredTwenty(t, env) // after the form: the capacity is no concern of this test
	traveller := stored(t, env, "traveller@example.org")
	requester := stored(t, env, "requester@example.org")

	org := env.Login(model.UserOrganiser)
	grant := regPath(traveller.ID) + "/sponsorship/grant"
	if res := org.PostAdmin(grant, webtest.FormValues(t, mustGet(t, org, regPath(traveller.ID)), grant)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("grant: %d", res.StatusCode)
	}
	err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		if err := tx.SaveItinerary(model.Itinerary{RegistrationID: traveller.ID, ArrivalAt: "2027-02-03T14:25",
			ArrivalFlight: "BW 484", ArrivalAirport: "MIA", DepartureAt: "2027-02-07T09:10", DepartureFlight: "BW 485",
			DepartureAirport: "MIA", CheckIn: "2027-02-03", CheckOut: "2027-02-07", Transfer: true},
			"organiser@example.org", env.Clock.Now()); err != nil {
			return err
		}
		// After the clocks change (14 March 2027): the offset is the day's.
		return tx.SaveItinerary(model.Itinerary{RegistrationID: requester.ID, ArrivalAt: "2027-03-20T08:00"},
			"organiser@example.org", env.Clock.Now())
	})
	if err != nil {
		t.Fatal(err)
	}

	scan(t, org, traveller.CheckinCode, 0)
	res := scan(t, org, requester.CheckinCode, 0)
	undo, ok := res.Doc().Find(`form[action$="/undo"]`).Attr("action")
	if !ok {
		t.Fatalf("no undo button after a check-in: %s", state(res))
	}
	if res := org.PostAdmin(undo, url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("undo: %d", res.StatusCode)
	}
	return org
}

// TestExportCSVHeader: the CSV's header, exactly; the XLSX's is the same.
func TestExportCSVHeader(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	rows := exportCSV(t, cl, "/admin/registrations.csv")
	if len(rows) != 1 || strings.Join(rows[0], ",") != exportHeader {
		t.Errorf("CSV of an empty desk: %q, want the header\n%s", rows, exportHeader)
	}
	x := xlsxRows(t, exportXLSX(t, cl, "/admin/registrations.xlsx"))
	if len(x) != 1 || strings.Join(x[0], ",") != exportHeader {
		t.Errorf("XLSX of an empty desk: %q, want the header", x)
	}
}

// TestExportNewColumns: dietary, accessibility, visa_letter, language,
// sponsored (granted, not merely asked), arrival and departure (RFC 3339
// with the offset of the day in the conference's zone) and checked_in (an
// undone check-in is no), in the CSV and the XLSX.
func TestExportNewColumns(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := exportFixture(t, env)
	want := map[string]map[string]string{
		"traveller@example.org": {"dietary": "Vegetarian, no peanuts", "accessibility": "Wheelchair user; step-free access",
			"visa_letter": "yes", "language": "es", "sponsored": "yes", "arrival": "2027-02-03T14:25:00-05:00",
			"departure": "2027-02-07T09:10:00-05:00", "checked_in": "yes", "created_at": "2027-01-15T10:00:00-05:00"},
		"requester@example.org": {"dietary": "", "accessibility": "", "visa_letter": "no", "language": "en",
			"sponsored": "no", "arrival": "2027-03-20T08:00:00-04:00", "departure": "", "checked_in": "no"},
		"plain@example.org": {"dietary": "", "accessibility": "", "visa_letter": "no", "language": "en",
			"sponsored": "no", "arrival": "", "departure": "", "checked_in": "no"},
	}
	for format, rows := range map[string][][]string{
		"CSV":  exportCSV(t, cl, "/admin/registrations.csv"),
		"XLSX": xlsxRows(t, exportXLSX(t, cl, "/admin/registrations.xlsx")),
	} {
		if len(rows) != 124 {
			t.Errorf("%s: %d rows, want the header and 123", format, len(rows))
		}
		got := byEmail(t, rows)
		for email, cols := range want {
			row, ok := got[email]
			if !ok {
				t.Errorf("%s: no row for %s", format, email)
				continue
			}
			for name, v := range cols {
				if c := column(t, rows[0], row, name); c != v {
					t.Errorf("%s: %s's %s = %q, want %q", format, email, name, c, v)
				}
			}
		}
	}
}

// TestExportXLSXSameRowsAsCSV: the workbook read back with excelize holds
// exactly the rows of the CSV read with encoding/csv, in the same order,
// for the whole desk and for filtered lists; the header row is bold and
// frozen, the columns wide enough, every cell a string.
func TestExportXLSXSameRowsAsCSV(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := exportFixture(t, env)
	for _, q := range []string{"", "?sort=last_name", "?status=waitlisted&country=JM",
		"?sponsored=yes", "?checked_in=no&sort=country", "?q=" + url.QueryEscape("pineiro") + "&letter=requested",
		"?country=FJ", "?page=3"} {
		c := exportCSV(t, cl, "/admin/registrations.csv"+q)
		f := exportXLSX(t, cl, "/admin/registrations.xlsx"+q)
		x := xlsxRows(t, f)
		if !slices.EqualFunc(c, x, slices.Equal) {
			t.Errorf("%q: the XLSX's %d rows differ from the CSV's %d", q, len(x), len(c))
			for i := range min(len(c), len(x)) {
				if !slices.Equal(c[i], x[i]) {
					t.Errorf("first difference, row %d:\nCSV  %q\nXLSX %q", i, c[i], x[i])
					break
				}
			}
		}
		if q == "" {
			checkXLSXShape(t, f, len(c))
		}
	}
	// The filters narrowed the lists as on the desk.
	if rows := xlsxRows(t, exportXLSX(t, cl, "/admin/registrations.xlsx?sponsored=yes")); len(rows) != 2 ||
		column(t, rows[0], rows[1], "email") != "traveller@example.org" {
		t.Errorf("sponsored=yes: %q", rows)
	}
	if rows := xlsxRows(t, exportXLSX(t, cl, "/admin/registrations.xlsx?country=FJ")); len(rows) != 1 {
		t.Errorf("no match: %d rows, want the header alone", len(rows))
	}
}

// checkXLSXShape checks the sheet's presentation: a bold, frozen header,
// column widths, and string cells only (no formula, number or date).
func checkXLSXShape(t *testing.T, f *excelize.File, rows int) {
	t.Helper()
	const sheet = "Registrations"
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 {
		t.Errorf("panes %+v (%v): want the first row frozen", panes, err)
	}
	style, err := f.GetCellStyle(sheet, "A1")
	if err != nil {
		t.Fatal(err)
	}
	if s, err := f.GetStyle(style); err != nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("header style %+v (%v): want bold", s, err)
	}
	if style, _ := f.GetCellStyle(sheet, "A2"); style != 0 {
		if s, _ := f.GetStyle(style); s.Font != nil && s.Font.Bold {
			t.Error("a data row is bold")
		}
	}
	for col, min := range map[string]float64{"A": 12, "F": 25, "I": 25, "M": 25, "S": 25} {
		if w, err := f.GetColWidth(sheet, col); err != nil || w < min {
			t.Errorf("column %s is %v wide (%v), want at least %v", col, w, err, min)
		}
	}
	for r := 1; r <= rows; r++ {
		for c := 1; c <= strings.Count(exportHeader, ",")+1; c++ {
			ref, _ := excelize.CoordinatesToCellName(c, r)
			typ, err := f.GetCellType(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeUnset {
				t.Fatalf("%s is of type %v, want a string", ref, typ)
			}
			if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
				t.Fatalf("%s holds the formula %q", ref, formula)
			}
		}
	}
}

// TestExportFormulaStaysText: a name, an organisation, a job title or a
// need typed like a formula stays text: in the CSV with csvout's quote in
// front, in the XLSX as a string cell holding exactly what was typed, no
// formula. Invisible format characters are dropped in both.
func TestExportFormulaStaysText(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env, person{First: `=HYPERLINK("http://evil.example","Click")`, Last: "+1", Email: "evil@example.org",
		Org: "-2", JobTitle: "@SUM(A1:A9)"})
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET dietary = '=1+1', accessibility = 'Ramp'||char(0x202E)||'gpj.exe'
		WHERE id = ?`, ids[0]); err != nil {
		t.Fatal(err)
	}
	cl := env.Login(model.UserOrganiser)
	c := exportCSV(t, cl, "/admin/registrations.csv")
	f := exportXLSX(t, cl, "/admin/registrations.xlsx")
	x := xlsxRows(t, f)
	if len(c) != 2 || len(x) != 2 {
		t.Fatalf("%d CSV rows, %d XLSX rows; want 2", len(c), len(x))
	}
	typed := map[string]string{"first_name": `=HYPERLINK("http://evil.example","Click")`, "last_name": "+1",
		"organisation": "-2", "job_title": "@SUM(A1:A9)", "dietary": "=1+1", "accessibility": "Rampgpj.exe"}
	for name, v := range typed {
		if got := column(t, x[0], x[1], name); got != v {
			t.Errorf("XLSX %s = %q, want %q", name, got, v)
		}
		want := v
		if name != "accessibility" {
			want = "'" + v
		}
		if got := column(t, c[0], c[1], name); got != want {
			t.Errorf("CSV %s = %q, want %q", name, got, want)
		}
	}
	// The one difference between the two files is csvout's quote.
	for i := range c[1] {
		if csvout.Neutralise(x[1][i]) != c[1][i] {
			t.Errorf("column %s: XLSX %q, CSV %q", c[0][i], x[1][i], c[1][i])
		}
	}
	for _, col := range []string{"D", "N"} {
		ref := col + "2"
		if formula, _ := f.GetCellFormula("Registrations", ref); formula != "" {
			t.Errorf("%s holds the formula %q", ref, formula)
		}
		if typ, _ := f.GetCellType("Registrations", ref); typ != excelize.CellTypeInlineString {
			t.Errorf("%s is of type %v, want an inline string", ref, typ)
		}
	}
}

// TestExportRoles: the exports are the organisers'; the check-in desk and
// the press officer are refused, and a visitor is sent to log in.
func TestExportRoles(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	seed(t, env, person{Email: "someone@example.org"})
	clients := map[string]*webtest.Client{}
	for _, role := range model.UserRoles {
		clients[role] = env.Login(role)
	}
	for _, path := range []string{"/admin/registrations.csv", "/admin/registrations.xlsx"} {
		for _, role := range []string{model.UserCheckin, model.UserPressOfficer} {
			res := clients[role].Get(path)
			if res.StatusCode != http.StatusForbidden || strings.Contains(res.Body, "someone@example.org") {
				t.Errorf("%s %s: %d, want 403 without the data", role, path, res.StatusCode)
			}
		}
		if res := env.Client().Get(path); res.StatusCode != http.StatusSeeOther ||
			!strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
			t.Errorf("anonymous %s: %d to %q", path, res.StatusCode, res.Header.Get("Location"))
		}
		for _, role := range []string{model.UserAdmin, model.UserOrganiser} {
			if res := clients[role].Get(path); res.StatusCode != http.StatusOK {
				t.Errorf("%s %s: %d", role, path, res.StatusCode)
			}
		}
	}
}

// TestExportDeskButtons: the desk's filter form has the Excel button next
// to the CSV one, both sending the filters as they stand.
func TestExportDeskButtons(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	seed(t, env, person{Email: "someone@example.org"})
	doc := mustGet(t, env.Login(model.UserOrganiser), "/admin/registrations?status=confirmed&sponsored=no").Doc()
	buttons := doc.Find(`form#desk-filters .filter-actions button[formaction]`)
	var got []string
	for i := range buttons.Length() {
		b := buttons.Eq(i)
		action, _ := b.Attr("formaction")
		got = append(got, fmt.Sprintf("%s %s", action, strings.TrimSpace(b.Text())))
	}
	if !slices.Equal(got, []string{"/admin/registrations.csv Download as CSV", "/admin/registrations.xlsx Download Excel (.xlsx)"}) {
		t.Errorf("export buttons %q", got)
	}
	if v, _ := doc.Find(`form#desk-filters select[name=status] option[selected]`).Attr("value"); v != "confirmed" {
		t.Errorf("the form does not carry the status filter (%q)", v)
	}
}

// BenchmarkExport2000 is the desk's export of the demo conference with
// 2,000 registrations, as CSV and as XLSX: the XLSX's cost is read as a
// ratio to the CSV's in the same run.
func BenchmarkExport2000(b *testing.B) {
	env := webtest.New(b)
	insertAttendees(b, env, manyParticipants(2000))
	cookie := env.Login(model.UserOrganiser).Cookie("confdesk_session")
	for _, ext := range []string{"csv", "xlsx"} {
		b.Run(ext, func(b *testing.B) {
			b.ReportAllocs()
			var size int64
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, "/admin/registrations."+ext, nil)
				req.AddCookie(cookie)
				res, err := env.App.Test(req, -1)
				if err != nil || res.StatusCode != http.StatusOK {
					b.Fatalf("%v %v", res, err)
				}
				size, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			b.ReportMetric(float64(size), "bytes/file")
		})
	}
}

// TestExportErased: an erased registration's row carries no travel and no
// needs, in the CSV and the XLSX.
func TestExportErased(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	f := validForm("erased@example.org")
	f.Set("dietary", "Halal")
	f.Set("accessibility", "Hearing loop")
	mustRegister(t, env, f)
	r := stored(t, env, "erased@example.org")
	err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		return tx.SaveItinerary(model.Itinerary{RegistrationID: r.ID, ArrivalAt: "2027-02-03T14:25",
			DepartureAt: "2027-02-07T09:10"}, "organiser@example.org", env.Clock.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
	adm := env.Login(model.UserAdmin)
	if res := adm.PostAdmin(regPath(r.ID)+"/erase", url.Values{"confirm": {r.Reference}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("erasure: %d", res.StatusCode)
	}
	for format, rows := range map[string][][]string{
		"CSV":  exportCSV(t, adm, "/admin/registrations.csv"),
		"XLSX": xlsxRows(t, exportXLSX(t, adm, "/admin/registrations.xlsx")),
	} {
		if len(rows) != 2 {
			t.Fatalf("%s: %d rows, want the header and the erased one", format, len(rows))
		}
		for _, name := range []string{"dietary", "accessibility", "arrival", "departure"} {
			if v := column(t, rows[0], rows[1], name); v != "" {
				t.Errorf("%s: the erased registration's %s is %q", format, name, v)
			}
		}
		for _, cell := range rows[1] {
			if strings.Contains(cell, "Halal") || strings.Contains(cell, "2027-02-03") {
				t.Errorf("%s: %q survives the erasure", format, cell)
			}
		}
	}
}

package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// letterCells maps each row's last name to its visa letter cell.
func letterCells(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find(`[data-testid=registration-row]`).Each(func(_ int, s *goquery.Selection) {
		name := strings.TrimSpace(s.Find(`td a`).First().Text())
		out[strings.Split(name, ",")[0]] = strings.TrimSpace(s.Find(`[data-testid=letter]`).Text())
	})
	return out
}

// Organisers find the letter requests without opening every registration:
// a count on the dashboard, a filter and a column on the desk, and approval
// of the ticked rows under the same rules as one at a time.
func TestDeskVisaLetters(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env,
		person{Last: "Alvarez", Visa: true},
		person{Last: "Baptiste", Visa: true},
		person{Last: "Charles", Visa: true, Status: model.StatusPending},
		person{Last: "Douglas"},
		person{Last: "Edwards", Visa: true},
	)
	alvarez, baptiste, charles, douglas, edwards := ids[0], ids[1], ids[2], ids[3], ids[4]
	cl := env.Login(model.UserOrganiser)
	shown, _ := mustGet(t, cl, regPath(edwards)).Doc().Find(`input[name=letter]`).Attr("value")
	if res := cl.PostAdmin(regPath(edwards)+"/approve-letter", url.Values{"letter": {shown}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve Edwards: %d", res.StatusCode)
	}

	// The dashboard counts the confirmed requests awaiting approval and
	// leads to them.
	dash := mustGet(t, cl, "/admin").Doc()
	waiting := dash.Find(`[data-testid=letters-waiting]`)
	if got := strings.Join(strings.Fields(waiting.Find(`a`).Text()), " "); got != "Visa letters waiting: 2" {
		t.Errorf("dashboard says %q, want \"Visa letters waiting: 2\"", got)
	}
	if href, _ := waiting.Find(`a`).Attr("href"); href != "/admin/registrations?letter=requested&status=confirmed" {
		t.Errorf("the count leads to %q", href)
	}

	// The filter and the column.
	req := mustGet(t, cl, "/admin/registrations?letter=requested").Doc()
	if got := letterCells(req); len(got) != 3 || got["Alvarez"] != "Requested" || got["Charles"] != "Requested" || got["Baptiste"] != "Requested" {
		t.Errorf("letter=requested lists %v, want Alvarez, Baptiste and Charles, requested", got)
	}
	if v, _ := req.Find(`select#letter option[selected]`).Attr("value"); v != "requested" {
		t.Errorf("the filter form forgot the letter filter: %q", v)
	}
	if got := letterCells(mustGet(t, cl, "/admin/registrations?letter=approved").Doc()); len(got) != 1 || !strings.HasPrefix(got["Edwards"], "Approved") {
		t.Errorf("letter=approved lists %v, want Edwards, approved", got)
	}
	if got := letterCells(mustGet(t, cl, "/admin/registrations").Doc()); got["Douglas"] != "" || got["Alvarez"] != "Requested" {
		t.Errorf("the whole list's letter column: %v", got)
	}

	// Bulk approval: the list's form, as drawn; Baptiste's passport changes
	// after the list was drawn, Douglas is ticked from another list.
	list := mustGet(t, cl, "/admin/registrations?letter=requested")
	form := webtest.FormValues(t, list, "/admin/registrations/bulk-confirm")
	for _, id := range []int64{alvarez, baptiste, charles, douglas} {
		form.Add("id", strconv.FormatInt(id, 10))
	}
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET passport_number = 'XB7654321' WHERE id = ?`, baptiste); err != nil {
		t.Fatal(err)
	}
	res := cl.PostAdmin("/admin/registrations/bulk-approve-letters", form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/registrations?letter=requested" {
		t.Fatalf("bulk approval: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	approved := map[int64]bool{}
	for _, id := range ids {
		approved[id] = count(t, env, `SELECT count(*) FROM registrations WHERE id = ? AND letter_approved_at IS NOT NULL`, id) == 1
	}
	if !approved[alvarez] || approved[baptiste] || approved[charles] || approved[douglas] {
		t.Errorf("approved: %v, want Alvarez only (and Edwards before)", approved)
	}
	if e := lastAudit(t, env, alvarez); e.Action != "approve_letter" || e.Actor != "organiser@example.org" {
		t.Errorf("Alvarez's audit line %+v", e)
	}
	flash := strings.Join(strings.Fields(mustGet(t, cl, "/admin/registrations").Doc().Find(`[data-testid=flash]`).Text()), " ")
	for _, want := range []string{"Approved 1 visa letter: Person Alvarez.", "Not approved:",
		"Person Baptiste", "changed", "Person Charles", "confirmed", "Person Douglas", "did not ask"} {
		if !strings.Contains(flash, want) {
			t.Errorf("flash %q does not say %q", flash, want)
		}
	}

	// Nothing ticked.
	res = cl.PostAdmin("/admin/registrations/bulk-approve-letters", url.Values{})
	if res.StatusCode != http.StatusSeeOther ||
		!strings.Contains(mustGet(t, cl, "/admin/registrations").Doc().Find(`[data-testid=flash]`).Text(), "tick") {
		t.Errorf("nothing ticked: %d", res.StatusCode)
	}
}

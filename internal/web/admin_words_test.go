package web_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/webtest"
)

// words is an element's text with its white space as a reader sees it.
func words(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

// The session editor asks for times on the 24-hour clock the rest of the
// console and the agenda use: a text field with an example, not the
// browser's time picker, which shows "11:15 AM" in an American locale.
func TestSessionEditorTimesAre24Hour(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	var edit string
	mustGet(t, cl, "/admin/agenda").Doc().Find(`a[href$="/edit"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		edit, _ = s.Attr("href")
		return !strings.HasPrefix(edit, "/admin/agenda/sessions/")
	})
	for _, path := range []string{"/admin/agenda/sessions/new", edit} {
		doc := mustGet(t, cl, path).Doc()
		for _, id := range []string{"start", "end"} {
			in := doc.Find(`input#` + id)
			if typ, _ := in.Attr("type"); typ != "text" {
				t.Errorf("%s: #%s is type %q, want a text field on the 24-hour clock", path, id, typ)
			}
			if v, _ := in.Attr("value"); v != "" && !regexp.MustCompile(`^\d\d:\d\d$`).MatchString(v) {
				t.Errorf("%s: #%s holds %q, want HH:MM", path, id, v)
			}
			if hint := words(doc.Find(`#` + id + `-hint`)); !strings.Contains(hint, "24-hour") || !strings.Contains(hint, "14:00") {
				t.Errorf("%s: #%s hint %q gives no 24-hour example", path, id, hint)
			}
		}
	}
}

// The console's sentences read right: counts agree with their nouns, the
// agenda's summary says what is published, the delegations' counts are
// spaced, speaker roles have no space before their comma, certificates
// name the days in a sentence, and the registrations report gives an empty
// waiting list one line, not a page.
func TestConsoleWording(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env, person{First: "Ana", Last: "Solo", Status: model.StatusPending})
	cl := env.Login(model.UserOrganiser)

	agenda := words(mustGet(t, cl, "/admin/agenda").Doc().Find("main"))
	if strings.Contains(agenda, "in the draft agenda") || !regexp.MustCompile(`\d+ sessions, all published\.`).MatchString(agenda) {
		t.Errorf("agenda summary: %.200q", agenda)
	}

	dele := words(mustGet(t, cl, "/admin/delegations").Doc().Find(".delegation-counts").First())
	if dele != "1 person: 0 Confirmed · 1 Pending · 0 Waitlisted" {
		t.Errorf("delegation counts %q", dele)
	}

	desk := words(mustGet(t, cl, "/admin/registrations").Doc().Find("main"))
	if strings.Contains(desk, "these 1 ") {
		t.Errorf("desk says %q", desk)
	}

	env.Get("/agenda").Doc().Find(`.agenda-speakers li`).Each(func(_ int, s *goquery.Selection) {
		if line := words(s); strings.Contains(line, " ,") {
			t.Errorf("public agenda speaker line %q has a space before its comma", line)
		}
	})

	if _, err := env.DB.Write.Exec(`UPDATE registrations SET status = 'confirmed' WHERE id = ?`, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.Write.Exec(`INSERT INTO checkins (registration_id, checked_in_at) VALUES (?, '2027-03-15T13:00:00Z')`, ids[0]); err != nil {
		t.Fatal(err)
	}
	cert := strings.Join(strings.Fields(pdftest.Text(t, []byte(mustGet(t, cl, "/admin/certificates.pdf").Body))), " ")
	if !strings.Contains(cert, "from 15 to 17 March 2027.") || strings.Contains(cert, "from 15–") {
		t.Errorf("certificate: %q", cert)
	}

	_, pages := getPDF(t, cl, "/admin/reports/registrations.pdf")
	lines := allLines(pages)
	if !slices.Contains(lines, "No one is on the waiting list.") || slices.Contains(lines, "Waiting list") {
		t.Errorf("an empty waiting list: %q", lines)
	}
	if last := pages[len(pages)-1]; slices.Contains(last, "No one is on the waiting list.") && len(last) < 6 {
		t.Errorf("the note on the empty waiting list has a page to itself: %q", last)
	}
}

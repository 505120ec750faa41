package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
	goical "github.com/emersion/go-ical"

	"confdesk/internal/webtest"
)

// choose submits the personal-agenda form of the registration at base with
// the given session ids ticked, as a browser would.
func choose(t *testing.T, cl *webtest.Client, base string, ids ...int64) *webtest.Response {
	t.Helper()
	page := cl.Get(base + "/agenda")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("GET %s/agenda = %d", base, page.StatusCode)
	}
	f := url.Values{"_csrf": {webtest.FormToken(t, page, base+"/agenda")}}
	for _, id := range ids {
		f.Add("session", itoa64(id))
	}
	return cl.PostForm(base+"/agenda", f)
}

func TestPersonalAgenda(t *testing.T) {
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	draft := addDraft(t, env, d)
	cl := env.Client()
	base := mustRegister(t, env, validForm("delegate@example.org"))

	// Before choosing: an invitation to choose, no calendar link yet.
	page := cl.Get(base)
	section := page.Doc().Find("[data-testid=personal-agenda]")
	if section.Length() != 1 || section.Find(`a[href="`+base+`/agenda"]`).Length() != 1 {
		t.Fatalf("no personal agenda section with a link to choose:\n%s", section.Text())
	}

	picker := cl.Get(base + "/agenda")
	doc := picker.Doc()
	if picker.StatusCode != http.StatusOK || picker.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("picker: %d, Cache-Control %q", picker.StatusCode, picker.Header.Get("Cache-Control"))
	}
	if doc.Find(`input[type=checkbox][name=session]`).Length() != 22-6 {
		t.Errorf("%d sessions to pick; want the 16 published ones that are not breaks", doc.Find(`input[type=checkbox][name=session]`).Length())
	}
	if strings.Contains(picker.Body, draftTitle) || strings.Contains(picker.Body, ">Lunch<") {
		t.Error("the picker offers a draft or a break")
	}
	ws := doc.Find("#session-" + itoa64(d.sessions[clashTitle]))
	if ws.Length() != 1 || doc.Find(`label[for="session-`+itoa64(d.sessions[clashTitle])+`"]`).Length() != 1 {
		t.Error("the workshop has no labelled checkbox")
	}
	if !strings.Contains(picker.Body, "35 places left of 35") {
		t.Error("the workshop's places are not shown")
	}
	assertCSPClean(t, "the picker", picker)

	// Choose two sessions on different days.
	opening, ws1 := d.sessions["Opening plenary: trafficking in the Caribbean today"], d.sessions[clashTitle]
	res := choose(t, cl, base, opening, ws1)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != base+"?agenda=saved" {
		t.Fatalf("save = %d → %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	page = cl.Get(res.Header.Get("Location"))
	assertCSPClean(t, "the self-service page", page)
	doc = page.Doc()
	if !strings.Contains(page.Body, "Your agenda was saved.") {
		t.Error("no confirmation")
	}
	var chosen []string
	doc.Find("[data-testid=chosen-session] a").Each(func(_ int, s *goquery.Selection) { chosen = append(chosen, s.Text()) })
	if strings.Join(chosen, "|") != "Opening plenary: trafficking in the Caribbean today|"+clashTitle {
		t.Errorf("chosen sessions shown: %q", chosen)
	}
	if n := count(t, env, `SELECT count(*) FROM session_signups`); n != 2 {
		t.Errorf("%d sign-ups stored", n)
	}
	if lines := agendaAuditLines(t, env, "registration", 1); len(lines) == 0 || lines[0].Action != "choose_sessions" ||
		lines[0].Actor != "participant" || lines[0].Changes["sessions"] != [2]string{"", itoa64(opening) + ", " + itoa64(ws1)} {
		t.Errorf("audit %+v", lines)
	}
	picker = cl.Get(base + "/agenda")
	if _, on := picker.Doc().Find("#session-" + itoa64(ws1)).Attr("checked"); !on {
		t.Error("the picker does not show the choice")
	}
	if !strings.Contains(picker.Body, "you have one of the 35 places") {
		t.Error("a held place is not shown as the participant's own")
	}

	// Their own calendar: only their sessions, nothing about them.
	// Its address has its own token, never the self-service one.
	icsPath := strings.TrimPrefix(doc.Find("[data-testid=personal-ics]").AttrOr("href", ""), "http://confdesk.test")
	if icsPath != calendarPath(t, env, "delegate@example.org") || strings.Contains(icsPath, strings.TrimPrefix(base, "/registration/")) {
		t.Fatalf("calendar link %q", icsPath)
	}
	ics := cl.Get(icsPath)
	if ics.StatusCode != http.StatusOK || ics.Header.Get("Content-Type") != "text/calendar; charset=utf-8" || ics.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("calendar: %d %q %q", ics.StatusCode, ics.Header.Get("Content-Type"), ics.Header.Get("Cache-Control"))
	}
	cal, err := goical.NewDecoder(strings.NewReader(ics.Body)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	var uids []string
	for _, ev := range cal.Events() {
		uids = append(uids, ev.Props.Get(goical.PropUID).Value)
	}
	if strings.Join(uids, " ") != "session-"+itoa64(opening)+"@confdesk.test session-"+itoa64(ws1)+"@confdesk.test" {
		t.Errorf("events %v", uids)
	}
	for _, personal := range []string{"Désirée", "Piñeiro", "delegate@example.org", "CTC-", "Ministry of National Security"} {
		if strings.Contains(ics.Body, personal) {
			t.Errorf("the calendar holds personal data %q", personal)
		}
	}

	// Untick the plenary: only the workshop stays.
	if res := choose(t, cl, base, ws1); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change = %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM session_signups WHERE session_id = ?`, opening); n != 0 {
		t.Error("an unticked session is kept")
	}

	// Overlapping sessions and a made-up or draft id: 422, nothing changed.
	clashing := d.sessions["Raising awareness: reaching people before the recruiters do"]
	for _, ids := range [][]int64{{ws1, clashing}, {ws1, draft}, {ws1, 99999}} {
		res := choose(t, cl, base, ids...)
		if res.StatusCode != http.StatusUnprocessableEntity || res.Doc().Find("#error-summary").Length() != 1 {
			t.Errorf("%v: %d", ids, res.StatusCode)
		}
		if n := count(t, env, `SELECT count(*) FROM session_signups`); n != 1 {
			t.Errorf("%v: %d sign-ups after a refused change", ids, n)
		}
	}
	if body := choose(t, cl, base, ws1, clashing).Body; !strings.Contains(body, "overlap") {
		t.Error("the overlap is not explained")
	}

	// Without the form's token: not saved; the picker comes back to be sent by its own button.
	before := count(t, env, `SELECT count(*) FROM session_signups`)
	if res := cl.PostForm(base+"/agenda", url.Values{"session": {itoa64(opening)}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("POST without CSRF token = %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM session_signups`); n != before {
		t.Errorf("%d sign-ups after a post without a token, want %d", n, before)
	}
}

func TestPersonalAgendaOnlyWhenConfirmed(t *testing.T) {
	env := webtest.New(t)
	setConference(t, env, `moderation = 1`)
	cl := env.Client()
	base := mustRegister(t, env, validForm("pending@example.org"))
	if cl.Get(base).Doc().Find("[data-testid=personal-agenda]").Length() != 0 {
		t.Error("a pending registration is offered a personal agenda")
	}
	if res := cl.Get(base + "/agenda"); res.StatusCode != http.StatusConflict || !strings.Contains(res.Body, "once your registration is confirmed") {
		t.Errorf("picker for a pending registration = %d", res.StatusCode)
	}
	ics := cl.Get(calendarPath(t, env, "pending@example.org"))
	if ics.StatusCode != http.StatusOK || strings.Contains(ics.Body, "BEGIN:VEVENT") {
		t.Errorf("calendar of a pending registration: %d, events %v", ics.StatusCode, strings.Count(ics.Body, "BEGIN:VEVENT"))
	}
	if res := env.Get("/registration/not-a-token/agenda"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown token = %d", res.StatusCode)
	}
	if res := env.Get("/registration/not-a-token/agenda.ics"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown token calendar = %d", res.StatusCode)
	}
}

// assertCSPClean holds a page the site-wide test cannot reach (it needs a
// token) to the same rules: a CSP, no inline script, style or handler.
func assertCSPClean(t *testing.T, what string, res *webtest.Response) {
	t.Helper()
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("%s: CSP %q", what, csp)
	}
	res.Doc().Find("script").Each(func(_ int, s *goquery.Selection) {
		if src, ok := s.Attr("src"); !ok || src == "" || strings.TrimSpace(s.Text()) != "" {
			t.Errorf("%s: inline script", what)
		}
	})
	if strings.Contains(res.Body, "style=") || regexp.MustCompile(`(?i)\son[a-z]+=`).MatchString(res.Body) {
		t.Errorf("%s: inline style or event handler", what)
	}
}

// TestWorkshopCapacityRace: twenty confirmed participants ask at once for
// a workshop with five places; exactly five get one, the others a clear
// message, and none of them half a change.
func TestWorkshopCapacityRace(t *testing.T) {
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	ws := d.sessions[clashTitle]
	other := d.sessions["Opening plenary: trafficking in the Caribbean today"]
	if _, err := env.DB.Write.Exec(`UPDATE sessions SET capacity = 5 WHERE id = ?`, ws); err != nil {
		t.Fatal(err)
	}
	const n = 20
	clients := make([]*webtest.Client, n)
	bases := make([]string, n)
	forms := make([]url.Values, n)
	for i := range n {
		clients[i] = env.Client()
		bases[i] = mustRegister(t, env, validForm(fmt.Sprintf("ws%02d@example.org", i)))
		page := clients[i].Get(bases[i] + "/agenda")
		forms[i] = url.Values{"_csrf": {webtest.FormToken(t, page, bases[i]+"/agenda")}, "session": {itoa64(other), itoa64(ws)}}
	}
	statuses := make([]int, n)
	bodies := make([]string, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res := clients[i].PostForm(bases[i]+"/agenda", forms[i])
			statuses[i], bodies[i] = res.StatusCode, res.Body
		}()
	}
	close(start)
	wg.Wait()
	got := map[int]int{}
	for i, s := range statuses {
		got[s]++
		if s == http.StatusConflict && !strings.Contains(bodies[i], "has just filled up, so nothing was saved") {
			t.Errorf("participant %d: no clear message", i)
		}
	}
	if got[http.StatusSeeOther] != 5 || got[http.StatusConflict] != 15 {
		t.Fatalf("answers %v, want 5 × 303 and 15 × 409", got)
	}
	if taken := count(t, env, `SELECT count(*) FROM session_signups WHERE session_id = ?`, ws); taken != 5 {
		t.Errorf("%d places taken in a workshop of 5", taken)
	}
	// Nothing half-done: the refused kept no plenary sign-up either.
	if plenary := count(t, env, `SELECT count(*) FROM session_signups WHERE session_id = ?`, other); plenary != 5 {
		t.Errorf("%d plenary sign-ups, want only the 5 saved changes", plenary)
	}
	var holders, refused []int
	for i, s := range statuses {
		if s == http.StatusSeeOther {
			holders = append(holders, i)
		} else {
			refused = append(refused, i)
		}
	}
	// A refused participant sees the workshop full and closed.
	doc := clients[refused[0]].Get(bases[refused[0]] + "/agenda").Doc()
	if _, off := doc.Find("#session-" + itoa64(ws)).Attr("disabled"); !off || !strings.Contains(doc.Text(), "Full") {
		t.Error("a full workshop can still be ticked")
	}
	// A cancellation frees a place, for one participant only.
	h := holders[0]
	if res := clients[h].Submit(bases[h]+"/cancel", bases[h]+"/cancel", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel = %d", res.StatusCode)
	}
	if res := choose(t, clients[refused[0]], bases[refused[0]], ws); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the place a cancellation freed is refused: %d", res.StatusCode)
	}
	if res := choose(t, clients[refused[1]], bases[refused[1]], ws); res.StatusCode != http.StatusConflict {
		t.Errorf("a sixth place was given: %d", res.StatusCode)
	}
}

func TestPersonalAgendaPagesAreNotCached(t *testing.T) {
	env := webtest.New(t)
	d := loadDemoAgenda(t, env)
	cl := env.Client()
	base := mustRegister(t, env, validForm("nocache@example.org"))
	first := cl.Get(calendarPath(t, env, "nocache@example.org")).Body
	choose(t, cl, base, d.sessions[clashTitle])
	if second := cl.Get(calendarPath(t, env, "nocache@example.org")).Body; second == first || !strings.Contains(second, "BEGIN:VEVENT") {
		t.Error("the personal calendar did not follow the change")
	}
}

// calendarPath is the personal calendar feed's path of the registration of email.
func calendarPath(t *testing.T, env *webtest.Env, email string) string {
	t.Helper()
	var token string
	if err := env.DB.Read.QueryRow(`SELECT calendar_token FROM registrations WHERE email_key = ?`, email).Scan(&token); err != nil {
		t.Fatal(err)
	}
	return "/calendar/" + token + ".ics"
}

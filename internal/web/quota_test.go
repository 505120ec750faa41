package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// participantsOf counts the participants of country in each status.
func participantsOf(t *testing.T, env *webtest.Env, code, status string) int {
	t.Helper()
	return count(t, env, `SELECT count(*) FROM registrations WHERE country = ? AND category = 'participant' AND status = ?`,
		code, status)
}

// setQuota gives country code a quota of places beyond what its
// participants already hold, through the console's form.
func setQuota(t *testing.T, env *webtest.Env, org *webtest.Client, code string, free int) int {
	t.Helper()
	q := participantsOf(t, env, code, model.StatusConfirmed) + participantsOf(t, env, code, model.StatusPending) + free
	res := org.PostAdmin("/admin/delegations/quotas", url.Values{"quota_" + code: {strconv.Itoa(q)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the quota = %d\n%s", res.StatusCode, res.Body)
	}
	return q
}

func fromCountry(email, code string) url.Values {
	f := validForm(email)
	f.Set("country", code)
	return f
}

// Ten simultaneous registrations from a country with three places left in
// its quota give exactly three places; the seven others wait in that
// country's queue, told their places 1 to 7.
func TestQuotaRaceGivesExactlyTheQuota(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	setQuota(t, env, org, "HT", 3)
	before := participantsOf(t, env, "HT", model.StatusConfirmed)
	const n = 10
	clients := make([]*webtest.Client, n)
	tokens := make([]string, n)
	for i := range n {
		clients[i] = env.Client()
		tokens[i] = webtest.FormToken(t, clients[i].Get("/register"), "/register")
	}
	var wg sync.WaitGroup
	statuses := make([]int, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := fromCountry(fmt.Sprintf("haiti%02d@example.org", i), "HT")
			f.Set("_csrf", tokens[i])
			<-start
			statuses[i] = clients[i].PostForm("/register", f).StatusCode
		}()
	}
	close(start)
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusSeeOther {
			t.Errorf("registration %d answered %d", i, s)
		}
	}
	if got := participantsOf(t, env, "HT", model.StatusConfirmed) - before; got != 3 {
		t.Errorf("%d new Haitian participants confirmed, want exactly 3", got)
	}
	if got := count(t, env, `SELECT count(*) FROM registrations WHERE email LIKE 'haiti%' AND status = 'waitlisted'`); got != 7 {
		t.Errorf("%d waitlisted, want 7", got)
	}
	// Each was told its place in Haiti's queue, 1 to 7, once each.
	rows, err := env.DB.Read.Query(`SELECT o.body_text, r.id FROM outbox o JOIN registrations r ON r.id = o.registration_id
		WHERE o.kind = 'waitlisted' AND r.email LIKE 'haiti%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	told := map[int]bool{}
	for rows.Next() {
		var body string
		var id int64
		if err := rows.Scan(&body, &id); err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`You are number (\d+) in the queue`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no position in the message:\n%s", body)
		}
		pos, _ := strconv.Atoi(m[1])
		if want, _ := env.Store.WaitlistPosition(context.Background(), id); pos != want || told[pos] {
			t.Errorf("registration %d was told position %d, is at %d", id, pos, want)
		}
		told[pos] = true
	}
	if len(told) != 7 || !told[1] || !told[7] {
		t.Errorf("positions told %v, want 1..7", told)
	}
}

// A full quota does not hold up anyone else: a newcomer from a country
// with room is confirmed while Haitians wait for Haiti's quota, and the
// quota's queue is not the queue for a place.
func TestQuotaQueueDoesNotHoldUpOthers(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	setQuota(t, env, org, "HT", 0)
	register(env, fromCountry("waiting-ht@example.org", "HT"))
	ht := idOf(t, env, "waiting-ht@example.org")
	if s := statusOf(t, env, ht); s != model.StatusWaitlisted {
		t.Fatalf("over the quota: %s, want waitlisted", s)
	}
	register(env, fromCountry("newcomer-jm@example.org", "JM"))
	if s := statusOf(t, env, idOf(t, env, "newcomer-jm@example.org")); s != model.StatusConfirmed {
		t.Errorf("a Jamaican newcomer while Haitians wait for their quota: %s, want confirmed", s)
	}
	// The Haitian's page names the queue position.
	if pos, err := env.Store.WaitlistPosition(context.Background(), ht); err != nil || pos != 1 {
		t.Errorf("position in Haiti's queue = %d (%v), want 1", pos, err)
	}
	if s := participantsOf(t, env, "HT", model.StatusWaitlisted); s != 1 {
		t.Errorf("%d Haitian participants waiting, want 1", s)
	}
	// The e-mail and the page say which places are taken: the delegation's,
	// not the conference's; in Spanish for a Spanish registration.
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if m := words(lastMail(t, env, ht, mail.KindWaitlisted).BodyText); !strings.Contains(m, "All the places for your delegation (Haiti) are taken") ||
		strings.Contains(m, "fully booked") || !strings.Contains(m, "You are number 1 in the queue") {
		t.Errorf("waiting-list e-mail:\n%s", m)
	}
	res := inLanguage(env, "es").Submit("/register", "/register", fromCountry("espera-ht@example.org", "HT"))
	self, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	heading := inLanguage(env, "es").Get(self).Doc().Find("[data-testid=status]").Text()
	if heading != "En lista de espera: todas las plazas de su delegación (Haití) están cubiertas." {
		t.Errorf("Spanish self-service heading %q", heading)
	}
	es := words(lastMail(t, env, idOf(t, env, "espera-ht@example.org"), mail.KindWaitlisted).BodyText)
	if !strings.Contains(es, "todas las plazas de su delegación (Haití) están cubiertas") ||
		!strings.Contains(es, "Su puesto en la lista de espera: 2.") {
		t.Errorf("Spanish waiting-list e-mail:\n%s", es)
	}
	// One waiting for a place in the full conference is told that instead.
	setConference(t, env, `capacity = ?`, count(t, env, `SELECT count(*) FROM registrations
		WHERE status IN ('pending', 'confirmed') AND category <> 'press'`))
	self = mustRegister(t, env, fromCountry("full-jm@example.org", "JM"))
	if heading := env.Client().Get(self).Doc().Find("[data-testid=status]").Text(); heading != "On the waiting list: the conference is full." {
		t.Errorf("a Jamaican waiting for a place: heading %q", heading)
	}
}

// A place freed in a country's quota goes to that country's queue first,
// even ahead of an older registration from elsewhere waiting for a place;
// the next place freed outside the quota goes to the older one.
func TestQuotaPromotionByCountry(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	setQuota(t, env, org, "HT", 1)
	register(env, fromCountry("early-bs@example.org", "BS"))
	active := count(t, env, `SELECT count(*) FROM registrations WHERE status IN ('pending', 'confirmed') AND category <> 'press'`)
	setConference(t, env, `capacity = ?`, active+1)

	register(env, fromCountry("first-ht@example.org", "HT"))
	first := idOf(t, env, "first-ht@example.org")
	register(env, fromCountry("older-jm@example.org", "JM"))
	jm := idOf(t, env, "older-jm@example.org")
	register(env, fromCountry("second-ht@example.org", "HT"))
	second := idOf(t, env, "second-ht@example.org")
	if a, b, c := statusOf(t, env, first), statusOf(t, env, jm), statusOf(t, env, second); a != "confirmed" || b != "waitlisted" || c != "waitlisted" {
		t.Fatalf("statuses %s %s %s, want confirmed waitlisted waitlisted", a, b, c)
	}
	if res := org.PostAdmin(regPath(first)+"/cancel", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel = %d", res.StatusCode)
	}
	if s := statusOf(t, env, second); s != model.StatusConfirmed {
		t.Errorf("the next Haitian after a Haitian cancelled: %s, want confirmed", s)
	}
	if s := statusOf(t, env, jm); s != model.StatusWaitlisted {
		t.Errorf("the older Jamaican: %s, want still waitlisted", s)
	}
	// A place freed by someone from a country without a quota goes by the
	// list's order: the Jamaican, not a third Haitian beyond the quota.
	register(env, fromCountry("third-ht@example.org", "HT"))
	other := idOf(t, env, "early-bs@example.org")
	if res := org.PostAdmin(regPath(other)+"/cancel", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel = %d", res.StatusCode)
	}
	if s := statusOf(t, env, jm); s != model.StatusConfirmed {
		t.Errorf("the Jamaican after a place freed elsewhere: %s, want confirmed", s)
	}
	if s := statusOf(t, env, idOf(t, env, "third-ht@example.org")); s != model.StatusWaitlisted {
		t.Errorf("a Haitian beyond the quota: %s, want waitlisted", s)
	}
}

// Raising a quota promotes those waiting for it at once; a lowered one
// demotes no one but shows how far over it is.
func TestQuotaFormRaisesAndValidates(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	q := setQuota(t, env, org, "BB", 0)
	register(env, fromCountry("waiting-bb@example.org", "BB"))
	id := idOf(t, env, "waiting-bb@example.org")
	if s := statusOf(t, env, id); s != model.StatusWaitlisted {
		t.Fatalf("over the quota: %s", s)
	}
	// A bad value comes back with the message and the values typed.
	res := org.PostAdmin("/admin/delegations/quotas", url.Values{"quota_BB": {"three"}, "quota_JM": {"4"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad quota = %d, want 422", res.StatusCode)
	}
	doc := res.Doc()
	if v, _ := doc.Find("#quota_BB").Attr("value"); v != "three" {
		t.Errorf("the typed value came back as %q", v)
	}
	if v, _ := doc.Find("#quota_JM").Attr("value"); v != "4" {
		t.Errorf("the other field came back as %q", v)
	}
	if !strings.Contains(doc.Find("#quota_BB-error").Text(), "whole number") {
		t.Errorf("no message by the field: %q", doc.Find("#quota_BB-error").Text())
	}
	if s := statusOf(t, env, id); s != model.StatusWaitlisted {
		t.Errorf("a refused form changed a status: %s", s)
	}
	// Raised by one: the waiting Barbadian gets the place.
	res = org.PostAdmin("/admin/delegations/quotas", url.Values{"quota_BB": {strconv.Itoa(q + 1)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("raise = %d", res.StatusCode)
	}
	if s := statusOf(t, env, id); s != model.StatusConfirmed {
		t.Errorf("after the quota was raised: %s, want confirmed", s)
	}
	page := org.Get("/admin/delegations").Doc()
	if f := page.Find("[data-testid=flash]").Text(); !strings.Contains(f, "1 person was moved off the waiting list") {
		t.Errorf("flash %q", f)
	}
	line := page.Find(`[data-country=BB] [data-testid=quota]`).Text()
	if want := fmt.Sprintf("Quota %d participants: %d taken, full.", q+1, q+1); line != want {
		t.Errorf("delegation's quota line %q, want %q", line, want)
	}
	row := org.Get("/admin").Doc().Find(`[data-testid=dashboard-quotas] tr[data-country=BB]`)
	var cells []string
	row.Find("th, td").Each(func(_ int, c *goquery.Selection) { cells = append(cells, strings.TrimSpace(c.Text())) })
	if got, want := strings.Join(cells, "|"), fmt.Sprintf("Barbados|%d full|%d|0|0|none marked|none", q+1, q+1); got != want {
		t.Errorf("dashboard's quota row reads %q, want %q", got, want)
	}
	// A country with a focal point and no quota has its line too.
	addFocalPoint(t, env, org, "DM", "focal@gov.dm", "en")
	cells = nil
	org.Get("/admin").Doc().Find(`[data-testid=dashboard-quotas] tr[data-country=DM]`).Find("th, td").Each(func(_ int, c *goquery.Selection) {
		cells = append(cells, strings.TrimSpace(c.Text()))
	})
	if got := strings.Join(cells, "|"); !strings.HasPrefix(got, "Dominica|none|0|0|0|none marked|") || strings.HasSuffix(got, "|none") {
		t.Errorf("dashboard's row of a country with a focal point: %q", got)
	}
	// Lowered below what is taken: nobody loses a place; the form says so.
	org.PostAdmin("/admin/delegations/quotas", url.Values{"quota_BB": {"0"}})
	if s := statusOf(t, env, id); s != model.StatusConfirmed {
		t.Errorf("a lowered quota took a place: %s", s)
	}
	if over := org.Get("/admin/delegations/quotas").Doc().Find(`[data-value=BB] [data-testid=over-quota]`).Text(); over != strconv.Itoa(q+1)+" over the quota" {
		t.Errorf("over-quota note %q", over)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'quotas'`); n != 3 {
		t.Errorf("%d audit lines for three saves, want 3", n)
	}
}

// Under moderation a registration beyond the quota is pending, for the
// organisers to decide, not waitlisted.
func TestQuotaUnderModeration(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	setQuota(t, env, org, "GY", 0)
	setConference(t, env, `moderation = 1`)
	register(env, fromCountry("gy@example.org", "GY"))
	if s := statusOf(t, env, idOf(t, env, "gy@example.org")); s != model.StatusPending {
		t.Errorf("beyond the quota under moderation: %s, want pending", s)
	}
}

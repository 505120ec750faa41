package web_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/config"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// person is a registration to seed straight into the database; empty
// fields get defaults.
type person struct {
	First, Last, Email, Country, Org, OrgType, Status, Category, JobTitle string
	Head                                                                  bool
	Created                                                               time.Time
	Visa                                                                  bool
}

// seed inserts people as registrations and returns their ids, in order.
func seed(t *testing.T, env *webtest.Env, people ...person) []int64 {
	t.Helper()
	ids := make([]int64, 0, len(people))
	err := env.Store.Update(context.Background(), func(tx *store.Tx) error {
		for i, p := range people {
			r := model.Registration{
				ConferenceID: env.Conference.ID, Reference: registration.NewReference(), CheckinCode: registration.NewCheckinCode(),
				Status: p.Status, Category: p.Category, FirstName: p.First, LastName: p.Last, Email: p.Email,
				Country: p.Country, Organisation: p.Org, OrgType: p.OrgType, JobTitle: p.JobTitle,
				CreatedAt: p.Created, ConsentAt: p.Created,
			}
			def := func(s *string, v string) {
				if *s == "" {
					*s = v
				}
			}
			def(&r.Status, model.StatusConfirmed)
			def(&r.Category, model.CategoryParticipant)
			def(&r.FirstName, "Person")
			def(&r.LastName, fmt.Sprintf("Number %03d", i))
			def(&r.Email, fmt.Sprintf("person%d-%s@example.org", i, strings.ToLower(r.Reference[4:])))
			def(&r.Country, "TT")
			def(&r.Organisation, "Ministry of National Security")
			def(&r.OrgType, "government")
			def(&r.JobTitle, "Officer")
			if r.CreatedAt.IsZero() {
				r.CreatedAt = env.Clock.Now().Add(time.Duration(i-len(people)) * time.Minute)
				r.ConsentAt = r.CreatedAt
			}
			if r.Status == model.StatusWaitlisted {
				r.WaitlistedAt = r.CreatedAt
			}
			if p.Visa {
				r.VisaLetter, r.PassportName, r.Nationality, r.PassportNumber = true, strings.ToUpper(r.FullName()), r.Country, "TA1234567"
				r.PassportExpiry, r.DateOfBirth = "2031-06-30", "1981-04-23"
			}
			id, err := tx.CreateRegistration(store.NewRegistration{Registration: r,
				ManageTokenHash: registration.HashToken(registration.NewManageToken())})
			if err != nil {
				return err
			}
			if p.Head {
				if err := tx.SetHeadOfDelegation(id, true, r.CreatedAt); err != nil {
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

func regPath(id int64) string { return "/admin/registrations/" + strconv.FormatInt(id, 10) }

// statusOf reads a registration's status from the database.
func statusOf(t *testing.T, env *webtest.Env, id int64) string {
	t.Helper()
	var s string
	if err := env.DB.Read.QueryRow(`SELECT status FROM registrations WHERE id = ?`, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// rowRefs lists the references of the list's rows, in order.
func rowRefs(doc *goquery.Document) []string {
	var out []string
	doc.Find(`[data-testid=registration-row]`).Each(func(_ int, s *goquery.Selection) {
		ref, _ := s.Attr("data-reference")
		out = append(out, ref)
	})
	return out
}

// referenceOf reads a registration's reference.
func referenceOf(t *testing.T, env *webtest.Env, id int64) string {
	t.Helper()
	var s string
	if err := env.DB.Read.QueryRow(`SELECT reference FROM registrations WHERE id = ?`, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func mustGet(t *testing.T, cl *webtest.Client, path string) *webtest.Response {
	t.Helper()
	res := cl.Get(path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d\n%s", path, res.StatusCode, res.Body)
	}
	return res
}

// hundredTwenty seeds 120 registrations: every 4th waitlisted, every 5th
// from Jamaica, every 10th an NGO, names Number 000..119 created a minute apart.
func hundredTwenty(t *testing.T, env *webtest.Env) []int64 {
	t.Helper()
	people := make([]person, 120)
	for i := range people {
		p := &people[i]
		if i%4 == 3 {
			p.Status = model.StatusWaitlisted
		}
		if i%5 == 0 {
			p.Country = "JM"
		}
		if i%10 == 0 {
			p.OrgType, p.Org = "ngo", "Caribbean Anti-Trafficking Network"
		}
	}
	return seed(t, env, people...)
}

func TestDeskListPagesFiltersAndSorts(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := hundredTwenty(t, env)
	cl := env.Login(model.UserOrganiser)

	doc := mustGet(t, cl, "/admin/registrations").Doc()
	if got := doc.Find(`[data-testid=showing]`).Text(); got != "Showing 1–50 of 120" {
		t.Errorf("first page says %q", got)
	}
	refs := rowRefs(doc)
	// Newest first by default: the last seeded comes first.
	if len(refs) != 50 || refs[0] != referenceOf(t, env, ids[119]) {
		t.Fatalf("%d rows, first %v", len(refs), refs[:1])
	}
	if next, _ := doc.Find(`a[rel=next]`).Attr("href"); next != "/admin/registrations?page=2" {
		t.Errorf("next link %q", next)
	}
	if doc.Find(`a[rel=prev]`).Length() != 0 {
		t.Error("a previous link on the first page")
	}
	counts := doc.Find(`[data-testid=status-counts]`).Text()
	if !strings.Contains(counts, "All 120") || !strings.Contains(counts, "Confirmed 90") || !strings.Contains(counts, "Waitlisted 30") {
		t.Errorf("status counts %q", counts)
	}

	page3 := mustGet(t, cl, "/admin/registrations?page=3").Doc()
	if got := page3.Find(`[data-testid=showing]`).Text(); got != "Showing 101–120 of 120" || len(rowRefs(page3)) != 20 {
		t.Errorf("page 3: %q, %d rows", got, len(rowRefs(page3)))
	}
	// Past the end: the last page. Nonsense: the first.
	if got := mustGet(t, cl, "/admin/registrations?page=999").Doc().Find(`[data-testid=showing]`).Text(); got != "Showing 101–120 of 120" {
		t.Errorf("page 999: %q", got)
	}
	for _, p := range []string{"-1", "0", "abc", "1e9"} {
		if got := mustGet(t, cl, "/admin/registrations?page="+p).Doc().Find(`[data-testid=showing]`).Text(); got != "Showing 1–50 of 120" {
			t.Errorf("page=%s: %q", p, got)
		}
	}

	// Filters combine, and the pages keep them.
	doc = mustGet(t, cl, "/admin/registrations?country=JM&sort=last_name").Doc()
	refs = rowRefs(doc)
	if len(refs) != 24 || refs[0] != referenceOf(t, env, ids[0]) || refs[1] != referenceOf(t, env, ids[5]) {
		t.Errorf("Jamaica by last name: %d rows %v", len(refs), refs[:2])
	}
	doc = mustGet(t, cl, "/admin/registrations?status=waitlisted&country=JM").Doc()
	// i%4 == 3 and i%5 == 0: 15, 35, 55, 75, 95, 115.
	if got := doc.Find(`[data-testid=showing]`).Text(); got != "Showing 1–6 of 6" {
		t.Errorf("waitlisted from Jamaica: %q", got)
	}
	if sel, _ := doc.Find(`select#status option[selected]`).Attr("value"); sel != "waitlisted" {
		t.Errorf("the status filter does not show its value: %q", sel)
	}
	doc = mustGet(t, cl, "/admin/registrations?org_type=ngo&category=participant").Doc()
	if got := doc.Find(`[data-testid=showing]`).Text(); got != "Showing 1–12 of 12" {
		t.Errorf("NGOs: %q", got)
	}
	doc = mustGet(t, cl, "/admin/registrations?status=confirmed&sort=last_name&page=2").Doc()
	if next, _ := doc.Find(`a[rel=prev]`).Attr("href"); next != "/admin/registrations?sort=last_name&status=confirmed" {
		t.Errorf("previous link %q drops the filters", next)
	}
	if got := doc.Find(`[data-testid=showing]`).Text(); got != "Showing 51–90 of 90" {
		t.Errorf("confirmed page 2: %q", got)
	}
	// The CSV button sends the filter form as it stands (no page in it).
	if doc.Find(`form#desk-filters button[formaction="/admin/registrations.csv"]`).Length() != 1 ||
		doc.Find(`form#desk-filters input[name=page]`).Length() != 0 {
		t.Error("no CSV button in the filter form, or the form carries the page")
	}

	// Sorts: ascending and descending by name, oldest first.
	asc := rowRefs(mustGet(t, cl, "/admin/registrations?sort=last_name").Doc())
	desc := rowRefs(mustGet(t, cl, "/admin/registrations?sort=-last_name&page=3").Doc())
	if asc[0] != referenceOf(t, env, ids[0]) || desc[len(desc)-1] != referenceOf(t, env, ids[0]) {
		t.Error("last_name and -last_name are not reverse orders")
	}
	if old := rowRefs(mustGet(t, cl, "/admin/registrations?sort=created").Doc()); old[0] != referenceOf(t, env, ids[0]) {
		t.Error("sort=created does not start with the oldest")
	}
	// The column heading toggles the order and says which it is.
	h := mustGet(t, cl, "/admin/registrations?sort=last_name").Doc().Find(`th[aria-sort]`)
	if v, _ := h.Attr("aria-sort"); v != "ascending" || !strings.Contains(h.Text(), "Name") {
		t.Errorf("sorted heading %q %q", v, h.Text())
	}
	if href, _ := h.Find("a").Attr("href"); href != "/admin/registrations?sort=-last_name" {
		t.Errorf("heading link %q", href)
	}
}

func TestDeskSearch(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env,
		person{First: "Désirée", Last: "Piñeiro-Nguyễn", Email: "desiree@example.org", Org: "Ministry of National Security"},
		person{First: "Seán", Last: "O'Brien", Email: "sean@example.org", Org: "Irish Aid", Country: "IE"},
		person{First: "Per", Last: "Cent", Email: "per_cent@example.org", Org: "100% Free Foundation", OrgType: "ngo"},
		person{First: "Łukasz", Last: "Żółć", Email: "lukasz@example.org", Org: "Straż Graniczna", Country: "PL"},
	)
	ref := referenceOf(t, env, ids[3])
	cl := env.Login(model.UserOrganiser)
	for _, tc := range []struct {
		q    string
		want []int // indexes of ids, in the default order (newest first)
	}{
		{"désirée", []int{0}},
		{"PIÑEIRO", []int{0}},
		{"nguyễn desiree@", []int{0}}, // every word must match somewhere
		{"ministry", []int{0}},
		{"o'brien", []int{1}},
		{"'", []int{1}},
		{"100%", []int{2}},
		{"%", []int{2}},    // a literal per cent, not "anything"
		{"_", []int{2}},    // a literal underscore, not "any character"
		{"per_", []int{2}}, // per_cent, not "person"
		{"o_b", nil},       // would match "O'Brien" if _ were a wildcard
		{"Łukasz żółć", []int{3}},
		{"desiree", []int{0}}, // accents ignored on either side
		{"PINEIRO nguyen", []int{0}},
		{"lukasz ZOLC straz", []int{3}},
		{"żółć-free", nil},
		{"ŁUKASZ", []int{3}},
		{strings.ToLower(ref[4:]), []int{3}}, // a reference without its prefix, in lower case
		{ref, []int{3}},
		{`"; DROP TABLE registrations; --`, nil},
		{`' OR '1'='1`, nil},
		{`\`, nil},
		{"   ", []int{3, 2, 1, 0}},
	} {
		res := mustGet(t, cl, "/admin/registrations?q="+url.QueryEscape(tc.q))
		var want []string
		for _, i := range tc.want {
			want = append(want, referenceOf(t, env, ids[i]))
		}
		if got := rowRefs(res.Doc()); !slices.Equal(got, want) {
			t.Errorf("q=%q: %v, want %v", tc.q, got, want)
		}
		if len(tc.want) == 0 {
			empty := res.Doc().Find(`[data-testid=empty]`)
			if !strings.Contains(empty.Text(), "No registrations match") || empty.Find(`a[href="/admin/registrations"]`).Length() != 1 {
				t.Errorf("q=%q: no empty state with a link to clear the filters", tc.q)
			}
		}
		// The search box keeps what was typed (trimmed), escaped.
		if v, _ := res.Doc().Find("input#q").Attr("value"); v != strings.Join(strings.Fields(tc.q), " ") {
			t.Errorf("q=%q: the box holds %q", tc.q, v)
		}
	}
	// The table is still there, and so is everyone.
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 4 {
		t.Errorf("%d registrations left", n)
	}
}

func TestDeskSortAndFiltersRejectUnknownValues(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env, person{Last: "Adams"}, person{Last: "Zimmer"})
	cl := env.Login(model.UserOrganiser)
	newestFirst := []string{referenceOf(t, env, ids[1]), referenceOf(t, env, ids[0])}
	for _, q := range []string{
		"sort=" + url.QueryEscape("last_name; DROP TABLE registrations"),
		"sort=" + url.QueryEscape("(SELECT 1)"),
		"sort=" + url.QueryEscape("'"),
		"sort=email",
		"status=" + url.QueryEscape("confirmed' OR '1'='1"),
		"country=" + url.QueryEscape("TT'--"),
		"category=" + url.QueryEscape(`"`),
		"org_type=%25",
	} {
		res := mustGet(t, cl, "/admin/registrations?"+q)
		if got := rowRefs(res.Doc()); !slices.Equal(got, newestFirst) {
			t.Errorf("%s: %v, want the whole list newest first", q, got)
		}
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 2 {
		t.Errorf("%d registrations left", n)
	}
	// Without any registration, the list says so.
	empty := webtest.New(t)
	if txt := mustGet(t, empty.Login(model.UserOrganiser), "/admin/registrations").Doc().Find(`[data-testid=empty]`).Text(); !strings.Contains(txt, "No registrations yet") {
		t.Errorf("empty list: %q", txt)
	}
}

// lastAudit returns the newest audit line of a registration: its action, actor and changes.
func lastAudit(t *testing.T, env *webtest.Env, id int64) model.AuditEntry {
	t.Helper()
	h, err := env.Store.AuditFor(context.Background(), "registration", id)
	if err != nil || len(h) == 0 {
		t.Fatalf("no audit line for %d: %v", id, err)
	}
	return h[0]
}

func mailKinds(t *testing.T, env *webtest.Env, id int64) []string {
	t.Helper()
	msgs, err := env.Store.MailForRegistration(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range msgs {
		out = append(out, m.Kind)
	}
	return out
}

func TestDeskActions(t *testing.T) {
	t.Parallel()
	// One conference for every case (logging in is slow on purpose). An
	// action that frees a place promotes the oldest waitlisted registration,
	// so the cases that start from the waiting list come before those.
	cases := []struct {
		action, from, category string
		form                   url.Values
		to, mail               string
	}{
		{"confirm", model.StatusPending, model.CategoryParticipant, nil, model.StatusConfirmed, "confirmed"},
		{"confirm", model.StatusWaitlisted, model.CategorySpeaker, nil, model.StatusConfirmed, "promoted"},
		{"confirm", model.StatusCancelled, model.CategoryParticipant, nil, model.StatusConfirmed, "confirmed"},
		{"promote", model.StatusWaitlisted, model.CategoryParticipant, nil, model.StatusConfirmed, "promoted"},
		{"cancel", model.StatusWaitlisted, model.CategoryParticipant, nil, model.StatusCancelled, "cancelled"},
		{"accredit", model.StatusPending, model.CategoryPress, nil, model.StatusConfirmed, "accredited"},
		{"reject", model.StatusPending, model.CategoryPress, url.Values{"reason": {"We accredit staff journalists only."}}, model.StatusRejected, "rejected"},
		{"waitlist", model.StatusConfirmed, model.CategoryParticipant, nil, model.StatusWaitlisted, "waitlisted"},
		{"reject", model.StatusConfirmed, model.CategoryParticipant, url.Values{"reason": {"Not an eligible organisation."}}, model.StatusRejected, "rejected"},
		{"cancel", model.StatusConfirmed, model.CategoryParticipant, nil, model.StatusCancelled, "cancelled"},
	}
	env := webtest.New(t)
	people := make([]person, len(cases))
	for i, tc := range cases {
		people[i] = person{First: "Désirée", Last: fmt.Sprintf("Piñeiro-Nguyễn %d", i), Status: tc.from, Category: tc.category}
		if tc.category == model.CategoryPress {
			people[i].OrgType = "media"
		}
	}
	ids := seed(t, env, people...)
	cl := env.Login(model.UserOrganiser)
	for i, tc := range cases {
		id := ids[i]
		t.Run(tc.action+"-from-"+tc.from+"-"+tc.category, func(t *testing.T) {
			res := cl.PostAdmin(regPath(id)+"/"+tc.action, tc.form)
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != regPath(id) {
				t.Fatalf("POST = %d to %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
			}
			if st := statusOf(t, env, id); st != tc.to {
				t.Errorf("status %q, want %q", st, tc.to)
			}
			if kinds := mailKinds(t, env, id); !slices.Equal(kinds, []string{tc.mail}) {
				t.Errorf("e-mails %v, want one %q", kinds, tc.mail)
			}
			e := lastAudit(t, env, id)
			if e.Actor != "organiser@example.org" || e.UserID == 0 || e.Changes["status"] != [2]string{tc.from, tc.to} {
				t.Errorf("audit %+v", e)
			}
			page := mustGet(t, cl, regPath(id)).Doc()
			if flash := page.Find(`[data-testid=flash]`).Text(); !strings.Contains(flash, fmt.Sprintf("Désirée Piñeiro-Nguyễn %d", i)) {
				t.Errorf("flash %q", flash)
			}
			if page.Find(`[data-testid=history] tr[data-action]`).Length() < 1 || page.Find(`[data-testid=message-row]`).Length() != 1 {
				t.Error("the page does not show the history line and the e-mail")
			}
			if tc.action == "reject" {
				var reason, body string
				env.DB.Read.QueryRow(`SELECT rejection_reason FROM registrations WHERE id = ?`, id).Scan(&reason)
				env.DB.Read.QueryRow(`SELECT body_text FROM outbox WHERE registration_id = ?`, id).Scan(&body)
				if reason != tc.form.Get("reason") || !strings.Contains(body, tc.form.Get("reason")) {
					t.Errorf("reason %q not stored or not in the e-mail", reason)
				}
				if e.Changes["rejection_reason"][1] != tc.form.Get("reason") {
					t.Errorf("audit changes %v", e.Changes)
				}
			}
		})
	}
}

func TestDeskRefusedTransitions(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `capacity = 2`)
	ids := seed(t, env,
		person{Last: "Pending", Status: model.StatusPending},
		person{Last: "Confirmed"},
		person{Last: "Waiting", Status: model.StatusWaitlisted},
		person{Last: "Journalist", Status: model.StatusPending, Category: model.CategoryPress, OrgType: "media"},
		person{Last: "Gone", Status: model.StatusCancelled},
	)
	pending, confirmed, waiting, press, gone := ids[0], ids[1], ids[2], ids[3], ids[4]
	cl := env.Login(model.UserOrganiser)
	for _, tc := range []struct {
		id     int64
		action string
		form   url.Values
		status int
		says   string
	}{
		{pending, "promote", nil, http.StatusConflict, "Only a registration on the waiting list can be promoted"},
		{confirmed, "confirm", nil, http.StatusConflict, "already confirmed"},
		{press, "confirm", nil, http.StatusConflict, "use “Accredit”"},
		{pending, "accredit", nil, http.StatusConflict, "Only press accreditation requests are accredited"},
		{press, "waitlist", nil, http.StatusConflict, "never put on the waiting list"},
		{gone, "reject", nil, http.StatusConflict, "cancelled"},
		{gone, "cancel", nil, http.StatusConflict, "already cancelled"},
		{waiting, "promote", nil, http.StatusConflict, "The conference is full: 2 of 2 places are taken"},
		{gone, "confirm", nil, http.StatusConflict, "The conference is full"},
		{pending, "reject", nil, http.StatusUnprocessableEntity, "Give a reason"},
		{pending, "reject", url.Values{"reason": {"   "}}, http.StatusUnprocessableEntity, "Give a reason"},
		{pending, "reject", url.Values{"reason": {strings.Repeat("x", 501)}}, http.StatusUnprocessableEntity, "too long"},
	} {
		before := count(t, env, `SELECT count(*) FROM outbox`) + count(t, env, `SELECT count(*) FROM audit_log`)
		old := statusOf(t, env, tc.id)
		res := cl.PostAdmin(regPath(tc.id)+"/"+tc.action, tc.form)
		problem := res.Doc().Find(`[data-testid=problem]`).Text()
		if res.StatusCode != tc.status || !strings.Contains(problem, tc.says) {
			t.Errorf("%s of %s registration: %d %q, want %d saying %q", tc.action, old, res.StatusCode, problem, tc.status, tc.says)
		}
		if st := statusOf(t, env, tc.id); st != old {
			t.Errorf("%s of %s registration changed it to %s", tc.action, old, st)
		}
		if after := count(t, env, `SELECT count(*) FROM outbox`) + count(t, env, `SELECT count(*) FROM audit_log`); after != before {
			t.Errorf("%s of %s registration wrote %d e-mails or audit lines", tc.action, old, after-before)
		}
		if tc.status == http.StatusUnprocessableEntity {
			doc := res.Doc()
			if doc.Find(`details[open] textarea#reason`).Length() != 1 || doc.Find(`#reason-error`).Length() != 1 {
				t.Errorf("reject without reason: the form is not open with its error")
			}
		}
	}
	// An unknown registration is a 404, for every action.
	for _, a := range append(registration.Actions, "head-of-delegation", "approve-letter", "edit") {
		if res := cl.PostAdmin(regPath(9999)+"/"+a, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s of an unknown registration: %d", a, res.StatusCode)
		}
	}
	for _, p := range []string{"/admin/registrations/9999", "/admin/registrations/abc", "/admin/registrations/-1", "/admin/registrations/9999/edit"} {
		if res := cl.Get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d", p, res.StatusCode)
		}
	}

	// Over capacity, when the organiser says so: confirmed, and the audit says it was over.
	res := cl.PostAdmin(regPath(waiting)+"/promote", url.Values{"over_capacity": {"yes"}})
	if res.StatusCode != http.StatusSeeOther || statusOf(t, env, waiting) != model.StatusConfirmed {
		t.Fatalf("promote over capacity: %d, %s", res.StatusCode, statusOf(t, env, waiting))
	}
	if e := lastAudit(t, env, waiting); e.Changes["over_capacity"][1] != "2 of 2 places were taken" {
		t.Errorf("the override is not audited: %v", e.Changes)
	}
	// Accrediting press needs no place even now.
	if res := cl.PostAdmin(regPath(press)+"/accredit", nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("accredit when full: %d", res.StatusCode)
	}
}

func TestDeskFreedPlaceGoesToTheWaitingList(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		action string
		form   url.Values
	}{
		{"cancel", nil},
		{"reject", url.Values{"reason": {"Duplicate registration."}}},
		{"waitlist", nil},
	} {
		t.Run(tc.action, func(t *testing.T) {
			t.Parallel()
			env := webtest.New(t)
			setConference(t, env, `capacity = 1`)
			ids := seed(t, env,
				person{First: "Ann", Last: "Place"},
				person{First: "Bob", Last: "First-Waiting", Status: model.StatusWaitlisted},
				person{First: "Cy", Last: "Second-Waiting", Status: model.StatusWaitlisted},
			)
			cl := env.Login(model.UserOrganiser)
			res := cl.PostAdmin(regPath(ids[0])+"/"+tc.action, tc.form)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("POST = %d\n%s", res.StatusCode, res.Body)
			}
			if st := statusOf(t, env, ids[1]); st != model.StatusConfirmed {
				t.Errorf("the first waiting was not promoted: %s", st)
			}
			if st := statusOf(t, env, ids[2]); st != model.StatusWaitlisted {
				t.Errorf("the second waiting is %s", st)
			}
			if kinds := mailKinds(t, env, ids[1]); !slices.Equal(kinds, []string{"promoted"}) {
				t.Errorf("the promoted person's e-mails: %v", kinds)
			}
			flash := mustGet(t, cl, regPath(ids[0])).Doc().Find(`[data-testid=flash]`).Text()
			if !strings.Contains(flash, "Bob First-Waiting") {
				t.Errorf("flash does not name who got the place: %q", flash)
			}
			if tc.action == "waitlist" {
				// Ann goes to the end of the queue, behind Cy.
				var pos int
				pos, _ = env.Store.WaitlistPosition(context.Background(), ids[0])
				if pos != 2 {
					t.Errorf("Ann is number %d on the list, want 2", pos)
				}
			}
		})
	}
	// Waitlisting someone when nobody else waits does not promote them straight back.
	env := webtest.New(t)
	setConference(t, env, `capacity = 1`)
	id := seed(t, env, person{})[0]
	cl := env.Login(model.UserOrganiser)
	if res := cl.PostAdmin(regPath(id)+"/waitlist", nil); res.StatusCode != http.StatusSeeOther || statusOf(t, env, id) != model.StatusWaitlisted {
		t.Errorf("waitlist alone: %d, %s", res.StatusCode, statusOf(t, env, id))
	}
}

func TestDeskBulkConfirm(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `capacity = 4, moderation = 1`)
	ids := seed(t, env,
		person{Last: "P1", Status: model.StatusPending},
		person{Last: "P2", Status: model.StatusPending},
		person{Last: "C1"},
		person{Last: "W1", Status: model.StatusWaitlisted},
		person{Last: "W2", Status: model.StatusWaitlisted},
		person{Last: "W3", Status: model.StatusWaitlisted},
		person{Last: "Press", Status: model.StatusPending, Category: model.CategoryPress, OrgType: "media"},
		person{Last: "Gone", Status: model.StatusCancelled},
	)
	cl := env.Login(model.UserOrganiser)
	form := url.Values{"return": {"status=pending&sort=bogus&q=x&evil=1"}}
	for _, id := range ids {
		form.Add("id", strconv.FormatInt(id, 10))
	}
	form.Add("id", "not-a-number")
	form.Add("id", "999999")
	res := cl.PostAdmin("/admin/registrations/bulk-confirm", form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/registrations?q=x&status=pending" {
		t.Fatalf("bulk confirm: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	// Places: 4. P1, P2, C1 hold three; W1, first in the queue, takes the last.
	want := map[string]string{"P1": "confirmed", "P2": "confirmed", "C1": "confirmed", "W1": "confirmed",
		"W2": "waitlisted", "W3": "waitlisted", "Press": "pending", "Gone": "cancelled"}
	for i, last := range []string{"P1", "P2", "C1", "W1", "W2", "W3", "Press", "Gone"} {
		if st := statusOf(t, env, ids[i]); st != want[last] {
			t.Errorf("%s is %s, want %s", last, st, want[last])
		}
	}
	flash := mustGet(t, cl, "/admin/registrations").Doc().Find(`[data-testid=flash]`).Text()
	for _, s := range []string{"Confirmed 3 registrations", "2 waitlisted registrations stay on the waiting list", "4 selected registrations were left"} {
		if !strings.Contains(flash, s) {
			t.Errorf("flash %q does not say %q", flash, s)
		}
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'confirm' AND actor = 'organiser@example.org'`); n != 3 {
		t.Errorf("%d audit lines for 3 confirmations", n)
	}
	// Over capacity when asked.
	form.Set("over_capacity", "yes")
	cl.PostAdmin("/admin/registrations/bulk-confirm", form)
	if statusOf(t, env, ids[4]) != model.StatusConfirmed || statusOf(t, env, ids[5]) != model.StatusConfirmed {
		t.Error("over capacity: W2 and W3 are not confirmed")
	}
	// Nothing ticked.
	res = cl.PostAdmin("/admin/registrations/bulk-confirm", url.Values{})
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(mustGet(t, cl, "/admin/registrations").Doc().Find(`[data-testid=flash]`).Text(), "tick the registrations") {
		t.Errorf("nothing ticked: %d", res.StatusCode)
	}
	// The list's form carries the checkboxes and the filter to come back to.
	doc := mustGet(t, cl, "/admin/registrations?status=confirmed").Doc()
	if doc.Find(`form[action="/admin/registrations/bulk-confirm"] input[type=checkbox][name=id]`).Length() != 6 {
		t.Error("no checkbox per row in the bulk form")
	}
	if v, _ := doc.Find(`input[name=return]`).Attr("value"); v != "status=confirmed" {
		t.Errorf("return %q", v)
	}
}

func TestDeskHeadOfDelegationAndLetter(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env,
		person{First: "Désirée", Last: "Piñeiro-Nguyễn", Visa: true},
		person{Last: "Waiting", Status: model.StatusWaitlisted, Visa: true},
		person{Last: "No letter"},
		person{Last: "Gone", Status: model.StatusRejected},
	)
	cl := env.Login(model.UserOrganiser)
	res := cl.PostAdmin(regPath(ids[0])+"/head-of-delegation", url.Values{"head": {"yes"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark head: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE id = ? AND head_of_delegation = 1`, ids[0]); n != 1 {
		t.Error("not marked")
	}
	if e := lastAudit(t, env, ids[0]); e.Action != "head_of_delegation" || e.Changes["head_of_delegation"] != [2]string{"no", "yes"} {
		t.Errorf("audit %+v", e)
	}
	if kinds := mailKinds(t, env, ids[0]); len(kinds) != 0 {
		t.Errorf("marking a head sent e-mail: %v", kinds)
	}
	page := mustGet(t, cl, regPath(ids[0])).Doc()
	if page.Find(`[data-testid=head]`).Length() != 1 || !strings.Contains(page.Find(`form[action$="/head-of-delegation"] button`).Text(), "Unmark") {
		t.Error("the page does not show the head and the unmark button")
	}
	if res := cl.PostAdmin(regPath(ids[0])+"/head-of-delegation", url.Values{"head": {"no"}}); res.StatusCode != http.StatusSeeOther ||
		count(t, env, `SELECT count(*) FROM registrations WHERE id = ? AND head_of_delegation = 0`, ids[0]) != 1 {
		t.Error("unmark failed")
	}
	if res := cl.PostAdmin(regPath(ids[3])+"/head-of-delegation", url.Values{"head": {"yes"}}); res.StatusCode != http.StatusConflict {
		t.Errorf("mark a rejected registration as head: %d", res.StatusCode)
	}
	if res := cl.PostAdmin(regPath(ids[0])+"/head-of-delegation", url.Values{"head": {"maybe"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("head=maybe: %d", res.StatusCode)
	}

	// Letters: only asked-for, only confirmed, only once.
	for _, tc := range []struct {
		id     int64
		status int
	}{{ids[1], http.StatusConflict}, {ids[2], http.StatusConflict}, {ids[0], http.StatusSeeOther}, {ids[0], http.StatusConflict}} {
		// The approve form carries the fingerprint of the details it shows.
		shown, _ := mustGet(t, cl, regPath(tc.id)).Doc().Find(`input[name=letter]`).Attr("value")
		if res := cl.PostAdmin(regPath(tc.id)+"/approve-letter", url.Values{"letter": {shown}}); res.StatusCode != tc.status {
			t.Errorf("approve letter of %d: %d, want %d", tc.id, res.StatusCode, tc.status)
		}
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE letter_approved_at IS NOT NULL`); n != 1 {
		t.Errorf("%d letters approved", n)
	}
	page = mustGet(t, cl, regPath(ids[0])).Doc()
	passport := page.Find(`[data-testid=passport]`).Text()
	// Organisers see the passport number in full, and who approved the letter.
	if !strings.Contains(passport, "TA1234567") || !strings.Contains(passport, "by organiser@example.org") {
		t.Errorf("passport section %q", passport)
	}
	if e := lastAudit(t, env, ids[0]); e.Action != "approve_letter" {
		t.Errorf("audit %+v", e)
	}
}

func TestDeskEdit(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `capacity = 2`)
	ids := seed(t, env,
		person{First: "Désirée", Last: "Piñeiro-Nguyễn", Email: "desiree@example.org", Visa: true},
		person{Last: "Taken", Email: "taken@example.org"},
		person{Last: "Journalist", Email: "press@example.org", Status: model.StatusPending, Category: model.CategoryPress, OrgType: "media"},
		person{Last: "Waiting", Status: model.StatusWaitlisted},
	)
	cl := env.Login(model.UserOrganiser)
	edit := mustGet(t, cl, regPath(ids[0])+"/edit")
	doc := edit.Doc()
	if v, _ := doc.Find(`input#first_name`).Attr("value"); v != "Désirée" {
		t.Errorf("first name %q", v)
	}
	if v, _ := doc.Find(`select#category option[selected]`).Attr("value"); v != "participant" {
		t.Errorf("category %q", v)
	}
	// Every input of the form has a label.
	doc.Find(`form.registration-form input:not([type=hidden]), form.registration-form select, form.registration-form textarea`).Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		if doc.Find(`label[for="`+id+`"]`).Length() == 0 {
			t.Errorf("input %q has no label", id)
		}
	})
	form := url.Values{}
	doc.Find(`form.registration-form input, form.registration-form textarea`).Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		typ, _ := s.Attr("type")
		switch {
		case name == "_csrf" || name == "":
		case typ == "checkbox":
			if _, on := s.Attr("checked"); on {
				form.Set(name, "yes")
			}
		case goquery.NodeName(s) == "textarea":
			form.Set(name, s.Text())
		default:
			v, _ := s.Attr("value")
			form.Set(name, v)
		}
	})
	doc.Find(`form.registration-form select`).Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		v, _ := s.Find("option[selected]").Attr("value")
		form.Set(name, v)
	})

	// Bad input: 422, the typed values kept, nothing stored.
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("email", "not an address")
	bad.Set("first_name", "Désirée Ana")
	res := cl.PostAdmin(regPath(ids[0])+"/edit", bad)
	if res.StatusCode != http.StatusUnprocessableEntity || res.Doc().Find(`#email-error`).Length() != 1 {
		t.Fatalf("bad e-mail: %d", res.StatusCode)
	}
	if v, _ := res.Doc().Find(`input#first_name`).Attr("value"); v != "Désirée Ana" {
		t.Errorf("typed value lost: %q", v)
	}
	bad.Set("email", "TAKEN@example.org ")
	if res := cl.PostAdmin(regPath(ids[0])+"/edit", bad); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Another registration already uses") {
		t.Errorf("taken e-mail: %d", res.StatusCode)
	}
	bad.Set("email", "desiree@example.org")
	bad.Set("category", "vip")
	if res := cl.PostAdmin(regPath(ids[0])+"/edit", bad); res.StatusCode != http.StatusUnprocessableEntity || res.Doc().Find(`#category-error`).Length() != 1 {
		t.Errorf("unknown category: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'update'`); n != 0 {
		t.Fatalf("a refused edit was stored")
	}

	// A good edit, with a new category.
	form.Set("first_name", "Désirée Ana")
	form.Set("category", "speaker")
	res = cl.PostAdmin(regPath(ids[0])+"/edit", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%s", res.StatusCode, res.Body)
	}
	e := lastAudit(t, env, ids[0])
	if e.Action != "update" || e.Actor != "organiser@example.org" || e.Changes["category"] != [2]string{"participant", "speaker"} ||
		e.Changes["first_name"] != [2]string{"Désirée", "Désirée Ana"} {
		t.Errorf("audit %+v", e)
	}
	if _, ok := e.Changes["passport_number"]; ok {
		t.Error("an unchanged passport number is in the audit line")
	}
	if kinds := mailKinds(t, env, ids[0]); !slices.Equal(kinds, []string{"updated"}) {
		t.Errorf("e-mails %v", kinds)
	}
	// Saving again without change says so. Each save names the version it
	// starts from (the form's hidden field; see edit_version_test.go).
	form.Set("version", strconv.FormatInt(versionOf(t, env, ids[0]), 10))
	cl.PostAdmin(regPath(ids[0])+"/edit", form)
	if flash := mustGet(t, cl, regPath(ids[0])).Doc().Find(`[data-testid=flash]`).Text(); flash != "Nothing was changed." {
		t.Errorf("flash %q", flash)
	}
	// A new passport number is audited as changed, without its value.
	form.Set("passport_number", "XB7654321")
	form.Set("version", strconv.FormatInt(versionOf(t, env, ids[0]), 10))
	cl.PostAdmin(regPath(ids[0])+"/edit", form)
	if e := lastAudit(t, env, ids[0]); e.Changes["passport_number"] != registration.Redacted {
		t.Errorf("passport change audited as %v", e.Changes["passport_number"])
	}

	// The journalist cannot become a participant while the conference is full (2 of 2).
	pf := url.Values{"first_name": {"Jo"}, "last_name": {"Journalist"}, "email": {"press@example.org"}, "country": {"TT"},
		"organisation": {"Trinidad Guardian"}, "org_type": {"media"}, "job_title": {"Reporter"}, "category": {"participant"},
		"version": {strconv.FormatInt(versionOf(t, env, ids[2]), 10)}}
	res = cl.PostAdmin(regPath(ids[2])+"/edit", pf)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Doc().Find(`#category-error`).Text(), "The conference is full") {
		t.Errorf("press to participant when full: %d", res.StatusCode)
	}
	// A participant who becomes press frees a place for the waiting list.
	pf = url.Values{"first_name": {"Taken"}, "last_name": {"Taken"}, "email": {"taken@example.org"}, "country": {"TT"},
		"organisation": {"Trinidad Express"}, "outlet": {"Trinidad Express"}, "media_type": {"print"}, "category": {"press"},
		"version": {strconv.FormatInt(versionOf(t, env, ids[1]), 10)}}
	if res := cl.PostAdmin(regPath(ids[1])+"/edit", pf); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("participant to press: %d\n%s", res.StatusCode, res.Body)
	}
	if st := statusOf(t, env, ids[3]); st != model.StatusConfirmed {
		t.Errorf("the waiting registration was not promoted: %s", st)
	}
	var orgType string
	env.DB.Read.QueryRow(`SELECT org_type FROM registrations WHERE id = ?`, ids[1]).Scan(&orgType)
	if orgType != "media" {
		t.Errorf("press org type %q", orgType)
	}
}

func TestDeskRegistrationPage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	loc := mustRegister(t, env, withVisa(validForm("desiree@example.org")))
	var id int64
	env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = 'desiree@example.org'`).Scan(&id)
	org := env.Login(model.UserOrganiser)
	// The participant edits their passport number: the history says so, without the number.
	f := withVisa(validForm("desiree@example.org"))
	f.Set("passport_number", "ZZ9876543")
	if res := env.Client().Submit(loc+"/edit", loc+"/edit", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("participant edit: %d", res.StatusCode)
	}
	doc := mustGet(t, org, regPath(id)).Doc()
	history := doc.Find(`[data-testid=history]`).Text()
	if !strings.Contains(history, "participant") || !strings.Contains(history, "Registered") || !strings.Contains(history, "(changed)") || strings.Contains(history, "543") {
		t.Errorf("history %q", history)
	}
	if strings.Contains(history, "ZZ9876543") || strings.Contains(history, "TA1234567") {
		t.Error("the history shows a passport number in full")
	}
	if !strings.Contains(doc.Find(`[data-testid=passport]`).Text(), "ZZ9876543") {
		t.Error("organisers do not see the passport number")
	}
	for _, s := range []string{"Désirée", "Piñeiro-Nguyễn", "Trinidad and Tobago", "Check-in code", "Counter-Trafficking Unit Lead"} {
		if !strings.Contains(doc.Find("main").Text(), s) {
			t.Errorf("the page does not show %q", s)
		}
	}
	if doc.Find(`[data-testid=messages] [data-testid=message-row]`).Length() != 2 {
		t.Errorf("%d e-mails shown, want 2 (confirmed, updated)", doc.Find(`[data-testid=message-row]`).Length())
	}
	// Confirmed: the actions are waitlist, reject and cancel, each a POST form with the token.
	for _, a := range []string{"waitlist", "reject", "cancel", "head-of-delegation", "approve-letter"} {
		if doc.Find(`form[method=post][action="`+regPath(id)+"/"+a+`"] input[name=_csrf]`).Length() != 1 {
			t.Errorf("no %s form", a)
		}
	}
	for _, a := range []string{"confirm", "promote", "accredit"} {
		if doc.Find(`form[action="`+regPath(id)+"/"+a+`"]`).Length() != 0 {
			t.Errorf("a %s form for a confirmed registration", a)
		}
	}
	// Without the form token, nothing happens.
	res := org.PostForm(regPath(id)+"/cancel", url.Values{})
	if res.StatusCode != http.StatusForbidden || statusOf(t, env, id) != model.StatusConfirmed {
		t.Errorf("cancel without CSRF: %d", res.StatusCode)
	}
}

func TestDelegations(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	seed(t, env,
		person{First: "Ana", Last: "Zeta", Country: "US", Org: "Department of State"},
		person{First: "Kim", Last: "Baptiste", Country: "TT"},
		person{First: "Désirée", Last: "Piñeiro-Nguyễn", Country: "TT", Head: true, Status: model.StatusPending},
		person{First: "Al", Last: "Abel", Country: "TT", Status: model.StatusWaitlisted},
		person{First: "Gone", Last: "Away", Country: "TT", Status: model.StatusCancelled},
		person{First: "No", Last: "Thanks", Country: "GY", Status: model.StatusRejected},
		person{First: "Marcus", Last: "Campbell", Country: "JM", Head: true},
		person{First: "Ben", Last: "Adams", Country: "BS", Org: "Royal Bahamas Police Force"},
	)
	cl := env.Login(model.UserOrganiser)
	doc := mustGet(t, cl, "/admin/delegations").Doc()
	var countries []string
	doc.Find(`[data-testid=delegation]`).Each(func(_ int, s *goquery.Selection) {
		c, _ := s.Attr("data-country")
		countries = append(countries, c)
	})
	if want := []string{"BS", "JM", "TT", "US"}; !slices.Equal(countries, want) {
		t.Errorf("countries %v, want %v (Caribbean first; cancelled and rejected left out)", countries, want)
	}
	tt := doc.Find(`[data-testid=delegation][data-country=TT]`)
	if strings.TrimSpace(tt.Find("h2").Text()) != "Trinidad and Tobago" || tt.Find(`[data-testid=total]`).Text() != "3" {
		t.Errorf("TT: %q, %q", tt.Find("h2").Text(), tt.Find(`[data-testid=total]`).Text())
	}
	counts := tt.Find(".delegation-counts").Text()
	for _, s := range []string{"1 Confirmed", "1 Pending", "1 Waitlisted"} {
		if !strings.Contains(counts, s) {
			t.Errorf("TT counts %q lack %q", counts, s)
		}
	}
	if heads := tt.Find(`[data-testid=heads]`).Text(); !strings.Contains(heads, "Désirée Piñeiro-Nguyễn") {
		t.Errorf("TT heads %q", heads)
	}
	var members []string
	tt.Find(`[data-testid=member] a`).Each(func(_ int, s *goquery.Selection) { members = append(members, s.Text()) })
	if want := []string{"Désirée Piñeiro-Nguyễn", "Al Abel", "Kim Baptiste"}; !slices.Equal(members, want) {
		t.Errorf("TT members %v, want %v", members, want)
	}
	if !strings.Contains(doc.Find(`[data-testid=delegation][data-country=US] [data-testid=heads]`).Text(), "No head of delegation") {
		t.Error("a delegation without a head does not say so")
	}

	doc = mustGet(t, cl, "/admin/delegations?by=organisation").Doc()
	var names []string
	doc.Find(`[data-testid=delegation] h2`).Each(func(_ int, s *goquery.Selection) { names = append(names, strings.Join(strings.Fields(s.Text()), " ")) })
	want := []string{"Department of State United States", "Ministry of National Security Jamaica",
		"Ministry of National Security Trinidad and Tobago", "Royal Bahamas Police Force Bahamas"}
	if !slices.Equal(names, want) {
		t.Errorf("institutions %v, want %v", names, want)
	}
	if v, _ := doc.Find(`.group-switch a[aria-current=page]`).Attr("href"); v != "/admin/delegations?by=organisation" {
		t.Errorf("the switch marks %q", v)
	}
	// An unknown grouping is by country.
	if mustGet(t, cl, "/admin/delegations?by=%27;DROP").Doc().Find(`[data-testid=delegation]`).Length() != 4 {
		t.Error("by=junk is not by country")
	}
	empty := webtest.New(t)
	if mustGet(t, empty.Login(model.UserOrganiser), "/admin/delegations").Doc().Find(`[data-testid=empty]`).Length() != 1 {
		t.Error("no empty state")
	}
}

func TestRegistrationsCSV(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	created := time.Date(2027, 1, 10, 14, 30, 0, 0, time.UTC)
	ids := seed(t, env,
		person{First: "Désirée", Last: "Piñeiro-Nguyễn", Email: "desiree@example.org", Country: "TT", Head: true, Created: created},
		person{First: "Łukasz", Last: "Żółć", Email: "lukasz@example.org", Country: "PL", Org: "Straż Graniczna", Created: created.Add(time.Hour)},
		person{First: `=HYPERLINK("http://evil.example","Click")`, Last: "+1", Email: "evil@example.org", Org: "-2", JobTitle: "@SUM(A1:A9)", Created: created.Add(2 * time.Hour)},
		person{First: "Tab", Last: "\tStart", Email: "tab@example.org", Org: "\r=1+1", Created: created.Add(3 * time.Hour)},
		person{First: "Waiting", Last: "Person", Email: "wait@example.org", Status: model.StatusWaitlisted, Created: created.Add(4 * time.Hour)},
	)
	cl := env.Login(model.UserOrganiser)
	res := cl.Get("/admin/registrations.csv?sort=created&page=7")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET csv = %d", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="registrations-2027-01-15.csv"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if !strings.HasPrefix(res.Body, "\uFEFF") {
		t.Fatalf("no byte-order mark: %q", res.Body[:10])
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := "reference,status,category,first_name,last_name,email,country,country_name,organisation,org_type,job_title,head_of_delegation,created_at," +
		"dietary,accessibility,visa_letter,language,sponsored,arrival,departure,checked_in"
	if strings.Join(recs[0], ",") != header {
		t.Errorf("header %q", strings.Join(recs[0], ","))
	}
	if len(recs) != 6 {
		t.Fatalf("%d rows, want the header and 5 (every page)", len(recs))
	}
	d := recs[1]
	if d[0] != referenceOf(t, env, ids[0]) || d[1] != "confirmed" || d[2] != "participant" || d[3] != "Désirée" || d[4] != "Piñeiro-Nguyễn" ||
		d[6] != "TT" || d[7] != "Trinidad and Tobago" || d[11] != "yes" || d[12] != "2027-01-10T09:30:00-05:00" {
		t.Errorf("first row %q", d)
	}
	if recs[2][3] != "Łukasz" || recs[2][4] != "Żółć" || recs[2][8] != "Straż Graniczna" || recs[2][7] != "Poland" || recs[2][11] != "no" {
		t.Errorf("second row %q", recs[2])
	}
	evil := recs[3]
	if evil[3] != `'=HYPERLINK("http://evil.example","Click")` || evil[4] != "'+1" || evil[8] != "'-2" || evil[10] != "'@SUM(A1:A9)" {
		t.Errorf("formulas not neutralised: %q", evil)
	}
	if recs[4][4] != "'\tStart" || !strings.HasPrefix(recs[4][8], "'") {
		t.Errorf("tab and carriage return not neutralised: %q", recs[4])
	}
	for _, rec := range recs {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q starts with a formula character", cell)
			}
		}
	}

	// The filters of the list apply.
	res = cl.Get("/admin/registrations.csv?status=waitlisted")
	recs, _ = csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\uFEFF"))).ReadAll()
	if len(recs) != 2 || recs[1][5] != "wait@example.org" {
		t.Errorf("status filter: %q", recs)
	}
	res = cl.Get("/admin/registrations.csv?q=" + url.QueryEscape("żółć") + "&country=PL")
	recs, _ = csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\uFEFF"))).ReadAll()
	if len(recs) != 2 || recs[1][5] != "lukasz@example.org" {
		t.Errorf("search and country: %q", recs)
	}
	res = cl.Get("/admin/registrations.csv?country=JM")
	if recs, _ = csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\uFEFF"))).ReadAll(); len(recs) != 1 {
		t.Errorf("no match: %d rows, want the header alone", len(recs))
	}
}

func TestRegistrationsCSVHasEveryPage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	hundredTwenty(t, env)
	res := env.Login(model.UserOrganiser).Get("/admin/registrations.csv?page=2")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\uFEFF"))).ReadAll()
	if err != nil || len(recs) != 121 {
		t.Errorf("%d rows (%v), want 121", len(recs), err)
	}
}

func TestOutbox(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	for i := range 55 {
		mustRegister(t, env, validForm(fmt.Sprintf("p%02d@example.org", i)))
	}
	var failed, sent int64
	env.DB.Read.QueryRow(`SELECT min(id) FROM outbox`).Scan(&failed)
	env.DB.Read.QueryRow(`SELECT max(id) FROM outbox`).Scan(&sent)
	if _, err := env.DB.Write.Exec(`UPDATE outbox SET state = 'failed', attempts = 12, last_error = '550 mailbox unavailable' WHERE id = ?`, failed); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.Write.Exec(`UPDATE outbox SET state = 'sent', attempts = 1, sent_at = created_at WHERE id = ?`, sent); err != nil {
		t.Fatal(err)
	}
	cl := env.Login(model.UserOrganiser)
	doc := mustGet(t, cl, "/admin/outbox").Doc()
	if !strings.Contains(doc.Find(`[data-testid=smtp-note]`).Text(), "E-mail is not being sent: set CONFDESK_SMTP_URL") {
		t.Error("no note that SMTP is not configured")
	}
	if got := doc.Find(`[data-testid=showing]`).Text(); got != "Showing 1–50 of 55" {
		t.Errorf("outbox page 1: %q", got)
	}
	// Newest first: the sent one leads, without a retry button.
	first := doc.Find(`[data-testid=message-row]`).First()
	if st, _ := first.Attr("data-state"); st != "sent" || first.Find("form").Length() != 0 {
		t.Errorf("first row %q, with %d forms", st, first.Find("form").Length())
	}
	page2 := mustGet(t, cl, "/admin/outbox?page=2").Doc()
	last := page2.Find(`[data-testid=message-row]`).Last()
	if st, _ := last.Attr("data-state"); st != "failed" || !strings.Contains(last.Text(), "550 mailbox unavailable") || !strings.Contains(last.Find("button").Text(), "Retry") {
		t.Errorf("last row: %q %q", st, last.Text())
	}
	if got := mustGet(t, cl, "/admin/outbox?state=failed").Doc().Find(`[data-testid=message-row]`).Length(); got != 1 {
		t.Errorf("state=failed: %d rows", got)
	}
	if mustGet(t, cl, "/admin/outbox?state=bogus").Doc().Find(`[data-testid=message-row]`).Length() != 50 {
		t.Error("an unknown state does not show everything")
	}

	// The message's page shows its text.
	msg := mustGet(t, cl, fmt.Sprintf("/admin/outbox/%d", failed)).Doc()
	if body := msg.Find(`[data-testid=body]`).Text(); !strings.Contains(body, "Dear Désirée Piñeiro-Nguyễn") {
		t.Errorf("body %q", body)
	}

	// Retry: queued again, due now, audited.
	env.Clock.Advance(time.Hour)
	res := cl.PostAdmin(fmt.Sprintf("/admin/outbox/%d/retry", failed), url.Values{"return": {"/admin/outbox?page=2"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/outbox?page=2" {
		t.Fatalf("retry: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	m, err := env.Store.OutboxMessage(context.Background(), failed)
	if err != nil || m.State != model.MailQueued || !m.NextAttemptAt.Equal(env.Clock.Now()) {
		t.Errorf("after retry: %+v, %v", m.State, err)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'retry_mail' AND entity = 'outbox' AND entity_id = ? AND actor = 'organiser@example.org'`, failed); n != 1 {
		t.Error("the retry is not audited")
	}
	if flash := mustGet(t, cl, "/admin/outbox?page=2").Doc().Find(`[data-testid=flash]`).Text(); !strings.Contains(flash, "queued again") {
		t.Errorf("flash %q", flash)
	}
	// A sent message cannot be retried; an unknown one is not found; the return path stays local.
	if res := cl.PostAdmin(fmt.Sprintf("/admin/outbox/%d/retry", sent), nil); res.StatusCode != http.StatusConflict {
		t.Errorf("retry of a sent message: %d", res.StatusCode)
	}
	if res := cl.PostAdmin("/admin/outbox/999999/retry", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("retry of an unknown message: %d", res.StatusCode)
	}
	res = cl.PostAdmin(fmt.Sprintf("/admin/outbox/%d/retry", failed), url.Values{"return": {"//evil.example/admin/outbox"}})
	if loc := res.Header.Get("Location"); loc != fmt.Sprintf("/admin/outbox/%d", failed) {
		t.Errorf("return to %q", loc)
	}

	// With SMTP configured the note is gone.
	withSMTP := webtest.New(t, webtest.WithConfig(func(c *config.Config) { c.SMTPURL = "smtp://mail.example.org:587" }))
	doc = mustGet(t, withSMTP.Login(model.UserOrganiser), "/admin/outbox").Doc()
	if doc.Find(`[data-testid=smtp-note]`).Length() != 0 {
		t.Error("the SMTP note shows with SMTP configured")
	}
	if doc.Find(`[data-testid=empty]`).Length() != 1 {
		t.Error("no empty state")
	}
}

// BenchmarkDeskSearch2000 is the registrations desk over 2,000 people: the
// first page unfiltered, and a two-word search that folds every row
// (case and accents ignored) — the cost of the search is their difference.
func BenchmarkDeskSearch2000(b *testing.B) {
	env := webtest.New(b)
	insertAttendees(b, env, manyParticipants(2000))
	cookie := env.Login(model.UserOrganiser).Cookie("confdesk_session")
	for _, bc := range []struct{ name, query string }{
		{"all", ""},
		{"search", "?q=" + url.QueryEscape("ministry NGUYEN")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, "/admin/registrations"+bc.query, nil)
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

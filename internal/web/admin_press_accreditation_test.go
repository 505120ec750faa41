package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// accreditationPath is the press officers' action path for registration id.
func accreditationPath(id int64, action string) string {
	return "/admin/press/accreditations/" + strconv.FormatInt(id, 10) + "/" + action
}

// Press officers see the press registrations with outlet, media type and
// press card, accredit one and refuse another with a reason: each is
// audited and e-mailed. A refusal without a reason keeps the page and the
// typed values, changes nothing; a delegate cannot be touched from here.
func TestPressAccreditations(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := seed(t, env,
		person{First: "Ana", Last: "Reportera", Category: model.CategoryPress, Status: model.StatusPending, OrgType: "media"},
		person{First: "Jean", Last: "Journaliste", Category: model.CategoryPress, Status: model.StatusPending, OrgType: "media"},
		person{First: "Dele", Last: "Gate", Category: model.CategoryParticipant, Status: model.StatusPending},
	)
	ana, jean, delegate := ids[0], ids[1], ids[2]
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET outlet = 'Jamaica Gleaner', media_type = 'print', press_card = 'JG-2041' WHERE id = ?`, ana); err != nil {
		t.Fatal(err)
	}
	cl := env.Login(model.UserPressOfficer)

	page := cl.Get("/admin/press/accreditations")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("list: %d", page.StatusCode)
	}
	rows := page.Doc().Find(`[data-testid=accreditations] tbody tr`)
	if rows.Length() != 2 {
		t.Fatalf("%d rows, want the 2 press registrations", rows.Length())
	}
	text := strings.Join(strings.Fields(rows.Text()), " ")
	for _, want := range []string{"Ana Reportera", "Jamaica Gleaner", "Newspaper or magazine", "JG-2041", "Pending", "Jean Journaliste"} {
		if !strings.Contains(text, want) {
			t.Errorf("the list lacks %q: %s", want, text)
		}
	}
	if strings.Contains(text, "Dele Gate") {
		t.Error("a delegate is listed among the press")
	}

	// Accredit Ana.
	res := cl.PostAdmin(accreditationPath(ana, "accredit"), nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/press/accreditations" {
		t.Fatalf("accredit: %d to %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	if st := statusOf(t, env, ana); st != model.StatusConfirmed {
		t.Errorf("Ana is %q", st)
	}
	if kinds := mailKinds(t, env, ana); !slices.Equal(kinds, []string{"accredited"}) {
		t.Errorf("Ana's e-mails %v", kinds)
	}
	if a := lastAudit(t, env, ana); a.Action != "accredit" || a.Actor != "press_officer@example.org" || a.UserID == 0 {
		t.Errorf("audit %+v", a)
	}
	if flash := cl.Get("/admin/press/accreditations").Doc().Find(`[data-testid=flash]`).Text(); !strings.Contains(flash, "Ana Reportera is accredited") {
		t.Errorf("flash %q", flash)
	}

	// Refusing without a reason: 422, nothing changes, the field says why.
	res = cl.PostAdmin(accreditationPath(jean, "refuse"), url.Values{"reason": {"  "}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("refuse without reason: %d", res.StatusCode)
	}
	if msg := res.Doc().Find("#reason-" + strconv.FormatInt(jean, 10) + "-error").Text(); !strings.Contains(msg, "Give a reason") {
		t.Errorf("reason error %q", msg)
	}
	if st := statusOf(t, env, jean); st != model.StatusPending || len(mailKinds(t, env, jean)) != 0 {
		t.Errorf("a refused refusal changed Jean: %q %v", st, mailKinds(t, env, jean))
	}
	// With a reason: rejected, told why.
	const reason = "We accredit working journalists with a press card only."
	res = cl.PostAdmin(accreditationPath(jean, "refuse"), url.Values{"reason": {reason}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("refuse: %d\n%s", res.StatusCode, res.Body)
	}
	var body string
	env.DB.Read.QueryRow(`SELECT body_text FROM outbox WHERE registration_id = ?`, jean).Scan(&body)
	if st := statusOf(t, env, jean); st != model.StatusRejected || !strings.Contains(strings.Join(strings.Fields(body), " "), reason) {
		t.Errorf("Jean is %q; e-mail %q", st, body)
	}
	if a := lastAudit(t, env, jean); a.Action != "reject" || a.Changes["status"] != [2]string{"pending", "rejected"} {
		t.Errorf("audit %+v", a)
	}

	// A delegate is not the press officers' to decide.
	if res := cl.PostAdmin(accreditationPath(delegate, "refuse"), url.Values{"reason": {"No."}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("refusing a delegate: %d", res.StatusCode)
	}
	if st := statusOf(t, env, delegate); st != model.StatusPending {
		t.Errorf("the delegate is %q", st)
	}

	// The way there: the press room's overview and the dashboard link to it.
	if n := cl.Get("/admin/press").Doc().Find(`a[href="/admin/press/accreditations"]`).Length(); n == 0 {
		t.Error("the press room does not link to the accreditation requests")
	}
	org := env.Login(model.UserOrganiser)
	if n := org.Get("/admin").Doc().Find(`a[href="/admin/press/accreditations"]`).Length(); n == 0 {
		t.Error("the dashboard does not link to the accreditation requests")
	}
	if res := env.Login(model.UserCheckin).Get("/admin/press/accreditations"); res.StatusCode != http.StatusForbidden {
		t.Errorf("check-in staff: %d", res.StatusCode)
	}
}

package web_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/registration"
	"confdesk/internal/report"
	"confdesk/internal/webtest"
)

// erasable is a person with a value in every personal field, each easy to find.
func erasable() url.Values {
	f := withVisa(validForm("zephyrine.q@example.org"))
	f.Set("first_name", "Zephyrine")
	f.Set("last_name", "Quillfeather")
	f.Set("badge_name", "Zephy")
	f.Set("phone", "+1 868 555 7788")
	f.Set("organisation", "Quillbureau of Inquiry")
	f.Set("job_title", "Chief Quillinspector")
	f.Set("dietary", "Quillvegan")
	f.Set("accessibility", "Quillramp")
	f.Set("passport_name", "ZEPHYRINE QUILLFEATHER")
	f.Set("passport_number", "QZ7788990")
	f.Set("list_consent", "yes")
	return f
}

// personal are the values erasure must leave nowhere.
var personal = []string{"Zephyrine", "Quillfeather", "QUILLFEATHER", "zephyrine.q", "555 7788", "Quillbureau",
	"Quillinspector", "Quillvegan", "Quillramp", "QZ7788990", "Zephy", "1981-04-23", "23 April 1981"}

func leaks(where, text string) []string {
	var out []string
	for _, v := range personal {
		if strings.Contains(text, v) {
			out = append(out, where+" holds "+v)
		}
	}
	return out
}

// TestEraseOnePerson: an admin erases a checked-in, confirmed person with
// a letter and a history; the report totals stay, and no personal value is
// left in any page, CSV, PDF, audit entry, message or the registration's row.
func TestEraseOnePerson(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	loc := mustRegister(t, env, erasable())
	mustRegister(t, env, validForm("other@example.org"))
	approveLetter(t, env, "zephyrine.q@example.org")
	// A change the audit log records with its values.
	edit := erasable()
	edit.Set("job_title", "Chief Quillinspector General")
	if res := env.Client().Submit(loc+"/edit", loc+"/edit", edit); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	r := stored(t, env, "zephyrine.q@example.org")
	if res := scan(t, env.Login(model.UserCheckin), r.CheckinCode, 0); state(res) != "checked-in" {
		t.Fatalf("check-in: %s", state(res))
	}
	adm := env.Login(model.UserAdmin)
	// Every report's figures, but the lines per delegation: a delegation
	// is an organisation, and the organisation is erased (the erased
	// person counts under registration.ErasedOrganisation, so the lines still add up).
	reports := func() map[string]string {
		out := map[string]string{}
		for _, k := range report.Kinds {
			if k.Slug == "participants" { // a list of names, not totals
				continue
			}
			var keep []string
			for _, l := range strings.Split(mustGet(t, adm, "/admin/reports/"+k.Slug+".csv").Body, "\n") {
				if !strings.HasPrefix(l, "delegation,") {
					keep = append(keep, l)
				}
			}
			out[k.Slug] = strings.Join(keep, "\n")
		}
		return out
	}
	before := reports()
	if !strings.Contains(mustGet(t, adm, "/admin/reports/participants.csv").Body, "Quillfeather") {
		t.Fatal("the person is not on the list of participants before erasure")
	}
	detail := fmt.Sprintf("/admin/registrations/%d", r.ID)

	// Organisers may not erase; a wrong reference erases nothing.
	org := env.Login(model.UserOrganiser)
	if strings.Contains(mustGet(t, org, detail).Body, `action="`+detail+`/erase"`) {
		t.Error("an organiser is offered the erasure form")
	}
	if res := org.PostAdmin(detail+"/erase", url.Values{"confirm": {r.Reference}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("organiser's erasure: %d", res.StatusCode)
	}
	res := adm.PostAdmin(detail+"/erase", url.Values{"confirm": {"XXXX"}})
	if res.StatusCode != http.StatusUnprocessableEntity || res.Doc().Find("#confirm-error").Text() == "" {
		t.Fatalf("wrong reference: %d", res.StatusCode)
	}
	if v, _ := res.Doc().Find("#confirm").Attr("value"); v != "XXXX" {
		t.Errorf("the typed confirmation came back as %q", v)
	}
	if now := stored(t, env, "zephyrine.q@example.org"); !now.ErasedAt.IsZero() {
		t.Fatal("erased on a wrong reference")
	}
	if res := adm.PostAdmin(detail+"/erase", url.Values{"confirm": {" " + strings.ToLower(r.Reference)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("erasure: %d", res.StatusCode)
	}

	after := reports()
	if csv := mustGet(t, adm, "/admin/reports/registrations.csv").Body; !strings.Contains(csv, registration.ErasedOrganisation) {
		t.Errorf("the erased person's delegation line is not labelled %q:\n%s", registration.ErasedOrganisation, csv)
	}
	for k, b := range before {
		if after[k] != b {
			t.Errorf("report %s changed:\n%s\n---\n%s", k, b, after[k])
		}
	}
	var problems []string
	for _, p := range []string{detail, "/admin/registrations", "/admin/registrations.csv", "/admin", "/admin/outbox",
		"/admin/delegations", "/admin/reports/participants.csv"} {
		problems = append(problems, leaks(p, mustGet(t, adm, p).Body)...)
	}
	for _, k := range report.Kinds {
		problems = append(problems, leaks(k.Slug+".pdf", pdftest.Text(t, []byte(mustGet(t, adm, "/admin/reports/"+k.Slug+".pdf").Body)))...)
	}
	problems = append(problems, leaks("badge.pdf", pdftest.Text(t, []byte(mustGet(t, adm, detail+"/badge.pdf").Body)))...)
	if res := adm.Get(detail + "/letter.pdf"); res.StatusCode != http.StatusGone || !strings.Contains(res.Body, "erased") {
		t.Errorf("the erased person's letter: %d", res.StatusCode)
	}
	// Every column of the registration's row, every audit entry and message.
	problems = append(problems, leaks("registrations row", rowText(t, env, `SELECT * FROM registrations WHERE id = ?`, r.ID))...)
	problems = append(problems, leaks("audit_log", rowText(t, env, `SELECT * FROM audit_log`))...)
	problems = append(problems, leaks("outbox", rowText(t, env, `SELECT * FROM outbox`))...)
	problems = append(problems, leaks("email_tokens", rowText(t, env, `SELECT * FROM email_tokens`))...)
	for _, p := range problems {
		t.Error(p)
	}
	if n := count(t, env, `SELECT count(*) FROM outbox WHERE registration_id = ?`, r.ID); n != 0 {
		t.Errorf("%d messages to the person kept", n)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE entity = 'registration' AND entity_id = ? AND action = 'erase'`, r.ID); n != 1 {
		t.Errorf("%d audit entries for the erasure", n)
	}
	// Nor in the file's free space: the old values are overwritten, not
	// only unlinked (secure_delete), once the log is checkpointed.
	if _, err := env.DB.Write.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{env.Config.DBPath, env.Config.DBPath + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, p := range leaks(filepath.Base(f)+" (raw bytes)", string(b)) {
			t.Error(p)
		}
	}
	// Their link opens nothing any more.
	if res := env.Get(loc); res.StatusCode != http.StatusNotFound {
		t.Errorf("self-service link after erasure: %d", res.StatusCode)
	}
	// The other person is untouched.
	if other := stored(t, env, "other@example.org"); other.FirstName != "Désirée" || !other.ErasedAt.IsZero() {
		t.Errorf("the other registration: %+v", other)
	}
}

// stored reads the registration of email, changing nothing.
func stored(t *testing.T, env *webtest.Env, email string) model.Registration {
	t.Helper()
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = ?`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	r, err := env.Store.Registration(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// rowText is every value of every row query returns, joined.
func rowText(t *testing.T, env *webtest.Env, query string, args ...any) string {
	t.Helper()
	rows, err := env.DB.Read.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]sql.RawBytes, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			b.Write(v)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TestErasureRequestOnCancel: a person who cancels may ask for erasure;
// the dashboard lists the request until an admin erases.
func TestErasureRequestOnCancel(t *testing.T) {
	env := webtest.New(t)
	loc := mustRegister(t, env, erasable())
	keep := mustRegister(t, env, validForm("keep@example.org"))
	if res := env.Client().Submit(loc+"/cancel", loc+"/cancel", url.Values{"erase": {"yes"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel with erasure: %d", res.StatusCode)
	}
	if res := env.Client().Submit(keep+"/cancel", keep+"/cancel", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("plain cancel: %d", res.StatusCode)
	}
	adm := env.Login(model.UserAdmin)
	list := mustGet(t, adm, "/admin").Doc().Find(`[data-testid=erasure-requests]`).Text()
	if !strings.Contains(list, "Zephyrine Quillfeather") || strings.Contains(list, "Désirée") {
		t.Fatalf("dashboard's erasure requests: %q", list)
	}
	r := stored(t, env, "zephyrine.q@example.org")
	if r.Status != model.StatusCancelled {
		t.Errorf("status %s", r.Status)
	}
	if res := adm.PostAdmin(fmt.Sprintf("/admin/registrations/%d/erase", r.ID), url.Values{"confirm": {r.Reference}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("erasure: %d", res.StatusCode)
	}
	if n := mustGet(t, adm, "/admin").Doc().Find(`[data-testid=erasure-requests]`).Length(); n != 0 {
		t.Error("the request is still listed after erasure")
	}
}

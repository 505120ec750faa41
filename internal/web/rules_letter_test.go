package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// approveForm is the organiser's "approve the letter" form as shown on the
// registration's page now.
func approveForm(t *testing.T, org *webtest.Client, id int64) url.Values {
	t.Helper()
	return webtest.FormValues(t, mustGet(t, org, regPath(id)), regPath(id)+"/approve-letter")
}

// letterStatus fetches the participant's and the organiser's letter.pdf.
func letterStatus(t *testing.T, env *webtest.Env, org *webtest.Client, base string, id int64) (own, desk *webtest.Response) {
	t.Helper()
	return env.Get(base + "/letter.pdf"), org.Get(regPath(id) + "/letter.pdf")
}

// TestLetterWithdrawnOnChangeAndWithThePlace: any change
// to what the letter prints withdraws its approval, whoever makes it, and
// the letter exists only while the registration is confirmed.
func TestLetterWithdrawnOnChangeAndWithThePlace(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	base := mustRegister(t, env, withVisa(validForm("visa@example.org")))
	id := idOf(t, env, "visa@example.org")
	org := env.Login(model.UserOrganiser)
	approve := func() {
		t.Helper()
		if res := org.PostForm(regPath(id)+"/approve-letter", approveForm(t, org, id)); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d\n%s", res.StatusCode, res.Doc().Find(`[data-testid=problem]`).Text())
		}
		if own, desk := letterStatus(t, env, org, base, id); own.StatusCode != http.StatusOK || desk.StatusCode != http.StatusOK {
			t.Fatalf("approved letter: %d / %d", own.StatusCode, desk.StatusCode)
		}
	}
	withdrawn := func(what string) {
		t.Helper()
		if n := count(t, env, `SELECT count(*) FROM registrations WHERE id = ? AND letter_approved_at IS NULL`, id); n != 1 {
			t.Errorf("%s: the approval stands", what)
		}
		own, desk := letterStatus(t, env, org, base, id)
		for _, res := range []*webtest.Response{own, desk} {
			if res.StatusCode == http.StatusOK || strings.HasPrefix(res.Body, "%PDF") {
				t.Errorf("%s: letter.pdf answers %d with a PDF", what, res.StatusCode)
			}
		}
	}

	// The participant changes organisation and job title.
	approve()
	cl := env.Client()
	f := webtest.FormValues(t, cl.Get(base+"/edit"), base+"/edit")
	f.Set("passport_number", "TA1234567")
	f.Set("organisation", "Acme Recruitment Agency Ltd")
	f.Set("job_title", "Recruiter")
	if res := cl.PostForm(base+"/edit", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("participant's edit: %d", res.StatusCode)
	}
	withdrawn("organisation and job title changed by the participant")
	if !strings.Contains(env.Get(base).Body, "once the organisers have approved") {
		t.Error("the participant's page does not say the letter awaits a new approval")
	}

	// The organiser changes the job title.
	approve()
	edit := webtest.FormValues(t, org.Get(regPath(id)+"/edit"), regPath(id)+"/edit")
	edit.Set("job_title", "Senior Recruiter")
	if res := org.PostForm(regPath(id)+"/edit", edit); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("organiser's edit: %d\n%s", res.StatusCode, res.Body)
	}
	withdrawn("job title changed by an organiser")
	if e := lastAudit(t, env, id); e.Changes["letter_approved"][1] == "" || !strings.HasPrefix(e.Changes["letter_approved"][1], "no") {
		t.Errorf("the withdrawal is not in the history: %+v", e.Changes)
	}

	// A change the letter does not print keeps the approval.
	approve()
	f = webtest.FormValues(t, cl.Get(base+"/edit"), base+"/edit")
	f.Set("passport_number", "TA1234567")
	f.Set("dietary", "Vegetarian")
	if res := cl.PostForm(base+"/edit", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("dietary edit: %d", res.StatusCode)
	}
	if own, _ := letterStatus(t, env, org, base, id); own.StatusCode != http.StatusOK {
		t.Errorf("a dietary change withdrew the letter: %d", own.StatusCode)
	}

	// Moved to the waiting list: no letter, and a page that says why.
	if res := org.PostAdmin(regPath(id)+"/waitlist", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("waitlist: %d", res.StatusCode)
	}
	withdrawn("moved to the waiting list")
	own, _ := letterStatus(t, env, org, base, id)
	if !strings.Contains(own.Body, "confirmed") {
		t.Errorf("the refusal does not explain itself: %s", own.Doc().Find("main").Text())
	}
}

// TestLetterApprovalOfDetailsNobodySaw (in sequence): the
// organiser opens the page, the participant then changes the passport
// number; the approval of what the page showed is refused, and approving
// the reloaded page works.
func TestLetterApprovalOfDetailsNobodySaw(t *testing.T) {
	env := webtest.New(t)
	base := mustRegister(t, env, withVisa(validForm("visa@example.org")))
	id := idOf(t, env, "visa@example.org")
	org := env.Login(model.UserOrganiser)
	seen := approveForm(t, org, id)

	cl := env.Client()
	f := webtest.FormValues(t, cl.Get(base+"/edit"), base+"/edit")
	f.Set("passport_number", "TB7654321")
	if res := cl.PostForm(base+"/edit", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	res := org.PostForm(regPath(id)+"/approve-letter", seen)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("approval of details changed since the page was shown: %d, want 409", res.StatusCode)
	}
	if msg := res.Doc().Find(`[data-testid=problem]`).Text(); !strings.Contains(msg, "changed") {
		t.Errorf("refusal %q does not say the details changed", msg)
	}
	if !strings.Contains(res.Doc().Find(`[data-testid=passport]`).Text(), "TB7654321") {
		t.Error("the refusal does not show the current passport number")
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE letter_approved_at IS NOT NULL`); n != 0 {
		t.Fatal("the unseen passport number was approved")
	}
	if res := org.PostForm(regPath(id)+"/approve-letter", approveForm(t, org, id)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approval of the reloaded page: %d", res.StatusCode)
	}
	if !strings.Contains(env.Get(base+"/letter.pdf").Header.Get("Content-Type"), "pdf") {
		t.Error("no letter after approving what was shown")
	}
}

// TestLetterApprovalRacesPassportEdit (as a race): fifteen
// organisers approve while their participants change the passport number,
// three times over. No letter ends approved for a number the approving
// organiser did not see.
func TestLetterApprovalRacesPassportEdit(t *testing.T) {
	t.Parallel()
	const rounds, n = 3, 15
	env := webtest.New(t)
	for round := range rounds {
		var fns []func()
		ids := make([]int64, n)
		for i := range n {
			email := fmt.Sprintf("visa-%d-%02d@example.org", round, i)
			base := mustRegister(t, env, withVisa(validForm(email)))
			ids[i] = idOf(t, env, email)
			org := loginAs(t, env, model.UserOrganiser, fmt.Sprintf("org-%d-%02d@example.org", round, i))
			approve := approveForm(t, org, ids[i])
			cl := env.Client()
			edit := webtest.FormValues(t, cl.Get(base+"/edit"), base+"/edit")
			edit.Set("passport_number", "TB7654321")
			fns = append(fns,
				func() {
					if res := org.PostForm(regPath(ids[i])+"/approve-letter", approve); res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusConflict {
						t.Errorf("approve: %d", res.StatusCode)
					}
				},
				func() {
					// 409: the approval committed first and the form loaded
					// before it is stale; nothing changed.
					if res := cl.PostForm(base+"/edit", edit); res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusConflict {
						t.Errorf("edit: %d", res.StatusCode)
					}
				})
		}
		together(fns...)
		bad := 0
		for _, id := range ids {
			bad += count(t, env, `SELECT count(*) FROM registrations WHERE id = ? AND letter_approved_at IS NOT NULL AND passport_number = 'TB7654321'`, id)
		}
		if bad > 0 {
			t.Fatalf("round %d: %d of %d letters approved for a passport number no organiser saw", round, bad, n)
		}
	}
}

package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"confdesk/internal/config"
	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// Focal points, the nomination page and nominees registering (issue 16),
// through the real app.

var (
	nominateLinkRe = regexp.MustCompile(`https?://[^/\s]+(/nominate/[A-Za-z0-9_-]{43})`)
	nomineeLinkRe  = regexp.MustCompile(`https?://[^/\s]+(/nominee/[A-Za-z0-9_-]{43})`)
)

// addFocalPoint adds a focal point for code through the console and
// returns the path of the nomination link they were mailed.
func addFocalPoint(t *testing.T, env *webtest.Env, org *webtest.Client, code, email, lang string) string {
	t.Helper()
	res := org.PostAdmin("/admin/delegations/focal-points", url.Values{"country": {code}, "name": {"Focal " + code},
		"title": {"Director"}, "organisation": {"Ministry of Foreign Affairs"}, "email": {email}, "language": {lang}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding a focal point = %d\n%s", res.StatusCode, res.Body)
	}
	return lastLink(t, env, mail.KindFocalPointInvitation, email, nominateLinkRe)
}

// lastLink is the path of the link matched by re in the newest message of
// kind to address.
func lastLink(t *testing.T, env *webtest.Env, kind, address string, re *regexp.Regexp) string {
	t.Helper()
	bodies := mailTo(t, env, kind, address)
	if len(bodies) == 0 {
		t.Fatalf("no %s message to %s", kind, address)
	}
	m := re.FindStringSubmatch(bodies[len(bodies)-1])
	if m == nil {
		t.Fatalf("no link in the %s message:\n%s", kind, bodies[len(bodies)-1])
	}
	return m[1]
}

func nomineeForm(first, email string) url.Values {
	return url.Values{"first_name": {first}, "last_name": {"Delegate"}, "email": {email},
		"job_title": {"Counsellor"}, "organisation": {"Ministry of Foreign Affairs"}}
}

// nominate submits the nomination form of page nom as focal point cl.
func nominate(cl *webtest.Client, nom string, f url.Values) *webtest.Response {
	return cl.Submit(nom, nom+"/nominees", f)
}

func mustNominate(t *testing.T, env *webtest.Env, cl *webtest.Client, nom string, f url.Values) string {
	t.Helper()
	res := nominate(cl, nom, f)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("nominating %s = %d\n%s", f.Get("email"), res.StatusCode, res.Body)
	}
	return lastLink(t, env, mail.KindNomination, f.Get("email"), nomineeLinkRe)
}

// registerNominee completes the nominee's form at link with f.
func registerNominee(t *testing.T, env *webtest.Env, link string, f url.Values) *webtest.Response {
	t.Helper()
	return env.Client().Submit(link, link, f)
}

// placesOn reads the quota, used and left places off a nomination page.
func placesOn(t *testing.T, res *webtest.Response) (quota, used, left int) {
	t.Helper()
	doc := res.Doc()
	read := func(id string) int {
		v, _ := doc.Find(`[data-testid=places] [data-testid=` + id + `]`).Attr("data-value")
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("no %s on the nomination page:\n%s", id, res.Body)
		}
		return n
	}
	return read("quota"), read("used"), read("left")
}

// Adding a focal point mails them the link of their country's nomination
// page in their language, naming the country and its quota; the
// delegations page lists them under their country, which appears
// although nobody from it registered yet.
func TestFocalPointAddedMailsTheLink(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	q := setQuota(t, env, org, "JM", 3)
	nom := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "es")
	var subject, body string
	if err := env.DB.Read.QueryRow(`SELECT subject, body_text FROM outbox WHERE kind = ? AND to_email = ?`,
		mail.KindFocalPointInvitation, "focal@mfa.gov.jm").Scan(&subject, &body); err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(body), " ")
	if !strings.HasPrefix(subject, "Designe a los delegados de su país") || !strings.Contains(flat, "Jamaica") ||
		!strings.Contains(flat, "hasta "+strconv.Itoa(q)+" delegados") || !strings.Contains(body, "http://confdesk.test"+nom) {
		t.Errorf("invitation %q:\n%s", subject, body)
	}
	if res := env.Get(nom); res.StatusCode != http.StatusOK {
		t.Errorf("GET %s = %d", nom, res.StatusCode)
	}
	id := strconv.Itoa(count(t, env, `SELECT id FROM outbox WHERE kind = ?`, mail.KindFocalPointInvitation))
	for _, p := range []string{"/admin/outbox", "/admin/outbox/" + id} {
		if res := org.Get(p); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "focal@mfa.gov.jm") {
			t.Errorf("GET %s = %d", p, res.StatusCode)
		}
	}
	page := org.Get("/admin/delegations")
	fp := page.Doc().Find(`[data-testid=delegation][data-country=JM] [data-testid=focal-point]`)
	if fp.Length() != 1 || !strings.Contains(fp.Text(), "focal@mfa.gov.jm") || !strings.Contains(fp.Text(), "Spanish") {
		t.Errorf("delegations page lists %d focal points for Jamaica: %q", fp.Length(), fp.Text())
	}

	// A form with problems comes back with what was typed, nothing stored.
	res := org.PostAdmin("/admin/delegations/focal-points", url.Values{"country": {"XX"}, "name": {"Ana Focal"},
		"email": {"not an address"}, "language": {"de"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad focal point = %d", res.StatusCode)
	}
	doc := res.Doc()
	if v, _ := doc.Find(`input[name=name]`).Attr("value"); v != "Ana Focal" {
		t.Errorf("name not kept: %q", v)
	}
	for _, field := range []string{"country", "email", "language"} {
		if doc.Find("#"+field+"-error").Length() == 0 {
			t.Errorf("no error for %s", field)
		}
	}
	if n := count(t, env, `SELECT count(*) FROM focal_points`); n != 1 {
		t.Errorf("%d focal points stored, want 1", n)
	}
}

// The nomination page shows the country's quota and what is used: its
// registered participants and the nominations still open; it is private
// as the self-service page is.
func TestNominationPageShowsQuotaAndUsed(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	mustRegister(t, env, fromCountry("public@example.org", "JM"))
	q := setQuota(t, env, org, "JM", 3) // one registered, three more
	nom := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	fpc := env.Client()
	mustNominate(t, env, fpc, nom, nomineeForm("Ana", "ana@mfa.gov.jm"))
	res := fpc.Get(nom)
	quota, used, left := placesOn(t, res)
	if quota != q || used != q-2 || left != 2 {
		t.Errorf("quota %d, used %d, left %d; want %d, %d, 2", quota, used, left, q, q-2)
	}
	if st := strings.TrimSpace(res.Doc().Find(`[data-testid=nominee] [data-testid=state]`).Text()); st != "Nominated – waiting for them to register" {
		t.Errorf("state %q", st)
	}
	for h, want := range map[string]string{"Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow"} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s %q, want %q", h, got, want)
		}
	}
	if res.Doc().Find(`[data-testid=documents-link] a[href="`+nom+`/documents"]`).Length() != 1 {
		t.Errorf("no link to the nomination letters")
	}
}

// A focal point cannot nominate beyond the quota: the form comes back
// with a clear message and what was typed, nothing stored.
func TestNominatingBeyondTheQuotaIsRefused(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	setQuota(t, env, org, "JM", 1)
	nom := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	fpc := env.Client()
	mustNominate(t, env, fpc, nom, nomineeForm("Ana", "ana@mfa.gov.jm"))
	res := nominate(fpc, nom, nomineeForm("Bea", "bea@mfa.gov.jm"))
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("nominating beyond the quota = %d", res.StatusCode)
	}
	doc := res.Doc()
	if !strings.Contains(doc.Find(`[data-testid=notice]`).Text(), "quota is used up") {
		t.Errorf("no clear message:\n%s", doc.Find("main").Text())
	}
	if v, _ := doc.Find(`input[name=first_name]`).Attr("value"); v != "Bea" {
		t.Errorf("first name not kept: %q", v)
	}
	if n := count(t, env, `SELECT count(*) FROM nominations`); n != 1 {
		t.Errorf("%d nominations, want 1", n)
	}
	if len(mailTo(t, env, mail.KindNomination, "bea@mfa.gov.jm")) != 0 {
		t.Errorf("the refused nominee was mailed")
	}
}

// An address nominated already is a field error, whatever its case.
func TestNominationOfADuplicateAddress(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	nom := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	fpc := env.Client()
	mustNominate(t, env, fpc, nom, nomineeForm("Ana", "ana@mfa.gov.jm"))
	res := nominate(fpc, nom, nomineeForm("Ana", " ANA@mfa.gov.jm"))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("duplicate address = %d", res.StatusCode)
	}
	if e := res.Doc().Find("#email-error").Text(); !strings.Contains(e, "already been nominated") {
		t.Errorf("email error %q", e)
	}
	// A missing name is a field error too.
	f := nomineeForm("", "new@mfa.gov.jm")
	if res := nominate(fpc, nom, f); res.StatusCode != http.StatusUnprocessableEntity || res.Doc().Find("#first_name-error").Length() != 1 {
		t.Errorf("missing first name = %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM nominations`); n != 1 {
		t.Errorf("%d nominations, want 1", n)
	}
}

// A nominee's registration belongs to the nominating country and the
// nominated address whatever they type; the link then says it was used.
func TestNominationTiesTheRegistrationToTheCountry(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	nom := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	f := nomineeForm("Ana", "ana@mfa.gov.jm")
	f.Set("head_of_delegation", "yes")
	link := mustNominate(t, env, env.Client(), nom, f)

	page := env.Get(link)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", link, page.StatusCode)
	}
	doc := page.Doc()
	if v, _ := doc.Find(`input[name=first_name]`).Attr("value"); v != "Ana" {
		t.Errorf("first name not pre-filled: %q", v)
	}
	if doc.Find(`[name=country]`).Length() != 0 || !strings.Contains(doc.Find(`[data-testid=fixed-country]`).Text(), "Jamaica") {
		t.Errorf("the country is not fixed text")
	}
	form := validForm("someone.else@example.org")
	form.Set("country", "US")
	form.Set("first_name", "Ana María")
	res := registerNominee(t, env, link, form)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/registration/") {
		t.Fatalf("registering = %d to %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	var code, email, first, status string
	var head bool
	if err := env.DB.Read.QueryRow(`SELECT r.country, r.email, r.first_name, r.status, r.head_of_delegation FROM registrations r
		JOIN nominations n ON n.registration_id = r.id WHERE n.email = 'ana@mfa.gov.jm'`).Scan(&code, &email, &first, &status, &head); err != nil {
		t.Fatal(err)
	}
	if code != "JM" || email != "ana@mfa.gov.jm" || first != "Ana María" || status != model.StatusConfirmed || !head {
		t.Errorf("registration %s %s %s %s head %v", code, email, first, status, head)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE country = 'US'`); n != 0 {
		t.Errorf("%d registrations from the US", n)
	}
	used := env.Get(link)
	if used.StatusCode != http.StatusOK || used.Doc().Find(`[data-testid=used]`).Length() != 1 ||
		used.Doc().Find(`a[href="/registration/lost"]`).Length() == 0 {
		t.Errorf("used link = %d\n%s", used.StatusCode, used.Body)
	}
	// The form's token is the visitor's, whichever public form it came from.
	cl := env.Client()
	again := validForm("x@example.org")
	again.Set("_csrf", webtest.FormToken(t, cl.Get("/register"), "/register"))
	if again := cl.PostForm(link, again); again.StatusCode != http.StatusConflict {
		t.Errorf("registering twice = %d", again.StatusCode)
	}
	if st := strings.TrimSpace(env.Get(nom).Doc().Find(`[data-testid=nominee] [data-testid=state]`).Text()); st != "Registered – confirmed" {
		t.Errorf("focal point sees %q", st)
	}
}

// A focal point sees and touches only their own country's nominees, and
// their page never shows passport data.
func TestNominationOfAnotherCountryIsHidden(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	jm := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	tt := addFocalPoint(t, env, org, "TT", "focal@foreign.gov.tt", "en")
	link := mustNominate(t, env, env.Client(), tt, nomineeForm("Trinidadian", "tt@foreign.gov.tt"))
	if res := registerNominee(t, env, link, withVisa(validForm("tt@foreign.gov.tt"))); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("registering = %d\n%s", res.StatusCode, res.Body)
	}
	var passport string
	if err := env.DB.Read.QueryRow(`SELECT passport_number FROM registrations WHERE email = 'tt@foreign.gov.tt'`).Scan(&passport); err != nil || passport != "TA1234567" {
		t.Fatalf("passport %q, %v", passport, err)
	}
	own := env.Get(tt)
	for _, secret := range []string{"TA1234567", "DESIREE PINEIRO NGUYEN", "1981-04-23", "2031-06-30", "+1 868 555 0123"} {
		if strings.Contains(own.Body, secret) {
			t.Errorf("the focal point's page shows %q", secret)
		}
	}
	if !strings.Contains(own.Body, "Trinidadian") {
		t.Errorf("the focal point does not see their nominee")
	}
	other := env.Client()
	page := other.Get(jm)
	if strings.Contains(page.Body, "Trinidadian") || strings.Contains(page.Body, "tt@foreign.gov.tt") {
		t.Errorf("Jamaica's focal point sees Trinidad and Tobago's nominee")
	}
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM nominations WHERE email = 'tt@foreign.gov.tt'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	token := webtest.FormToken(t, page, jm+"/nominees")
	res := other.PostForm(jm+"/nominees/"+strconv.FormatInt(id, 10)+"/withdraw", url.Values{"_csrf": {token}})
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("withdrawing another country's nominee = %d, want 404", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM nominations WHERE withdrawn_at IS NOT NULL`); n != 0 {
		t.Errorf("%d nominations withdrawn", n)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email = 'tt@foreign.gov.tt' AND status = 'confirmed'`); n != 1 {
		t.Errorf("the nominee's registration changed")
	}
}

// Withdrawing a registered nominee cancels their registration (they are
// mailed) and gives the place to the next of the country in line.
func TestNominationWithdrawnFreesThePlace(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	setQuota(t, env, org, "JM", 1)
	nom := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	fpc := env.Client()
	link := mustNominate(t, env, fpc, nom, nomineeForm("Ana", "ana@mfa.gov.jm"))
	if res := registerNominee(t, env, link, validForm("ana@mfa.gov.jm")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("registering = %d", res.StatusCode)
	}
	mustRegister(t, env, fromCountry("waiting@example.org", "JM"))
	status := func(email string) string {
		var s string
		if err := env.DB.Read.QueryRow(`SELECT status FROM registrations WHERE email = ?`, email).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := status("waiting@example.org"); s != model.StatusWaitlisted {
		t.Fatalf("the public registrant is %s, want waitlisted", s)
	}
	page := fpc.Get(nom)
	action, _ := page.Doc().Find(`[data-testid=nominee] form`).Attr("action")
	if !strings.HasSuffix(action, "/withdraw") {
		t.Fatalf("no withdraw form: %q", action)
	}
	res := fpc.Submit(nom, action, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdrawing = %d\n%s", res.StatusCode, res.Body)
	}
	if a, w := status("ana@mfa.gov.jm"), status("waiting@example.org"); a != model.StatusCancelled || w != model.StatusConfirmed {
		t.Errorf("nominee %s, the one waiting %s", a, w)
	}
	if len(mailTo(t, env, mail.KindCancelled, "ana@mfa.gov.jm")) != 1 || len(mailTo(t, env, mail.KindPromoted, "waiting@example.org")) != 1 {
		t.Errorf("the cancellation or the promotion was not mailed")
	}
	after := fpc.Get(nom)
	if st := strings.TrimSpace(after.Doc().Find(`[data-testid=nominee] [data-testid=state]`).Text()); st != "Withdrawn" {
		t.Errorf("state %q", st)
	}
	if env.Get(link).StatusCode != http.StatusNotFound {
		t.Errorf("a withdrawn nominee's link still opens")
	}
}

// A re-sent link replaces the old one, and a removed focal point's link
// opens nothing; their nominations stand.
func TestFocalPointLinksResentAndRemoved(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	old := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	mustNominate(t, env, env.Client(), old, nomineeForm("Ana", "ana@mfa.gov.jm"))
	id := strconv.Itoa(count(t, env, `SELECT id FROM focal_points`))
	if res := org.PostAdmin("/admin/delegations/focal-points/"+id+"/resend", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("resend = %d", res.StatusCode)
	}
	fresh := lastLink(t, env, mail.KindFocalPointInvitation, "focal@mfa.gov.jm", nominateLinkRe)
	if fresh == old {
		t.Fatal("the same link was sent again")
	}
	if res := env.Get(old); res.StatusCode != http.StatusNotFound {
		t.Errorf("the old link = %d, want 404", res.StatusCode)
	}
	if res := env.Get(fresh); res.StatusCode != http.StatusOK {
		t.Errorf("the new link = %d", res.StatusCode)
	}
	confirm := org.Get("/admin/delegations/focal-points/" + id + "/remove")
	if confirm.StatusCode != http.StatusOK || !strings.Contains(confirm.Body, "Remove Focal JM as focal point for Jamaica?") {
		t.Fatalf("confirmation page = %d", confirm.StatusCode)
	}
	if res := org.PostAdmin("/admin/delegations/focal-points/"+id+"/remove", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove = %d", res.StatusCode)
	}
	if res := env.Get(fresh); res.StatusCode != http.StatusNotFound {
		t.Errorf("a removed focal point's link = %d, want 404", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM nominations WHERE withdrawn_at IS NULL`); n != 1 {
		t.Errorf("%d nominations stand, want 1", n)
	}
	if org.Get("/admin/delegations").Doc().Find(`[data-testid=focal-point]`).Length() != 0 {
		t.Errorf("the removed focal point is still listed")
	}
	if res := org.PostAdmin("/admin/delegations/focal-points/"+id+"/resend", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("resending a removed focal point's link = %d, want 404", res.StatusCode)
	}
}

// The focal point's forms need their CSRF token: 403 and nothing stored.
func TestNominationNeedsCSRF(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	nom := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	fpc := env.Client()
	mustNominate(t, env, fpc, nom, nomineeForm("Ana", "ana@mfa.gov.jm"))
	id := strconv.Itoa(count(t, env, `SELECT id FROM nominations`))
	before := dbFingerprint(t, env)
	for _, path := range []string{nom + "/nominees", nom + "/nominees/" + id + "/withdraw"} {
		for _, token := range []string{"", "forged"} {
			f := nomineeForm("Bea", "bea@mfa.gov.jm")
			if token != "" {
				f.Set("_csrf", token)
			}
			if res := fpc.PostForm(path, f); res.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s with _csrf %q = %d, want 403", path, token, res.StatusCode)
			}
		}
	}
	sameDB(t, "after posts without a token", before, dbFingerprint(t, env))
}

// A Spanish focal point's page, their nominee's message and form are in
// Spanish, whatever the browser asks for.
func TestNominationPagesInSpanish(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	nom := addFocalPoint(t, env, org, "DO", "focal@mirex.gob.do", "es")
	fpc := env.Client()
	page := fpc.Get(nom)
	if lang, _ := page.Doc().Find("html").Attr("lang"); lang != "es" || !strings.Contains(page.Doc().Find("h1").Text(), "Designe a sus delegados") ||
		!strings.Contains(page.Body, "República Dominicana") {
		t.Errorf("nomination page in %q: %q", lang, page.Doc().Find("h1").Text())
	}
	res := nominate(fpc, nom, nomineeForm("", "ana@mirex.gob.do"))
	if e := res.Doc().Find("#first_name-error").Text(); !strings.Contains(e, "Indique el nombre") {
		t.Errorf("error in Spanish: %q", e)
	}
	link := mustNominate(t, env, fpc, nom, nomineeForm("Ana", "ana@mirex.gob.do"))
	var subject string
	if err := env.DB.Read.QueryRow(`SELECT subject FROM outbox WHERE kind = ? AND to_email = ?`, mail.KindNomination,
		"ana@mirex.gob.do").Scan(&subject); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(subject, "Ha sido designado") {
		t.Errorf("nomination subject %q", subject)
	}
	form := env.Get(link)
	if lang, _ := form.Doc().Find("html").Attr("lang"); lang != "es" || !strings.Contains(form.Body, "Complete su inscripción") {
		t.Errorf("nominee form in %q", lang)
	}
	// ?lang= still chooses.
	if lang, _ := env.Get(nom + "?lang=fr").Doc().Find("html").Attr("lang"); lang != "fr" {
		t.Errorf("?lang=fr gave %q", lang)
	}
	res = registerNominee(t, env, link, validForm("ana@mirex.gob.do"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("registering = %d", res.StatusCode)
	}
	var lang string
	if err := env.DB.Read.QueryRow(`SELECT language FROM registrations WHERE email = 'ana@mirex.gob.do'`).Scan(&lang); err != nil || lang != "es" {
		t.Errorf("registration language %q, %v", lang, err)
	}
}

// A nominee withdrawn after registering can be nominated again: their
// cancelled registration comes back through the new link, tied to the
// new nomination.
func TestNominationAgainAfterWithdrawal(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	nom := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	fpc := env.Client()
	link := mustNominate(t, env, fpc, nom, nomineeForm("Ana", "ana@mfa.gov.jm"))
	if res := registerNominee(t, env, link, validForm("ana@mfa.gov.jm")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("registering = %d", res.StatusCode)
	}
	action, _ := fpc.Get(nom).Doc().Find(`[data-testid=nominee] form`).Attr("action")
	if res := fpc.Submit(nom, action, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdrawing = %d", res.StatusCode)
	}
	again := mustNominate(t, env, fpc, nom, nomineeForm("Ana", "ana@mfa.gov.jm"))
	res := registerNominee(t, env, again, validForm("ana@mfa.gov.jm"))
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/registration/") {
		t.Fatalf("registering again = %d to %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations r JOIN nominations n ON n.registration_id = r.id
		WHERE r.email = 'ana@mfa.gov.jm' AND r.status = 'confirmed' AND n.withdrawn_at IS NULL`); n != 1 {
		t.Errorf("%d confirmed registrations tied to the standing nomination, want 1", n)
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email = 'ana@mfa.gov.jm'`); n != 1 {
		t.Errorf("%d registrations of the address, want 1", n)
	}
}

// A nominee whose address is registered already is answered as the public
// form answers it: "check your inbox", a new link mailed to the address,
// no second registration.
func TestNominationOfAnAddressRegisteredAlready(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	mustRegister(t, env, validForm("ana@mfa.gov.jm"))
	nom := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	link := mustNominate(t, env, env.Client(), nom, nomineeForm("Ana", "ana@mfa.gov.jm"))
	res := registerNominee(t, env, link, validForm("ana@mfa.gov.jm"))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/register/sent" {
		t.Fatalf("registering = %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if n := count(t, env, `SELECT count(*) FROM registrations WHERE email = 'ana@mfa.gov.jm'`); n != 1 {
		t.Errorf("%d registrations of the address", n)
	}
	if len(mailTo(t, env, mail.KindLink, "ana@mfa.gov.jm")) != 1 {
		t.Errorf("no new link mailed to the registered address")
	}
}

// The nomination form and the nominee's form are limited as registering
// is: over the limit the page comes back with what was typed, 429.
func TestNominationSubmissionsAreLimited(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.WithConfig(func(c *config.Config) { c.RegisterLimit = 1 }))
	org := env.Login(model.UserOrganiser)
	nom := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	fpc := env.Client()
	link := mustNominate(t, env, fpc, nom, nomineeForm("Ana", "ana@mfa.gov.jm"))
	res := nominate(fpc, nom, nomineeForm("Bea", "bea@mfa.gov.jm"))
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("second nomination in a minute = %d, want 429", res.StatusCode)
	}
	if v, _ := res.Doc().Find(`input[name=first_name]`).Attr("value"); v != "Bea" {
		t.Errorf("first name not kept: %q", v)
	}
	nc := env.Client()
	nc.Submit(link, link, url.Values{"first_name": {""}})
	if res := nc.Submit(link, link, validForm("ana@mfa.gov.jm")); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("second registration in a minute = %d, want 429", res.StatusCode)
	}
}

// Erasing a nominee's registration erases their nomination's names and
// address too, and its message: the focal point's page no longer names them.
func TestNominationErasedWithItsRegistration(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	adm := env.Login(model.UserAdmin)
	nom := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	link := mustNominate(t, env, env.Client(), nom, nomineeForm("Zephyrine", "zephyrine@mfa.gov.jm"))
	if res := registerNominee(t, env, link, validForm("zephyrine@mfa.gov.jm")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("registering = %d", res.StatusCode)
	}
	var id int64
	var ref string
	if err := env.DB.Read.QueryRow(`SELECT id, reference FROM registrations WHERE email = 'zephyrine@mfa.gov.jm'`).Scan(&id, &ref); err != nil {
		t.Fatal(err)
	}
	if res := adm.PostAdmin("/admin/registrations/"+strconv.FormatInt(id, 10)+"/erase", url.Values{"confirm": {ref}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("erasure = %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM nominations WHERE first_name = 'Zephyrine' OR email <> '' OR job_title <> ''`); n != 0 {
		t.Errorf("%d nominations keep the person's details", n)
	}
	if n := count(t, env, `SELECT count(*) FROM outbox WHERE to_email = 'zephyrine@mfa.gov.jm'`); n != 0 {
		t.Errorf("%d messages to the erased address remain", n)
	}
	if page := env.Get(nom); strings.Contains(page.Body, "Zephyrine") || strings.Contains(page.Body, "zephyrine@") {
		t.Errorf("the focal point's page still names the erased person")
	}
}

// Personal retention erases focal points and nominees with the
// registrations: their details go, a focal point's link opens nothing.
func TestNominationsErasedByRetention(t *testing.T) {
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	nom := addFocalPoint(t, env, org, "JM", "focal@mfa.gov.jm", "en")
	mustNominate(t, env, env.Client(), nom, nomineeForm("Zephyrine", "zephyrine@mfa.gov.jm"))
	env.Clock.Set(time.Date(2037, 1, 1, 12, 0, 0, 0, time.UTC))
	first, _ := runRetention(t, env)
	if !first.PersonalDue {
		t.Fatalf("personal retention not due: %+v", first)
	}
	if n := count(t, env, `SELECT count(*) FROM nominations WHERE email <> '' OR first_name <> 'Erased'`); n != 0 {
		t.Errorf("%d nominations keep their details", n)
	}
	if n := count(t, env, `SELECT count(*) FROM focal_points WHERE email <> '' OR name <> 'Erased' OR removed_at IS NULL`); n != 0 {
		t.Errorf("%d focal points keep their details", n)
	}
	if n := count(t, env, `SELECT count(*) FROM outbox WHERE kind IN ('focal_point_invitation', 'nomination')`); n != 0 {
		t.Errorf("%d invitations and nomination messages remain", n)
	}
	if res := env.Get(nom); res.StatusCode != http.StatusNotFound {
		t.Errorf("the focal point's link = %d after retention, want 404", res.StatusCode)
	}
}

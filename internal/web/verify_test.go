package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"confdesk/internal/config"
	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// approvedVisa registers email with a visa letter, approves it, downloads
// the letter once (which issues its code) and returns the self-service
// path, the registration and the code as printed (grouped).
func approvedVisa(t *testing.T, env *webtest.Env, email string) (string, model.Registration, string) {
	t.Helper()
	loc := mustRegister(t, env, withVisa(validForm(email)))
	approveLetter(t, env, email)
	if res := env.Get(loc + "/letter.pdf"); res.StatusCode != http.StatusOK {
		t.Fatalf("letter: %d", res.StatusCode)
	}
	return loc, visaRegistration(t, env, email), letterCodeOf(t, env, email)
}

func visaRegistration(t *testing.T, env *webtest.Env, email string) model.Registration {
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

// letterCodeOf is the code email's current letter prints, grouped.
func letterCodeOf(t *testing.T, env *webtest.Env, email string) string {
	t.Helper()
	svc := &registration.Service{Store: env.Store, Now: env.Clock.Now}
	code, err := svc.LetterCode(t.Context(), env.Conference, visaRegistration(t, env, email), registration.ParticipantActor)
	if err != nil {
		t.Fatal(err)
	}
	return registration.GroupLetterCode(code)
}

func TestVerifyValidLetter(t *testing.T) {
	env := webtest.New(t)
	loc, r, code := approvedVisa(t, env, "visa@example.org")
	if len(code) != 19 || strings.Count(code, "-") != 3 {
		t.Fatalf("code %q is not four groups of four", code)
	}
	// Every download of the letter prints the same code.
	env.Get(loc + "/letter.pdf")
	if again := letterCodeOf(t, env, "visa@example.org"); again != code {
		t.Fatalf("second download: code %q, first %q", again, code)
	}

	res := env.Get("/verify/" + code)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("verify: %d", res.StatusCode)
	}
	for h, want := range map[string]string{"X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	doc := res.Doc()
	if doc.Find(`meta[name="robots"][content="noindex, nofollow"]`).Length() != 1 {
		t.Error("no robots noindex meta")
	}
	status := doc.Find(`[data-testid="verify-status"]`).Text()
	if !strings.Contains(status, "Valid") {
		t.Errorf("status %q, want Valid", status)
	}
	text := strings.Join(strings.Fields(doc.Find("main").Text()), " ")
	for _, want := range []string{"DESIREE PINEIRO NGUYEN", "Trinidad and Tobago", "ending in 567",
		env.Conference.Name, "15–17 March 2027", "Miami", "Letter dated", "2 February 2027"} {
		if !strings.Contains(text, want) {
			t.Errorf("page lacks %q:\n%s", want, text)
		}
	}
	// Nothing else personal: no e-mail, full passport number, date of
	// birth, passport expiry, phone or reference.
	for _, never := range []string{"visa@example.org", "TA1234567", "1234567", "1981", "April", "2031", r.Reference, r.Phone, r.FirstName} {
		if never != "" && strings.Contains(res.Body, never) {
			t.Errorf("page shows %q", never)
		}
	}

	// Typed in lower case, without dashes, with O for 0 and L for 1.
	typed := strings.ToLower(strings.ReplaceAll(code, "-", ""))
	typed = strings.NewReplacer("0", "o", "1", "l").Replace(typed)
	if res := env.Get("/verify/" + typed); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "DESIREE PINEIRO NGUYEN") {
		t.Errorf("code typed as %q: %d", typed, res.StatusCode)
	}
	// The form on /verify goes to the code's page, written as printed.
	if res := env.Get("/verify?code=" + url.QueryEscape(" "+typed+" ")); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/verify/"+code {
		t.Errorf("form: %d to %q, want 303 to /verify/%s", res.StatusCode, res.Header.Get("Location"), code)
	}
	if res := env.Get("/verify?code=12345"); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "not a verification code") {
		t.Errorf("short code in the form: %d", res.StatusCode)
	}
	if res := env.Get("/verify"); res.StatusCode != http.StatusOK || res.Doc().Find(`form[action="/verify"] input[name="code"]`).Length() != 1 {
		t.Errorf("/verify: %d, or no form", res.StatusCode)
	}
	// In Spanish too.
	if res := env.Get("/verify/" + code + "?lang=es"); !strings.Contains(res.Body, "Válida") {
		t.Error("the Spanish page does not say Válida")
	}

	// Organisers see how often it was verified (the form's redirect is
	// not a verification; the three lookups are).
	page := env.Login(model.UserOrganiser).Get(fmt.Sprintf("/admin/registrations/%d", r.ID))
	if !strings.Contains(page.Body, "Letter verified") || !strings.Contains(page.Body, "3 times, last ") {
		t.Errorf("registration detail lacks the verification count")
	}
	// The person's own data file lists the letter and its verifications.
	var data struct {
		Letters []struct {
			PassportName  string `json:"passport_name"`
			PassportLast3 string `json:"passport_number_last_3"`
			Valid         bool   `json:"valid"`
			Verifications int    `json:"times_verified"`
		} `json:"visa_letters"`
	}
	if err := json.Unmarshal([]byte(env.Get(loc+"/data.json").Body), &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Letters) != 1 || data.Letters[0].PassportName != "DESIREE PINEIRO NGUYEN" || data.Letters[0].PassportLast3 != "567" ||
		!data.Letters[0].Valid || data.Letters[0].Verifications != 3 {
		t.Errorf("data.json's visa letters: %+v", data.Letters)
	}
}

func TestVerifyWithdrawnLetter(t *testing.T) {
	env := webtest.New(t)
	loc, _, first := approvedVisa(t, env, "visa@example.org")

	// New passport details withdraw the approval and the letter's code.
	f := withVisa(validForm("visa@example.org"))
	f.Set("passport_number", "TB7654321")
	if res := env.Client().Submit(loc+"/edit", loc+"/edit", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.StatusCode)
	}
	withdrawn := func(code, reason string) {
		t.Helper()
		res := env.Get("/verify/" + code)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("verify %s: %d", code, res.StatusCode)
		}
		if s := res.Doc().Find(`[data-testid="verify-status"]`).Text(); !strings.Contains(s, "Withdrawn") {
			t.Errorf("status %q, want Withdrawn", s)
		}
		if !strings.Contains(res.Body, reason) {
			t.Errorf("page does not say %q", reason)
		}
	}
	withdrawn(first, "passport details it gives were changed")

	// Approved again (at the same instant, even): a new letter, a new code.
	approveLetter(t, env, "visa@example.org")
	env.Get(loc + "/letter.pdf")
	second := letterCodeOf(t, env, "visa@example.org")
	if second == first {
		t.Fatal("the new letter has the withdrawn letter's code")
	}
	if res := env.Get("/verify/" + second); !strings.Contains(res.Body, "ending in 321") || !strings.Contains(res.Body, "Valid:") {
		t.Errorf("new letter: %d", res.StatusCode)
	}
	withdrawn(first, "passport details it gives were changed")

	// Cancelling withdraws it too.
	env.Client().Submit(loc+"/cancel", loc+"/cancel", url.Values{})
	withdrawn(second, "was cancelled or no longer has a place")
	var reasons []string
	rows, err := env.DB.Read.Query(`SELECT withdrawn_reason FROM visa_letters ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		reasons = append(reasons, s)
	}
	rows.Close()
	if !slices.Equal(reasons, []string{model.LetterDetailsChanged, model.LetterNotConfirmed}) {
		t.Errorf("recorded withdrawals %v", reasons)
	}
}

// Erasure deletes the facts kept with the letter; the code still answers,
// "withdrawn", with no name.
func TestVerifyErasedLetter(t *testing.T) {
	env := webtest.New(t)
	_, r, code := approvedVisa(t, env, "visa@example.org")
	if err := env.Store.Update(t.Context(), func(tx *store.Tx) error {
		_, err := tx.EraseRegistration(r.ID, env.Clock.Now())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	res := env.Get("/verify/" + code)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "were deleted") {
		t.Errorf("erased: %d", res.StatusCode)
	}
	if strings.Contains(res.Body, "DESIREE") || strings.Contains(res.Body, "567") {
		t.Error("the erased letter's facts are still shown")
	}
	var name, last3 string
	env.DB.Read.QueryRow(`SELECT passport_name, passport_last3 FROM visa_letters`).Scan(&name, &last3)
	if name != "" || last3 != "" {
		t.Errorf("erasure kept %q, %q", name, last3)
	}
}

// An unknown code is a 404 after the same database work as a known one:
// the same statements, in the same order. Not parallel: it sets
// store.VerifyTrace, which parallel tests never run beside.
func TestVerifyUnknownCode(t *testing.T) {
	env := webtest.New(t)
	_, _, code := approvedVisa(t, env, "visa@example.org")
	var trace []string
	store.VerifyTrace = func(q string) { trace = append(trace, q) }
	t.Cleanup(func() { store.VerifyTrace = nil })

	known := env.Get("/verify/" + code)
	knownWork := trace
	trace = nil
	unknown := env.Get("/verify/7K2M-9QXP-4T8V-1BCD")
	if known.StatusCode != http.StatusOK || unknown.StatusCode != http.StatusNotFound {
		t.Fatalf("known %d, unknown %d", known.StatusCode, unknown.StatusCode)
	}
	if len(knownWork) == 0 || !slices.Equal(knownWork, trace) {
		t.Errorf("known code ran %d statements, unknown %d: %v / %v", len(knownWork), len(trace), knownWork, trace)
	}
	if !strings.Contains(unknown.Body, "No letter has this verification code") || unknown.Header.Get("X-Robots-Tag") == "" {
		t.Error("the unknown code's page")
	}
	// Malformed codes too: looked up (as nothing) and 404.
	trace = nil
	if res := env.Get("/verify/%3Cscript%3E"); res.StatusCode != http.StatusNotFound || !slices.Equal(knownWork, trace) {
		t.Errorf("malformed code: %d, %d statements", res.StatusCode, len(trace))
	}
}

func TestVerifyRateLimit(t *testing.T) {
	env := behindProxy(t, webtest.WithConfig(func(c *config.Config) {
		c.RegisterLimit = 3
		c.RegisterBlockLimit = 100
	}))
	for i := range 3 {
		if res := from(env, "198.51.100.7").Get("/verify/7K2M-9QXP-4T8V-1BC" + fmt.Sprint(i)); res.StatusCode != http.StatusNotFound {
			t.Fatalf("lookup %d: %d", i+1, res.StatusCode)
		}
	}
	res := from(env, "198.51.100.7").Get("/verify/7K2M-9QXP-4T8V-1BCD")
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(res.Body, "Too many codes") {
		t.Errorf("fourth lookup: %d, want 429", res.StatusCode)
	}
	if res := from(env, "203.0.113.9").Get("/verify/7K2M-9QXP-4T8V-1BCD"); res.StatusCode != http.StatusNotFound {
		t.Errorf("another address: %d", res.StatusCode)
	}
}

// The letter prints the grouped code, and its QR code opens its page.
func TestLetterCarriesVerification(t *testing.T) {
	env := webtest.New(t)
	loc, _, code := approvedVisa(t, env, "visa@example.org")
	body := []byte(env.Get(loc + "/letter.pdf").Body)
	text := strings.Join(strings.Fields(pdftest.Text(t, body)), " ")
	if !strings.Contains(text, "Verification code: "+code) {
		t.Errorf("letter lacks the code %s:\n%s", code, text)
	}
	if pdftest.Pages(t, body) != 1 {
		t.Error("the letter is not one page")
	}
	want := strings.TrimRight(env.Config.BaseURL, "/") + "/verify/" + code
	var got []string
	for _, p := range pdftest.QRCodes(t, body) {
		got = append(got, p...)
	}
	if !slices.Equal(got, []string{want}) {
		t.Errorf("QR codes %v, want [%s]", got, want)
	}
}

// The passport retention day deletes the facts kept with the letters too.
func TestVerifyPurgedLetter(t *testing.T) {
	env := webtest.New(t)
	_, _, code := approvedVisa(t, env, "visa@example.org")
	if err := env.Store.Update(t.Context(), func(tx *store.Tx) error {
		_, err := tx.PurgePassports(env.Conference.ID, env.Clock.Now())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	res := env.Get("/verify/" + code)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Withdrawn") || !strings.Contains(res.Body, "were deleted") {
		t.Errorf("purged: %d", res.StatusCode)
	}
	var name, nationality, last3, reason string
	env.DB.Read.QueryRow(`SELECT passport_name, nationality, passport_last3, withdrawn_reason FROM visa_letters`).Scan(&name, &nationality, &last3, &reason)
	if name != "" || nationality != "" || last3 != "" || reason != model.LetterDataDeleted {
		t.Errorf("after the purge: %q %q %q, withdrawn %q", name, nationality, last3, reason)
	}
}

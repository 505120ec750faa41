package web_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/webtest"
)

// unprintable is what a registrant once typed: characters beyond the
// BMP (gofpdf panicked on them) and one the font does not have.
const unprintable = "😀🌴中"

// everyDocument fetches every document that prints registration id (whose
// self-service page is loc) and returns each one's text, by path.
func everyDocument(t *testing.T, env *webtest.Env, loc string, id int64) map[string]string {
	t.Helper()
	org := env.Login(model.UserOrganiser)
	texts := map[string]string{}
	get := func(cl *webtest.Client, path string) {
		t.Helper()
		var res *webtest.Response
		if cl == nil {
			res = env.Get(path)
		} else {
			res = cl.Get(path)
		}
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("%s: %d %s\n%.300s", path, res.StatusCode, res.Header.Get("Content-Type"), res.Body)
			return
		}
		texts[path] = norm.NFKC.String(strings.Join(strings.Fields(pdftest.Text(t, []byte(res.Body))), " "))
	}
	get(nil, loc+"/badge.pdf")
	get(nil, loc+"/letter.pdf")
	get(nil, loc+"/certificate.pdf")
	for _, p := range []string{"/admin/registrations/%d/badge.pdf", "/admin/registrations/%d/badge.pdf?layout=cr80",
		"/admin/registrations/%d/letter.pdf", "/admin/registrations/%d/certificate.pdf"} {
		get(org, fmt.Sprintf(p, id))
	}
	for _, p := range []string{"/admin/badges.pdf", "/admin/badges.pdf?layout=a4-4", "/admin/badges.pdf?layout=letter-6",
		"/admin/reports/participants.pdf", "/admin/certificates.pdf"} {
		get(org, p)
	}
	return texts
}

// Text stored with characters no font can draw (as an
// import or an older version would leave it, in every field) stops no
// document: each prints, with the characters replaced visibly.
func TestUnprintableStoredTextStopsNoDocument(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	f := withVisa(validForm("smile@example.org"))
	f.Set("list_consent", "yes")
	loc := mustRegister(t, env, f)
	mustRegister(t, env, validForm("plain@example.org")) // the batch must still print others
	approveLetter(t, env, "smile@example.org")
	var id int64
	env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = 'smile@example.org'`).Scan(&id)
	desk := env.Login(model.UserCheckin)
	for _, email := range []string{"smile@example.org", "plain@example.org"} {
		var code string
		env.DB.Read.QueryRow(`SELECT checkin_code FROM registrations WHERE email = ?`, email).Scan(&code)
		scan(t, desk, code, 0)
	}
	_, err := env.DB.Write.Exec(`UPDATE registrations SET first_name = 'Smile'||?1, last_name = 'Face'||?1,
		organisation = 'Palm Org '||?1, job_title = 'Chief '||?1, passport_name = 'SMILE '||?1, phone = '+1 555 0100'||?1,
		dietary = 'Vegan '||?1, accessibility = 'Ramp '||?1, outlet = 'Outlet '||?1 WHERE id = ?2`, unprintable, id)
	if err != nil {
		t.Fatal(err)
	}
	for path, text := range everyDocument(t, env, loc, id) {
		if !strings.Contains(text, "\uFFFD") || strings.Contains(text, "😀") {
			t.Errorf("%s: the unprintable characters are not replaced visibly:\n%s", path, text)
		}
		if !strings.Contains(text, "Smile") && !strings.Contains(text, "SMILE") {
			t.Errorf("%s: the name is missing:\n%s", path, text)
		}
	}
	// Then the badge name alone holds them, and the badge prints that.
	env.DB.Write.Exec(`UPDATE registrations SET first_name = 'Smile', badge_name = 'Smiley '||? WHERE id = ?`, unprintable, id)
	if text := pdftest.Text(t, []byte(env.Get(loc+"/badge.pdf").Body)); !strings.Contains(text, "Smiley \uFFFD") {
		t.Errorf("badge with an unprintable badge name:\n%s", text)
	}
}

// The forms refuse, in every printed field,
// characters no badge can print, and in every one-line field invisible
// format characters, saying which; nothing is stored.
func TestFormsRefuseUnprintableAndFormatCharacters(t *testing.T) {
	env := webtest.New(t)
	fields := []string{"first_name", "last_name", "badge_name", "organisation", "job_title", "passport_name"}
	for _, field := range fields {
		for _, tc := range []struct{ value, says string }{
			{"Smile😀", "“😀” (U+1F600)"},
			{"Palm 🌴 中", "“🌴” (U+1F334), “中” (U+4E2D)"},
			{"Smith\u202E", "U+202E"},
			{"one\u2028two", "U+2028"},
		} {
			f := withVisa(validForm("refused@example.org"))
			f.Set(field, tc.value)
			res := register(env, f)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s = %q: %d, want 422", field, tc.value, res.StatusCode)
				continue
			}
			doc := res.Doc()
			if v, _ := doc.Find(`[name=` + field + `]`).Attr("value"); v != tc.value {
				t.Errorf("%s = %q: the form came back with %q", field, tc.value, v)
			}
			if msg := doc.Find(`#` + field + `-error`).Text(); !strings.Contains(msg, tc.says) {
				t.Errorf("%s = %q: message %q does not name %s", field, tc.value, msg, tc.says)
			}
		}
	}
	if n := count(t, env, `SELECT count(*) FROM registrations`); n != 0 {
		t.Errorf("%d registrations stored from refused forms", n)
	}
	// Joiners that scripts need, and right-to-left names, are welcome.
	f := validForm("joiner@example.org")
	f.Set("first_name", "می\u200Cخواهم")
	f.Set("last_name", "כהן")
	f.Set("organisation", "وزارة الداخلية")
	mustRegister(t, env, f)
	// The organisers' edit form keeps the same rule.
	r := registered(t, env, "edited@example.org")
	org := env.Login(model.UserOrganiser)
	ef := validForm("edited@example.org")
	ef.Set("organisation", "Palm Org 🌴")
	ef.Set("category", "participant")
	if res := org.PostAdmin(fmt.Sprintf("/admin/registrations/%d/edit", r.ID), ef); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("organiser edit with an emoji: %d, want 422", res.StatusCode)
	}
}

// A format character already stored (before the rule,
// or by an import) reaches no export: the CSV drops it and turns a line
// separator into a space.
func TestCSVExportDefusesStoredFormatCharacters(t *testing.T) {
	env := webtest.New(t)
	r := registered(t, env, "rlo@example.org")
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET last_name = 'Smith'||char(0x202E)||'gpj.exe', organisation = 'One'||char(0x2028)||'Two' WHERE id = ?`, r.ID); err != nil {
		t.Fatal(err)
	}
	org := env.Login(model.UserOrganiser)
	res := org.Get("/admin/registrations.csv")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("CSV: %d", res.StatusCode)
	}
	if strings.ContainsAny(res.Body, "\u202E\u2028") {
		t.Error("the CSV carries a format or separator character")
	}
	if !strings.Contains(res.Body, "Smithgpj.exe") || !strings.Contains(res.Body, "One Two") {
		t.Errorf("CSV:\n%s", res.Body)
	}
	// The badge drops them too: the override cannot turn the name around.
	badge := org.Get(fmt.Sprintf("/admin/registrations/%d/badge.pdf", r.ID))
	if text := strings.Join(strings.Fields(pdftest.Text(t, []byte(badge.Body))), " "); !strings.Contains(text, "Désirée Smithgpj.exe") {
		t.Errorf("badge: %s", text)
	}
}

// Through the real app: right-to-left names typed in the
// form print in reading order (pdftotext gives back the logical order;
// Arabic comes back as joined presentation forms, the same letters under
// NFKC) on the badge, the certificate and the list of participants.
func TestRightToLeftNamesPrintInReadingOrder(t *testing.T) {
	env := webtest.New(t)
	f := validForm("rtl@example.org")
	f.Set("first_name", "דוד")
	f.Set("last_name", "כהן")
	f.Set("organisation", "وزارة الداخلية")
	f.Set("job_title", "ضابط شرطة")
	f.Set("list_consent", "yes")
	loc := mustRegister(t, env, f)
	var id int64
	var code string
	env.DB.Read.QueryRow(`SELECT id, checkin_code FROM registrations WHERE email = 'rtl@example.org'`).Scan(&id, &code)
	scan(t, env.Login(model.UserCheckin), code, 0)
	org := env.Login(model.UserOrganiser)
	for path, res := range map[string]*webtest.Response{
		"own badge":    env.Get(loc + "/badge.pdf"),
		"certificate":  org.Get(fmt.Sprintf("/admin/registrations/%d/certificate.pdf", id)),
		"participants": org.Get("/admin/reports/participants.pdf"),
	} {

		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, res.StatusCode)
			continue
		}
		if path == "participants" {
			// One table row holds three right-to-left cells, which
			// pdftotext's flow puts out of order; read the row's words
			// from the right instead, each word's glyphs likewise.
			if got, want := rowRightToLeft(t, []byte(res.Body), "דוד"), "وزارة الداخلية ضابط شرطة כהן, דוד"; got != want {
				t.Errorf("participants row, read right to left: %q, want %q", got, want)
			}
			continue
		}
		text := norm.NFKC.String(strings.Join(strings.Fields(pdftest.Text(t, []byte(res.Body))), " "))
		for _, want := range []string{"דוד כהן", "وزارة الداخلية"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: %q missing from %s", path, want, text)
			}
		}
	}
}

// rowRightToLeft reads the line of pdf that holds word from right to left,
// as a right-to-left reader does: words by position, each word's glyphs
// reversed (pdftotext -bbox gives them in drawing order), under NFKC.
func rowRightToLeft(t *testing.T, pdf []byte, word string) string {
	t.Helper()
	words, _ := pdftest.Words(t, pdf)
	var row []pdftest.Word
	for _, w := range words {
		if w.Text == word {
			for _, o := range words {
				if o.Page == w.Page && o.YMin == w.YMin {
					row = append(row, o)
				}
			}
			break
		}
	}
	slices.SortFunc(row, func(a, b pdftest.Word) int { return int(b.XMin*100 - a.XMin*100) })
	var out []string
	for _, w := range row {
		rs := []rune(w.Text)
		slices.Reverse(rs)
		out = append(out, norm.NFKC.String(string(rs)))
	}
	return strings.Join(out, " ")
}

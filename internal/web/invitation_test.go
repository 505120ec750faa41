package web_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// setMode puts the conference in registration mode m.
func setMode(t *testing.T, env *webtest.Env, m string) {
	t.Helper()
	setConference(t, env, `registration_mode = ?`, m)
}

// In invitation mode the public form is a page saying how to be
// nominated; a registration posted anyway is refused with 403, nothing
// stored, and the page says how to get a nomination, in the visitor's
// language.
func TestInvitationRefusesRegistrationWithoutNomination(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setConference(t, env, `contact_email = 'desk@example.org'`)
	setMode(t, env, model.ModeInvitation)
	for _, tc := range []struct{ lang, title, how, refused string }{
		{"en", "Registration by nomination", "focal point", "nothing was saved"},
		{"es", "Inscripción por designación", "punto focal", "no se ha guardado nada"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			cl := env.Client()
			page := cl.Get("/register?lang=" + tc.lang)
			if page.StatusCode != http.StatusOK {
				t.Fatalf("GET /register: %d", page.StatusCode)
			}
			doc := page.Doc()
			if h := strings.TrimSpace(doc.Find("h1").Text()); h != tc.title {
				t.Errorf("heading %q, want %q", h, tc.title)
			}
			main := doc.Find("main").Text()
			if !strings.Contains(main, tc.how) || !strings.Contains(main, "desk@example.org") {
				t.Errorf("the page does not say how to be nominated or whom to ask:\n%s", main)
			}
			if doc.Find(`main form[action="/register"]`).Length() != 0 {
				t.Error("the registration form is still shown")
			}
			if doc.Find(`[data-testid=invitation-press] a[href="/press/accreditation"]`).Length() != 1 ||
				doc.Find(`[data-testid=find-registration] a[href="/registration/lost"]`).Length() != 1 {
				t.Error("no link to the press accreditation or to find one's registration")
			}
			before := count(t, env, `SELECT count(*) FROM registrations`)
			mails := count(t, env, `SELECT count(*) FROM outbox`)
			// A form token from the page's other forms would do; the post
			// is refused whatever it carries.
			f := validForm("uninvited-" + tc.lang + "@example.org")
			f.Set("_csrf", webtest.FormToken(t, cl.Get("/press/accreditation"), "/press/accreditation"))
			res := cl.PostForm("/register", f)
			if res.StatusCode != http.StatusForbidden {
				t.Fatalf("POST /register = %d, want 403", res.StatusCode)
			}
			if got := res.Doc().Find("[data-testid=invitation-refused]").Text(); !strings.Contains(got, tc.refused) {
				t.Errorf("the refusal %q does not say nothing was saved (%q)", got, tc.refused)
			}
			if !strings.Contains(res.Doc().Find("main").Text(), tc.how) {
				t.Error("the refusal does not say how to get a nomination")
			}
			if n := count(t, env, `SELECT count(*) FROM registrations`); n != before {
				t.Errorf("%d registrations, want %d: something was stored", n, before)
			}
			if n := count(t, env, `SELECT count(*) FROM outbox`); n != mails {
				t.Error("a message was queued")
			}
		})
	}
	// The home page's call reads accordingly.
	home := env.Client().Get("/")
	if got := strings.TrimSpace(home.Doc().Find("[data-testid=register-call]").Text()); got != "How to register" {
		t.Errorf("home page's call %q, want %q", got, "How to register")
	}
}

// Press accreditation stays open in invitation mode; modes "both" and
// "open" keep the public form as before.
func TestInvitationPressStaysOpenAndOtherModes(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setMode(t, env, model.ModeInvitation)
	res := env.Client().Submit("/press/accreditation", "/press/accreditation", pseudoPressForm("reporter@example.org"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("press accreditation in invitation mode = %d\n%s", res.StatusCode, res.Doc().Find("main").Text())
	}
	for _, m := range []string{model.ModeBoth, model.ModeOpen} {
		setMode(t, env, m)
		page := env.Client().Get("/register")
		if page.Doc().Find(`form[action="/register"]`).Length() != 1 {
			t.Errorf("mode %s: no registration form", m)
		}
		mustRegister(t, env, validForm("public-"+m+"@example.org"))
		home := env.Client().Get("/")
		if got := strings.TrimSpace(home.Doc().Find("[data-testid=register-call]").Text()); got != "Register" {
			t.Errorf("mode %s: home page's call %q", m, got)
		}
	}
}

// The settings form shows the mode, saves it (audited), keeps it when
// another setting is refused, and saving other settings keeps it.
func TestInvitationSettingsRoundTrip(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	f := settingsForm(t, org)
	if f.Get("registration_mode") != model.ModeOpen {
		t.Fatalf("the form shows mode %q, want open", f.Get("registration_mode"))
	}
	f.Set("registration_mode", model.ModeInvitation)
	if res := org.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving = %d\n%s", res.StatusCode, res.Doc().Find(".error-summary").Text())
	}
	if m := currentMode(t, env); m != model.ModeInvitation {
		t.Fatalf("mode %q after saving, want invitation", m)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE entity = 'conference' AND changes LIKE '%registration_mode%invitation%'`); n != 1 {
		t.Errorf("%d audit lines name the new mode, want 1", n)
	}
	// Saving other settings keeps the mode.
	f = settingsForm(t, org)
	if f.Get("registration_mode") != model.ModeInvitation {
		t.Errorf("the form shows mode %q, want invitation", f.Get("registration_mode"))
	}
	f.Set("city", "Kingston")
	if res := org.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving = %d", res.StatusCode)
	}
	if m := currentMode(t, env); m != model.ModeInvitation {
		t.Errorf("mode %q after saving the city, want invitation", m)
	}
	// A form without the field (an older page) keeps it too.
	f.Del("registration_mode")
	org.PostAdmin("/admin/settings", f)
	if m := currentMode(t, env); m != model.ModeInvitation {
		t.Errorf("mode %q after a form without it, want invitation", m)
	}
	// Refused elsewhere: the choice typed is shown again, nothing saved.
	f = settingsForm(t, org)
	f.Set("registration_mode", model.ModeBoth)
	f.Set("capacity", "zero")
	res := org.PostAdmin("/admin/settings", f)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a bad capacity = %d", res.StatusCode)
	}
	if v := webtest.FormValues(t, res, "/admin/settings").Get("registration_mode"); v != model.ModeBoth {
		t.Errorf("the form shows %q again, want both", v)
	}
	if m := currentMode(t, env); m != model.ModeInvitation {
		t.Errorf("mode %q after a refused save, want invitation", m)
	}
	// A made-up mode is refused beside the field.
	f.Set("capacity", "300")
	f.Set("registration_mode", "everyone")
	res = org.PostAdmin("/admin/settings", f)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Choose who may register") {
		t.Errorf("a made-up mode = %d", res.StatusCode)
	}
}

func currentMode(t *testing.T, env *webtest.Env) string {
	t.Helper()
	var m string
	if err := env.DB.Read.QueryRow(`SELECT registration_mode FROM conference WHERE id = ?`, env.Conference.ID).Scan(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

// newFocalPoint adds a focal point for country code through the store and
// returns their letters page's path.
func newFocalPoint(t *testing.T, env *webtest.Env, code, email string) (int64, string) {
	t.Helper()
	token := registration.NewManageToken()
	var id int64
	err := env.Store.Update(t.Context(), func(tx *store.Tx) error {
		var err error
		id, err = tx.CreateFocalPoint(model.FocalPoint{ConferenceID: env.Conference.ID, Country: code, Name: "Ana Focal",
			Email: email, Language: "en", CreatedAt: env.Clock.Now()}, registration.HashToken(token))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id, "/nominate/" + token + "/documents"
}

// newNomination adds a standing nomination by focal point fp.
func newNomination(t *testing.T, env *webtest.Env, fp int64, code, first, last, email string) int64 {
	t.Helper()
	var id int64
	err := env.Store.Update(t.Context(), func(tx *store.Tx) error {
		var err error
		id, err = tx.CreateNomination(model.Nomination{ConferenceID: env.Conference.ID, FocalPointID: fp, Country: code,
			FirstName: first, LastName: last, Email: email, CreatedAt: env.Clock.Now()},
			registration.HashToken(registration.NewManageToken()))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// samplePDF is a small PDF of n bytes at least.
func samplePDF(n int) []byte {
	build := func(pad int) []byte {
		content := "BT /F1 12 Tf 72 720 Td (Note Verbale) Tj ET\n"
		if pad > 0 {
			content += "%" + strings.Repeat("0", pad) + "\n" // a comment: the size asked for
		}
		objects := []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
			fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(content), content),
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		}
		var b bytes.Buffer
		b.WriteString("%PDF-1.4\n% nomination letter\n")
		offsets := make([]int, len(objects))
		for i, o := range objects {
			offsets[i] = b.Len()
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
		}
		xref := b.Len()
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
		for _, off := range offsets {
			fmt.Fprintf(&b, "%010d 00000 n \n", off)
		}
		fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
		return b.Bytes()
	}
	b := build(0)
	if len(b) < n {
		b = build(n - len(b))
	}
	return b
}

// uploadLetter sends a letter from the focal point's page as a browser does.
func uploadLetter(t *testing.T, cl *webtest.Client, path string, fields url.Values, name string, content []byte) *webtest.Response {
	t.Helper()
	page := cl.Get(path)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, page.StatusCode)
	}
	f := url.Values{"_csrf": {webtest.FormToken(t, page, path)}}
	for k, v := range fields {
		f[k] = v
	}
	body, ctype := letterMultipart(t, f, name, content)
	req := httptest.NewRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", ctype)
	return cl.Do(req)
}

func letterMultipart(t *testing.T, fields url.Values, name string, content []byte) (*bytes.Buffer, string) {
	t.Helper()
	r, ctype := pressMultipart(t, fields, "", nil)
	buf := new(bytes.Buffer)
	buf.ReadFrom(r)
	if name == "" {
		return buf, ctype
	}
	// pressMultipart names its file field "file"; a letter's is "letter".
	boundary := strings.TrimPrefix(ctype, "multipart/form-data; boundary=")
	body := strings.TrimSuffix(buf.String(), "--"+boundary+"--\r\n")
	var out bytes.Buffer
	out.WriteString(body)
	out.WriteString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"letter\"; filename=\"" + name +
		"\"\r\nContent-Type: application/pdf\r\n\r\n")
	out.Write(content)
	out.WriteString("\r\n--" + boundary + "--\r\n")
	return &out, ctype
}

func lettersDir(env *webtest.Env) string {
	return filepath.Join(filepath.Dir(env.Config.DBPath), "nominations")
}

// A focal point uploads a letter from their link: kept under a generated
// name with its SHA-256, listed on their page (without a link), audited.
// A PNG renamed .pdf and an 11 MB file are refused with a page, not a 500,
// and leave nothing behind.
func TestNominationLetterUpload(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	fp, path := newFocalPoint(t, env, "JM", "focal@mfa.gov.jm")
	nom := newNomination(t, env, fp, "JM", "Marcia", "Grant", "marcia@mfa.gov.jm")
	cl := env.Client()

	letter := samplePDF(40_000)
	res := uploadLetter(t, cl, path, url.Values{"covers": {"delegation"}}, "Note verbale 12-2027.pdf", letter)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload = %d\n%s", res.StatusCode, res.Doc().Find("main").Text())
	}
	var d struct {
		stored, name, sum string
		size              int64
	}
	if err := env.DB.Read.QueryRow(`SELECT stored_name, original_name, sha256, size FROM nomination_documents WHERE country = 'JM'`).
		Scan(&d.stored, &d.name, &d.sum, &d.size); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(letter)
	if d.sum != hex.EncodeToString(sum[:]) || d.size != int64(len(letter)) || d.name != "Note verbale 12-2027.pdf" {
		t.Errorf("recorded %+v, want SHA-256 %x and %d bytes", d, sum, len(letter))
	}
	onDisk, err := os.ReadFile(filepath.Join(lettersDir(env), d.stored))
	if err != nil {
		t.Fatal(err)
	}
	if disk := sha256.Sum256(onDisk); disk != sum {
		t.Error("the stored file's SHA-256 differs from the upload's")
	}
	if strings.Contains(d.stored, "Note") {
		t.Errorf("stored under the uploader's name %q", d.stored)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'upload_letter' AND entity = 'nomination_document'`); n != 1 {
		t.Errorf("%d audit lines, want 1", n)
	}
	page := cl.Get(path + "?uploaded=1")
	row := page.Doc().Find("[data-testid=letters] tbody tr")
	if row.Length() != 1 || !strings.Contains(row.Text(), "Note verbale 12-2027.pdf") || !strings.Contains(row.Text(), "The whole delegation") {
		t.Errorf("the list shows %q", row.Text())
	}
	if page.Doc().Find("[data-testid=letters] a").Length() != 0 {
		t.Error("the focal point's list links to a letter")
	}

	// One nominee's letter.
	res = uploadLetter(t, cl, path, url.Values{"covers": {"nominee"}, "nominee": {strconv.FormatInt(nom, 10)}}, "grant.pdf", samplePDF(100))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("nominee's letter = %d\n%s", res.StatusCode, res.Doc().Find("main").Text())
	}
	if n := count(t, env, `SELECT count(*) FROM nomination_documents WHERE nomination_id = ?`, nom); n != 1 {
		t.Errorf("%d letters for the nominee, want 1", n)
	}
	// Another country's nominee cannot be named.
	other, _ := newFocalPoint(t, env, "BB", "focal@foreign.gov.bb")
	bb := newNomination(t, env, other, "BB", "Kemar", "Holder", "kemar@foreign.gov.bb")
	res = uploadLetter(t, cl, path, url.Values{"covers": {"nominee"}, "nominee": {strconv.FormatInt(bb, 10)}}, "holder.pdf", samplePDF(100))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("another country's nominee = %d, want 422", res.StatusCode)
	}

	files := func() int {
		es, _ := os.ReadDir(lettersDir(env))
		return len(es)
	}
	before, rows := files(), count(t, env, `SELECT count(*) FROM nomination_documents`)
	// A PNG renamed .pdf.
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 600)...)
	res = uploadLetter(t, cl, path, url.Values{"covers": {"delegation"}}, "letter.pdf", png)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Doc().Find(".field-error").Text(), "Only PDF files") {
		t.Errorf("a PNG named .pdf = %d: %q", res.StatusCode, res.Doc().Find(".field-error").Text())
	}
	// A PDF not named .pdf.
	res = uploadLetter(t, cl, path, url.Values{"covers": {"delegation"}}, "letter.png", samplePDF(100))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a PDF named .png = %d", res.StatusCode)
	}
	// No file.
	res = uploadLetter(t, cl, path, url.Values{"covers": {"delegation"}}, "", nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Please choose the PDF file") {
		t.Errorf("no file = %d", res.StatusCode)
	}
	// 11 MB: refused from its headers, with the site's page.
	status, body := rawPostPage(t, env, path, 11<<20)
	if status != http.StatusRequestEntityTooLarge {
		t.Errorf("an 11 MB letter = %d, want 413", status)
	}
	if !strings.Contains(body, "<h1") || !strings.Contains(body, "File too large") {
		t.Errorf("the 413 is not the site's page:\n%.300s", body)
	}
	// Just over 10 MB but within the body limit: the page again, with the limit.
	res = uploadLetter(t, cl, path, url.Values{"covers": {"delegation"}}, "over.pdf", samplePDF(registration.MaxLetterSize+1))
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(res.Doc().Find(".field-error").Text(), "10 MB") {
		t.Errorf("a letter just over 10 MB = %d: %q", res.StatusCode, res.Doc().Find(".field-error").Text())
	}
	if files() != before || count(t, env, `SELECT count(*) FROM nomination_documents`) != rows {
		t.Error("a refused letter left a file or a row")
	}
	// In Spanish, the refusal is in Spanish.
	es := env.Client()
	es.Get("/?lang=es")
	res = uploadLetter(t, es, path, url.Values{"covers": {"delegation"}}, "carta.pdf", png)
	if !strings.Contains(res.Doc().Find(".field-error").Text(), "Solo se pueden enviar archivos PDF") {
		t.Errorf("the Spanish refusal reads %q", res.Doc().Find(".field-error").Text())
	}
	// An unknown link opens nothing, and cannot send a large body.
	if res := cl.Get("/nominate/no-such-link/documents"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown link = %d", res.StatusCode)
	}
	if code := rawPost(t, env, "/nominate/no-such-link/documents", 1<<20); code != http.StatusRequestEntityTooLarge {
		t.Errorf("1 MiB under an unknown link = %d, want 413", code)
	}
}

// Only organisers open a letter: anonymous visitors are sent to the login,
// the focal point's link has no way to it, check-in and press accounts get
// 403, an organiser gets the bytes as a PDF attachment, never cached.
func TestNominationLetterDownload(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	_, path := newFocalPoint(t, env, "TT", "focal@foreign.gov.tt")
	fpClient := env.Client()
	letter := samplePDF(5000)
	if res := uploadLetter(t, fpClient, path, url.Values{"covers": {"delegation"}}, "nv.pdf", letter); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload = %d", res.StatusCode)
	}
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM nomination_documents`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	doc := "/admin/delegations/documents/" + strconv.FormatInt(id, 10)
	if res := env.Client().Get(doc); res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusNotFound {
		t.Errorf("anonymous = %d", res.StatusCode)
	} else if res.StatusCode == http.StatusSeeOther && !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Errorf("anonymous sent to %q", res.Header.Get("Location"))
	}
	if res := fpClient.Get(doc); res.StatusCode == http.StatusOK || bytes.Contains([]byte(res.Body), letter[:20]) {
		t.Errorf("the focal point's browser = %d", res.StatusCode)
	}
	for _, try := range []string{path + "/" + strconv.FormatInt(id, 10), strings.TrimSuffix(path, "/documents") + "/documents/" + strconv.FormatInt(id, 10)} {
		if res := fpClient.Get(try); res.StatusCode == http.StatusOK {
			t.Errorf("GET %s = 200", try)
		}
	}
	for _, role := range []string{model.UserCheckin, model.UserPressOfficer} {
		if res := env.Login(role).Get(doc); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s = %d, want 403", role, res.StatusCode)
		}
	}
	org := env.Login(model.UserOrganiser)
	res := org.Get(doc)
	if res.StatusCode != http.StatusOK || res.Body != string(letter) {
		t.Fatalf("organiser = %d, %d bytes", res.StatusCode, len(res.Body))
	}
	for h, want := range map[string]string{"Content-Type": "application/pdf", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, "nv.pdf") {
		t.Errorf("Content-Disposition %q", cd)
	}
	if res := org.Get("/admin/delegations/documents/999999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown letter = %d", res.StatusCode)
	}
	// The delegations page lists it with its link.
	page := org.Get("/admin/delegations")
	if page.Doc().Find(`[data-testid=nomination-letters] a[href="`+doc+`"]`).Length() != 1 {
		t.Error("the delegations page does not link the letter")
	}
}

// The desk finds the participants whose credentials are missing; the
// registration says which.
func TestCredentialsFilterAndDetail(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	setMode(t, env, model.ModeBoth)
	jm := registered(t, env, "jm@example.org")
	setConference(t, env, "confirm_email = 0")
	f := validForm("ht@example.org")
	f.Set("country", "HT")
	mustRegister(t, env, f)
	var ht model.Registration
	if err := env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = 'ht@example.org'`).Scan(&ht.ID); err != nil {
		t.Fatal(err)
	}
	// The first registration's country is the form's (TT): a letter for
	// the whole delegation covers it.
	_, path := newFocalPoint(t, env, "TT", "focal@foreign.gov.tt")
	if res := uploadLetter(t, env.Client(), path, url.Values{"covers": {"delegation"}}, "tt.pdf", samplePDF(300)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload = %d", res.StatusCode)
	}
	org := env.Login(model.UserOrganiser)
	lists := func(q string, r int64) bool {
		return org.Get("/admin/registrations?"+q).Doc().Find(`table a[href="/admin/registrations/`+strconv.FormatInt(r, 10)+`"]`).Length() > 0
	}
	if lists("credentials=missing", jm.ID) || !lists("credentials=missing", ht.ID) {
		t.Error("credentials=missing does not list exactly the uncovered registration")
	}
	if !lists("credentials=received", jm.ID) || lists("credentials=received", ht.ID) {
		t.Error("credentials=received does not list exactly the covered registration")
	}
	detail := org.Get("/admin/registrations/" + strconv.FormatInt(jm.ID, 10)).Doc().Find("[data-testid=credentials]")
	if !strings.Contains(detail.Text(), "Credentials received") || detail.Find("a[href^='/admin/delegations/documents/']").Length() != 1 {
		t.Errorf("the covered registration shows %q", detail.Text())
	}
	detail = org.Get("/admin/registrations/" + strconv.FormatInt(ht.ID, 10)).Doc().Find("[data-testid=credentials]")
	if !strings.Contains(detail.Text(), "Credentials missing") {
		t.Errorf("the uncovered registration shows %q", detail.Text())
	}
}

// rawPostPage is rawPost, returning the page too.
func rawPostPage(t *testing.T, env *webtest.Env, path string, length int) (int, string) {
	t.Helper()
	server, client := net.Pipe()
	served := make(chan error, 1)
	go func() { served <- env.App.Server().ServeConn(server) }()
	defer func() {
		client.Close()
		<-served
	}()
	client.SetDeadline(time.Now().Add(time.Minute))
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: confdesk.test\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: %d\r\n\r\nx", path, length)
	go client.Write([]byte(head))
	res, err := http.ReadResponse(bufio.NewReader(client), nil)
	if err != nil {
		t.Fatalf("POST %s announcing %d bytes: %v", path, length, err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(b)
}

// The list of participants and the registrations report group by
// delegation (country), heads of delegation first, in the PDF and the CSV alike.
func TestInvitationReportsGroupByDelegationHeadsFirst(t *testing.T) {
	t.Parallel()
	env, cl, ids := reportEnv(t)
	// Baptiste heads Trinidad and Tobago's delegation: first, though
	// Alvarez comes first by name.
	if _, err := env.DB.Write.Exec(`UPDATE registrations SET head_of_delegation = (id = ?) WHERE id IN (?, ?)`,
		ids[baptiste], ids[alvarez], ids[baptiste]); err != nil {
		t.Fatal(err)
	}
	_, pages := getPDF(t, cl, "/admin/reports/participants.pdf")
	wantLines(t, "participants", allLines(pages[1:]),
		"Trinidad and Tobago (2)",
		"Baptiste, Ben Analyst Ministry of National Security",
		"Head of delegation",
		"Alvarez, Ana Permanent Secretary Ministry of National Security")
	rows := getCSV(t, cl, "/admin/reports/participants.csv")
	last := rows[len(rows)-2:]
	if last[0][4] != "Baptiste" || last[0][7] != "yes" || last[1][4] != "Alvarez" || last[1][7] != "no" {
		t.Errorf("participants CSV ends %q", last)
	}

	_, pages = getPDF(t, cl, "/admin/reports/registrations.pdf")
	wantLines(t, "registrations", allLines(pages),
		"Delegations by country",
		"Country Heads of delegation Registrations",
		"Haiti None marked 2",
		"Jamaica None marked 4",
		"Trinidad and Tobago Ben Baptiste 3")
	values, _ := longRows(t, cl, "/admin/reports/registrations.csv")
	wantValues(t, "registrations CSV", values, map[string]int{
		"country_delegation|TT|heads_of_delegation": 1, "country_delegation|JM|heads_of_delegation": 0,
		"head_of_delegation|TT|head_of_delegation": 1,
	})
}

// The letters page opens in the focal point's language unless the visitor
// chose one, sends no Referer and is never cached.
func TestNominationLetterPageLanguageAndHeaders(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	token := registration.NewManageToken()
	if err := env.Store.Update(t.Context(), func(tx *store.Tx) error {
		_, err := tx.CreateFocalPoint(model.FocalPoint{ConferenceID: env.Conference.ID, Country: "DO", Name: "Rosa Peña",
			Email: "rosa@mirex.gob.do", Language: "es", CreatedAt: env.Clock.Now()}, registration.HashToken(token))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	path := "/nominate/" + token + "/documents"
	res := env.Client().Get(path)
	if h := strings.TrimSpace(res.Doc().Find("h1").Text()); h != "Cartas de designación" {
		t.Errorf("heading %q, want the Spanish one", h)
	}
	if !strings.Contains(res.Doc().Find(".lead").Text(), "República Dominicana") {
		t.Errorf("the country is not named in Spanish: %q", res.Doc().Find(".lead").Text())
	}
	for h, want := range map[string]string{"Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "Content-Language": "es"} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	if h := strings.TrimSpace(env.Client().Get(path + "?lang=en").Doc().Find("h1").Text()); h != "Nomination letters" {
		t.Errorf("with ?lang=en the heading is %q", h)
	}
}

package web_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/internal/webtest"
)

// attachDocument attaches a file to session sessionID from the session
// editor and returns the document's id (the newest).
// A link goes without a file (name "").
func attachDocument(t *testing.T, env *webtest.Env, cl *webtest.Client, sessionID string, fields url.Values, name string, content []byte) int64 {
	t.Helper()
	path := "/admin/agenda/sessions/" + sessionID + "/documents"
	var res *webtest.Response
	if name == "" {
		res = cl.PostAdmin(path, fields)
	} else {
		res = documentUpload(t, cl, path, fields, name, content)
	}
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("attach %s: %d\n%s", name, res.StatusCode, res.Body)
	}
	return newestDocument(t, env)
}

// documentUpload posts the document form with a file, as the session
// editor's attach form sends it.
func documentUpload(t *testing.T, cl *webtest.Client, path string, fields url.Values, fileName string, content []byte) *webtest.Response {
	t.Helper()
	f := url.Values{"_csrf": {cl.AdminToken()}}
	for k, v := range fields {
		f[k] = v
	}
	body, ctype := documentMultipart(t, f, fileName, bytes.NewReader(content))
	req := httptest.NewRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", ctype)
	return cl.Do(req)
}

// documentMultipart is a multipart body of fields and a "document_file" part.
func documentMultipart(t *testing.T, fields url.Values, fileName string, content io.Reader) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			if err := w.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	part, err := w.CreateFormFile("document_file", fileName)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(part, content); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}

// newestDocument is the id of the last document attached.
func newestDocument(t *testing.T, env *webtest.Env) int64 {
	t.Helper()
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT max(id) FROM session_documents`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// publishedSession is the first published session's id in the demo agenda.
func publishedSession(t *testing.T, env *webtest.Env) string {
	t.Helper()
	var id int64
	if err := env.DB.Read.QueryRow(`SELECT min(id) FROM sessions WHERE published = 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(id, 10)
}

func documentCount(t *testing.T, env *webtest.Env) int {
	t.Helper()
	var n int
	if err := env.DB.Read.QueryRow(`SELECT count(*) FROM session_documents`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// documentFiles lists the stored files of session documents.
func documentFiles(t *testing.T, env *webtest.Env) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(filepath.Dir(env.Config.DBPath), "session-documents"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func docPath(session string, id int64) string {
	return "/agenda/sessions/" + session + "/documents/" + strconv.FormatInt(id, 10)
}

// TestSessionDocumentUploadRules: the press room's rules hold — a PNG
// named .pdf is refused beside the file field, nothing stored; no file and
// no link, or both, are refused; a link must be http(s).
func TestSessionDocumentUploadRules(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	session := publishedSession(t, env)
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewRGBA(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	fields := url.Values{"document_title": {"Slides"}, "document_language": {"en"}, "document_visibility": {"public"}}
	res := documentUpload(t, cl, "/admin/agenda/sessions/"+session+"/documents", fields, "slides.pdf", pic.Bytes())
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("PNG named .pdf: %d, want 422", res.StatusCode)
	}
	if msg := res.Doc().Find(`[data-testid=file-error]`).Text(); !strings.Contains(msg, "not a PDF") {
		t.Errorf("file error %q", msg)
	}
	if n := documentCount(t, env); n != 0 {
		t.Errorf("%d documents stored after a refusal", n)
	}
	if files := documentFiles(t, env); len(files) != 0 {
		t.Errorf("files left behind: %v", files)
	}

	for name, form := range map[string]url.Values{
		"neither":    {"document_title": {"Recording"}, "document_language": {"en"}, "document_visibility": {"public"}},
		"javascript": {"document_title": {"Recording"}, "document_language": {"en"}, "document_visibility": {"public"}, "document_url": {"javascript:alert(1)"}},
		"ftp":        {"document_title": {"Recording"}, "document_language": {"en"}, "document_visibility": {"public"}, "document_url": {"ftp://example.org/x"}},
		"language":   {"document_title": {"Recording"}, "document_language": {"de"}, "document_visibility": {"public"}, "document_url": {"https://example.org/x"}},
		"visibility": {"document_title": {"Recording"}, "document_language": {"en"}, "document_visibility": {"secret"}, "document_url": {"https://example.org/x"}},
		"title":      {"document_title": {" "}, "document_language": {"en"}, "document_visibility": {"public"}, "document_url": {"https://example.org/x"}},
	} {
		form.Set("_csrf", cl.AdminToken())
		if res := cl.PostForm("/admin/agenda/sessions/"+session+"/documents", form); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", name, res.StatusCode)
		}
	}
	// A file and a link at once.
	res = documentUpload(t, cl, "/admin/agenda/sessions/"+session+"/documents",
		url.Values{"document_title": {"Both"}, "document_language": {"en"}, "document_visibility": {"public"}, "document_url": {"https://example.org/x"}}, "note.pdf", samplePDF(100))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("file and link: %d, want 422", res.StatusCode)
	}
	if n := documentCount(t, env); n != 0 {
		t.Errorf("%d documents stored after refusals", n)
	}
	// A press officer may not attach documents.
	po := env.Login(model.UserPressOfficer)
	if res := documentUpload(t, po, "/admin/agenda/sessions/"+session+"/documents", fields, "note.pdf", samplePDF(100)); res.StatusCode != http.StatusForbidden {
		t.Errorf("press officer: %d, want 403", res.StatusCode)
	}
}

// TestSessionDocumentPublic: a public document is listed on the session's
// page, on /agenda and in agenda.json, and served at its public address
// with its type, nosniff and an ETag; a link redirects.
func TestSessionDocumentPublic(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	session := publishedSession(t, env)
	pdf := samplePDF(2000)
	id := attachDocument(t, env, cl, session, url.Values{"document_title": {"Nota conceptual"}, "document_language": {"es"}, "document_visibility": {"public"}}, "nota.pdf", pdf)
	linkID := attachDocument(t, env, cl, session, url.Values{"document_title": {"Recording"}, "document_language": {"en"}, "document_visibility": {"public"},
		"document_url": {"https://video.example.org/opening"}}, "", nil)

	page := env.Get("/agenda/" + session)
	docs := page.Doc().Find(`[data-testid=session-documents] [data-testid=session-document]`)
	if docs.Length() != 2 {
		t.Fatalf("session page lists %d documents, want 2\n%s", docs.Length(), page.Body)
	}
	first := docs.First()
	if href, _ := first.Find("a").Attr("href"); href != docPath(session, id) {
		t.Errorf("document link %q", href)
	}
	if txt := first.Text(); !strings.Contains(txt, "Nota conceptual") || !strings.Contains(txt, "PDF") || !strings.Contains(txt, "Español") || !strings.Contains(txt, "KB") {
		t.Errorf("document line %q: want title, type, size and language", txt)
	}
	if href, _ := docs.Eq(1).Find("a").Attr("href"); href != "https://video.example.org/opening" {
		t.Errorf("link %q", href)
	}
	if n := env.Get("/agenda").Doc().Find(`[data-testid=agenda-documents] [data-testid=session-document]`).Length(); n != 2 {
		t.Errorf("/agenda lists %d documents, want 2", n)
	}

	res := env.Get(docPath(session, id))
	if res.StatusCode != http.StatusOK || res.Body != string(pdf) {
		t.Fatalf("public document: %d, %d bytes", res.StatusCode, len(res.Body))
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "inline") || !strings.Contains(cd, "nota.pdf") {
		t.Errorf("Content-Disposition %q", cd)
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	req := httptest.NewRequest(http.MethodGet, docPath(session, id), nil)
	req.Header.Set("If-None-Match", etag)
	if res := env.Do(req); res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", res.StatusCode)
	}
	if res := env.Get(docPath(session, linkID)); res.StatusCode != http.StatusFound || res.Header.Get("Location") != "https://video.example.org/opening" {
		t.Errorf("link: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	// The document under another session's address is not there.
	var other string
	if err := env.DB.Read.QueryRow(`SELECT max(id) FROM sessions WHERE published = 1`).Scan(&other); err != nil {
		t.Fatal(err)
	}
	if res := env.Get("/agenda/sessions/" + other + "/documents/" + strconv.FormatInt(id, 10)); res.StatusCode != http.StatusNotFound {
		t.Errorf("under another session: %d, want 404", res.StatusCode)
	}

	var feed struct {
		Sessions []struct {
			ID          int64 `json:"id"`
			Attachments []struct {
				Title, URL, Language, Type string
			} `json:"attachments"`
		} `json:"sessions"`
	}
	if err := json.Unmarshal([]byte(env.Get("/agenda.json").Body), &feed); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range feed.Sessions {
		if s.Attachments == nil {
			t.Errorf("session %d: attachments missing, want []", s.ID)
		}
		if strconv.FormatInt(s.ID, 10) != session {
			continue
		}
		found = true
		if len(s.Attachments) != 2 {
			t.Fatalf("attachments %+v", s.Attachments)
		}
		a := s.Attachments[0]
		if a.Title != "Nota conceptual" || a.URL != "http://confdesk.test"+docPath(session, id) || a.Language != "es" || a.Type != "application/pdf" {
			t.Errorf("attachment %+v", a)
		}
		if b := s.Attachments[1]; b.URL != "https://video.example.org/opening" || b.Type != "link" {
			t.Errorf("link attachment %+v", b)
		}
	}
	if !found {
		t.Error("session not in the feed")
	}
}

// TestSessionDocumentParticipantsOnly: a participants-only document is
// nowhere public and 404 at the public address (anonymously, and to an
// organiser); a confirmed participant finds it on their own page and opens
// it under their link (no-store, no Referer); pending and cancelled
// registrations get 404.
func TestSessionDocumentParticipantsOnly(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	session := publishedSession(t, env)
	pdf := samplePDF(500)
	id := attachDocument(t, env, cl, session, url.Values{"document_title": {"Outcome draft"}, "document_language": {"en"}, "document_visibility": {"participants"}}, "outcome.pdf", pdf)

	if res := env.Get(docPath(session, id)); res.StatusCode != http.StatusNotFound {
		t.Errorf("anonymous public address: %d, want 404", res.StatusCode)
	}
	if res := cl.Get(docPath(session, id)); res.StatusCode != http.StatusNotFound {
		t.Errorf("organiser at the public address: %d, want 404", res.StatusCode)
	}
	if strings.Contains(env.Get("/agenda/"+session).Body, "Outcome draft") || strings.Contains(env.Get("/agenda").Body, "Outcome draft") ||
		strings.Contains(env.Get("/agenda.json").Body, "Outcome draft") {
		t.Error("a participants-only document is listed publicly")
	}

	self := mustRegister(t, env, validForm("delegate@example.org"))
	setStatus := func(status string) {
		t.Helper()
		if _, err := env.DB.Write.Exec(`UPDATE registrations SET status = ? WHERE email = 'delegate@example.org'`, status); err != nil {
			t.Fatal(err)
		}
	}
	own := self + "/documents/" + strconv.FormatInt(id, 10)
	setStatus(model.StatusPending)
	if env.Get(self).Doc().Find(`[data-testid=participant-documents]`).Length() != 0 {
		t.Error("a pending registration lists participants' documents")
	}
	if res := env.Get(own); res.StatusCode != http.StatusNotFound {
		t.Errorf("pending: %d, want 404", res.StatusCode)
	}

	setStatus(model.StatusConfirmed)
	links := env.Get(self).Doc().Find(`[data-testid=participant-documents] [data-testid=participant-document] a`)
	if links.Length() != 1 {
		t.Fatalf("confirmed: %d participants' documents listed, want 1", links.Length())
	}
	href, _ := links.Attr("href")
	if href != own {
		t.Errorf("link %q, want %q", href, own)
	}
	res := env.Get(href)
	if res.StatusCode != http.StatusOK || res.Body != string(pdf) {
		t.Fatalf("own link: %d", res.StatusCode)
	}
	if res.Header.Get("Cache-Control") != "no-store" || res.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("own link headers: Cache-Control %q, Referrer-Policy %q", res.Header.Get("Cache-Control"), res.Header.Get("Referrer-Policy"))
	}
	// Another token, or none, opens nothing.
	if res := env.Get("/registration/not-a-token/documents/" + strconv.FormatInt(id, 10)); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown token: %d, want 404", res.StatusCode)
	}

	setStatus(model.StatusCancelled)
	if res := env.Get(own); res.StatusCode != http.StatusNotFound {
		t.Errorf("cancelled: %d, want 404", res.StatusCode)
	}
	if env.Get(self).Doc().Find(`[data-testid=participant-documents]`).Length() != 0 {
		t.Error("a cancelled registration lists participants' documents")
	}

	// Once the registration is erased, the link opens nothing.
	setStatus(model.StatusConfirmed)
	if res := env.Get(own); res.StatusCode != http.StatusOK {
		t.Fatalf("confirmed again: %d", res.StatusCode)
	}
	var erasedID int64
	if err := env.DB.Read.QueryRow(`SELECT id FROM registrations WHERE email = 'delegate@example.org'`).Scan(&erasedID); err != nil {
		t.Fatal(err)
	}
	reg, err := env.Store.Registration(t.Context(), erasedID)
	if err != nil {
		t.Fatal(err)
	}
	adm := env.Login(model.UserAdmin)
	if res := adm.PostAdmin(regPath(reg.ID)+"/erase", url.Values{"confirm": {reg.Reference}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("erase: %d", res.StatusCode)
	}
	if res := env.Get(own); res.StatusCode != http.StatusNotFound {
		t.Errorf("erased: %d, want 404", res.StatusCode)
	}
}

// TestSessionDocumentEditDelete: editing and deleting are audited; the
// deletion asks first, then removes the row and the file, and the public
// address answers 404.
func TestSessionDocumentEditDelete(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	session := publishedSession(t, env)
	id := attachDocument(t, env, cl, session, url.Values{"document_title": {"Slides"}, "document_language": {"en"}, "document_visibility": {"public"}}, "slides.pdf", samplePDF(100))
	if files := documentFiles(t, env); len(files) != 1 {
		t.Fatalf("stored files %v", files)
	}
	admin := "/admin/agenda/sessions/" + session + "/documents/" + strconv.FormatInt(id, 10)
	if res := cl.Get("/admin/agenda/sessions/" + session + "/edit"); !strings.Contains(res.Doc().Find(`[data-testid=session-documents]`).Text(), "Slides") {
		t.Error("the session editor does not list the document")
	}
	if res := cl.Get(admin); res.StatusCode != http.StatusOK {
		t.Fatalf("edit page: %d", res.StatusCode)
	}
	res := cl.PostAdmin(admin, url.Values{"document_title": {"Slides (final)"}, "document_language": {"fr"}, "document_visibility": {"participants"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d\n%s", res.StatusCode, res.Body)
	}
	d, err := env.Store.SessionDocument(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Slides (final)" || d.Language != "fr" || d.Visibility != model.DocumentParticipants {
		t.Errorf("saved %+v", d)
	}
	if res := env.Get(docPath(session, id)); res.StatusCode != http.StatusNotFound {
		t.Errorf("made participants-only: public address %d, want 404", res.StatusCode)
	}
	if res := cl.Get(admin + "/download"); res.StatusCode != http.StatusOK {
		t.Errorf("organiser download: %d", res.StatusCode)
	}
	if res := cl.Get(admin + "/delete"); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Slides (final)") {
		t.Errorf("confirmation page: %d", res.StatusCode)
	}
	if res := cl.PostAdmin(admin+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if n := documentCount(t, env); n != 0 {
		t.Errorf("%d documents after the deletion", n)
	}
	if files := documentFiles(t, env); len(files) != 0 {
		t.Errorf("files left after the deletion: %v", files)
	}
	rows, err := env.DB.Read.Query(`SELECT action, changes FROM audit_log WHERE entity = 'session_document' AND entity_id = ? ORDER BY id`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var actions []string
	for rows.Next() {
		var action, changes string
		if err := rows.Scan(&action, &changes); err != nil {
			t.Fatal(err)
		}
		actions = append(actions, action)
		if action == "update" && (!strings.Contains(changes, "Slides (final)") || !strings.Contains(changes, "participants")) {
			t.Errorf("update audit %s", changes)
		}
	}
	if strings.Join(actions, " ") != "create update delete" {
		t.Errorf("audit actions %v", actions)
	}
}

// TestSessionDocumentSizeLimit: a file one byte over 25 MB is refused
// beside the file field, nothing stored; only an organiser's upload to a
// session's documents gets the large body limit.
func TestSessionDocumentSizeLimit(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	session := publishedSession(t, env)
	path := "/admin/agenda/sessions/" + session + "/documents"
	content := io.MultiReader(bytes.NewReader(samplePDF(100)), io.LimitReader(pressZeros{}, press.MaxFileSize))
	body, ctype := documentMultipart(t, url.Values{"_csrf": {cl.AdminToken()}, "document_title": {"Huge"}, "document_language": {"en"}, "document_visibility": {"public"}}, "huge.pdf", content)
	req := httptest.NewRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", ctype)
	res := cl.Do(req)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("25 MB + 100 bytes: %d, want 422", res.StatusCode)
	}
	if msg := res.Doc().Find(`[data-testid=file-error]`).Text(); !strings.Contains(msg, "25 MB") {
		t.Errorf("file error %q", msg)
	}
	if n := documentCount(t, env); n != 0 || len(documentFiles(t, env)) != 0 {
		t.Errorf("%d documents, files %v after the refusal", n, documentFiles(t, env))
	}

	// The body limit: large for an organiser's upload here only.
	if code := rawPostSending(t, env, path, 1<<20, 1<<20, cl.Cookie("confdesk_session")); code == http.StatusRequestEntityTooLarge {
		t.Error("organiser announcing 1 MiB to a session's documents: 413")
	}
	press := env.Login(model.UserPressOfficer)
	if code := rawPost(t, env, path, 1<<20, press.Cookie("confdesk_session")); code != http.StatusRequestEntityTooLarge {
		t.Errorf("press officer announcing 1 MiB to a session's documents: %d, want 413", code)
	}
	if code := rawPost(t, env, path, 1<<20); code != http.StatusRequestEntityTooLarge {
		t.Errorf("anonymous announcing 1 MiB: %d, want 413", code)
	}
	if code := rawPost(t, env, "/admin/agenda/sessions/"+session, 1<<20, cl.Cookie("confdesk_session")); code != http.StatusRequestEntityTooLarge {
		t.Errorf("organiser announcing 1 MiB to the session's form: %d, want 413", code)
	}
	if code := rawPost(t, env, path, 27<<20, cl.Cookie("confdesk_session")); code != http.StatusRequestEntityTooLarge {
		t.Errorf("organiser announcing 27 MiB: %d, want 413", code)
	}
}

// TestSessionDeletionRemovesDocumentFiles: a deleted session's documents go
// with it, their files too.
func TestSessionDeletionRemovesDocumentFiles(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	session := publishedSession(t, env)
	attachDocument(t, env, cl, session, url.Values{"document_title": {"Slides"}, "document_language": {"en"}, "document_visibility": {"public"}}, "slides.pdf", samplePDF(100))
	if res := cl.PostAdmin("/admin/agenda/sessions/"+session+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete the session: %d", res.StatusCode)
	}
	if n := documentCount(t, env); n != 0 {
		t.Errorf("%d documents after the session's deletion", n)
	}
	if files := documentFiles(t, env); len(files) != 0 {
		t.Errorf("files left after the session's deletion: %v", files)
	}
}

package web_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/png"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/model"
	"confdesk/internal/web"
	"confdesk/internal/webtest"
)

// Contents that http.DetectContentType recognises.
var (
	pressPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	// pressEXE starts like every Windows executable: "MZ", then the DOS header.
	pressEXE = append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8\x00"), bytes.Repeat([]byte{0}, 200)...)
)

// pressPNG is a real 1×1 PNG image.
func pressPNG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pressMultipart builds a multipart/form-data body of fields and, when
// fileName is not "", a "file" part holding content.
func pressMultipart(t *testing.T, fields url.Values, fileName string, content io.Reader) (io.Reader, string) {
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
	if fileName != "" {
		part, err := w.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(part, content); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}

// pressUpload posts a multipart form with the client's form token, as the upload forms do.
func pressUpload(t *testing.T, cl *webtest.Client, path string, fields url.Values, fileName string, content []byte) *webtest.Response {
	t.Helper()
	f := url.Values{"_csrf": {cl.AdminToken()}}
	for k, v := range fields {
		f[k] = v
	}
	body, ctype := pressMultipart(t, f, fileName, bytes.NewReader(content))
	req := httptest.NewRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", ctype)
	return cl.Do(req)
}

// pressFilesDir is where the app keeps press files: beside the database.
func pressFilesDir(env *webtest.Env) string {
	return filepath.Join(filepath.Dir(env.Config.DBPath), "files")
}

// pressStoredFiles lists the files folder, hidden temporary files included.
func pressStoredFiles(t *testing.T, env *webtest.Env) []string {
	t.Helper()
	es, err := os.ReadDir(pressFilesDir(env))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// pressCount counts rows of a table (a name from the test, never from input).
func pressCount(t *testing.T, env *webtest.Env, table, where string, args ...any) int {
	t.Helper()
	var n int
	if err := env.DB.Read.QueryRow(`SELECT count(*) FROM `+table+` WHERE `+where, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// pressIDFrom is the id at the end of a redirect to an edit page.
func pressIDFrom(t *testing.T, res *webtest.Response, prefix string) int64 {
	t.Helper()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("status %d to %q, want 303 to %s…\n%s", res.StatusCode, loc, prefix, res.Body)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, prefix), 10, 64)
	if err != nil {
		t.Fatalf("redirect to %q", loc)
	}
	return id
}

// pressLastAudit is the newest audit line for an entity.
func pressLastAudit(t *testing.T, env *webtest.Env, entity string, id int64) model.AuditEntry {
	t.Helper()
	entries, err := env.Store.AuditFor(context.Background(), entity, id)
	if err != nil || len(entries) == 0 {
		t.Fatalf("no audit for %s %d: %v", entity, id, err)
	}
	return entries[0]
}

func TestPressOfficerLandsInThePressRoom(t *testing.T) {
	env := webtest.New(t)
	u := env.CreateUser(model.UserPressOfficer)
	cl := env.Client()
	res := cl.Submit("/admin/login", "/admin/login", url.Values{"email": {u.Email}, "password": {webtest.TestPassword}})
	if loc := res.Header.Get("Location"); loc != "/admin/press" {
		t.Fatalf("after login: to %q, want /admin/press", loc)
	}
	page := cl.Get("/admin/press")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("/admin/press = %d", page.StatusCode)
	}
	doc := page.Doc()
	if got := doc.Find(`[data-testid=releases] tbody tr`).Length(); got != 1 {
		t.Errorf("%d releases listed, want the demo's one", got)
	}
	row := doc.Find(`[data-testid=releases] tbody tr`).First().Text()
	if !strings.Contains(row, "Published") || !strings.Contains(row, "15 March 2027") {
		t.Errorf("release row %q", row)
	}
	if href, _ := doc.Find(`[data-testid=releases] a[href^="/press/releases/"]`).Attr("href"); href != "/press/releases/conference-opens-in-miami" {
		t.Errorf("public link %q", href)
	}
	if got := doc.Find(`[data-testid=contacts] tbody tr`).Length(); got != 2 {
		t.Errorf("%d contacts listed, want 2", got)
	}
	if !strings.Contains(doc.Find("#files-heading").Parent().Parent().Text(), "No files yet") {
		t.Error("no empty state for files")
	}
	for _, href := range []string{"/admin/press/releases/new", "/admin/press/files/new", "/admin/press/contacts/new"} {
		if doc.Find(`a[href="`+href+`"]`).Length() == 0 {
			t.Errorf("no link to %s", href)
		}
	}
	if nav := doc.Find(`nav a[aria-current=page]`).Text(); nav != "Press room" {
		t.Errorf("current navigation item %q", nav)
	}
}

func TestPressRoomEmptyStates(t *testing.T) {
	env := webtest.New(t, webtest.WithoutDemo())
	body := env.Login(model.UserOrganiser).Get("/admin/press").Doc().Find("main").Text()
	for _, want := range []string{"No press releases yet", "No files yet", "No media contacts yet"} {
		if !strings.Contains(body, want) {
			t.Errorf("missing empty state %q", want)
		}
	}
}

func TestPressReleaseLifecycle(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserPressOfficer)

	// The new form is dated today in Miami and datelined in the conference city.
	doc := cl.Get("/admin/press/releases/new").Doc()
	if v, _ := doc.Find("#release_date").Attr("value"); v != "2027-01-15" {
		t.Errorf("default date %q", v)
	}
	if v, _ := doc.Find("#dateline").Attr("value"); v != "Miami, Florida" {
		t.Errorf("default dateline %q", v)
	}

	form := url.Values{"title": {"Niurka Piñeiro briefs the press on day two"}, "release_date": {"2027-03-16"},
		"dateline": {""}, "summary": {"A short summary."}, "body": {"First paragraph.\r\n\r\n- one\r\n- two"}}
	res := cl.PostAdmin("/admin/press/releases", form)
	id := pressIDFrom(t, res, "/admin/press/releases/")
	r, err := env.Store.PressRelease(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Slug != "niurka-pineiro-briefs-the-press-on-day-two" || r.Published || r.Dateline != "Miami, Florida" ||
		r.ReleaseDate != "2027-03-16" || r.Body != "First paragraph.\n\n- one\n- two" {
		t.Errorf("stored %+v", r)
	}
	if a := pressLastAudit(t, env, "press_release", id); a.Action != "create" || a.Actor != "press_officer@example.org" {
		t.Errorf("audit %+v", a)
	}

	// The edit page previews the saved body.
	page := cl.Get(res.Header.Get("Location"))
	if page.StatusCode != http.StatusOK {
		t.Fatalf("edit page %d", page.StatusCode)
	}
	doc = page.Doc()
	if got := doc.Find(`[data-testid=flash]`).Text(); !strings.Contains(got, "draft") {
		t.Errorf("flash %q", got)
	}
	if doc.Find(`[data-testid=preview] li`).Length() != 2 || !strings.Contains(doc.Find(`[data-testid=status]`).Text(), "Draft") {
		t.Errorf("preview or status wrong:\n%s", doc.Find("main").Text())
	}

	// The same title again gets a numbered slug.
	res = cl.PostAdmin("/admin/press/releases", form)
	id2 := pressIDFrom(t, res, "/admin/press/releases/")
	if r2, _ := env.Store.PressRelease(context.Background(), id2); r2.Slug != "niurka-pineiro-briefs-the-press-on-day-two-2" {
		t.Errorf("second slug %q", r2.Slug)
	}

	// A slug typed by hand must be free and well-formed.
	for slug, msg := range map[string]string{
		"conference-opens-in-miami": "Another press release already has this web address",
		"Day Two!":                  "lower-case letters",
		"day--two":                  "lower-case letters",
		strings.Repeat("a", 81):     "at most 80",
	} {
		f := url.Values{"title": {"Edited"}, "slug": {slug}, "release_date": {"2027-03-16"}}
		res := cl.PostAdmin("/admin/press/releases/"+strconv.FormatInt(id, 10), f)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Doc().Find("#slug-error").Text(), msg) {
			t.Errorf("slug %q: %d, error %q", slug, res.StatusCode, res.Doc().Find("#slug-error").Text())
		}
		if v, _ := res.Doc().Find("#slug").Attr("value"); v != slug {
			t.Errorf("slug %q not kept: %q", slug, v)
		}
	}

	// Edit: a typed slug, and the audit records what changed.
	res = cl.PostAdmin("/admin/press/releases/"+strconv.FormatInt(id, 10), url.Values{"title": {"Day two: briefing"},
		"slug": {"day-two-briefing"}, "release_date": {"2027-03-16"}, "dateline": {"Miami"}, "summary": {"A short summary."},
		"body": {"Changed."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d\n%s", res.StatusCode, res.Body)
	}
	r, _ = env.Store.PressRelease(context.Background(), id)
	if r.Title != "Day two: briefing" || r.Slug != "day-two-briefing" || r.Dateline != "Miami" || r.Body != "Changed." {
		t.Errorf("updated %+v", r)
	}
	a := pressLastAudit(t, env, "press_release", id)
	if a.Action != "update" || a.Changes["slug"] != [2]string{"niurka-pineiro-briefs-the-press-on-day-two", "day-two-briefing"} ||
		a.Changes["body"][1] != "(8 characters)" || a.Changes["summary"] != [2]string{} {
		t.Errorf("update audit %+v", a)
	}

	// Save and publish (the edit form's own button) and unpublish, each audited.
	base := "/admin/press/releases/" + strconv.FormatInt(id, 10)
	if res := cl.PostAdmin(base, url.Values{"title": {"Day two: briefing"}, "slug": {"day-two-briefing"},
		"release_date": {"2027-03-16"}, "dateline": {"Miami"}, "summary": {"A short summary."}, "body": {"Changed again."},
		"publish": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	if r, _ = env.Store.PressRelease(context.Background(), id); !r.Published || r.Body != "Changed again." {
		t.Errorf("not published with the form's text: %+v", r)
	}
	if a := pressLastAudit(t, env, "press_release", id); a.Action != "publish" || a.Changes["published"] != [2]string{"false", "true"} ||
		a.Changes["body"][1] != "(14 characters)" {
		t.Errorf("publish audit %+v", a)
	}
	status := cl.Get(base).Doc().Find(`[data-testid=status]`)
	if href, _ := status.Find("a").Attr("href"); href != "/press/releases/day-two-briefing" || !strings.Contains(status.Text(), "Published") {
		t.Errorf("status bar %q %q", status.Text(), href)
	}
	published, _ := env.Store.PressReleases(context.Background(), env.Conference.ID, true)
	if len(published) != 2 {
		t.Errorf("%d published releases, want 2", len(published))
	}
	if res := cl.PostAdmin(base+"/unpublish", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unpublish: %d", res.StatusCode)
	}
	if r, _ = env.Store.PressRelease(context.Background(), id); r.Published {
		t.Error("still published")
	}
	if a := pressLastAudit(t, env, "press_release", id); a.Action != "unpublish" {
		t.Errorf("unpublish audit %+v", a)
	}

	// Delete asks first, then deletes.
	confirm := cl.Get(base + "/delete")
	if confirm.StatusCode != http.StatusOK || confirm.Doc().Find(`form[action="`+base+`/delete"] button`).Length() != 1 {
		t.Fatalf("confirmation page %d", confirm.StatusCode)
	}
	if res := cl.PostAdmin(base+"/delete", nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/press" {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if _, err := env.Store.PressRelease(context.Background(), id); err == nil {
		t.Error("release still there")
	}
	if a := pressLastAudit(t, env, "press_release", id); a.Action != "delete" {
		t.Errorf("delete audit %+v", a)
	}
	if res := cl.Get(base); res.StatusCode != http.StatusNotFound {
		t.Errorf("deleted release's page: %d", res.StatusCode)
	}
	for _, path := range []string{"/admin/press/releases/999", "/admin/press/releases/abc", "/admin/press/releases/-1"} {
		if res := cl.Get(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, res.StatusCode)
		}
	}
}

func TestPressReleaseValidation(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	before := pressCount(t, env, "press_releases", "1")
	res := cl.PostAdmin("/admin/press/releases", url.Values{"title": {""}, "release_date": {"16/03/2027"},
		"summary": {"Kept summary"}, "body": {strings.Repeat("x", 100_001)}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.StatusCode)
	}
	doc := res.Doc()
	for _, field := range []string{"title", "release_date", "body"} {
		if doc.Find("#"+field+"-error").Length() != 1 || doc.Find(`.error-summary a[href="#`+field+`"]`).Length() != 1 {
			t.Errorf("no error for %s", field)
		}
	}
	if doc.Find("#summary").Text() != "Kept summary" {
		t.Error("typed summary not kept")
	}
	// A title with nothing to make a slug from needs a typed one.
	res = cl.PostAdmin("/admin/press/releases", url.Values{"title": {"日本語"}, "release_date": {"2027-03-16"}})
	if res.StatusCode != http.StatusUnprocessableEntity || res.Doc().Find("#slug-error").Length() != 1 {
		t.Errorf("unsluggable title: %d", res.StatusCode)
	}
	if after := pressCount(t, env, "press_releases", "1"); after != before {
		t.Errorf("%d releases stored by invalid forms", after-before)
	}
}

func TestPressReleasePreviewIsInert(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserPressOfficer)
	before := pressCount(t, env, "press_releases", "1")
	body := "Intro with **bold**.\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1))\n\n<img src=x onerror=alert(1)>"
	res := cl.PostAdmin("/admin/press/releases", url.Values{"title": {"Preview me"}, "release_date": {"2027-03-16"},
		"body": {body}, "preview": {"1"}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d", res.StatusCode)
	}
	if after := pressCount(t, env, "press_releases", "1"); after != before {
		t.Error("previewing saved the release")
	}
	doc := res.Doc()
	preview := doc.Find(`[data-testid=preview]`)
	if preview.Find(".press-body strong").Text() != "bold" || !strings.Contains(preview.Find("h2").Text(), "not saved") {
		t.Errorf("preview:\n%s", preview.Text())
	}
	if n := doc.Find("main script, main img[onerror], main [onerror]").Length(); n != 0 {
		t.Errorf("%d active elements in the page", n)
	}
	preview.Find("a").Each(func(_ int, a *goquery.Selection) {
		if href, _ := a.Attr("href"); strings.Contains(strings.ToLower(href), "javascript") {
			t.Errorf("link to %q in the preview", href)
		}
	})
	if v := doc.Find("#body").Text(); v != body {
		t.Errorf("typed body not kept in the form: %q", v)
	}
	// The same holds for a saved release's edit page.
	id := pressIDFrom(t, cl.PostAdmin("/admin/press/releases", url.Values{"title": {"Saved"}, "release_date": {"2027-03-16"},
		"body": {body}}), "/admin/press/releases/")
	page := cl.Get("/admin/press/releases/" + strconv.FormatInt(id, 10))
	if strings.Contains(page.Body, "<script>alert") || strings.Contains(page.Body, `href="javascript`) || strings.Contains(page.Body, "<img src=x") {
		t.Error("the edit page carries the script")
	}
}

func TestPressFileUploadAndDownload(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserPressOfficer)
	for _, c := range []struct {
		name, ctype string
		content     []byte
	}{
		{"Programme.pdf", "application/pdf", pressPDF},
		{"Opening plenary.PNG", "image/png", pressPNG(t)},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := pressUpload(t, cl, "/admin/press/files", url.Values{"title": {""}, "caption": {"Caption"},
				"credit": {"© IOM"}, "description": {"About it"}, "published": {"yes"}}, c.name, c.content)
			id := pressIDFrom(t, res, "/admin/press/files/")
			f, err := env.Store.PressFile(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(c.content)
			if f.ContentType != c.ctype || f.Size != int64(len(c.content)) || f.SHA256 != hex.EncodeToString(sum[:]) ||
				f.OriginalName != c.name || !f.Published || f.Caption != "Caption" || f.Credit != "© IOM" {
				t.Errorf("stored %+v", f)
			}
			if want := strings.TrimSuffix(c.name, filepath.Ext(c.name)); f.Title != want {
				t.Errorf("title %q, want the file's name %q", f.Title, want)
			}
			if f.StoredName == c.name || !strings.HasSuffix(f.StoredName, strings.ToLower(filepath.Ext(c.name))) {
				t.Errorf("stored name %q", f.StoredName)
			}
			onDisk, err := os.ReadFile(filepath.Join(pressFilesDir(env), f.StoredName))
			if err != nil || !bytes.Equal(onDisk, c.content) {
				t.Errorf("file on disk: %v", err)
			}
			if a := pressLastAudit(t, env, "press_file", id); a.Action != "create" || a.Changes["sha256"][1] != f.SHA256 {
				t.Errorf("audit %+v", a)
			}
			dl := cl.Get("/admin/press/files/" + strconv.FormatInt(id, 10) + "/download")
			if dl.StatusCode != http.StatusOK || dl.Body != string(c.content) {
				t.Fatalf("download: %d, %d bytes", dl.StatusCode, len(dl.Body))
			}
			if got := dl.Header.Get("Content-Type"); got != c.ctype {
				t.Errorf("Content-Type %q", got)
			}
			if got := dl.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q", got)
			}
			disp, params, err := mime.ParseMediaType(dl.Header.Get("Content-Disposition"))
			if err != nil || disp != "attachment" || params["filename"] != c.name {
				t.Errorf("Content-Disposition %q", dl.Header.Get("Content-Disposition"))
			}
		})
	}
	files, _ := env.Store.PressFiles(context.Background(), env.Conference.ID, false)
	if len(files) != 2 {
		t.Fatalf("%d files", len(files))
	}
	// The overview counts downloads from the downloads table (the public press room writes them).
	if _, err := env.DB.Write.Exec(`INSERT INTO downloads (conference_id, item, press_file_id, downloaded_at)
		VALUES (?, 'file', ?, '2027-01-15T15:00:00.000000Z'), (?, 'file', ?, '2027-01-15T15:00:00.000000Z')`,
		env.Conference.ID, files[0].ID, env.Conference.ID, files[0].ID); err != nil {
		t.Fatal(err)
	}
	doc := cl.Get("/admin/press").Doc()
	row := doc.Find(`[data-testid=files] tbody tr`).First()
	if row.Find("td.number").Text() != "2" || !strings.Contains(row.Text(), "Published") || !strings.Contains(row.Text(), "PNG image") {
		t.Errorf("file row %q", row.Text())
	}
}

func TestPressFileUploadRefusals(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	for _, c := range []struct {
		about, name string
		content     []byte
		message     string
	}{
		{"a Windows executable renamed .pdf", "invoice.pdf", pressEXE, "content is not a PDF"},
		{"a PDF named .png", "photo.png", pressPDF, "content is not a PNG image"},
		{"a PNG named .docx", "notes.docx", pressPNG(t), "content is not a Word document"},
		{"an executable", "setup.exe", pressEXE, "name must end in .pdf"},
		{"an HTML page", "page.html", []byte("<!DOCTYPE html><script>alert(1)</script>"), "name must end in .pdf"},
		{"an empty file", "empty.pdf", nil, "empty"},
		{"no file", "", nil, "Choose the file"},
	} {
		t.Run(c.about, func(t *testing.T) {
			res := pressUpload(t, cl, "/admin/press/files", url.Values{"title": {"Kept title"}}, c.name, c.content)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", res.StatusCode)
			}
			doc := res.Doc()
			if got := doc.Find("#file-error").Text(); !strings.Contains(got, c.message) {
				t.Errorf("message beside the file field %q, want %q", got, c.message)
			}
			if doc.Find(`.error-summary a[href="#file"]`).Length() != 1 {
				t.Error("no link to the file field in the summary")
			}
			if v, _ := doc.Find("#title").Attr("value"); v != "Kept title" {
				t.Errorf("title not kept: %q", v)
			}
			if form := doc.Find(`form[action="/admin/press/files"]`); form.AttrOr("enctype", "") != "multipart/form-data" {
				t.Error("the form is not multipart")
			}
		})
	}
	if n := pressCount(t, env, "press_files", "1"); n != 0 {
		t.Errorf("%d files stored", n)
	}
	if left := pressStoredFiles(t, env); len(left) != 0 {
		t.Errorf("left on disk: %v", left)
	}
}

func TestPressFileUnsafeNames(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserPressOfficer)
	for _, c := range []struct{ upload, kept, ascii string }{
		{"../../etc/passwd.pdf", "passwd.pdf", "passwd.pdf"},
		{`..\..\evil.pdf`, "evil.pdf", "evil.pdf"},
		{"..\\\\evil2.pdf", "evil2.pdf", "evil2.pdf"},
		{"Foto Piñeiro\t.pdf", "Foto Piñeiro.pdf", "foto-pineiro.pdf"},
		{"\u202Etxt.pdf", "txt.pdf", "txt.pdf"},
	} {
		t.Run(c.upload, func(t *testing.T) {
			res := pressUpload(t, cl, "/admin/press/files", url.Values{"title": {"Fact sheet"}}, c.upload, pressPDF)
			id := pressIDFrom(t, res, "/admin/press/files/")
			f, err := env.Store.PressFile(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			if f.OriginalName != c.kept {
				t.Errorf("original name kept as %q, want %q", f.OriginalName, c.kept)
			}
			if strings.ContainsAny(f.StoredName, `/\`) || strings.Contains(f.StoredName, "passwd") || strings.Contains(f.StoredName, "evil") {
				t.Errorf("stored as %q", f.StoredName)
			}
			if _, err := os.Stat(filepath.Join(pressFilesDir(env), f.StoredName)); err != nil {
				t.Errorf("not in the files folder: %v", err)
			}
			dl := cl.Get("/admin/press/files/" + strconv.FormatInt(id, 10) + "/download")
			raw := dl.Header.Get("Content-Disposition")
			_, params, err := mime.ParseMediaType(raw)
			if err != nil || params["filename"] != c.kept || strings.ContainsAny(raw, "/\\\r\n") {
				t.Errorf("Content-Disposition %q (parsed %v, %v)", raw, params, err)
			}
			if !strings.Contains(raw, `filename=`+c.ascii) && !strings.Contains(raw, `filename="`+c.ascii+`"`) {
				t.Errorf("Content-Disposition %q lacks the ASCII name %q", raw, c.ascii)
			}
			if page := cl.Get("/admin/press/files/" + strconv.FormatInt(id, 10)); !strings.Contains(page.Doc().Find(`[data-testid=file-details]`).Text(), c.kept) {
				t.Error("the edit page does not show the safe name")
			}
		})
	}
	// Nothing was written outside the files folder.
	for _, p := range []string{"etc/passwd.pdf", "../etc/passwd.pdf", "passwd.pdf", "evil.pdf", "../evil.pdf"} {
		if _, err := os.Stat(filepath.Join(pressFilesDir(env), p)); err == nil {
			t.Errorf("%s exists", p)
		}
	}
	for _, name := range pressStoredFiles(t, env) {
		if len(name) != 36 {
			t.Errorf("unexpected file %q in the folder", name)
		}
	}
}

func TestPressFileUploadNeedsCSRF(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserPressOfficer)
	body, ctype := pressMultipart(t, url.Values{"title": {"No token"}}, "release.pdf", bytes.NewReader(pressPDF))
	req := httptest.NewRequest(http.MethodPost, "/admin/press/files", body)
	req.Header.Set("Content-Type", ctype)
	if res := cl.Do(req); res.StatusCode != http.StatusForbidden {
		t.Errorf("upload without _csrf: %d, want 403", res.StatusCode)
	}
	body, ctype = pressMultipart(t, url.Values{"_csrf": {"forged"}}, "release.pdf", bytes.NewReader(pressPDF))
	req = httptest.NewRequest(http.MethodPost, "/admin/press/files", body)
	req.Header.Set("Content-Type", ctype)
	if res := cl.Do(req); res.StatusCode != http.StatusForbidden {
		t.Errorf("upload with a wrong _csrf: %d, want 403", res.StatusCode)
	}
	if n := pressCount(t, env, "press_files", "1"); n != 0 || len(pressStoredFiles(t, env)) != 0 {
		t.Error("a file was stored")
	}
	// With the token from the upload form, the same upload works.
	res := pressUpload(t, cl, "/admin/press/files", url.Values{"title": {"With token"}}, "release.pdf", pressPDF)
	pressIDFrom(t, res, "/admin/press/files/")
}

// TestPressFileTooLargeForTheServer sends a 27 MB upload, over the server's
// body limit: Fiber refuses it before any handler runs, and the visitor
// gets the site's "File too large" page with status 413. app.Test cannot
// show it (it returns the connection's error instead of the response), so
// the request goes over an in-memory connection, as a browser's would.
func TestPressFileTooLargeForTheServer(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserPressOfficer)
	token := cl.AdminToken()
	content := io.MultiReader(bytes.NewReader(pressPDF), io.LimitReader(pressZeros{}, 27<<20))
	body, ctype := pressMultipart(t, url.Values{"_csrf": {token}, "title": {"Huge"}}, "huge.pdf", content)
	req, err := http.NewRequest(http.MethodPost, "http://confdesk.test/admin/press/files", body)
	if err != nil {
		t.Fatal(err)
	}
	if req.ContentLength <= web.UploadBodyLimit {
		t.Fatalf("body of %d bytes is within the limit", req.ContentLength)
	}
	req.Header.Set("Content-Type", ctype)
	req.AddCookie(cl.Cookie("confdesk_session"))
	req.AddCookie(cl.Cookie("confdesk_csrf"))

	server, client := net.Pipe()
	served := make(chan error, 1)
	go func() { served <- env.App.Server().ServeConn(server) }()
	// The server stops reading after the headers; the write then fails when it closes the connection.
	go func() { _ = req.Write(client) }()
	res, err := http.ReadResponse(bufio.NewReader(client), req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	client.Close()
	<-served
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type %q", ct)
	}
	if !strings.Contains(string(page), "File too large") || !strings.Contains(string(page), "smaller file") {
		t.Errorf("not the site's 413 page:\n%s", page)
	}
	if n := pressCount(t, env, "press_files", "1"); n != 0 || len(pressStoredFiles(t, env)) != 0 {
		t.Error("something was stored")
	}
}

type pressZeros struct{}

func (pressZeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestPressFileOver25MB: a file the server accepts (under 26 MB) but above
// the press room's 25 MB is refused with a message beside the field.
func TestPressFileOver25MB(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cl := env.Login(model.UserPressOfficer)
	content := append(append([]byte{}, pressPDF...), make([]byte, 25<<20+1-len(pressPDF))...)
	res := pressUpload(t, cl, "/admin/press/files", url.Values{"title": {"Big"}}, "big.pdf", content)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", res.StatusCode)
	}
	if got := res.Doc().Find("#file-error").Text(); !strings.Contains(got, "larger than 25 MB") {
		t.Errorf("message %q", got)
	}
	if n := pressCount(t, env, "press_files", "1"); n != 0 || len(pressStoredFiles(t, env)) != 0 {
		t.Error("something was stored")
	}
}

func TestPressFileEditReplaceRemove(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	id := pressIDFrom(t, pressUpload(t, cl, "/admin/press/files", url.Values{"title": {"Programme"}}, "programme.pdf", pressPDF),
		"/admin/press/files/")
	base := "/admin/press/files/" + strconv.FormatInt(id, 10)
	first, _ := env.Store.PressFile(context.Background(), id)
	if first.Published {
		t.Error("published without the box ticked")
	}

	// Edit the description.
	if res := cl.PostAdmin(base, url.Values{"title": {""}}); res.StatusCode != http.StatusUnprocessableEntity ||
		res.Doc().Find("#title-error").Length() != 1 {
		t.Errorf("empty title: %d", res.StatusCode)
	}
	res := cl.PostAdmin(base, url.Values{"title": {"Programme (final)"}, "caption": {"The three days"}, "credit": {"IOM"},
		"description": {"Updated."}, "published": {"yes"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d\n%s", res.StatusCode, res.Body)
	}
	f, _ := env.Store.PressFile(context.Background(), id)
	if f.Title != "Programme (final)" || f.Caption != "The three days" || !f.Published || f.StoredName != first.StoredName {
		t.Errorf("updated %+v", f)
	}
	if a := pressLastAudit(t, env, "press_file", id); a.Action != "update" || a.Changes["published"] != [2]string{"false", "true"} {
		t.Errorf("audit %+v", a)
	}
	// The published box is the one publishing control: no button beside
	// it publishes without the typed description.
	if n := cl.Get(base).Doc().Find(`form[action$="/publish"], form[action$="/unpublish"]`).Length(); n != 0 {
		t.Errorf("%d publish forms apart from the description form", n)
	}

	// A refused replacement keeps the file as it was.
	res = pressUpload(t, cl, base+"/replace", nil, "programme.pdf", pressEXE)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Doc().Find("#file-error").Text(), "not a PDF") {
		t.Errorf("bad replacement: %d %q", res.StatusCode, res.Doc().Find("#file-error").Text())
	}
	if got := pressStoredFiles(t, env); len(got) != 1 || got[0] != first.StoredName {
		t.Errorf("files after a refused replacement: %v", got)
	}

	// Replace: same row, new content, the old stored file gone.
	photo := pressPNG(t)
	res = pressUpload(t, cl, base+"/replace", nil, "programme-photo.png", photo)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != base {
		t.Fatalf("replace: %d\n%s", res.StatusCode, res.Body)
	}
	f, _ = env.Store.PressFile(context.Background(), id)
	sum := sha256.Sum256(photo)
	if f.ContentType != "image/png" || f.SHA256 != hex.EncodeToString(sum[:]) || f.Size != int64(len(photo)) ||
		f.OriginalName != "programme-photo.png" || f.Title != "Programme (final)" || !f.Published || f.StoredName == first.StoredName {
		t.Errorf("after replace %+v", f)
	}
	if got := pressStoredFiles(t, env); len(got) != 1 || got[0] != f.StoredName {
		t.Errorf("files after replace: %v", got)
	}
	if a := pressLastAudit(t, env, "press_file", id); a.Action != "replace" || a.Changes["sha256"][0] != first.SHA256 {
		t.Errorf("audit %+v", a)
	}
	if dl := cl.Get(base + "/download"); dl.Body != string(photo) || dl.Header.Get("Content-Type") != "image/png" {
		t.Error("the download is not the new content")
	}

	// Remove: confirmation, then the row and the stored file are gone.
	if page := cl.Get(base + "/delete"); page.StatusCode != http.StatusOK || !strings.Contains(page.Body, "Delete the file “") {
		t.Fatalf("confirmation: %d", page.StatusCode)
	}
	if res := cl.PostAdmin(base+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if _, err := env.Store.PressFile(context.Background(), id); err == nil {
		t.Error("row still there")
	}
	if got := pressStoredFiles(t, env); len(got) != 0 {
		t.Errorf("files left after delete: %v", got)
	}
	if a := pressLastAudit(t, env, "press_file", id); a.Action != "delete" {
		t.Errorf("audit %+v", a)
	}
	for _, p := range []string{base, base + "/download", base + "/delete"} {
		if res := cl.Get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s after delete: %d", p, res.StatusCode)
		}
	}
}

func TestMediaContactsCRUD(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserPressOfficer)
	if v, _ := cl.Get("/admin/press/contacts/new").Doc().Find("#position").Attr("value"); v != "2" {
		t.Errorf("default position %q, want 2 (after the demo's 0 and 1)", v)
	}
	res := cl.PostAdmin("/admin/press/contacts", url.Values{"name": {""}, "email": {"not an address"},
		"position": {"first"}, "role": {"Kept role"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid: %d", res.StatusCode)
	}
	doc := res.Doc()
	for _, field := range []string{"name", "email", "position"} {
		if doc.Find("#"+field+"-error").Length() != 1 {
			t.Errorf("no error for %s", field)
		}
	}
	if v, _ := doc.Find("#role").Attr("value"); v != "Kept role" {
		t.Errorf("role not kept: %q", v)
	}

	res = cl.PostAdmin("/admin/press/contacts", url.Values{"name": {"Ana Lucía Pérez"}, "role": {"Spokesperson"},
		"organisation": {"IOM"}, "email": {"aperez@iom.int"}, "phone": {"+1 305 555 0100"}, "mobile": {"+1 305 555 0101"},
		"languages": {"Spanish, English"}, "position": {""}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", res.StatusCode, res.Body)
	}
	contacts, _ := env.Store.MediaContacts(context.Background(), env.Conference.ID)
	if len(contacts) != 3 {
		t.Fatalf("%d contacts", len(contacts))
	}
	m := contacts[2]
	if m.Name != "Ana Lucía Pérez" || m.Position != 2 || m.Email != "aperez@iom.int" || m.Languages != "Spanish, English" {
		t.Errorf("stored %+v", m)
	}
	if a := pressLastAudit(t, env, "media_contact", m.ID); a.Action != "create" || a.Changes["name"][1] != "Ana Lucía Pérez" {
		t.Errorf("audit %+v", a)
	}
	overview := cl.Get("/admin/press").Doc()
	if !strings.Contains(overview.Find(`[data-testid=flash]`).Text(), "Ana Lucía Pérez") ||
		!strings.Contains(overview.Find(`[data-testid=contacts]`).Text(), "aperez@iom.int") {
		t.Error("the new contact is not on the overview")
	}

	path := "/admin/press/contacts/" + strconv.FormatInt(m.ID, 10)
	if v, _ := cl.Get(path).Doc().Find("#email").Attr("value"); v != "aperez@iom.int" {
		t.Errorf("edit form e-mail %q", v)
	}
	res = cl.PostAdmin(path, url.Values{"name": {"Ana Lucía Pérez"}, "role": {"Spokesperson"}, "email": {"ana@iom.int"},
		"position": {"0"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d\n%s", res.StatusCode, res.Body)
	}
	m2, _ := env.Store.MediaContact(context.Background(), m.ID)
	if m2.Email != "ana@iom.int" || m2.Position != 0 || m2.Organisation != "" {
		t.Errorf("updated %+v", m2)
	}
	if a := pressLastAudit(t, env, "media_contact", m.ID); a.Action != "update" ||
		a.Changes["email"] != [2]string{"aperez@iom.int", "ana@iom.int"} || a.Changes["position"] != [2]string{"2", "0"} {
		t.Errorf("audit %+v", a)
	}

	if page := cl.Get(path + "/delete"); page.StatusCode != http.StatusOK || !strings.Contains(page.Body, "Ana Lucía Pérez") {
		t.Fatalf("confirmation: %d", page.StatusCode)
	}
	if res := cl.PostAdmin(path+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if _, err := env.Store.MediaContact(context.Background(), m.ID); err == nil {
		t.Error("contact still there")
	}
	if a := pressLastAudit(t, env, "media_contact", m.ID); a.Action != "delete" {
		t.Errorf("audit %+v", a)
	}
	if res := cl.Get(path); res.StatusCode != http.StatusNotFound {
		t.Errorf("deleted contact's page: %d", res.StatusCode)
	}
}

// TestPressRoomIsPressStaffOnly: the check-in desk may not read or change the press room.
func TestPressRoomIsPressStaffOnly(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserCheckin)
	if res := cl.Get("/admin/press"); res.StatusCode != http.StatusForbidden {
		t.Errorf("checkin: /admin/press = %d", res.StatusCode)
	}
	if res := pressUpload(t, cl, "/admin/press/files", nil, "release.pdf", pressPDF); res.StatusCode != http.StatusForbidden {
		t.Errorf("checkin upload: %d", res.StatusCode)
	}
	if n := pressCount(t, env, "press_files", "1"); n != 0 {
		t.Error("stored")
	}
}

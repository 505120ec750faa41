package web_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/jpeg"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/press"
	"confdesk/internal/vcard/vcardtest"
	"confdesk/internal/webtest"
)

const (
	demoRelease      = "Caribbean governments and NGOs meet in Miami to tackle human trafficking"
	demoReleasePath  = "/press/releases/conference-opens-in-miami"
	kitFolder        = "ctc-miami-media-kit/"
	kitDisposition   = `attachment; filename="ctc-miami-media-kit.zip"`
	pressDraftMarker = "XYZZY-UNPUBLISHED"
)

// pressJPEG is a real 1×1 JPEG image.
func pressJPEG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 1, 1)), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// kitEntry is one file of a downloaded kit.
type kitEntry struct {
	Name    string // without the kit's folder
	Content []byte
	Header  *zip.FileHeader
}

// openKit downloads the media kit through the app and reads every entry.
func openKit(t *testing.T, env *webtest.Env) (*webtest.Response, map[string]kitEntry) {
	t.Helper()
	res := env.Get("/press/kit.zip")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /press/kit.zip = %d", res.StatusCode)
	}
	zr, err := zip.NewReader(strings.NewReader(res.Body), int64(len(res.Body)))
	if err != nil {
		t.Fatalf("the kit is not a ZIP archive: %v", err)
	}
	entries := map[string]kitEntry{}
	folder, _, _ := strings.Cut(zr.File[0].Name, "/")
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, folder+"/") {
			t.Errorf("entry %q outside the kit's folder %q", f.Name, folder)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		name := strings.TrimPrefix(f.Name, folder+"/")
		entries[name] = kitEntry{Name: name, Content: b, Header: &f.FileHeader}
	}
	return res, entries
}

// readmeSums reads the SHA-256 the kit's README gives for each entry.
func readmeSums(t *testing.T, readme []byte) map[string]string {
	t.Helper()
	sums := map[string]string{}
	name := ""
	sc := bufio.NewScanner(bytes.NewReader(readme))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		switch {
		case line == "" || strings.HasPrefix(line, "Each SHA-256"):
		case !strings.HasPrefix(line, " "):
			name = line
		case strings.HasPrefix(line, "  SHA-256: "):
			sums[name] = strings.TrimPrefix(line, "  SHA-256: ")
		}
	}
	return sums
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// pdfText is a PDF's text with whitespace collapsed, so that wrapped lines read as one.
func pdfText(t *testing.T, doc []byte) string {
	t.Helper()
	return strings.Join(strings.Fields(pdftest.Text(t, doc)), " ")
}

func TestPublicPressRoom(t *testing.T) {
	env := webtest.New(t)
	res := env.Get("/press")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /press = %d", res.StatusCode)
	}
	doc := res.Doc()
	if nav := doc.Find(`nav a[aria-current=page]`).Text(); nav != "Press" {
		t.Errorf("current navigation item %q", nav)
	}
	rel := doc.Find(`[data-testid=releases] li`)
	if rel.Length() != 1 || !strings.Contains(rel.Text(), demoRelease) || !strings.Contains(rel.Text(), "15 March 2027") ||
		!strings.Contains(rel.Text(), "More than 75 officials") {
		t.Errorf("releases: %q", rel.Text())
	}
	if rel.Find(`a[href="`+demoReleasePath+`"]`).Length() == 0 || rel.Find(`a[href="`+demoReleasePath+`.pdf"]`).Length() != 1 {
		t.Error("no link to the release or its PDF")
	}
	contacts := doc.Find(`[data-testid=contacts] li`)
	if contacts.Length() != 2 {
		t.Fatalf("%d contacts, want 2", contacts.Length())
	}
	niurka := contacts.Eq(1)
	for _, want := range []string{"Niurka Piñeiro", "Media and communications, IOM", "+1 202 862 1826 ext. 225", "+1 410 487 4950",
		"npineiro@iom.int", "English, Spanish"} {
		if !strings.Contains(niurka.Text(), want) {
			t.Errorf("contact lacks %q: %q", want, niurka.Text())
		}
	}
	for _, href := range []string{"mailto:npineiro@iom.int", "tel:+12028621826;ext=225", "tel:+14104874950"} {
		if niurka.Find(`a[href="`+href+`"]`).Length() != 1 {
			t.Errorf("no link %s", href)
		}
	}
	if doc.Find(`a[href="/press/contacts.vcf"]`).Length() == 0 {
		t.Error("no vCard download")
	}
	// The kit's button gives its real size and the list says what it holds.
	head := env.Do(httptest.NewRequest(http.MethodHead, "/press/kit.zip", nil))
	size, _ := strconv.ParseInt(head.Header.Get("Content-Length"), 10, 64)
	button := doc.Find(`a[data-testid=kit-download]`)
	if href, _ := button.Attr("href"); href != "/press/kit.zip" || size == 0 || !strings.Contains(button.Text(), "ZIP, "+press.HumanSize(size)) {
		t.Errorf("kit button %q → %q, kit of %d bytes", button.Text(), href, size)
	}
	list := doc.Find(`[data-testid=kit-contents]`).Text()
	for _, want := range []string{"the press release (PDF)", "fact sheet", "programme", "media contacts", "README"} {
		if !strings.Contains(list, want) {
			t.Errorf("kit list lacks %q: %q", want, list)
		}
	}
	if !strings.Contains(doc.Find("#files-heading").Parent().Text(), "No files or photos yet") {
		t.Error("no empty state for files")
	}
	if doc.Find(`a[href="/press/accreditation"]`).Length() == 0 {
		t.Error("no way to accreditation")
	}
	if res := env.Get("/press/accreditation"); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "outlet") {
		t.Errorf("accreditation form: %d", res.StatusCode)
	}
}

func TestPublicPressRoomEmpty(t *testing.T) {
	env := webtest.New(t, webtest.WithoutDemo())
	res := env.Get("/press")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /press = %d", res.StatusCode)
	}
	text := res.Doc().Find("main").Text()
	for _, want := range []string{"No press releases yet", "No media contacts are listed yet", "No files or photos yet"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing empty state %q", want)
		}
	}
	// An empty press room still has a kit: the fact sheet and the programme.
	_, entries := openKit(t, env)
	var names []string
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names)
	if strings.Join(names, " ") != "README.txt fact-sheet.pdf programme.pdf" {
		t.Errorf("empty kit holds %v", names)
	}
}

func TestPublicPressRelease(t *testing.T) {
	env := webtest.New(t)
	res := env.Get(demoReleasePath)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", demoReleasePath, res.StatusCode)
	}
	doc := res.Doc()
	if h1 := doc.Find("h1").Text(); h1 != demoRelease {
		t.Errorf("h1 %q", h1)
	}
	if d := doc.Find(".release-date").Text(); !strings.Contains(d, "Miami, Florida") || !strings.Contains(d, "15 March 2027") {
		t.Errorf("dateline %q", d)
	}
	body := doc.Find(`[data-testid=release-body]`)
	if body.Find("ul li").Length() != 6 || body.Find("p").Length() < 5 {
		t.Errorf("body not rendered from Markdown: %d items, %d paragraphs", body.Find("ul li").Length(), body.Find("p").Length())
	}
	if more := doc.Find("#more-heading").Parent().Text(); !strings.Contains(more, "Chissey Mueller") || !strings.Contains(more, "Niurka Piñeiro") {
		t.Errorf("for more information: %q", more)
	}
	if doc.Find(`a[href="`+demoReleasePath+`.pdf"]`).Length() != 1 {
		t.Error("no link to the PDF")
	}
	if title := doc.Find("title").Text(); title != demoRelease+" · CTC Miami" {
		t.Errorf("title %q", title)
	}

	// The PDF, before the release's date and after it.
	pdfRes := env.Get(demoReleasePath + ".pdf")
	if pdfRes.StatusCode != http.StatusOK || pdfRes.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("PDF: %d %s", pdfRes.StatusCode, pdfRes.Header.Get("Content-Type"))
	}
	text := pdfText(t, []byte(pdfRes.Body))
	pages := pdftest.Pages(t, []byte(pdfRes.Body))
	for _, want := range []string{"IOM Regional Office for North America and the Caribbean", "PRESS RELEASE",
		"FOR RELEASE ON 15 MARCH 2027", demoRelease, "MIAMI, FLORIDA, 15 March 2027 – Government officials",
		"• raising public awareness;", "• helping them return to and rebuild their lives.", "– ENDS –", "For more information",
		"Chissey Mueller", "Niurka Piñeiro", "E-mail npineiro@iom.int", "Page 1 of " + strconv.Itoa(pages)} {
		if !strings.Contains(text, want) {
			t.Errorf("release PDF lacks %q:\n%s", want, text)
		}
	}
	if info := pdftest.Info(t, []byte(pdfRes.Body)); info["Title"] != demoRelease {
		t.Errorf("PDF title %q", info["Title"])
	}
	env.Clock.Set(env.Conference.Start().Add(9 * time.Hour))
	if text := pdfText(t, []byte(env.Get(demoReleasePath+".pdf").Body)); !strings.Contains(text, "FOR IMMEDIATE RELEASE") {
		t.Errorf("on its day the release is not for immediate release:\n%s", text)
	}

	// Both routes, side by side, refuse what is not a published release.
	for _, p := range []string{"/press/releases/nope", "/press/releases/nope.pdf", "/press/releases/", "/press/releases/conference-opens-in-miami.txt",
		"/press/files/abc", "/press/files/999", "/press/files/-1"} {
		if res := env.Get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, res.StatusCode)
		}
	}
}

// pressFixture publishes a new release and a file, adds a draft release
// and an unpublished file, and unpublishes the demo's release: what the
// public must see, and what it must never see.
type pressFixture struct {
	env                      *webtest.Env
	cl                       *webtest.Client
	photo                    []byte
	photoID, secretID        int64
	publishedSlug, draftSlug string
}

func newPressFixture(t *testing.T) pressFixture {
	t.Helper()
	env := webtest.New(t)
	cl := env.Login(model.UserPressOfficer)
	fx := pressFixture{env: env, cl: cl, photo: pressJPEG(t)}

	res := cl.PostAdmin("/admin/press/releases", url.Values{"title": {"Ministers sign the Miami declaration"},
		"release_date": {"2027-03-17"}, "dateline": {"Miami, Florida"}, "summary": {"A regional commitment."},
		"body": {"Ministers from **19 countries** signed.\n\n- more shelters;\n- shared data."}, "publish": {"1"}})
	pressIDFrom(t, res, "/admin/press/releases/")
	fx.publishedSlug = "ministers-sign-the-miami-declaration"

	res = cl.PostAdmin("/admin/press/releases", url.Values{"title": {"Draft " + pressDraftMarker},
		"release_date": {"2027-03-16"}, "summary": {"Not for the public " + pressDraftMarker}, "body": {"Secret " + pressDraftMarker}})
	pressIDFrom(t, res, "/admin/press/releases/")
	fx.draftSlug = "draft-xyzzy-unpublished"

	demo, err := env.Store.PressReleaseBySlug(context.Background(), env.Conference.ID, "conference-opens-in-miami")
	if err != nil {
		t.Fatal(err)
	}
	if res := cl.PostAdmin("/admin/press/releases/"+strconv.FormatInt(demo.ID, 10)+"/unpublish", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unpublish: %d", res.StatusCode)
	}

	res = pressUpload(t, cl, "/admin/press/files", url.Values{"title": {"Opening plenary"},
		"caption": {"Delegates at the opening plenary, 15 March"}, "credit": {"IOM / Ana Pérez"}, "published": {"on"}},
		"Foto Piñeiro.jpg", fx.photo)
	fx.photoID = pressIDFrom(t, res, "/admin/press/files/")
	res = pressUpload(t, cl, "/admin/press/files", url.Values{"title": {"Plan " + pressDraftMarker},
		"caption": {"Caption " + pressDraftMarker}}, "secret-"+pressDraftMarker+".pdf", pressPDF)
	fx.secretID = pressIDFrom(t, res, "/admin/press/files/")
	return fx
}

func TestUnpublishedPressAppearsNowhere(t *testing.T) {
	fx := newPressFixture(t)
	env := fx.env
	never := []string{pressDraftMarker, demoRelease, "secret-"}
	check := func(where, text string) {
		t.Helper()
		for _, n := range never {
			if strings.Contains(text, n) {
				t.Errorf("%s shows %q", where, n)
			}
		}
	}

	page := env.Get("/press")
	check("/press", page.Body)
	if !strings.Contains(page.Body, "Ministers sign the Miami declaration") || !strings.Contains(page.Body, "Delegates at the opening plenary") ||
		!strings.Contains(page.Body, "Credit: IOM / Ana Pérez") || !strings.Contains(page.Body, "JPEG image") {
		t.Error("the press room lacks what was published")
	}
	if href, _ := page.Doc().Find(`[data-testid=files] a`).Attr("href"); href != "/press/files/"+strconv.FormatInt(fx.photoID, 10) {
		t.Errorf("file link %q", href)
	}
	for _, p := range []string{"/press/releases/" + fx.draftSlug, "/press/releases/" + fx.draftSlug + ".pdf", demoReleasePath,
		demoReleasePath + ".pdf", "/press/files/" + strconv.FormatInt(fx.secretID, 10)} {
		if res := env.Get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, res.StatusCode)
		} else {
			check(p, res.Body)
		}
	}
	rel := env.Get("/press/releases/" + fx.publishedSlug)
	check("the published release", rel.Body)
	check("its PDF", pdfText(t, []byte(env.Get("/press/releases/"+fx.publishedSlug+".pdf").Body)))
	check("the vCard", env.Get("/press/contacts.vcf").Body)
	check("the fact sheet", pdfText(t, []byte(env.Get("/press/fact-sheet.pdf").Body)))

	_, entries := openKit(t, env)
	for name, e := range entries {
		check("kit entry name "+name, name)
		switch {
		case strings.HasSuffix(name, ".pdf") && !strings.HasPrefix(name, "files/"):
			check("kit "+name, pdfText(t, e.Content))
		case strings.HasSuffix(name, ".txt"), strings.HasSuffix(name, ".vcf"):
			check("kit "+name, string(e.Content))
		}
	}
	if _, ok := entries["press-releases/2027-03-17-"+fx.publishedSlug+".pdf"]; !ok {
		t.Error("the published release is not in the kit")
	}
	if e, ok := entries["files/Foto Piñeiro.jpg"]; !ok || !bytes.Equal(e.Content, fx.photo) {
		t.Error("the published photo is not in the kit as uploaded")
	}
	if len(entries) != 6 { // release, fact sheet, programme, vCard, photo, README
		t.Errorf("%d entries in the kit, want 6", len(entries))
	}
}

func TestMediaKit(t *testing.T) {
	t.Parallel()
	fx := newPressFixture(t)
	env := fx.env
	res, entries := openKit(t, env)
	if e, ok := entries["README.txt"]; !ok || e.Header.Name != kitFolder+"README.txt" {
		t.Fatalf("no %sREADME.txt", kitFolder)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/zip" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); cd != kitDisposition {
		t.Errorf("Content-Disposition %q", cd)
	}
	readme, ok := entries["README.txt"]
	if !ok {
		t.Fatal("no README.txt")
	}
	sums := readmeSums(t, readme.Content)
	for name, e := range entries {
		if name == "README.txt" {
			continue
		}
		if got := sha(e.Content); sums[name] != got {
			t.Errorf("%s: README says %q, content is %s", name, sums[name], got)
		}
		if strings.HasSuffix(name, ".pdf") && pdftest.Pages(t, e.Content) < 1 {
			t.Errorf("%s has no pages", name)
		}
	}
	if len(sums) != len(entries)-1 {
		t.Errorf("README lists %d files, the kit holds %d besides it", len(sums), len(entries)-1)
	}
	readmeText := string(readme.Content)
	for _, want := range []string{"Caribbean Counter-Trafficking Conference: media kit", "files/Foto Piñeiro.jpg\r\n  Opening plenary (JPEG image)\r\n" +
		"  Delegates at the opening plenary, 15 March\r\n  Credit: IOM / Ana Pérez\r\n", "Press release, 17 March 2027: Ministers sign the Miami declaration"} {
		if !strings.Contains(readmeText, want) {
			t.Errorf("README lacks %q:\n%s", want, readmeText)
		}
	}
	photo := entries["files/Foto Piñeiro.jpg"]
	if photo.Header == nil || photo.Header.NonUTF8 || photo.Header.Flags&0x800 == 0 {
		t.Error("the photo's name is not flagged UTF-8")
	}

	// The programme lists every published session and no draft.
	ctx := context.Background()
	published, err := env.Store.Sessions(ctx, env.Conference.ID, true)
	if err != nil || len(published) == 0 {
		t.Fatalf("sessions: %v", err)
	}
	programme := pdfText(t, entries["programme.pdf"].Content)
	for _, s := range published {
		if !strings.Contains(programme, strings.Join(strings.Fields(s.Title), " ")) {
			t.Errorf("programme lacks %q", s.Title)
		}
	}
	sheet := pdfText(t, entries["fact-sheet.pdf"].Content)
	for _, want := range []string{"FACT SHEET", "15–17 March 2027", "Riverwalk Conference Centre", "1,200+", "Caribbean countries",
		"Prevention", "Protection", "Prosecution", "U.S. Department of State"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("fact sheet lacks %q", want)
		}
	}
	if cards := vcardtest.Parse(t, entries["press-contacts.vcf"].Content); len(cards) != 2 {
		t.Errorf("%d cards in the kit's vCard", len(cards))
	}

	// Cached: the same ETag, and 304 for a client that has it.
	etag := res.Header.Get("ETag")
	if again := env.Get("/press/kit.zip"); again.Header.Get("ETag") != etag || again.Body != res.Body {
		t.Error("a second download differs")
	}
	req := httptest.NewRequest(http.MethodGet, "/press/kit.zip", nil)
	req.Header.Set("If-None-Match", etag)
	if res := env.Do(req); res.StatusCode != http.StatusNotModified || res.Body != "" {
		t.Errorf("conditional GET: %d with %d bytes", res.StatusCode, len(res.Body))
	}
	cacheDir := filepath.Join(filepath.Dir(env.Config.DBPath), "cache")
	kits, _ := filepath.Glob(filepath.Join(cacheDir, "kit-*.zip"))
	if len(kits) != 1 {
		t.Errorf("kits on disk: %v", kits)
	}

	// A press change rebuilds it: a new caption is in the new README.
	form := url.Values{"title": {"Opening plenary"}, "caption": {"The opening plenary, seen from the gallery"},
		"credit": {"IOM / Ana Pérez"}, "published": {"on"}}
	if res := fx.cl.PostAdmin("/admin/press/files/"+strconv.FormatInt(fx.photoID, 10), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit file: %d", res.StatusCode)
	}
	res2, entries2 := openKit(t, env)
	if res2.Header.Get("ETag") == etag || !strings.Contains(string(entries2["README.txt"].Content), "seen from the gallery") {
		t.Error("the kit was not rebuilt after a press change")
	}
	// So does an agenda change: a session published in the console is in the programme.
	d := loadDemoAgenda(t, env)
	org := env.Login(model.UserOrganiser)
	if res := org.PostAdmin("/admin/agenda/sessions", formWith(newSessionForm(d), "published", "on")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add session: %d", res.StatusCode)
	}
	res3, entries3 := openKit(t, env)
	if res3.Header.Get("ETag") == res2.Header.Get("ETag") || !strings.Contains(pdfText(t, entries3["programme.pdf"].Content), "Side event: survivors' voices") {
		t.Error("the kit was not rebuilt after an agenda change")
	}
	kits, _ = filepath.Glob(filepath.Join(cacheDir, "kit-*.zip"))
	if len(kits) != 1 {
		t.Errorf("old kits left on disk: %v", kits)
	}
}

func TestMediaKitSurvivesAClearedCache(t *testing.T) {
	env := webtest.New(t)
	first := env.Get("/press/kit.zip")
	dir := filepath.Join(filepath.Dir(env.Config.DBPath), "cache")
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	again := env.Get("/press/kit.zip")
	if again.StatusCode != http.StatusOK || again.Body != first.Body {
		t.Errorf("after the cache folder was cleared: %d, same bytes %v", again.StatusCode, again.Body == first.Body)
	}
}

func TestMediaKitWithUnicodeShortName(t *testing.T) {
	env := webtest.New(t)
	if _, err := env.DB.Write.Exec(`UPDATE conference SET short_name = 'Conférence Ñandú 2027'`); err != nil {
		t.Fatal(err)
	}
	res := env.Get("/press/kit.zip")
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="conference-nandu-2027-media-kit.zip"` {
		t.Errorf("Content-Disposition %q", cd)
	}
}

func TestPressContactsVCard(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserPressOfficer)
	long := "Organización Internacional para las Migraciones, Oficina Regional para Norteamérica y el Caribe"
	res := cl.PostAdmin("/admin/press/contacts", url.Values{"name": {"José Martí-Nuñez"}, "role": {"Press, radio; TV\\desk"},
		"organisation": {strings.TrimSpace(long)}, "phone": {"+1 305 555 0100"}, "languages": {"Spanish, Klingon"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add contact: %d", res.StatusCode)
	}
	res = env.Get("/press/contacts.vcf")
	if ct := res.Header.Get("Content-Type"); ct != "text/vcard; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="press-contacts.vcf"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	cards := vcardtest.Parse(t, []byte(res.Body))
	if len(cards) != 3 {
		t.Fatalf("%d cards, want 3", len(cards))
	}
	text := func(c vcardtest.Card, name string) string {
		t.Helper()
		ps := c.Get(name)
		if len(ps) == 0 {
			return ""
		}
		return vcardtest.Text(t, ps[0].Value)
	}
	niurka := cards[1]
	if fn := text(niurka, "FN"); fn != "Niurka Piñeiro" {
		t.Errorf("FN %q", fn)
	}
	if n := vcardtest.Components(t, niurka.Get("N")[0].Value); n[0] != "Piñeiro" || n[1] != "Niurka" {
		t.Errorf("N %q", n)
	}
	if text(niurka, "TITLE") != "Media and communications" || vcardtest.Components(t, niurka.Get("ORG")[0].Value)[0] != "IOM" ||
		text(niurka, "EMAIL") != "npineiro@iom.int" {
		t.Errorf("card %+v", niurka)
	}
	tels := niurka.Get("TEL")
	if len(tels) != 2 || tels[0].Params["TYPE"][0] != "work" || vcardtest.Text(t, tels[0].Value) != "+1 202 862 1826 ext. 225" ||
		tels[1].Params["TYPE"][0] != "cell" || vcardtest.Text(t, tels[1].Value) != "+1 410 487 4950" {
		t.Errorf("TEL %+v", tels)
	}
	if langs := niurka.Get("LANG"); len(langs) != 2 || langs[0].Value != "en" || langs[1].Value != "es" {
		t.Errorf("LANG %+v", langs)
	}
	if uid := niurka.Get("UID"); len(uid) != 1 || !strings.HasPrefix(uid[0].Value, "urn:uuid:") {
		t.Errorf("UID %+v", uid)
	}
	jose := cards[2]
	if text(jose, "FN") != "José Martí-Nuñez" || text(jose, "TITLE") != "Press, radio; TV\\desk" ||
		vcardtest.Components(t, jose.Get("ORG")[0].Value)[0] != strings.TrimSpace(long) {
		t.Errorf("escaped values did not round-trip: %+v", jose)
	}
	if langs := jose.Get("LANG"); len(langs) != 1 || langs[0].Value != "es" || !strings.Contains(text(jose, "NOTE"), "Spanish, Klingon") {
		t.Errorf("languages: LANG %+v NOTE %q", langs, text(jose, "NOTE"))
	}
	if !strings.Contains(res.Body, "\r\n ") {
		t.Error("the long organisation was not folded")
	}
}

func TestPressDownloadsCounted(t *testing.T) {
	fx := newPressFixture(t)
	env := fx.env
	file := "/press/files/" + strconv.FormatInt(fx.photoID, 10)
	for range 2 {
		res := env.Get(file)
		if res.StatusCode != http.StatusOK || res.Body != string(fx.photo) || res.Header.Get("Content-Type") != "image/jpeg" {
			t.Fatalf("GET %s = %d %s", file, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename=foto-pineiro.jpg;`) ||
			!strings.Contains(cd, "filename*=utf-8''Foto%20Pi%C3%B1eiro.jpg") {
			t.Errorf("Content-Disposition %q", cd)
		}
	}
	env.Do(httptest.NewRequest(http.MethodHead, file, nil)) // a HEAD is no download
	kit := env.Get("/press/kit.zip")
	req := httptest.NewRequest(http.MethodGet, "/press/kit.zip", nil)
	req.Header.Set("If-None-Match", kit.Header.Get("ETag"))
	env.Do(req) // nor is a revalidation
	env.Do(httptest.NewRequest(http.MethodHead, "/press/kit.zip", nil))

	// Counts are written in batches (a minute apart in the server).
	if err := env.Server.FlushDownloads(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := count(t, env, `SELECT sum(count) FROM downloads WHERE item = 'file' AND press_file_id = ?`, fx.photoID); n != 2 {
		t.Errorf("%d file downloads, want 2", n)
	}
	if n := count(t, env, `SELECT sum(count) FROM downloads WHERE item = 'kit' AND press_file_id IS NULL`); n != 1 {
		t.Errorf("%d kit downloads, want 1", n)
	}
	// Nothing about the visitor is kept: the table has no such column.
	rows, err := env.DB.Read.Query(`SELECT name FROM pragma_table_info('downloads') ORDER BY cid`)
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for rows.Next() {
		var c string
		rows.Scan(&c)
		cols = append(cols, c)
	}
	rows.Close()
	if strings.Join(cols, ",") != "id,conference_id,item,press_file_id,downloaded_at,count" {
		t.Errorf("downloads columns %v", cols)
	}
	// The press team sees both counts.
	doc := fx.cl.Get("/admin/press").Doc()
	if got := doc.Find(`[data-testid=kit-downloads]`).Text(); !strings.Contains(got, "downloaded once") {
		t.Errorf("kit count %q", got)
	}
	row := doc.Find(`[data-testid=files] tbody tr`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Text(), "Opening plenary")
	})
	if cell := strings.TrimSpace(row.Find("td.number").Text()); cell != "2" {
		t.Errorf("file count %q", cell)
	}
}

func TestFactSheetFollowsTheSettings(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserOrganiser)
	before := pdfText(t, []byte(env.Get("/press/fact-sheet.pdf").Body))
	if !strings.Contains(before, "75+") || !strings.Contains(before, "participants") {
		t.Fatalf("fact sheet lacks the seeded figure:\n%s", before)
	}
	f := webtest.FormValues(t, cl.Get("/admin/settings"), "/admin/settings")
	f.Set("figure_value_0", "240")
	f.Set("figure_label_0", "journalists accredited in São Paulo style")
	if res := cl.PostAdmin("/admin/settings", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save settings: %d\n%s", res.StatusCode, res.Doc().Find("#error-summary").Text())
	}
	after := pdfText(t, []byte(env.Get("/press/fact-sheet.pdf").Body))
	if !strings.Contains(after, "240") || !strings.Contains(after, "journalists accredited in São Paulo style") || strings.Contains(after, "75+") {
		t.Errorf("fact sheet does not follow the settings:\n%s", after)
	}
}

func TestPublicReleaseIsInert(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserPressOfficer)
	res := cl.PostAdmin("/admin/press/releases", url.Values{"title": {"<script>alert('t')</script> Title"},
		"release_date": {"2027-03-16"}, "summary": {"<img src=x onerror=alert(1)>"},
		"body": {"<script>alert('b')</script>\n\n[click](javascript:alert(2)) <b onclick=\"alert(3)\">bold</b>"}, "publish": {"1"}})
	id := pressIDFrom(t, res, "/admin/press/releases/")
	r, err := env.Store.PressRelease(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/press", "/press/releases/" + r.Slug} {
		page := env.Get(p)
		if page.StatusCode != http.StatusOK {
			t.Fatalf("GET %s = %d", p, page.StatusCode)
		}
		doc := page.Doc()
		if doc.Find("main script, main img, main [onclick], main [onerror]").Length() != 0 || strings.Contains(page.Body, "javascript:") {
			t.Errorf("%s: markup from the release is live", p)
		}
		if !strings.Contains(doc.Find("main").Text(), "<script>alert('t')</script> Title") {
			t.Errorf("%s: the title is not shown as text", p)
		}
	}
	text := pdfText(t, []byte(env.Get("/press/releases/"+r.Slug+".pdf").Body))
	// The title and summary are text and print as typed; the body's markup is gone.
	if strings.Contains(text, "alert('b')") || strings.Contains(text, "alert(2)") || strings.Contains(text, "onclick") ||
		!strings.Contains(text, "16 March 2027 – click bold – ENDS –") {
		t.Errorf("release PDF: %s", text)
	}
}

package web_test

import (
	"bytes"
	"confdesk/internal/benchmem"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/config"
	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/internal/store"
	"confdesk/internal/webtest"
)

// benchGet requests path from app b.N times; the same helper measures our
// pages and the bare baseline, so their ratio is what `make bench` reports.
func benchGet(b *testing.B, app *fiber.App, path string) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		res, err := app.Test(httptest.NewRequest("GET", path, nil), -1)
		if err != nil || res.StatusCode != 200 {
			b.Fatalf("GET %s: %v %v", path, res, err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
}

// BenchmarkHome renders the front page: conference, figures, tracks, counts.
func BenchmarkHome(b *testing.B) {
	env := webtest.New(b)
	benchGet(b, env.App, "/")
}

// BenchmarkBareFiber is the baseline: a bare Fiber handler sending the same bytes.
func BenchmarkBareFiber(b *testing.B) {
	env := webtest.New(b)
	body := []byte(env.Get("/").Body)
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
		return c.Send(body)
	})
	benchGet(b, app, "/")
}

// postForm sends a urlencoded POST with the given cookies and expects a 303.
func postForm(b *testing.B, app *fiber.App, path, body string, cookies []*http.Cookie) {
	b.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	res, err := app.Test(req, -1)
	if err != nil || res.StatusCode != http.StatusSeeOther {
		b.Fatalf("POST %s: %v %v", path, res.StatusCode, err)
	}
	res.Body.Close()
}

// BenchmarkRegister posts a valid registration through the whole stack:
// the form cookie's CSRF check, decoding, validation, the capacity
// transaction, the outbox message and the audit line.
func BenchmarkRegister(b *testing.B) {
	env := webtest.New(b)
	if _, err := env.DB.Write.Exec(`UPDATE conference SET capacity = 1000000000`); err != nil {
		b.Fatal(err)
	}
	cl := env.Client()
	token := webtest.FormToken(b, cl.Get("/register"), "/register")
	cookies := []*http.Cookie{cl.Cookie("confdesk_form")}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		f := validForm(fmt.Sprintf("bench%d@example.org", i))
		f.Set("_csrf", token)
		postForm(b, env.App, "/register", f.Encode(), cookies)
		i++
	}
}

// BenchmarkRegisterBaseline is a bare Fiber handler that inserts the same
// registration into the same database (same pool and pragmas) and answers 303.
func BenchmarkRegisterBaseline(b *testing.B) {
	env := webtest.New(b)
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	n := 0
	app.Post("/register", func(c *fiber.Ctx) error {
		n++
		_, err := env.DB.Write.Exec(`INSERT INTO registrations (conference_id, reference, manage_token_hash, checkin_code,
			status, first_name, last_name, email, email_key, country, organisation, org_type, consent_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, 'confirmed', ?, ?, ?, ?, ?, ?, ?, 'now', 'now', 'now')`,
			env.Conference.ID, fmt.Sprint("R", n), fmt.Sprint("T", n), fmt.Sprint("C", n), c.FormValue("first_name"),
			c.FormValue("last_name"), c.FormValue("email"), strings.ToLower(c.FormValue("email")), c.FormValue("country"),
			c.FormValue("organisation"), c.FormValue("org_type"))
		if err != nil {
			return err
		}
		return c.Redirect("/registration/x", fiber.StatusSeeOther)
	})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		postForm(b, app, "/register", validForm(fmt.Sprintf("base%d@example.org", i)).Encode(), nil)
		i++
	}
}

// BenchmarkKitBuild builds the media kit with 10 MB and with 50 MB of
// published files (5 MB PDFs of random bytes, which no compression
// shrinks): the time per build, and the heap's peak above where it
// started, which must not grow with the files.
func BenchmarkKitBuild(b *testing.B) {
	for _, files := range []int{2, 10} {
		b.Run(fmt.Sprintf("%dMB", files*5), func(b *testing.B) { benchKitBuild(b, files) })
	}
}

func benchKitBuild(b *testing.B, count int) {
	const size = 5 << 20
	env := webtest.New(b)
	ctx := context.Background()
	files := press.Files{Dir: filepath.Join(filepath.Dir(env.Config.DBPath), "files")}
	rnd := rand.NewChaCha8([32]byte{1})
	for i := range count {
		content := make([]byte, size)
		head := copy(content, "%PDF-1.4\n")
		rnd.Read(content[head:])
		name := fmt.Sprintf("dossier-%02d.pdf", i)
		stored, err := files.Save(bytes.NewReader(content), name)
		if err != nil {
			b.Fatal(err)
		}
		err = env.Store.Update(ctx, func(tx *store.Tx) error {
			_, err := tx.CreatePressFile(model.PressFile{ConferenceID: env.Conference.ID, Title: name, OriginalName: name,
				StoredName: stored.StoredName, ContentType: stored.ContentType, Size: stored.Size, SHA256: stored.SHA256,
				Published: true, CreatedAt: env.Clock.Now()})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var kitSize int64
	b.SetBytes(int64(count) * size)
	b.ReportAllocs()
	benchmem.Peak(b, func() {
		for b.Loop() {
			_, s, err := env.Server.BuildMediaKit(ctx)
			if err != nil {
				b.Fatal(err)
			}
			kitSize = s
		}
	})
	b.ReportMetric(float64(kitSize)/(1<<20), "kit-MB")
}

// bareFiber is a Fiber app with nothing but a handler sending body at path,
// with the content type our route sends: the baseline of the agenda
// benchmarks, run in the same process so that their ratio is fair.
func bareFiber(path, contentType string, body []byte) *fiber.App {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get(path, func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, contentType)
		return c.Send(body)
	})
	return app
}

// BenchmarkAgendaPage serves /agenda from the agenda cache: index lookup,
// filter check, cache hit, ETag, and every middleware.
func BenchmarkAgendaPage(b *testing.B) {
	env := webtest.New(b)
	benchGet(b, env.App, "/agenda")
}

// BenchmarkAgendaPageBareFiber sends /agenda's bytes from a bare handler.
func BenchmarkAgendaPageBareFiber(b *testing.B) {
	env := webtest.New(b)
	res := env.Get("/agenda")
	benchGet(b, bareFiber("/agenda", res.Header.Get("Content-Type"), []byte(res.Body)), "/agenda")
}

// BenchmarkAgendaICS serves /agenda.ics from the agenda cache.
func BenchmarkAgendaICS(b *testing.B) {
	env := webtest.New(b)
	benchGet(b, env.App, "/agenda.ics")
}

// BenchmarkAgendaICSBareFiber sends /agenda.ics's bytes from a bare handler.
func BenchmarkAgendaICSBareFiber(b *testing.B) {
	env := webtest.New(b)
	res := env.Get("/agenda.ics")
	benchGet(b, bareFiber("/agenda.ics", res.Header.Get("Content-Type"), []byte(res.Body)), "/agenda.ics")
}

// BenchmarkOwnBadge fetches a participant's badge again and again, as a
// load tool such as `wrk` would: served from the badge cache, with no write. The
// per-link limit is off: the benchmark is one link fetching without pause.
func BenchmarkOwnBadge(b *testing.B) {
	env := webtest.New(b, webtest.WithConfig(func(c *config.Config) { c.DownloadLimit = 0 }))
	res := env.Client().Submit("/register", "/register", url.Values{"first_name": {"Désirée"}, "last_name": {"Piñeiro-Nguyễn"},
		"email": {"bench-badge@example.org"}, "country": {"TT"}, "organisation": {"Ministry of National Security"},
		"org_type": {"government"}, "job_title": {"Lead"}, "consent": {"yes"}})
	if res.StatusCode != http.StatusSeeOther {
		b.Fatalf("register: %d", res.StatusCode)
	}
	loc, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	benchGet(b, env.App, loc+"/badge.pdf")
}

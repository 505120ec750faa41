package web_test

import (
	"io"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"

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

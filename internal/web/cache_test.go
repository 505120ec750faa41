package web

import (
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"
)

func TestResponseCache(t *testing.T) {
	rc := newResponseCache()
	builds := 0
	build := func() (*cachedResponse, error) {
		builds++
		return &cachedResponse{ContentType: "text/plain", Body: []byte("v" + string(rune('0'+builds)))}, nil
	}
	a, _ := rc.get("k", build)
	b, _ := rc.get("k", build)
	if builds != 1 || a != b || a.ETag == "" {
		t.Fatalf("builds %d, same entry %v, etag %q", builds, a == b, a.ETag)
	}
	rc.invalidate()
	c, _ := rc.get("k", build)
	if builds != 2 || string(c.Body) != "v2" || c.ETag == a.ETag {
		t.Errorf("after invalidate: builds %d, body %q", builds, c.Body)
	}
	// A render that started before an invalidation is served but not kept.
	stale, _ := rc.get("late", func() (*cachedResponse, error) {
		rc.invalidate()
		return &cachedResponse{Body: []byte("old")}, nil
	})
	if string(stale.Body) != "old" {
		t.Fatal("the render's result was not returned")
	}
	fresh, _ := rc.get("late", func() (*cachedResponse, error) { return &cachedResponse{Body: []byte("new")}, nil })
	if string(fresh.Body) != "new" {
		t.Error("a render overtaken by an invalidation was kept")
	}

	app := fiber.New()
	app.Get("/x", func(ctx *fiber.Ctx) error { return c.send(ctx) })
	req := httptest.NewRequest("GET", "/x", nil)
	req.Header.Set("If-None-Match", c.ETag)
	if res, _ := app.Test(req); res.StatusCode != fiber.StatusNotModified {
		t.Errorf("conditional GET: %d", res.StatusCode)
	}
	if res, _ := app.Test(httptest.NewRequest("HEAD", "/x", nil)); res.StatusCode != 200 || res.Header.Get("ETag") != c.ETag {
		t.Errorf("HEAD: %d %q", res.StatusCode, res.Header.Get("ETag"))
	}
}

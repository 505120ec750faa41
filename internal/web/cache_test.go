package web

import (
	"bytes"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
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

func TestResponseCacheServesAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kit.zip")
	content := bytes.Repeat([]byte("kit "), 100000)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	e := &cachedResponse{ContentType: "application/zip", Path: path, Size: int64(len(content)), ETag: `"abc"`, Filename: "kit.zip"}
	app := fiber.New()
	app.Get("/kit.zip", e.send)
	res, err := app.Test(httptest.NewRequest("GET", "/kit.zip", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !bytes.Equal(body, content) || res.Header.Get("Content-Type") != "application/zip" ||
		res.Header.Get("Content-Disposition") != `attachment; filename="kit.zip"` || res.Header.Get("ETag") != `"abc"` {
		t.Errorf("GET: %d, %d bytes, %v", res.StatusCode, len(body), res.Header)
	}
	res, _ = app.Test(httptest.NewRequest("HEAD", "/kit.zip", nil), -1)
	if res.StatusCode != 200 || res.Header.Get("Content-Length") != strconv.Itoa(len(content)) {
		t.Errorf("HEAD: %d, length %q", res.StatusCode, res.Header.Get("Content-Length"))
	}
	req := httptest.NewRequest("GET", "/kit.zip", nil)
	req.Header.Set("If-None-Match", `"abc"`)
	if res, _ := app.Test(req, -1); res.StatusCode != fiber.StatusNotModified {
		t.Errorf("conditional GET: %d", res.StatusCode)
	}
	os.Remove(path)
	if res, _ := app.Test(httptest.NewRequest("GET", "/kit.zip", nil), -1); res.StatusCode != 500 {
		t.Errorf("missing file: %d", res.StatusCode)
	}
}

// TestResponseCacheKeepsOneCurrentVariant: an entry serves its own variant
// only; a render for another variant replaces it, and a render that an
// invalidation overtook is served but not kept.
func TestResponseCacheKeepsOneCurrentVariant(t *testing.T) {
	rc := newResponseCache()
	builds := 0
	build := func(body string) func() (*cachedResponse, error) {
		return func() (*cachedResponse, error) {
			builds++
			return &cachedResponse{ContentType: "text/html", Body: []byte(body)}, nil
		}
	}
	for i, step := range []struct {
		variant, want string
		builds        int
	}{
		{"3 places", "3 places", 1},
		{"3 places", "3 places", 1}, // kept
		{"2 places", "2 places", 2}, // replaced
		{"2 places", "2 places", 2},
		{"3 places", "3 places", 3}, // the old variant is not kept beside it
	} {
		e, err := rc.getCurrent("/", step.variant, build(step.variant))
		if err != nil || string(e.Body) != step.want || builds != step.builds {
			t.Fatalf("step %d: %q (%v) after %d builds; want %q after %d", i, e.Body, err, builds, step.want, step.builds)
		}
	}
	if n := len(rc.entries); n != 1 {
		t.Errorf("%d entries for one key", n)
	}
	e, _ := rc.getCurrent("/", "1 place", func() (*cachedResponse, error) {
		rc.invalidate() // an organiser saves while this renders
		return &cachedResponse{Body: []byte("stale")}, nil
	})
	if string(e.Body) != "stale" || len(rc.entries) != 0 {
		t.Errorf("a render overtaken by invalidate was kept (%d entries)", len(rc.entries))
	}
}

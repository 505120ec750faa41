package web_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"confdesk/assets"
	"confdesk/internal/config"
	"confdesk/internal/webtest"
)

func TestHomeShowsTheConference(t *testing.T) {
	env := webtest.New(t)
	res := env.Get("/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d", res.StatusCode)
	}
	doc := res.Doc()
	if got := doc.Find("h1").First().Text(); got != "Caribbean Counter-Trafficking Conference" {
		t.Errorf("h1 = %q", got)
	}
	for _, want := range []string{
		"15–17 March 2027",              // dates from the seeded start
		"Miami time (America/New_York)", // the zone is named
		"Registration is open.",
		"120 places left.",
		"Prevention", "Protection", "Prosecution", "Plenary",
		"19", "Caribbean countries",
	} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if doc.Find(`a[href="/register"][role="button"]`).Length() != 1 {
		t.Error("no Register call to action while registration is open")
	}
	if doc.Find("html[lang=en]").Length() != 1 || doc.Find("main#main").Length() != 1 || doc.Find(`a.skip-link[href="#main"]`).Length() != 1 {
		t.Error("layout lacks lang, main landmark or skip link")
	}
}

func TestHomeRegistrationStates(t *testing.T) {
	env := webtest.New(t)
	// The demo's window closes as the doors open (midnight in Miami on day one).
	env.Clock.Set(env.Conference.Start())
	res := env.Get("/")
	if !strings.Contains(res.Body, "Registration has closed.") {
		t.Error("after the window: no closed notice")
	}
	if res.Doc().Find(`a[href="/register"][role="button"]`).Length() != 0 {
		t.Error("after the window: Register button still shown")
	}
	env.Clock.Set(env.Conference.RegistrationOpens.Add(-1))
	if res := env.Get("/"); !strings.Contains(res.Body, "Registration opens on") {
		t.Error("before the window: no opening notice")
	}
}

func TestUnknownPathGetsHTML404(t *testing.T) {
	env := webtest.New(t)
	for _, path := range []string{"/nope", "/agenda/../../etc/passwd", "/assets/css/missing.css", "/%3Cscript%3E"} {
		res := env.Get(path)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
			continue
		}
		if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", path, ct)
		}
		if !strings.Contains(res.Body, "Page not found") || !strings.Contains(res.Body, "Caribbean Counter-Trafficking Conference") {
			t.Errorf("GET %s: 404 page is not the site's page", path)
		}
		if strings.Contains(res.Body, "<script>") {
			t.Errorf("GET %s: path echoed unescaped", path)
		}
	}
}

// htmlPages are the pages to hold to the site-wide rules; new public pages join the list.
var htmlPages = []string{"/", "/does-not-exist", "/press", "/press/releases/conference-opens-in-miami",
	"/agenda", "/agenda?day=2&track=protection", "/agenda?day=1&track=prosecution", "/agenda?day=9", "/agenda/1", "/agenda/9999"}

func TestEveryHTMLResponseHasCSPAndNoInlineScript(t *testing.T) {
	env := webtest.New(t)
	onAttr := regexp.MustCompile(`(?i)\son[a-z]+=`)
	for _, path := range htmlPages {
		res := env.Get(path)
		csp := res.Header.Get("Content-Security-Policy")
		if csp == "" {
			t.Errorf("%s: no Content-Security-Policy", path)
		}
		if strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: weak CSP %q", path, csp)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
		res.Doc().Find("script").Each(func(_ int, s *goquery.Selection) {
			if src, ok := s.Attr("src"); !ok || src == "" || strings.TrimSpace(s.Text()) != "" {
				t.Errorf("%s: inline script %q", path, s.Text())
			}
		})
		if onAttr.MatchString(res.Body) {
			t.Errorf("%s: inline event handler attribute", path)
		}
		if strings.Contains(res.Body, "style=") {
			t.Errorf("%s: inline style attribute (blocked by the CSP)", path)
		}
	}
}

func TestHSTSOnlyWhenServedOverHTTPS(t *testing.T) {
	plain := webtest.New(t)
	if h := plain.Get("/").Header.Get("Strict-Transport-Security"); h != "" {
		t.Errorf("http site sends HSTS %q", h)
	}
	secure := webtest.New(t, webtest.WithConfig(func(c *config.Config) { c.BaseURL = "https://conference.example.org" }))
	if h := secure.Get("/").Header.Get("Strict-Transport-Security"); !strings.HasPrefix(h, "max-age=") {
		t.Errorf("https site: HSTS = %q", h)
	}
}

func TestAssetsAreCachedByHash(t *testing.T) {
	env := webtest.New(t)
	url := assets.URL("css/app.css")
	res := env.Get(url)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("GET %s = %d %s", url, res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("versioned asset Cache-Control = %q", cc)
	}
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	req := httptest.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("If-None-Match", etag)
	if res := env.Do(req); res.StatusCode != http.StatusNotModified || res.Body != "" {
		t.Errorf("conditional GET = %d with %d bytes, want 304 and none", res.StatusCode, len(res.Body))
	}
	if cc := env.Get("/assets/css/app.css?v=old").Header.Get("Cache-Control"); strings.Contains(cc, "immutable") {
		t.Errorf("stale version cached for good: %q", cc)
	}
	req = httptest.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	if res := env.Do(req); res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("asset not compressed: Content-Encoding %q", res.Header.Get("Content-Encoding"))
	}
}

func TestPagesAreNotCompressed(t *testing.T) {
	// Pages carry form tokens and echo input: compressing them invites BREACH.
	env := webtest.New(t)
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("Accept-Encoding", "gzip, br")
	if enc := env.Do(req).Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("home page compressed with %q", enc)
	}
}

func TestThemeCarriesTrackColours(t *testing.T) {
	env := webtest.New(t)
	res := env.Get("/theme.css")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "--track-colour:#") {
		t.Fatalf("GET /theme.css = %d %q", res.StatusCode, res.Body)
	}
	req := httptest.NewRequest(http.MethodGet, "/theme.css", nil)
	req.Header.Set("If-None-Match", res.Header.Get("ETag"))
	if res := env.Do(req); res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation = %d, want 304", res.StatusCode)
	}
}

func TestHealth(t *testing.T) {
	env := webtest.New(t)
	if res := env.Get("/healthz"); res.StatusCode != http.StatusOK {
		t.Fatalf("healthy: %d %s", res.StatusCode, res.Body)
	}
	env.DB.Read.Close()
	if res := env.Get("/healthz"); res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("database gone: %d, want 503", res.StatusCode)
	}
}

func TestServerErrorIsAPlainPage(t *testing.T) {
	env := webtest.New(t)
	env.DB.Read.Close() // every query now fails
	res := env.Get("/")
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("GET / with the database gone = %d, want 500", res.StatusCode)
	}
	if !strings.Contains(res.Body, "Something went wrong") {
		t.Error("500 page lacks its sentence")
	}
	for _, leak := range []string{"sql:", "database is closed", "store:", "goroutine"} {
		if strings.Contains(res.Body, leak) {
			t.Errorf("500 page leaks %q", leak)
		}
	}
}

// A rule left open swallows every rule after it: browsers read them as
// nested in it, and they match nothing. (It happened once, in a merge.)
// Our sheet nests rules only inside at-rules such as @media.
func TestStylesheetRulesAreClosed(t *testing.T) {
	env := webtest.New(t)
	css := regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(env.Get(assets.URL("css/app.css")).Body, "")
	var open []bool // for each open block: is it an at-rule?
	start := 0      // where the current prelude began
	for i, r := range css {
		switch r {
		case '{':
			prelude := strings.TrimSpace(css[start:i])
			if len(open) > 0 && !open[len(open)-1] {
				t.Fatalf("app.css: %q is nested in a rule that was not closed", prelude)
			}
			open = append(open, strings.HasPrefix(prelude, "@"))
			start = i + 1
		case '}':
			if len(open) == 0 {
				t.Fatalf("app.css: a } closes nothing near %q", css[max(0, i-40):i])
			}
			open = open[:len(open)-1]
			start = i + 1
		case ';':
			start = i + 1
		}
	}
	if len(open) != 0 {
		t.Fatalf("app.css ends with %d block(s) open", len(open))
	}
}

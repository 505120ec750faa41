package web_test

import (
	"mime"
	"net/http"
	"path"
	"strings"
	"testing"

	"confdesk/internal/config"
	"confdesk/internal/model"
	"confdesk/internal/webtest"
)

// downloadTypes is the Content-Type each kind of download must carry, by
// the URL's extension.
var downloadTypes = map[string]string{
	".pdf":  "application/pdf",
	".csv":  "text/csv",
	".ics":  "text/calendar",
	".vcf":  "text/vcard",
	".zip":  "application/zip",
	".xml":  "application/xml",
	".json": "application/json",
}

// TestAttackResponseHeaders requests every GET route, anonymously and as a
// role allowed on it: every response forbids sniffing and framing, every
// HTML page has a CSP without unsafe-inline, HSTS is sent only over https,
// and every file download names itself and its type.
func TestAttackResponseHeaders(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"http://confdesk.test", "https://ctc.example.org"} {
		t.Run(base, func(t *testing.T) {
			t.Parallel() // each base URL has its own fixture
			fx := newAttackFixture(t, webtest.WithConfig(func(c *config.Config) { c.BaseURL = base }))
			https := strings.HasPrefix(base, "https:")
			seenHTML, seenDownload := 0, 0
			for _, pattern := range fx.routes(http.MethodGet) {
				p := fx.fill(pattern)
				for _, cl := range []*webtest.Client{fx.env.Client(), fx.client(http.MethodGet, pattern)} {
					res := cl.Get(p)
					h := res.Header
					if h.Get("X-Content-Type-Options") != "nosniff" {
						t.Errorf("%s: X-Content-Type-Options %q", p, h.Get("X-Content-Type-Options"))
					}
					csp := h.Get("Content-Security-Policy")
					if !strings.Contains(csp, "frame-ancestors 'none'") && h.Get("X-Frame-Options") != "DENY" {
						t.Errorf("%s: framing allowed (CSP %q, X-Frame-Options %q)", p, csp, h.Get("X-Frame-Options"))
					}
					if got := h.Get("Strict-Transport-Security"); (got != "") != https {
						t.Errorf("%s: HSTS %q over %s", p, got, base)
					}
					ctype, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
					if ctype == "text/html" {
						seenHTML++
						if csp == "" || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") ||
							!strings.Contains(csp, "script-src 'self'") {
							t.Errorf("%s: CSP %q", p, csp)
						}
					}
					if res.StatusCode != http.StatusOK {
						continue
					}
					ext := path.Ext(p)
					if strings.HasSuffix(pattern, "/download") || strings.HasPrefix(pattern, "/press/files/") {
						ext = ".jpg"
					}
					if strings.HasSuffix(pattern, "/documents/:docid/download") ||
						(strings.HasSuffix(pattern, "/documents/:docid") && !strings.HasPrefix(pattern, "/admin/")) {
						ext = ".pdf" // the fixture's session document
					}
					want, isDownload := downloadTypes[ext]
					if ext == ".jpg" {
						want, isDownload = "image/jpeg", true
					}
					if !isDownload {
						continue
					}
					seenDownload++
					if ctype != want {
						t.Errorf("%s: Content-Type %q, want %s", p, h.Get("Content-Type"), want)
					}
					cd := h.Get("Content-Disposition")
					disp, params, err := mime.ParseMediaType(cd)
					if err != nil || (disp != "attachment" && disp != "inline") || params["filename"] == "" {
						t.Errorf("%s: Content-Disposition %q", p, cd)
					}
				}
			}
			// The error pages too: 404, 403, 405 and a refused form.
			for _, res := range []*webtest.Response{fx.env.Get("/no/such/page"), fx.clients[model.UserCheckin].Get("/admin/settings"),
				fx.env.Client().PostForm("/register", nil), fx.clients[model.UserOrganiser].PostAdmin("/admin/agenda/rooms", nil)} {
				csp := res.Header.Get("Content-Security-Policy")
				if res.StatusCode < 400 || res.Header.Get("X-Content-Type-Options") != "nosniff" ||
					!strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
					t.Errorf("error page %d: CSP %q, nosniff %q", res.StatusCode, csp, res.Header.Get("X-Content-Type-Options"))
				}
			}
			if seenHTML < 50 || seenDownload < 20 {
				t.Errorf("only %d HTML pages and %d downloads checked", seenHTML, seenDownload)
			}
		})
	}
}

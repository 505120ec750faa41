package press

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestRenderMarkdown(t *testing.T) {
	got, err := RenderMarkdown("# Heading\n\nSome *text* with [a link](https://www.iom.int/).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee www.example.org.")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h1>Heading</h1>", "<em>text</em>", `<a href="https://www.iom.int/">a link</a>`,
		"<li>one</li>", "<table>", "<td>2</td>", `<a href="http://www.example.org">www.example.org</a>`} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %s:\n%s", want, got)
		}
	}
}

// TestRenderMarkdownIsInert holds RenderMarkdown to what makes its output
// safe to insert unescaped: no element, attribute or URL the source did
// not get from Markdown itself can run script.
func TestRenderMarkdownIsInert(t *testing.T) {
	for _, src := range []string{
		"<script>alert(1)</script>",
		"Text <script>alert(1)</script> inline",
		"a <img src=x onerror=alert(1)> b",
		`<a href="javascript:alert(1)">x</a>`,
		"<iframe src=\"https://evil.example\"></iframe>",
		"<style>body{display:none}</style>",
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x]( javascript:alert(1))",
		"[x](<javascript:alert(1)>)",
		"[x](&#106;avascript:alert(1))",
		"[x][r]\n\n[r]: javascript:alert(1)",
		"<javascript:alert(1)>",
		"![i](javascript:alert(1))",
		"[x](vbscript:msgbox(1))",
		"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
		`[x](https://example.org "a\" onmouseover=\"alert(1)")`,
	} {
		t.Run(src, func(t *testing.T) {
			out, err := RenderMarkdown(src)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if n := doc.Find("script, iframe, style, object, embed").Length(); n > 0 {
				t.Errorf("%d active elements in %q", n, out)
			}
			doc.Find("*").Each(func(_ int, s *goquery.Selection) {
				for _, a := range s.Nodes[0].Attr {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if strings.HasPrefix(a.Key, "on") {
						t.Errorf("event attribute %s in %q", a.Key, out)
					}
					if (a.Key == "href" || a.Key == "src") && strings.ContainsAny(v, ":") &&
						!strings.HasPrefix(v, "https:") && !strings.HasPrefix(v, "http:") {
						t.Errorf("%s=%q in %q", a.Key, a.Val, out)
					}
				}
			})
		})
	}
}

package press

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// dangerous returns what in rendered HTML could run script: a script-like
// element, an event-handler attribute or a script URL.
func dangerous(rendered string) string {
	z := html.NewTokenizer(strings.NewReader(rendered))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "object", "embed", "style", "base", "form":
				return "<" + tok.Data + ">"
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				switch {
				case strings.HasPrefix(strings.ToLower(a.Key), "on"):
					return a.Key + "="
				case (a.Key == "href" || a.Key == "src") &&
					(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:")):
					return a.Key + "=" + a.Val
				}
			}
		}
	}
}

// FuzzRenderMarkdown: no Markdown, however odd, renders into script or
// an event handler (raw HTML is off).
func FuzzRenderMarkdown(f *testing.F) {
	for _, seed := range []string{"<script>alert(1)</script>", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>",
		"[x](JaVaScRiPt:alert(1))", "![a](javascript:alert(1))", "**bold** _it_\n\n- a\n- b", "<a href=\"javascript:x\">y</a>",
		"[x]: javascript:alert(1)\n\n[y][x]", "| a | b |\n|---|---|\n| <b> | c |"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out, err := RenderMarkdown(src)
		if err != nil {
			return
		}
		if m := dangerous(out); m != "" {
			t.Fatalf("Markdown %q rendered %q, containing %q", src, out, m)
		}
	})
}

// FuzzSlugify: every slug is valid or empty.
func FuzzSlugify(f *testing.F) {
	for _, seed := range []string{"Conference opens in Miami", "Piñeiro & Nguyễn", "../../etc/passwd", "   ", "--a--b--"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, title string) {
		if s := Slugify(title); s != "" && !ValidSlug(s) {
			t.Fatalf("Slugify(%q) = %q, not a valid slug", title, s)
		}
	})
}

// FuzzSafeName: a stored or served name never leaves its folder.
func FuzzSafeName(f *testing.F) {
	for _, seed := range []string{"../../etc/passwd.pdf", `..\..\evil.pdf`, "photo\x00.png", "/abs/path.zip", "…", "a\u202eb.pdf"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		s := SafeName(name)
		if strings.ContainsAny(s, `/\`) || s == "." || s == ".." || strings.HasPrefix(s, "..") {
			t.Fatalf("SafeName(%q) = %q", name, s)
		}
		for _, r := range s {
			if r < 0x20 || r == 0x7f {
				t.Fatalf("SafeName(%q) = %q keeps a control character", name, s)
			}
		}
	})
}

// Package press holds the press room's rules, free of HTTP: release
// Markdown and slugs, and which files may be uploaded and how they are
// stored and named.
package press

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// markdown converts release bodies. Its HTML renderer keeps goldmark's
// defaults on purpose: without html.WithUnsafe, raw HTML in the source
// (blocks and inline tags alike) is replaced by a "raw HTML omitted"
// comment, and links or images whose destination is javascript:,
// vbscript:, file: or data: (other than data:image/png|gif|jpeg|webp) get
// an empty href. Never add html.WithUnsafe here: RenderMarkdown's output is
// inserted into pages unescaped.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// RenderMarkdown converts a release body from Markdown to HTML. The result
// is safe to insert into a page as is (templ.Raw): goldmark escapes every
// piece of text and attribute it writes, drops raw HTML and empties
// dangerous link destinations (see markdown). TestRenderMarkdownIsInert
// holds it to that.
func RenderMarkdown(src string) (string, error) {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		return "", fmt.Errorf("press: render markdown: %w", err)
	}
	return buf.String(), nil
}

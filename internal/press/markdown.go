// Package press holds the press room's rules, free of HTTP: release
// Markdown and slugs, which files may be uploaded and how they are stored
// and named, the checks of the press team's forms, and the Editor that
// makes their changes (each in one transaction with its audit line).
//
// Publishing a release is a save: the edit form's "Save and publish"
// button sends the text on screen with the publish request, because a
// separate publish button once put out the last saved text while the page
// showed newer edits. Taking a release down (unpublish) stays a button of
// its own, so it never waits on a half-edited text. A press file has one
// publishing control, the "Published" box in its description form.
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

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
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"confdesk/internal/i18n"
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
	return RenderRelease(src, nil)
}

// Picture is a press-room image as a release shows it: the address it is
// displayed from, and the caption and credit printed under it.
type Picture struct {
	Display, Caption, Credit string
	// Lang is the language of the words around the credit; nil for English.
	Lang *i18n.Locale
}

// Line is the text under a picture: its caption and its credit.
func (p Picture) Line() string {
	line := p.Caption
	if p.Credit != "" {
		if line != "" {
			line += " "
		}
		l := p.Lang
		if l == nil {
			l = i18n.English
		}
		line += l.T("press.credit", "Credit", p.Credit)
	}
	return line
}

// RenderRelease is RenderMarkdown for a release page: an image whose
// address find knows (a published press-room image) is shown from its
// display address, so that showing it is not counted as a download, with
// its caption and credit under it. The image itself is still written by
// goldmark's renderer, with the same escaping; find may be nil.
func RenderRelease(src string, find func(dest string) (Picture, bool)) (string, error) {
	md := markdown
	if find != nil {
		md = goldmark.New(goldmark.WithExtensions(extension.GFM),
			goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(pictureTransformer{find}, 100))),
			goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(pictureRenderer{}, 100))))
	}
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return "", fmt.Errorf("press: render markdown: %w", err)
	}
	return buf.String(), nil
}

// kindPicture is the node that wraps a known picture with its caption.
var kindPicture = ast.NewNodeKind("PressPicture")

// pictureNode holds one image (its only child) and what to print under it.
type pictureNode struct {
	ast.BaseInline
	Picture
}

// Kind is kindPicture.
func (n *pictureNode) Kind() ast.NodeKind { return kindPicture }

// Dump prints the node for goldmark's debugging.
func (n *pictureNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// pictureTransformer wraps each image that find knows in a pictureNode and
// points it at the picture's display address.
type pictureTransformer struct {
	find func(dest string) (Picture, bool)
}

// Transform rewrites the parsed document.
func (t pictureTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			images = append(images, img)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		p, ok := t.find(string(img.Destination))
		if !ok {
			continue
		}
		img.Destination = []byte(p.Display)
		wrap := &pictureNode{Picture: p}
		parent := img.Parent()
		parent.ReplaceChild(parent, img, wrap)
		wrap.AppendChild(wrap, img)
	}
}

// pictureRenderer writes a pictureNode: a span around the image and its
// caption line, escaped.
type pictureRenderer struct{}

// RegisterFuncs registers the pictureNode's renderer.
func (pictureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindPicture, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="press-picture">`)
			return ast.WalkContinue, nil
		}
		if line := n.(*pictureNode).Line(); line != "" {
			_, _ = w.WriteString(`<span class="press-picture-caption">`)
			_, _ = w.Write(util.EscapeHTML([]byte(line)))
			_, _ = w.WriteString(`</span>`)
		}
		_, _ = w.WriteString(`</span>`)
		return ast.WalkContinue, nil
	})
}

package press

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// BlockKind says how a block of a release body is laid out on paper.
type BlockKind int

// Kinds of block.
const (
	Paragraph BlockKind = iota
	Heading
	Bullet   // an item of an unordered list
	Numbered // an item of an ordered list
	Quote
	Code // preformatted lines
)

// Block is one block of a release body as plain text, for documents that
// cannot show HTML (the release's PDF).
type Block struct {
	Kind   BlockKind
	Text   string
	Number int // of a Numbered item
	Depth  int // nesting of a list item: 0 at the top level
}

// PlainBlocks turns a release body's Markdown into plain-text blocks:
// paragraphs, headings, list items, quotes and code. It reads the same
// syntax tree RenderMarkdown renders, so the PDF and the page agree on what
// is a list. Emphasis is dropped to its text, a link keeps its text and
// shows its address after it, an image becomes its description, and raw
// HTML is left out entirely, never passed on as text.
func PlainBlocks(src string) []Block {
	w := plainWriter{source: []byte(src)}
	doc := markdown.Parser().Parse(text.NewReader(w.source))
	w.children(doc, Paragraph, 0)
	return w.out
}

// plainWriter collects a document's blocks.
type plainWriter struct {
	source []byte
	out    []Block
}

func (w *plainWriter) add(b Block) {
	if b.Text != "" {
		w.out = append(w.out, b)
	}
}

// children adds the blocks of n's children; kind is what a paragraph among
// them becomes (Quote inside a block quote).
func (w *plainWriter) children(n ast.Node, kind BlockKind, depth int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c, kind, depth)
	}
}

func (w *plainWriter) block(n ast.Node, kind BlockKind, depth int) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		w.add(Block{Kind: kind, Text: inlineText(n, w.source), Depth: depth})
	case *ast.Heading:
		w.add(Block{Kind: Heading, Text: inlineText(n, w.source)})
	case *ast.Blockquote:
		w.children(n, Quote, depth)
	case *ast.List:
		w.list(n, depth)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			b.Write(seg.Value(w.source))
		}
		w.add(Block{Kind: Code, Text: strings.TrimRight(b.String(), "\n"), Depth: depth})
	case *east.Table:
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, inlineText(cell, w.source))
			}
			w.add(Block{Kind: kind, Text: strings.Join(cells, " | "), Depth: depth})
		}
	default:
		// HTML blocks and thematic breaks have no text to keep.
	}
}

// list adds a list's items: each item's own text as one block, what else
// it holds (a nested list, a quote) after it, one level deeper.
func (w *plainWriter) list(l *ast.List, depth int) {
	number := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		b := Block{Kind: Bullet, Depth: depth}
		if l.IsOrdered() {
			b.Kind, b.Number = Numbered, number
			number++
		}
		var texts []string
		var rest []ast.Node
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				if t := inlineText(c, w.source); t != "" {
					texts = append(texts, t)
				}
			default:
				rest = append(rest, c)
			}
		}
		b.Text = strings.Join(texts, " ")
		w.add(b)
		for _, c := range rest {
			w.block(c, Paragraph, depth+1)
		}
	}
}

// inlineText is the plain text of a block's inline content, with
// backslash escapes and character references resolved and whitespace
// collapsed.
func inlineText(n ast.Node, source []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(plainValue(c.Segment.Value(source)))
				switch {
				case c.HardLineBreak():
					b.WriteByte('\n')
				case c.SoftLineBreak():
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(plainValue(c.Value))
			case *ast.CodeSpan:
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if s, ok := t.(*ast.Text); ok {
						b.Write(s.Segment.Value(source))
					}
				}
			case *ast.AutoLink:
				b.Write(c.URL(source))
			case *ast.Link:
				before := b.Len()
				walk(c)
				label := b.String()[before:]
				// The address is printed after the text when a reader can use it:
				// a web or mail address, never a script or a relative path.
				dest := string(c.Destination)
				web := strings.HasPrefix(dest, "https://") || strings.HasPrefix(dest, "http://") || strings.HasPrefix(dest, "mailto:")
				if web && dest != label && "mailto:"+label != dest {
					b.WriteString(" (" + dest + ")")
				}
			case *ast.Image:
				walk(c) // its description
			case *ast.RawHTML:
				// Dropped: tags are not text.
			default:
				walk(c)
			}
		}
	}
	walk(n)
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// plainValue resolves what the HTML renderer would: backslash escapes and
// character references.
func plainValue(v []byte) []byte {
	return util.UnescapePunctuations(util.ResolveEntityNames(util.ResolveNumericReferences(v)))
}

package press

import (
	"strings"
	"unicode"

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
	Code  // preformatted lines
	Image // a picture: Image is its address, Text its description
)

// Block is one block of a release body as plain text, for documents that
// cannot show HTML (the release's PDF).
type Block struct {
	Kind   BlockKind
	Text   string
	Number int // of a Numbered item
	Depth  int // nesting of a list item: 0 at the top level
	// Runs are Text in pieces, each bold (**strong**) or not.
	Runs []Run
	// Image is the address of an Image block's picture, as written.
	Image string
}

// Run is a piece of a block's text in one weight.
type Run struct {
	Text string
	Bold bool
}

// PlainBlocks turns a release body's Markdown into plain-text blocks:
// paragraphs, headings, list items, quotes, code and pictures. It reads
// the same syntax tree RenderMarkdown renders, so the PDF and the page
// agree on what is a list. Strong emphasis is kept as bold runs, other
// emphasis is dropped to its text, a link keeps its text and shows its
// address after it, a picture in a paragraph becomes an Image block after
// the paragraph's text (elsewhere, its description), and raw HTML is left
// out entirely, never passed on as text.
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

// text adds a block of kind whose text is n's inline content.
func (w *plainWriter) text(n ast.Node, kind BlockKind, depth int) {
	runs := inlineRuns(n, w.source, false)
	w.add(Block{Kind: kind, Text: runsText(runs), Runs: runs, Depth: depth})
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
		runs := inlineRuns(n, w.source, true)
		w.add(Block{Kind: kind, Text: runsText(runs), Runs: runs, Depth: depth})
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if img, ok := c.(*ast.Image); ok && entering {
				w.out = append(w.out, Block{Kind: Image, Image: string(img.Destination),
					Text: inlineText(img, w.source), Depth: depth})
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	case *ast.Heading:
		w.text(n, Heading, 0)
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
		var rest []ast.Node
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				if runs := inlineRuns(c, w.source, false); len(runs) > 0 {
					if len(b.Runs) > 0 {
						b.Runs = append(b.Runs, Run{Text: " "})
					}
					b.Runs = append(b.Runs, runs...)
				}
			default:
				rest = append(rest, c)
			}
		}
		b.Runs = mergeRuns(b.Runs)
		b.Text = runsText(b.Runs)
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
	return runsText(inlineRuns(n, source, false))
}

// inlineRuns is inlineText in runs of bold and regular text; skipImages
// leaves pictures out (they become blocks of their own).
func inlineRuns(n ast.Node, source []byte, skipImages bool) []Run {
	var runs []Run
	write := func(s string, bold bool) {
		if k := len(runs) - 1; k >= 0 && runs[k].Bold == bold {
			runs[k].Text += s
			return
		}
		runs = append(runs, Run{Text: s, Bold: bold})
	}
	var walk func(n ast.Node, bold bool)
	walk = func(n ast.Node, bold bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				write(string(plainValue(c.Segment.Value(source))), bold)
				switch {
				case c.HardLineBreak():
					write("\n", bold)
				case c.SoftLineBreak():
					write(" ", bold)
				}
			case *ast.String:
				write(string(plainValue(c.Value)), bold)
			case *ast.CodeSpan:
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if s, ok := t.(*ast.Text); ok {
						write(string(s.Segment.Value(source)), bold)
					}
				}
			case *ast.AutoLink:
				write(string(c.URL(source)), bold)
			case *ast.Emphasis:
				walk(c, bold || c.Level >= 2)
			case *ast.Link:
				label := runsText(inlineRuns(c, source, skipImages))
				walk(c, bold)
				// The address is printed after the text when a reader can use it:
				// a web or mail address, never a script or a relative path.
				dest := string(c.Destination)
				web := strings.HasPrefix(dest, "https://") || strings.HasPrefix(dest, "http://") || strings.HasPrefix(dest, "mailto:")
				if web && dest != label && "mailto:"+label != dest {
					write(" ("+dest+")", false)
				}
			case *ast.Image:
				if !skipImages {
					walk(c, bold) // its description
				}
			case *ast.RawHTML:
				// Dropped: tags are not text.
			default:
				walk(c, bold)
			}
		}
	}
	walk(n, false)
	return collapse(runs)
}

// collapse makes runs' whitespace what a reader sees: every run of spaces
// one space, none at the start or end of a line or of the whole, line
// breaks kept. Empty runs are dropped and neighbours of one weight merged.
func collapse(runs []Run) []Run {
	var out []Run
	pending, lineStart := false, true
	for _, r := range runs {
		var b strings.Builder
		for _, ch := range r.Text {
			switch {
			case ch == '\n':
				out = append(out, Run{Text: b.String(), Bold: r.Bold}, Run{Text: "\n"})
				b.Reset()
				pending, lineStart = false, true
			case unicode.IsSpace(ch):
				pending = !lineStart
			default:
				if pending {
					b.WriteByte(' ')
					pending = false
				}
				b.WriteRune(ch)
				lineStart = false
			}
		}
		out = append(out, Run{Text: b.String(), Bold: r.Bold})
	}
	out = mergeRuns(out)
	for len(out) > 0 && strings.Trim(out[0].Text, "\n") == "" {
		out = out[1:]
	}
	for len(out) > 0 && strings.Trim(out[len(out)-1].Text, "\n") == "" {
		out = out[:len(out)-1]
	}
	if len(out) > 0 {
		out[0].Text = strings.TrimLeft(out[0].Text, "\n")
		out[len(out)-1].Text = strings.TrimRight(out[len(out)-1].Text, "\n")
	}
	return out
}

// mergeRuns drops empty runs and joins neighbours of one weight; a line
// break or a lone space joins either neighbour.
func mergeRuns(runs []Run) []Run {
	var out []Run
	for _, r := range runs {
		if r.Text == "" {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].Bold == r.Bold {
			out[k].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	return out
}

// runsText is the text of runs.
func runsText(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// plainValue resolves what the HTML renderer would: backslash escapes and
// character references.
func plainValue(v []byte) []byte {
	return util.UnescapePunctuations(util.ResolveEntityNames(util.ResolveNumericReferences(v)))
}

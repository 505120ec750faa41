package press

import (
	"reflect"
	"strings"
	"testing"
)

func TestPlainBlocks(t *testing.T) {
	src := "Officials from **19 countries** meet in _Miami_.\nThey compare notes.\n\n" +
		"## What they discuss\n\n" +
		"- raising `awareness`;\n- protecting [victims](https://example.org/v);\n  - nested item\n\n" +
		"1. first\n2. second\n\n" +
		"> A quote\n\n" +
		"<div><script>alert(1)</script></div>\n\n" +
		"Inline <b>tag</b> &amp; \\*escape\\* &#233; <https://iom.int> [x](javascript:alert(1))\n\n" +
		"---\n\n" +
		"| A | B |\n|---|---|\n| 1 | 2 |\n"
	got := PlainBlocks(src)
	want := []Block{
		{Kind: Paragraph, Text: "Officials from 19 countries meet in Miami. They compare notes."},
		{Kind: Heading, Text: "What they discuss"},
		{Kind: Bullet, Text: "raising awareness;"},
		{Kind: Bullet, Text: "protecting victims (https://example.org/v);"},
		{Kind: Bullet, Text: "nested item", Depth: 1},
		{Kind: Numbered, Text: "first", Number: 1},
		{Kind: Numbered, Text: "second", Number: 2},
		{Kind: Quote, Text: "A quote"},
		{Kind: Paragraph, Text: "Inline tag & *escape* é https://iom.int x"},
		{Kind: Paragraph, Text: "A | B"},
		{Kind: Paragraph, Text: "1 | 2"},
	}
	// The runs are checked in TestPlainBlocksBoldAndPictures.
	texts := make([]Block, len(got))
	for i, b := range got {
		b.Runs = nil
		texts[i] = b
	}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("PlainBlocks:\n got %+v\nwant %+v", texts, want)
	}
	for _, b := range got {
		if strings.ContainsAny(b.Text, "<>") {
			t.Errorf("markup left in %q", b.Text)
		}
	}
}

func TestPlainBlocksHardBreakAndEmpty(t *testing.T) {
	if got := PlainBlocks(""); len(got) != 0 {
		t.Errorf("empty body: %+v", got)
	}
	got := PlainBlocks("Line one  \nline two")
	if len(got) != 1 || got[0].Text != "Line one\nline two" {
		t.Errorf("hard break: %+v", got)
	}
}

// Strong emphasis stays bold for the PDF; a picture in a paragraph comes
// after the paragraph's text as a block of its own, with its description.
func TestPlainBlocksBoldAndPictures(t *testing.T) {
	got := PlainBlocks("Ministers **agreed on  shelters** today.\n\n![Delegates *arriving*](/press/files/3)\n\nSee ![map](/press/files/4) here.")
	want := []Block{
		{Kind: Paragraph, Text: "Ministers agreed on shelters today.", Runs: []Run{{"Ministers", false}, {" agreed on shelters", true}, {" today.", false}}},
		{Kind: Image, Text: "Delegates arriving", Image: "/press/files/3"},
		{Kind: Paragraph, Text: "See here.", Runs: []Run{{"See here.", false}}},
		{Kind: Image, Text: "map", Image: "/press/files/4"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PlainBlocks:\n got %+v\nwant %+v", got, want)
	}
}

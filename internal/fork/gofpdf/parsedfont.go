package gofpdf

// confdesk: fonts parsed once and added to many documents. Upstream, every
// AddUTF8FontFromBytes parses the whole TrueType file, hashes its 65,536
// widths as JSON for the font's id, and Output parses it again to cut the
// subset: about 5 ms of CPU per font and per document for DejaVu Sans. A
// UTF8Font holds the result of the first parse and of the part of the
// subsetting that does not depend on the document; documents share it and
// each cuts its own subset from it. The PDF bytes are the same as with
// AddUTF8FontFromBytes.

import (
	"errors"
	"sync"
)

// UTF8Font is a TrueType font parsed once by ParseUTF8Font, to be added to
// any number of documents with AddUTF8FontParsed. It is never written to
// after ParseUTF8Font returns, so documents on several goroutines may share it.
type UTF8Font struct {
	def  fontDefType   // Name, i, usedRunes and utf8File are set per document
	base *utf8FontFile // parsed and prepared for cutting; read-only

	mu  sync.Mutex
	ids map[string]string // font id per font key, as generateFontID makes it
}

// ParseUTF8Font parses a TrueType font (the bytes AddUTF8FontFromBytes
// takes). It keeps its own copy of b.
func ParseUTF8Font(b []byte) (*UTF8Font, error) {
	b = append(make([]byte, 0, len(b)), b...)
	utf := newUTF8Font(&fileReader{array: b})
	if err := utf.parseFile(); err != nil {
		return nil, err
	}
	font := &UTF8Font{ids: map[string]string{}}
	font.def = fontDefType{
		Tp: "UTF8",
		Desc: FontDescType{
			Ascent:       int(utf.Ascent),
			Descent:      int(utf.Descent),
			CapHeight:    utf.CapHeight,
			Flags:        utf.Flags,
			FontBBox:     utf.Bbox,
			ItalicAngle:  utf.ItalicAngle,
			StemV:        utf.StemV,
			MissingWidth: round(utf.DefaultWidth),
		},
		Up: int(round(utf.UnderlinePosition)),
		Ut: round(utf.UnderlineThickness),
		Cw: utf.CharWidths,
	}
	// prepareCut replaces the template's CharWidths; the def keeps the
	// widths that parseFile read, as upstream's document does.
	if !utf.prepareCut() {
		return nil, errNoUnicodeCmap
	}
	utf.prepared = true
	utf.CharWidths = nil // the cut reads the widths from the font's hmtx table; 512 KB less per font
	font.base = utf
	return font, nil
}

// errNoUnicodeCmap is upstream's "Font does not have cmap for Unicode".
var errNoUnicodeCmap = errors.New("gofpdf: the font has no Unicode cmap (format 4)")

// id is the font id upstream gives the font under fontkey, computed once
// per key: it hashes the whole definition as JSON.
func (font *UTF8Font) id(fontkey string) string {
	font.mu.Lock()
	defer font.mu.Unlock()
	if id, ok := font.ids[fontkey]; ok {
		return id
	}
	def := font.def
	def.Name = fontkey
	id, _ := generateFontID(def)
	font.ids[fontkey] = id
	return id
}

// working is a document's own cutter over the shared parse: its reader and
// the fields cut writes are its own, the rest is read from the template.
func (font *UTF8Font) working() *utf8FontFile {
	w := *font.base
	w.fileReader = &fileReader{array: font.base.fileReader.array}
	w.outTablesData = nil
	w.symbolData = nil
	w.CodeSymbolDictionary = nil
	return &w
}

// AddUTF8FontParsed adds font under familyStr and styleStr, as
// AddUTF8FontFromBytes adds the bytes it was parsed from, without parsing
// them again.
func (f *Fpdf) AddUTF8FontParsed(familyStr, styleStr string, font *UTF8Font) {
	if f.err != nil {
		return
	}
	fontkey := getFontKey(fontFamilyEscape(familyStr), styleStr)
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	def := font.def
	def.Name = fontkey
	if f.aliasNbPagesStr == "" {
		def.usedRunes = makeSubsetRange(57)
	} else {
		def.usedRunes = makeSubsetRange(32)
	}
	def.utf8File = font.working()
	def.i = font.id(fontkey)
	f.fonts[fontkey] = def
}

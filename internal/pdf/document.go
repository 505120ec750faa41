// Package pdf draws confdesk's printed documents with gofpdf: badges now,
// and later the programme, letters, certificates and reports.
//
// Decisions:
//   - One embedded font family, DejaVu Sans regular and bold, for every
//     document, so Latin Extended and Vietnamese names print right.
//   - QR codes are drawn as vector rectangles from boombuler/barcode's
//     matrix, with a 4-module quiet zone; gofpdf's contrib/barcode is not
//     used (it embeds a bitmap and caches every code for ever).
//   - Output is deterministic: fixed creation date and sorted catalogue,
//     so the same input gives the same bytes.
//   - Every text call goes through one path (document, text.go): stored
//     text never makes a document fail. Characters the font lacks print as
//     U+FFFD (the font has it, and a reader sees something was there),
//     invisible format characters are dropped, right-to-left lines are
//     reordered by the Unicode bidirectional algorithm after line breaking
//     and Arabic letters joined (bidi.go, arabic.go). A panic inside gofpdf
//     becomes an error naming the record; a batch (badges, certificates)
//     prints around a record that fails and names it on a last page, since
//     a whole conference's badges must not wait on one bad record.
//   - The fonts are parsed once, when the program starts, and shared by
//     every document (gofpdf's AddUTF8FontFromBytes parses them for each
//     document, which cost more CPU than drawing a badge). gofpdf is
//     forked in internal/fork/gofpdffor that; its README lists the changes.
//   - Known limit: Write, used only for press-release paragraphs, reorders a
//     right-to-left paragraph as one line; releases are written in English.
package pdf

import (
	"fmt"
	"time"

	"github.com/jung-kurt/gofpdf"

	"confdesk/assets"
)

// Font family names registered in every document.
const (
	family = "DejaVu"
)

// The fonts are parsed once, when the program starts, and shared by every
// document: parsing DejaVu Sans for each document cost more CPU than
// drawing a badge. Each document still embeds only the subset of glyphs it
// uses.
var (
	regularFont = parseFont("DejaVuSans.ttf")
	boldFont    = parseFont("DejaVuSans-Bold.ttf")
)

func parseFont(name string) *gofpdf.UTF8Font {
	f, err := gofpdf.ParseUTF8Font(assets.Font(name))
	if err != nil {
		panic(fmt.Sprintf("pdf: parse %s: %v", name, err))
	}
	return f
}

// Meta is the metadata every document carries.
type Meta struct {
	Title   string
	Author  string    // the organiser
	Created time.Time // fixed by tests; the generation time otherwise
}

// newDocument starts a document in millimetres on pages of the given size,
// with the embedded fonts, no automatic page breaks and its metadata set.
func newDocument(size gofpdf.SizeType, orientation string, m Meta) *document {
	f := &document{gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: orientation, UnitStr: "mm", Size: size})}
	f.AddUTF8FontParsed(family, "", regularFont)
	f.AddUTF8FontParsed(family, "B", boldFont)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetTitle(m.Title, true)
	f.SetAuthor(m.Author, true)
	f.SetCreator("confdesk", true)
	f.SetProducer("confdesk (gofpdf)", true)
	f.SetCreationDate(m.Created.UTC())
	f.SetModificationDate(m.Created.UTC())
	f.SetCatalogSort(true)
	return f
}

// rgb is a colour as #rrggbb.
type rgb struct{ r, g, b int }

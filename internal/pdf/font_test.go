package pdf

import (
	"bytes"
	"sync"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"confdesk/assets"
)

// fontSample is text from every script the badges print: Latin with
// accents, Vietnamese, Greek, Cyrillic, Hebrew and shaped Arabic.
var fontSample = []string{
	"Désirée Piñeiro-Nguyễn", "Łukasz Żółć · Ångström", "Trần Thị Hương", "Αθηνά Παπαδοπούλου",
	"Ольга Кузнецова", "דוד כהן", "محمد علي", "\uFFFD",
}

// drawSample draws lines in regular and bold with fonts added by add.
func drawSample(t testing.TB, lines []string, add func(f *gofpdf.Fpdf)) []byte {
	t.Helper()
	f := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", Size: gofpdf.SizeType{Wd: 105, Ht: 148}})
	add(f)
	f.SetCatalogSort(true)
	f.SetCreationDate(testMeta.Created)
	f.SetModificationDate(testMeta.Created)
	f.AddPage()
	d := &document{f}
	for i, l := range lines {
		style := ""
		if i%2 == 1 {
			style = "B"
		}
		d.SetFont(family, style, 12)
		d.Text(10, 10+float64(i)*8, l)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The fonts parsed once give the very bytes that gofpdf's own per-document
// parsing gives, for every script: the fork changes when the work is done,
// not what is written.
func TestParsedFontsWriteWhatGofpdfWrites(t *testing.T) {
	for _, lines := range [][]string{fontSample, fontSample[:1], {"ASCII only"}, nil} {
		upstream := drawSample(t, lines, func(f *gofpdf.Fpdf) {
			f.AddUTF8FontFromBytes(family, "", assets.Font("DejaVuSans.ttf"))
			f.AddUTF8FontFromBytes(family, "B", assets.Font("DejaVuSans-Bold.ttf"))
		})
		parsed := drawSample(t, lines, func(f *gofpdf.Fpdf) {
			f.AddUTF8FontParsed(family, "", regularFont)
			f.AddUTF8FontParsed(family, "B", boldFont)
		})
		if !bytes.Equal(upstream, parsed) {
			t.Errorf("%q: %d bytes from parsed fonts differ from gofpdf's %d", lines, len(parsed), len(upstream))
		}
	}
}

// Documents drawn at once from the shared parsed fonts, each with other
// glyphs, come out as when drawn alone: no document writes into what the
// fonts share (run with -race).
func TestParsedFontsAreSharedSafely(t *testing.T) {
	add := func(f *gofpdf.Fpdf) {
		f.AddUTF8FontParsed(family, "", regularFont)
		f.AddUTF8FontParsed(family, "B", boldFont)
	}
	want := make([][]byte, len(fontSample))
	for i, l := range fontSample {
		want[i] = drawSample(t, []string{l, l}, add)
	}
	var wg sync.WaitGroup
	for range 3 {
		for i, l := range fontSample {
			wg.Go(func() {
				if got := drawSample(t, []string{l, l}, add); !bytes.Equal(got, want[i]) {
					t.Errorf("%q drawn concurrently differs from drawn alone", l)
				}
			})
		}
	}
	wg.Wait()
	// And a document drawn after all of them is still what it was.
	if got := drawSample(t, []string{fontSample[0], fontSample[0]}, add); !bytes.Equal(got, want[0]) {
		t.Error("the shared fonts changed while documents were drawn")
	}
}

// BenchmarkNewDocument is what every document pays before drawing: a
// document with the two fonts, one line, written out.
func BenchmarkNewDocument(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		f := newDocument(gofpdf.SizeType{Wd: 105, Ht: 148}, "P", testMeta)
		f.AddPage()
		f.SetFont(family, "B", 12)
		f.Text(10, 10, "Désirée Piñeiro-Nguyễn")
		f.SetFont(family, "", 12)
		f.Text(10, 20, "Ministry of National Security")
		if err := f.Output(&bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}

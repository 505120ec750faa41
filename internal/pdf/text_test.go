package pdf

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"

	"confdesk/internal/pdftest"
)

// A registrant's attack: characters beyond the BMP (and others the font
// lacks) in every printed field. Every document must render, with the
// characters replaced visibly.
func TestDocumentsDrawUnprintableTextReplaced(t *testing.T) {
	odd := func(s string) string { return s + "😀\u4E2D\U0001F334" }
	b := Badge{Name: odd("Smile"), Organisation: odd("Palm Org "), Country: odd("Jamaica"), Category: "participant",
		HeadOfDelegation: true, Reference: "CTC-EMO234", CheckinCode: "EMOJIEMOJIEMOJI2"}
	for _, layout := range Layouts {
		text := flat(t, render(t, layout, []Badge{b, hardBadges()[0]}))
		for _, want := range []string{"Smile\uFFFD", "Palm Org \uFFFD", "Jamaica\uFFFD", "Désirée Piñeiro-Nguyễn"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: %q missing from %s", layout, want, text)
			}
		}
	}
	var buf bytes.Buffer
	err := Certificates(&buf, CertificateHeader{Organiser: "IOM"},
		[]Certificate{{Name: odd("Smile"), Organisation: odd("Palm"), Country: "Jamaica", Reference: "CTC-EMO234",
			Words: CertificateWords{Title: "Certificate of attendance", Certify: "This is to certify that",
				Attended: "attended the " + odd("Conf") + ", held in Miami from 15 to 17 March 2027.", Reference: "Reference CTC-EMO234"}}}, testMeta)
	if err != nil {
		t.Fatal(err)
	}
	if text := flat(t, buf.Bytes()); !strings.Contains(text, "Smile\uFFFD") || !strings.Contains(text, "Palm\uFFFD") {
		t.Errorf("certificate: %s", text)
	}
	buf.Reset()
	err = InvitationLetter(&buf, Letter{Organiser: "IOM", Reference: "CTC-EMO234", PassportName: odd("SMILE"), Organisation: odd("Palm"),
		JobTitle: odd("Chief"), Conference: "Conf", Nationality: "Jamaica", PassportNumber: "A1234567"}, testMeta)
	if err != nil {
		t.Fatal(err)
	}
	if text := flat(t, buf.Bytes()); !strings.Contains(text, "SMILE\uFFFD") || !strings.Contains(text, "Chief\uFFFD") {
		t.Errorf("letter: %s", text)
	}
}

// gofpdf itself panics on a character beyond the BMP; guard must turn
// that into an error naming what was being drawn.
func TestGuardTurnsAGofpdfPanicIntoAnError(t *testing.T) {
	draw := func() (err error) {
		defer guard(&err, "badge CTC-EMO234")
		f := newDocument(a4, "P", testMeta)
		f.AddPage()
		f.SetFont(family, "", 12)
		f.Fpdf.Text(10, 10, "Smile😀") // past display, as a future careless call would
		return f.Output(&bytes.Buffer{})
	}
	err := draw()
	if err == nil || !strings.Contains(err.Error(), "CTC-EMO234") {
		t.Fatalf("err = %v, want an error naming CTC-EMO234", err)
	}
}

// A record that cannot be drawn at all (here a check-in code too long
// for a QR code) leaves the rest of the batch printing, and is named.
func TestBatchPrintsAroundABadRecord(t *testing.T) {
	badges := hardBadges()
	badges[1].CheckinCode = strings.Repeat("X", 5000)
	for _, layout := range Layouts {
		pdf := render(t, layout, badges)
		text := flat(t, pdf)
		for _, want := range []string{"Désirée Piñeiro-Nguyễn", "Anouk van der Berg-Ångström", "Not printed", "CTC-XYZ789 Łukasz Żółć"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: %q missing from %s", layout, want, text)
			}
		}
		if testing.Short() && layout != Layouts[0] {
			continue // decoding QR codes takes seconds a layout; make test decodes every one
		}
		if got := len(pdftest.QRCodes(t, pdf)); got == 0 {
			t.Errorf("%s: no QR codes decoded", layout)
		}
	}
	var buf bytes.Buffer
	if _, err := Badges(&buf, LayoutA6, testHeader, badges[1:2], testMeta); err == nil || !strings.Contains(err.Error(), "CTC-XYZ789") {
		t.Errorf("one bad badge alone: err = %v, want one naming CTC-XYZ789", err)
	}
}

func TestVisualOrder(t *testing.T) {
	for _, tc := range []struct{ logical, visual string }{
		{"Łukasz Żółć", "Łukasz Żółć"},
		{"דוד כהן", "ןהכ דוד"},
		{"Dr. דוד כהן", "Dr. ןהכ דוד"},
		{"דוד כהן, MD", "MD ,ןהכ דוד"},
		{"משרד 12 ב", "ב 12 דרשמ"},         // a number inside right-to-left text keeps its digits' order
		{"abc אב 12 גד", "abc דג 12 בא"},   // … also inside a left-to-right line (level 2)
		{"abc 12 אב", "abc 12 בא"},         // after Latin the number is Latin
		{"ארגון (ישראל)", "(לארשי) ןוגרא"}, // brackets mirrored in right-to-left text
		{"Org (ארגון)", "Org (ןוגרא)"},
		{"שָׁלוֹם", "םוֹלשָׁ"}, // points stay after their letter
	} {
		if got := string(visual([]rune(tc.logical))); got != tc.visual {
			t.Errorf("visual(%q) = %q, want %q", tc.logical, got, tc.visual)
		}
	}
}

// Our levels must agree in direction with x/text's own resolution of the
// same line, on random mixes of every class a name or organisation holds.
// Brackets are left out: x/text does not pair them as rule N0 says
// (golang/go#72089; "ג Z (éב)" gets "(" left-to-right and ")" right-to-left),
// so TestVisualOrder checks them against hand-worked results instead.
func TestLevelsAgreeWithXText(t *testing.T) {
	alphabet := []rune("aZé אבג عمد 0129٠١٢ ,.:/-+$%#«»!\u0651\u05B8")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		line := make([]rune, 1+rng.IntN(14))
		for i := range line {
			line[i] = alphabet[rng.IntN(len(alphabet))]
		}
		var p bidi.Paragraph
		if _, err := p.SetString(string(line)); err != nil {
			t.Fatal(err)
		}
		o, err := p.Order()
		if err != nil {
			t.Fatal(err)
		}
		lv, _ := levels(line)
		for i := range o.NumRuns() {
			run := o.Run(i)
			start, end := run.Pos()
			for k := start; k <= end; k++ {
				if rtl := lv[k]%2 == 1; rtl != (run.Direction() == bidi.RightToLeft) {
					t.Fatalf("%q: character %d (%q) at level %d, x/text says %v", string(line), k, line[k], lv[k], run.Direction())
				}
			}
		}
	}
}

func TestArabicShaping(t *testing.T) {
	for _, tc := range []struct{ logical, shaped string }{
		{"محمد", "\uFEE3\uFEA4\uFEE4\uFEAA"}, // meem initial, hah medial, meem medial, dal final
		{"علي", "\uFECB\uFEE0\uFEF2"},        // ain initial, lam medial, yeh final
		{"لا", "\uFEFB"},                     // lam-alef ligature
		{"سلام", "\uFEB3\uFEFC\uFEE1"},       // seen initial, lam-alef final, meem isolated
		{"دار", "\uFEA9\uFE8D\uFEAD"},        // dal and alef do not join forwards
		{"ع\u200Cل", "\uFEC9\uFEDD"},         // ZWNJ stops joining and is dropped
		{"ع\u064Eل", "\uFECB\u064E\uFEDE"},   // a vowel mark is transparent
		{"پیر", "\uFB58\uFBFF\uFEAE"},        // Persian peh and Farsi yeh (Forms-A)
		{"Ali", "Ali"},
	} {
		if got := string(shapeArabic([]rune(tc.logical))); got != tc.shaped {
			t.Errorf("shapeArabic(%q) = %+q, want %+q", tc.logical, got, tc.shaped)
		}
	}
}

// Right-to-left names come back from pdftotext in logical order: the text
// is drawn in visual order, which poppler reads back right to left.
// Arabic comes back as presentation forms, the same letters to NFKC.
func TestRightToLeftNamesReadBack(t *testing.T) {
	badges := []Badge{
		{Name: "דוד כהן", Organisation: "משטרת ישראל", Country: "Israel", Category: "participant", Reference: "CTC-HEB234", CheckinCode: "HEBREWHEBREWHEB2"},
		{Name: "محمد علي", Organisation: "وزارة الداخلية", Country: "Jordan", Category: "participant", Reference: "CTC-ARB234", CheckinCode: "ARABICARABICARA2"},
	}
	for _, layout := range Layouts {
		text := norm.NFKC.String(flat(t, render(t, layout, badges)))
		for _, want := range []string{"דוד כהן", "משטרת ישראל", "محمد علي", "وزارة الداخلية"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: %q missing from %s", layout, want, text)
			}
		}
	}
}

// MultiCell breaks a right-to-left value into lines in reading order, and
// each line reads back in logical order.
func TestLetterWrapsRightToLeftValues(t *testing.T) {
	org := strings.Repeat("وزارة الداخلية ", 8) + "الأردنية"
	var buf bytes.Buffer
	err := InvitationLetter(&buf, Letter{Organiser: "IOM", Reference: "CTC-ARB234", PassportName: "MOHAMMAD ALI",
		Organisation: org, JobTitle: "ضابط شرطة", Conference: "Conf", Nationality: "Jordan", PassportNumber: "A1234567"}, testMeta)
	if err != nil {
		t.Fatal(err)
	}
	text := norm.NFKC.String(flat(t, buf.Bytes()))
	for _, want := range []string{"ضابط شرطة", strings.TrimSpace(strings.Repeat("وزارة الداخلية ", 2)), "الداخلية الأردنية"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter: %q missing from %s", want, text)
		}
	}
}

// Documents are drawn on many requests at once: they must share nothing
// gofpdf writes to (it wrote padding into the shared font bytes).
func TestDocumentsDrawConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			var buf bytes.Buffer
			if _, err := Badges(&buf, LayoutA6, testHeader, hardBadges()[:1], testMeta); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

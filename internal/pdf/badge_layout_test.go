package pdf

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	stdpng "image/png"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"confdesk/internal/pdftest"
)

const mmToPt = 72 / 25.4

// contentStreams is every Flate stream of the document that inflates to
// text, which includes each page's drawing operators (gofpdf compresses
// them). Font and image streams inflate too but match no operator pattern.
func contentStreams(t *testing.T, doc []byte) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`).FindAllSubmatch(doc, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		b, err := io.ReadAll(r)
		if err != nil {
			continue
		}
		out = append(out, string(b))
	}
	if len(out) == 0 {
		t.Fatal("no compressed streams")
	}
	return out
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The label roll's page is the label, 54 × 90 mm portrait; the folded
// badge's is A4 portrait. Every page of a batch has that size.
func TestNewLayoutsPageSizes(t *testing.T) {
	for layout, want := range map[Layout][2]float64{LayoutRoll54x90: {54, 90}, LayoutFoldA4: {210, 297}} {
		t.Run(string(layout), func(t *testing.T) {
			_, sizes := pdftest.Words(t, render(t, layout, hardBadges()))
			if len(sizes) != 4 {
				t.Fatalf("%d pages for 4 badges, want 4", len(sizes))
			}
			for i, s := range sizes {
				if math.Abs(s.W-want[0]*mmToPt) > 0.5 || math.Abs(s.H-want[1]*mmToPt) > 0.5 {
					t.Errorf("page %d is %.1f × %.1f pt, want %.0f × %.0f mm (%.1f × %.1f pt)", i+1, s.W, s.H,
						want[0], want[1], want[0]*mmToPt, want[1]*mmToPt)
				}
			}
		})
	}
	// Nothing is printed in the roll's unprintable 2 mm edge.
	words, _ := pdftest.Words(t, render(t, LayoutRoll54x90, hardBadges()))
	for _, w := range words {
		if w.XMin < 2*mmToPt || w.YMin < 2*mmToPt || w.XMax > 52*mmToPt || w.YMax > 88*mmToPt {
			t.Errorf("%q at (%.1f,%.1f)-(%.1f,%.1f) is in the label's unprinted edge", w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
		}
	}
}

// qrSquare is how drawQR begins a code: a white square (the code with its
// quiet zone), then black modules. In the page's operators the square is
// "x y w -h re f" in points.
var qrSquare = regexp.MustCompile(`1\.000 g\n[\d.]+ [\d.]+ ([\d.]+) -([\d.]+) re f\n0\.000 g\n`)

// Every QR code of every layout is at least 20 mm (with its quiet zone,
// the rule drawQR's callers keep), one per badge face.
func TestBadgeQRAtLeast20mm(t *testing.T) {
	for _, layout := range Layouts {
		t.Run(string(layout), func(t *testing.T) {
			badges := hardBadges()
			n := 0
			for _, s := range contentStreams(t, render(t, layout, badges)) {
				for _, m := range qrSquare.FindAllStringSubmatch(s, -1) {
					w, h := atof(t, m[1]), atof(t, m[2])
					n++
					if w != h || w < 20*mmToPt-0.01 {
						t.Errorf("a QR code of %.2f × %.2f mm, want a square of at least 20 mm", w/mmToPt, h/mmToPt)
					}
				}
			}
			faces := 1
			if sheets[layout].backs != nil {
				faces = 2
			}
			if n != faces*len(badges) {
				t.Errorf("%d QR codes for %d badges, want %d", n, len(badges), faces*len(badges))
			}
		})
	}
}

// The new layouts' codes decode to the check-in code on every page, in
// -short too (two small documents).
func TestNewLayoutsQRDecode(t *testing.T) {
	badges := hardBadges()[:2]
	for layout, faces := range map[Layout]int{LayoutRoll54x90: 1, LayoutFoldA4: 2} {
		t.Run(string(layout), func(t *testing.T) {
			pages := pdftest.QRCodes(t, render(t, layout, badges))
			if len(pages) != len(badges) {
				t.Fatalf("%d pages, want %d", len(pages), len(badges))
			}
			for i, codes := range pages {
				if len(codes) != faces {
					t.Errorf("page %d: decoded %v, want the code %d times", i+1, codes, faces)
				}
				for _, c := range codes {
					if c != badges[i].CheckinCode {
						t.Errorf("page %d decoded %q, want %q", i+1, c, badges[i].CheckinCode)
					}
				}
			}
		})
	}
}

// On a folded A4 sheet both faces carry the whole badge, and the upper one
// is the lower one turned 180° about the fold's centre: each word's box on
// the upper face is its box on the lower face mirrored in both directions,
// so the name's second line stands above its first and the band above the
// name. Folded along the dashed line, both outer faces then read upright.
func TestFoldA4FacesTurnedToReadUprightWhenFolded(t *testing.T) {
	words, sizes := pdftest.Words(t, render(t, LayoutFoldA4, hardBadges()[:1]))
	if len(sizes) != 1 {
		t.Fatalf("%d pages for one badge", len(sizes))
	}
	fold, centre := foldY*mmToPt, sizes[0].W/2
	front, back := map[string]pdftest.Word{}, map[string]pdftest.Word{}
	for _, w := range words {
		if w.YMin >= fold {
			front[w.Text] = w
		} else if w.YMax <= fold {
			back[w.Text] = w
		} else {
			t.Errorf("%q crosses the fold", w.Text)
		}
	}
	for _, want := range []string{"Désirée", "Piñeiro-Nguyễn", "PARTICIPANT", "Miami", "CTC-ABC234", "Tobago"} {
		f, okF := front[want]
		b, okB := back[want]
		if !okF || !okB {
			t.Errorf("%q: on the front %v, on the back %v; want it on both faces", want, okF, okB)
			continue
		}
		// Turned 180° about (centre, fold): x → 2·centre − x, y → 2·fold − y.
		if math.Abs(b.XMin-(2*centre-f.XMax)) > 1 || math.Abs(b.XMax-(2*centre-f.XMin)) > 1 ||
			math.Abs(b.YMin-(2*fold-f.YMax)) > 1 || math.Abs(b.YMax-(2*fold-f.YMin)) > 1 {
			t.Errorf("%q: front (%.1f,%.1f)-(%.1f,%.1f), back (%.1f,%.1f)-(%.1f,%.1f): the back is not the front turned 180°",
				want, f.XMin, f.YMin, f.XMax, f.YMax, b.XMin, b.YMin, b.XMax, b.YMax)
		}
	}
	if t.Failed() {
		return
	}
	// Read on the sheet: the front top to bottom, the back bottom to top.
	if !(front["Miami"].YMin < front["Désirée"].YMin && front["Désirée"].YMin < front["Piñeiro-Nguyễn"].YMin &&
		front["Piñeiro-Nguyễn"].YMin < front["PARTICIPANT"].YMin) {
		t.Error("the front does not read conference line, name, band from the top")
	}
	if !(back["Miami"].YMin > back["Désirée"].YMin && back["Désirée"].YMin > back["Piñeiro-Nguyễn"].YMin &&
		back["Piñeiro-Nguyễn"].YMin > back["PARTICIPANT"].YMin) {
		t.Error("the back is not upside down on the sheet")
	}
	// Both faces' tops meet at the fold: the fold is the badge's top edge.
	if front["Miami"].YMin-fold > 20*mmToPt || fold-back["Miami"].YMax > 20*mmToPt {
		t.Error("the conference lines are not next to the fold")
	}
}

// The fold is a dashed line across the badge at the sheet's middle; cut
// marks stand outside the four corners of the area both faces fill,
// leaving the area itself unmarked. Checked in the page's operators:
// gofpdf writes lines as "x1 y1 m x2 y2 l S" in points from the bottom.
func TestFoldA4Marks(t *testing.T) {
	page := 297 * mmToPt
	var content string
	for _, s := range contentStreams(t, render(t, LayoutFoldA4, hardBadges()[:1])) {
		if strings.Contains(s, " re f") {
			content = s
		}
	}
	dashOn := "[" + strconv.FormatFloat(foldDash[0]*mmToPt, 'f', 2, 64) + " " + strconv.FormatFloat(foldDash[1]*mmToPt, 'f', 2, 64) + "] 0.00 d\n"
	i := strings.Index(content, dashOn)
	if i < 0 {
		t.Fatalf("no dash pattern %q in the page", dashOn)
	}
	type seg struct{ x1, y1, x2, y2 float64 } // millimetres from the top left
	line := regexp.MustCompile(`^([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S$`)
	var dashed, solid []seg
	on := false
	for _, l := range strings.Split(content, "\n") {
		switch {
		case strings.HasSuffix(l, " d"):
			on = l+"\n" == dashOn
		case line.MatchString(l):
			m := line.FindStringSubmatch(l)
			s := seg{atof(t, m[1]) / mmToPt, (page - atof(t, m[2])) / mmToPt, atof(t, m[3]) / mmToPt, (page - atof(t, m[4])) / mmToPt}
			if on {
				dashed = append(dashed, s)
			} else {
				solid = append(solid, s)
			}
		}
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 0.05 }
	x0, x1, y0, y1 := foldX, foldX+foldFaceW, foldY-foldFaceH, foldY+foldFaceH
	if len(dashed) != 1 || !near(dashed[0].y1, foldY) || !near(dashed[0].y2, foldY) ||
		!near(min(dashed[0].x1, dashed[0].x2), x0) || !near(max(dashed[0].x1, dashed[0].x2), x1) {
		t.Errorf("dashed lines %v, want one across the badge (%.1f–%.1f mm) at the fold, %.2f mm", dashed, x0, x1, foldY)
	}
	// Each corner: a horizontal stroke on the area's edge line, to the
	// side of it, and a vertical one above or below it.
	for _, c := range [][2]float64{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		var h, v bool
		for _, s := range solid {
			if near(s.y1, c[1]) && near(s.y2, c[1]) && (max(s.x1, s.x2) <= x0 || min(s.x1, s.x2) >= x1) && math.Abs(s.x1-c[0]) < 10 {
				h = true
			}
			if near(s.x1, c[0]) && near(s.x2, c[0]) && (max(s.y1, s.y2) <= y0 || min(s.y1, s.y2) >= y1) && math.Abs(s.y1-c[1]) < 10 {
				v = true
			}
		}
		if !h || !v {
			t.Errorf("corner (%.1f, %.1f) mm: horizontal cut mark %v, vertical %v", c[0], c[1], h, v)
		}
	}
	for _, s := range solid {
		if min(s.y1, s.y2) < 5 || max(s.y1, s.y2) > 292 {
			t.Errorf("cut mark %v inside an office printer's 5 mm edge", s)
		}
	}
}

// The logo prints on both faces of a folded badge (the back's turned with
// it) and on the label; neither stops the badge.
func TestNewLayoutsWithLogo(t *testing.T) {
	var png bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		for y := range 20 {
			img.Set(x, y, color.RGBA{0x1d, 0x4f, 0x91, 0xff})
		}
	}
	if err := stdpng.Encode(&png, img); err != nil {
		t.Fatal(err)
	}
	header := testHeader
	header.Logo = NewImage(png.Bytes(), 40, 20)
	for layout, want := range map[Layout]int{LayoutRoll54x90: 1, LayoutFoldA4: 2} {
		var buf bytes.Buffer
		if _, err := Badges(&buf, layout, header, hardBadges()[:1], testMeta); err != nil {
			t.Fatal(err)
		}
		if n := pdftest.Images(t, buf.Bytes()); n != want {
			t.Errorf("%s: %d images drawn, want %d", layout, n, want)
		}
		if text := pdftest.Text(t, buf.Bytes()); strings.Count(text, "Désirée") != want {
			t.Errorf("%s: the name printed %d times beside the logo, want %d", layout, strings.Count(text, "Désirée"), want)
		}
	}
}

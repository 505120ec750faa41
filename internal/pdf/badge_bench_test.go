package pdf

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"confdesk/assets"
	"confdesk/internal/benchmem"
)

func manyBadges(n int) []Badge {
	out := make([]Badge, n)
	for i := range out {
		out[i] = Badge{Name: fmt.Sprintf("Désirée Piñeiro-Nguyễn %d", i), Organisation: "Ministry of National Security",
			Country: "Trinidad and Tobago", Category: "participant", Reference: fmt.Sprintf("CTC-%06d", i),
			CheckinCode: fmt.Sprintf("CODE%012d", i)}
	}
	return out
}

// BenchmarkBadges1000 draws 1,000 badges on A4 sheets of four, QR codes
// encoded on every core (Badges itself).
func BenchmarkBadges1000(b *testing.B) {
	badges := manyBadges(1000)
	b.ReportAllocs()
	benchmem.Peak(b, func() {
		benchmem.CPU(b, func() {
			for b.Loop() {
				if _, err := Badges(io.Discard, LayoutA4x4, BadgeHeader{ShortName: "CTC Miami", Dates: "15–17 March 2027"}, badges, Meta{Created: time.Unix(0, 0)}); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkBadges1000Baseline is the same drawing as a plain single-threaded
// gofpdf loop: the full fonts added as gofpdf's documentation shows
// (AddUTF8FontFromBytes, parsed for the document), each QR encoded just
// before it is drawn.
func BenchmarkBadges1000Baseline(b *testing.B) {
	badges := manyBadges(1000)
	sh := sheets[LayoutA4x4]
	header := BadgeHeader{ShortName: "CTC Miami", Dates: "15–17 March 2027"}
	b.ReportAllocs()
	benchmem.Peak(b, func() {
		benchmem.CPU(b, func() {
			for b.Loop() {
				f := &document{gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: sh.page})}
				f.AddUTF8FontFromBytes(family, "", assets.Font("DejaVuSans.ttf"))
				f.AddUTF8FontFromBytes(family, "B", assets.Font("DejaVuSans-Bold.ttf"))
				f.SetAutoPageBreak(false, 0)
				for i, d := range badges {
					if i%4 == 0 {
						f.AddPageFormat("P", sh.page)
						drawCutMarks(f, sh)
					}
					code, err := encodeQR(d.CheckinCode)
					if err != nil {
						b.Fatal(err)
					}
					p := sh.positions[i%4]
					drawBadge(f, box{p.x, p.y, sh.badgeW, sh.badgeH}, header, d, code)
				}
				if err := f.Output(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkBadgeSingle is one A6 badge, as a participant downloads it
// when it is not in the badge cache.
func BenchmarkBadgeSingle(b *testing.B) {
	badges := manyBadges(1)
	b.ReportAllocs()
	benchmem.CPU(b, func() {
		for b.Loop() {
			if _, err := Badges(io.Discard, LayoutA6, BadgeHeader{ShortName: "CTC Miami", Dates: "15–17 March 2027"}, badges, Meta{Created: time.Unix(0, 0)}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBadgeSingleBaseline is the same badge drawn by a plain gofpdf
// document that adds the full fonts from their bytes, as before they were
// parsed once.
func BenchmarkBadgeSingleBaseline(b *testing.B) {
	d := manyBadges(1)[0]
	sh := sheets[LayoutA6]
	b.ReportAllocs()
	benchmem.CPU(b, func() {
		for b.Loop() {
			f := &document{gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: sh.page})}
			f.AddUTF8FontFromBytes(family, "", assets.Font("DejaVuSans.ttf"))
			f.AddUTF8FontFromBytes(family, "B", assets.Font("DejaVuSans-Bold.ttf"))
			f.SetAutoPageBreak(false, 0)
			f.AddPageFormat("P", sh.page)
			code, err := encodeQR(d.CheckinCode)
			if err != nil {
				b.Fatal(err)
			}
			drawBadge(f, box{0, 0, sh.badgeW, sh.badgeH}, BadgeHeader{ShortName: "CTC Miami", Dates: "15–17 March 2027"}, d, code)
			if err := f.Output(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}

package pdf

import (
	"confdesk/internal/benchmem"
	"fmt"
	"io"
	"testing"
	"time"
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
		for b.Loop() {
			if _, err := Badges(io.Discard, LayoutA4x4, BadgeHeader{ShortName: "CTC Miami", Dates: "15–17 March 2027"}, badges, Meta{Created: time.Unix(0, 0)}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBadges1000Baseline is the same drawing as a plain single-threaded
// gofpdf loop: each QR encoded just before it is drawn.
func BenchmarkBadges1000Baseline(b *testing.B) {
	badges := manyBadges(1000)
	sh := sheets[LayoutA4x4]
	header := BadgeHeader{ShortName: "CTC Miami", Dates: "15–17 March 2027"}
	b.ReportAllocs()
	benchmem.Peak(b, func() {
		for b.Loop() {
			f := newDocument(sh.page, "P", Meta{Created: time.Unix(0, 0)})
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
}

// BenchmarkBadgeSingle is one A6 badge, as a participant downloads it.
func BenchmarkBadgeSingle(b *testing.B) {
	badges := manyBadges(1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Badges(io.Discard, LayoutA6, BadgeHeader{ShortName: "CTC Miami", Dates: "15–17 March 2027"}, badges, Meta{Created: time.Unix(0, 0)}); err != nil {
			b.Fatal(err)
		}
	}
}

package pdf

import (
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

// BenchmarkBadges1000 draws 1,000 badges on A4 sheets of four.
func BenchmarkBadges1000(b *testing.B) {
	badges := manyBadges(1000)
	b.ReportAllocs()
	for b.Loop() {
		if err := Badges(io.Discard, LayoutA4x4, BadgeHeader{"CTC Miami", "15–17 March 2027"}, badges, Meta{Created: time.Unix(0, 0)}); err != nil {
			b.Fatal(err)
		}
	}
}

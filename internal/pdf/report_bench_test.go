package pdf

import (
	"confdesk/internal/benchmem"
	"fmt"
	"io"
	"testing"
)

// BenchmarkTable2000 draws a list of 2,000 people in 25 groups with the
// table engine alone (no database): headers repeat on each of some forty
// pages, every third organisation wraps.
func BenchmarkTable2000(b *testing.B) {
	rows := make([]Row, 0, 2025)
	for i := range 2000 {
		if i%80 == 0 {
			rows = append(rows, Row{Group: fmt.Sprintf("Country %02d (80)", i/80)})
		}
		org := "Ministry of National Security"
		if i%3 == 0 {
			org = "Ministry of National Security, Immigration and Home Affairs of the Republic"
		}
		name := Cell{Text: fmt.Sprintf("Piñeiro-Nguyễn %04d, Désirée", i)}
		if i%80 == 0 {
			name.Bold, name.Note = true, "Head of delegation"
		}
		rows = append(rows, Row{Cells: []Cell{name, {Text: "Senior Programme Officer"}, {Text: org}}})
	}
	cols := []Column{{Title: "Name", Width: 3.4}, {Title: "Job title", Width: 3}, {Title: "Organisation", Width: 4}}
	b.ReportAllocs()
	benchmem.Peak(b, func() {
		for b.Loop() {
			r := NewReport(reportHeader, reportMeta)
			r.Cover(Cover{Conference: reportHeader.Conference, Title: "List of participants"})
			r.Table(cols, "", func(t *Table) {
				for _, row := range rows {
					t.Add(row)
				}
			})
			if err := r.Output(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}

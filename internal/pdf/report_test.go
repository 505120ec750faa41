package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"confdesk/internal/pdftest"
)

var reportMeta = Meta{Title: "Report", Author: "IOM", Created: time.Date(2027, 1, 15, 15, 0, 0, 0, time.UTC)}

var reportHeader = ReportHeader{Conference: "Caribbean Counter-Trafficking Conference", Title: "Test report",
	Generated: "Generated Friday 15 January 2027, 10:00 EST"}

func writeReport(t testing.TB, draw func(r *Report)) []byte {
	t.Helper()
	r := NewReport(reportHeader, reportMeta)
	draw(r)
	var buf bytes.Buffer
	if err := r.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bodyLines drops the running header (the first two lines) and the footer
// (the last two: the report's title and "Page X of Y" share a line) of a page.
func bodyLines(lines []string) []string {
	if len(lines) < 3 {
		return nil
	}
	return lines[2 : len(lines)-1]
}

var testColumns = []Column{{Title: "Name", Width: 3}, {Title: "Organisation", Width: 4}, {Title: "Count", Width: 1, Align: AlignRight}}

func TestTableRepeatsItsHeaderAndKeepsRowsWhole(t *testing.T) {
	const groups, perGroup = 12, 25
	pdf := writeReport(t, func(r *Report) {
		r.Heading("People")
		r.Table(testColumns, "", func(tb *Table) {
			for g := range groups {
				tb.Add(Row{Group: fmt.Sprintf("Group %02d", g)})
				for i := range perGroup {
					org := fmt.Sprintf("Organisation-%02d-%02d", g, i)
					if i%7 == 0 {
						// Wraps to three or four lines in its column.
						org += strings.Repeat(" with a long name", 6)
					}
					tb.Add(Row{Cells: []Cell{{Text: fmt.Sprintf("Person-%02d-%02d", g, i), Note: "Head of delegation"},
						{Text: org}, {Text: fmt.Sprint(g*100 + i)}}})
				}
			}
		})
	})
	pages := pdftest.Lines(t, pdf)
	if len(pages) < 3 {
		t.Fatalf("%d pages; the table should run over several", len(pages))
	}
	seen := map[string]int{}
	for p, lines := range pages {
		want := fmt.Sprintf("Page %d of %d", p+1, len(pages))
		if last := lines[len(lines)-1]; !strings.HasSuffix(last, want) {
			t.Errorf("page %d ends %q, want %q", p+1, last, want)
		}
		if lines[0] != reportHeader.Conference || !strings.HasPrefix(lines[1], "Test report") {
			t.Errorf("page %d header %q", p+1, lines[:2])
		}
		body := bodyLines(lines)
		start := 0
		if p == 0 {
			start = 1 // the heading
		}
		if body[start] != "Name Organisation Count" {
			t.Errorf("page %d: the table starts with %q, not its header", p+1, body[start])
		}
		if p > 0 && !strings.HasPrefix(body[start+1], "Group ") {
			t.Errorf("page %d: %q after the header, want the group's heading", p+1, body[start+1])
		}
		for _, l := range body {
			if strings.HasPrefix(l, "Person-") {
				f := strings.Fields(l)
				seen[f[0]] = p
				// The name, the organisation and the count share a line.
				if len(f) < 3 || !strings.HasPrefix(f[1], "Organisation-"+f[0][7:]) {
					t.Errorf("page %d: row split or out of line: %q", p+1, l)
				}
			}
		}
	}
	if len(seen) != groups*perGroup {
		t.Errorf("%d rows found, want %d", len(seen), groups*perGroup)
	}
	// No row's words are on two pages: every long organisation's last words
	// are on the page of its first.
	words, _ := pdftest.Words(t, pdf)
	lastOf := map[string]int{}
	for i, w := range words {
		if strings.HasPrefix(w.Text, "Organisation-") {
			lastOf[w.Text] = w.Page
			for j := i + 1; j < len(words) && j < i+40 && words[j].Text != "Head"; j++ {
				if words[j].Text == "name" && words[j].Page != w.Page {
					t.Errorf("%s runs from page %d to %d", w.Text, w.Page, words[j].Page)
				}
			}
		}
	}
	for name, page := range seen {
		org := "Organisation-" + name[7:]
		if lastOf[org] != page+1 {
			t.Errorf("%s on page %d, %s on page %d", name, page+1, org, lastOf[org])
		}
	}
}

func TestTableWrapsWithoutLosingText(t *testing.T) {
	long := "Ministerio-de-Seguridad-Nacional-y-Asuntos-Internos-de-la-República-Dominicana-y-Más"
	pdf := writeReport(t, func(r *Report) {
		r.Table(testColumns, "", func(tb *Table) {
			tb.Add(Row{Cells: Text("Łukasz Żółć", long, "7")})
			tb.Add(Row{Cells: Text("Total", "", "7"), Bold: true})
		})
	})
	// pdftotext joins a line ending in a hyphen to the next without it.
	text := strings.ReplaceAll(strings.Join(strings.Fields(pdftest.Text(t, pdf)), ""), "-", "")
	if !strings.Contains(text, strings.ReplaceAll(long, "-", "")) || !strings.Contains(text, "ŁukaszŻółć") {
		t.Errorf("text lost in wrapping:\n%s", text)
	}
}

func TestEmptyTableSaysSo(t *testing.T) {
	pdf := writeReport(t, func(r *Report) {
		r.Table(testColumns, "No one is on the waiting list.", func(*Table) {})
	})
	text := pdftest.Text(t, pdf)
	if !strings.Contains(text, "No one is on the waiting list.") || strings.Contains(text, "Organisation") {
		t.Errorf("empty table:\n%s", text)
	}
}

func TestBarChartRunsOverPagesWithEveryValue(t *testing.T) {
	var bars []Bar
	for i := range 80 {
		bars = append(bars, Bar{Label: fmt.Sprintf("Country %02d", i), Value: i * 3})
	}
	pdf := writeReport(t, func(r *Report) {
		r.Heading("By country")
		r.BarChart(BarChart{Bars: bars, Axis: "Registrations"})
	})
	found := map[string]bool{}
	for _, lines := range pdftest.Lines(t, pdf) {
		for _, l := range lines {
			found[l] = true
		}
	}
	for _, b := range bars {
		if want := fmt.Sprintf("%s %d", b.Label, b.Value); !found[want] {
			t.Errorf("no line %q", want)
		}
	}
	if pdftest.Pages(t, pdf) < 2 {
		t.Error("80 bars should need a second page")
	}
}

func TestLineChartLabelsItsEnds(t *testing.T) {
	var pts []Point
	for i := range 30 {
		pts = append(pts, Point{Label: fmt.Sprintf("%d Jan", i+1), Value: i * i})
	}
	text := pdftest.Text(t, writeReport(t, func(r *Report) {
		r.LineChart(LineChart{Points: pts, Axis: "Registrations so far"})
	}))
	for _, want := range []string{"1 Jan", "30 Jan", "841", "Registrations so far", "1000"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing:\n%s", want, text)
		}
	}
}

func TestCoverHasNoRunningHeader(t *testing.T) {
	pdf := writeReport(t, func(r *Report) {
		r.Cover(Cover{Conference: "Caribbean Counter-Trafficking Conference", Title: "List of participants",
			Facts: []KeyValue{{"Dates", "15–17 March 2027"}, {"Venue", "Riverwalk Conference Centre, Miami"}}})
		r.Paragraph("Body.")
	})
	pages := pdftest.Lines(t, pdf)
	if len(pages) != 2 {
		t.Fatalf("%d pages", len(pages))
	}
	cover := strings.Join(pages[0], "\n")
	for _, want := range []string{"List of participants", "Dates 15–17 March 2027", "Page 1 of 2"} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover lacks %q:\n%s", want, cover)
		}
	}
	if strings.Contains(cover, "Generated") {
		t.Error("the cover carries the running header")
	}
	if !strings.Contains(strings.Join(pages[1], "\n"), "Generated Friday 15 January 2027") {
		t.Error("page 2 lacks the running header")
	}
}

func TestNiceScale(t *testing.T) {
	for _, c := range []struct{ max, step, top int }{
		{0, 1, 1}, {1, 1, 1}, {4, 1, 4}, {5, 1, 5}, {7, 2, 8}, {10, 2, 10}, {11, 5, 15}, {42, 10, 50}, {99, 20, 100}, {2000, 500, 2000},
	} {
		if step, top := niceScale(c.max); step != c.step || top != c.top {
			t.Errorf("niceScale(%d) = %d, %d; want %d, %d", c.max, step, top, c.step, c.top)
		}
	}
}

func TestReportIsDeterministic(t *testing.T) {
	draw := func(r *Report) {
		r.Heading("Totals")
		r.KeyValues([]KeyValue{{"Registrations", "12"}})
		r.BarChart(BarChart{Bars: []Bar{{"Jamaica", 3}, {"Haiti", 1}}})
	}
	if !bytes.Equal(writeReport(t, draw), writeReport(t, draw)) {
		t.Error("the same report gave different bytes")
	}
}

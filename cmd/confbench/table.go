package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"text/tabwriter"
)

// row is one line of the table: a figure, its baseline from the same run,
// their ratio, the target and whether it was met.
type row struct {
	measure, value, baseline string
	ratio                    float64 // NaN: none
	target                   string  // "": none
	met                      bool
}

// verdict is what the table says of r's target.
func (r row) verdict() string {
	switch {
	case r.target == "":
		return "-"
	case r.met:
		return "met"
	}
	return "NOT MET"
}

func printTable(w io.Writer, rows []row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "measure\tconfdesk\tbaseline (same run)\tratio\ttarget\tmet\n")
	for _, r := range rows {
		ratio := "-"
		if !math.IsNaN(r.ratio) {
			ratio = fmt.Sprintf("%.2fx", r.ratio)
		}
		target := r.target
		if target == "" {
			target = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.measure, r.value, r.baseline, ratio, target, r.verdict())
	}
	tw.Flush()
}

// httpRow compares an endpoint's throughput with bare Fiber's.
func httpRow(e *endpoint, got, bare result) row {
	r := row{measure: e.Name, ratio: math.NaN(),
		value:    fmt.Sprintf("%.0f req/s, p50 %s, p99 %s", got.rps, ms(got.p50), ms(got.p99)),
		baseline: fmt.Sprintf("%.0f req/s, p50 %s, p99 %s (bare Fiber)", bare.rps, ms(bare.p50), ms(bare.p99))}
	if got.errors > 0 {
		r.value += fmt.Sprintf(", %d errors", got.errors)
	}
	if bare.rps > 0 {
		r.ratio = got.rps / bare.rps
	}
	if e.Target > 0 {
		r.target = fmt.Sprintf(">= %.1fx", e.Target)
		r.met = r.ratio >= e.Target && got.errors == 0
	}
	return r
}

func mb(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }

// Memory targets.
const (
	idleRSSTarget  = 40 << 20
	afterRSSTarget = 150 << 20
)

// memoryRows compares confdesk's resident memory with the bare process's.
func memoryRows(idle, after, bareIdle, bareAfter memory) []row {
	if idle.rss == 0 {
		return []row{{measure: "resident memory", value: "not readable (/proc)", ratio: math.NaN()}}
	}
	return []row{
		{measure: "RSS idle, after start-up", value: mb(idle.rss) + " (" + mb(idle.anon) + " anonymous)",
			baseline: mb(bareIdle.rss) + " (bare Fiber)", ratio: math.NaN(),
			target: "< " + mb(idleRSSTarget), met: idle.rss < idleRSSTarget},
		{measure: "RSS after the load", value: mb(after.rss), baseline: mb(bareAfter.rss) + " (bare Fiber)", ratio: math.NaN(),
			target: "< " + mb(afterRSSTarget), met: after.rss < afterRSSTarget},
		{measure: "RSS peak (VmHWM) over the run", value: mb(after.hwm), baseline: mb(bareAfter.hwm) + " (bare Fiber)", ratio: math.NaN()},
	}
}

// benchFigures are one Go benchmark's best figures over the rounds: the
// lowest times (a neighbour's load only adds), the highest peak heap.
type benchFigures struct {
	nsPerOp, cpuMsPerOp, peakMB, bytesPerOp, allocsPerOp float64
	seen                                                 bool
}

// badgeBenches are internal/pdf's badge benchmarks, by name without "Benchmark".
type badgeBenches map[string]*benchFigures

// badgeBenchmarks runs internal/pdf's badge benchmarks rounds times.
func badgeBenchmarks(rounds int) (badgeBenches, error) {
	out := badgeBenches{}
	for _, run := range []struct{ pattern, benchtime string }{
		{"^Benchmark(BadgeSingle|BadgeSingleBaseline)$", "200x"},
		{"^Benchmark(Badges1000|Badges1000Baseline)$", "2x"},
	} {
		cmd := exec.Command("go", "test", "-run", "^$", "-bench", run.pattern, "-benchtime", run.benchtime,
			"-benchmem", "-count", strconv.Itoa(rounds), "./internal/pdf")
		var buf bytes.Buffer
		cmd.Stdout, cmd.Stderr = &buf, os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("badge benchmarks: %w\n%s", err, buf.String())
		}
		parseBenchmarks(buf.String(), out)
	}
	return out, nil
}

// parseBenchmarks reads `go test -bench` lines ("BenchmarkX-2  3  123 ns/op
// 4.5 cpu-ms/op …") into out, keeping each benchmark's best figures.
func parseBenchmarks(text string, out badgeBenches) {
	for line := range strings.SplitSeq(text, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(fields[0], "Benchmark"), "-")
		f := out[name]
		if f == nil {
			f = &benchFigures{}
			out[name] = f
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			keep := func(p *float64, lowest bool) {
				if !f.seen || (lowest && v < *p) || (!lowest && v > *p) {
					*p = v
				}
			}
			switch fields[i+1] {
			case "ns/op":
				keep(&f.nsPerOp, true)
			case "cpu-ms/op":
				keep(&f.cpuMsPerOp, true)
			case "peak-MB":
				keep(&f.peakMB, false)
			case "B/op":
				keep(&f.bytesPerOp, true)
			case "allocs/op":
				keep(&f.allocsPerOp, true)
			}
		}
		f.seen = true
	}
}

// Badge targets.
const (
	badgeCPUTarget  = 5.0 // ms of CPU for one uncached badge
	batchTarget     = 0.8 // 1,000 badges, of the plain gofpdf loop's time
	batchHeapTarget = 100 // MB of peak heap for 1,000 badges
)

// rows are the badge benchmarks' lines of the table.
func (b badgeBenches) rows() []row {
	var rows []row
	one, oneBase := b["BadgeSingle"], b["BadgeSingleBaseline"]
	if one != nil && oneBase != nil {
		rows = append(rows, row{measure: "badge PDF, uncached: CPU per badge",
			value:    fmt.Sprintf("%.2f ms (%.0f KB, %.0f allocs)", one.cpuMsPerOp, one.bytesPerOp/1024, one.allocsPerOp),
			baseline: fmt.Sprintf("%.2f ms (%.0f KB, %.0f allocs) (gofpdf, fonts from bytes)", oneBase.cpuMsPerOp, oneBase.bytesPerOp/1024, oneBase.allocsPerOp),
			ratio:    one.cpuMsPerOp / oneBase.cpuMsPerOp,
			target:   fmt.Sprintf("< %.0f ms", badgeCPUTarget), met: one.cpuMsPerOp < badgeCPUTarget})
	}
	many, manyBase := b["Badges1000"], b["Badges1000Baseline"]
	if many != nil && manyBase != nil {
		rows = append(rows,
			row{measure: "1,000 badges on A4 sheets: time",
				value:    fmt.Sprintf("%.0f ms (%.0f ms CPU)", many.nsPerOp/1e6, many.cpuMsPerOp),
				baseline: fmt.Sprintf("%.0f ms (%.0f ms CPU) (plain gofpdf loop)", manyBase.nsPerOp/1e6, manyBase.cpuMsPerOp),
				ratio:    many.nsPerOp / manyBase.nsPerOp,
				target:   fmt.Sprintf("<= %.1fx", batchTarget), met: many.nsPerOp/manyBase.nsPerOp <= batchTarget},
			row{measure: "1,000 badges: peak heap",
				value:    fmt.Sprintf("%.1f MB", many.peakMB),
				baseline: fmt.Sprintf("%.1f MB (plain gofpdf loop)", manyBase.peakMB), ratio: math.NaN(),
				target: fmt.Sprintf("< %d MB", batchHeapTarget), met: many.peakMB < batchHeapTarget})
	}
	return rows
}

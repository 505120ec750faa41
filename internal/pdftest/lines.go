package pdftest

import (
	"math"
	"sort"
	"strings"
	"testing"
)

// Lines returns each page's text as lines the way a reader sees them:
// words that share a baseline, left to right, joined by one space. Table
// rows come out whole ("Jamaica 3 1 0"), which pdftotext's reading order
// does not promise. Pages are numbered from 0 in the result.
func Lines(t testing.TB, pdf []byte) [][]string {
	t.Helper()
	words, sizes := Words(t, pdf)
	pages := make([][]Word, len(sizes))
	for _, w := range words {
		pages[w.Page-1] = append(pages[w.Page-1], w)
	}
	out := make([][]string, len(sizes))
	for i, ws := range pages {
		out[i] = joinLines(ws)
	}
	return out
}

// joinLines groups a page's words by baseline (the bottom of their boxes,
// within a point), top to bottom, each line left to right.
func joinLines(ws []Word) []string {
	sort.SliceStable(ws, func(a, b int) bool { return ws[a].YMax < ws[b].YMax })
	var out []string
	var line []Word
	flush := func() {
		if len(line) == 0 {
			return
		}
		sort.SliceStable(line, func(a, b int) bool { return line[a].XMin < line[b].XMin })
		parts := make([]string, len(line))
		for i, w := range line {
			parts[i] = w.Text
		}
		out = append(out, strings.Join(parts, " "))
		line = line[:0]
	}
	for _, w := range ws {
		if len(line) > 0 && math.Abs(w.YMax-line[0].YMax) > 1 {
			flush()
		}
		line = append(line, w)
	}
	flush()
	return out
}

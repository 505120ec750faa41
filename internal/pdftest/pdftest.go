// Package pdftest checks generated PDFs with real tools, the way a reader
// would: poppler's pdftotext and pdftoppm read them, zbar decodes their QR
// codes. A missing tool skips the test, except under CI=true, where
// .ci/run installs it and its absence is a failure.
package pdftest

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Require returns the path of tool, or skips the test (fails it under CI).
func Require(t testing.TB, tool, debianPackage string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed; .ci/run must install the %s package", tool, debianPackage)
	}
	t.Skipf("%s not found: install Debian's %s to run this test", tool, debianPackage)
	return ""
}

func run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return out
}

func write(t testing.TB, pdf []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// Text is the document's text, in reading order (pdftotext -layout off).
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	tool := Require(t, "pdftotext", "poppler-utils")
	return string(run(t, tool, "-enc", "UTF-8", write(t, pdf), "-"))
}

// Pages is the document's page count.
func Pages(t testing.TB, pdf []byte) int {
	t.Helper()
	tool := Require(t, "pdfinfo", "poppler-utils")
	for _, line := range strings.Split(string(run(t, tool, write(t, pdf))), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatalf("pdfinfo pages %q", v)
			}
			return n
		}
	}
	t.Fatal("pdfinfo printed no page count")
	return 0
}

// Info returns pdfinfo's fields (Title, Author, Creator, ...).
func Info(t testing.TB, pdf []byte) map[string]string {
	t.Helper()
	tool := Require(t, "pdfinfo", "poppler-utils")
	out := map[string]string{}
	for _, line := range strings.Split(string(run(t, tool, "-enc", "UTF-8", write(t, pdf))), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			out[k] = strings.TrimSpace(v)
		}
	}
	return out
}

// Word is one word of a page with its box, in points from the top left.
type Word struct {
	Page                   int
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// Words returns every word with its bounding box (pdftotext -bbox) and each page's size.
func Words(t testing.TB, pdf []byte) ([]Word, []struct{ W, H float64 }) {
	t.Helper()
	tool := Require(t, "pdftotext", "poppler-utils")
	out := run(t, tool, "-bbox", "-enc", "UTF-8", write(t, pdf), "-")
	var doc struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Words  []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("parse pdftotext -bbox: %v", err)
	}
	var words []Word
	var sizes []struct{ W, H float64 }
	for i, p := range doc.Pages {
		sizes = append(sizes, struct{ W, H float64 }{p.Width, p.Height})
		for _, w := range p.Words {
			words = append(words, Word{Page: i + 1, Text: w.Text, XMin: w.XMin, YMin: w.YMin, XMax: w.XMax, YMax: w.YMax})
		}
	}
	return words, sizes
}

// QRCodes renders every page at 150 dpi and returns the QR codes zbarimg
// decodes on each, sorted per page.
func QRCodes(t testing.TB, pdf []byte) [][]string {
	t.Helper()
	ppm := Require(t, "pdftoppm", "poppler-utils")
	zbar := Require(t, "zbarimg", "zbar-tools")
	dir := t.TempDir()
	run(t, ppm, "-r", "150", "-png", write(t, pdf), filepath.Join(dir, "page"))
	pngs, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	sort.Slice(pngs, func(i, j int) bool { return pageNo(pngs[i]) < pageNo(pngs[j]) })
	var out [][]string
	for _, p := range pngs {
		cmd := exec.Command(zbar, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", p)
		res, err := cmd.Output()
		if err != nil {
			if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 4 {
				out = append(out, nil) // no code found on this page
				continue
			}
			t.Fatalf("zbarimg %s: %v", p, err)
		}
		codes := strings.Fields(string(res))
		sort.Strings(codes)
		out = append(out, codes)
	}
	return out
}

func pageNo(path string) int {
	base := strings.TrimSuffix(filepath.Base(path), ".png")
	n, _ := strconv.Atoi(base[strings.LastIndex(base, "-")+1:])
	return n
}

// Images is the number of images the document draws (pdfimages -list).
func Images(t testing.TB, pdf []byte) int {
	t.Helper()
	tool := Require(t, "pdfimages", "poppler-utils")
	lines := strings.Split(strings.TrimSpace(string(run(t, tool, "-list", write(t, pdf)))), "\n")
	// Two header lines: the column names and a rule.
	return max(0, len(lines)-2)
}

package csvout_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"testing/quick"

	"confdesk/internal/csvout"
)

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://evil.example","Click")`: `'=HYPERLINK("http://evil.example","Click")`,
		"+1":          "'+1",
		"-2":          "'-2",
		"@SUM(A1:A9)": "'@SUM(A1:A9)",
		"\tx":         "'\tx",
		"\rx":         "'\rx",
		"":            "",
		"Désirée":     "Désirée",
		"a=b":         "a=b",
		"'=quoted":    "'=quoted",
		"CTC-ABC234":  "CTC-ABC234",
	} {
		if got := csvout.Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

// read parses what a Writer wrote, after checking and removing the byte-order mark.
func read(t *testing.T, out []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(out, []byte(csvout.BOM)) {
		t.Fatalf("no byte-order mark: % x", out[:min(len(out), 8)])
	}
	recs, err := csv.NewReader(bytes.NewReader(out[len(csvout.BOM):])).ReadAll()
	if err != nil {
		t.Fatalf("the output is not CSV: %v\n%s", err, out)
	}
	return recs
}

func TestWriterKeepsTextAndNeutralisesFormulas(t *testing.T) {
	var buf bytes.Buffer
	w := csvout.NewWriter(&buf)
	rows := [][]string{
		{"first_name", "last_name", "note"},
		{"Désirée", "Piñeiro-Nguyễn", `=HYPERLINK("http://evil.example","x")`},
		{"Łukasz", "Żółć", "line one\nline two, with \"quotes\""},
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if bytes.Count(buf.Bytes(), []byte(csvout.BOM)) != 1 {
		t.Error("the byte-order mark is written more than once")
	}
	if !bytes.Contains(buf.Bytes(), []byte("\r\n")) {
		t.Error("records do not end with CRLF")
	}
	got := read(t, buf.Bytes())
	want := [][]string{rows[0], {"Désirée", "Piñeiro-Nguyễn", `'=HYPERLINK("http://evil.example","x")`}, rows[2]}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("record %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestEmptyFileHasTheBOM(t *testing.T) {
	var buf bytes.Buffer
	if err := csvout.NewWriter(&buf).Flush(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != csvout.BOM {
		t.Errorf("empty file = %q", buf.String())
	}
}

// noFormula checks the property: whatever the cells, no cell read back
// from the file starts with a formula character.
func noFormula(t *testing.T, record []string) bool {
	var buf bytes.Buffer
	w := csvout.NewWriter(&buf)
	if err := w.Write(record); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	recs := read(t, buf.Bytes())
	if len(recs) != 1 || len(recs[0]) != len(record) {
		// A record of one empty cell is an empty line, which CSV readers skip.
		return len(record) == 1 && record[0] == "" && len(recs) == 0
	}
	for i, cell := range recs[0] {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			t.Logf("cell %q came out as %q", record[i], cell)
			return false
		}
		// Nothing but the quote is added. (encoding/csv with CRLF line ends
		// drops a carriage return inside a cell, so "\r=1" would arrive as the
		// formula "=1" had it not been neutralised first.)
		if want := strings.ReplaceAll(csvout.Neutralise(record[i]), "\r", ""); cell != want {
			t.Logf("cell %q came out as %q", record[i], cell)
			return false
		}
	}
	return true
}

func TestNoCellStartsWithAFormulaCharacter(t *testing.T) {
	// Random cells, with formula characters made common.
	cfg := &quick.Config{MaxCount: 2000}
	if testing.Short() {
		cfg.MaxCount = 200 // make check; make test and make fuzz go further
	}
	prop := func(cells []string, starts []uint8) bool {
		for i := range cells {
			if i < len(starts) {
				cells[i] = string("=+-@\t\r a"[starts[i]%8]) + cells[i]
			}
		}
		if len(cells) == 0 {
			return true
		}
		return noFormula(t, cells)
	}
	if err := quick.Check(prop, cfg); err != nil {
		t.Error(err)
	}
}

func FuzzWriter(f *testing.F) {
	for _, s := range []string{"=1+1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "Désirée", `"=x"`, "a,b"} {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !noFormula(t, []string{a, b}) {
			t.Fail()
		}
	})
}

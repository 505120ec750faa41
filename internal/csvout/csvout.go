// Package csvout writes CSV files that spreadsheets open safely and
// correctly: UTF-8 with a byte-order mark (without it Excel reads
// "Désirée" as "DÃ©sirÃ©e"), CRLF line ends, and every cell that a
// spreadsheet would run as a formula neutralised.
//
// Formula injection: a cell typed by a registrant, such as
// =HYPERLINK("http://evil.example","Click"), becomes a live formula when an
// organiser opens the export. Following OWASP's advice, a cell starting
// with =, +, -, @, a tab or a carriage return gets a single quote in front,
// which spreadsheets show as text and do not evaluate. The cost is a quote
// before negative numbers and international phone numbers; exports are
// for reading, so that is the safe side.
package csvout

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"confdesk/internal/textfield"
)

// BOM is the UTF-8 byte-order mark that starts every file.
const BOM = "\uFEFF"

// formulaStarts are the first characters that make a cell a formula.
const formulaStarts = "=+-@\t\r"

// Neutralise returns cell so that no spreadsheet evaluates it (a single
// quote in front when it starts with a formula character) and none shows
// it disguised (invisible format characters such as U+202E RIGHT-TO-LEFT
// OVERRIDE removed, line separators made spaces: textfield.Defuse).
func Neutralise(cell string) string {
	cell = textfield.Defuse(cell)
	if cell != "" && strings.ContainsRune(formulaStarts, rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// Writer writes neutralised records as CSV after a byte-order mark.
type Writer struct {
	w       io.Writer
	csv     *csv.Writer
	started bool
	err     error
	cells   []string
}

// NewWriter returns a Writer on w. The byte-order mark is written with the
// first record, or by Flush for an empty file.
func NewWriter(w io.Writer) *Writer {
	c := csv.NewWriter(w)
	c.UseCRLF = true
	return &Writer{w: w, csv: c}
}

func (w *Writer) start() error {
	if !w.started && w.err == nil {
		w.started = true
		if _, err := io.WriteString(w.w, BOM); err != nil {
			w.err = fmt.Errorf("csvout: write byte-order mark: %w", err)
		}
	}
	return w.err
}

// Write writes one record, each cell neutralised. Records are buffered;
// call Flush at the end.
func (w *Writer) Write(record []string) error {
	if err := w.start(); err != nil {
		return err
	}
	w.cells = w.cells[:0]
	for _, cell := range record {
		w.cells = append(w.cells, Neutralise(cell))
	}
	if err := w.csv.Write(w.cells); err != nil {
		return fmt.Errorf("csvout: write record: %w", err)
	}
	return nil
}

// Flush writes any buffered records and returns the first error met.
func (w *Writer) Flush() error {
	if err := w.start(); err != nil {
		return err
	}
	w.csv.Flush()
	if err := w.csv.Error(); err != nil {
		return fmt.Errorf("csvout: flush: %w", err)
	}
	return nil
}

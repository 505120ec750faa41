package web

import (
	"bytes"
	"fmt"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"confdesk/internal/textfield"
)

// xlsxContentType is the media type of an Excel workbook.
const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// xlsxSheet is the name of the export's one worksheet.
const xlsxSheet = "Registrations"

// exportDeskRegistrationsXLSX sends the same rows as the CSV export (the
// same filters, columns and text: eachDeskExportRow) as an Excel workbook,
// which most organisers open these lists in.
//
// Every cell is a string cell (an inline string), never a number, date or
// formula: a name typed as =HYPERLINK(...) is shown as that text and never
// run, so the XLSX needs no quote in front as the CSV does (csvout), and
// holds exactly what was typed, the invisible format characters removed
// (textfield.Defuse, as in the CSV). The times stay RFC 3339 text with
// the zone's offset, as in the CSV: an Excel date has no zone, and the
// text sorts in time order within one offset. The header row is bold and
// frozen, the columns as wide as registrationColumns says.
//
// Written with excelize's stream writer (rows go to a buffer, on disk past
// 16 MiB, rather than into a tree of cells), then built in memory, so an
// error half-way gives an error page, not half a file.
func (s *Server) exportDeskRegistrationsXLSX(c *fiber.Ctx) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName(f.GetSheetName(0), xlsxSheet); err != nil {
		return fmt.Errorf("xlsx: name the sheet: %w", err)
	}
	sw, err := f.NewStreamWriter(xlsxSheet)
	if err != nil {
		return fmt.Errorf("xlsx: stream writer: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("xlsx: header style: %w", err)
	}
	for i, col := range registrationColumns {
		if err := sw.SetColWidth(i+1, i+1, col.Width); err != nil {
			return fmt.Errorf("xlsx: width of column %s: %w", col.Name, err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("xlsx: freeze the header: %w", err)
	}
	cells := make([]any, len(registrationColumns))
	n := 0
	err = s.eachDeskExportRow(c, func(row []string) error {
		n++
		for i, v := range row {
			cells[i] = textfield.Defuse(v)
		}
		var opts []excelize.RowOpts
		if n == 1 {
			opts = append(opts, excelize.RowOpts{StyleID: bold})
		}
		ref, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, cells, opts...); err != nil {
			return fmt.Errorf("xlsx: row %d: %w", n, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: flush: %w", err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return fmt.Errorf("xlsx: write the workbook: %w", err)
	}
	c.Set(fiber.HeaderContentType, xlsxContentType)
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s"`, s.deskExportName(c, "xlsx")))
	return c.Send(buf.Bytes())
}

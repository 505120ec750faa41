package web

import (
	"bytes"
	"context"
	"fmt"

	"github.com/jung-kurt/gofpdf"

	"confdesk/assets"
	"confdesk/internal/model"
)

// programmePDF is the printable programme the media kit carries: the
// published sessions by day, with time, title, room and track.
//
// It is a stand-in, kept short on purpose, while the public agenda's full
// programme (internal/pdf's programme, served at /agenda.pdf) is written
// in parallel; the kit calls only this method, so switching it to that
// document is a change to this file alone.
func (s *Server) programmePDF(ctx context.Context, conf model.Conference) ([]byte, error) {
	sessions, err := s.store.Sessions(ctx, conf.ID, true)
	if err != nil {
		return nil, err
	}
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("DejaVu", "", assets.Font("DejaVuSans.ttf"))
	f.AddUTF8FontFromBytes("DejaVu", "B", assets.Font("DejaVuSans-Bold.ttf"))
	f.SetTitle("Programme: "+conf.Name, true)
	f.SetAuthor(conf.Organiser, true)
	f.SetCreator("confdesk", true)
	f.SetCreationDate(conf.UpdatedAt.UTC())
	f.SetModificationDate(conf.UpdatedAt.UTC())
	f.SetCatalogSort(true)
	f.SetMargins(20, 20, 20)
	f.SetAutoPageBreak(true, 20)
	f.AddPage()
	f.SetFont("DejaVu", "B", 16)
	f.MultiCell(170, 8, "Programme: "+conf.Name, "", "L", false)
	f.SetFont("DejaVu", "", 10)
	f.MultiCell(170, 5.5, conf.DateRange()+" · "+pressVenue(conf)+" · times in "+conf.TimeZone, "", "L", false)
	day := ""
	for _, m := range sessions {
		start := m.StartsAt.In(conf.Location())
		if d := start.Format("Monday 2 January 2006"); d != day {
			day = d
			f.Ln(4)
			f.SetFont("DejaVu", "B", 12)
			f.CellFormat(170, 7, day, "B", 1, "L", false, 0, "")
			f.Ln(1)
		}
		where := ""
		if m.Room != nil {
			where = m.Room.Name
		}
		if m.Track != nil {
			if where != "" {
				where += " · "
			}
			where += m.Track.Name
		}
		f.SetFont("DejaVu", "", 9.5)
		f.CellFormat(28, 5.2, start.Format("15:04")+"–"+m.EndsAt.In(conf.Location()).Format("15:04"), "", 0, "L", false, 0, "")
		f.SetFont("DejaVu", "B", 9.5)
		f.MultiCell(142, 5.2, m.Title, "", "L", false)
		if where != "" {
			f.SetFont("DejaVu", "", 8.5)
			f.SetX(48)
			f.MultiCell(142, 4.6, where, "", "L", false)
		}
		f.Ln(1.2)
	}
	if len(sessions) == 0 {
		f.Ln(4)
		f.MultiCell(170, 5.5, "The programme has not been published yet.", "", "L", false)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("web: programme PDF: %w", err)
	}
	return buf.Bytes(), nil
}

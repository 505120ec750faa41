package web

import (
	"bytes"
	"context"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/pdf"
)

// showFactSheet is the fact sheet: the conference's facts and the key
// figures organisers keep in the settings.
func (s *Server) showFactSheet(c *fiber.Ctx) error {
	ctx := c.UserContext()
	conf := conference(c)
	return s.servePress(c, pressKey(conf, s.now(), "fact-sheet.pdf"), func() (*cachedResponse, error) {
		contacts, err := s.store.MediaContacts(ctx, conf.ID)
		if err != nil {
			return nil, err
		}
		body, err := s.factSheetPDF(ctx, conf, contacts)
		if err != nil {
			return nil, err
		}
		return &cachedResponse{ContentType: "application/pdf", Body: body}, nil
	})
}

// factSheetPDF prints the fact sheet from the figures and tracks stored
// for conf.
func (s *Server) factSheetPDF(ctx context.Context, conf model.Conference, contacts []model.MediaContact) ([]byte, error) {
	figures, tracks, err := s.figuresAndTracks(ctx, conf.ID)
	if err != nil {
		return nil, err
	}
	sheet := pdf.FactSheet{Letterhead: s.pressLetterhead(conf), Name: conf.Name, Tagline: conf.Tagline,
		Description: conf.Description, Aim: conf.Aim, Dates: conf.DateRange(), Venue: conf.VenueLine(),
		Organiser: conf.Organiser, Supporter: conf.Supporter, Programme: conf.Programme, Contacts: pdfContacts(contacts)}
	for _, f := range figures {
		sheet.Figures = append(sheet.Figures, pdf.Figure{Value: f.Value, Label: f.Label})
	}
	for _, t := range tracks {
		sheet.Tracks = append(sheet.Tracks, pdf.FactTrack{Name: t.Name, Colour: t.Colour, Description: t.Description})
	}
	var buf bytes.Buffer
	err = pdf.FactSheetPDF(&buf, sheet, pdf.Meta{Title: "Fact sheet: " + conf.Name, Author: conf.Organiser, Created: conf.UpdatedAt})
	return buf.Bytes(), err
}

// figuresAndTracks are the conference's key figures and tracks, which the
// home page and the fact sheet both show.
func (s *Server) figuresAndTracks(ctx context.Context, conferenceID int64) ([]model.Figure, []model.Track, error) {
	figures, err := s.store.Figures(ctx, conferenceID)
	if err != nil {
		return nil, nil, err
	}
	tracks, err := s.store.Tracks(ctx, conferenceID)
	return figures, tracks, err
}

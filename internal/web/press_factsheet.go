package web

import (
	"bytes"
	"context"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/views"
	"confdesk/views/public"
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
	text := func(field, original string) string { return views.ConferenceText(ctx, conf, field, original).Text }
	name := text("name", conf.Name)
	sheet := pdf.FactSheet{Letterhead: s.pressLetterhead(ctx, conf), Name: name, Tagline: text("tagline", conf.Tagline),
		Description: text("description", conf.Description), Aim: text("aim", conf.Aim), Dates: views.DateRange(ctx, conf),
		Venue: conf.VenueLine(), Organiser: conf.Organiser, Supporter: conf.Supporter, Programme: conf.Programme,
		Contacts: pdfContacts(ctx, contacts)}
	for _, f := range figures {
		sheet.Figures = append(sheet.Figures, pdf.Figure{Value: f.Value, Label: public.FigureLabel(ctx, f).Text})
	}
	for _, t := range tracks {
		tr := func(field, original string) string {
			return i18n.Tr(ctx, i18n.Field{Kind: i18n.KindTrack, ID: t.ID, Name: field}, original).Text
		}
		sheet.Tracks = append(sheet.Tracks, pdf.FactTrack{Name: tr("name", t.Name), Colour: t.Colour,
			Description: tr("description", t.Description)})
	}
	var buf bytes.Buffer
	err = pdf.FactSheetPDF(&buf, sheet, pdf.Meta{Title: i18n.T(ctx, "press.pdf.fact_sheet_title", "Conference", name),
		Author: conf.Organiser, Created: conf.UpdatedAt})
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

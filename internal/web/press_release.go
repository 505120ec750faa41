package web

import (
	"bytes"
	"context"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/internal/press"
	pressview "confdesk/views/press"
)

// publishedRelease is the conference's published release with the route's
// slug; a draft is as absent as a release that never existed.
func (s *Server) publishedRelease(ctx context.Context, conf model.Conference, slug string) (model.PressRelease, error) {
	r, err := s.store.PressReleaseBySlug(ctx, conf.ID, slug)
	if err == nil && !r.Published {
		return r, fiber.ErrNotFound
	}
	return r, err
}

// showPressRelease is a published release's page.
func (s *Server) showPressRelease(c *fiber.Ctx) error {
	p := page(c, "", "press")
	ctx := c.UserContext()
	slug := c.Params("slug")
	return s.servePress(c, pressKey(p.Conference, s.now(), "release:"+slug), func() (*cachedResponse, error) {
		r, err := s.publishedRelease(ctx, p.Conference, slug)
		if err != nil {
			return nil, err
		}
		pictures, err := s.releasePictures(ctx, p.Conference.ID)
		if err != nil {
			return nil, err
		}
		text := pressview.ReleaseText(ctx, r, "body", r.Body)
		body, err := press.RenderRelease(text.Text, pictures.find)
		if err != nil {
			return nil, err
		}
		contacts, err := s.store.MediaContacts(ctx, p.Conference.ID)
		if err != nil {
			return nil, err
		}
		p.Title = pressview.ReleaseText(ctx, r, "title", r.Title).Text
		p.Description = pressview.ReleaseText(ctx, r, "summary", r.Summary).Text
		v := pressview.Release{Release: r, Body: body, BodyLang: text.Lang, Contacts: contacts}
		if f, ok := pictures.lead(r); ok {
			lead, _ := pictures.find(pressFileAddress(f.ID))
			v.Lead, v.LeadAlt = &lead, f.Title
		}
		return htmlEntry(ctx, pressview.ReleasePage(p, v))
	})
}

// showPressReleasePDF is a published release printed on the letterhead.
func (s *Server) showPressReleasePDF(c *fiber.Ctx) error {
	ctx := c.UserContext()
	conf := conference(c)
	slug := c.Params("slug")
	now := s.now()
	return s.servePress(c, pressKey(conf, now, "release.pdf:"+slug), func() (*cachedResponse, error) {
		r, err := s.publishedRelease(ctx, conf, slug)
		if err != nil {
			return nil, err
		}
		contacts, err := s.store.MediaContacts(ctx, conf.ID)
		if err != nil {
			return nil, err
		}
		pictures, err := s.releasePictures(ctx, conf.ID)
		if err != nil {
			return nil, err
		}
		body, err := s.releasePDF(ctx, conf, pressToday(conf, now), r, contacts, pictures)
		if err != nil {
			return nil, err
		}
		return &cachedResponse{ContentType: "application/pdf", Body: body}, nil
	})
}

// releasePDF prints r in ctx's language with the published pictures its
// text shows; today decides between "for immediate release" and "for
// release on" its date.
func (s *Server) releasePDF(ctx context.Context, conf model.Conference, today string, r model.PressRelease,
	contacts []model.MediaContact, pictures releasePictures) ([]byte, error) {
	when := i18n.T(ctx, "press.pdf.immediate")
	if r.ReleaseDate > today {
		when = i18n.T(ctx, "press.pdf.embargo", "Date", pressDate(ctx, r.ReleaseDate))
	}
	text := func(field, original string) string { return pressview.ReleaseText(ctx, r, field, original).Text }
	title := text("title", r.Title)
	doc := pdf.Release{Letterhead: s.pressLetterhead(ctx, conf), Release: when, Date: pressDate(ctx, r.ReleaseDate),
		Dateline: text("dateline", r.Dateline), Title: title, Summary: text("summary", r.Summary),
		Body: press.PlainBlocks(text("body", r.Body)), Contacts: pdfContacts(ctx, contacts), Pictures: map[string]pdf.Picture{}}
	if f, ok := pictures.lead(r); ok {
		p, ok, err := s.pdfPicture(f, i18n.From(ctx))
		if err != nil {
			return nil, err
		}
		if ok {
			doc.Lead = &p
		}
	}
	for _, b := range doc.Body {
		f, ok := pictures.file(b.Image)
		if b.Kind != press.Image || !ok {
			continue
		}
		p, ok, err := s.pdfPicture(f, i18n.From(ctx))
		if err != nil {
			return nil, err
		}
		if ok {
			doc.Pictures[b.Image] = p
		}
	}
	var buf bytes.Buffer
	err := pdf.PressRelease(&buf, doc, pdf.Meta{Title: title, Author: conf.Organiser, Created: r.UpdatedAt})
	return buf.Bytes(), err
}

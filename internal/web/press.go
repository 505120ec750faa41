package web

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/views"
	pressview "confdesk/views/press"
)

// pressPublished is what the public press room may show, read once per
// render: published releases and files only, and the media contacts.
type pressPublished struct {
	conf     model.Conference
	today    string // YYYY-MM-DD in the conference's zone
	releases []model.PressRelease
	contacts []model.MediaContact
	files    []model.PressFile
}

// pressPublic reads the conference's public press room.
func (s *Server) pressPublic(ctx context.Context, conf model.Conference) (pressPublished, error) {
	pub := pressPublished{conf: conf, today: pressToday(conf, s.now())}
	var err error
	if pub.releases, err = s.store.PressReleases(ctx, conf.ID, true); err != nil {
		return pub, err
	}
	if pub.contacts, err = s.store.MediaContacts(ctx, conf.ID); err != nil {
		return pub, err
	}
	if pub.files, err = s.store.PressFiles(ctx, conf.ID, true); err != nil {
		return pub, err
	}
	return pub, nil
}

// pressToday is the date in the conference's zone: a release dated later
// is printed "for release on" its date rather than "for immediate release".
func pressToday(conf model.Conference, now time.Time) string {
	return now.In(conf.Location()).Format(time.DateOnly)
}

// pressKey is a press cache key for name. It carries the day, because
// what a release's PDF says depends on whether its date has come; a new
// day renders afresh, which costs one render a day.
func pressKey(conf model.Conference, now time.Time, name string) string {
	return name + "@" + pressToday(conf, now)
}

// servePress sends the press cache's entry for key, built on a miss.
func (s *Server) servePress(c *fiber.Ctx, key string, build func() (*cachedResponse, error)) error {
	e, err := s.pressCache.get(cacheKey(c.UserContext(), key), build)
	if err != nil {
		return err
	}
	return e.send(c)
}

// pressLetterhead heads every press document of conf, in ctx's language.
func (s *Server) pressLetterhead(ctx context.Context, conf model.Conference) pdf.Letterhead {
	return pdf.Letterhead{Organiser: conf.Organiser, Programme: conf.Programme,
		Conference: views.ConferenceName(ctx, conf).Text, URL: s.cfg.BaseURL + "/press", Lang: i18n.From(ctx)}
}

// pdfContacts are media contacts as printed, their roles in ctx's language.
func pdfContacts(ctx context.Context, contacts []model.MediaContact) []pdf.MediaContact {
	out := make([]pdf.MediaContact, len(contacts))
	for i, m := range contacts {
		out[i] = pdf.MediaContact{Name: m.Name, Role: pressview.ContactRole(ctx, m).Text, Organisation: m.Organisation,
			Phone: m.Phone, Mobile: m.Mobile, Email: m.Email, Languages: pressview.ContactLanguages(ctx, m)}
	}
	return out
}

// pressDate is a YYYY-MM-DD date in ctx's language, as press documents print it.
func pressDate(ctx context.Context, date string) string { return pressview.Date(ctx, date) }

package web

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/announce"
	"confdesk/internal/model"
	"confdesk/internal/plural"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

const announcementsPath = "/admin/announcements"

// showAnnouncements lists the sent, scheduled and cancelled announcements, newest first.
func (s *Server) showAnnouncements(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Announcements", "announcements")
	if err != nil {
		return err
	}
	list, err := s.store.Announcements(c.UserContext(), p.Conference.ID)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.AnnouncementsPage(p, admin.AnnouncementsView{Announcements: list}))
}

func (s *Server) renderAnnouncementForm(c *fiber.Ctx, status int, v admin.AnnouncementFormView) error {
	p, err := s.adminPage(c, "New announcement", "announcements")
	if err != nil {
		return err
	}
	if v.Countries, err = s.store.RegistrationCountries(c.UserContext(), p.Conference.ID); err != nil {
		return err
	}
	return render(c, status, admin.AnnouncementFormPage(p, v))
}

// showNewAnnouncement is the empty form with a fresh idempotency key; the
// query string may preset the filters (the desk's names).
func (s *Server) showNewAnnouncement(c *fiber.Ctx) error {
	form := announce.Form{Filter: announce.FilterOf(queryValues(c)), Key: announce.NewKey(), Translations: model.Translations{}}
	return s.renderAnnouncementForm(c, fiber.StatusOK, admin.AnnouncementFormView{Form: form})
}

// announcementFormOf reads the form from the request.
func announcementFormOf(c *fiber.Ctx) announce.Form {
	v := url.Values{}
	for _, name := range announce.FilterParams {
		if x := c.FormValue(name); x != "" {
			v.Set(name, x)
		}
	}
	return announce.Form{Subject: c.FormValue("subject"), Body: c.FormValue("body"), SendAt: c.FormValue("send_at"),
		Filter: announce.FilterOf(v), Translations: readTranslations(c, announce.TranslatedFields...), Key: c.FormValue("key")}
}

// postAnnouncement previews (action=preview) or sends (action=send) the form.
func (s *Server) postAnnouncement(c *fiber.Ctx) error {
	form := announcementFormOf(c)
	ctx, conf := c.UserContext(), conference(c)
	switch c.FormValue("action") {
	case "preview":
		pv, errs, err := s.announcer.Preview(ctx, conf, &form)
		if err != nil {
			return err
		}
		if len(errs) > 0 {
			return s.renderAnnouncementForm(c, fiber.StatusUnprocessableEntity, admin.AnnouncementFormView{Form: form, Errors: errs})
		}
		return s.renderAnnouncementForm(c, fiber.StatusOK, admin.AnnouncementFormView{Form: form, Preview: &pv})
	case "send":
		res, errs, err := s.announcer.Send(ctx, conf, &form, currentUser(c))
		if err != nil {
			return err
		}
		if len(errs) > 0 {
			return s.renderAnnouncementForm(c, fiber.StatusUnprocessableEntity, admin.AnnouncementFormView{Form: form, Errors: errs})
		}
		switch {
		case res.Duplicate:
			return s.redirectWithFlash(c, announcementsPath, "This announcement was sent already (the form was submitted twice); nothing more was queued.")
		case !res.Scheduled.IsZero():
			return s.redirectWithFlash(c, announcementsPath, "Announcement “"+form.Subject+"” scheduled for "+
				res.Scheduled.In(conf.Location()).Format("2 Jan 2006 15:04")+".")
		}
		return s.redirectWithFlash(c, announcementsPath, "Announcement “"+form.Subject+"” queued for "+
			plural.Count(res.Recipients, "recipient", "recipients")+".")
	}
	return fiber.NewError(fiber.StatusBadRequest, "Choose Preview or Send.")
}

// cancelAnnouncement cancels a scheduled announcement (audited).
func (s *Server) cancelAnnouncement(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return fiber.ErrNotFound
	}
	err = s.announcer.Cancel(c.UserContext(), conference(c), id, currentUser(c))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fiber.ErrNotFound
	case errors.Is(err, announce.ErrNotScheduled):
		return fiber.NewError(fiber.StatusConflict, "This announcement is no longer scheduled: it was sent or cancelled already.")
	case err != nil:
		return err
	}
	return s.redirectWithFlash(c, announcementsPath, "Scheduled announcement cancelled.")
}

// RunAnnouncements queues scheduled announcements when due, at once and
// at every tick until ctx ends, on the server's clock; done, when not nil,
// receives each run's result (tests wait on it).
func (s *Server) RunAnnouncements(ctx context.Context, tick <-chan time.Time, done func(int, error)) {
	s.announcer.Run(ctx, tick, s.log, done)
}

// SendDueAnnouncements queues the scheduled announcements due now, once.
func (s *Server) SendDueAnnouncements(ctx context.Context) (int, error) {
	return s.announcer.SendDue(ctx)
}

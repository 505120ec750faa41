package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/i18n"
	"confdesk/views"
	"confdesk/views/public"
)

// showProgramme is the published programme, filtered by ?day=N&track=slug.
// Values that name no day or track are dropped with a note, never an error.
func (s *Server) showProgramme(c *fiber.Ctx) error {
	ctx := c.UserContext()
	idx, err := s.agendaIndex(ctx)
	if err != nil {
		return err
	}
	f := idx.filter(c.Query("day"), c.Query("track"))
	now := s.now()
	// During the conference the page holds "now and next", so the key
	// names the stretch of time it is valid for.
	key := "/agenda?" + f.key() + "&moment=" + idx.moment(now)
	e, err := s.agendaCache.get(cacheKey(ctx, key), func() (*cachedResponse, error) {
		p, content, err := s.programmeContent(ctx)
		if err != nil {
			return nil, err
		}
		ctx := i18n.WithContent(ctx, content)
		page, err := s.loadPage(c, i18n.T(ctx, "agenda.title"), "agenda")
		if err != nil {
			return nil, err
		}
		page.Self = f.path()
		page.Description = i18n.T(ctx, "agenda.meta_description", "Conference", views.ConferenceName(ctx, p.Conference).Text,
			"Dates", views.DateRange(ctx, p.Conference))
		v := public.AgendaView{Tracks: p.Tracks, Note: f.note(), Published: len(p.Sessions), During: idx.during(now),
			Documents: p.Documents}
		if f.day != 0 {
			v.Day = strconv.Itoa(f.day)
		}
		v.Track = f.track
		for _, d := range p.Days() {
			v.DayOptions = append(v.DayOptions, views.Option{Value: strconv.Itoa(d.Number), Label: public.DayLabel(ctx, d)})
			if f.day != 0 && d.Number != f.day {
				continue
			}
			shown := agenda.Day{Number: d.Number, Date: d.Date}
			for _, sess := range d.Sessions {
				if f.track == "" || (sess.Track != nil && sess.Track.Slug == f.track) {
					shown.Sessions = append(shown.Sessions, sess)
				}
			}
			v.Days = append(v.Days, shown)
		}
		if v.During {
			v.Now, v.Next = agenda.NowNext(p.Sessions, now)
		}
		return htmlEntry(ctx, public.AgendaPage(page, v))
	})
	if err != nil {
		return err
	}
	return e.send(c)
}

// showSessionPage is one published session's page; drafts and unknown ids are 404.
func (s *Server) showSessionPage(c *fiber.Ctx) error {
	id, err := publicSessionID(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	e, err := s.agendaCache.get(cacheKey(ctx, "/agenda/"+strconv.FormatInt(id, 10)), func() (*cachedResponse, error) {
		p, content, err := s.programmeContent(ctx)
		if err != nil {
			return nil, err
		}
		ctx := i18n.WithContent(ctx, content)
		for _, d := range p.Days() {
			for _, sess := range d.Sessions {
				if sess.ID != id {
					continue
				}
				title := agenda.SessionTitle(ctx, sess).Text
				page, err := s.loadPage(c, title, "agenda")
				if err != nil {
					return nil, err
				}
				page.Description = public.DayHeading(ctx, d.Date) + ", " + public.TimeRange(p.Conference, sess) + ": " + title
				return htmlEntry(ctx, public.SessionPage(page, public.SessionView{
					Session: sess, Day: agenda.Day{Number: d.Number, Date: d.Date}, Documents: p.Documents[sess.ID],
				}))
			}
		}
		return nil, fiber.ErrNotFound
	})
	if err != nil {
		return err
	}
	return e.send(c)
}

package web

import (
	"bytes"
	"context"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/views"
	"confdesk/views/public"
)

// Content types of the exports.
const (
	calendarType  = "text/calendar; charset=utf-8"
	feedType      = "application/json"
	scheduleType  = "application/xml; charset=utf-8"
	programmeType = "application/pdf"
)

// feedHeaders lets other sites' pages read a public feed: it holds nothing a
// visitor could not read here, and no cookie is ever needed for it.
func feedHeaders(c *fiber.Ctx) {
	c.Set(fiber.HeaderAccessControlAllowOrigin, "*")
	c.Set("Cross-Origin-Resource-Policy", "cross-origin")
}

// agendaExport serves the export under key, built by build from the
// published programme on a miss.
func (s *Server) agendaExport(c *fiber.Ctx, key string, build func(agenda.Programme) (*cachedResponse, error)) error {
	ctx := c.UserContext()
	e, err := s.agendaCache.get(cacheKey(ctx, key), func() (*cachedResponse, error) {
		p, err := s.localProgramme(ctx)
		if err != nil {
			return nil, err
		}
		return build(p)
	})
	if err != nil {
		return err
	}
	return e.send(c)
}

// showAgendaCalendar is /agenda.ics, every published session; calendar
// apps subscribe to it and follow changes.
func (s *Server) showAgendaCalendar(c *fiber.Ctx) error {
	feedHeaders(c)
	return s.agendaExport(c, "/agenda.ics", func(p agenda.Programme) (*cachedResponse, error) {
		return &cachedResponse{ContentType: calendarType, Body: p.Calendar(p.Conference.Name, p.Sessions)}, nil
	})
}

// showSessionCalendar is /agenda/:id.ics, one published session to add to a calendar.
func (s *Server) showSessionCalendar(c *fiber.Ctx) error {
	id, err := publicSessionID(c)
	if err != nil {
		return err
	}
	return s.agendaExport(c, "/agenda/"+strconv.FormatInt(id, 10)+".ics", func(p agenda.Programme) (*cachedResponse, error) {
		for _, sess := range p.Sessions {
			if sess.ID == id {
				return &cachedResponse{ContentType: calendarType, Body: p.Calendar(sess.Title, []model.Session{sess}),
					Filename: sessionFilename(p, sess) + ".ics"}, nil
			}
		}
		return nil, fiber.ErrNotFound
	})
}

// sessionFilename names a session's download: "ctc-miami-opening-plenary-trafficking-in-the-caribbean-today".
func sessionFilename(p agenda.Programme, s model.Session) string {
	name := agenda.Slug(s.Title)
	if len(name) > 60 {
		name = strings.TrimRight(name[:60], "-")
	}
	if name == "" {
		name = "session-" + strconv.FormatInt(s.ID, 10)
	}
	return p.Conference.Slug + "-" + name
}

// showAgendaFeed is /agenda.json (schema in README.md).
func (s *Server) showAgendaFeed(c *fiber.Ctx) error {
	feedHeaders(c)
	return s.agendaExport(c, "/agenda.json", func(p agenda.Programme) (*cachedResponse, error) {
		body, err := p.FeedJSON()
		if err != nil {
			return nil, err
		}
		return &cachedResponse{ContentType: feedType, Body: body}, nil
	})
}

// showSchedule is /schedule.xml in the c3voc (frab) format.
func (s *Server) showSchedule(c *fiber.Ctx) error {
	feedHeaders(c)
	return s.agendaExport(c, "/schedule.xml", func(p agenda.Programme) (*cachedResponse, error) {
		body, err := p.ScheduleXML()
		if err != nil {
			return nil, err
		}
		return &cachedResponse{ContentType: scheduleType, Body: body}, nil
	})
}

// showScheduleJSON is /schedule.json, the same schedule in the c3voc JSON format.
func (s *Server) showScheduleJSON(c *fiber.Ctx) error {
	feedHeaders(c)
	return s.agendaExport(c, "/schedule.json", func(p agenda.Programme) (*cachedResponse, error) {
		body, err := p.ScheduleJSON()
		if err != nil {
			return nil, err
		}
		return &cachedResponse{ContentType: feedType, Body: body}, nil
	})
}

// showAgendaPDF is the printable programme, shown in the browser.
func (s *Server) showAgendaPDF(c *fiber.Ctx) error {
	e, err := s.agendaPDF(c.UserContext())
	if err != nil {
		return err
	}
	return e.send(c)
}

// agendaPDF is the programme PDF from the agenda cache, drawn on a miss;
// the media kit takes it from here too.
func (s *Server) agendaPDF(ctx context.Context) (*cachedResponse, error) {
	return s.agendaCache.get(cacheKey(ctx, "/agenda.pdf"), func() (*cachedResponse, error) {
		p, err := s.localProgramme(ctx)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		meta := pdf.Meta{Title: p.Conference.Name + " · " + i18n.T(ctx, "agenda.pdf.programme"),
			Author: p.Conference.Organiser, Created: p.Updated()}
		if err := pdf.WriteProgramme(&buf, printedProgramme(ctx, p), meta); err != nil {
			return nil, err
		}
		return &cachedResponse{ContentType: programmeType, Body: buf.Bytes()}, nil
	})
}

// printedProgramme is what the PDF shows: the conference's facts, then each
// day that has sessions, in ctx's language (p is the programme In it).
func printedProgramme(ctx context.Context, p agenda.Programme) pdf.Programme {
	c, l := p.Conference, i18n.From(ctx)
	zone := views.TimeZoneLabel(ctx, c)
	out := pdf.Programme{
		Name: c.Name, ShortName: c.ShortName, Tagline: c.Tagline, Dates: views.DateRange(ctx, c),
		Venue: c.Venue, VenueAddress: c.VenueAddress, City: c.City,
		Organiser: c.Organiser, Supporter: c.Supporter, PartOf: c.Programme,
		Words: pdf.ProgrammeWords{
			Programme: l.T("agenda.pdf.programme"), Dates: l.T("agenda.pdf.dates"), Venue: l.T("agenda.pdf.venue"),
			City: l.T("agenda.pdf.city"), Times: l.T("agenda.pdf.times"), Organiser: l.T("agenda.pdf.organiser"),
			PartOf: l.T("agenda.pdf.part_of"), SupportedBy: l.T("agenda.pdf.supported_by"), Tracks: l.T("agenda.pdf.tracks"),
			AllTimes: l.T("agenda.pdf.all_times", "Zone", zone), TimesAre: l.T("date.times_are", "Zone", zone),
			Time: l.T("agenda.pdf.time"), Track: l.T("agenda.pdf.track"), Session: l.T("agenda.pdf.session"),
			Room: l.T("agenda.pdf.room"), Speakers: l.T("agenda.pdf.speakers"),
			NoSessions: l.T("agenda.pdf.no_sessions"), Continued: l.T("agenda.pdf.continued"),
			Page: func(n int, total string) string { return l.T("agenda.pdf.page", "Page", n, "Total", total) },
		},
	}
	for _, t := range p.Tracks {
		out.Tracks = append(out.Tracks, pdf.ProgrammeTrack{Name: t.Name, Colour: t.Colour})
	}
	for _, d := range p.Days() {
		if len(d.Sessions) == 0 {
			continue
		}
		day := pdf.ProgrammeDay{Heading: public.DayHeading(ctx, d.Date)}
		for _, s := range d.Sessions {
			row := pdf.ProgrammeRow{Time: public.TimeRange(c, s), Title: s.Title, Kind: agenda.KindWord(l, s.Kind)}
			if s.Capacity > 0 {
				row.Kind += " · " + l.N("agenda.pdf.sign_up", s.Capacity)
			}
			if s.Track != nil {
				row.Track, row.TrackColour = s.Track.Name, s.Track.Colour
			}
			if s.Room != nil {
				row.Room = s.Room.Name
			}
			for _, sp := range s.Speakers {
				line := sp.Name
				if r := agenda.RoleWord(l, sp.Role); r != "" {
					line += " (" + r + ")"
				}
				row.Speakers = append(row.Speakers, line)
			}
			day.Rows = append(day.Rows, row)
		}
		out.Days = append(out.Days, day)
	}
	return out
}

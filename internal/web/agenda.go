package web

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/i18n"
)

// publicAgendaRoutes registers the public programme: /agenda, its session
// pages and its exports, and a participant's personal agenda.
//
// programme loads the published programme: public pages and exports must
// never see a draft.
func (s *Server) programme(ctx context.Context) (agenda.Programme, error) {
	conf, err := s.store.CurrentConference(ctx)
	if err != nil {
		return agenda.Programme{}, err
	}
	p := agenda.Programme{Conference: conf, BaseURL: s.cfg.BaseURL}
	if p.Tracks, err = s.store.Tracks(ctx, conf.ID); err != nil {
		return p, err
	}
	if p.Rooms, err = s.store.Rooms(ctx, conf.ID); err != nil {
		return p, err
	}
	if p.Sessions, err = s.store.Sessions(ctx, conf.ID, true); err != nil {
		return p, err
	}
	if p.Documents, err = s.store.SessionDocuments(ctx, conf.ID, true); err != nil {
		return p, err
	}
	return p, nil
}

// programmeContent is the published programme with the conference's
// content translated into ctx's language (nil in English): the programme's
// routes come before withConference, so they read it themselves.
func (s *Server) programmeContent(ctx context.Context) (agenda.Programme, i18n.Content, error) {
	p, err := s.programme(ctx)
	if err != nil {
		return p, nil, err
	}
	l := i18n.From(ctx)
	if l == i18n.English {
		return p, nil, nil
	}
	content, err := s.contentTranslations(ctx, p.Conference.ID, l.Code)
	return p, content, err
}

// localProgramme is the published programme in ctx's language, for the
// exports: translated texts in place of the English ones where there are.
func (s *Server) localProgramme(ctx context.Context) (agenda.Programme, error) {
	p, content, err := s.programmeContent(ctx)
	if err != nil {
		return p, err
	}
	return p.In(i18n.From(ctx), content), nil
}

// agendaIndex is what a request must know before it can name its cache
// entry: the conference's days, the tracks' slugs, and the moments at
// which "now and next" changes. It is itself kept in the agenda cache, so
// it goes when the agenda changes, and it is small text that parses in
// well under a microsecond, so a cached page costs no database query.
type agendaIndex struct {
	start, end int64  // the conference's first and last instant, Unix seconds
	days       int    // days of the programme
	tracks     string // " slug slug ", for lookups
	moments    string // session starts and ends, sorted, Unix seconds, space-separated
}

const agendaIndexKey = "agenda index"

func (s *Server) agendaIndex(ctx context.Context) (agendaIndex, error) {
	e, err := s.agendaCache.get(agendaIndexKey, func() (*cachedResponse, error) {
		p, err := s.programme(ctx)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%d %d %d\n ", p.Conference.Start().Unix(), p.Conference.End().Unix(), len(p.Days()))
		for _, t := range p.Tracks {
			b.WriteString(t.Slug + " ")
		}
		b.WriteString("\n")
		for i, m := range agenda.Moments(p.Sessions) {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.FormatInt(m.Unix(), 10))
		}
		// Not an HTTP response: the ETag is never sent, but set, it spares a hash.
		return &cachedResponse{ContentType: "text/plain", Body: []byte(b.String()), ETag: "-"}, nil
	})
	if err != nil {
		return agendaIndex{}, err
	}
	head, rest, _ := strings.Cut(string(e.Body), "\n")
	tracks, moments, _ := strings.Cut(rest, "\n")
	idx := agendaIndex{tracks: tracks, moments: moments}
	fields := strings.Fields(head)
	var nums [3]int64
	for i := range nums {
		if i < len(fields) {
			nums[i], err = strconv.ParseInt(fields[i], 10, 64)
		}
		if len(fields) != len(nums) || err != nil {
			return idx, fmt.Errorf("web: bad agenda index %q", head)
		}
	}
	idx.start, idx.end, idx.days = nums[0], nums[1], int(nums[2])
	return idx, nil
}

// during reports whether now is within the conference's days.
func (idx agendaIndex) during(now time.Time) bool {
	return now.Unix() >= idx.start && now.Unix() < idx.end
}

// moment names the stretch of time now falls in, between two starts or
// ends of sessions, during which "now and next" stays the same: how many
// moments have passed. "" outside the conference, when there is no box.
func (idx agendaIndex) moment(now time.Time) string {
	if !idx.during(now) {
		return ""
	}
	fields := strings.Fields(idx.moments)
	unix := now.Unix()
	n := sort.Search(len(fields), func(i int) bool {
		v, _ := strconv.ParseInt(fields[i], 10, 64)
		return v > unix
	})
	return strconv.Itoa(n)
}

// agendaFilter is /agenda's query, checked against the programme.
type agendaFilter struct {
	day      int    // 0: every day
	track    string // "": every track
	badDay   bool   // a day was asked for that the programme does not have
	badTrack bool
}

func (idx agendaIndex) filter(day, track string) agendaFilter {
	var f agendaFilter
	if day = strings.TrimSpace(day); day != "" {
		n, err := strconv.Atoi(day)
		if err == nil && n >= 1 && n <= idx.days {
			f.day = n
		} else {
			f.badDay = true
		}
	}
	if track = strings.TrimSpace(track); track != "" {
		if !strings.ContainsAny(track, " \n") && strings.Contains(idx.tracks, " "+track+" ") {
			f.track = track
		} else {
			f.badTrack = true
		}
	}
	return f
}

// key is the filter's part of the cache key: only known values, so that a
// stranger cannot fill the cache with pages for made-up queries.
func (f agendaFilter) key() string {
	k := "day=" + strconv.Itoa(f.day) + "&track=" + f.track
	if f.badDay {
		k += "&bad-day"
	}
	if f.badTrack {
		k += "&bad-track"
	}
	return k
}

// note is the message explaining the filter values that were dropped.
func (f agendaFilter) note() string {
	switch {
	case f.badDay && f.badTrack:
		return "agenda.note.bad_day_track"
	case f.badDay:
		return "agenda.note.bad_day"
	case f.badTrack:
		return "agenda.note.bad_track"
	}
	return ""
}

// path is /agenda with the filter's own query: only the known values it
// kept, never what the request typed.
func (f agendaFilter) path() string {
	q := url.Values{}
	if f.day != 0 {
		q.Set("day", strconv.Itoa(f.day))
	}
	if f.track != "" {
		q.Set("track", f.track)
	}
	if len(q) == 0 {
		return "/agenda"
	}
	return "/agenda?" + q.Encode()
}

// sessionID reads the :id of a session's address; anything but a positive
// number is not a session.
func publicSessionID(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fiber.ErrNotFound
	}
	return id, nil
}

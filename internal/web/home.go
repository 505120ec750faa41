package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/registration"
	"confdesk/views/public"
)

// showHome renders the front page. It is kept in the press cache (its
// figures and tracks change only with the press room, the agenda or the
// settings, which empty that cache), one copy for the registration window
// as it is now: the window is told from what withConference read, so a
// request asks the database only whether anything changed.
func (s *Server) showHome(c *fiber.Ctx) error {
	ctx, conf := c.UserContext(), conference(c)
	window := registration.WindowAt(conf, activeCount(c), s.now())
	e, err := s.pressCache.getCurrent(cacheKey(ctx, "/"), windowKey(conf.ID, window), func() (*cachedResponse, error) {
		figures, tracks, err := s.figuresAndTracks(ctx, conf.ID)
		if err != nil {
			return nil, err
		}
		return htmlEntry(ctx, public.HomePage(pageOf(c, conf, "", "home"), public.Home{Figures: figures, Tracks: tracks, Window: window}))
	})
	if err != nil {
		return err
	}
	return e.send(c)
}

// windowKey names the front page's variant: the conference and everything
// the registration window shows. Built by hand, it costs a tenth of the
// fmt.Sprintf("%+v") it replaces, on every request.
func windowKey(conferenceID int64, w registration.Window) string {
	b := make([]byte, 0, 96)
	for _, n := range []int64{conferenceID, int64(w.Phase), w.Opens.Unix(), w.Closes.Unix(),
		int64(w.PlacesLeft), int64(w.Capacity), int64(w.ActiveCount)} {
		b = strconv.AppendInt(b, n, 10)
		b = append(b, ' ')
	}
	return string(b)
}

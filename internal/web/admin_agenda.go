package web

import (
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/views/admin"
)

// agendaChanged drops the cached public agenda and its exports after an
// organiser's change; the next visitor sees the new programme.
func (s *Server) agendaChanged() { s.agendaCache.invalidate(); s.pressCache.invalidate() }

// showAgenda is the day × room grid of the whole draft agenda, with the
// clashes in the data marked.
func (s *Server) showAgenda(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Agenda", "agenda")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	sessions, err := s.store.Sessions(ctx, p.Conference.ID, false)
	if err != nil {
		return err
	}
	rooms, err := s.store.Rooms(ctx, p.Conference.ID)
	if err != nil {
		return err
	}
	clashes := agenda.Clashes(sessions, agenda.RoomsByID(rooms), p.Conference)
	return render(c, fiber.StatusOK, admin.AgendaPage(p, admin.NewAgendaGrid(p.Conference, sessions, rooms, clashes)))
}

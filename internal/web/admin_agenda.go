package web

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/i18n"
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

// missingTranslations names, for each record of kind among ids, the
// languages (in English, for the console) in which some of its fields
// have no translation yet.
func (s *Server) missingTranslations(ctx context.Context, confID int64, kind string, ids []int64, fields []string) (map[int64][]string, error) {
	out := map[int64][]string{}
	for _, l := range i18n.Translations() {
		content, err := s.store.ContentTranslations(ctx, confID, l.Code)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			for _, f := range fields {
				if content[i18n.Field{Kind: kind, ID: id, Name: f}] == "" {
					out[id] = append(out[id], l.InEnglish)
					break
				}
			}
		}
	}
	return out, nil
}

package web

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/model"
	"confdesk/internal/store"
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
	clashes := agenda.Clashes(sessions, roomsByID(rooms), p.Conference)
	return render(c, fiber.StatusOK, admin.AgendaPage(p, admin.NewAgendaGrid(p.Conference, sessions, rooms, clashes)))
}

func roomsByID(rooms []model.Room) map[int64]model.Room {
	out := make(map[int64]model.Room, len(rooms))
	for _, r := range rooms {
		out[r.ID] = r
	}
	return out
}

// agendaAudit writes the audit line of an agenda change by the signed-in
// user: the fields that differ between before and after (nil before for a
// creation, nil after for a removal). An update that changes nothing is not logged.
func (s *Server) agendaAudit(tx *store.Tx, c *fiber.Ctx, conferenceID int64, action, entity string, id int64, before, after map[string]string) error {
	changes := map[string][2]string{}
	for k, v := range after {
		if before[k] != v {
			changes[k] = [2]string{before[k], v}
		}
	}
	for k, v := range before {
		if _, ok := after[k]; !ok && v != "" {
			changes[k] = [2]string{v, ""}
		}
	}
	if len(changes) == 0 && action == "update" {
		return nil
	}
	u := currentUser(c)
	return tx.Audit(model.AuditEntry{ConferenceID: conferenceID, UserID: u.ID, Actor: u.Email, Action: action,
		Entity: entity, EntityID: id, Changes: changes, CreatedAt: s.now()})
}

// agendaDuplicate turns the store's uniqueness failure into a message
// beside field; any other error is returned for the handler to fail with.
func agendaDuplicate(err error, field, msg string) (model.FieldErrors, error) {
	if errors.Is(err, store.ErrDuplicate) {
		return model.FieldErrors{{Field: field, Message: msg}}, nil
	}
	return nil, err
}

// agendaRecord loads the track, room or speaker named by the path with
// get, answering 404 for an unknown id or another conference's record.
func agendaRecord[T any](s *Server, c *fiber.Ctx, get func(context.Context, int64) (T, error), conferenceOf func(T) int64) (T, error) {
	var zero T
	id, err := pathID(c)
	if err != nil {
		return zero, err
	}
	x, err := get(c.UserContext(), id)
	if err != nil {
		return zero, err
	}
	conf := conference(c)
	if conferenceOf(x) != conf.ID {
		return zero, fiber.ErrNotFound
	}
	return x, nil
}

// sessionsWhere is the current conference and its sessions, drafts
// included, for which keep is true.
func (s *Server) sessionsWhere(c *fiber.Ctx, keep func(model.Session) bool) (model.Conference, []model.Session, error) {
	conf := conference(c)
	sessions, err := s.store.Sessions(c.UserContext(), conf.ID, false)
	if err != nil {
		return conf, nil, err
	}
	var out []model.Session
	for _, m := range sessions {
		if keep(m) {
			out = append(out, m)
		}
	}
	return conf, out, nil
}

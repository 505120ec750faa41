package web

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

// showRooms lists the rooms with how many sessions use each.
func (s *Server) showRooms(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Rooms", "agenda")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	rooms, err := s.store.Rooms(ctx, p.Conference.ID)
	if err != nil {
		return err
	}
	sessions, err := s.store.Sessions(ctx, p.Conference.ID, false)
	if err != nil {
		return err
	}
	uses := map[int64]int{}
	for _, m := range sessions {
		uses[m.RoomID]++
	}
	return render(c, fiber.StatusOK, admin.RoomsListPage(p, admin.RoomsPage{Rooms: rooms, Uses: uses}))
}

func (s *Server) renderRoomForm(c *fiber.Ctx, status int, v admin.RoomFormView) error {
	title := "Add a room"
	if v.ID != 0 {
		title = "Edit the room"
	}
	p, err := s.adminPage(c, title, "agenda")
	if err != nil {
		return err
	}
	return render(c, status, admin.RoomFormPage(p, v))
}

// showNewRoom is the empty room form, placed after the last room.
func (s *Server) showNewRoom(c *fiber.Ctx) error {
	conf := conference(c)
	rooms, err := s.store.Rooms(c.UserContext(), conf.ID)
	if err != nil {
		return err
	}
	return s.renderRoomForm(c, fiber.StatusOK, admin.RoomFormView{Form: agenda.RoomForm{Capacity: "0", Position: strconv.Itoa(len(rooms))}})
}

func roomFormOf(c *fiber.Ctx) agenda.RoomForm {
	return agenda.RoomForm{Name: c.FormValue("name"), Capacity: c.FormValue("capacity"), Position: c.FormValue("position")}
}

func roomAudit(r model.Room) map[string]string {
	return map[string]string{"name": r.Name, "capacity": strconv.Itoa(r.Capacity), "position": strconv.Itoa(r.Position)}
}

const duplicateRoom = "Another room already has this name; rooms need different names to tell them apart on the agenda."

// createRoom adds a room.
func (s *Server) createRoom(c *fiber.Ctx) error {
	conf := conference(c)
	form := roomFormOf(c)
	r, errs := form.Validate()
	if len(errs) == 0 {
		r.ConferenceID = conf.ID
		err := s.store.Update(c.UserContext(), func(tx *store.Tx) error {
			var err error
			if r.ID, err = tx.CreateRoom(r); err != nil {
				return err
			}
			return s.agendaAudit(tx, c, conf.ID, "create", "room", r.ID, nil, roomAudit(r))
		})
		if errs, err = agendaDuplicate(err, "name", duplicateRoom); err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		return s.renderRoomForm(c, fiber.StatusUnprocessableEntity, admin.RoomFormView{Form: form, Errors: errs})
	}
	s.agendaChanged()
	return s.redirectWithFlash(c, "/admin/agenda/rooms", "Room “"+r.Name+"” added.")
}

// agendaRoom is the room named by the path, if it belongs to the current conference.
func (s *Server) agendaRoom(c *fiber.Ctx) (model.Room, error) {
	return agendaRecord(s, c, s.store.Room, func(x model.Room) int64 { return x.ConferenceID })
}

// showEditRoom is the room form filled with the room.
func (s *Server) showEditRoom(c *fiber.Ctx) error {
	r, err := s.agendaRoom(c)
	if err != nil {
		return err
	}
	return s.renderRoomForm(c, fiber.StatusOK, admin.RoomFormView{ID: r.ID, Form: agenda.RoomFormOf(r)})
}

// updateRoom saves the room form.
func (s *Server) updateRoom(c *fiber.Ctx) error {
	old, err := s.agendaRoom(c)
	if err != nil {
		return err
	}
	form := roomFormOf(c)
	r, errs := form.Validate()
	if len(errs) == 0 {
		r.ID, r.ConferenceID = old.ID, old.ConferenceID
		err := s.store.Update(c.UserContext(), func(tx *store.Tx) error {
			before, err := tx.Room(r.ID)
			if err != nil {
				return err
			}
			if err := tx.UpdateRoom(r); err != nil {
				return err
			}
			return s.agendaAudit(tx, c, r.ConferenceID, "update", "room", r.ID, roomAudit(before), roomAudit(r))
		})
		if errs, err = agendaDuplicate(err, "name", duplicateRoom); err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		return s.renderRoomForm(c, fiber.StatusUnprocessableEntity, admin.RoomFormView{ID: old.ID, Form: form, Errors: errs})
	}
	s.agendaChanged()
	return s.redirectWithFlash(c, "/admin/agenda/rooms", "Room “"+r.Name+"” saved.")
}

// roomRemoval is the confirmation page of a room's removal: a refusal
// while sessions use it.
func (s *Server) roomRemoval(c *fiber.Ctx, x model.Room) (admin.AgendaDeleteView, error) {
	conf, using, err := s.sessionsWhere(c, func(m model.Session) bool { return m.RoomID == x.ID })
	return admin.AgendaDeleteView{What: "room", Name: x.Name, Back: "/admin/agenda/rooms",
		Action:   "/admin/agenda/rooms/" + strconv.FormatInt(x.ID, 10) + "/delete",
		Blockers: admin.AgendaDeleteItems(conf, using)}, err
}

// showRemoveRoom asks to confirm a room's removal, or says which sessions stop it.
func (s *Server) showRemoveRoom(c *fiber.Ctx) error {
	r, err := s.agendaRoom(c)
	if err != nil {
		return err
	}
	return s.renderRoomRemoval(c, fiber.StatusOK, r)
}

func (s *Server) renderRoomRemoval(c *fiber.Ctx, status int, r model.Room) error {
	v, err := s.roomRemoval(c, r)
	if err != nil {
		return err
	}
	p, err := s.adminPage(c, "Remove the room", "agenda")
	if err != nil {
		return err
	}
	return render(c, status, admin.AgendaDeletePage(p, v))
}

// removeRoom removes a room that no session uses. One in use is refused
// (409) with the sessions listed, as for tracks: a session that silently
// lost its room would look free of clashes when it is not placed at all.
func (s *Server) removeRoom(c *fiber.Ctx) error {
	r, err := s.agendaRoom(c)
	if err != nil {
		return err
	}
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		if err := tx.RemoveRoom(r.ID); err != nil {
			return err
		}
		return s.agendaAudit(tx, c, r.ConferenceID, "delete", "room", r.ID, roomAudit(r), nil)
	})
	switch {
	case errors.Is(err, store.ErrInUse):
		return s.renderRoomRemoval(c, fiber.StatusConflict, r)
	case err != nil:
		return err
	}
	s.agendaChanged()
	return s.redirectWithFlash(c, "/admin/agenda/rooms", "Room “"+r.Name+"” removed.")
}

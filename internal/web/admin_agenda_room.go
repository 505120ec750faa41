package web

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/paths"
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
	ids := make([]int64, len(rooms))
	for i, r := range rooms {
		ids[i] = r.ID
	}
	missing, err := s.missingTranslations(ctx, p.Conference.ID, i18n.KindRoom, ids, model.TranslatedNames(agenda.RoomTranslated))
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.RoomsListPage(p, admin.RoomsPage{Rooms: rooms, Uses: agenda.UsesOf(sessions).Rooms, Missing: missing}))
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

// roomFormOf reads the room form from the request.
func roomFormOf(c *fiber.Ctx) agenda.RoomForm {
	return agenda.RoomForm{Name: c.FormValue("name"), Capacity: c.FormValue("capacity"), Position: c.FormValue("position"),
		Translations: readTranslations(c, model.TranslatedNames(agenda.RoomTranslated)...)}
}

// createRoom adds a room.
func (s *Server) createRoom(c *fiber.Ctx) error {
	form := roomFormOf(c)
	r, errs, err := s.agendaEditor.CreateRoom(c.UserContext(), conference(c), form, currentUser(c))
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderRoomForm(c, fiber.StatusUnprocessableEntity, admin.RoomFormView{Form: form, Errors: errs})
	}
	return s.redirectWithFlash(c, paths.Rooms, "Room “"+r.Name+"” added.")
}

// showEditRoom is the room form filled with the room.
func (s *Server) showEditRoom(c *fiber.Ctx) error {
	r, err := loadRecord(c, s.store.Room)
	if err != nil {
		return err
	}
	form := agenda.RoomFormOf(r)
	if form.Translations, err = s.store.Translations(c.UserContext(), i18n.KindRoom, r.ID); err != nil {
		return err
	}
	return s.renderRoomForm(c, fiber.StatusOK, admin.RoomFormView{ID: r.ID, Form: form})
}

// updateRoom saves the room form.
func (s *Server) updateRoom(c *fiber.Ctx) error {
	old, err := loadRecord(c, s.store.Room)
	if err != nil {
		return err
	}
	form := roomFormOf(c)
	r, errs, err := s.agendaEditor.UpdateRoom(c.UserContext(), old, form, currentUser(c))
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderRoomForm(c, fiber.StatusUnprocessableEntity, admin.RoomFormView{ID: old.ID, Form: form, Errors: errs})
	}
	return s.redirectWithFlash(c, paths.Rooms, "Room “"+r.Name+"” saved.")
}

// showDeleteRoom asks to confirm a room's deletion, or says which sessions stop it.
func (s *Server) showDeleteRoom(c *fiber.Ctx) error {
	r, err := loadRecord(c, s.store.Room)
	if err != nil {
		return err
	}
	return s.renderRoomDeletion(c, fiber.StatusOK, r)
}

// renderRoomDeletion is the confirmation page of a room's deletion: a
// refusal listing the sessions while any use it.
func (s *Server) renderRoomDeletion(c *fiber.Ctx, status int, r model.Room) error {
	p, err := s.adminPage(c, "Delete the room", "agenda")
	if err != nil {
		return err
	}
	sessions, err := s.store.Sessions(c.UserContext(), p.Conference.ID, false)
	if err != nil {
		return err
	}
	return render(c, status, admin.AgendaDeletePage(p, admin.AgendaDeleteView{What: "room", Name: r.Name,
		Back: paths.Rooms, Action: paths.Delete(paths.Rooms, r.ID),
		Blockers: admin.AgendaDeleteItems(p.Conference, agenda.UsingRoom(sessions, r.ID))}))
}

// deleteRoom deletes a room that no session uses; one in use is refused
// (409) with the sessions listed, as for tracks.
func (s *Server) deleteRoom(c *fiber.Ctx) error {
	r, err := loadRecord(c, s.store.Room)
	if err != nil {
		return err
	}
	switch err := s.agendaEditor.DeleteRoom(c.UserContext(), r, currentUser(c)); {
	case errors.Is(err, agenda.ErrInUse):
		return s.renderRoomDeletion(c, fiber.StatusConflict, r)
	case err != nil:
		return err
	}
	return s.redirectWithFlash(c, paths.Rooms, "Room “"+r.Name+"” deleted.")
}

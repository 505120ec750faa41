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

// showTracks lists the tracks with how many sessions use each.
func (s *Server) showTracks(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Tracks", "agenda")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	tracks, err := s.store.Tracks(ctx, p.Conference.ID)
	if err != nil {
		return err
	}
	sessions, err := s.store.Sessions(ctx, p.Conference.ID, false)
	if err != nil {
		return err
	}
	uses := map[int64]int{}
	for _, m := range sessions {
		uses[m.TrackID]++
	}
	return render(c, fiber.StatusOK, admin.TracksListPage(p, admin.TracksPage{Tracks: tracks, Uses: uses}))
}

func (s *Server) renderTrackForm(c *fiber.Ctx, status int, v admin.TrackFormView) error {
	title := "Add a track"
	if v.ID != 0 {
		title = "Edit the track"
	}
	p, err := s.adminPage(c, title, "agenda")
	if err != nil {
		return err
	}
	return render(c, status, admin.TrackFormPage(p, v))
}

// showNewTrack is the empty track form, placed after the last track.
func (s *Server) showNewTrack(c *fiber.Ctx) error {
	conf := conference(c)
	tracks, err := s.store.Tracks(c.UserContext(), conf.ID)
	if err != nil {
		return err
	}
	return s.renderTrackForm(c, fiber.StatusOK, admin.TrackFormView{Form: agenda.TrackForm{Position: strconv.Itoa(len(tracks))}})
}

func trackFormOf(c *fiber.Ctx) agenda.TrackForm {
	return agenda.TrackForm{Name: c.FormValue("name"), Slug: c.FormValue("slug"), Colour: c.FormValue("colour"),
		Description: c.FormValue("description"), Position: c.FormValue("position")}
}

func trackAudit(t model.Track) map[string]string {
	return map[string]string{"name": t.Name, "slug": t.Slug, "colour": t.Colour, "description": t.Description,
		"position": strconv.Itoa(t.Position)}
}

const duplicateSlug = "Another track already uses this slug; choose another, e.g. with a word added."

// createTrack adds a track.
func (s *Server) createTrack(c *fiber.Ctx) error {
	conf := conference(c)
	form := trackFormOf(c)
	t, errs := form.Validate()
	if len(errs) == 0 {
		t.ConferenceID = conf.ID
		err := s.store.Update(c.UserContext(), func(tx *store.Tx) error {
			var err error
			if t.ID, err = tx.CreateTrack(t); err != nil {
				return err
			}
			return s.agendaAudit(tx, c, conf.ID, "create", "track", t.ID, nil, trackAudit(t))
		})
		if errs, err = agendaDuplicate(err, "slug", duplicateSlug); err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		return s.renderTrackForm(c, fiber.StatusUnprocessableEntity, admin.TrackFormView{Form: form, Errors: errs})
	}
	s.agendaChanged()
	return s.redirectWithFlash(c, "/admin/agenda/tracks", "Track “"+t.Name+"” added.")
}

// agendaTrack is the track named by the path, if it belongs to the current conference.
func (s *Server) agendaTrack(c *fiber.Ctx) (model.Track, error) {
	return agendaRecord(s, c, s.store.Track, func(x model.Track) int64 { return x.ConferenceID })
}

// showEditTrack is the track form filled with the track.
func (s *Server) showEditTrack(c *fiber.Ctx) error {
	t, err := s.agendaTrack(c)
	if err != nil {
		return err
	}
	return s.renderTrackForm(c, fiber.StatusOK, admin.TrackFormView{ID: t.ID, Form: agenda.TrackFormOf(t)})
}

// updateTrack saves the track form.
func (s *Server) updateTrack(c *fiber.Ctx) error {
	old, err := s.agendaTrack(c)
	if err != nil {
		return err
	}
	form := trackFormOf(c)
	t, errs := form.Validate()
	if len(errs) == 0 {
		t.ID, t.ConferenceID = old.ID, old.ConferenceID
		err := s.store.Update(c.UserContext(), func(tx *store.Tx) error {
			before, err := tx.Track(t.ID)
			if err != nil {
				return err
			}
			if err := tx.UpdateTrack(t); err != nil {
				return err
			}
			return s.agendaAudit(tx, c, t.ConferenceID, "update", "track", t.ID, trackAudit(before), trackAudit(t))
		})
		if errs, err = agendaDuplicate(err, "slug", duplicateSlug); err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		return s.renderTrackForm(c, fiber.StatusUnprocessableEntity, admin.TrackFormView{ID: old.ID, Form: form, Errors: errs})
	}
	s.agendaChanged()
	return s.redirectWithFlash(c, "/admin/agenda/tracks", "Track “"+t.Name+"” saved.")
}

// trackRemoval is the confirmation page of a track's removal: a refusal
// while sessions use it.
func (s *Server) trackRemoval(c *fiber.Ctx, x model.Track) (admin.AgendaDeleteView, error) {
	conf, using, err := s.sessionsWhere(c, func(m model.Session) bool { return m.TrackID == x.ID })
	return admin.AgendaDeleteView{What: "track", Name: x.Name, Back: "/admin/agenda/tracks",
		Action:   "/admin/agenda/tracks/" + strconv.FormatInt(x.ID, 10) + "/delete",
		Blockers: admin.AgendaDeleteItems(conf, using)}, err
}

// showRemoveTrack asks to confirm a track's removal, or says which sessions stop it.
func (s *Server) showRemoveTrack(c *fiber.Ctx) error {
	t, err := s.agendaTrack(c)
	if err != nil {
		return err
	}
	return s.renderTrackRemoval(c, fiber.StatusOK, t)
}

func (s *Server) renderTrackRemoval(c *fiber.Ctx, status int, t model.Track) error {
	v, err := s.trackRemoval(c, t)
	if err != nil {
		return err
	}
	p, err := s.adminPage(c, "Remove the track", "agenda")
	if err != nil {
		return err
	}
	return render(c, status, admin.AgendaDeletePage(p, v))
}

// removeTrack removes a track that no session uses. One in use is refused
// (409) with the sessions listed: quietly leaving them without a track
// would change the public agenda's colours and filters behind the
// organiser's back.
func (s *Server) removeTrack(c *fiber.Ctx) error {
	t, err := s.agendaTrack(c)
	if err != nil {
		return err
	}
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		if err := tx.RemoveTrack(t.ID); err != nil {
			return err
		}
		return s.agendaAudit(tx, c, t.ConferenceID, "delete", "track", t.ID, trackAudit(t), nil)
	})
	switch {
	case errors.Is(err, store.ErrInUse):
		return s.renderTrackRemoval(c, fiber.StatusConflict, t)
	case err != nil:
		return err
	}
	s.agendaChanged()
	return s.redirectWithFlash(c, "/admin/agenda/tracks", "Track “"+t.Name+"” removed.")
}

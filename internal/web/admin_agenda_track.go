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
	ids := make([]int64, len(tracks))
	for i, t := range tracks {
		ids[i] = t.ID
	}
	missing, err := s.missingTranslations(ctx, p.Conference.ID, i18n.KindTrack, ids, model.TranslatedNames(agenda.TrackTranslated))
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.TracksListPage(p, admin.TracksPage{Tracks: tracks, Uses: agenda.UsesOf(sessions).Tracks, Missing: missing}))
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

// trackFormOf reads the track form from the request.
func trackFormOf(c *fiber.Ctx) agenda.TrackForm {
	return agenda.TrackForm{Name: c.FormValue("name"), Slug: c.FormValue("slug"), Colour: c.FormValue("colour"),
		Description: c.FormValue("description"), Position: c.FormValue("position"),
		Translations: readTranslations(c, model.TranslatedNames(agenda.TrackTranslated)...)}
}

// createTrack adds a track.
func (s *Server) createTrack(c *fiber.Ctx) error {
	form := trackFormOf(c)
	t, errs, err := s.agendaEditor.CreateTrack(c.UserContext(), conference(c), form, currentUser(c))
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderTrackForm(c, fiber.StatusUnprocessableEntity, admin.TrackFormView{Form: form, Errors: errs})
	}
	return s.redirectWithFlash(c, paths.Tracks, "Track “"+t.Name+"” added.")
}

// showEditTrack is the track form filled with the track.
func (s *Server) showEditTrack(c *fiber.Ctx) error {
	t, err := loadRecord(c, s.store.Track)
	if err != nil {
		return err
	}
	form := agenda.TrackFormOf(t)
	if form.Translations, err = s.store.Translations(c.UserContext(), i18n.KindTrack, t.ID); err != nil {
		return err
	}
	return s.renderTrackForm(c, fiber.StatusOK, admin.TrackFormView{ID: t.ID, Form: form})
}

// updateTrack saves the track form.
func (s *Server) updateTrack(c *fiber.Ctx) error {
	old, err := loadRecord(c, s.store.Track)
	if err != nil {
		return err
	}
	form := trackFormOf(c)
	t, errs, err := s.agendaEditor.UpdateTrack(c.UserContext(), old, form, currentUser(c))
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderTrackForm(c, fiber.StatusUnprocessableEntity, admin.TrackFormView{ID: old.ID, Form: form, Errors: errs})
	}
	return s.redirectWithFlash(c, paths.Tracks, "Track “"+t.Name+"” saved.")
}

// showDeleteTrack asks to confirm a track's deletion, or says which sessions stop it.
func (s *Server) showDeleteTrack(c *fiber.Ctx) error {
	t, err := loadRecord(c, s.store.Track)
	if err != nil {
		return err
	}
	return s.renderTrackDeletion(c, fiber.StatusOK, t)
}

// renderTrackDeletion is the confirmation page of a track's deletion: a
// refusal listing the sessions while any use it.
func (s *Server) renderTrackDeletion(c *fiber.Ctx, status int, t model.Track) error {
	p, err := s.adminPage(c, "Delete the track", "agenda")
	if err != nil {
		return err
	}
	sessions, err := s.store.Sessions(c.UserContext(), p.Conference.ID, false)
	if err != nil {
		return err
	}
	return render(c, status, admin.AgendaDeletePage(p, admin.AgendaDeleteView{What: "track", Name: t.Name,
		Back: paths.Tracks, Action: paths.Delete(paths.Tracks, t.ID),
		Blockers: admin.AgendaDeleteItems(p.Conference, agenda.UsingTrack(sessions, t.ID))}))
}

// deleteTrack deletes a track that no session uses; one in use is refused
// (409) with the sessions listed.
func (s *Server) deleteTrack(c *fiber.Ctx) error {
	t, err := loadRecord(c, s.store.Track)
	if err != nil {
		return err
	}
	switch err := s.agendaEditor.DeleteTrack(c.UserContext(), t, currentUser(c)); {
	case errors.Is(err, agenda.ErrInUse):
		return s.renderTrackDeletion(c, fiber.StatusConflict, t)
	case err != nil:
		return err
	}
	return s.redirectWithFlash(c, paths.Tracks, "Track “"+t.Name+"” deleted.")
}

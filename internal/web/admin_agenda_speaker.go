package web

import (
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/paths"
	"confdesk/views/admin"
)

// showSpeakers lists the speakers by name with how many sessions each is in.
func (s *Server) showSpeakers(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Speakers", "agenda")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	speakers, err := s.store.Speakers(ctx, p.Conference.ID)
	if err != nil {
		return err
	}
	sessions, err := s.store.Sessions(ctx, p.Conference.ID, false)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.SpeakersListPage(p, admin.SpeakersPage{Speakers: speakers, Uses: agenda.UsesOf(sessions).Speakers}))
}

func (s *Server) renderSpeakerForm(c *fiber.Ctx, status int, v admin.SpeakerFormView) error {
	title := "Add a speaker"
	if v.ID != 0 {
		title = "Edit the speaker"
	}
	p, err := s.adminPage(c, title, "agenda")
	if err != nil {
		return err
	}
	return render(c, status, admin.SpeakerFormPage(p, v))
}

// showNewSpeaker is the empty speaker form.
func (s *Server) showNewSpeaker(c *fiber.Ctx) error {
	return s.renderSpeakerForm(c, fiber.StatusOK, admin.SpeakerFormView{})
}

// speakerFormOf reads the speaker form from the request.
func speakerFormOf(c *fiber.Ctx) agenda.SpeakerForm {
	return agenda.SpeakerForm{Name: c.FormValue("name"), Title: c.FormValue("title"),
		Organisation: c.FormValue("organisation"), Country: c.FormValue("country"), Bio: c.FormValue("bio")}
}

// createSpeaker adds a speaker.
func (s *Server) createSpeaker(c *fiber.Ctx) error {
	form := speakerFormOf(c)
	sp, errs, err := s.agendaEditor.CreateSpeaker(c.UserContext(), conference(c), form, currentUser(c))
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderSpeakerForm(c, fiber.StatusUnprocessableEntity, admin.SpeakerFormView{Form: form, Errors: errs})
	}
	return s.redirectWithFlash(c, paths.Speakers, "Speaker “"+sp.Name+"” added.")
}

// showEditSpeaker is the speaker form filled with the speaker.
func (s *Server) showEditSpeaker(c *fiber.Ctx) error {
	sp, err := loadRecord(c, s.store.Speaker)
	if err != nil {
		return err
	}
	return s.renderSpeakerForm(c, fiber.StatusOK, admin.SpeakerFormView{ID: sp.ID, Form: agenda.SpeakerFormOf(sp)})
}

// updateSpeaker saves the speaker form.
func (s *Server) updateSpeaker(c *fiber.Ctx) error {
	old, err := loadRecord(c, s.store.Speaker)
	if err != nil {
		return err
	}
	form := speakerFormOf(c)
	sp, errs, err := s.agendaEditor.UpdateSpeaker(c.UserContext(), old, form, currentUser(c))
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderSpeakerForm(c, fiber.StatusUnprocessableEntity, admin.SpeakerFormView{ID: old.ID, Form: form, Errors: errs})
	}
	return s.redirectWithFlash(c, paths.Speakers, "Speaker “"+sp.Name+"” saved.")
}

// showDeleteSpeaker asks to confirm a speaker's deletion, listing the
// sessions they will be taken off.
func (s *Server) showDeleteSpeaker(c *fiber.Ctx) error {
	sp, err := loadRecord(c, s.store.Speaker)
	if err != nil {
		return err
	}
	p, err := s.adminPage(c, "Delete the speaker", "agenda")
	if err != nil {
		return err
	}
	sessions, err := s.store.Sessions(c.UserContext(), p.Conference.ID, false)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.AgendaDeletePage(p, admin.AgendaDeleteView{What: "speaker", Name: sp.Name,
		Back: paths.Speakers, Action: paths.Delete(paths.Speakers, sp.ID),
		Affected: admin.AgendaDeleteItems(p.Conference, agenda.WithSpeaker(sessions, sp.ID))}))
}

// deleteSpeaker deletes a speaker and takes them off their sessions, which
// stay on the agenda.
func (s *Server) deleteSpeaker(c *fiber.Ctx) error {
	sp, err := loadRecord(c, s.store.Speaker)
	if err != nil {
		return err
	}
	if err := s.agendaEditor.DeleteSpeaker(c.UserContext(), sp, currentUser(c)); err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.Speakers, "Speaker “"+sp.Name+"” deleted.")
}

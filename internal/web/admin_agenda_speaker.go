package web

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/model"
	"confdesk/internal/store"
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
	uses := map[int64]int{}
	for _, m := range sessions {
		for _, sp := range m.Speakers {
			uses[sp.ID]++
		}
	}
	return render(c, fiber.StatusOK, admin.SpeakersListPage(p, admin.SpeakersPage{Speakers: speakers, Uses: uses}))
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

func speakerFormOf(c *fiber.Ctx) agenda.SpeakerForm {
	return agenda.SpeakerForm{Name: c.FormValue("name"), Title: c.FormValue("title"),
		Organisation: c.FormValue("organisation"), Country: c.FormValue("country"), Bio: c.FormValue("bio")}
}

func speakerAudit(p model.Speaker) map[string]string {
	return map[string]string{"name": p.Name, "title": p.Title, "organisation": p.Organisation, "country": p.Country, "bio": p.Bio}
}

// createSpeaker adds a speaker.
func (s *Server) createSpeaker(c *fiber.Ctx) error {
	conf := conference(c)
	form := speakerFormOf(c)
	sp, errs := form.Validate()
	if len(errs) > 0 {
		return s.renderSpeakerForm(c, fiber.StatusUnprocessableEntity, admin.SpeakerFormView{Form: form, Errors: errs})
	}
	sp.ConferenceID = conf.ID
	err := s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		var err error
		if sp.ID, err = tx.CreateSpeaker(sp); err != nil {
			return err
		}
		return s.agendaAudit(tx, c, conf.ID, "create", "speaker", sp.ID, nil, speakerAudit(sp))
	})
	if err != nil {
		return err
	}
	s.agendaChanged()
	return s.redirectWithFlash(c, "/admin/agenda/speakers", "Speaker “"+sp.Name+"” added.")
}

// agendaSpeaker is the speaker named by the path, if they belong to the current conference.
func (s *Server) agendaSpeaker(c *fiber.Ctx) (model.Speaker, error) {
	return agendaRecord(s, c, s.store.Speaker, func(x model.Speaker) int64 { return x.ConferenceID })
}

// showEditSpeaker is the speaker form filled with the speaker.
func (s *Server) showEditSpeaker(c *fiber.Ctx) error {
	sp, err := s.agendaSpeaker(c)
	if err != nil {
		return err
	}
	return s.renderSpeakerForm(c, fiber.StatusOK, admin.SpeakerFormView{ID: sp.ID, Form: agenda.SpeakerFormOf(sp)})
}

// updateSpeaker saves the speaker form.
func (s *Server) updateSpeaker(c *fiber.Ctx) error {
	old, err := s.agendaSpeaker(c)
	if err != nil {
		return err
	}
	form := speakerFormOf(c)
	sp, errs := form.Validate()
	if len(errs) > 0 {
		return s.renderSpeakerForm(c, fiber.StatusUnprocessableEntity, admin.SpeakerFormView{ID: old.ID, Form: form, Errors: errs})
	}
	sp.ID, sp.ConferenceID = old.ID, old.ConferenceID
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		before, err := tx.Speaker(sp.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdateSpeaker(sp); err != nil {
			return err
		}
		return s.agendaAudit(tx, c, sp.ConferenceID, "update", "speaker", sp.ID, speakerAudit(before), speakerAudit(sp))
	})
	if err != nil {
		return err
	}
	s.agendaChanged()
	return s.redirectWithFlash(c, "/admin/agenda/speakers", "Speaker “"+sp.Name+"” saved.")
}

// speakerSessions are the sessions a speaker takes part in.
func (s *Server) speakerSessions(c *fiber.Ctx, sp model.Speaker) (model.Conference, []model.Session, error) {
	return s.sessionsWhere(c, func(m model.Session) bool {
		return slices.ContainsFunc(m.Speakers, func(x model.SessionSpeaker) bool { return x.ID == sp.ID })
	})
}

// showRemoveSpeaker asks to confirm a speaker's removal, listing the
// sessions they will be taken off.
func (s *Server) showRemoveSpeaker(c *fiber.Ctx) error {
	sp, err := s.agendaSpeaker(c)
	if err != nil {
		return err
	}
	conf, in, err := s.speakerSessions(c, sp)
	if err != nil {
		return err
	}
	p, err := s.adminPage(c, "Remove the speaker", "agenda")
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.AgendaDeletePage(p, admin.AgendaDeleteView{What: "speaker", Name: sp.Name,
		Back: "/admin/agenda/speakers", Action: "/admin/agenda/speakers/" + strconv.FormatInt(sp.ID, 10) + "/delete",
		Affected: admin.AgendaDeleteItems(conf, in)}))
}

// removeSpeaker removes a speaker and takes them off their sessions, which
// stay on the agenda; the audit line names those sessions.
func (s *Server) removeSpeaker(c *fiber.Ctx) error {
	sp, err := s.agendaSpeaker(c)
	if err != nil {
		return err
	}
	_, in, err := s.speakerSessions(c, sp)
	if err != nil {
		return err
	}
	before := speakerAudit(sp)
	var titles []string
	for _, m := range in {
		titles = append(titles, m.Title)
	}
	before["sessions"] = strings.Join(titles, "; ")
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		if err := tx.RemoveSpeaker(sp.ID); err != nil {
			return err
		}
		return s.agendaAudit(tx, c, sp.ConferenceID, "delete", "speaker", sp.ID, before, nil)
	})
	if err != nil {
		return err
	}
	s.agendaChanged()
	return s.redirectWithFlash(c, "/admin/agenda/speakers", "Speaker “"+sp.Name+"” removed.")
}

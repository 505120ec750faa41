package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/views/admin"
)

// maxSpeakerRows bounds the speaker lines read from a session form.
const maxSpeakerRows = 100

// renderSessionForm is the session form with the tracks, rooms, speakers
// and days it chooses from.
func (s *Server) renderSessionForm(c *fiber.Ctx, status int, conf model.Conference, v admin.SessionFormView) error {
	title := "Add a session"
	if v.ID != 0 {
		title = "Edit the session"
	}
	p, err := s.adminPage(c, title, "agenda")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	if v.Tracks, err = s.store.Tracks(ctx, conf.ID); err != nil {
		return err
	}
	if v.Rooms, err = s.store.Rooms(ctx, conf.ID); err != nil {
		return err
	}
	if v.Speakers, err = s.store.Speakers(ctx, conf.ID); err != nil {
		return err
	}
	v.Days = conf.Days()
	if v.ID != 0 && v.Documents.Form.Language == "" {
		// An existing session's documents, unless a refused attachment filled them.
		m := model.Session{ID: v.ID, ConferenceID: conf.ID}
		if v.Documents, err = s.sessionDocumentsView(c, m); err != nil {
			return err
		}
	}
	return render(c, status, admin.SessionFormPage(p, v))
}

// showNewSession is the empty session form, on the first conference day.
func (s *Server) showNewSession(c *fiber.Ctx) error {
	conf := conference(c)
	form := agenda.SessionForm{Day: conf.StartDate}
	return s.renderSessionForm(c, fiber.StatusOK, conf, admin.SessionFormView{Form: form})
}

// sessionFormOf reads the session form from the request.
func sessionFormOf(c *fiber.Ctx) agenda.SessionForm {
	f := agenda.SessionForm{Title: c.FormValue("title"), Description: c.FormValue("description"),
		TrackID: c.FormValue("track_id"), Kind: c.FormValue("kind"), RoomID: c.FormValue(agenda.FieldRoom),
		Day: c.FormValue(agenda.FieldDay), Start: c.FormValue(agenda.FieldStart), End: c.FormValue(agenda.FieldEnd),
		Capacity: c.FormValue(agenda.FieldCapacity), Published: c.FormValue("published") != "",
		Translations: readTranslations(c, model.TranslatedNames(agenda.SessionTranslated)...)}
	// Lines left empty are dropped, so the form comes back with the people first.
	for i := range maxSpeakerRows {
		if id := c.FormValue(agenda.SpeakerField(i)); strings.TrimSpace(id) != "" {
			f.Speakers = append(f.Speakers, agenda.SpeakerRow{SpeakerID: id, Role: c.FormValue(agenda.RoleField(i))})
		}
	}
	return f
}

// createSession adds a session.
func (s *Server) createSession(c *fiber.Ctx) error {
	return s.saveSession(c, model.Session{})
}

// updateSession saves the session form over the session in the path.
func (s *Server) updateSession(c *fiber.Ctx) error {
	old, err := loadRecord(c, s.store.Session)
	if err != nil {
		return err
	}
	return s.saveSession(c, old)
}

// saveSession saves the session form over old (zero when adding). A
// blocking problem shows the form again; warnings do not block: the
// organiser lands on the session's form, which shows them beside their
// fields.
func (s *Server) saveSession(c *fiber.Ctx, old model.Session) error {
	conf := conference(c)
	form := sessionFormOf(c)
	saved, err := s.agendaEditor.SaveSession(c.UserContext(), conf, old, form, currentUser(c))
	if err != nil {
		return err
	}
	if len(saved.Errors) > 0 {
		return s.renderSessionForm(c, fiber.StatusUnprocessableEntity, conf,
			admin.SessionFormView{ID: old.ID, Form: form, Errors: saved.Errors, Warnings: saved.Warnings})
	}
	m := saved.Session
	if len(saved.Warnings) > 0 {
		return s.redirectWithFlash(c, paths.Edit(paths.AgendaSessions, m.ID),
			"Session “"+m.Title+"” saved — please check the warning below.")
	}
	return s.redirectWithFlash(c, paths.Agenda+"#session-"+strconv.FormatInt(m.ID, 10), "Session “"+m.Title+"” saved.")
}

// showEditSession is the session form filled with the session, with the
// problems it has in the agenda as it stands (a clash that reached the
// data another way, a warning accepted on saving) beside their fields.
func (s *Server) showEditSession(c *fiber.Ctx) error {
	m, err := loadRecord(c, s.store.Session)
	if err != nil {
		return err
	}
	conf := conference(c)
	v, err := s.sessionFormView(c, conf, m)
	if err != nil {
		return err
	}
	return s.renderSessionForm(c, fiber.StatusOK, conf, v)
}

// sessionFormView is the saved session m's form, with its problems.
func (s *Server) sessionFormView(c *fiber.Ctx, conf model.Conference, m model.Session) (admin.SessionFormView, error) {
	v := admin.SessionFormView{ID: m.ID, Form: agenda.SessionFormOf(m, conf.Location())}
	var err error
	if v.Form.Translations, err = s.store.Translations(c.UserContext(), i18n.KindSession, m.ID); err != nil {
		return v, err
	}
	if v.Errors, v.Warnings, err = s.agendaEditor.SessionProblems(c.UserContext(), conf, m, v.Form); err != nil {
		return v, err
	}
	return v, nil
}

// showDeleteSession asks to confirm a session's deletion.
func (s *Server) showDeleteSession(c *fiber.Ctx) error {
	m, err := loadRecord(c, s.store.Session)
	if err != nil {
		return err
	}
	p, err := s.adminPage(c, "Delete the session", "agenda")
	if err != nil {
		return err
	}
	signups, err := s.store.SessionSignups(c.UserContext(), m.ID)
	if err != nil {
		return err
	}
	v := admin.AgendaDeleteView{What: "session", Name: m.Title, Back: paths.Edit(paths.AgendaSessions, m.ID),
		Action: paths.Delete(paths.AgendaSessions, m.ID)}
	if m.Published {
		v.Note = "The session is published: it disappears from the public agenda at once."
	}
	switch {
	case signups == 1:
		v.Note = strings.TrimSpace(v.Note + " One participant signed up for it; the sign-up is deleted too.")
	case signups > 1:
		v.Note = strings.TrimSpace(v.Note + " " + strconv.Itoa(signups) + " participants signed up for it; their sign-ups are deleted too.")
	}
	return render(c, fiber.StatusOK, admin.AgendaDeletePage(p, v))
}

// deleteSession deletes a session with its speakers' parts and sign-ups.
func (s *Server) deleteSession(c *fiber.Ctx) error {
	m, err := loadRecord(c, s.store.Session)
	if err != nil {
		return err
	}
	// The session's documents go with it (the database deletes their
	// rows); their files are removed once the deletion committed.
	docs, err := s.store.SessionDocuments(c.UserContext(), m.ConferenceID, false)
	if err != nil {
		return err
	}
	if err := s.agendaEditor.DeleteSession(c.UserContext(), conference(c), m, currentUser(c)); err != nil {
		return err
	}
	s.sessionDocs.RemoveFiles(docs[m.ID])
	return s.redirectWithFlash(c, paths.Agenda, "Session “"+m.Title+"” deleted.")
}

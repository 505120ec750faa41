package web

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

// maxSpeakerRows bounds the speaker lines read from a session form.
const maxSpeakerRows = 100

// errClash stops a session's save when agenda.Check finds a blocking
// problem; the transaction rolls back and the form shows the problems.
var errClash = errors.New("web: session clashes")

// agendaLists are what the session form chooses from.
type agendaLists struct {
	tracks   []model.Track
	rooms    []model.Room
	speakers []model.Speaker
}

func (s *Server) loadAgendaLists(ctx context.Context, conferenceID int64) (agendaLists, error) {
	var l agendaLists
	var err error
	if l.tracks, err = s.store.Tracks(ctx, conferenceID); err != nil {
		return l, err
	}
	if l.rooms, err = s.store.Rooms(ctx, conferenceID); err != nil {
		return l, err
	}
	l.speakers, err = s.store.Speakers(ctx, conferenceID)
	return l, err
}

func (s *Server) renderSessionForm(c *fiber.Ctx, status int, conf model.Conference, v admin.SessionFormView) error {
	title := "Add a session"
	if v.ID != 0 {
		title = "Edit the session"
	}
	p, err := s.adminPage(c, title, "agenda")
	if err != nil {
		return err
	}
	lists, err := s.loadAgendaLists(c.UserContext(), conf.ID)
	if err != nil {
		return err
	}
	v.Tracks, v.Rooms, v.Speakers, v.Days = lists.tracks, lists.rooms, lists.speakers, conf.Days()
	return render(c, status, admin.SessionFormPage(p, v))
}

// showNewSession is the empty session form, on the first conference day.
func (s *Server) showNewSession(c *fiber.Ctx) error {
	conf := conference(c)
	form := agenda.SessionForm{Day: conf.StartDate}
	return s.renderSessionForm(c, fiber.StatusOK, conf, admin.SessionFormView{Form: form})
}

func sessionFormOf(c *fiber.Ctx) agenda.SessionForm {
	f := agenda.SessionForm{Title: c.FormValue("title"), Description: c.FormValue("description"),
		TrackID: c.FormValue("track_id"), Kind: c.FormValue("kind"), RoomID: c.FormValue(agenda.FieldRoom),
		Day: c.FormValue(agenda.FieldDay), Start: c.FormValue(agenda.FieldStart), End: c.FormValue(agenda.FieldEnd),
		Capacity: c.FormValue(agenda.FieldCapacity), Published: c.FormValue("published") != ""}
	// Lines left empty are dropped, so the form comes back with the people first.
	for i := range maxSpeakerRows {
		if id := c.FormValue(agenda.SpeakerField(i)); strings.TrimSpace(id) != "" {
			f.Speakers = append(f.Speakers, agenda.SpeakerRow{SpeakerID: id, Role: c.FormValue(agenda.RoleField(i))})
		}
	}
	return f
}

// sessionAudit is what the audit log records of a session, times in the conference's zone.
func sessionAudit(m model.Session, loc *time.Location) map[string]string {
	out := map[string]string{"title": m.Title, "description": m.Description, "kind": m.Kind,
		"starts_at": m.StartsAt.In(loc).Format("2006-01-02 15:04 MST"), "ends_at": m.EndsAt.In(loc).Format("2006-01-02 15:04 MST"),
		"capacity": strconv.Itoa(m.Capacity), "published": strconv.FormatBool(m.Published)}
	if m.Track != nil {
		out["track"] = m.Track.Name
	}
	if m.Room != nil {
		out["room"] = m.Room.Name
	}
	var people []string
	for _, sp := range m.Speakers {
		people = append(people, sp.Name+" ("+sp.Role+")")
	}
	out["speakers"] = strings.Join(people, "; ")
	return out
}

// createSession adds a session.
func (s *Server) createSession(c *fiber.Ctx) error {
	return s.saveSession(c, model.Session{})
}

// updateSession saves the session form over the session in the path.
func (s *Server) updateSession(c *fiber.Ctx) error {
	old, err := s.agendaSession(c)
	if err != nil {
		return err
	}
	return s.saveSession(c, old)
}

// saveSession validates the form, checks it against the whole draft agenda
// inside the write transaction, and saves it unless a problem blocks it.
// Warnings do not block: the organiser lands on the session's form, which
// shows them beside their fields. old is the stored session, zero when adding.
func (s *Server) saveSession(c *fiber.Ctx, old model.Session) error {
	ctx := c.UserContext()
	conf := conference(c)
	lists, err := s.loadAgendaLists(ctx, conf.ID)
	if err != nil {
		return err
	}
	form := sessionFormOf(c)
	m, errs := form.Validate(conf, lists.tracks, lists.rooms, lists.speakers)
	var warnings model.FieldErrors
	if len(errs) == 0 {
		now := s.now()
		m.ID, m.CreatedAt, m.UpdatedAt = old.ID, now, now
		err = s.store.Update(ctx, func(tx *store.Tx) error {
			others, err := tx.Sessions(conf.ID, false)
			if err != nil {
				return err
			}
			rooms, err := tx.Rooms(conf.ID)
			if err != nil {
				return err
			}
			for _, p := range agenda.Check(m, others, roomsByID(rooms), conf) {
				fe := model.FieldError{Field: form.FieldOf(p), Message: p.Message}
				if p.Blocking {
					errs = append(errs, fe)
				} else {
					warnings = append(warnings, fe)
				}
			}
			if len(errs) > 0 {
				return errClash
			}
			if old.ID == 0 {
				if m.ID, err = tx.CreateSession(m); err != nil {
					return err
				}
				return s.agendaAudit(tx, c, conf.ID, "create", "session", m.ID, nil, sessionAudit(m, conf.Location()))
			}
			before, err := tx.Session(m.ID)
			if err != nil {
				return err
			}
			if err := tx.UpdateSession(m); err != nil {
				return err
			}
			return s.agendaAudit(tx, c, conf.ID, "update", "session", m.ID,
				sessionAudit(before, conf.Location()), sessionAudit(m, conf.Location()))
		})
		switch {
		case errors.Is(err, errClash):
		case err != nil:
			return err
		}
	}
	if len(errs) > 0 {
		return s.renderSessionForm(c, fiber.StatusUnprocessableEntity, conf,
			admin.SessionFormView{ID: old.ID, Form: form, Errors: errs, Warnings: warnings})
	}
	s.agendaChanged()
	id := strconv.FormatInt(m.ID, 10)
	if len(warnings) > 0 {
		return s.redirectWithFlash(c, "/admin/agenda/sessions/"+id+"/edit",
			"Session “"+m.Title+"” saved — please check the warning below.")
	}
	return s.redirectWithFlash(c, "/admin/agenda#session-"+id, "Session “"+m.Title+"” saved.")
}

// agendaSession is the session named by the path, if it belongs to the current conference.
func (s *Server) agendaSession(c *fiber.Ctx) (model.Session, error) {
	id, err := pathID(c)
	if err != nil {
		return model.Session{}, err
	}
	m, err := s.store.Session(c.UserContext(), id)
	if err != nil {
		return m, err
	}
	conf := conference(c)
	if m.ConferenceID != conf.ID {
		return m, fiber.ErrNotFound
	}
	return m, nil
}

// showEditSession is the session form filled with the session, with the
// problems it has in the agenda as it stands (a clash that reached the
// data another way, a warning accepted on saving) beside their fields.
func (s *Server) showEditSession(c *fiber.Ctx) error {
	m, err := s.agendaSession(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	conf := conference(c)
	others, err := s.store.Sessions(ctx, conf.ID, false)
	if err != nil {
		return err
	}
	rooms, err := s.store.Rooms(ctx, conf.ID)
	if err != nil {
		return err
	}
	v := admin.SessionFormView{ID: m.ID, Form: agenda.SessionFormOf(m, conf.Location())}
	for _, p := range agenda.Check(m, others, roomsByID(rooms), conf) {
		fe := model.FieldError{Field: v.Form.FieldOf(p), Message: p.Message}
		if p.Blocking {
			v.Errors = append(v.Errors, fe)
		} else {
			v.Warnings = append(v.Warnings, fe)
		}
	}
	return s.renderSessionForm(c, fiber.StatusOK, conf, v)
}

// showRemoveSession asks to confirm a session's removal.
func (s *Server) showRemoveSession(c *fiber.Ctx) error {
	m, err := s.agendaSession(c)
	if err != nil {
		return err
	}
	p, err := s.adminPage(c, "Remove the session", "agenda")
	if err != nil {
		return err
	}
	signups, err := s.store.SessionSignups(c.UserContext(), m.ID)
	if err != nil {
		return err
	}
	v := admin.AgendaDeleteView{What: "session", Name: m.Title, Back: "/admin/agenda/sessions/" + strconv.FormatInt(m.ID, 10) + "/edit",
		Action: "/admin/agenda/sessions/" + strconv.FormatInt(m.ID, 10) + "/delete"}
	if m.Published {
		v.Note = "The session is published: it disappears from the public agenda at once."
	}
	switch {
	case signups == 1:
		v.Note = strings.TrimSpace(v.Note + " One participant signed up for it; the sign-up is removed too.")
	case signups > 1:
		v.Note = strings.TrimSpace(v.Note + " " + strconv.Itoa(signups) + " participants signed up for it; their sign-ups are removed too.")
	}
	return render(c, fiber.StatusOK, admin.AgendaDeletePage(p, v))
}

// removeSession removes a session with its speakers' parts and sign-ups.
func (s *Server) removeSession(c *fiber.Ctx) error {
	m, err := s.agendaSession(c)
	if err != nil {
		return err
	}
	conf := conference(c)
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		if err := tx.RemoveSession(m.ID); err != nil {
			return err
		}
		return s.agendaAudit(tx, c, conf.ID, "delete", "session", m.ID, sessionAudit(m, conf.Location()), nil)
	})
	if err != nil {
		return err
	}
	s.agendaChanged()
	return s.redirectWithFlash(c, "/admin/agenda", "Session “"+m.Title+"” removed.")
}

package web

import (
	"context"
	"errors"
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/views/public"
)

// errAgendaNotOpen answers a personal-agenda request of a registration that
// is not confirmed, in the reader's language.
func errAgendaNotOpen(ctx context.Context) error {
	return fiber.NewError(fiber.StatusConflict, i18n.T(ctx, "agenda.personal.not_open"))
}

// pickable reports whether a participant can sign up for a session: every
// published one but breaks, which everyone attends.
func pickable(s model.Session) bool { return s.Kind != model.KindBreak }

// chosenSessions returns the published sessions r signed up for, in time
// order. A session unpublished after the sign-up drops out of view (and
// comes back if it is published again).
func (s *Server) chosenSessions(ctx context.Context, p agenda.Programme, r model.Registration) ([]model.Session, error) {
	ids, err := s.store.SignedUpSessions(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	return sessionsIn(p, ids), nil
}

// sessionsIn is the programme's published sessions whose ids are in ids, in time order.
func sessionsIn(p agenda.Programme, ids []int64) []model.Session {
	var out []model.Session
	for _, sess := range p.Sessions {
		if slices.Contains(ids, sess.ID) {
			out = append(out, sess)
		}
	}
	return out
}

// registrationAgenda fills the self-service page's "Your agenda".
func (s *Server) registrationAgenda(ctx context.Context, r model.Registration) (bool, []model.Session, error) {
	if r.Status != model.StatusConfirmed {
		return false, nil, nil
	}
	p, err := s.programme(ctx)
	if err != nil {
		return false, nil, err
	}
	chosen, err := s.chosenSessions(ctx, p, r)
	return true, chosen, err
}

// lostSessions are the published sessions r lost on becoming confirmed
// again (registration.Service.LostSessions), in time order.
func (s *Server) lostSessions(ctx context.Context, r model.Registration) ([]model.Session, error) {
	ids, err := s.reg.LostSessions(ctx, r.ID)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	p, err := s.programme(ctx)
	if err != nil {
		return nil, err
	}
	return sessionsIn(p, ids), nil
}

// personalAgenda is what the picker starts from: the published programme
// and the sessions the participant holds now. Only a confirmed
// participant has one.
func (s *Server) personalAgenda(c *fiber.Ctx) (agenda.Programme, []int64, error) {
	r := currentRegistration(c)
	if r.Status != model.StatusConfirmed {
		return agenda.Programme{}, nil, errAgendaNotOpen(c.UserContext())
	}
	p, err := s.programme(c.UserContext())
	if err != nil {
		return p, nil, err
	}
	held, err := s.store.SignedUpSessions(c.UserContext(), r.ID)
	return p, held, err
}

// showPersonalAgenda is the session picker of a confirmed participant.
func (s *Server) showPersonalAgenda(c *fiber.Ctx) error {
	p, held, err := s.personalAgenda(c)
	if err != nil {
		return err
	}
	return s.renderPersonalAgenda(c, fiber.StatusOK, p, held, held, nil, "")
}

// retryPersonalAgenda shows the picker again after its token failed
// (guardForm), with the sessions as they were ticked.
func (s *Server) retryPersonalAgenda(c *fiber.Ctx, notice string) error {
	p, held, err := s.personalAgenda(c)
	if err != nil {
		return err
	}
	chosen, _ := postedSessions(c, pickableByID(p))
	return s.renderPersonalAgenda(c, fiber.StatusUnprocessableEntity, p, held, chosen, nil, notice)
}

// pickableByID is the programme's sessions a participant can sign up for, by id.
func pickableByID(p agenda.Programme) map[int64]model.Session {
	byID := map[int64]model.Session{}
	for _, sess := range p.Sessions {
		if pickable(sess) {
			byID[sess.ID] = sess
		}
	}
	return byID
}

// postedSessions reads the ticked sessions of the picker, each once;
// gone reports a value that is not a session of byID (unpublished since
// the page was drawn, or made up).
func postedSessions(c *fiber.Ctx, byID map[int64]model.Session) (chosen []int64, gone bool) {
	for _, raw := range c.Request().PostArgs().PeekMulti("session") {
		id, err := strconv.ParseInt(string(raw), 10, 64)
		if _, ok := byID[id]; err != nil || !ok {
			gone = true
			continue
		}
		if !slices.Contains(chosen, id) {
			chosen = append(chosen, id)
		}
	}
	return chosen, gone
}

// renderPersonalAgenda draws the picker with chosen ticked; held are the
// sessions the participant has a place in now.
func (s *Server) renderPersonalAgenda(c *fiber.Ctx, status int, p agenda.Programme, held, chosen []int64, errs model.FieldErrors, notice string) error {
	counts, err := s.store.SignupCounts(c.UserContext(), p.Conference.ID)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	page := page(c, i18n.T(ctx, "agenda.personal.title"), "register")
	if len(errs) > 0 {
		page.Title = i18n.T(ctx, "agenda.personal.title_errors")
	}
	v := public.PersonalAgendaView{Base: registrationBase(c), Errors: errs, Notice: notice}
	for _, d := range p.Days() {
		pd := public.PickDay{Day: d}
		for _, sess := range d.Sessions {
			if !pickable(sess) {
				continue
			}
			o := public.PickOption{Session: sess, Chosen: slices.Contains(chosen, sess.ID), Held: slices.Contains(held, sess.ID)}
			if sess.Capacity > 0 {
				// A place the participant holds is theirs to keep.
				o.PlacesLeft = sess.Capacity - counts[sess.ID]
				if o.Held {
					o.PlacesLeft++
				}
			}
			pd.Options = append(pd.Options, o)
		}
		if len(pd.Options) > 0 {
			v.Days = append(v.Days, pd)
		}
	}
	return render(c, status, public.PersonalAgendaPage(page, v))
}

// updatePersonalAgenda saves the ticked sessions as the participant's whole
// agenda, in one transaction: a workshop that filled up meanwhile refuses
// the whole change, so nothing is half-saved.
func (s *Server) updatePersonalAgenda(c *fiber.Ctx) error {
	r, ctx := currentRegistration(c), c.UserContext()
	p, held, err := s.personalAgenda(c)
	if err != nil {
		return err
	}
	byID := pickableByID(p)
	var errs model.FieldErrors
	chosen, gone := postedSessions(c, byID)
	if gone {
		errs.AddMsg("main", i18n.Msg("agenda.personal.gone"))
	}
	slices.SortFunc(chosen, func(a, b int64) int { return byID[a].StartsAt.Compare(byID[b].StartsAt) })
	for i, a := range chosen {
		for _, b := range chosen[i+1:] {
			sa, sb := byID[a], byID[b]
			if sa.StartsAt.Before(sb.EndsAt) && sb.StartsAt.Before(sa.EndsAt) {
				errs.AddMsg(public.SessionFieldID(b), i18n.Msg("agenda.personal.overlap",
					"First", agenda.SessionTitle(ctx, sa).Text, "Second", agenda.SessionTitle(ctx, sb).Text,
					"FirstTime", public.TimeRange(p.Conference, sa), "SecondTime", public.TimeRange(p.Conference, sb)))
			}
		}
	}
	if len(errs) > 0 {
		return s.renderPersonalAgenda(c, fiber.StatusUnprocessableEntity, p, held, chosen, errs, "")
	}

	err = s.store.Update(ctx, func(tx *store.Tx) error {
		added, removed, err := tx.SetSignups(r.ID, chosen, s.now())
		if err != nil || len(added)+len(removed) == 0 {
			return err
		}
		before := append(slices.DeleteFunc(slices.Clone(chosen), func(id int64) bool { return slices.Contains(added, id) }), removed...)
		return tx.Audit(model.AuditEntry{ConferenceID: r.ConferenceID, Actor: registration.ParticipantActor.Name,
			Action: registration.ActionChooseSessions, Entity: "registration", EntityID: r.ID,
			Changes:   map[string][2]string{"sessions": {registration.FormatIDs(before), registration.FormatIDs(chosen)}},
			CreatedAt: s.now()})
	})
	var full *store.SessionFullError
	if errors.As(err, &full) {
		// Show the picker again as it now stands: the full workshop unticked
		// and closed, the rest as the participant ticked it.
		chosen = slices.DeleteFunc(chosen, func(id int64) bool { return id == full.SessionID })
		var errs model.FieldErrors
		title := full.Title
		if sess, ok := byID[full.SessionID]; ok {
			title = agenda.SessionTitle(ctx, sess).Text
		}
		errs.AddMsg(public.SessionFieldID(full.SessionID), i18n.Msg("agenda.personal.filled_up", "Title", title))
		return s.renderPersonalAgenda(c, fiber.StatusConflict, p, held, chosen, errs, "")
	}
	if err != nil {
		return err
	}
	return c.Redirect(registrationBase(c)+"?agenda=saved", fiber.StatusSeeOther)
}

// calendarPath is the personal calendar's address for its token.
func calendarPath(token string) string { return "/calendar/" + token + ".ics" }

// withCalendarToken loads the registration whose calendar token is in the
// path, or answers 404. The token opens this feed and nothing else, so it
// may be handed to calendar services; the self-service token never is.
func (s *Server) withCalendarToken(c *fiber.Ctx) error {
	return s.loadRegistration(c, func(ctx context.Context, token string) (model.Registration, error) {
		if len(token) != 64 {
			return model.Registration{}, store.ErrNotFound
		}
		return s.store.RegistrationByCalendarToken(ctx, token)
	})
}

// showPersonalCalendar is the participant's own calendar: only the
// sessions they chose, and nothing about them. A registration that is no
// longer confirmed gets an empty calendar, so a subscription empties
// instead of failing.
func (s *Server) showPersonalCalendar(c *fiber.Ctx) error {
	r := currentRegistration(c)
	// A feed speaks the language the participant registered in, whoever fetches it.
	l := i18n.ByCode(r.Language)
	ctx := i18n.With(c.UserContext(), l)
	c.Set(fiber.HeaderContentLanguage, l.Code)
	p, err := s.localProgramme(ctx)
	if err != nil {
		return err
	}
	var chosen []model.Session
	if r.Status == model.StatusConfirmed {
		if chosen, err = s.chosenSessions(ctx, p, r); err != nil {
			return err
		}
	}
	c.Set(fiber.HeaderContentType, calendarType)
	c.Set(fiber.HeaderContentDisposition, `inline; filename="my-agenda.ics"`)
	return c.Send(p.Calendar(l.T("agenda.personal.calendar_name", "Conference", p.Conference.ShortName), chosen))
}

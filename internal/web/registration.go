package web

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/views/public"
)

type registrationKey struct{}

// withRegistration loads the registration whose token is in the path, or
// answers 404 (410 for a link replaced by a newer one: deadLink). The
// pages under it carry the token in their address, so they send no
// Referer anywhere and are never cached.
func (s *Server) withRegistration(c *fiber.Ctx) error {
	return s.loadRegistration(c, func(ctx context.Context, token string) (model.Registration, error) {
		r, err := s.store.RegistrationByTokenHash(ctx, registration.HashToken(token))
		if errors.Is(err, store.ErrNotFound) {
			err = s.deadLink(ctx, conference(c), token, err)
		}
		return r, err
	})
}

// loadRegistration is the door of every page whose address holds a
// registration's secret: no Referer, no caching, 404 for an unknown token,
// and the registration in the request's locals for the handlers after it.
func (s *Server) loadRegistration(c *fiber.Ctx, byToken func(context.Context, string) (model.Registration, error)) error {
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	c.Set(fiber.HeaderCacheControl, "no-store")
	r, err := byToken(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	c.Locals(registrationKey{}, r)
	return c.Next()
}

func currentRegistration(c *fiber.Ctx) model.Registration {
	r, _ := c.Locals(registrationKey{}).(model.Registration)
	return r
}

// registrationBase is the self-service page's own path.
func registrationBase(c *fiber.Ctx) string { return "/registration/" + c.Params("token") }

// selfServiceSection is the header's item a registration's own pages
// highlight: a journalist's accreditation request belongs to the press.
func selfServiceSection(r model.Registration) string {
	if r.Category == model.CategoryPress {
		return pressForm.section
	}
	return participantForm.section
}

// registrationMessages confirm, after a redirect, what was just done:
// the query parameter and its message.
var registrationMessages = []struct{ query, id string }{
	{"welcome", "self.message.welcome"},
	{"saved", "self.message.saved"},
	{"cancelled", "self.message.cancelled"},
	{"agenda", "self.message.agenda"},
	{"newlink", "self.message.newlink"},
	{"travel", "self.itinerary.saved"},
}

// showRegistration is the self-service page.
func (s *Server) showRegistration(c *fiber.Ctx) error {
	r := currentRegistration(c)
	l := language(c)
	p := page(c, l.T("self.title"), selfServiceSection(r))
	if r.Category == model.CategoryPress {
		p.Title = l.T("self.title_press")
	}
	var err error
	v := public.RegistrationView{Registration: r, Base: registrationBase(c)}
	for _, m := range registrationMessages {
		if c.Query(m.query) != "" {
			v.Message = l.T(m.id)
		}
	}
	if c.Query("welcome") != "" && r.Category == model.CategoryPress {
		// The welcome of an accreditation request.
		v.Message = l.T("self.message.welcome_press")
	}
	v.LetterReady = letterReady(r)
	if r.CalendarToken != "" {
		v.CalendarURL = s.cfg.BaseURL + calendarPath(r.CalendarToken)
	}
	if v.PendingEmail, err = s.store.PendingEmailChange(c.UserContext(), r.ID, s.now()); err != nil {
		return err
	}
	if v.AgendaOpen, v.Agenda, err = s.registrationAgenda(c.UserContext(), r); err != nil {
		return err
	}
	if v.AgendaOpen {
		if v.LostSessions, err = s.lostSessions(c.UserContext(), r); err != nil {
			return err
		}
	}
	if v.Documents, err = s.participantDocuments(c.UserContext(), r); err != nil {
		return err
	}
	if v.Attended, err = s.store.CheckedIn(c.UserContext(), r.ID); err != nil {
		return err
	}
	if tv, ok, err := s.travelView(c, r); err != nil {
		return err
	} else if ok {
		v.Travel = &tv
	}
	if r.Status == model.StatusWaitlisted {
		if v.WaitlistPosition, err = s.store.WaitlistPosition(c.UserContext(), r.ID); err != nil {
			return err
		}
		if q, ok, err := s.store.WaitlistQueue(c.UserContext(), r); err != nil {
			return err
		} else if ok {
			v.WaitlistQuota = &q
		}
	}
	return render(c, fiber.StatusOK, public.RegistrationPage(p, v))
}

func editableForm(r model.Registration) publicForm {
	if r.Category == model.CategoryPress {
		return pressForm
	}
	return participantForm
}

// staleNotice answers, in l, a save from a form opened before someone
// else's save (the console's edit form says it in English).
func staleNotice(l *i18n.Locale) string { return l.T("self.message.stale") }

// editForm is the edit form filled with what is stored, the passport
// number left out: the form shows it masked.
func editForm(r model.Registration) registration.Form {
	f := registration.FormOf(r)
	f.PassportNumber = ""
	return f
}

func (s *Server) renderEdit(c *fiber.Ctx, status int, f registration.Form, errs model.FieldErrors, notice string) error {
	r := currentRegistration(c)
	l := language(c)
	p := page(c, l.T("self.title_edit"), selfServiceSection(r))
	if len(errs) > 0 {
		p.Title = l.T("self.title_edit_errors")
	}
	base := registrationBase(c)
	return render(c, status, public.RegisterPage(p, public.RegisterForm{
		Kind: editableForm(r).kind, Action: base + "/edit", Form: f, Errors: errs, Editing: true, BackURL: base,
		Notice: notice, PassportOnFile: registration.MaskPassport(r.PassportNumber), Sponsorship: r.Sponsorship,
	}))
}

// refuseClosed answers 409 to changes of a cancelled or rejected
// registration, in the request's language.
func refuseClosed(c *fiber.Ctx, r model.Registration) error {
	switch r.Status {
	case model.StatusCancelled:
		return fiber.NewError(fiber.StatusConflict, language(c).T("self.closed.cancelled"))
	case model.StatusRejected:
		return fiber.NewError(fiber.StatusConflict, language(c).T("self.closed.rejected"))
	}
	return nil
}

// showEditRegistration is the edit form, filled with what is stored.
func (s *Server) showEditRegistration(c *fiber.Ctx) error {
	r := currentRegistration(c)
	if err := refuseClosed(c, r); err != nil {
		return err
	}
	return s.renderEdit(c, fiber.StatusOK, editForm(r), nil, "")
}

// updateRegistration saves an edit, with the same rules as registering.
func (s *Server) updateRegistration(c *fiber.Ctx) error {
	r := currentRegistration(c)
	if err := refuseClosed(c, r); err != nil {
		return err
	}
	conf := conference(c)
	f := formValues(c)
	cur, errs, err := s.reg.Update(c.UserContext(), conf, r, f, registration.ParticipantActor)
	if errors.Is(err, registration.ErrStale) {
		c.Locals(registrationKey{}, cur)
		return s.renderEdit(c, fiber.StatusConflict, editForm(cur), nil, staleNotice(language(c)))
	}
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		// Keep the version the form was loaded from: the save was refused, not made.
		f = f.Normalised()
		return s.renderEdit(c, fiber.StatusUnprocessableEntity, f, errs, "")
	}
	return c.Redirect(registrationBase(c)+"?saved=1", fiber.StatusSeeOther)
}

// retryEdit shows the edit form again after its token failed (guardForm),
// with what was typed and the version the form was loaded from.
func (s *Server) retryEdit(c *fiber.Ctx, notice string) error {
	if err := refuseClosed(c, currentRegistration(c)); err != nil {
		return err
	}
	return s.renderEdit(c, fiber.StatusUnprocessableEntity, formValues(c).Normalised(), nil, notice)
}

// retryCancel shows the cancel page again after its token failed
// (guardForm), the erase box as it was ticked.
func (s *Server) retryCancel(c *fiber.Ctx, notice string) error {
	r := currentRegistration(c)
	if err := refuseClosed(c, r); err != nil {
		return err
	}
	p := page(c, language(c).T("self.title_cancel"), selfServiceSection(r))
	return render(c, fiber.StatusUnprocessableEntity, public.CancelPage(p, public.RegistrationView{Registration: r,
		Base: registrationBase(c), Notice: notice, EraseChosen: c.FormValue("erase") != ""}))
}

// showCancelRegistration asks for confirmation.
func (s *Server) showCancelRegistration(c *fiber.Ctx) error {
	r := currentRegistration(c)
	if err := refuseClosed(c, r); err != nil {
		return err
	}
	p := page(c, language(c).T("self.title_cancel"), selfServiceSection(r))
	return render(c, fiber.StatusOK, public.CancelPage(p, public.RegistrationView{Registration: r, Base: registrationBase(c)}))
}

// cancelRegistration cancels and promotes the next person on the waiting list.
func (s *Server) cancelRegistration(c *fiber.Ctx) error {
	r := currentRegistration(c)
	conf := conference(c)
	cancel := s.reg.Cancel
	if c.FormValue("erase") != "" {
		cancel = s.reg.CancelRequestingErasure
	}
	if _, err := cancel(c.UserContext(), conf, r, registration.ParticipantActor); err != nil && !errors.Is(err, registration.ErrNotCancellable) {
		return err
	}
	return c.Redirect(registrationBase(c)+"?cancelled=1", fiber.StatusSeeOther)
}

package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/views"
	"confdesk/views/public"
)

// A nominee's registration link (/nominee/TOKEN): the public registration
// form, pre-filled with what the nomination says, the country and the
// address fixed by it. It registers through Service.RegisterNominee in
// every registration mode; a used link says where to find the
// registration.

type nomineeKey struct{}

// nomineePath is the key of the nominee form's submission limits.
const nomineePath = "/nominee"

// withNominee loads the standing nomination whose nominee's link is in
// the path, or answers 404 (unknown or withdrawn). Its pages are private
// as the self-service pages are, in the focal point's language unless
// ?lang= chose another.
func (s *Server) withNominee(c *fiber.Ctx) error {
	privatePage(c)
	link, err := s.reg.NomineeByToken(c.UserContext(), conference(c), c.Params("token"))
	if err != nil {
		return err
	}
	if err := s.speak(c, link.Language); err != nil {
		return err
	}
	c.Locals(nomineeKey{}, link.Nomination)
	return c.Next()
}

func currentNomination(c *fiber.Ctx) model.Nomination {
	n, _ := c.Locals(nomineeKey{}).(model.Nomination)
	return n
}

// renderNomineeForm shows the nominee's form with values f and problems.
func (s *Server) renderNomineeForm(c *fiber.Ctx, status int, f registration.Form, errs model.FieldErrors, notice string) error {
	n := currentNomination(c)
	l := language(c)
	conf := conference(c)
	p := page(c, l.T("nominee.title"), participantForm.section)
	if len(errs) > 0 {
		p.Title = l.T("register.title_errors", "Title", p.Title)
	}
	travel, err := s.store.TravelSettings(c.UserContext(), conf.ID)
	if err != nil {
		return err
	}
	f.Country, f.Email = n.Country, n.Email
	name := countryName(c, n.Country)
	return render(c, status, public.RegisterPage(p, public.RegisterForm{
		Kind: registration.Participant, Action: "/nominee/" + c.Params("token"), Form: f, Errors: errs, Notice: notice,
		SponsorsTravel: travel.SponsorsTravel, FixedCountry: name, FixedEmail: n.Email,
		Intro: l.T("nominee.intro", "Country", name, "Conference", views.ConferenceName(c.UserContext(), conf).Text),
	}))
}

// renderNomineeUsed answers a link its nominee has registered with.
func (s *Server) renderNomineeUsed(c *fiber.Ctx, status int) error {
	p := page(c, language(c).T("nominee.used.title"), participantForm.section)
	return render(c, status, public.NomineeUsedPage(p))
}

// showNomineeForm is the nominee's pre-filled form, the used-link page
// once they registered, or the closed page outside the window.
func (s *Server) showNomineeForm(c *fiber.Ctx) error {
	n := currentNomination(c)
	if n.RegistrationID != 0 {
		return s.renderNomineeUsed(c, fiber.StatusOK)
	}
	_, w, err := s.window(c)
	if err != nil {
		return err
	}
	if !w.Accepting() {
		return s.renderClosed(c, participantForm, fiber.StatusOK, w)
	}
	return s.renderNomineeForm(c, fiber.StatusOK, registration.NomineeForm(n), nil, "")
}

// registerNominee registers the nominee, as the public form registers:
// 303 to their self-service page, the form again with a message per field
// on bad input, "check your inbox" for an address registered already.
func (s *Server) registerNominee(c *fiber.Ctx) error {
	if currentNomination(c).RegistrationID != 0 {
		return s.renderNomineeUsed(c, fiber.StatusConflict)
	}
	conf, w, err := s.window(c)
	if err != nil {
		return err
	}
	if !w.Accepting() {
		return s.renderClosed(c, participantForm, fiber.StatusForbidden, w)
	}
	f := formValues(c)
	out, errs, err := s.reg.RegisterNominee(c.UserContext(), conf, c.Params("token"), f)
	switch {
	case errors.Is(err, registration.ErrNominationUsed):
		return s.renderNomineeUsed(c, fiber.StatusConflict)
	case errors.Is(err, registration.ErrClosed):
		if _, w, err = s.window(c); err != nil {
			return err
		}
		return s.renderClosed(c, participantForm, fiber.StatusForbidden, w)
	case err != nil:
		return err
	case len(errs) > 0:
		return s.renderNomineeForm(c, fiber.StatusUnprocessableEntity, f.Normalised(), errs, "")
	case out.Duplicate:
		return c.Redirect(participantForm.path+"/sent", fiber.StatusSeeOther)
	}
	return c.Redirect("/registration/"+out.Token+"?welcome=1", fiber.StatusSeeOther)
}

// retryNominee shows the nominee's form again after its token failed
// (guardForm), with everything typed.
func (s *Server) retryNominee(c *fiber.Ctx, notice string) error {
	if currentNomination(c).RegistrationID != 0 {
		return s.renderNomineeUsed(c, fiber.StatusConflict)
	}
	return s.renderNomineeForm(c, fiber.StatusUnprocessableEntity, formValues(c).Normalised(), nil, notice)
}

// nomineeLimitReached answers a submission over the limits: the form
// again, everything typed kept, status 429.
func (s *Server) nomineeLimitReached(c *fiber.Ctx) error {
	return s.renderNomineeForm(c, fiber.StatusTooManyRequests, formValues(c).Normalised(), nil,
		language(c).T("register.notice.too_many"))
}

package web

import (
	"errors"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/limiter"

	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/views/public"
)

// publicForm is one of the two public registration forms.
type publicForm struct {
	kind    registration.Kind
	path    string
	title   string // the catalogue's key of its title
	section string
}

var (
	participantForm = publicForm{registration.Participant, "/register", "register.title", "register"}
	pressForm       = publicForm{registration.Press, "/press/accreditation", "register.title_press", "press"}
)

// formValues reads the registration fields of the posted form.
func formValues(c *fiber.Ctx) registration.Form {
	v := c.FormValue
	box := func(name string) bool { return c.FormValue(name) != "" }
	return registration.Form{
		FirstName: v("first_name"), LastName: v("last_name"), BadgeName: v("badge_name"), Email: v("email"),
		Phone: v("phone"), Country: v("country"), Organisation: v("organisation"), OrgType: v("org_type"),
		JobTitle: v("job_title"), Dietary: v("dietary"), Accessibility: v("accessibility"),
		VisaLetter: box("visa_letter"), PassportName: v("passport_name"), Nationality: v("nationality"),
		PassportNumber: v("passport_number"), PassportExpiry: v("passport_expiry"), DateOfBirth: v("date_of_birth"),
		Consent: box("consent"), ListConsent: box("list_consent"), Outlet: v("outlet"), MediaType: v("media_type"),
		PressCard: v("press_card"), Version: version(c), Language: language(c).Stored(),
		Sponsorship: box("sponsorship"), SponsorshipReason: v("sponsorship_reason"),
	}
}

// renderForm shows a public form with the person's values and problems.
func (s *Server) renderForm(c *fiber.Ctx, pf publicForm, status int, f registration.Form, errs model.FieldErrors, notice string) error {
	l := language(c)
	p := page(c, l.T(pf.title), pf.section)
	if len(errs) > 0 {
		p.Title = l.T("register.title_errors", "Title", p.Title)
	}
	travel, err := s.store.TravelSettings(c.UserContext(), conference(c).ID)
	if err != nil {
		return err
	}
	return render(c, status, public.RegisterPage(p, public.RegisterForm{
		Kind: pf.kind, Action: pf.path, Form: f, Errors: errs, Notice: notice,
		SponsorsTravel: travel.SponsorsTravel && pf.kind == registration.Participant,
	}))
}

// retryForm shows a public form again after its token failed (guardForm),
// with everything typed.
func (s *Server) retryForm(pf publicForm) func(*fiber.Ctx, string) error {
	return func(c *fiber.Ctx, notice string) error {
		if byNomination(c, pf) {
			return renderInvitation(c, fiber.StatusForbidden, true)
		}
		return s.renderForm(c, pf, fiber.StatusUnprocessableEntity, formValues(c).Normalised(), nil, notice)
	}
}

// window returns the conference and its registration window now.
func (s *Server) window(c *fiber.Ctx) (model.Conference, registration.Window, error) {
	conf := conference(c)
	active, err := s.store.ActiveCount(c.UserContext(), conf.ID)
	return conf, registration.WindowAt(conf, active, s.now()), err
}

func (s *Server) renderClosed(c *fiber.Ctx, pf publicForm, status int, w registration.Window) error {
	p := page(c, language(c).T(pf.title), pf.section)
	return render(c, status, public.ClosedPage(p, w))
}

// byNomination reports whether pf is the participants' form of a
// conference that registers delegates by nomination only: the form is then
// the page explaining how to be nominated. Press accreditation stays open,
// and the nominees' own links (/nominee/TOKEN) work in every mode.
func byNomination(c *fiber.Ctx, pf publicForm) bool {
	return pf.kind == registration.Participant && !conference(c).PublicForm()
}

// renderInvitation is the page that stands for the participants' form
// when registration is by nomination; refused says a registration was
// posted anyway (and nothing was saved).
func renderInvitation(c *fiber.Ctx, status int, refused bool) error {
	p := page(c, language(c).T("invitation.title"), participantForm.section)
	return render(c, status, public.InvitationPage(p, refused))
}

// showForm renders an empty public form, or the closed page outside the
// window, or how to be nominated when registration is by nomination.
func (s *Server) showForm(pf publicForm) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if byNomination(c, pf) {
			return renderInvitation(c, fiber.StatusOK, false)
		}
		_, w, err := s.window(c)
		if err != nil {
			return err
		}
		if !w.Accepting() {
			return s.renderClosed(c, pf, fiber.StatusOK, w)
		}
		return s.renderForm(c, pf, fiber.StatusOK, registration.Form{}, nil, "")
	}
}

// submitForm registers a person: 303 to their page on success, the form
// again with a message per field on bad input (nothing stored). The window
// read here only spares a closed form the work; Register decides on the
// settings it reads in its own transaction. When the conference confirms
// addresses, or the address is already registered, every valid submission
// answers the same 303 to "check your inbox".
func (s *Server) submitForm(pf publicForm) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if byNomination(c, pf) {
			// Only a nomination registers: say how to get one, store nothing.
			return renderInvitation(c, fiber.StatusForbidden, true)
		}
		conf, w, err := s.window(c)
		if err != nil {
			return err
		}
		if !w.Accepting() {
			return s.renderClosed(c, pf, fiber.StatusForbidden, w)
		}
		f := formValues(c)
		out, errs, err := s.reg.Register(c.UserContext(), conf, f, pf.kind)
		switch {
		case errors.Is(err, registration.ErrClosed):
			// Closed by a settings save after w was read: show the window as it is now.
			if _, w, err = s.window(c); err != nil {
				return err
			}
			return s.renderClosed(c, pf, fiber.StatusForbidden, w)
		case err != nil:
			return err
		case len(errs) > 0:
			return s.renderForm(c, pf, fiber.StatusUnprocessableEntity, f.Normalised(), errs, "")
		case out.Sent || out.Duplicate:
			return c.Redirect(pf.path+"/sent", fiber.StatusSeeOther)
		}
		return c.Redirect("/registration/"+out.Token+"?welcome=1", fiber.StatusSeeOther)
	}
}

// version reads the registration version an edit form was loaded from; a
// missing or malformed one is 0, which no stored row has, so the save is refused as stale.
func version(c *fiber.Ctx) int64 {
	v, err := strconv.ParseInt(c.FormValue("version"), 10, 64)
	if err != nil {
		return 0
	}
	return v
}

// showLinkSent answers every valid submission that registered nobody yet:
// it says the same whether the address was new or known.
func (s *Server) showLinkSent(pf publicForm) fiber.Handler {
	return func(c *fiber.Ctx) error {
		p := page(c, language(c).T("register.sent.title"), pf.section)
		return render(c, fiber.StatusOK, public.LinkSentPage(p))
	}
}

// registerLimit limits submissions per client address per minute
// (--register-limit); 0 turns every registration limit off. Over the
// limit, the form comes back with everything typed and a 429.
func (s *Server) registerLimit(pf publicForm) fiber.Handler {
	return s.submitLimit(pf.path, s.registerLimitReached(pf))
}

// submitLimit is registerLimit for the form posted to path, answered by
// reached over the limit.
func (s *Server) submitLimit(path string, reached fiber.Handler) fiber.Handler {
	if s.cfg.RegisterLimit <= 0 {
		return func(c *fiber.Ctx) error { return c.Next() }
	}
	return limiter.New(limiter.Config{
		Max:        s.cfg.RegisterLimit,
		Expiration: time.Minute,
		KeyGenerator: func(c *fiber.Ctx) string {
			return path + "|" + s.clientIP(c)
		},
		LimitReached: reached,
	})
}

// registerBlockLimit limits submissions per address block (IPv4 /24, IPv6
// /64) per hour (--register-block-limit): a bot that hops between the
// addresses of one block, as anyone with an IPv6 /64 can, gets no more
// than one busy network would. It runs after registerLimit, so one noisy
// address is stopped by its own limit first; --register-limit 0 or
// --register-block-limit 0 turns it off.
func (s *Server) registerBlockLimit(pf publicForm) fiber.Handler {
	return s.submitBlockLimit(pf.path, s.registerLimitReached(pf))
}

// submitBlockLimit is registerBlockLimit for the form posted to path,
// answered by reached over the limit.
func (s *Server) submitBlockLimit(path string, reached fiber.Handler) fiber.Handler {
	if s.cfg.RegisterLimit <= 0 || s.cfg.RegisterBlockLimit <= 0 {
		return func(c *fiber.Ctx) error { return c.Next() }
	}
	return limiter.New(limiter.Config{
		Max:        s.cfg.RegisterBlockLimit,
		Expiration: time.Hour,
		KeyGenerator: func(c *fiber.Ctx) string {
			return path + "|" + addressBlock(s.clientAddr(c))
		},
		LimitReached: reached,
	})
}

// registerLimitReached answers a submission over a limit: the form again,
// everything typed kept, status 429.
func (s *Server) registerLimitReached(pf publicForm) fiber.Handler {
	return func(c *fiber.Ctx) error {
		return s.renderForm(c, pf, fiber.StatusTooManyRequests, formValues(c).Normalised(), nil,
			language(c).T("register.notice.too_many"))
	}
}

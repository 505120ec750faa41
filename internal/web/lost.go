package web

import (
	"context"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/views"
	"confdesk/views/public"
)

func (s *Server) renderFindRegistration(c *fiber.Ctx, status int, f public.LostForm) error {
	l := language(c)
	p := page(c, l.T("self.lost.title"), "register")
	if len(f.Errors) > 0 {
		p.Title = l.T("self.lost.title_errors")
	}
	return render(c, status, public.LostPage(p, f))
}

// showFindRegistration is the "Find my registration" form, and (?sent=1)
// the answer every valid request gets.
func (s *Server) showFindRegistration(c *fiber.Ctx) error {
	if c.Query("sent") != "" {
		return render(c, fiber.StatusOK, public.LostSentPage(page(c, language(c).T("self.lost.sent_title"), "register")))
	}
	return s.renderFindRegistration(c, fiber.StatusOK, public.LostForm{})
}

// findRegistration mails a sign-in link to the address when it is
// registered (registration.Service.FindRegistration) and answers the same
// 303 either way; only a malformed address comes back with its message.
func (s *Server) findRegistration(c *fiber.Ctx) error {
	email := c.FormValue("email")
	errs, err := s.reg.FindRegistration(c.UserContext(), conference(c), email)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderFindRegistration(c, fiber.StatusUnprocessableEntity, public.LostForm{Email: strings.TrimSpace(email), Errors: errs})
	}
	return c.Redirect(paths.FindRegistration+"?sent=1", fiber.StatusSeeOther)
}

// retryFindRegistration shows the form again after its token failed
// (guardForm), with the address typed.
func (s *Server) retryFindRegistration(c *fiber.Ctx, notice string) error {
	return s.renderFindRegistration(c, fiber.StatusUnprocessableEntity, public.LostForm{Email: strings.TrimSpace(c.FormValue("email")), Notice: notice})
}

// findRegistrationLimitReached answers a request over a limit: the form
// again with the address typed, status 429.
func (s *Server) findRegistrationLimitReached(c *fiber.Ctx) error {
	return s.renderFindRegistration(c, fiber.StatusTooManyRequests, public.LostForm{Email: strings.TrimSpace(c.FormValue("email")),
		Notice: language(c).T("self.lost.too_many")})
}

// linkProblem is a link that opens nothing, with a heading and a sentence
// that say why; its page offers "Find my registration".
type linkProblem struct {
	status           int
	heading, message string
}

func (e *linkProblem) Error() string { return "web: " + e.heading }

// offersFindRegistration reports whether a 404 at path is a personal link
// that opens nothing, whose page should offer "Find my registration".
func offersFindRegistration(path string) bool {
	return strings.HasPrefix(path, "/registration/") || strings.HasPrefix(path, "/confirm/")
}

// deadLink explains, in ctx's language, why the link whose token is token opens nothing:
// replaced by a newer one, expired or used (store.DeadLink), each a 410
// with its own page; otherwise it returns notFound.
func (s *Server) deadLink(ctx context.Context, conf model.Conference, token string, notFound error) error {
	reason, at, err := s.store.DeadLink(ctx, registration.HashToken(token), s.now())
	if err != nil {
		return err
	}
	l := i18n.From(ctx)
	when := views.LocalDateTime(ctx, conf, at)
	switch reason {
	case store.LinkReplaced:
		return &linkProblem{fiber.StatusGone, l.T("self.link_problem.replaced"), l.T("self.link_problem.replaced_text", "When", when)}
	case store.LinkExpired:
		return &linkProblem{fiber.StatusGone, l.T("self.link_problem.expired"), l.T("self.link_problem.expired_text", "When", when)}
	case store.LinkUsed:
		return &linkProblem{fiber.StatusGone, l.T("self.link_problem.used"), l.T("self.link_problem.used_text", "When", when)}
	}
	return notFound
}

package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/views/public"
)

// errLinkInvalid answers a link that is unknown, used or expired, when
// nothing more is known of it (deadLink says more when it can), in the
// request's language.
func errLinkInvalid(c *fiber.Ctx) error {
	return fiber.NewError(fiber.StatusNotFound, language(c).T("self.link.invalid"))
}

// linkTitles head the landing page of each kind of link (message ids).
var linkTitles = map[string]string{
	model.TokenRegister:    "self.link.register_title",
	model.TokenSignIn:      "self.link.signin_title",
	model.TokenEmailChange: "self.link.email_title",
}

// linkHeaders keep a link's token out of Referer headers and caches: it is in the page's address.
func linkHeaders(c *fiber.Ctx) {
	c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
	c.Set(fiber.HeaderCacheControl, "no-store")
}

// showConfirmLink is the page an e-mailed link opens. It changes nothing:
// only its button does, so a mail scanner that fetches the link does not
// act for the person.
func (s *Server) showConfirmLink(c *fiber.Ctx) error {
	return s.renderConfirmLink(c, fiber.StatusOK, "")
}

// retryConfirmLink shows the link's page again after its button's token
// failed (guardForm): nothing was done yet.
func (s *Server) retryConfirmLink(c *fiber.Ctx, notice string) error {
	return s.renderConfirmLink(c, fiber.StatusUnprocessableEntity, notice)
}

// renderConfirmLink draws the page of the link in the path, with notice
// above its button; a link that no longer works gets its dead-link page.
func (s *Server) renderConfirmLink(c *fiber.Ctx, status int, notice string) error {
	linkHeaders(c)
	conf := conference(c)
	token := c.Params("token")
	t, err := s.reg.PeekLink(c.UserContext(), conf, token)
	if errors.Is(err, registration.ErrLinkInvalid) {
		return s.deadLink(c.UserContext(), conf, token, errLinkInvalid(c))
	}
	if err != nil {
		return err
	}
	p := page(c, language(c).T(linkTitles[t.Purpose]), "register")
	return render(c, status, public.ConfirmLinkPage(p, public.ConfirmLinkView{
		Purpose: t.Purpose, Action: "/confirm/" + token, NewEmail: t.NewEmail, Notice: notice}))
}

// confirmLink does what the link stands for, once: it registers (then 303
// to the new registration's page), issues a new self-service link (303 to
// it) or changes the e-mail address.
func (s *Server) confirmLink(c *fiber.Ctx) error {
	linkHeaders(c)
	conf := conference(c)
	res, err := s.reg.ConfirmLink(c.UserContext(), conf, c.Params("token"))
	switch {
	case errors.Is(err, registration.ErrLinkInvalid):
		return s.deadLink(c.UserContext(), conf, c.Params("token"), errLinkInvalid(c))
	case errors.Is(err, registration.ErrClosed):
		active, err := s.store.ActiveCount(c.UserContext(), conf.ID)
		if err != nil {
			return err
		}
		return s.renderClosed(c, participantForm, fiber.StatusForbidden, registration.WindowAt(conf, active, s.now()))
	case errors.Is(err, registration.ErrLinkOutdated):
		return fiber.NewError(fiber.StatusUnprocessableEntity, language(c).T("self.link.outdated"))
	case errors.Is(err, registration.ErrEmailTaken):
		return fiber.NewError(fiber.StatusConflict, language(c).T("self.link.email_taken"))
	case err != nil:
		return err
	}
	if res.Purpose == model.TokenEmailChange {
		p := page(c, language(c).T("self.email_changed.title"), "register")
		return render(c, fiber.StatusOK, public.EmailChangedPage(p, res.Registration.Email))
	}
	query := "?welcome=1"
	if res.Purpose == model.TokenSignIn {
		query = "?newlink=1"
	}
	return c.Redirect("/registration/"+res.ManageToken+query, fiber.StatusSeeOther)
}

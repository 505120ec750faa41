package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/store"
	"confdesk/views"
	"confdesk/views/public"
)

// statusOf is the HTTP status an error returned by a handler stands for.
// A record the store cannot find is a 404 wherever it surfaces, so handlers
// return the store's error as it is.
func statusOf(err error) int {
	var fe *fiber.Error
	if errors.As(err, &fe) {
		return fe.Code
	}
	var lp *linkProblem
	if errors.As(err, &lp) {
		return lp.status
	}
	if errors.Is(err, store.ErrNotFound) {
		return fiber.StatusNotFound
	}
	return fiber.StatusInternalServerError
}

// errorText gives the heading and sentence people see for a status, in
// ctx's language.
func errorText(ctx context.Context, status int) (string, string) {
	key := "error.failed"
	switch {
	case status == fiber.StatusNotFound:
		key = "error.not_found"
	case status == fiber.StatusGone:
		key = "error.gone"
	case status == fiber.StatusForbidden:
		key = "error.forbidden"
	case status == fiber.StatusTooManyRequests:
		key = "error.too_many"
	case status == fiber.StatusRequestEntityTooLarge:
		key = "error.too_large"
	case status == fiber.StatusMethodNotAllowed:
		key = "error.method"
	case status >= 500:
		key = "error.server"
	}
	return i18n.T(ctx, key), i18n.T(ctx, key+"_text")
}

// handleError is Fiber's error handler: every error becomes an HTML page in
// the site's layout with the right status. Server errors are logged with
// their cause; the visitor sees a plain sentence, never the cause.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	status := statusOf(err)
	if _, ok := c.Locals(languageKey{}).(*i18n.Locale); !ok && !strings.HasPrefix(c.Path(), "/admin") {
		s.chooseLanguage(c)
	}
	heading, message := errorText(c.UserContext(), status)
	var fe *fiber.Error
	if errors.As(err, &fe) && status < 500 && fe.Message != http.StatusText(status) {
		// A handler's own sentence for a client error, e.g. the CSRF failure.
		message = fe.Message
	}
	if status >= 500 {
		s.log.Error("request failed", "method", c.Method(), "path", logPath(c), "status", status, "error", err)
	}
	var lp *linkProblem
	if errors.As(err, &lp) {
		heading, message = lp.heading, lp.message
	}
	p, perr := s.loadPage(c, heading, "")
	if perr != nil {
		// The page can still be drawn without the conference's details.
		p = views.Page{Title: heading}
	}
	comp := views.ErrorPage(p, status, heading, message)
	if lp != nil || status == fiber.StatusNotFound && offersFindRegistration(c.Path()) {
		// A personal link that opens nothing: the way to a new one.
		comp = public.LinkProblemPage(p, status, heading, message)
	}
	if rerr := render(c, status, comp); rerr != nil {
		s.log.Error("render error page", "error", rerr)
		return c.Status(status).SendString(heading + ". " + message)
	}
	return nil
}

package web

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

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

// errorText gives the heading and sentence people see for a status.
func errorText(status int) (string, string) {
	switch status {
	case fiber.StatusNotFound:
		return "Page not found", "There is no page at this address. It may have moved, or the link may be mistyped."
	case fiber.StatusGone:
		return "No longer available", "What was at this address has been deleted for good."
	case fiber.StatusForbidden:
		return "Not allowed", "You do not have permission to see this page."
	case fiber.StatusTooManyRequests:
		return "Too many attempts", "Too many requests came from your connection in a short time. Please wait a minute and try again."
	case fiber.StatusRequestEntityTooLarge:
		return "File too large", "The file you sent is larger than the site accepts. Please send a smaller file."
	case fiber.StatusMethodNotAllowed:
		return "Not allowed", "This address cannot be used that way."
	}
	if status >= 500 {
		return "Something went wrong", "The server could not complete your request. It has been logged; please try again in a moment."
	}
	return http.StatusText(status), "The request could not be completed."
}

// handleError is Fiber's error handler: every error becomes an HTML page in
// the site's layout with the right status. Server errors are logged with
// their cause; the visitor sees a plain sentence, never the cause.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	status := statusOf(err)
	heading, message := errorText(status)
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

package web

import (
	"bytes"
	"fmt"

	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/views"
)

// render writes comp as an HTML page with the given status. It renders into
// a buffer first, so a failing component never sends half a page with 200.
func render(c *fiber.Ctx, status int, comp templ.Component) error {
	var buf bytes.Buffer
	if err := comp.Render(c.UserContext(), &buf); err != nil {
		return fmt.Errorf("web: render %s: %w", c.Path(), err)
	}
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(buf.Bytes())
}

// page fills the layout's view model for the current request.
func page(c *fiber.Ctx, title, section string) views.Page {
	return pageOf(c, conference(c), title, section)
}

// loadPage is page for a request that may not have passed withConference:
// the public programme's pages and the error page.
func (s *Server) loadPage(c *fiber.Ctx, title, section string) (views.Page, error) {
	conf, ok := c.Locals(conferenceKey{}).(model.Conference)
	if !ok {
		// A route served before withConference (the public programme), or
		// the error page of a request that never reached it.
		var err error
		if conf, err = s.store.CurrentConference(c.UserContext()); err != nil {
			return views.Page{}, err
		}
	}
	return pageOf(c, conf, title, section), nil
}

// pageOf is page for a handler that has loaded the conference already.
func pageOf(c *fiber.Ctx, conf model.Conference, title, section string) views.Page {
	return views.Page{Title: title, Section: section, Conference: conf, CSRF: csrfToken(c), Self: c.Path()}
}

// fieldError is one form problem for a console page.
func fieldError(field, message string) model.FieldError {
	return model.FieldError{Field: field, Message: message}
}

package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/registration"
)

// deskActor is the signed-in organiser, as the audit log names them.
func deskActor(c *fiber.Ctx) registration.Actor {
	u := currentUser(c)
	return registration.Actor{UserID: u.ID, Name: u.Email}
}

// queryValues is the request's query string, parsed into fresh strings
// that outlive the handler.
func queryValues(c *fiber.Ctx) url.Values {
	v, _ := url.ParseQuery(string(c.Request().URI().QueryString()))
	return v
}

// notifyMail wakes the mail sender after a change queued or re-queued mail.
func (s *Server) notifyMail() {
	if s.reg.Notify != nil {
		s.reg.Notify()
	}
}

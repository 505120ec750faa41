package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/registration"
)

// deskRegistration loads the current conference and the registration of
// the path, or answers 404 for one that does not exist or is another conference's.
func (s *Server) deskRegistration(c *fiber.Ctx) (model.Conference, model.Registration, error) {
	id, err := pathID(c)
	if err != nil {
		return model.Conference{}, model.Registration{}, err
	}
	conf := conference(c)
	r, err := s.store.Registration(c.UserContext(), id)
	switch {
	case err == nil && r.ConferenceID != conf.ID:
		return conf, r, fiber.ErrNotFound
	case err != nil:
		return conf, r, err
	}
	return conf, r, nil
}

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

package web

import (
	"errors"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/auth"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/store"
)

// deskRoutes registers the registrations desk: the list, one registration,
// its actions, delegations, the CSV export and the outbox.
func (s *Server) deskRoutes() {
	s.admin(fiber.MethodGet, "/admin/registrations", auth.Organisers, s.showDeskRegistrations)
	s.admin(fiber.MethodGet, "/admin/registrations.csv", auth.Organisers, s.exportDeskRegistrations)
	s.admin(fiber.MethodPost, "/admin/registrations/bulk-confirm", auth.Organisers, s.bulkConfirmRegistrations)
	s.admin(fiber.MethodGet, "/admin/registrations/:id", auth.Organisers, s.showDeskRegistration)
	s.admin(fiber.MethodGet, "/admin/registrations/:id/edit", auth.Organisers, s.showEditDeskRegistration)
	s.admin(fiber.MethodPost, "/admin/registrations/:id/edit", auth.Organisers, s.updateDeskRegistration)
	for _, action := range registration.Actions {
		s.admin(fiber.MethodPost, "/admin/registrations/:id/"+action, auth.Organisers, s.actOnRegistration(action))
	}
	s.admin(fiber.MethodPost, "/admin/registrations/:id/head-of-delegation", auth.Organisers, s.setHeadOfDelegation)
	s.admin(fiber.MethodPost, "/admin/registrations/:id/approve-letter", auth.Organisers, s.approveLetter)
	s.admin(fiber.MethodPost, "/admin/registrations/:id/erase", auth.Admins, s.eraseRegistration)
	s.admin(fiber.MethodGet, "/admin/registrations/:id/data.json", auth.Organisers, s.showRegistrationData)
	s.admin(fiber.MethodGet, "/admin/delegations", auth.Organisers, s.showDelegations)
	s.admin(fiber.MethodGet, "/admin/outbox", auth.Organisers, s.showOutbox)
	s.admin(fiber.MethodGet, "/admin/outbox/:id", auth.Organisers, s.showOutboxMessage)
	s.admin(fiber.MethodPost, "/admin/outbox/:id/retry", auth.Organisers, s.retryOutboxMessage)
}

// deskRegistration loads the current conference and the registration of
// the path, or answers 404 for one that does not exist or is another conference's.
func (s *Server) deskRegistration(c *fiber.Ctx) (model.Conference, model.Registration, error) {
	id, err := pathID(c)
	if err != nil {
		return model.Conference{}, model.Registration{}, err
	}
	conf, err := s.store.CurrentConference(c.UserContext())
	if err != nil {
		return conf, model.Registration{}, err
	}
	r, err := s.store.Registration(c.UserContext(), id)
	switch {
	case errors.Is(err, store.ErrNotFound) || err == nil && r.ConferenceID != conf.ID:
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

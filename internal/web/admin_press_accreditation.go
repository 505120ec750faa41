package web

import (
	"errors"
	"slices"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

// The press officers' review of accreditation requests. The decisions are
// registration.Service's accredit and reject transitions (the same rules,
// e-mails and audit lines as on the registrations desk), limited to press
// registrations: a press officer never decides a delegate's registration.

// showPressAccreditations lists the press registrations.
func (s *Server) showPressAccreditations(c *fiber.Ctx) error {
	return s.renderPressAccreditations(c, fiber.StatusOK, admin.PressAccreditations{})
}

// renderPressAccreditations draws the list with v's problem, if any.
func (s *Server) renderPressAccreditations(c *fiber.Ctx, status int, v admin.PressAccreditations) error {
	p, err := s.adminPage(c, "Accreditation requests", "press")
	if err != nil {
		return err
	}
	err = s.store.EachRegistration(c.UserContext(), p.Conference.ID, store.RegistrationFilter{Category: model.CategoryPress},
		func(r model.Registration) error {
			v.Requests = append(v.Requests, r)
			return nil
		})
	if err != nil {
		return err
	}
	// The requests waiting for a decision first, each group newest first.
	slices.SortStableFunc(v.Requests, func(a, b model.Registration) int {
		return boolRank(a.Status != model.StatusPending) - boolRank(b.Status != model.StatusPending)
	})
	return render(c, status, admin.PressAccreditationsPage(p, v))
}

// boolRank orders false before true.
func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// accreditPress accredits a journalist.
func (s *Server) accreditPress(c *fiber.Ctx) error {
	return s.decideAccreditation(c, registration.ActionAccredit)
}

// refusePress refuses a journalist's accreditation, with the reason they read.
func (s *Server) refusePress(c *fiber.Ctx) error {
	return s.decideAccreditation(c, registration.ActionReject)
}

// decideAccreditation carries out action on the route's press registration.
// A refused decision shows the list again with the sentence (beside the
// reason field when the reason is missing), changing nothing.
func (s *Server) decideAccreditation(c *fiber.Ctx, action string) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	opt := registration.ActOptions{Reason: c.FormValue("reason"), PressOnly: true}
	res, err := s.reg.Act(c.UserContext(), conference(c), id, action, opt, deskActor(c))
	var ref *registration.Refusal
	switch {
	case errors.Is(err, registration.ErrReasonRequired) && errors.As(err, &ref):
		return s.renderPressAccreditations(c, fiber.StatusUnprocessableEntity, admin.PressAccreditations{
			Problem: "Not refused. " + ref.Message, ProblemID: id, Reason: opt.Reason, ReasonError: ref.Message})
	case errors.As(err, &ref):
		return s.renderPressAccreditations(c, fiber.StatusConflict, admin.PressAccreditations{
			Problem: "Not done. " + ref.Message, ProblemID: id})
	case err != nil:
		return err
	}
	name := res.Registration.FullName()
	msg := name + " is accredited. An e-mail is on its way."
	if action == registration.ActionReject {
		msg = name + "'s accreditation is refused. An e-mail with your reason is on its way."
	}
	return s.redirectWithFlash(c, paths.PressAccreditations, msg)
}

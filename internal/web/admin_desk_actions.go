package web

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/registration"
	"confdesk/views/admin"
)

// A refused action answers with the registration's page again, with the
// sentence at the top: 409 when the rules forbid it (wrong status, no place
// left), 422 when a rejection lacks its reason. Nothing is changed.

// actOnRegistration carries out one status action (confirm, reject, ...)
// and tells the organiser what happened.
func (s *Server) actOnRegistration(action string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		conf := conference(c)
		r, err := loadRecord(c, s.store.Registration)
		if err != nil {
			return err
		}
		opt := registration.ActOptions{
			Reason:       c.FormValue("reason"),
			OverCapacity: c.FormValue("over_capacity") != "",
		}
		res, err := s.reg.Act(c.UserContext(), conf, r.ID, action, opt, deskActor(c))
		if ok, answer := s.refusal(c, r, err, opt.Reason); ok {
			return answer
		}
		if err != nil {
			return err
		}
		return s.redirectWithFlash(c, paths.Registration(r.ID), actionMessage(action, res))
	}
}

// refusal answers an action's error when it is a *registration.Refusal
// (or an unknown registration): ok is true and answer is what to return.
func (s *Server) refusal(c *fiber.Ctx, r model.Registration, err error, reason string) (ok bool, answer error) {
	var ref *registration.Refusal
	switch {
	case !errors.As(err, &ref):
		return false, nil
	case errors.Is(err, registration.ErrReasonRequired):
		return true, s.renderDeskRegistration(c, fiber.StatusUnprocessableEntity, r,
			admin.RegistrationDetail{Problem: "Not rejected. " + ref.Message, ReasonError: ref.Message, Reason: reason})
	}
	return true, s.renderDeskRegistration(c, fiber.StatusConflict, r, admin.RegistrationDetail{Problem: "Not done. " + ref.Message})
}

// actionMessage confirms an action, naming who took a freed place.
func actionMessage(action string, res registration.Result) string {
	name := res.Registration.FullName()
	msg := map[string]string{
		registration.ActionConfirm:  name + " is confirmed.",
		registration.ActionPromote:  name + " is promoted from the waiting list and confirmed.",
		registration.ActionAccredit: name + " is accredited.",
		registration.ActionWaitlist: name + " is on the waiting list.",
		registration.ActionReject:   name + " is rejected.",
		registration.ActionCancel:   name + "'s registration is cancelled.",
	}[action] + " An e-mail is on its way."
	if p := res.Promoted; p != nil {
		msg += fmt.Sprintf(" The freed place went to %s (%s), the first on the waiting list, who is told by e-mail.", p.FullName(), p.Reference)
	}
	return msg
}

// setHeadOfDelegation marks or unmarks the head of a delegation (head=yes|no).
func (s *Server) setHeadOfDelegation(c *fiber.Ctx) error {
	conf := conference(c)
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	var head bool
	switch c.FormValue("head") {
	case "yes":
		head = true
	case "no":
	default:
		return s.renderDeskRegistration(c, fiber.StatusUnprocessableEntity, r,
			admin.RegistrationDetail{Problem: "Not done: use the “Mark as head of delegation” button."})
	}
	err = s.reg.SetHeadOfDelegation(c.UserContext(), conf, r.ID, head, deskActor(c))
	if ok, answer := s.refusal(c, r, err, ""); ok {
		return answer
	}
	if err != nil {
		return err
	}
	msg := r.FullName() + " is marked as head of delegation."
	if !head {
		msg = r.FullName() + " is no longer marked as head of delegation."
	}
	return s.redirectWithFlash(c, paths.Registration(r.ID), msg)
}

// approveLetter approves a visa invitation letter request, as the page
// showed it (the form's letter fingerprint).
func (s *Server) approveLetter(c *fiber.Ctx) error {
	conf := conference(c)
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	err = s.reg.ApproveLetter(c.UserContext(), conf, r.ID, c.FormValue("letter"), deskActor(c))
	if errors.Is(err, registration.ErrChanged) {
		// Show the details as they are now, which the organiser has not seen yet.
		now, rerr := s.store.Registration(c.UserContext(), r.ID)
		if rerr != nil {
			return rerr
		}
		r = now
	}
	if ok, answer := s.refusal(c, r, err, ""); ok {
		return answer
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.Registration(r.ID),
		"The visa letter request of "+r.FullName()+" is approved.")
}

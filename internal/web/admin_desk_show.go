package web

import (
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/auth"
	"confdesk/internal/model"
	"confdesk/views/admin"
)

// showDeskRegistration is one registration with its actions, history and e-mails.
func (s *Server) showDeskRegistration(c *fiber.Ctx) error {
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	return s.renderDeskRegistration(c, fiber.StatusOK, r, admin.RegistrationDetail{})
}

// renderDeskRegistration draws a registration's page with status; d may
// carry why an action was refused.
func (s *Server) renderDeskRegistration(c *fiber.Ctx, status int, r model.Registration, d admin.RegistrationDetail) error {
	p, err := s.adminPage(c, r.FullName()+" ("+r.Reference+")", "registrations")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	d.Registration = r
	if r.Status == model.StatusWaitlisted {
		if d.WaitlistPosition, err = s.store.WaitlistPosition(ctx, r.ID); err != nil {
			return err
		}
	}
	if d.Taken, err = s.store.ActiveCount(ctx, p.Conference.ID); err != nil {
		return err
	}
	if d.History, err = s.store.AuditFor(ctx, "registration", r.ID); err != nil {
		return err
	}
	if d.Messages, err = s.store.MailForRegistration(ctx, r.ID); err != nil {
		return err
	}
	if d.Attended, err = s.store.CheckedIn(ctx, r.ID); err != nil {
		return err
	}
	full, rooms := d.Itinerary.FullNights, d.Itinerary.Rooms
	if d.Itinerary, err = s.itineraryDetail(c, r); err != nil {
		return err
	}
	d.Itinerary.FullNights, d.Itinerary.Rooms = full, rooms
	if d.Credentials, err = s.credentials(c, p.Conference, r); err != nil {
		return err
	}
	d.LetterReady = letterReady(r)
	if d.LetterVerified, d.LetterVerifiedAt, err = s.store.VisaLetterVerifications(ctx, r.ID); err != nil {
		return err
	}
	d.CanErase = auth.Allowed(currentUser(c).Role, auth.Admins) && r.ErasedAt.IsZero()
	return render(c, status, admin.RegistrationPage(p, d))
}

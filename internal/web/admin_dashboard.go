package web

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/auth"
	"confdesk/internal/country"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/views/admin"
)

// showDashboard is the organisers' overview. Desk and press staff, who may
// not see registration figures, go to their own area instead.
func (s *Server) showDashboard(c *fiber.Ctx) error {
	u := currentUser(c)
	if !auth.Allowed(u.Role, auth.Organisers) {
		return c.Redirect(auth.Home(u.Role), fiber.StatusSeeOther)
	}
	p, err := s.adminPage(c, "Dashboard", "dashboard")
	if err != nil {
		return err
	}
	d, err := s.dashboard(c.UserContext(), p.Conference)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.DashboardPage(p, d))
}

// chartDays is how many days the registrations chart covers.
const chartDays = 30

// dashboard gathers the overview's figures.
func (s *Server) dashboard(ctx context.Context, conf model.Conference) (admin.Dashboard, error) {
	d := admin.Dashboard{SMTP: s.cfg.SMTPURL != "", ConfirmEmail: conf.ConfirmEmail}
	var err error
	if d.Require2FA, err = s.store.Require2FA(ctx); err != nil {
		return d, err
	}
	if d.Unconfirmed, err = s.store.UnconfirmedCount(ctx, conf.ID, s.now()); err != nil {
		return d, err
	}
	if d.ByStatus, err = s.store.RegistrationCounts(ctx, conf.ID); err != nil {
		return d, err
	}
	if d.ByCategory, err = s.store.RegistrationCountsByCategory(ctx, conf.ID); err != nil {
		return d, err
	}
	active, err := s.store.ActiveCount(ctx, conf.ID)
	if err != nil {
		return d, err
	}
	d.Window = registration.WindowAt(conf, active, s.now())
	top, err := s.store.TopCountries(ctx, conf.ID, 10)
	if err != nil {
		return d, err
	}
	for _, c := range top {
		d.TopCountries = append(d.TopCountries, admin.CountryRow{Code: c.Country, Name: country.Name(c.Country), Count: c.Count})
	}
	qs, err := s.store.Quotas(ctx, conf.ID)
	if err != nil {
		return d, err
	}
	fps, err := s.store.FocalPoints(ctx, conf.ID)
	if err != nil {
		return d, err
	}
	if len(qs) > 0 || len(fps) > 0 {
		members, err := s.store.DelegationMembers(ctx, conf.ID)
		if err != nil {
			return d, err
		}
		counts, err := s.store.ParticipantCounts(ctx, conf.ID, model.QuotaCountry)
		if err != nil {
			return d, err
		}
		d.Delegations = registration.CountryDelegations(qs, counts, members, fps)
	}
	loc := conf.Location()
	y, m, day := s.now().In(loc).Date()
	today := time.Date(y, m, day, 0, 0, 0, 0, loc)
	perDay, err := s.store.RegistrationsPerDay(ctx, conf.ID, loc, today.AddDate(0, 0, 1-chartDays), today)
	if err != nil {
		return d, err
	}
	for _, p := range perDay {
		t, _ := time.Parse(time.DateOnly, p.Day)
		d.PerDay = append(d.PerDay, admin.DayBar{Day: p.Day, Label: t.Format("2 Jan"), Count: p.Count})
	}
	mail, err := s.store.MailCounts(ctx, conf.ID)
	if err != nil {
		return d, err
	}
	d.MailQueued, d.MailFailed = mail[model.MailQueued], mail[model.MailFailed]
	if d.LettersWaiting, err = s.store.LettersWaiting(ctx, conf.ID); err != nil {
		return d, err
	}
	if d.Erasures, err = s.store.ErasureRequests(ctx, conf.ID); err != nil {
		return d, err
	}
	return d, nil
}

package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/paths"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

// showDeskRegistrations is the registrations list: ?q=&status=&country=&org_type=&category=&sort=&page=.
func (s *Server) showDeskRegistrations(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Registrations", "registrations")
	if err != nil {
		return err
	}
	ctx, conf := c.UserContext(), p.Conference
	v := admin.RegistrationsView{Filter: store.ParseRegistrationFilter(queryValues(c))}
	if v.List, err = s.store.Registrations(ctx, conf.ID, v.Filter); err != nil {
		return err
	}
	v.Filter.Page = v.List.Page
	if v.Counts, err = s.store.RegistrationCounts(ctx, conf.ID); err != nil {
		return err
	}
	if v.Countries, err = s.store.RegistrationCountries(ctx, conf.ID); err != nil {
		return err
	}
	if v.Taken, err = s.store.ActiveCount(ctx, conf.ID); err != nil {
		return err
	}
	if v.Filter.Filtered() || v.List.Page > 1 {
		p.Title = fmt.Sprintf("Registrations (%d found, page %d)", v.List.Total, v.List.Page)
	}
	return render(c, fiber.StatusOK, admin.RegistrationsPage(p, v))
}

// bulkConfirmRegistrations confirms the ticked registrations (see
// registration.Service.ConfirmMany) and goes back to the same list.
func (s *Server) bulkConfirmRegistrations(c *fiber.Ctx) error {
	back := paths.Registrations
	if ret, err := url.ParseQuery(c.FormValue("return")); err == nil {
		// Rebuilt from the parsed filter, so only known parameters go into the address.
		if q := store.ParseRegistrationFilter(ret).Query(); q != "" {
			back += "?" + q
		}
	}
	var ids []int64
	for _, raw := range c.Request().PostArgs().PeekMulti("id") {
		if id, err := strconv.ParseInt(string(raw), 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return s.redirectWithFlash(c, back, "Nothing was confirmed: tick the registrations to confirm first.")
	}
	if len(ids) > store.RegistrationsPerPage*4 {
		return fiber.NewError(fiber.StatusRequestEntityTooLarge, "Too many registrations at once: confirm at most one page at a time.")
	}
	conf := conference(c)
	res, err := s.reg.ConfirmMany(c.UserContext(), conf, ids, c.FormValue("over_capacity") != "", deskActor(c))
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, back, bulkMessage(res.Confirmed, res.Full, res.Skipped))
}

// bulkMessage says what a bulk confirmation did, in sentences.
func bulkMessage(confirmed, full, skipped int) string {
	plural := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	}
	var parts []string
	switch confirmed {
	case 0:
		parts = append(parts, "No registration was confirmed.")
	default:
		parts = append(parts, "Confirmed "+plural(confirmed, "registration", "registrations")+"; each person is told by e-mail.")
	}
	if full > 0 {
		parts = append(parts, plural(full, "waitlisted registration stays", "waitlisted registrations stay")+
			" on the waiting list because the conference is full; tick “Confirm even if over capacity” to confirm anyway.")
	}
	if skipped > 0 {
		parts = append(parts, plural(skipped, "selected registration was", "selected registrations were")+
			" left as they were: only pending and waitlisted participants are confirmed here.")
	}
	return strings.Join(parts, " ")
}

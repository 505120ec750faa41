package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/plural"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

// showDeskRegistrations is the registrations list: ?q=&status=&country=&org_type=&category=&letter=&sort=&page=.
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
	back, ids := bulkReturn(c), bulkIDs(c)
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

// bulkApproveLetters approves the visa letters of the ticked registrations
// (registration.Service.ApproveLetters), each as its row showed it (the
// form's letter-ID fingerprints), and goes back to the same list, naming
// every letter it could not approve and why.
func (s *Server) bulkApproveLetters(c *fiber.Ctx) error {
	back, ids := bulkReturn(c), bulkIDs(c)
	if len(ids) == 0 {
		return s.redirectWithFlash(c, back, "No visa letter was approved: tick the registrations whose letters to approve first.")
	}
	if len(ids) > store.RegistrationsPerPage*4 {
		return fiber.NewError(fiber.StatusRequestEntityTooLarge, "Too many registrations at once: approve at most one page at a time.")
	}
	seen := make(map[int64]string, len(ids))
	for _, id := range ids {
		seen[id] = c.FormValue("letter-" + strconv.FormatInt(id, 10))
	}
	res, err := s.reg.ApproveLetters(c.UserContext(), conference(c), seen, deskActor(c))
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, back, lettersMessage(res))
}

// lettersMessage says what a bulk letter approval did, naming each person.
func lettersMessage(res registration.LettersResult) string {
	var parts []string
	if len(res.Approved) == 0 {
		parts = append(parts, "No visa letter was approved.")
	} else {
		names := make([]string, len(res.Approved))
		for i, r := range res.Approved {
			names[i] = r.FullName()
		}
		parts = append(parts, "Approved "+plural.Count(len(res.Approved), "visa letter", "visa letters")+": "+
			strings.Join(names, ", ")+". Each letter can be printed now.")
	}
	if len(res.Refused) > 0 {
		lines := make([]string, len(res.Refused))
		for i, ref := range res.Refused {
			who := "Registration " + strconv.FormatInt(ref.ID, 10)
			if ref.Registration.ID != 0 {
				who = ref.Registration.FullName() + " (" + ref.Registration.Reference + ")"
			}
			lines[i] = who + ": " + ref.Reason
		}
		parts = append(parts, "Not approved: "+strings.Join(lines, " "))
	}
	return strings.Join(parts, " ")
}

// bulkReturn is the list a bulk action goes back to, rebuilt from the
// form's return filter, so only known parameters go into the address.
func bulkReturn(c *fiber.Ctx) string {
	back := "/admin/registrations"
	if ret, err := url.ParseQuery(c.FormValue("return")); err == nil {
		if q := store.ParseRegistrationFilter(ret).Query(); q != "" {
			back += "?" + q
		}
	}
	return back
}

// bulkIDs are the ticked registrations' ids (the form's id values),
// without anything that is not one.
func bulkIDs(c *fiber.Ctx) []int64 {
	var ids []int64
	for _, raw := range c.Request().PostArgs().PeekMulti("id") {
		if id, err := strconv.ParseInt(string(raw), 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// bulkMessage says what a bulk confirmation did, in sentences.
func bulkMessage(confirmed, full, skipped int) string {
	var parts []string
	switch confirmed {
	case 0:
		parts = append(parts, "No registration was confirmed.")
	default:
		parts = append(parts, "Confirmed "+plural.Count(confirmed, "registration", "registrations")+"; each person is told by e-mail.")
	}
	if full > 0 {
		parts = append(parts, plural.Count(full, "waitlisted registration stays", "waitlisted registrations stay")+
			" on the waiting list because the conference is full; tick “Confirm even if over capacity” to confirm anyway.")
	}
	if skipped > 0 {
		parts = append(parts, plural.Count(skipped, "selected registration was", "selected registrations were")+
			" left as they were: only pending and waitlisted participants are confirmed here.")
	}
	return strings.Join(parts, " ")
}

package web

import (
	"bytes"
	"context"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/country"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/internal/store"
	"confdesk/views"
)

// badgeOf is what a registration's badge shows, its words (category,
// head of delegation, the conference's days) in the person's language.
func badgeOf(conf model.Conference, r model.Registration) pdf.Badge {
	name := r.BadgeName
	if name == "" {
		name = r.FullName()
	}
	org := r.Organisation
	if r.Category == model.CategoryPress && r.Outlet != "" {
		org = r.Outlet
	}
	l := i18n.ByCode(r.Language)
	return pdf.Badge{Name: name, Organisation: org, Country: country.LocalName(l.Tag, r.Country), Category: r.Category,
		CategoryWord: l.T("doc.category." + r.Category), HeadOfDelegationWord: l.T("doc.badge.head_of_delegation"),
		Dates:            views.DateRange(i18n.With(context.Background(), l), conf),
		HeadOfDelegation: r.HeadOfDelegation, Reference: r.Reference, CheckinCode: r.CheckinCode}
}

// sendPDF sends a rendered document inline under filename.
func sendPDF(c *fiber.Ctx, filename string, body []byte) error {
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="`+filename+`"`)
	return c.Send(body)
}

// renderBadges draws badges for regs in layout, and says which of regs a
// batch left out (pdf.Badges). A single badge comes from the badge cache:
// the same badge is drawn once, however often it is fetched.
func (s *Server) renderBadges(c *fiber.Ctx, conf model.Conference, layout pdf.Layout, regs []model.Registration) ([]byte, []int, error) {
	badges := make([]pdf.Badge, len(regs))
	for i, r := range regs {
		badges[i] = badgeOf(conf, r)
	}
	logo, err := s.documentImage(c, model.ImageLogo)
	if err != nil {
		return nil, nil, err
	}
	header := pdf.BadgeHeader{ShortName: conf.ShortName, Dates: conf.DateRange(), Logo: logo}
	meta := pdf.Meta{Title: "Badges · " + conf.ShortName, Author: conf.Organiser, Created: s.now()}
	var leftOut []int
	draw := func() ([]byte, error) {
		var buf bytes.Buffer
		var err error
		leftOut, err = pdf.Badges(&buf, layout, header, badges, meta)
		return buf.Bytes(), err
	}
	if len(badges) != 1 {
		body, err := draw()
		return body, leftOut, err
	}
	// A single badge is never left out: it prints or fails.
	body, err := s.badges.get(badgeKey(layout, header, badges[0], meta.Title, meta.Author), draw)
	return body, nil, err
}

// printBadges draws badges for an organiser and records them as printed:
// only organisers' prints count, so that "not printed yet" still finds
// participants who downloaded their own badge.
func (s *Server) printBadges(c *fiber.Ctx, conf model.Conference, layout pdf.Layout, regs []model.Registration) ([]byte, error) {
	body, leftOut, err := s.renderBadges(c, conf, layout, regs)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for i, r := range regs {
		if !slices.Contains(leftOut, i) {
			ids = append(ids, r.ID)
		}
	}
	for _, i := range leftOut {
		s.log.Warn("badge left out of a batch: it could not be drawn", "registration", regs[i].ID, "reference", regs[i].Reference)
	}
	now := s.now()
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error { return tx.MarkBadgesPrinted(ids, now) })
	return body, err
}

// layoutParam is the ?layout= of a badge request; A6 by default.
func layoutParam(c *fiber.Ctx) (pdf.Layout, error) {
	l := pdf.Layout(c.Query("layout", string(pdf.LayoutA6)))
	if !l.Valid() {
		return l, fiber.NewError(fiber.StatusBadRequest, language(c).T("doc.badge.unknown_layout", "Layouts", layoutNames()))
	}
	return l, nil
}

// layoutNames lists the layouts for the unknown-layout message: "a6, a4-4, …".
func layoutNames() string {
	names := make([]string, len(pdf.Layouts))
	for i, l := range pdf.Layouts {
		names[i] = string(l)
	}
	return strings.Join(names, ", ")
}

// showOwnBadge is a confirmed participant's badge, from their self-service
// page. It writes nothing: a participant's download is not a print.
func (s *Server) showOwnBadge(c *fiber.Ctx) error {
	r := currentRegistration(c)
	if r.Status != model.StatusConfirmed {
		return fiber.ErrNotFound
	}
	layout, err := layoutParam(c)
	if err != nil {
		return err
	}
	conf := conference(c)
	body, _, err := s.renderBadges(c, conf, layout, []model.Registration{r})
	if err != nil {
		return err
	}
	return sendPDF(c, "badge-"+r.Reference+".pdf", body)
}

// showRegistrationBadge is any registration's badge, for organisers.
func (s *Server) showRegistrationBadge(c *fiber.Ctx) error {
	conf := conference(c)
	r, err := loadRecord(c, s.store.Registration)
	if err != nil {
		return err
	}
	layout, err := layoutParam(c)
	if err != nil {
		return err
	}
	body, err := s.printBadges(c, conf, layout, []model.Registration{r})
	if err != nil {
		return err
	}
	return sendPDF(c, "badge-"+r.Reference+".pdf", body)
}

// badgeSorts are the orders a badge batch may come in.
var badgeSorts = map[string]bool{"last_name": true, "country": true, "organisation": true}

// showBadgeBatch prints the badges of the confirmed registrations the
// registrations desk's filters select (plus "not printed yet"), in the
// chosen order (?badge_order=) and layout.
func (s *Server) showBadgeBatch(c *fiber.Ctx) error {
	ctx := c.UserContext()
	layout, err := layoutParam(c)
	if err != nil {
		return err
	}
	q := queryValues(c)
	f := store.ParseRegistrationFilter(q)
	f.Status, f.Page = model.StatusConfirmed, 1
	// The desk's form sends the list's own order as sort and the sheet's
	// as badge_order; a link with only sort (older bookmarks) still works.
	if order := q.Get("badge_order"); badgeSorts[order] {
		f.Sort = order
	}
	if !badgeSorts[f.Sort] {
		f.Sort = "last_name"
	}
	conf := conference(c)
	var regs []model.Registration
	if err := s.store.EachRegistration(ctx, conf.ID, f, func(r model.Registration) error {
		regs = append(regs, r)
		return nil
	}); err != nil {
		return err
	}
	body, err := s.printBadges(c, conf, layout, regs)
	if err != nil {
		return err
	}
	return sendPDF(c, "badges-"+string(layout)+".pdf", body)
}

package web

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/views"
	pressview "confdesk/views/press"
)

// showPress is the public press room's front page. The conference comes
// from the snapshot (currentConference): on a cached page, its query was
// most of the time.
func (s *Server) showPress(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p := page(c, i18n.T(ctx, "press.title"), "press")
	p.Description = i18n.T(ctx, "press.meta", "Conference", views.ConferenceName(ctx, p.Conference).Text)
	// The button shows the kit's size, so the page needs the kit; both are
	// kept until the same change drops them. Without a kit (a full disk,
	// say) journalists still get the releases and contacts: the page is
	// then drawn without the size, and not kept.
	kit, err := s.mediaKit(ctx, p.Conference)
	if err != nil {
		s.log.Error("press: media kit unavailable", "error", err)
		page, err := s.pressRoomPage(ctx, p, 0)
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, page.ContentType)
		return c.Send(page.Body)
	}
	return s.servePress(c, pressKey(p.Conference, s.now(), "page:/press"), func() (*cachedResponse, error) {
		return s.pressRoomPage(ctx, p, kit.Size)
	})
}

// pressRoomPage renders the press room with a kit of kitSize bytes (0: unknown).
func (s *Server) pressRoomPage(ctx context.Context, p views.Page, kitSize int64) (*cachedResponse, error) {
	pub, err := s.pressPublic(ctx, p.Conference)
	if err != nil {
		return nil, err
	}
	return htmlEntry(ctx, pressview.RoomPage(p, pressview.Room{
		Releases: pub.releases, Contacts: pub.contacts, Files: pub.files,
		Kit: pressview.Kit{Href: "/press/kit.zip", Size: kitSize, Contents: kitContents(pub)},
	}))
}

// kitContents says in a few lines what the media kit holds.
func kitContents(pub pressPublished) []i18n.M {
	var out []i18n.M
	counted := func(id string, n int) i18n.M { return i18n.M{ID: id, Count: &n} }
	switch n := len(pub.releases); n {
	case 0:
	case 1:
		out = append(out, i18n.Msg("press.kit_list.release"))
	default:
		out = append(out, counted("press.kit_list.releases", n))
	}
	out = append(out, i18n.Msg("press.kit_list.fact_sheet"), i18n.Msg("press.kit_list.programme"))
	if len(pub.contacts) > 0 {
		out = append(out, i18n.Msg("press.kit_list.contacts"))
	}
	switch n := len(pub.files); n {
	case 0:
	case 1:
		out = append(out, i18n.Msg("press.kit_list.file"))
	default:
		out = append(out, counted("press.kit_list.files", n))
	}
	return append(out, i18n.Msg("press.kit_list.readme"))
}

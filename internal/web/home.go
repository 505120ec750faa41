package web

import (
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/registration"
	"confdesk/views/public"
)

// showHome renders the front page.
func (s *Server) showHome(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p, err := s.page(c, "", "home")
	if err != nil {
		return err
	}
	figures, err := s.store.Figures(ctx, p.Conference.ID)
	if err != nil {
		return err
	}
	tracks, err := s.store.Tracks(ctx, p.Conference.ID)
	if err != nil {
		return err
	}
	active, err := s.store.ActiveCount(ctx, p.Conference.ID)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, public.HomePage(p, public.Home{
		Figures: figures,
		Tracks:  tracks,
		Window:  registration.WindowAt(p.Conference, active, s.now()),
	}))
}

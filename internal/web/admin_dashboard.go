package web

import (
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/auth"
	"confdesk/views/admin"
)

// consoleRoutes registers the console's own pages: dashboard, account,
// users, settings and the audit log.
func (s *Server) consoleRoutes() {
	s.admin(fiber.MethodGet, "/admin", auth.AnyUser, s.showDashboard)
	s.admin(fiber.MethodGet, "/admin/account", auth.AnyUser, s.showAccount)
	s.admin(fiber.MethodPost, "/admin/account/password", auth.AnyUser, s.changePassword)
}

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
	return render(c, fiber.StatusOK, admin.DashboardPage(p))
}

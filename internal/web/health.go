package web

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// health answers 200 when the database answers a query within two seconds, else 503.
func (s *Server) health(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	c.Set(fiber.HeaderCacheControl, "no-store")
	if err := s.store.DB().Ping(ctx); err != nil {
		s.log.Error("health check failed", "error", err)
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unavailable\n")
	}
	return c.SendString("ok\n")
}

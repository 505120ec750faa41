package web

import (
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/gofiber/fiber/v2"
)

// contentSecurityPolicy allows no inline script or style and no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	h.Set(fiber.HeaderContentSecurityPolicy, contentSecurityPolicy)
	h.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	h.Set(fiber.HeaderXFrameOptions, "DENY")
	// same-origin, not no-referrer: CSRF protection over https compares the
	// Referer with the host, and no other site learns our URLs.
	h.Set(fiber.HeaderReferrerPolicy, "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), interest-cohort=()")
	if s.cfg.Secure() {
		// Set from the configured base URL, not from the request, since TLS
		// usually ends at a proxy in front of us.
		h.Set(fiber.HeaderStrictTransportSecurity, "max-age=31536000; includeSubDomains")
	}
	return c.Next()
}

// logRequest writes one line per request: method, route, status, duration.
// For routes with parameters it logs the route's pattern, never the values,
// so self-service tokens and other identifiers stay out of the logs; query
// strings are never logged.
func (s *Server) logRequest(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		// The error handler has not run yet; report the status it will send.
		status = statusOf(err)
	}
	path := c.Path()
	if r := c.Route(); r != nil && len(r.Params) > 0 {
		path = r.Path
	}
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.LogAttrs(c.UserContext(), level, "request",
		slog.String("method", c.Method()),
		slog.String("path", path),
		slog.Int("status", status),
		slog.Duration("duration", time.Since(start)),
	)
	return err
}

// logPanic records a recovered panic with its stack; the client gets the 500 page.
func (s *Server) logPanic(c *fiber.Ctx, e any) {
	s.log.Error("panic while handling request", "method", c.Method(), "route", c.Route().Path,
		"panic", fmt.Sprint(e), "stack", string(debug.Stack()))
}

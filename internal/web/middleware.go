package web

import (
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
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

// logRequest writes one line per request: method, path, route, status,
// duration, bytes sent and the client's address (clientAddr), and counts
// the request in the metrics when they are on. The path is the route's
// pattern when a route with parameters matched, and otherwise the path
// with every segment that looks like a secret replaced (logPath): a
// self-service token under a path no route knows (".../TOKEN/",
// ".../TOKEN/nope") must not reach the log either. route is the pattern
// alone (routePattern). Query strings and form values are never logged.
func (s *Server) logRequest(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	elapsed := time.Since(start)
	status := c.Response().StatusCode()
	if err != nil {
		// The error handler has not run yet; report the status it will send.
		status = statusOf(err)
	}
	route := routePattern(c)
	if s.metrics != nil {
		s.metrics.ObserveRequest(c.Method(), route, status, elapsed)
	}
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.LogAttrs(c.UserContext(), level, "request",
		slog.String("method", c.Method()),
		slog.String("path", logPath(c)),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Duration("duration", elapsed),
		slog.Int("bytes", bodySize(c)),
		slog.String("client", s.clientIP(c)),
	)
	return err
}

// bodySize is the length of the response body: for a streamed body (a
// file) its announced length, since Body() would read the stream into
// memory; -1 when a stream's length is not known.
func bodySize(c *fiber.Ctx) int {
	r := c.Response()
	if r.IsBodyStream() {
		return max(r.Header.ContentLength(), -1)
	}
	return len(r.Body())
}

// routePattern is the pattern of the last route that handled the request
// ("/registration/:token", "/assets/*"), as written in routes.go; a
// request no route answered ends on a middleware's prefix such as "/".
// Fiber falls back to the raw path when no route is set at all, so the
// pattern goes through redactPath too: a token cannot slip through.
func routePattern(c *fiber.Ctx) string {
	return redactPath(c.Route().Path)
}

// logPanic records a recovered panic with its stack; the client gets the 500 page.
func (s *Server) logPanic(c *fiber.Ctx, e any) {
	s.log.Error("panic while handling request", "method", c.Method(), "path", logPath(c),
		"panic", fmt.Sprint(e), "stack", string(debug.Stack()))
}

// logPath is the request's path as logs may hold it: the matched route's
// pattern when it has parameters, else the path with secret-looking
// segments redacted.
func logPath(c *fiber.Ctx) string {
	if r := c.Route(); r != nil && len(r.Params) > 0 {
		return redactPath(r.Path)
	}
	return redactPath(c.Path())
}

// redactedSegment stands in the log for a path segment that looked secret.
const redactedSegment = ":redacted"

// redactPath replaces each segment of path that looks like a secret token
// (secretLike) with ":redacted" and drops anything after "?". It is
// generic on purpose: tokens in paths that do not exist yet (sign-in links,
// calendar feeds) are covered without anyone remembering to add them.
func redactPath(path string) string {
	path, _, _ = strings.Cut(path, "?")
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		if secretLike(seg) {
			segs[i] = redactedSegment
		}
	}
	return strings.Join(segs, "/")
}

// secretLike reports whether a path segment (with any ".ext" set aside)
// looks like a token: 16 or more characters of the base64url alphabet
// (hex included) that are not words joined by hyphens. A slug such as
// "regional-cooperation-2027" is kept; "Q2xhdmU…", a 64-digit hex hash, a
// UUID (letters and digits within a word) or an all-letter run of 16 or
// more is redacted. Over-redacting a long word
// costs a little clarity in a 404 line; under-redacting a token would hand
// someone a registration.
func secretLike(seg string) bool {
	if i := strings.IndexByte(seg, '.'); i >= 0 {
		seg = seg[:i]
	}
	if len(seg) < 16 {
		return false
	}
	for _, r := range seg {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	for word := range strings.SplitSeq(seg, "-") {
		if len(word) > 15 || strings.ToLower(word) != word || strings.Contains(word, "_") ||
			strings.ContainsAny(word, "0123456789") && strings.Trim(word, "0123456789") != "" {
			return true
		}
	}
	return false
}

package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/assets"
	"confdesk/views"
)

// serveAsset serves an embedded file. A URL with the file's current hash in
// ?v= may be cached for a year; any other gets a short life and its ETag.
func (s *Server) serveAsset(c *fiber.Ctx) error {
	f, ok := assets.Lookup(c.Params("*"))
	if !ok {
		return fiber.ErrNotFound
	}
	cache := "public, max-age=300"
	if c.Query("v") == f.Hash {
		cache = "public, max-age=31536000, immutable"
	}
	return sendCached(c, f.ContentType, cache, f.Hash, f.Body)
}

// sendCached sends body with an ETag made of hash, or 304 Not Modified when
// the client already holds that version.
func sendCached(c *fiber.Ctx, contentType, cacheControl, hash string, body []byte) error {
	etag := `"` + hash + `"`
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderCacheControl, cacheControl)
	if c.Get(fiber.HeaderIfNoneMatch) == etag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, contentType)
	return c.Send(body)
}

// serveTheme serves the CSS that gives each track its colour. The colours
// live in the database, and the CSP forbids inline styles, so they come as a
// small stylesheet, revalidated by ETag.
func (s *Server) serveTheme(c *fiber.Ctx) error {
	conf := conference(c)
	tracks, err := s.store.Tracks(c.UserContext(), conf.ID)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("/* Track colours, from the organisers' settings. */\n")
	for _, t := range tracks {
		// Colours are checked by the database (#rrggbb), so they are safe in CSS.
		fmt.Fprintf(&b, ".%s{--track-colour:%s}\n", views.TrackClass(t), t.Colour)
	}
	body := []byte(b.String())
	sum := sha256.Sum256(body)
	return sendCached(c, "text/css; charset=utf-8", "no-cache", hex.EncodeToString(sum[:8]), body)
}

package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"os"
	"path"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// cachedResponse is a rendered body with what is needed to serve it again.
type cachedResponse struct {
	ContentType string
	Body        []byte
	ETag        string // strong, quoted
	Filename    string // when set, served as an attachment under this name
	// Path, when set, is a file on disk served instead of Body, streamed so
	// that memory does not grow with its size (the media kit); Size is its
	// length and ETag must be set by whoever made it.
	Path string
	Size int64

	variant string // see getCurrent
}

// responseCache keeps rendered public pages and exports in memory until
// the data behind them changes: a write calls invalidate, and the next
// request renders afresh. Each area (agenda, press room) has its own.
type responseCache struct {
	mu      sync.Mutex
	entries map[string]*cachedResponse
	gen     uint64 // bumped by invalidate; a render started before it is not kept
}

func newResponseCache() *responseCache {
	return &responseCache{entries: map[string]*cachedResponse{}}
}

// get returns the entry for key, rendering it with build on a miss.
// Concurrent misses may each render; the result is the same bytes.
func (rc *responseCache) get(key string, build func() (*cachedResponse, error)) (*cachedResponse, error) {
	return rc.getCurrent(key, "", build)
}

// getCurrent is get for a page that has one current version, named by
// variant: the entry under key serves that variant only, and a render for
// another variant replaces it. The home page uses it: it shows the places
// left, which change with every registration, and one copy per count
// would grow with the capacity.
func (rc *responseCache) getCurrent(key, variant string, build func() (*cachedResponse, error)) (*cachedResponse, error) {
	rc.mu.Lock()
	e, ok := rc.entries[key]
	gen := rc.gen
	rc.mu.Unlock()
	if ok && e.variant == variant {
		return e, nil
	}
	e, err := build()
	if err != nil {
		return nil, err
	}
	e.variant = variant
	if e.ETag == "" {
		sum := sha256.Sum256(e.Body)
		e.ETag = `"` + hex.EncodeToString(sum[:12]) + `"`
	}
	rc.mu.Lock()
	if rc.gen == gen {
		rc.entries[key] = e
	}
	rc.mu.Unlock()
	return e, nil
}

// htmlEntry renders a page into a cacheable response.
func htmlEntry(ctx context.Context, comp templ.Component) (*cachedResponse, error) {
	var buf bytes.Buffer
	if err := comp.Render(ctx, &buf); err != nil {
		return nil, fmt.Errorf("web: render page for the cache: %w", err)
	}
	return &cachedResponse{ContentType: fiber.MIMETextHTMLCharsetUTF8, Body: buf.Bytes()}, nil
}

// invalidate drops every entry.
func (rc *responseCache) invalidate() {
	rc.mu.Lock()
	rc.entries = map[string]*cachedResponse{}
	rc.gen++
	rc.mu.Unlock()
}

// send serves e, or 304 Not Modified when the client holds its ETag.
// Fiber answers HEAD from the GET route without the body.
func (e *cachedResponse) send(c *fiber.Ctx) error {
	c.Set(fiber.HeaderETag, e.ETag)
	c.Set(fiber.HeaderCacheControl, "no-cache")
	if c.Get(fiber.HeaderIfNoneMatch) == e.ETag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, e.ContentType)
	if e.Filename != "" {
		c.Attachment(e.Filename)
		c.Set(fiber.HeaderContentType, e.ContentType)
	} else if !strings.HasPrefix(e.ContentType, "text/html") {
		// Shown in place (a PDF in the browser, a feed in a calendar), but
		// named, so that a saved copy keeps the URL's name.
		c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("inline", map[string]string{"filename": path.Base(c.Path())}))
	}
	if e.Path != "" {
		f, err := os.Open(e.Path)
		if err != nil {
			return fmt.Errorf("web: cached file: %w", err)
		}
		// fasthttp closes the file once it is sent (or, for HEAD, skipped).
		return c.SendStream(f, int(e.Size))
	}
	return c.Send(e.Body)
}

// conferenceSnapshot keeps what a cached public page must still ask the
// database on every request, the current conference and how many places
// are taken, keyed on the database's data version (database.DataVersion):
// while no connection, in this process or another, has committed anything,
// they are what the file holds, and a request costs one round trip to
// SQLite that touches no table instead of two queries. Those two queries
// were most of the front page's time.
type conferenceSnapshot struct {
	mu      sync.Mutex
	version int64
	valid   bool
	conf    model.Conference
	active  int
	// content is the conference's content translations by language, read
	// at contentVersion (contentTranslations).
	content        map[string]i18n.Content
	contentVersion int64
}

// currentConference returns the current conference and its active count
// (store.ActiveCount), from the snapshot when nothing was committed since
// it was read. The version is read before the queries, so a commit in
// between leaves a snapshot that the next request finds out of date,
// never one that looks current. It also returns that version (-1 when it
// could not be read), for contentAt to check against without asking again.
func (s *Server) currentConference(ctx context.Context) (model.Conference, int, int64, error) {
	version := s.dataVersion(ctx)
	if version >= 0 {
		s.snapshot.mu.Lock()
		valid, conf, active := s.snapshot.valid && s.snapshot.version == version, s.snapshot.conf, s.snapshot.active
		s.snapshot.mu.Unlock()
		if valid {
			return conf, active, version, nil
		}
	}
	conf, err := s.store.CurrentConference(ctx)
	if err != nil {
		return conf, 0, version, err
	}
	active, err := s.store.ActiveCount(ctx, conf.ID)
	if err != nil {
		return conf, 0, version, err
	}
	if version >= 0 {
		s.snapshot.mu.Lock()
		s.snapshot.version, s.snapshot.valid, s.snapshot.conf, s.snapshot.active = version, true, conf, active
		s.snapshot.mu.Unlock()
	}
	return conf, active, version, nil
}

// dataVersion is the database's data version (database.DataVersion), or
// -1 when it cannot be read: then nothing is taken from the snapshot.
func (s *Server) dataVersion(ctx context.Context) int64 {
	v, err := s.store.DB().DataVersion(ctx)
	if err != nil {
		return -1
	}
	return v
}

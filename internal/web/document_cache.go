package web

import (
	"container/list"
	"crypto/sha256"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
)

// badgeCache keeps rendered single badges, keyed on everything a badge
// shows (the registration's printed fields, the conference line, the
// layout and the document's title), so that a change to the registration
// or to the badge's design is a new key and no change hook can be
// forgotten: an entry that no longer matches is simply never asked for
// again, and the least recently used entries go once the cache holds
// maxBytes. A badge is 20–40 KB, so the default bound holds a whole
// conference's badges several times over.
type badgeCache struct {
	mu       sync.Mutex
	maxBytes int
	bytes    int
	order    *list.List // of *badgeEntry, most recently used first
	entries  map[[32]byte]*list.Element
}

type badgeEntry struct {
	key  [32]byte
	body []byte
}

// badgeCacheBytes bounds the memory the badge cache may hold.
const badgeCacheBytes = 32 << 20

func newBadgeCache(maxBytes int) *badgeCache {
	return &badgeCache{maxBytes: maxBytes, order: list.New(), entries: map[[32]byte]*list.Element{}}
}

// badgeKey is the cache key for what parts describe: %#v of structs of
// strings and booleans is exact and stable.
func badgeKey(parts ...any) [32]byte {
	return sha256.Sum256(fmt.Appendf(nil, "%#v", parts))
}

// get returns the badge under key, rendering it with build on a miss.
// Concurrent misses may each render; the result is the same badge.
func (bc *badgeCache) get(key [32]byte, build func() ([]byte, error)) ([]byte, error) {
	bc.mu.Lock()
	if el, ok := bc.entries[key]; ok {
		bc.order.MoveToFront(el)
		body := el.Value.(*badgeEntry).body
		bc.mu.Unlock()
		return body, nil
	}
	bc.mu.Unlock()
	body, err := build()
	if err != nil || len(body) > bc.maxBytes {
		return body, err
	}
	bc.mu.Lock()
	defer bc.mu.Unlock()
	if _, ok := bc.entries[key]; !ok {
		bc.entries[key] = bc.order.PushFront(&badgeEntry{key, body})
		bc.bytes += len(body)
	}
	for bc.bytes > bc.maxBytes {
		last := bc.order.Back()
		e := last.Value.(*badgeEntry)
		bc.order.Remove(last)
		delete(bc.entries, e.key)
		bc.bytes -= len(e.body)
	}
	return body, nil
}

// downloadLimiter counts a participant's document downloads per
// registration (that is, per self-service token) in fixed windows of one
// minute, on the server's clock. The badge is cached, but letters and
// certificates are drawn on every request, and one leaked link must not
// be able to keep a core busy.
type downloadLimiter struct {
	mu      sync.Mutex
	max     int
	now     func() time.Time
	windows map[int64]window
}

type window struct {
	start time.Time
	n     int
}

func newDownloadLimiter(max int, now func() time.Time) *downloadLimiter {
	return &downloadLimiter{max: max, now: now, windows: map[int64]window{}}
}

// allow counts one download for registration id and reports whether it is
// within the limit, and if not, how long until it is.
func (d *downloadLimiter) allow(id int64) (bool, time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	if len(d.windows) > 10000 { // bound memory: forget finished windows
		for k, w := range d.windows {
			if now.Sub(w.start) >= time.Minute {
				delete(d.windows, k)
			}
		}
	}
	w := d.windows[id]
	if now.Sub(w.start) >= time.Minute || now.Before(w.start) {
		w = window{start: now}
	}
	w.n++
	d.windows[id] = w
	if w.n > d.max {
		return false, w.start.Add(time.Minute).Sub(now)
	}
	return true, 0
}

// limitDownloads answers 429 with a page that says what to do when a
// self-service link has fetched too many documents in the last minute.
func (s *Server) limitDownloads(c *fiber.Ctx) error {
	if s.docLimit == nil {
		return c.Next()
	}
	ok, wait := s.docLimit.allow(currentRegistration(c).ID)
	if !ok {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(wait.Seconds()+0.999)))
		return fiber.NewError(fiber.StatusTooManyRequests, i18n.T(c.UserContext(), "self.documents_limited"))
	}
	return c.Next()
}

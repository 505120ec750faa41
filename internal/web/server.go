// Package web is confdesk's Fiber application: routes, middleware, error
// pages and one file per page or action. Handlers stay thin: they read the
// request, call a domain package or the store, and render a views
// component or a document.
package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"log/slog"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/csrf"
	"github.com/gofiber/fiber/v2/middleware/session"

	"confdesk/internal/agenda"
	"confdesk/internal/announce"
	"confdesk/internal/auth"
	"confdesk/internal/checkin"
	"confdesk/internal/config"
	"confdesk/internal/press"
	"confdesk/internal/registration"
	"confdesk/internal/store"
)

// Options are what the server is built from; tests inject their own clock.
type Options struct {
	Config config.Config
	Store  *store.Store
	Logger *slog.Logger
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// NotifyMail wakes the mail sender after a change queued e-mail; nil when none runs.
	NotifyMail func()
	// PseudoLanguage offers the test-only language i18n.Pseudo as
	// ?lang=en-XA; tests set it, the server never does.
	PseudoLanguage bool
	// Metrics counts every answered request by route pattern; nil when
	// --metrics-addr is off.
	Metrics RequestObserver
}

// RequestObserver is told of each answered request (metrics.Metrics is one).
// route is the matched route's pattern, never the path asked for.
type RequestObserver interface {
	ObserveRequest(method, route string, status int, d time.Duration)
}

// Server is the web application and what its handlers share.
type Server struct {
	cfg      config.Config
	store    *store.Store
	log      *slog.Logger
	now      func() time.Time
	app      *fiber.App
	sessions *session.Store
	csrf     fiber.Handler
	formKey  []byte // signs the public forms' tokens (formguard.go)
	// pseudoLanguage: see Options.PseudoLanguage.
	pseudoLanguage bool
	metrics        RequestObserver
	reg            *registration.Service
	announcer      *announce.Service // announcements to groups of registrants
	press          *press.Editor     // the press team's changes; each clears pressCache

	loginThrottle *auth.Throttle
	twoFactor     auth.TwoFactor
	pendingLogins *auth.PendingLogins // logins waiting for their second step
	deviceMu      sync.Mutex
	deviceKey     []byte
	adminRoutes   []AdminRoute
	answers       *checkin.Answers // the check-in desk's recent answers
	downloads     *press.Downloads // the press room's download counts, written in batches

	// Rendered public pages and exports, kept until the data behind them changes.
	agendaCache *responseCache
	pressCache  *responseCache
	snapshot    *conferenceSnapshot // the current conference, while nothing changes (cache.go)

	// agendaEditor carries out the organisers' agenda changes; it clears the caches above.
	agendaEditor *agenda.Editor
	// sessionDocs carries out changes to the sessions' documents (agenda.Documents).
	sessionDocs *agenda.Documents

	// Rendered single badges, keyed on what they show (document_cache.go),
	// and the per-link limit on participants' document downloads (nil: off).
	badges   *badgeCache
	docLimit *downloadLimiter
}

// Limits of the HTTP server.
const (
	// BodyLimit is the largest request body on every route but the press
	// room's: the longest form (an agenda session, 5,000 characters) fits
	// many times over. fasthttp refuses a longer announced body with 413
	// before reading it, so a stranger's Content-Length reserves nothing.
	BodyLimit    = 64 << 10
	readTimeout  = 30 * time.Second
	writeTimeout = 60 * time.Second // batch badge PDFs take a while on a slow link
	idleTimeout  = 120 * time.Second
	// sessionIdle is how long a web session lives without being used.
	sessionIdle = 12 * time.Hour
)

// New builds the application with every route registered.
func New(o Options) (*Server, error) {
	formKey, err := o.Store.Secret(context.Background(), "form-token-key")
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: o.Config, store: o.Store, log: o.Logger, now: o.Now, formKey: formKey, pseudoLanguage: o.PseudoLanguage,
		metrics: o.Metrics}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.loginThrottle = auth.NewThrottle(s.now)
	sealer, err := auth.LoadSealer(totpKeyPath(o.Config.DBPath))
	if err != nil {
		return nil, err
	}
	s.twoFactor = auth.TwoFactor{Store: o.Store, Sealer: sealer}
	s.pendingLogins = auth.NewPendingLogins(s.now)
	s.answers = checkin.NewAnswers(s.now)
	s.downloads = press.NewDownloads(o.Store, s.log)
	s.agendaCache, s.pressCache = newResponseCache(), newResponseCache()
	s.snapshot = &conferenceSnapshot{}
	s.agendaEditor = &agenda.Editor{Store: o.Store, Now: s.now, Changed: s.agendaChanged}
	s.badges = newBadgeCache(badgeCacheBytes)
	if o.Config.DownloadLimit > 0 {
		s.docLimit = newDownloadLimiter(o.Config.DownloadLimit, s.now)
	}
	s.reg = &registration.Service{Store: o.Store, BaseURL: o.Config.BaseURL, Now: s.now, Notify: o.NotifyMail}
	s.announcer = &announce.Service{Store: o.Store, BaseURL: o.Config.BaseURL, Now: s.now, Notify: o.NotifyMail}
	s.press = &press.Editor{Store: o.Store, Files: s.pressFiles(), Now: s.now, Changed: s.pressCache.invalidate, Log: s.log}
	s.sessionDocs = &agenda.Documents{Store: o.Store, Files: s.sessionDocumentFiles(), Now: s.now, Changed: s.agendaChanged, Log: s.log}
	s.app = fiber.New(fiber.Config{
		AppName: "confdesk",
		// Every string a handler reads from the request (form values,
		// params, cookies) is its own copy, so it may outlive the request:
		// in a flash, the audit log, a cache or a goroutine.
		Immutable:             true,
		ErrorHandler:          s.handleError,
		BodyLimit:             BodyLimit,
		ReadTimeout:           readTimeout,
		WriteTimeout:          writeTimeout,
		IdleTimeout:           idleTimeout,
		DisableStartupMessage: true,
		// Paths are case-sensitive and exact, so one page has one address.
		CaseSensitive: true,
		StrictRouting: true,
	})
	// Per request, once its headers are in and before any of its body is
	// read: the large limit for press staff, the small one for everyone else.
	s.app.Server().HeaderReceived = s.uploadLimit
	s.sessions = session.New(session.Config{
		Storage:        o.Store.SessionStorage(s.now),
		Expiration:     sessionIdle,
		KeyLookup:      "cookie:confdesk_session",
		CookieHTTPOnly: true,
		CookieSameSite: fiber.CookieSameSiteLaxMode,
		CookieSecure:   o.Config.Secure(),
		CookiePath:     "/",
		KeyGenerator:   randomToken,
	})
	s.csrf = csrf.New(csrf.Config{
		KeyLookup:      "form:_csrf",
		CookieName:     "confdesk_csrf",
		CookieHTTPOnly: true,
		CookieSameSite: fiber.CookieSameSiteLaxMode,
		CookieSecure:   o.Config.Secure(),
		CookiePath:     "/",
		Expiration:     sessionIdle,
		Session:        s.sessions,
		SessionKey:     "csrf",
		ContextKey:     csrfTokenKey,
		KeyGenerator:   randomToken,
		ErrorHandler: func(c *fiber.Ctx, err error) error {
			return fiber.NewError(fiber.StatusForbidden, formExpired)
		},
	})
	s.routes()
	return s, nil
}

// App is the Fiber application, for serving and for app.Test.
func (s *Server) App() *fiber.App { return s.app }

type contextKey int

const csrfTokenKey contextKey = iota

// csrfToken is the current request's form token ("" on routes without CSRF protection).
func csrfToken(c *fiber.Ctx) string {
	t, _ := c.Locals(csrfTokenKey).(string)
	return t
}

// randomToken returns 256 random bits, URL-safe: session ids and form tokens.
func randomToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("web: crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

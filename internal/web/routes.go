package web

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/recover"
)

// routes registers the middleware and every route. Routes that render or
// accept a form add their CSRF check themselves: s.formGuard on the public
// forms and the console's login form (no session: a signed cookie), s.csrf
// on the console (bound to the login session). Read-only pages have neither.
func (s *Server) routes() {
	app := s.app
	app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: s.logPanic}))
	app.Use(s.logRequest)
	app.Use(s.securityHeaders)

	// Compression only for static files: compressing pages that hold a
	// form token and echo user input would open them to BREACH.
	assets := app.Group("/assets", compress.New(compress.Config{Level: compress.LevelBestSpeed}))
	assets.Get("/*", s.serveAsset)
	app.Get("/theme.css", compress.New(), s.serveTheme)

	app.Get("/healthz", s.health)
	app.Get("/", s.showHome)

	for _, pf := range []publicForm{participantForm, pressForm} {
		app.Get(pf.path, s.formGuard, s.showForm(pf))
		app.Post(pf.path, s.formGuard, s.registerLimit(pf), s.registerBlockLimit(pf), s.submitForm(pf))
		app.Get(pf.path+"/sent", s.showLinkSent(pf))
	}
	app.Get("/confirm/:token", s.formGuard, s.showConfirmLink)
	app.Post("/confirm/:token", s.formGuard, s.confirmLink)
	s.publicAgendaRoutes()
	app.Get("/privacy", s.showPrivacy)
	s.pressRoomRoutes()

	reg := app.Group("/registration/:token", s.withRegistration)
	reg.Get("", s.showRegistration)
	reg.Get("/edit", s.formGuard, s.showEditRegistration)
	reg.Post("/edit", s.formGuard, s.updateRegistration)
	reg.Get("/cancel", s.formGuard, s.showCancelRegistration)
	reg.Post("/cancel", s.formGuard, s.cancelRegistration)
	reg.Get("/badge.pdf", s.limitDownloads, s.showOwnBadge)
	reg.Get("/letter.pdf", s.limitDownloads, s.showOwnLetter)
	reg.Get("/certificate.pdf", s.limitDownloads, s.showOwnCertificate)
	reg.Get("/data.json", s.limitDownloads, s.showOwnData)

	// The organisers' console. Every route under /admin but login and
	// logout is registered with s.admin, which names the roles allowed.
	app.Get("/admin/login", s.formGuard, s.showLogin)
	app.Post("/admin/login", s.formGuard, s.login)
	app.Get("/admin/login/2fa", s.formGuard, s.showLogin2FA)
	app.Post("/admin/login/2fa", s.formGuard, s.login2FA)
	app.Post("/admin/logout", s.csrf, s.logout)
	s.consoleRoutes()
	s.checkinRoutes()
	s.documentRoutes()
	s.deskRoutes()
	s.agendaEditorRoutes()
	s.pressEditorRoutes()
	s.reportRoutes()

	app.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}

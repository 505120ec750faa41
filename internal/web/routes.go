package web

import (
	"fmt"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"confdesk/internal/auth"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/registration"
	"confdesk/internal/report"
)

// routes registers the middleware and every route, in the order Fiber
// matches them: a literal path ("new", "agenda.ics") before the
// parameterised path that would otherwise take it.
//
// Routes that render or accept a form add their CSRF check themselves:
// s.formGuard on the public forms and the console's login form (no session:
// a signed cookie; their posts use s.guardForm, which shows a form whose
// token failed again with what was typed), s.csrf on the console (bound to the login session, added
// by s.admin). Read-only pages have neither.
func (s *Server) routes() {
	app := s.app
	get, post := fiber.MethodGet, fiber.MethodPost
	app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: s.logPanic}))
	app.Use(s.logRequest)
	app.Use(s.securityHeaders)

	// Static files. Compression only for these: compressing pages that hold
	// a form token and echo user input would open them to BREACH.
	assets := app.Group("/assets", compress.New(compress.Config{Level: compress.LevelBestSpeed}))
	assets.Get("/*", s.serveAsset)
	app.Get("/healthz", s.health)
	app.Get("/readyz", s.ready)
	app.Use(s.withLanguage)

	// The public programme and its exports, served from s.agendaCache: a
	// cached answer costs no database read, so these come before
	// withConference and load the conference only to render.
	app.Get("/agenda", s.showProgramme)
	app.Get("/agenda.ics", s.showAgendaCalendar)
	app.Get("/agenda.json", s.showAgendaFeed)
	app.Get("/agenda.pdf", s.showAgendaPDF)
	app.Get("/schedule.xml", s.showSchedule)
	app.Get("/schedule.json", s.showScheduleJSON)
	app.Get("/agenda/:id.ics", s.showSessionCalendar)
	app.Get("/agenda/:id", s.showSessionPage)

	// Every route below reads the conference the site serves, loaded once
	// per request (conference(c)).
	app.Use(s.withConference)
	app.Get("/theme.css", compress.New(), s.serveTheme)
	app.Get("/", s.showHome)
	app.Get("/privacy", s.showPrivacy)
	// A public document of a published session (issue 17); participants-only
	// ones open only under a participant's own link, below.
	app.Get("/agenda/sessions/:id/documents/:docid", s.showPublicSessionDocument)

	// Registration and press accreditation, and the e-mailed links that confirm them.
	for _, pf := range []publicForm{participantForm, pressForm} {
		app.Get(pf.path, s.formGuard, s.showForm(pf))
		app.Post(pf.path, s.guardForm(s.retryForm(pf)), s.registerLimit(pf), s.registerBlockLimit(pf), s.submitForm(pf))
		app.Get(pf.path+"/sent", s.showLinkSent(pf))
	}
	app.Get("/confirm/:token", s.formGuard, s.showConfirmLink)
	app.Post("/confirm/:token", s.guardForm(s.retryConfirmLink), s.confirmLink)

	// The press room.
	app.Get("/press", s.showPress)
	app.Get("/press/kit.zip", s.downloadMediaKit)
	app.Get("/press/contacts.vcf", s.showPressContacts)
	app.Get("/press/fact-sheet.pdf", s.showFactSheet)
	app.Get("/press/releases/:slug.pdf", s.showPressReleasePDF)
	app.Get("/press/releases/:slug", s.showPressRelease)
	app.Get("/press/files/:id", s.downloadPublishedPressFile)
	app.Get("/press/files/:id/display", s.displayPressImage)

	// Letters a consulate can verify: the form, and the check of one code,
	// limited per address and per block as registering is (--register-limit).
	app.Get(verifyPath, s.showVerifyForm)
	app.Get(verifyPath+"/:code", s.submitLimit(verifyPath, s.verifyLimitReached),
		s.submitBlockLimit(verifyPath, s.verifyLimitReached), s.showVerifiedLetter)

	// "Find my registration": a new link by e-mail, limited as registering
	// is. Before the self-service group, whose :token would take "lost".
	app.Get(paths.FindRegistration, s.formGuard, s.showFindRegistration)
	app.Post(paths.FindRegistration, s.guardForm(s.retryFindRegistration), s.submitLimit(paths.FindRegistration, s.findRegistrationLimitReached),
		s.submitBlockLimit(paths.FindRegistration, s.findRegistrationLimitReached), s.findRegistration)

	// A participant's self-service pages, opened by the secret in their
	// link: never cached, no Referer (loadRegistration).
	reg := app.Group("/registration/:token", s.withRegistration)
	reg.Get("", s.showRegistration)
	reg.Get("/edit", s.formGuard, s.showEditRegistration)
	reg.Post("/edit", s.guardForm(s.retryEdit), s.updateRegistration)
	reg.Get("/cancel", s.formGuard, s.showCancelRegistration)
	reg.Post("/cancel", s.guardForm(s.retryCancel), s.cancelRegistration)
	reg.Get("/agenda", s.formGuard, s.showPersonalAgenda)
	reg.Post("/agenda", s.guardForm(s.retryPersonalAgenda), s.updatePersonalAgenda)
	reg.Get("/travel", s.formGuard, s.showTravel)
	reg.Post("/travel", s.guardForm(s.retryTravel), s.saveTravel)
	reg.Get("/badge.pdf", s.limitDownloads, s.showOwnBadge)
	reg.Get("/letter.pdf", s.limitDownloads, s.showOwnLetter)
	reg.Get("/certificate.pdf", s.limitDownloads, s.showOwnCertificate)
	reg.Get("/data.json", s.limitDownloads, s.showOwnData)
	reg.Get("/documents/:docid", s.limitDownloads, s.showParticipantDocument)
	app.Get("/calendar/:token.ics", s.withCalendarToken, s.showPersonalCalendar)

	// A focal point's nomination page and a nominee's registration link,
	// opened by the secret in their links: private as the self-service
	// pages are (privatePage), submissions limited as registering is.
	nom := app.Group("/nominate/:token", s.withFocalPoint)
	nom.Get("", s.formGuard, s.showNominate)
	nom.Post("/nominees", s.formGuard, s.submitLimit(nominatePath, s.nominateLimitReached),
		s.submitBlockLimit(nominatePath, s.nominateLimitReached), s.nominate)
	nom.Post("/nominees/:id/withdraw", s.formGuard, s.withdrawNominee)
	// Its nomination letters: the list and the upload, never the letters
	// themselves (only organisers open them).
	nom.Get("/documents", s.formGuard, s.showNominationLetters)
	nom.Post("/documents", s.guardForm(s.retryNominationLetter), s.uploadNominationLetter)
	nominee := app.Group("/nominee/:token", s.withNominee)
	nominee.Get("", s.formGuard, s.showNomineeForm)
	nominee.Post("", s.guardForm(s.retryNominee), s.submitLimit(nomineePath, s.nomineeLimitReached),
		s.submitBlockLimit(nomineePath, s.nomineeLimitReached), s.registerNominee)

	// The organisers' console. Login and logout stand alone; every other
	// route under /admin is registered with s.admin, which names the roles
	// allowed (the access test fails for a route without a rule).
	app.Get("/admin/login", s.formGuard, s.showLogin)
	app.Post("/admin/login", s.guardForm(s.retryLogin), s.login)
	app.Get("/admin/login/2fa", s.formGuard, s.showLogin2FA)
	app.Post("/admin/login/2fa", s.guardForm(s.retryLogin2FA), s.login2FA)
	app.Post("/admin/logout", s.csrf, s.logout)

	// Dashboard, one's own account, settings, users and the audit log.
	s.admin(get, "/admin", auth.AnyUser, s.showDashboard)
	s.admin(get, "/admin/account", auth.AnyUser, s.showAccount)
	s.admin(post, "/admin/account/password", auth.AnyUser, s.changePassword)
	s.admin(get, twoFactorPath, auth.AnyUser, s.showTwoFactor)
	s.admin(post, twoFactorPath, auth.AnyUser, s.enableTwoFactor)
	s.admin(post, twoFactorPath+"/disable", auth.AnyUser, s.disableTwoFactor)
	s.admin(get, "/admin/settings", auth.Organisers, s.showSettings)
	s.admin(post, "/admin/settings", auth.Organisers, s.updateSettings)
	s.admin(get, "/admin/settings/images", auth.Organisers, s.showImages)
	s.admin(get, "/admin/settings/images/:kind", auth.Organisers, s.showImage)
	s.admin(post, "/admin/settings/images/:kind", auth.Organisers, s.uploadImage)
	s.admin(post, "/admin/settings/images/:kind/remove", auth.Organisers, s.removeImage)
	s.admin(get, "/admin/users", auth.Admins, s.showUsers)
	s.admin(post, "/admin/users", auth.Admins, s.createUser)
	s.admin(get, "/admin/users/:id", auth.Admins, s.showEditUser)
	s.admin(post, "/admin/users/:id", auth.Admins, s.updateUser)
	s.admin(post, "/admin/users/:id/password", auth.Admins, s.resetUserPassword)
	s.admin(post, "/admin/users/:id/2fa/reset", auth.Admins, s.resetTwoFactor)
	s.admin(get, "/admin/audit", auth.Admins, s.showAudit)

	// Check-in at the door.
	s.admin(get, "/admin/checkin", auth.Desk, s.showCheckin)
	s.admin(post, "/admin/checkin", auth.Desk, s.scanCheckin)
	s.admin(post, "/admin/checkin/:id/undo", auth.Desk, s.undoCheckin)

	// The registrations desk: the list, one registration, its actions and
	// documents, delegations and the outbox.
	s.admin(get, "/admin/registrations", auth.Organisers, s.showDeskRegistrations)
	s.admin(get, "/admin/registrations.csv", auth.Organisers, s.exportDeskRegistrations)
	s.admin(get, "/admin/registrations.xlsx", auth.Organisers, s.exportDeskRegistrationsXLSX)
	s.admin(post, "/admin/registrations/bulk-confirm", auth.Organisers, s.bulkConfirmRegistrations)
	s.admin(post, "/admin/registrations/bulk-approve-letters", auth.Organisers, s.bulkApproveLetters)
	s.admin(get, "/admin/registrations/:id", auth.Organisers, s.showDeskRegistration)
	s.admin(get, "/admin/registrations/:id/edit", auth.Organisers, s.showEditDeskRegistration)
	s.admin(post, "/admin/registrations/:id/edit", auth.Organisers, s.updateDeskRegistration)
	for _, action := range registration.Actions {
		s.admin(post, "/admin/registrations/:id/"+action, auth.Organisers, s.actOnRegistration(action))
	}
	s.admin(post, "/admin/registrations/:id/head-of-delegation", auth.Organisers, s.setHeadOfDelegation)
	s.admin(post, "/admin/registrations/:id/costs", auth.Organisers, s.setCostsCoveredBy)
	s.admin(post, "/admin/registrations/:id/approve-letter", auth.Organisers, s.approveLetter)
	s.admin(post, "/admin/registrations/:id/sponsorship/grant", auth.Organisers, s.grantSponsorship)
	s.admin(post, "/admin/registrations/:id/sponsorship/refuse", auth.Organisers, s.refuseSponsorship)
	s.admin(get, "/admin/registrations/:id/itinerary", auth.Organisers, s.showDeskItinerary)
	s.admin(post, "/admin/registrations/:id/itinerary", auth.Organisers, s.saveDeskItinerary)
	s.admin(post, "/admin/registrations/:id/itinerary/confirm", auth.Organisers, s.confirmDeskItinerary)
	s.admin(post, "/admin/registrations/:id/erase", auth.Admins, s.eraseRegistration)
	s.admin(get, "/admin/registrations/:id/data.json", auth.Organisers, s.showRegistrationData)
	s.admin(get, "/admin/registrations/:id/badge.pdf", auth.Organisers, s.showRegistrationBadge)
	s.admin(get, "/admin/registrations/:id/letter.pdf", auth.Organisers, s.showRegistrationLetter)
	s.admin(get, "/admin/registrations/:id/certificate.pdf", auth.Organisers, s.showRegistrationCertificate)
	s.admin(get, "/admin/badges.pdf", auth.Organisers, s.showBadgeBatch)
	s.admin(get, "/admin/certificates.pdf", auth.Organisers, s.showAllCertificates)
	s.admin(get, "/admin/delegations", auth.Organisers, s.showDelegations)
	s.admin(get, "/admin/delegations/quotas", auth.Organisers, s.showQuotas)
	s.admin(get, "/admin/delegations/documents/:id", auth.Organisers, s.downloadNominationLetter)
	s.admin(post, "/admin/delegations/quotas", auth.Organisers, s.saveQuotas)
	s.admin(post, "/admin/delegations/focal-points", auth.Organisers, s.addFocalPoint)
	s.admin(post, "/admin/delegations/focal-points/:id/resend", auth.Organisers, s.resendFocalPointLink)
	s.admin(get, "/admin/delegations/focal-points/:id/remove", auth.Organisers, s.showRemoveFocalPoint)
	s.admin(post, "/admin/delegations/focal-points/:id/remove", auth.Organisers, s.removeFocalPoint)
	// Announcements: e-mails organisers write to a group of registrants.
	s.admin(get, "/admin/announcements", auth.Organisers, s.showAnnouncements)
	s.admin(get, "/admin/announcements/new", auth.Organisers, s.showNewAnnouncement)
	s.admin(post, "/admin/announcements", auth.Organisers, s.postAnnouncement)
	s.admin(post, "/admin/announcements/:id/cancel", auth.Organisers, s.cancelAnnouncement)
	s.admin(get, "/admin/outbox", auth.Organisers, s.showOutbox)
	s.admin(get, "/admin/outbox/:id", auth.Organisers, s.showOutboxMessage)
	s.admin(post, "/admin/outbox/:id/retry", auth.Organisers, s.retryOutboxMessage)

	// The agenda editor: sessions, tracks, rooms, speakers.
	s.admin(get, "/admin/agenda", auth.Organisers, s.showAgenda)
	s.admin(get, "/admin/agenda/sessions/new", auth.Organisers, s.showNewSession)
	s.admin(post, "/admin/agenda/sessions", auth.Organisers, s.createSession)
	s.admin(get, "/admin/agenda/sessions/:id/edit", auth.Organisers, s.showEditSession)
	s.admin(post, "/admin/agenda/sessions/:id", auth.Organisers, s.updateSession)
	s.admin(get, "/admin/agenda/sessions/:id/delete", auth.Organisers, s.showDeleteSession)
	s.admin(post, "/admin/agenda/sessions/:id/delete", auth.Organisers, s.deleteSession)
	s.admin(post, "/admin/agenda/sessions/:id/documents", auth.Organisers, s.createSessionDocument)
	s.admin(get, "/admin/agenda/sessions/:id/documents/:docid", auth.Organisers, s.showSessionDocument)
	s.admin(post, "/admin/agenda/sessions/:id/documents/:docid", auth.Organisers, s.updateSessionDocument)
	s.admin(get, "/admin/agenda/sessions/:id/documents/:docid/delete", auth.Organisers, s.showDeleteSessionDocument)
	s.admin(post, "/admin/agenda/sessions/:id/documents/:docid/delete", auth.Organisers, s.deleteSessionDocument)
	s.admin(get, "/admin/agenda/sessions/:id/documents/:docid/download", auth.Organisers, s.downloadSessionDocument)
	s.admin(get, "/admin/agenda/tracks", auth.Organisers, s.showTracks)
	s.admin(get, "/admin/agenda/tracks/new", auth.Organisers, s.showNewTrack)
	s.admin(post, "/admin/agenda/tracks", auth.Organisers, s.createTrack)
	s.admin(get, "/admin/agenda/tracks/:id/edit", auth.Organisers, s.showEditTrack)
	s.admin(post, "/admin/agenda/tracks/:id", auth.Organisers, s.updateTrack)
	s.admin(get, "/admin/agenda/tracks/:id/delete", auth.Organisers, s.showDeleteTrack)
	s.admin(post, "/admin/agenda/tracks/:id/delete", auth.Organisers, s.deleteTrack)
	s.admin(get, "/admin/agenda/rooms", auth.Organisers, s.showRooms)
	s.admin(get, "/admin/agenda/rooms/new", auth.Organisers, s.showNewRoom)
	s.admin(post, "/admin/agenda/rooms", auth.Organisers, s.createRoom)
	s.admin(get, "/admin/agenda/rooms/:id/edit", auth.Organisers, s.showEditRoom)
	s.admin(post, "/admin/agenda/rooms/:id", auth.Organisers, s.updateRoom)
	s.admin(get, "/admin/agenda/rooms/:id/delete", auth.Organisers, s.showDeleteRoom)
	s.admin(post, "/admin/agenda/rooms/:id/delete", auth.Organisers, s.deleteRoom)
	s.admin(get, "/admin/agenda/speakers", auth.Organisers, s.showSpeakers)
	s.admin(get, "/admin/agenda/speakers/new", auth.Organisers, s.showNewSpeaker)
	s.admin(post, "/admin/agenda/speakers", auth.Organisers, s.createSpeaker)
	s.admin(get, "/admin/agenda/speakers/:id/edit", auth.Organisers, s.showEditSpeaker)
	s.admin(post, "/admin/agenda/speakers/:id", auth.Organisers, s.updateSpeaker)
	s.admin(get, "/admin/agenda/speakers/:id/delete", auth.Organisers, s.showDeleteSpeaker)
	s.admin(post, "/admin/agenda/speakers/:id/delete", auth.Organisers, s.deleteSpeaker)

	// The press room's editor: releases, files, media contacts.
	press := auth.PressStaff
	s.admin(get, "/admin/press", press, s.showPressRoom)
	s.admin(get, "/admin/press/releases/new", press, s.showNewPressRelease)
	s.admin(post, "/admin/press/releases", press, s.createPressRelease)
	s.admin(get, "/admin/press/releases/:id", press, s.showEditPressRelease)
	s.admin(post, "/admin/press/releases/:id", press, s.updatePressRelease)
	s.admin(post, "/admin/press/releases/:id/unpublish", press, s.unpublishPressRelease)
	s.admin(get, "/admin/press/releases/:id/delete", press, s.showDeletePressRelease)
	s.admin(post, "/admin/press/releases/:id/delete", press, s.deletePressRelease)
	s.admin(get, "/admin/press/files/new", press, s.showNewPressFile)
	s.admin(post, "/admin/press/files", press, s.createPressFile)
	s.admin(get, "/admin/press/files/:id", press, s.showEditPressFile)
	s.admin(post, "/admin/press/files/:id", press, s.updatePressFile)
	s.admin(post, "/admin/press/files/:id/replace", press, s.replacePressFile)
	s.admin(get, "/admin/press/files/:id/delete", press, s.showDeletePressFile)
	s.admin(post, "/admin/press/files/:id/delete", press, s.deletePressFile)
	s.admin(get, "/admin/press/files/:id/download", press, s.downloadPressFile)
	s.admin(get, "/admin/press/contacts/new", press, s.showNewMediaContact)
	s.admin(post, "/admin/press/contacts", press, s.createMediaContact)
	s.admin(get, "/admin/press/contacts/:id", press, s.showEditMediaContact)
	s.admin(post, "/admin/press/contacts/:id", press, s.updateMediaContact)
	s.admin(get, "/admin/press/contacts/:id/delete", press, s.showDeleteMediaContact)
	s.admin(post, "/admin/press/contacts/:id/delete", press, s.deleteMediaContact)
	s.admin(get, "/admin/press/accreditations", press, s.showPressAccreditations)
	s.admin(post, "/admin/press/accreditations/:id/accredit", press, s.accreditPress)
	s.admin(post, "/admin/press/accreditations/:id/refuse", press, s.refusePress)

	// Reports, each as PDF and CSV.
	s.admin(get, "/admin/logistics", auth.Organisers, s.showLogistics)
	for _, k := range report.LogisticsKinds {
		s.admin(get, "/admin/logistics/"+k.Slug+".pdf", auth.Organisers, s.sendLogistics(k, "pdf"))
		s.admin(get, "/admin/logistics/"+k.Slug+".csv", auth.Organisers, s.sendLogistics(k, "csv"))
	}
	s.admin(get, "/admin/reports", auth.Organisers, s.showReports)
	for _, k := range report.Kinds {
		s.admin(get, "/admin/reports/"+k.Slug+".pdf", auth.Organisers, s.sendReport(k, "pdf"))
		s.admin(get, "/admin/reports/"+k.Slug+".csv", auth.Organisers, s.sendReport(k, "csv"))
	}

	app.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}

type conferenceKey struct{}

// withConference loads the conference the site serves, once per request,
// for the handlers after it: from the snapshot (currentConference), so a
// request costs a query only after a commit. Its absence is a broken
// installation, not a missing page, so the error is a 500 whatever the
// store said.
func (s *Server) withConference(c *fiber.Ctx) error {
	ctx := c.UserContext()
	conf, active, version, err := s.currentConference(ctx)
	if err != nil {
		return fmt.Errorf("web: the conference the site serves: %v", err)
	}
	c.Locals(conferenceKey{}, conf)
	c.Locals(activeCountKey{}, active)
	if l := language(c); l != i18n.English {
		// The conference's own content in the request's language, checked
		// against the version just read: no second round trip.
		content, err := s.contentAt(ctx, version, conf.ID, l.Code)
		if err != nil {
			return err
		}
		c.SetUserContext(i18n.WithContent(ctx, content))
	}
	return c.Next()
}

type activeCountKey struct{}

// activeCount is the places taken (store.ActiveCount) when withConference
// loaded the conference: what the registration window is told from.
func activeCount(c *fiber.Ctx) int {
	n, _ := c.Locals(activeCountKey{}).(int)
	return n
}

// conference is the conference withConference loaded for this request.
// A handler registered before withConference has none: that is a
// programming error, found by the first test of the route.
func conference(c *fiber.Ctx) model.Conference {
	conf, ok := c.Locals(conferenceKey{}).(model.Conference)
	if !ok {
		panic("web: " + c.Path() + " is served before withConference")
	}
	return conf
}

package web

import (
	"context"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// langCookie remembers a language chosen with ?lang= for a year.
const langCookie = "lang"

type languageKey struct{}

// withLanguage chooses the language a public page is served in, in this
// order: ?lang= (which also sets the cookie), the lang cookie,
// Accept-Language, English. The choice goes into the request's context
// (i18n.With) for the templ components, and into Content-Language; Vary
// tells caches that the same URL differs by those two headers.
//
// Downloads (a calendar feed, a PDF, the media kit) follow ?lang= only and
// default to English: a calendar application or a link in a press release
// should get the same file whoever's browser fetched it first. The
// organisers' console stays English.
func (s *Server) withLanguage(c *fiber.Ctx) error {
	if !strings.HasPrefix(c.Path(), "/admin") {
		s.chooseLanguage(c)
	}
	return c.Next()
}

// chooseLanguage is withLanguage's choice, made for this request. The
// error handler makes it too for a request refused before the middleware
// ran (a body too large for the server).
func (s *Server) chooseLanguage(c *fiber.Ctx) {
	l, chosen := s.queryLanguage(c)
	if isDownload(c.Path()) {
		if !chosen {
			l = i18n.English
		}
	} else {
		if chosen {
			c.Cookie(&fiber.Cookie{Name: langCookie, Value: l.Code, Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()),
				HTTPOnly: true, Secure: s.cfg.Secure(), SameSite: fiber.CookieSameSiteLaxMode})
		} else if l = s.lookupLanguage(c.Cookies(langCookie)); l == nil {
			l = i18n.Match(c.Get(fiber.HeaderAcceptLanguage))
		}
		c.Vary(fiber.HeaderAcceptLanguage, fiber.HeaderCookie)
	}
	c.Set(fiber.HeaderContentLanguage, l.Code)
	c.Locals(languageKey{}, l)
	c.SetUserContext(i18n.With(c.UserContext(), l))
}

// queryLanguage is the language ?lang= names, and whether it names one offered.
func (s *Server) queryLanguage(c *fiber.Ctx) (*i18n.Locale, bool) {
	if l := s.lookupLanguage(c.Query("lang")); l != nil {
		return l, true
	}
	return i18n.English, false
}

// lookupLanguage is i18n.Lookup, with the test-only pseudo-language when
// the server was built to offer it.
func (s *Server) lookupLanguage(code string) *i18n.Locale {
	if s.pseudoLanguage && code == i18n.Pseudo.Code {
		return i18n.Pseudo
	}
	return i18n.Lookup(code)
}

// isDownload reports whether path names a file rather than a page.
func isDownload(path string) bool {
	for _, ext := range []string{".ics", ".json", ".xml", ".pdf", ".vcf", ".zip", ".csv"} {
		if strings.HasSuffix(path, ext) {
			return true
		}
	}
	return strings.HasPrefix(path, "/press/files/")
}

// language is the language withLanguage chose for this request; English
// on the console.
func language(c *fiber.Ctx) *i18n.Locale {
	if l, ok := c.Locals(languageKey{}).(*i18n.Locale); ok {
		return l
	}
	return i18n.English
}

// cacheKey is a response cache key in ctx's language: the same page in
// Spanish is another entry.
func cacheKey(ctx context.Context, key string) string {
	return key + "|" + i18n.From(ctx).Code
}

// contentTranslations returns the conference's content translated into
// lang, from the snapshot while nothing was committed since it was read
// (as currentConference does).
func (s *Server) contentTranslations(ctx context.Context, confID int64, lang string) (i18n.Content, error) {
	return s.contentAt(ctx, s.dataVersion(ctx), confID, lang)
}

// contentAt is contentTranslations for a request that has read the data
// version already (withConference): the snapshot is checked against it.
func (s *Server) contentAt(ctx context.Context, version, confID int64, lang string) (i18n.Content, error) {
	if version >= 0 {
		s.snapshot.mu.Lock()
		content, ok := s.snapshot.content[lang]
		current := s.snapshot.contentVersion == version
		s.snapshot.mu.Unlock()
		if ok && current {
			return content, nil
		}
	}
	content, err := s.store.ContentTranslations(ctx, confID, lang)
	if err != nil {
		return nil, err
	}
	if version >= 0 {
		s.snapshot.mu.Lock()
		if s.snapshot.contentVersion != version || s.snapshot.content == nil {
			s.snapshot.content, s.snapshot.contentVersion = map[string]i18n.Content{}, version
		}
		s.snapshot.content[lang] = content
		s.snapshot.mu.Unlock()
	}
	return content, nil
}

// readTranslations reads a record's translations from its form (the
// inputs admin.TranslationFields draws), trimmed; empty ones are absent.
func readTranslations(c *fiber.Ctx, fields ...string) model.Translations {
	t := model.Translations{}
	for _, l := range i18n.Translations() {
		for _, f := range fields {
			t.Set(f, l.Code, strings.TrimSpace(c.FormValue(model.TranslationField(l.Code, f))))
		}
	}
	return t
}

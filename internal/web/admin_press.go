package web

import (
	"path/filepath"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/views/admin"
)

// pressChanged drops the cached public press room and media kit after a
// change to it; the next visitor sees the new version.
func (s *Server) pressChanged() { s.pressCache.invalidate() }

// showPressRoom is the press room's overview, and a press officer's home page.
func (s *Server) showPressRoom(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Press room", "press")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	var o admin.PressOverview
	if o.Releases, err = s.store.PressReleases(ctx, p.Conference.ID, false); err != nil {
		return err
	}
	if o.Files, err = s.store.PressFiles(ctx, p.Conference.ID, false); err != nil {
		return err
	}
	if o.Contacts, err = s.store.MediaContacts(ctx, p.Conference.ID); err != nil {
		return err
	}
	if o.KitDownloads, err = s.store.KitDownloads(ctx, p.Conference.ID); err != nil {
		return err
	}
	counts, err := s.store.RegistrationCountsByCategory(ctx, p.Conference.ID)
	if err != nil {
		return err
	}
	o.AccreditationsWaiting = counts[model.CategoryPress][model.StatusPending]
	o.ReleaseTranslations = map[int64]model.Translations{}
	for _, l := range i18n.Translations() {
		content, err := s.store.ContentTranslations(ctx, p.Conference.ID, l.Code)
		if err != nil {
			return err
		}
		for f, text := range content {
			if f.Kind != i18n.KindRelease {
				continue
			}
			if o.ReleaseTranslations[f.ID] == nil {
				o.ReleaseTranslations[f.ID] = model.Translations{}
			}
			o.ReleaseTranslations[f.ID].Set(f.Name, l.Code, text)
		}
	}
	return render(c, fiber.StatusOK, admin.PressPage(p, o))
}

// pressFiles is where press files are kept: a folder beside the database,
// so that a backup of the data folder holds both.
func (s *Server) pressFiles() press.Files {
	return press.Files{Dir: filepath.Join(filepath.Dir(s.cfg.DBPath), "files")}
}

// pressValue is a trimmed form value.
func pressValue(c *fiber.Ctx, name string) string {
	return strings.TrimSpace(c.FormValue(name))
}

// pressText is a multi-line form value with the browser's CRLF line ends made LF.
func pressText(c *fiber.Ctx, name string) string {
	return strings.ReplaceAll(pressValue(c, name), "\r\n", "\n")
}

// pressActor is the signed-in user, for the press editor's audit lines.
func pressActor(c *fiber.Ctx) press.Actor {
	u := currentUser(c)
	return press.Actor{UserID: u.ID, Email: u.Email}
}

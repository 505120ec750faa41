package web

import (
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/internal/store"
	"confdesk/internal/textfield"
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

// pressMultiline names the press-room fields typed in a text area.
var pressMultiline = map[string]bool{"caption": true, "description": true, "summary": true, "body": true}

// pressCheck adds an error when value is longer than max characters, or
// holds a line break in a one-line field.
func pressCheck(errs *admin.PressErrors, field, label, value string, max int) {
	switch {
	case utf8.RuneCountInString(value) > max:
		*errs = append(*errs, fieldError(field, label+" is too long: keep it to "+strconv.Itoa(max)+" characters."))
	case textfield.HasControl(value, pressMultiline[field]):
		*errs = append(*errs, fieldError(field, textfield.OneLine))
	}
}

// pressDiff records field's change in an audit entry's changes, if it changed.
func pressDiff(changes map[string][2]string, field, old, new string) {
	if old != new {
		changes[field] = [2]string{old, new}
	}
}

// pressAudit writes the audit line of a press-room change by the signed-in user.
func (s *Server) pressAudit(c *fiber.Ctx, tx *store.Tx, conferenceID int64, action, entity string, id int64,
	changes map[string][2]string, now time.Time) error {
	u := currentUser(c)
	return tx.Audit(model.AuditEntry{ConferenceID: conferenceID, UserID: u.ID, Actor: u.Email, Action: action,
		Entity: entity, EntityID: id, Changes: changes, CreatedAt: now})
}

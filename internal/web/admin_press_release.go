package web

import (
	"confdesk/internal/paths"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/internal/store"
	"confdesk/views"
	"confdesk/views/admin"
)

// errPressSlugTaken stops a release's save when its chosen slug is another release's.
var errPressSlugTaken = errors.New("web: press release slug taken")

// loadPressRelease is the release of the route's :id, if it belongs to conf.
func (s *Server) loadPressRelease(c *fiber.Ctx, conf model.Conference) (model.PressRelease, error) {
	id, err := pathID(c)
	if err != nil {
		return model.PressRelease{}, err
	}
	r, err := s.store.PressRelease(c.UserContext(), id)
	if err == nil && r.ConferenceID != conf.ID {
		return r, fiber.ErrNotFound
	}
	return r, err
}

// renderPressRelease draws the release editor with the preview of f.Body.
// A refused form's preview shows the typed text, which is not saved.
func (s *Server) renderPressRelease(c *fiber.Ctx, p views.Page, status int, f admin.PressReleaseForm) error {
	if status != fiber.StatusOK {
		f.Previewing = true
	}
	if f.Body != "" {
		html, err := press.RenderMarkdown(f.Body)
		if err != nil {
			return err
		}
		f.Preview = html
	}
	return render(c, status, admin.PressReleasePage(p, f))
}

// pressReleaseForm is the editor's state for a saved release.
func pressReleaseForm(r model.PressRelease) admin.PressReleaseForm {
	return admin.PressReleaseForm{ID: r.ID, Published: r.Published, SavedSlug: r.Slug, Title: r.Title, Slug: r.Slug,
		ReleaseDate: r.ReleaseDate, Dateline: r.Dateline, Summary: r.Summary, Body: r.Body}
}

// showNewPressRelease is an empty release dated today, from the conference city.
func (s *Server) showNewPressRelease(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "New press release", "press")
	if err != nil {
		return err
	}
	f := admin.PressReleaseForm{ReleaseDate: s.now().In(p.Conference.Location()).Format(time.DateOnly),
		Dateline: p.Conference.City}
	return s.renderPressRelease(c, p, fiber.StatusOK, f)
}

// readPressReleaseForm reads and checks the editor's fields. The slug may
// be empty: it is then made from the title when saving.
func readPressReleaseForm(c *fiber.Ctx, conf model.Conference) admin.PressReleaseForm {
	f := admin.PressReleaseForm{
		Title:       pressValue(c, "title"),
		Slug:        pressValue(c, "slug"),
		ReleaseDate: pressValue(c, "release_date"),
		Dateline:    pressValue(c, "dateline"),
		Summary:     pressText(c, "summary"),
		Body:        pressText(c, "body"),
	}
	if f.Dateline == "" {
		f.Dateline = conf.City
	}
	if f.Title == "" {
		f.Errors = append(f.Errors, fieldError("title", "Enter the release's title."))
	}
	pressCheck(&f.Errors, "title", "The title", f.Title, 200)
	switch {
	case f.Slug != "" && !press.ValidSlug(f.Slug):
		f.Errors = append(f.Errors, fieldError("slug", "Use only lower-case letters, digits and single hyphens between them, at most 80 characters, e.g. conference-opens-in-miami. Or leave it empty to make one from the title."))
	case f.Slug == "" && f.Title != "" && press.Slugify(f.Title) == "":
		f.Errors = append(f.Errors, fieldError("slug", "The title has no Latin letters or digits to make a web address from: type one, e.g. conference-opens-in-miami."))
	}
	if _, err := time.Parse(time.DateOnly, f.ReleaseDate); err != nil {
		f.Errors = append(f.Errors, fieldError("release_date", "Enter the release date as year-month-day, e.g. 2027-03-15."))
	}
	pressCheck(&f.Errors, "dateline", "The dateline", f.Dateline, 100)
	pressCheck(&f.Errors, "summary", "The summary", f.Summary, 600)
	pressCheck(&f.Errors, "body", "The text", f.Body, 100_000)
	return f
}

// pressReleaseSlug decides a release's slug inside the save's transaction:
// the one typed, refused when another release has it, or one made from the
// title, numbered ("-2", "-3") until it is free.
func pressReleaseSlug(tx *store.Tx, conferenceID, id int64, typed, title string) (string, error) {
	if typed != "" {
		taken, err := tx.PressReleaseSlugTaken(conferenceID, typed, id)
		if err != nil {
			return "", err
		}
		if taken {
			return "", errPressSlugTaken
		}
		return typed, nil
	}
	base := press.Slugify(title)
	slug := base
	for n := 2; ; n++ {
		taken, err := tx.PressReleaseSlugTaken(conferenceID, slug, id)
		if err != nil || !taken {
			return slug, err
		}
		slug = press.NumberedSlug(base, n)
	}
}

// pressSlugTakenError is the message beside the slug field when it is taken.
var pressSlugTakenError = fieldError("slug", "Another press release already has this web address. Choose another, or leave it empty to make one from the title.")

// createPressRelease saves a new release as a draft, or shows the preview
// of what was typed when the preview button was pressed.
func (s *Server) createPressRelease(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "New press release", "press")
	if err != nil {
		return err
	}
	f := readPressReleaseForm(c, p.Conference)
	if c.FormValue("preview") != "" {
		f.Previewing = true
		return s.renderPressRelease(c, p, fiber.StatusOK, f)
	}
	if len(f.Errors) > 0 {
		return s.renderPressRelease(c, p, fiber.StatusUnprocessableEntity, f)
	}
	now := s.now()
	r := model.PressRelease{ConferenceID: p.Conference.ID, Title: f.Title, ReleaseDate: f.ReleaseDate,
		Dateline: f.Dateline, Summary: f.Summary, Body: f.Body, Published: c.FormValue("publish") != "", CreatedAt: now}
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		var err error
		if r.Slug, err = pressReleaseSlug(tx, r.ConferenceID, 0, f.Slug, f.Title); err != nil {
			return err
		}
		if r.ID, err = tx.CreatePressRelease(r); err != nil {
			return err
		}
		changes := map[string][2]string{"title": {"", r.Title}, "slug": {"", r.Slug}, "release_date": {"", r.ReleaseDate}}
		if r.Published {
			changes["published"] = [2]string{"", "true"}
		}
		return s.pressAudit(c, tx, r.ConferenceID, "create", "press_release", r.ID, changes, now)
	})
	if errors.Is(err, errPressSlugTaken) || errors.Is(err, store.ErrDuplicate) {
		f.Errors = append(f.Errors, pressSlugTakenError)
		return s.renderPressRelease(c, p, fiber.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	s.pressChanged()
	if r.Published {
		return s.redirectWithFlash(c, paths.PressRelease(r.ID), "Press release saved and published: journalists can read it now.")
	}
	return s.redirectWithFlash(c, paths.PressRelease(r.ID),
		"Press release saved as a draft. Publish it when it is ready.")
}

// showEditPressRelease is the editor of a saved release, with its preview.
func (s *Server) showEditPressRelease(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Edit press release", "press")
	if err != nil {
		return err
	}
	r, err := s.loadPressRelease(c, p.Conference)
	if err != nil {
		return err
	}
	return s.renderPressRelease(c, p, fiber.StatusOK, pressReleaseForm(r))
}

// updatePressRelease saves a release's fields, or previews them unsaved.
func (s *Server) updatePressRelease(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Edit press release", "press")
	if err != nil {
		return err
	}
	old, err := s.loadPressRelease(c, p.Conference)
	if err != nil {
		return err
	}
	f := readPressReleaseForm(c, p.Conference)
	f.ID, f.Published, f.SavedSlug = old.ID, old.Published, old.Slug
	// "Save and publish" sends the form itself: what goes out is what was on screen.
	publish := c.FormValue("publish") != ""
	if c.FormValue("preview") != "" {
		f.Previewing = true
		return s.renderPressRelease(c, p, fiber.StatusOK, f)
	}
	if len(f.Errors) > 0 {
		return s.renderPressRelease(c, p, fiber.StatusUnprocessableEntity, f)
	}
	now := s.now()
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		old, err := tx.PressRelease(old.ID)
		if err != nil {
			return err
		}
		r := old
		r.Title, r.ReleaseDate, r.Dateline, r.Summary, r.Body = f.Title, f.ReleaseDate, f.Dateline, f.Summary, f.Body
		if r.Slug, err = pressReleaseSlug(tx, r.ConferenceID, r.ID, f.Slug, f.Title); err != nil {
			return err
		}
		if err := tx.UpdatePressRelease(r, now); err != nil {
			return err
		}
		changes := map[string][2]string{}
		action := "update"
		if publish && !old.Published {
			if err := tx.SetPressReleasePublished(r.ID, true, now); err != nil {
				return err
			}
			action = "publish"
			changes["published"] = [2]string{"false", "true"}
		}
		pressDiff(changes, "title", old.Title, r.Title)
		pressDiff(changes, "slug", old.Slug, r.Slug)
		pressDiff(changes, "release_date", old.ReleaseDate, r.ReleaseDate)
		pressDiff(changes, "dateline", old.Dateline, r.Dateline)
		pressDiff(changes, "summary", old.Summary, r.Summary)
		if old.Body != r.Body {
			// The text itself can be pages long: the log says that it changed and by how much.
			changes["body"] = [2]string{pressCharacters(old.Body), pressCharacters(r.Body)}
		}
		return s.pressAudit(c, tx, r.ConferenceID, action, "press_release", r.ID, changes, now)
	})
	if errors.Is(err, errPressSlugTaken) || errors.Is(err, store.ErrDuplicate) {
		f.Errors = append(f.Errors, pressSlugTakenError)
		return s.renderPressRelease(c, p, fiber.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	s.pressChanged()
	if publish && !old.Published {
		return s.redirectWithFlash(c, paths.PressRelease(old.ID), "Press release saved and published: journalists can read it now.")
	}
	return s.redirectWithFlash(c, paths.PressRelease(old.ID), "Press release saved.")
}

// pressCharacters describes a text's length for the audit log.
func pressCharacters(s string) string {
	return fmt.Sprintf("(%d characters)", len([]rune(s)))
}

// unpublishPressRelease takes a release off the public press room at once.
// It is a form of its own, apart from the edit form: taking a release down
// must not wait on a half-edited text. Publishing goes through the edit
// form ("Save and publish"), so what goes out is what is on screen.
func (s *Server) unpublishPressRelease(c *fiber.Ctx) error {
	conf := conference(c)
	r, err := s.loadPressRelease(c, conf)
	if err != nil {
		return err
	}
	now := s.now()
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		old, err := tx.PressRelease(r.ID)
		if err != nil {
			return err
		}
		if err := tx.SetPressReleasePublished(r.ID, false, now); err != nil {
			return err
		}
		return s.pressAudit(c, tx, conf.ID, "unpublish", "press_release", r.ID, map[string][2]string{
			"published": {strconv.FormatBool(old.Published), "false"}}, now)
	})
	if err != nil {
		return err
	}
	s.pressChanged()
	return s.redirectWithFlash(c, paths.PressRelease(r.ID), "Press release unpublished: it is no longer on the public press room.")
}

// showDeletePressRelease asks before deleting a release.
func (s *Server) showDeletePressRelease(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Delete press release", "press")
	if err != nil {
		return err
	}
	r, err := s.loadPressRelease(c, p.Conference)
	if err != nil {
		return err
	}
	consequence := "The release is deleted for good. It is a draft, so no journalist has seen it on the site."
	if r.Published {
		consequence = "The release is published: deleting it takes it off the public press room for good, and links to it stop working. To take it off the site but keep it, unpublish it instead."
	}
	path := paths.PressRelease(r.ID)
	return render(c, fiber.StatusOK, admin.PressConfirmDeletePage(p, admin.ConfirmDelete{
		Heading: "Delete this press release?", Name: r.Title, Consequence: consequence,
		Action: path + "/delete", Button: "Delete the release", Cancel: path}))
}

// deletePressRelease deletes a release.
func (s *Server) deletePressRelease(c *fiber.Ctx) error {
	conf := conference(c)
	r, err := s.loadPressRelease(c, conf)
	if err != nil {
		return err
	}
	now := s.now()
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		if err := tx.RemovePressRelease(r.ID); err != nil {
			return err
		}
		return s.pressAudit(c, tx, conf.ID, "delete", "press_release", r.ID, map[string][2]string{
			"title": {r.Title, ""}, "slug": {r.Slug, ""}}, now)
	})
	if err != nil {
		return err
	}
	s.pressChanged()
	return s.redirectWithFlash(c, "/admin/press", "Press release “"+r.Title+"” deleted.")
}

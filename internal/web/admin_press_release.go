package web

import (
	"confdesk/internal/paths"
	"errors"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/views"
	"confdesk/views/admin"
)

// renderPressRelease draws the release editor with the preview of f.Body.
// A refused form's preview shows the typed text, which is not saved.
func (s *Server) renderPressRelease(c *fiber.Ctx, p views.Page, status int, f admin.PressReleaseForm) error {
	if status != fiber.StatusOK {
		f.Previewing = true
	}
	files, err := s.store.PressFiles(c.UserContext(), p.Conference.ID, true)
	if err != nil {
		return err
	}
	for _, pf := range files {
		if press.IsImage(pf.ContentType) {
			f.Images = append(f.Images, pf)
		}
	}
	if f.Body != "" {
		// The preview shows pictures as the public page does: from their
		// display address, which counts no download.
		html, err := press.RenderRelease(f.Body, s.picturesOf(files).find)
		if err != nil {
			return err
		}
		f.Preview = html
	}
	return render(c, status, admin.PressReleasePage(p, f))
}

// pressReleaseForm is the editor's state for a saved release and its translations.
func pressReleaseForm(r model.PressRelease, t model.Translations) admin.PressReleaseForm {
	return admin.PressReleaseForm{ID: r.ID, Published: r.Published, SavedSlug: r.Slug, Title: r.Title, Slug: r.Slug,
		ReleaseDate: r.ReleaseDate, Dateline: r.Dateline, Summary: r.Summary, Body: r.Body, LeadImageID: r.LeadImageID,
		Translations: t}
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

// readPressReleaseForm parses the release editor's form.
func readPressReleaseForm(c *fiber.Ctx) press.ReleaseForm {
	return press.ReleaseForm{
		Title:       pressValue(c, "title"),
		Slug:        pressValue(c, "slug"),
		ReleaseDate: pressValue(c, "release_date"),
		Dateline:    pressValue(c, "dateline"),
		Summary:     pressText(c, "summary"),
		Body:        pressText(c, "body"),
		// "Save and publish" sends the form itself: what goes out is what was on screen.
		Publish:      c.FormValue("publish") != "",
		LeadImageID:  pressLeadImage(c.FormValue("lead_image")),
		Translations: readTranslations(c, model.TranslatedNames(press.ReleaseTranslated)...),
	}
}

// pressLeadImage is the chosen lead picture's id: 0 for none, -1 for a
// value that is no id (the editor refuses it as no published picture).
func pressLeadImage(v string) int64 {
	if v == "" {
		return 0
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return -1
	}
	return id
}

// checkedPressReleaseForm is the editor's state for a typed release, checked.
func checkedPressReleaseForm(in press.ReleaseForm, conf model.Conference) (press.ReleaseForm, admin.PressReleaseForm) {
	in, errs := press.CheckRelease(in, conf.City)
	return in, admin.PressReleaseForm{Title: in.Title, Slug: in.Slug, ReleaseDate: in.ReleaseDate, Dateline: in.Dateline,
		Summary: in.Summary, Body: in.Body, LeadImageID: max(in.LeadImageID, 0), Translations: in.Translations, Errors: errs}
}

// pressReleaseFlash is what the editor says after a save.
func pressReleaseFlash(created, published bool) string {
	switch {
	case published:
		return "Press release saved and published: journalists can read it now."
	case created:
		return "Press release saved as a draft. Publish it when it is ready."
	}
	return "Press release saved."
}

// pressSlugTaken is the message beside the slug field when another release has it.
var pressSlugTaken = fieldError(press.SlugTakenError.Field, press.SlugTakenError.Message)

// pressReleaseRefusal is the field message for an editor's refusal of a
// checked release, if err is one.
func pressReleaseRefusal(err error) (model.FieldError, bool) {
	switch {
	case errors.Is(err, press.ErrSlugTaken):
		return pressSlugTaken, true
	case errors.Is(err, press.ErrLeadImage):
		return fieldError(press.LeadImageError.Field, press.LeadImageError.Message), true
	}
	return model.FieldError{}, false
}

// createPressRelease saves a new release as a draft (or published), or
// shows the preview of what was typed when the preview button was pressed.
func (s *Server) createPressRelease(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "New press release", "press")
	if err != nil {
		return err
	}
	in, f := checkedPressReleaseForm(readPressReleaseForm(c), p.Conference)
	if c.FormValue("preview") != "" {
		f.Previewing = true
		return s.renderPressRelease(c, p, fiber.StatusOK, f)
	}
	if len(f.Errors) > 0 {
		return s.renderPressRelease(c, p, fiber.StatusUnprocessableEntity, f)
	}
	r, err := s.press.CreateRelease(c.UserContext(), p.Conference.ID, pressActor(c), in)
	if e, ok := pressReleaseRefusal(err); ok {
		f.Errors = append(f.Errors, e)
		return s.renderPressRelease(c, p, fiber.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.PressRelease(r.ID), pressReleaseFlash(true, r.Published))
}

// showEditPressRelease is the editor of a saved release, with its preview.
func (s *Server) showEditPressRelease(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Edit press release", "press")
	if err != nil {
		return err
	}
	r, err := loadRecord(c, s.store.PressRelease)
	if err != nil {
		return err
	}
	t, err := s.store.Translations(c.UserContext(), i18n.KindRelease, r.ID)
	if err != nil {
		return err
	}
	return s.renderPressRelease(c, p, fiber.StatusOK, pressReleaseForm(r, t))
}

// updatePressRelease saves a release's fields (and publishes it, when
// asked), or previews them unsaved.
func (s *Server) updatePressRelease(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Edit press release", "press")
	if err != nil {
		return err
	}
	old, err := loadRecord(c, s.store.PressRelease)
	if err != nil {
		return err
	}
	in, f := checkedPressReleaseForm(readPressReleaseForm(c), p.Conference)
	f.ID, f.Published, f.SavedSlug = old.ID, old.Published, old.Slug
	if c.FormValue("preview") != "" {
		f.Previewing = true
		return s.renderPressRelease(c, p, fiber.StatusOK, f)
	}
	if len(f.Errors) > 0 {
		return s.renderPressRelease(c, p, fiber.StatusUnprocessableEntity, f)
	}
	r, err := s.press.UpdateRelease(c.UserContext(), old.ID, pressActor(c), in)
	if e, ok := pressReleaseRefusal(err); ok {
		f.Errors = append(f.Errors, e)
		return s.renderPressRelease(c, p, fiber.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.PressRelease(old.ID), pressReleaseFlash(false, r.Published && !old.Published))
}

// unpublishPressRelease takes a release off the public press room at once.
// It is a form of its own, apart from the edit form: taking a release down
// must not wait on a half-edited text. Publishing goes through the edit
// form ("Save and publish"), so what goes out is what is on screen.
func (s *Server) unpublishPressRelease(c *fiber.Ctx) error {
	r, err := loadRecord(c, s.store.PressRelease)
	if err != nil {
		return err
	}
	if err := s.press.UnpublishRelease(c.UserContext(), r.ID, pressActor(c)); err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.PressRelease(r.ID), "Press release unpublished: it is no longer on the public press room.")
}

// showDeletePressRelease asks before deleting a release.
func (s *Server) showDeletePressRelease(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Delete press release", "press")
	if err != nil {
		return err
	}
	r, err := loadRecord(c, s.store.PressRelease)
	if err != nil {
		return err
	}
	consequence := "The release is deleted for good. It is a draft, so no journalist has seen it on the site."
	if r.Published {
		consequence = "The release is published: deleting it takes it off the public press room for good, and links to it stop working. To take it off the site but keep it, unpublish it instead."
	}
	path := paths.PressRelease(r.ID)
	return render(c, fiber.StatusOK, admin.PressConfirmDeletePage(p, admin.Deletion{
		Heading: "Delete the press release “" + r.Title + "”?", Lost: consequence,
		Action: path + "/delete", Cancel: path}))
}

// deletePressRelease deletes a release.
func (s *Server) deletePressRelease(c *fiber.Ctx) error {
	r, err := loadRecord(c, s.store.PressRelease)
	if err != nil {
		return err
	}
	if err := s.press.DeleteRelease(c.UserContext(), r, pressActor(c)); err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.Press, "Press release “"+r.Title+"” deleted.")
}

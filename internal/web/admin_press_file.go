package web

import (
	"confdesk/internal/paths"
	"errors"
	"mime"
	"mime/multipart"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/internal/store"
	"confdesk/views"
	"confdesk/views/admin"
)

// loadPressFile is the press file of the route's :id, if it belongs to conf.
func (s *Server) loadPressFile(c *fiber.Ctx, conf model.Conference) (model.PressFile, error) {
	id, err := pathID(c)
	if err != nil {
		return model.PressFile{}, err
	}
	f, err := s.store.PressFile(c.UserContext(), id)
	if err == nil && f.ConferenceID != conf.ID {
		return f, fiber.ErrNotFound
	}
	return f, err
}

// readPressFileForm reads and checks a file's description. The title may be
// empty on upload, where the file's name stands in for it.
func readPressFileForm(c *fiber.Ctx, titleRequired bool) admin.PressFileForm {
	f := admin.PressFileForm{
		Title:       pressValue(c, "title"),
		Caption:     pressText(c, "caption"),
		Credit:      pressValue(c, "credit"),
		Description: pressText(c, "description"),
		Published:   c.FormValue("published") != "",
	}
	if titleRequired && f.Title == "" {
		f.Errors = append(f.Errors, fieldError("title", "Enter a title, e.g. “Opening plenary, 15 March”."))
	}
	pressCheck(&f.Errors, "title", "The title", f.Title, 200)
	pressCheck(&f.Errors, "caption", "The caption", f.Caption, 500)
	pressCheck(&f.Errors, "credit", "The credit", f.Credit, 200)
	pressCheck(&f.Errors, "description", "The description", f.Description, 2000)
	return f
}

// pressUpload is the file sent in the form's "file" field, or the sentence
// to show beside the field when there is none or it is too large. The
// server's body limit stops anything far larger before this runs.
func pressUpload(c *fiber.Ctx) (*multipart.FileHeader, string) {
	fh, err := c.FormFile("file")
	if err != nil || fh.Filename == "" {
		return nil, "Choose the file to upload."
	}
	if fh.Size > press.MaxFileSize {
		return nil, press.ErrTooLarge.Message
	}
	return fh, ""
}

// savePressUpload checks and stores an uploaded file; a refusal is an *press.UploadError.
func (s *Server) savePressUpload(fh *multipart.FileHeader) (press.StoredFile, error) {
	src, err := fh.Open()
	if err != nil {
		return press.StoredFile{}, err
	}
	defer src.Close()
	return s.pressFiles().Save(src, fh.Filename)
}

// removeStoredPressFile deletes a file no row points to any more. A
// failure leaves an orphan on disk, not a broken row, so it is logged only.
func (s *Server) removeStoredPressFile(storedName string) {
	if err := s.pressFiles().Remove(storedName); err != nil {
		s.log.Warn("press: remove stored file", "stored", storedName, "error", err)
	}
}

// showNewPressFile is the upload form.
func (s *Server) showNewPressFile(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Upload a file", "press")
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.NewPressFilePage(p, admin.PressFileForm{}))
}

// createPressFile checks, stores and describes an uploaded file. The
// stored file and its row appear together or not at all.
func (s *Server) createPressFile(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Upload a file", "press")
	if err != nil {
		return err
	}
	f := readPressFileForm(c, false)
	fh, problem := pressUpload(c)
	if problem != "" {
		f.Errors = append([]views.ErrorItem{fieldError("file", problem)}, f.Errors...)
	}
	if len(f.Errors) > 0 {
		return render(c, fiber.StatusUnprocessableEntity, admin.NewPressFilePage(p, f))
	}
	stored, err := s.savePressUpload(fh)
	var refused *press.UploadError
	if errors.As(err, &refused) {
		f.Errors = append(f.Errors, fieldError("file", refused.Message))
		return render(c, fiber.StatusUnprocessableEntity, admin.NewPressFilePage(p, f))
	}
	if err != nil {
		return err
	}
	name := press.SafeName(fh.Filename)
	if f.Title == "" {
		f.Title = strings.TrimSuffix(name, filepath.Ext(name))
	}
	now := s.now()
	pf := model.PressFile{ConferenceID: p.Conference.ID, Title: f.Title, OriginalName: name,
		StoredName: stored.StoredName, ContentType: stored.ContentType, Size: stored.Size, SHA256: stored.SHA256,
		Caption: f.Caption, Credit: f.Credit, Description: f.Description, Published: f.Published, CreatedAt: now}
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		var err error
		if pf.ID, err = tx.CreatePressFile(pf); err != nil {
			return err
		}
		return s.pressAudit(c, tx, pf.ConferenceID, "create", "press_file", pf.ID, map[string][2]string{
			"title": {"", pf.Title}, "original_name": {"", pf.OriginalName}, "content_type": {"", pf.ContentType},
			"size": {"", strconv.FormatInt(pf.Size, 10)}, "sha256": {"", pf.SHA256},
			"published": {"", strconv.FormatBool(pf.Published)}}, now)
	})
	if err != nil {
		s.removeStoredPressFile(stored.StoredName)
		return err
	}
	s.pressChanged()
	flash := "File uploaded. It is not published yet: publish it when it is ready."
	if pf.Published {
		flash = "File uploaded and published."
	}
	return s.redirectWithFlash(c, paths.PressFile(pf.ID), flash)
}

// pressFileForm is the description form filled from a saved file.
func pressFileForm(f model.PressFile) admin.PressFileForm {
	return admin.PressFileForm{Title: f.Title, Caption: f.Caption, Credit: f.Credit, Description: f.Description,
		Published: f.Published}
}

// showEditPressFile shows a file's details and its forms.
func (s *Server) showEditPressFile(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Press file", "press")
	if err != nil {
		return err
	}
	f, err := s.loadPressFile(c, p.Conference)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.EditPressFilePage(p, admin.PressFilePage{File: f, Form: pressFileForm(f)}))
}

// updatePressFile saves a file's description and published flag.
func (s *Server) updatePressFile(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Press file", "press")
	if err != nil {
		return err
	}
	saved, err := s.loadPressFile(c, p.Conference)
	if err != nil {
		return err
	}
	form := readPressFileForm(c, true)
	if len(form.Errors) > 0 {
		return render(c, fiber.StatusUnprocessableEntity, admin.EditPressFilePage(p, admin.PressFilePage{File: saved, Form: form}))
	}
	now := s.now()
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		old, err := tx.PressFile(saved.ID)
		if err != nil {
			return err
		}
		f := old
		f.Title, f.Caption, f.Credit, f.Description, f.Published = form.Title, form.Caption, form.Credit, form.Description, form.Published
		if err := tx.UpdatePressFile(f, now); err != nil {
			return err
		}
		changes := map[string][2]string{}
		pressDiff(changes, "title", old.Title, f.Title)
		pressDiff(changes, "caption", old.Caption, f.Caption)
		pressDiff(changes, "credit", old.Credit, f.Credit)
		pressDiff(changes, "description", old.Description, f.Description)
		pressDiff(changes, "published", strconv.FormatBool(old.Published), strconv.FormatBool(f.Published))
		return s.pressAudit(c, tx, f.ConferenceID, "update", "press_file", f.ID, changes, now)
	})
	if err != nil {
		return err
	}
	s.pressChanged()
	return s.redirectWithFlash(c, paths.PressFile(saved.ID), "File details saved.")
}

// replacePressFile puts new content under an existing file: same row and
// address, new stored file. The old stored file is deleted once the row no
// longer points to it.
func (s *Server) replacePressFile(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Press file", "press")
	if err != nil {
		return err
	}
	saved, err := s.loadPressFile(c, p.Conference)
	if err != nil {
		return err
	}
	refuse := func(msg string) error {
		return render(c, fiber.StatusUnprocessableEntity, admin.EditPressFilePage(p, admin.PressFilePage{File: saved,
			Form: pressFileForm(saved), ReplaceErrors: admin.PressErrors{fieldError("file", msg)}}))
	}
	fh, problem := pressUpload(c)
	if problem != "" {
		return refuse(problem)
	}
	stored, err := s.savePressUpload(fh)
	var refused *press.UploadError
	if errors.As(err, &refused) {
		return refuse(refused.Message)
	}
	if err != nil {
		return err
	}
	now := s.now()
	var old model.PressFile
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		var err error
		if old, err = tx.PressFile(saved.ID); err != nil {
			return err
		}
		f := old
		f.OriginalName, f.StoredName, f.ContentType = press.SafeName(fh.Filename), stored.StoredName, stored.ContentType
		f.Size, f.SHA256 = stored.Size, stored.SHA256
		if err := tx.UpdatePressFile(f, now); err != nil {
			return err
		}
		changes := map[string][2]string{}
		pressDiff(changes, "original_name", old.OriginalName, f.OriginalName)
		pressDiff(changes, "content_type", old.ContentType, f.ContentType)
		pressDiff(changes, "size", strconv.FormatInt(old.Size, 10), strconv.FormatInt(f.Size, 10))
		pressDiff(changes, "sha256", old.SHA256, f.SHA256)
		return s.pressAudit(c, tx, f.ConferenceID, "replace", "press_file", f.ID, changes, now)
	})
	if err != nil {
		s.removeStoredPressFile(stored.StoredName)
		return err
	}
	s.removeStoredPressFile(old.StoredName)
	s.pressChanged()
	return s.redirectWithFlash(c, paths.PressFile(saved.ID), "File replaced. Its address and description stay the same.")
}

// showDeletePressFile asks before deleting a file.
func (s *Server) showDeletePressFile(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Delete file", "press")
	if err != nil {
		return err
	}
	f, err := s.loadPressFile(c, p.Conference)
	if err != nil {
		return err
	}
	consequence := "The file is deleted from the server for good."
	if f.Published {
		consequence = "The file is published: deleting it takes it off the public press room and deletes it from the server for good; links to it stop working. To take it off the site but keep it, unpublish it instead."
	}
	return render(c, fiber.StatusOK, admin.PressConfirmDeletePage(p, admin.ConfirmDelete{
		Heading: "Delete this file?", Name: f.Title + " (" + f.OriginalName + ")", Consequence: consequence,
		Action: paths.PressFile(f.ID) + "/delete", Button: "Delete the file", Cancel: paths.PressFile(f.ID)}))
}

// deletePressFile deletes a file's row and then its stored content.
func (s *Server) deletePressFile(c *fiber.Ctx) error {
	conf := conference(c)
	f, err := s.loadPressFile(c, conf)
	if err != nil {
		return err
	}
	now := s.now()
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		if err := tx.RemovePressFile(f.ID); err != nil {
			return err
		}
		return s.pressAudit(c, tx, conf.ID, "delete", "press_file", f.ID, map[string][2]string{
			"title": {f.Title, ""}, "original_name": {f.OriginalName, ""}, "sha256": {f.SHA256, ""}}, now)
	})
	if err != nil {
		return err
	}
	s.removeStoredPressFile(f.StoredName)
	s.pressChanged()
	return s.redirectWithFlash(c, "/admin/press", "File “"+f.Title+"” deleted.")
}

// downloadPressFile lets the press team download any file, published or not.
func (s *Server) downloadPressFile(c *fiber.Ctx) error {
	conf := conference(c)
	f, err := s.loadPressFile(c, conf)
	if err != nil {
		return err
	}
	return s.sendPressFile(c, f)
}

// sendPressFile sends a stored press file as a download: its recorded
// content type (never sniffed again: nosniff is set on every response),
// and an attachment named after the uploader's file name made safe. The
// caller decides who may have it (the public route must check Published)
// and counts the download.
func (s *Server) sendPressFile(c *fiber.Ctx, f model.PressFile) error {
	file, err := s.pressFiles().Open(f.StoredName)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, press.ErrBadStoredName) {
		s.log.Error("press: stored file missing", "file", f.ID, "stored", f.StoredName, "error", err)
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	info, err := file.Stat()
	if err != nil {
		file.Close()
		return err
	}
	c.Set(fiber.HeaderContentType, f.ContentType)
	c.Set(fiber.HeaderContentDisposition, pressAttachment(press.SafeName(f.OriginalName)))
	// fasthttp closes the file once it is sent.
	return c.SendStream(file, int(info.Size()))
}

// pressAttachment is the Content-Disposition of a download named name: an
// ASCII filename every client understands and, when name is not plain
// ASCII, the exact name as filename* (RFC 6266).
func pressAttachment(name string) string {
	fallback := pressASCIIName(name)
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": fallback})
	if fallback != name {
		if exact := mime.FormatMediaType("attachment", map[string]string{"filename": name}); exact != "" {
			disposition += strings.TrimPrefix(exact, "attachment")
		}
	}
	return disposition
}

// pressASCIIName is name when it is printable ASCII, else a slug of it
// ("Foto Piñeiro.jpg" → "foto-pineiro.jpg"), for clients without filename*.
func pressASCIIName(name string) string {
	if strings.IndexFunc(name, func(r rune) bool { return r < ' ' || r > '~' }) < 0 {
		return name
	}
	ext := filepath.Ext(name)
	stem := press.Slugify(strings.TrimSuffix(name, ext))
	if stem == "" {
		stem = "file"
	}
	return stem + strings.ToLower(ext)
}

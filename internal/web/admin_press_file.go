package web

import (
	"confdesk/internal/paths"
	"errors"
	"mime"
	"mime/multipart"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/views/admin"
)

// readPressFileForm parses a file's description from the upload or edit form.
func readPressFileForm(c *fiber.Ctx) press.FileForm {
	return press.FileForm{
		Title:       pressValue(c, "title"),
		Caption:     pressText(c, "caption"),
		Credit:      pressValue(c, "credit"),
		Description: pressText(c, "description"),
		Published:   c.FormValue("published") != "",
	}
}

// pressFileFormOf is the form's state for typed values and their problems.
func pressFileFormOf(in press.FileForm, errs model.FieldErrors) admin.PressFileForm {
	return admin.PressFileForm{Title: in.Title, Caption: in.Caption, Credit: in.Credit, Description: in.Description,
		Published: in.Published, Errors: errs}
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

// showNewPressFile is the upload form.
func (s *Server) showNewPressFile(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Upload a file", "press")
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.NewPressFilePage(p, admin.PressFileForm{}))
}

// createPressFile checks, stores and describes an uploaded file.
func (s *Server) createPressFile(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Upload a file", "press")
	if err != nil {
		return err
	}
	in := readPressFileForm(c)
	errs := press.CheckFile(in, false)
	fh, problem := pressUpload(c)
	if problem != "" {
		errs = append(model.FieldErrors{fieldError("file", problem)}, errs...)
	}
	if len(errs) > 0 {
		return render(c, fiber.StatusUnprocessableEntity, admin.NewPressFilePage(p, pressFileFormOf(in, errs)))
	}
	src, err := fh.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	pf, err := s.press.CreateFile(c.UserContext(), p.Conference.ID, pressActor(c), in, src, fh.Filename)
	var refused *press.UploadError
	if errors.As(err, &refused) {
		errs = append(errs, fieldError("file", refused.Message))
		return render(c, fiber.StatusUnprocessableEntity, admin.NewPressFilePage(p, pressFileFormOf(in, errs)))
	}
	if err != nil {
		return err
	}
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

// pressFilePage is the file page's state: the saved file, its form, and
// the problems of a refused replacement.
func (s *Server) pressFilePage(f model.PressFile, form admin.PressFileForm, replaceErrs model.FieldErrors) admin.PressFilePage {
	return admin.PressFilePage{File: f, Form: form, ReplaceErrors: replaceErrs,
		PublicURL: strings.TrimSuffix(s.cfg.BaseURL, "/") + pressFileAddress(f.ID)}
}

// showEditPressFile shows a file's details and its forms.
func (s *Server) showEditPressFile(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Press file", "press")
	if err != nil {
		return err
	}
	f, err := loadRecord(c, s.store.PressFile)
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.EditPressFilePage(p, s.pressFilePage(f, pressFileForm(f), nil)))
}

// updatePressFile saves a file's description and published flag.
func (s *Server) updatePressFile(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Press file", "press")
	if err != nil {
		return err
	}
	saved, err := loadRecord(c, s.store.PressFile)
	if err != nil {
		return err
	}
	in := readPressFileForm(c)
	if errs := press.CheckFile(in, true); len(errs) > 0 {
		return render(c, fiber.StatusUnprocessableEntity, admin.EditPressFilePage(p,
			s.pressFilePage(saved, pressFileFormOf(in, errs), nil)))
	}
	if err := s.press.UpdateFile(c.UserContext(), saved.ID, pressActor(c), in); err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.PressFile(saved.ID), "File details saved.")
}

// replacePressFile puts new content under an existing file: same row and
// address, new stored file.
func (s *Server) replacePressFile(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Press file", "press")
	if err != nil {
		return err
	}
	saved, err := loadRecord(c, s.store.PressFile)
	if err != nil {
		return err
	}
	refuse := func(msg string) error {
		return render(c, fiber.StatusUnprocessableEntity, admin.EditPressFilePage(p,
			s.pressFilePage(saved, pressFileForm(saved), model.FieldErrors{fieldError("file", msg)})))
	}
	fh, problem := pressUpload(c)
	if problem != "" {
		return refuse(problem)
	}
	src, err := fh.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	err = s.press.ReplaceFile(c.UserContext(), saved.ID, pressActor(c), src, fh.Filename)
	var refused *press.UploadError
	if errors.As(err, &refused) {
		return refuse(refused.Message)
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.PressFile(saved.ID), "File replaced. Its address and description stay the same.")
}

// showDeletePressFile asks before deleting a file.
func (s *Server) showDeletePressFile(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Delete file", "press")
	if err != nil {
		return err
	}
	f, err := loadRecord(c, s.store.PressFile)
	if err != nil {
		return err
	}
	consequence := "The file is deleted from the server for good."
	if f.Published {
		consequence = "The file is published: deleting it takes it off the public press room and deletes it from the server for good; links to it stop working. To take it off the site but keep it, unpublish it instead."
	}
	return render(c, fiber.StatusOK, admin.PressConfirmDeletePage(p, admin.Deletion{
		Heading: "Delete the file “" + f.Title + "” (" + f.OriginalName + ")?", Lost: consequence,
		Action: paths.PressFile(f.ID) + "/delete", Cancel: paths.PressFile(f.ID)}))
}

// deletePressFile deletes a file's row and then its stored content.
func (s *Server) deletePressFile(c *fiber.Ctx) error {
	f, err := loadRecord(c, s.store.PressFile)
	if err != nil {
		return err
	}
	if err := s.press.DeleteFile(c.UserContext(), f, pressActor(c)); err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.Press, "File “"+f.Title+"” deleted.")
}

// downloadPressFile lets the press team download any file, published or not.
func (s *Server) downloadPressFile(c *fiber.Ctx) error {
	f, err := loadRecord(c, s.store.PressFile)
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
	return s.streamPressFile(c, f, pressAttachment(press.SafeName(f.OriginalName)))
}

// streamPressFile streams f's stored content with its recorded content
// type and the Content-Disposition given; a stored file gone missing is
// logged and answered 404.
func (s *Server) streamPressFile(c *fiber.Ctx, f model.PressFile, disposition string) error {
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
	c.Set(fiber.HeaderContentDisposition, disposition)
	// fasthttp closes the file once it is sent.
	return c.SendStream(file, int(info.Size()))
}

// pressAttachment is the Content-Disposition of a download named name: an
// ASCII filename every client understands and, when name is not plain
// ASCII, the exact name as filename* (RFC 6266).
func pressAttachment(name string) string { return pressDisposition("attachment", name) }

// pressDisposition is a Content-Disposition of type kind ("attachment",
// "inline") for a file named name, as pressAttachment describes.
func pressDisposition(kind, name string) string {
	fallback := pressASCIIName(name)
	disposition := mime.FormatMediaType(kind, map[string]string{"filename": fallback})
	if fallback != name {
		if exact := mime.FormatMediaType(kind, map[string]string{"filename": name}); exact != "" {
			disposition += strings.TrimPrefix(exact, kind)
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

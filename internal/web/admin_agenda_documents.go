package web

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/agenda"
	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/press"
	"confdesk/views/admin"
	"confdesk/views/public"
)

// Session documents (issue 17): attached from the session editor, listed on
// the public agenda (public ones) and opened by participants from their own
// page (participants-only ones).

// sessionDocumentFiles is where session documents' files are kept: beside
// the press files (data/files), in data/session-documents.
func (s *Server) sessionDocumentFiles() press.Files {
	return press.Files{Dir: filepath.Join(filepath.Dir(s.pressFiles().Dir), "session-documents")}
}

// sessionDocumentsPrefix and sessionDocumentsSuffix frame the console's
// upload route, POST /admin/agenda/sessions/ID/documents (uploadLimit).
const (
	sessionDocumentsPrefix = "/admin/agenda/sessions/"
	sessionDocumentsSuffix = "/documents"
)

// documentID reads the :docid of a document's address.
func documentID(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("docid"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fiber.ErrNotFound
	}
	return id, nil
}

// loadSessionDocument is the session of the path's :id (of the request's
// conference) and its document :docid; any other pair is a 404.
func (s *Server) loadSessionDocument(c *fiber.Ctx) (model.Session, model.SessionDocument, error) {
	m, err := loadRecord(c, s.store.Session)
	if err != nil {
		return m, model.SessionDocument{}, err
	}
	id, err := documentID(c)
	if err != nil {
		return m, model.SessionDocument{}, err
	}
	d, err := s.store.SessionDocument(c.UserContext(), id)
	if err != nil {
		return m, d, err
	}
	if d.SessionID != m.ID || d.ConferenceID != m.ConferenceID {
		return m, d, fiber.ErrNotFound
	}
	return m, d, nil
}

// sessionDocumentsView is the session editor's documents section of session id.
func (s *Server) sessionDocumentsView(c *fiber.Ctx, m model.Session) (admin.SessionDocumentsView, error) {
	docs, err := s.store.SessionDocuments(c.UserContext(), m.ConferenceID, false)
	if err != nil {
		return admin.SessionDocumentsView{}, err
	}
	return admin.SessionDocumentsView{Documents: docs[m.ID],
		Form: agenda.DocumentForm{Language: "en", Visibility: model.DocumentPublic}}, nil
}

// documentFormOf reads the document form from the request.
func documentFormOf(c *fiber.Ctx) agenda.DocumentForm {
	return agenda.DocumentForm{Title: c.FormValue(agenda.FieldDocumentTitle), Language: c.FormValue(agenda.FieldDocumentLanguage),
		Visibility: c.FormValue(agenda.FieldDocumentVisibility), URL: c.FormValue(agenda.FieldDocumentURL)}
}

// createSessionDocument attaches a file or a link to the session in the path.
func (s *Server) createSessionDocument(c *fiber.Ctx) error {
	m, err := loadRecord(c, s.store.Session)
	if err != nil {
		return err
	}
	form := documentFormOf(c)
	refuse := func(errs model.FieldErrors) error {
		docs, err := s.sessionDocumentsView(c, m)
		if err != nil {
			return err
		}
		docs.Form, docs.Errors = form, errs
		return s.renderSessionEditor(c, fiber.StatusUnprocessableEntity, m, docs)
	}
	fh, fileErr := c.FormFile(agenda.FieldDocumentFile)
	hasFile := fileErr == nil && fh.Filename != ""
	hasURL := strings.TrimSpace(form.URL) != ""
	switch {
	case hasFile && hasURL:
		return refuse(model.FieldErrors{fieldError(agenda.FieldDocumentURL, "Upload a file or give a link, not both: leave this empty to upload the file.")})
	case !hasFile && !hasURL:
		return refuse(model.FieldErrors{fieldError(agenda.FieldDocumentFile, "Choose the file to upload, or give a link's address below.")})
	case hasFile && fh.Size > press.MaxFileSize:
		return refuse(model.FieldErrors{fieldError(agenda.FieldDocumentFile, press.ErrTooLarge.Message)})
	}
	var up *agenda.Upload
	if hasFile {
		src, err := fh.Open()
		if err != nil {
			return err
		}
		defer src.Close()
		up = &agenda.Upload{Src: src, Name: fh.Filename}
	}
	d, errs, err := s.sessionDocs.CreateDocument(c.UserContext(), m, form, up, currentUser(c))
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return refuse(errs)
	}
	return s.redirectWithFlash(c, paths.Edit(paths.AgendaSessions, m.ID)+"#documents", "Document “"+d.Title+"” attached.")
}

// renderSessionEditor is the session's editor with its documents section docs.
func (s *Server) renderSessionEditor(c *fiber.Ctx, status int, m model.Session, docs admin.SessionDocumentsView) error {
	conf := conference(c)
	v, err := s.sessionFormView(c, conf, m)
	if err != nil {
		return err
	}
	v.Documents = docs
	return s.renderSessionForm(c, status, conf, v)
}

// sessionDocumentView is a document's edit page state.
func (s *Server) sessionDocumentView(m model.Session, d model.SessionDocument, form agenda.DocumentForm, errs model.FieldErrors) admin.SessionDocumentView {
	v := admin.SessionDocumentView{Session: m, Document: d, Form: form, Errors: errs}
	if d.Visibility == model.DocumentPublic && !d.IsLink() {
		v.PublicURL = strings.TrimSuffix(s.cfg.BaseURL, "/") + agenda.DocumentAddress(d)
	}
	return v
}

// showSessionDocument is a document's edit page.
func (s *Server) showSessionDocument(c *fiber.Ctx) error {
	m, d, err := s.loadSessionDocument(c)
	if err != nil {
		return err
	}
	p, err := s.adminPage(c, "Document “"+d.Title+"”", "agenda")
	if err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.SessionDocumentPage(p, s.sessionDocumentView(m, d, agenda.DocumentFormOf(d), nil)))
}

// updateSessionDocument saves a document's title, language and visibility.
func (s *Server) updateSessionDocument(c *fiber.Ctx) error {
	m, d, err := s.loadSessionDocument(c)
	if err != nil {
		return err
	}
	form := documentFormOf(c)
	saved, errs, err := s.sessionDocs.UpdateDocument(c.UserContext(), d, form, currentUser(c))
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		p, err := s.adminPage(c, "Document “"+d.Title+"”", "agenda")
		if err != nil {
			return err
		}
		return render(c, fiber.StatusUnprocessableEntity, admin.SessionDocumentPage(p, s.sessionDocumentView(m, d, form, errs)))
	}
	return s.redirectWithFlash(c, paths.Edit(paths.AgendaSessions, m.ID)+"#documents", "Document “"+saved.Title+"” saved.")
}

// showDeleteSessionDocument asks before deleting a document.
func (s *Server) showDeleteSessionDocument(c *fiber.Ctx) error {
	m, d, err := s.loadSessionDocument(c)
	if err != nil {
		return err
	}
	p, err := s.adminPage(c, "Delete the document", "agenda")
	if err != nil {
		return err
	}
	v := admin.AgendaDeleteView{What: "document", Name: d.Title, Back: admin.SessionDocumentPath(d),
		Action: admin.SessionDocumentPath(d) + "/delete"}
	switch {
	case d.IsLink():
		v.Note = "The link is taken off the session; the recording itself stays where it is."
	case d.Visibility == model.DocumentPublic && m.Published:
		v.Note = "The file is listed on the public agenda: deleting it takes it off and deletes it from the server for good; links to it stop working."
	default:
		v.Note = "The file is deleted from the server for good."
	}
	return render(c, fiber.StatusOK, admin.AgendaDeletePage(p, v))
}

// deleteSessionDocument deletes a document and its file.
func (s *Server) deleteSessionDocument(c *fiber.Ctx) error {
	m, d, err := s.loadSessionDocument(c)
	if err != nil {
		return err
	}
	if err := s.sessionDocs.DeleteDocument(c.UserContext(), d, currentUser(c)); err != nil {
		return err
	}
	return s.redirectWithFlash(c, paths.Edit(paths.AgendaSessions, m.ID)+"#documents", "Document “"+d.Title+"” deleted.")
}

// downloadSessionDocument lets organisers download any document's file,
// whoever may see it and whether the session is published or not.
func (s *Server) downloadSessionDocument(c *fiber.Ctx) error {
	_, d, err := s.loadSessionDocument(c)
	if err != nil {
		return err
	}
	if d.IsLink() {
		return fiber.ErrNotFound
	}
	return s.streamSessionDocument(c, d, pressAttachment(press.SafeName(d.OriginalName)))
}

// sessionDocumentDisposition is how a document is sent: a PDF is shown in
// the browser, any other file is a download; both named after the
// uploader's file name made safe.
func sessionDocumentDisposition(d model.SessionDocument) string {
	name := press.SafeName(d.OriginalName)
	if d.ContentType == "application/pdf" {
		return pressDisposition("inline", name)
	}
	return pressAttachment(name)
}

// streamSessionDocument streams d's stored file with its recorded content
// type (nosniff is set on every response); a stored file gone missing is
// logged and answered 404.
func (s *Server) streamSessionDocument(c *fiber.Ctx, d model.SessionDocument, disposition string) error {
	file, err := s.sessionDocumentFiles().Open(d.StoredName)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, press.ErrBadStoredName) {
		s.log.Error("agenda: a session document's stored file is missing", "document", d.ID, "stored", d.StoredName, "error", err)
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
	c.Set(fiber.HeaderContentType, d.ContentType)
	c.Set(fiber.HeaderContentDisposition, disposition)
	// fasthttp closes the file once it is sent.
	return c.SendStream(file, int(info.Size()))
}

// showPublicSessionDocument is /agenda/sessions/ID/documents/DOCID: a
// public document of a published session, revalidated by its ETag (the
// file's SHA-256); a link is a redirect to it. A participants-only
// document, a draft session's or an unknown one is a 404, to anyone.
func (s *Server) showPublicSessionDocument(c *fiber.Ctx) error {
	m, d, err := s.loadSessionDocument(c)
	if errors.Is(err, fiber.ErrNotFound) || (err == nil && !agenda.OpensFor(d, m, false)) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	if d.IsLink() {
		return c.Redirect(d.URL, fiber.StatusFound)
	}
	etag := `"` + d.SHA256 + `"`
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderCacheControl, "no-cache")
	if c.Get(fiber.HeaderIfNoneMatch) == etag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	return s.streamSessionDocument(c, d, sessionDocumentDisposition(d))
}

// showParticipantDocument is /registration/TOKEN/documents/DOCID: a
// document of a published session, participants-only ones included, for
// a confirmed registration only. The self-service door (loadRegistration)
// has already set no-store and no Referer and refused an unknown token.
func (s *Server) showParticipantDocument(c *fiber.Ctx) error {
	r := currentRegistration(c)
	if r.Status != model.StatusConfirmed {
		return fiber.ErrNotFound
	}
	id, err := documentID(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	d, err := s.store.SessionDocument(ctx, id)
	if err != nil {
		return err
	}
	if d.ConferenceID != r.ConferenceID {
		return fiber.ErrNotFound
	}
	m, err := s.store.Session(ctx, d.SessionID)
	if err != nil {
		return err
	}
	if !agenda.OpensFor(d, m, true) {
		return fiber.ErrNotFound
	}
	if d.IsLink() {
		return c.Redirect(d.URL, fiber.StatusSeeOther)
	}
	return s.streamSessionDocument(c, d, sessionDocumentDisposition(d))
}

// participantDocuments are the participants-only documents of the
// published sessions, in time order, for a confirmed registration; none
// for any other.
func (s *Server) participantDocuments(ctx context.Context, r model.Registration) ([]public.ParticipantDocument, error) {
	if r.Status != model.StatusConfirmed {
		return nil, nil
	}
	docs, err := s.store.SessionDocuments(ctx, r.ConferenceID, false)
	if err != nil || len(docs) == 0 {
		return nil, err
	}
	sessions, err := s.store.Sessions(ctx, r.ConferenceID, true)
	if err != nil {
		return nil, err
	}
	var out []public.ParticipantDocument
	for _, m := range sessions {
		for _, d := range docs[m.ID] {
			if d.Visibility == model.DocumentParticipants && agenda.OpensFor(d, m, true) {
				out = append(out, public.ParticipantDocument{Session: m, Document: d})
			}
		}
	}
	return out, nil
}

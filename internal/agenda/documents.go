package agenda

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/internal/store"
)

// Session documents (issue 17): a concept note, slides, an outcome
// document (a file, kept under the press room's rules: press.Files) or a
// recording (a link), public or for participants only.

// Limits of a document's fields.
const (
	maxDocumentTitle = 200
	maxDocumentURL   = 2000
)

// The document form's field names: distinct from the session form's, which
// shares the session editor's page.
const (
	FieldDocumentTitle      = "document_title"
	FieldDocumentLanguage   = "document_language"
	FieldDocumentVisibility = "document_visibility"
	FieldDocumentURL        = "document_url"
	FieldDocumentFile       = "document_file"
)

// DocumentForm is the document form as typed. URL is read only when the
// document is a link; a file comes beside the form (CreateDocument).
type DocumentForm struct {
	Title      string
	Language   string // en, es, fr, nl
	Visibility string // model.DocumentPublic or model.DocumentParticipants
	URL        string
}

// DocumentFormOf is the form filled from a saved document.
func DocumentFormOf(d model.SessionDocument) DocumentForm {
	return DocumentForm{Title: d.Title, Language: d.Language, Visibility: d.Visibility, URL: d.URL}
}

// DocumentVisibilities are the choices of who may see a document, in the
// form's order.
var DocumentVisibilities = []string{model.DocumentPublic, model.DocumentParticipants}

// DocumentVisibilityLabels names them for organisers.
var DocumentVisibilityLabels = map[string]string{
	model.DocumentPublic:       "Everyone: listed on the public agenda and in its feeds",
	model.DocumentParticipants: "Participants only: from their own registration page, never from a public address",
}

// Validate checks the typed fields: link says whether the document is a
// link (its URL is required then, and ignored otherwise).
func (f DocumentForm) Validate(link bool) (model.SessionDocument, model.FieldErrors) {
	var errs model.FieldErrors
	d := model.SessionDocument{
		Title:      text(&errs, FieldDocumentTitle, f.Title, "Give the document a title, e.g. “Concept note” or “Slides”.", maxDocumentTitle),
		Language:   strings.TrimSpace(f.Language),
		Visibility: strings.TrimSpace(f.Visibility),
	}
	if i18n.Lookup(d.Language) == nil {
		errs.Add(FieldDocumentLanguage, "Choose the document's language.")
	}
	if d.Visibility != model.DocumentPublic && d.Visibility != model.DocumentParticipants {
		errs.Add(FieldDocumentVisibility, "Choose who may see the document.")
	}
	if link {
		d.URL = checkDocumentURL(&errs, f.URL)
	}
	return d, errs
}

// checkDocumentURL checks a recording's address: an absolute http or
// https URL with a host, on one line.
func checkDocumentURL(errs *model.FieldErrors, typed string) string {
	v := strings.TrimSpace(typed)
	if v == "" {
		errs.Add(FieldDocumentURL, "Give the link's address, starting with https://.")
		return v
	}
	if utf8.RuneCountInString(v) > maxDocumentURL || strings.ContainsAny(v, " \t\r\n") {
		errs.Add(FieldDocumentURL, "Give one web address of at most "+strconv.Itoa(maxDocumentURL)+" characters, without spaces.")
		return v
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		errs.Add(FieldDocumentURL, "Give a web address starting with https:// or http://, e.g. https://example.org/recording.")
	}
	return v
}

// Documents carries out the organisers' changes to session documents: each
// one write transaction with its audit line; files are kept in Files under
// the press room's rules (allow-list, sniffing, size, generated names,
// SHA-256). After a commit, Changed is called (the agenda cache).
type Documents struct {
	Store   *store.Store
	Files   press.Files
	Now     func() time.Time
	Changed func()
	// Log records a stored file that could not be removed.
	Log *slog.Logger
}

func (ds *Documents) changed() {
	if ds.Changed != nil {
		ds.Changed()
	}
}

func documentFields(d model.SessionDocument) map[string]string {
	m := map[string]string{"title": d.Title, "language": d.Language, "visibility": d.Visibility,
		"session": strconv.FormatInt(d.SessionID, 10)}
	if d.IsLink() {
		m["url"] = d.URL
	} else {
		m["file"] = d.OriginalName
		m["size"] = strconv.FormatInt(d.Size, 10)
		m["sha256"] = d.SHA256
	}
	return m
}

func (ds *Documents) audit(tx *store.Tx, conferenceID int64, by model.User, action string, id int64, before, after map[string]string) error {
	return tx.AuditDiff(model.AuditEntry{ConferenceID: conferenceID, UserID: by.ID, Actor: by.Email, Action: action,
		Entity: "session_document", EntityID: id, CreatedAt: ds.Now()}, before, after)
}

// Upload is a file sent with the document form: nil for a link.
type Upload struct {
	Src  io.Reader
	Name string // the uploader's file name
}

// CreateDocument adds a document to session s: the file up (checked and
// kept as press files are) or, when up is nil, the link in f. Problems the
// organiser can fix come back as field errors, with nothing stored.
func (ds *Documents) CreateDocument(ctx context.Context, s model.Session, f DocumentForm, up *Upload, by model.User) (model.SessionDocument, model.FieldErrors, error) {
	d, errs := f.Validate(up == nil)
	if len(errs) > 0 {
		return d, errs, nil
	}
	d.ConferenceID, d.SessionID, d.CreatedAt = s.ConferenceID, s.ID, ds.Now()
	if up != nil {
		stored, err := ds.Files.Save(up.Src, up.Name)
		var refused *press.UploadError
		if errors.As(err, &refused) {
			return d, model.FieldErrors{{Field: FieldDocumentFile, Message: refused.Message}}, nil
		}
		if err != nil {
			return d, nil, err
		}
		d.StoredName, d.ContentType, d.Size, d.SHA256 = stored.StoredName, stored.ContentType, stored.Size, stored.SHA256
		d.OriginalName = press.SafeName(up.Name)
	}
	err := ds.Store.Update(ctx, func(tx *store.Tx) error {
		var err error
		if d.ID, err = tx.CreateSessionDocument(d); err != nil {
			return err
		}
		return ds.audit(tx, d.ConferenceID, by, "create", d.ID, nil, documentFields(d))
	})
	if err != nil {
		if d.StoredName != "" {
			ds.removeStored(d.StoredName)
		}
		return d, nil, err
	}
	ds.changed()
	return d, nil, nil
}

// UpdateDocument saves the title, language and visibility (and a link's
// address) of the stored document old.
func (ds *Documents) UpdateDocument(ctx context.Context, old model.SessionDocument, f DocumentForm, by model.User) (model.SessionDocument, model.FieldErrors, error) {
	d, errs := f.Validate(old.IsLink())
	if len(errs) > 0 {
		return d, errs, nil
	}
	saved := old
	saved.Title, saved.Language, saved.Visibility = d.Title, d.Language, d.Visibility
	if old.IsLink() {
		saved.URL = d.URL
	}
	err := ds.Store.Update(ctx, func(tx *store.Tx) error {
		before, err := tx.SessionDocument(old.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdateSessionDocument(saved, ds.Now()); err != nil {
			return err
		}
		return ds.audit(tx, before.ConferenceID, by, "update", old.ID, documentFields(before), documentFields(saved))
	})
	if err != nil {
		return saved, nil, err
	}
	ds.changed()
	return saved, nil, nil
}

// DeleteDocument deletes a document, then its stored file once the
// deletion committed.
func (ds *Documents) DeleteDocument(ctx context.Context, d model.SessionDocument, by model.User) error {
	err := ds.Store.Update(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteSessionDocument(d.ID); err != nil {
			return err
		}
		return ds.audit(tx, d.ConferenceID, by, "delete", d.ID, documentFields(d), nil)
	})
	if err != nil {
		return err
	}
	if d.StoredName != "" {
		ds.removeStored(d.StoredName)
	}
	ds.changed()
	return nil
}

// RemoveFiles deletes the stored files of documents whose rows are gone
// (a deleted session's, which the database deletes with it).
func (ds *Documents) RemoveFiles(docs []model.SessionDocument) {
	for _, d := range docs {
		if d.StoredName != "" {
			ds.removeStored(d.StoredName)
		}
	}
}

func (ds *Documents) removeStored(storedName string) {
	if err := ds.Files.Remove(storedName); err != nil && ds.Log != nil {
		ds.Log.Warn("agenda: remove a session document's stored file", "stored", storedName, "error", err)
	}
}

// OpensFor reports whether the document d of session s may be opened by
// who: the public (participant false) gets public documents of published
// sessions; a confirmed participant gets any document of a published
// session as well.
func OpensFor(d model.SessionDocument, s model.Session, participant bool) bool {
	if d.SessionID != s.ID || !s.Published {
		return false
	}
	return d.Visibility == model.DocumentPublic || participant
}

// DocumentAddress is a document's public address,
// /agenda/sessions/ID/documents/DOCID, where a file opens (and a link
// redirects to its own address).
func DocumentAddress(d model.SessionDocument) string {
	return "/agenda/sessions/" + strconv.FormatInt(d.SessionID, 10) + "/documents/" + strconv.FormatInt(d.ID, 10)
}

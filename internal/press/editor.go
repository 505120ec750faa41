package press

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// ErrSlugTaken stops a release's save when its chosen slug is another release's.
var ErrSlugTaken = errors.New("press: release slug taken")

// ErrLeadImage stops a release's save when its lead picture is not a
// published image of the conference's press room.
var ErrLeadImage = errors.New("press: lead picture is not a published image")

// checkLeadImage checks, inside the save's transaction, that file id (if
// any) is a published image of the conference: a file unpublished or
// deleted while the form was open is refused, not shown.
func checkLeadImage(tx *store.Tx, conferenceID, id int64) error {
	if id == 0 {
		return nil
	}
	f, err := tx.PressFile(id)
	if errors.Is(err, store.ErrNotFound) || err == nil && (f.ConferenceID != conferenceID || !f.Published || !IsImage(f.ContentType)) {
		return ErrLeadImage
	}
	return err
}

// Editor makes the press team's changes to releases, files and media
// contacts. Each change is one write transaction holding the change and
// its audit line; after it commits, Changed runs.
type Editor struct {
	Store *store.Store
	Files Files
	Now   func() time.Time
	// Changed runs after every committed change; the web layer sets it to
	// drop its cached public press room and media kit.
	Changed func()
	// Log records a stored file that could not be removed after its row
	// went: an orphan on disk, not a broken row, so the change stands.
	Log *slog.Logger
}

// Actor is the signed-in user making a change, for the audit log.
type Actor struct {
	UserID int64
	Email  string
}

// update runs fn in one write transaction and, once it commits, Changed.
func (e *Editor) update(ctx context.Context, fn func(tx *store.Tx, now time.Time) error) error {
	now := e.Now()
	if err := e.Store.Update(ctx, func(tx *store.Tx) error { return fn(tx, now) }); err != nil {
		return err
	}
	if e.Changed != nil {
		e.Changed()
	}
	return nil
}

// audit writes the audit line of a press-room change; an "update" that
// changes nothing writes none (store.AuditDiff).
func audit(tx *store.Tx, a Actor, conferenceID int64, action, entity string, id int64, changes map[string][2]string, now time.Time) error {
	return tx.AuditDiff(model.AuditEntry{ConferenceID: conferenceID, UserID: a.UserID, Actor: a.Email, Action: action,
		Entity: entity, EntityID: id, Changes: changes, CreatedAt: now}, nil, nil)
}

// The fields of each record the audit log compares (store.Diff), as text.
func releaseFields(r model.PressRelease) map[string]string {
	return map[string]string{"title": r.Title, "slug": r.Slug, "release_date": r.ReleaseDate,
		"dateline": r.Dateline, "summary": r.Summary, "lead_image": idText(r.LeadImageID)}
}

func fileFields(f model.PressFile) map[string]string {
	return map[string]string{"title": f.Title, "caption": f.Caption, "credit": f.Credit,
		"description": f.Description, "published": strconv.FormatBool(f.Published)}
}

func contentFields(f model.PressFile) map[string]string {
	return map[string]string{"original_name": f.OriginalName, "content_type": f.ContentType,
		"size": strconv.FormatInt(f.Size, 10), "sha256": f.SHA256}
}

func contactFields(m model.MediaContact) map[string]string {
	return map[string]string{"name": m.Name, "role": m.Role, "organisation": m.Organisation,
		"email": m.Email, "phone": m.Phone, "mobile": m.Mobile, "languages": m.Languages}
}

// idText is a file id for the audit log, "" for none.
func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// translationChanges lists the translations that differ between old and
// t, for the audit log: "title (es)". A multi-line text is told by its
// length, as the English body is.
func translationChanges(old, t model.Translations, fields []model.TranslatedLimit) map[string][2]string {
	changes := map[string][2]string{}
	for _, l := range i18n.Translations() {
		for _, f := range fields {
			was, is := old.Get(f.Field, l.Code), t.Get(f.Field, l.Code)
			if was == is {
				continue
			}
			if f.Multiline {
				was, is = characters(was), characters(is)
			}
			changes[f.Field+" ("+l.Code+")"] = [2]string{was, is}
		}
	}
	return changes
}

// characters describes a text's length for the audit log: a release's
// text can be pages long, so the log says that it changed and by how much.
func characters(s string) string {
	return fmt.Sprintf("(%d characters)", len([]rune(s)))
}

// releaseSlug decides a release's slug inside the save's transaction: the
// one typed, refused when another release has it, or one made from the
// title, numbered ("-2", "-3") until it is free.
func releaseSlug(tx *store.Tx, conferenceID, id int64, typed, title string) (string, error) {
	if typed != "" {
		taken, err := tx.PressReleaseSlugTaken(conferenceID, typed, id)
		if err != nil {
			return "", err
		}
		if taken {
			return "", ErrSlugTaken
		}
		return typed, nil
	}
	base := Slugify(title)
	slug := base
	for n := 2; ; n++ {
		taken, err := tx.PressReleaseSlugTaken(conferenceID, slug, id)
		if err != nil || !taken {
			return slug, err
		}
		slug = NumberedSlug(base, n)
	}
}

// slugErr reports a slug that another save took meanwhile as ErrSlugTaken.
func slugErr(err error) error {
	if errors.Is(err, store.ErrDuplicate) {
		return ErrSlugTaken
	}
	return err
}

// CreateRelease saves a new release, checked by CheckRelease, as a draft
// or, with f.Publish, published. A slug in use gives ErrSlugTaken.
func (e *Editor) CreateRelease(ctx context.Context, conferenceID int64, a Actor, f ReleaseForm) (model.PressRelease, error) {
	r := model.PressRelease{ConferenceID: conferenceID, Title: f.Title, ReleaseDate: f.ReleaseDate,
		Dateline: f.Dateline, Summary: f.Summary, Body: f.Body, Published: f.Publish, LeadImageID: f.LeadImageID}
	err := e.update(ctx, func(tx *store.Tx, now time.Time) error {
		if err := checkLeadImage(tx, conferenceID, f.LeadImageID); err != nil {
			return err
		}
		var err error
		r.CreatedAt = now
		if r.Slug, err = releaseSlug(tx, conferenceID, 0, f.Slug, f.Title); err != nil {
			return err
		}
		if r.ID, err = tx.CreatePressRelease(r); err != nil {
			return err
		}
		if err := tx.SetTranslations(conferenceID, i18n.KindRelease, r.ID, f.Translations); err != nil {
			return err
		}
		changes := map[string][2]string{"title": {"", r.Title}, "slug": {"", r.Slug}, "release_date": {"", r.ReleaseDate}}
		maps.Copy(changes, translationChanges(nil, f.Translations, ReleaseTranslated))
		if r.Published {
			changes["published"] = [2]string{"", "true"}
		}
		if r.LeadImageID != 0 {
			changes["lead_image"] = [2]string{"", strconv.FormatInt(r.LeadImageID, 10)}
		}
		return audit(tx, a, conferenceID, "create", "press_release", r.ID, changes, now)
	})
	return r, slugErr(err)
}

// UpdateRelease saves release id's fields, checked by CheckRelease, and
// with f.Publish publishes it in the same transaction (audited as
// "publish"). A slug in use gives ErrSlugTaken.
func (e *Editor) UpdateRelease(ctx context.Context, id int64, a Actor, f ReleaseForm) (model.PressRelease, error) {
	var r model.PressRelease
	err := e.update(ctx, func(tx *store.Tx, now time.Time) error {
		old, err := tx.PressRelease(id)
		if err != nil {
			return err
		}
		if err := checkLeadImage(tx, old.ConferenceID, f.LeadImageID); err != nil {
			return err
		}
		r = old
		r.Title, r.ReleaseDate, r.Dateline, r.Summary, r.Body = f.Title, f.ReleaseDate, f.Dateline, f.Summary, f.Body
		r.LeadImageID = f.LeadImageID
		if r.Slug, err = releaseSlug(tx, r.ConferenceID, r.ID, f.Slug, f.Title); err != nil {
			return err
		}
		if err := tx.UpdatePressRelease(r, now); err != nil {
			return err
		}
		oldT, err := tx.Translations(i18n.KindRelease, r.ID)
		if err != nil {
			return err
		}
		if err := tx.SetTranslations(r.ConferenceID, i18n.KindRelease, r.ID, f.Translations); err != nil {
			return err
		}
		changes := translationChanges(oldT, f.Translations, ReleaseTranslated)
		action := "update"
		if f.Publish && !old.Published {
			if err := tx.SetPressReleasePublished(r.ID, true, now); err != nil {
				return err
			}
			r.Published, action = true, "publish"
			changes["published"] = [2]string{"false", "true"}
		}
		maps.Copy(changes, store.Diff(releaseFields(old), releaseFields(r)))
		if old.Body != r.Body {
			changes["body"] = [2]string{characters(old.Body), characters(r.Body)}
		}
		return audit(tx, a, r.ConferenceID, action, "press_release", r.ID, changes, now)
	})
	return r, slugErr(err)
}

// UnpublishRelease takes release id off the public press room.
func (e *Editor) UnpublishRelease(ctx context.Context, id int64, a Actor) error {
	return e.update(ctx, func(tx *store.Tx, now time.Time) error {
		old, err := tx.PressRelease(id)
		if err != nil {
			return err
		}
		if err := tx.SetPressReleasePublished(id, false, now); err != nil {
			return err
		}
		return audit(tx, a, old.ConferenceID, "unpublish", "press_release", id, map[string][2]string{
			"published": {strconv.FormatBool(old.Published), "false"}}, now)
	})
}

// DeleteRelease deletes release r for good.
func (e *Editor) DeleteRelease(ctx context.Context, r model.PressRelease, a Actor) error {
	return e.update(ctx, func(tx *store.Tx, now time.Time) error {
		if err := tx.RemovePressRelease(r.ID); err != nil {
			return err
		}
		if err := tx.SetTranslations(r.ConferenceID, i18n.KindRelease, r.ID, nil); err != nil {
			return err
		}
		return audit(tx, a, r.ConferenceID, "delete", "press_release", r.ID, map[string][2]string{
			"title": {r.Title, ""}, "slug": {r.Slug, ""}}, now)
	})
}

// removeStored deletes a stored file no row points to any more.
func (e *Editor) removeStored(storedName string) {
	if err := e.Files.Remove(storedName); err != nil && e.Log != nil {
		e.Log.Warn("press: remove stored file", "stored", storedName, "error", err)
	}
}

// CreateFile checks and stores an uploaded file named name, read from
// src, with its description f (checked by CheckFile); an empty title
// becomes the file's name without extension. A refused file is an
// *UploadError. The stored file and its row appear together or not at all.
func (e *Editor) CreateFile(ctx context.Context, conferenceID int64, a Actor, f FileForm, src io.Reader, name string) (model.PressFile, error) {
	stored, err := e.Files.Save(src, name)
	if err != nil {
		return model.PressFile{}, err
	}
	name = SafeName(name)
	if f.Title == "" {
		f.Title = strings.TrimSuffix(name, filepath.Ext(name))
	}
	pf := model.PressFile{ConferenceID: conferenceID, Title: f.Title, OriginalName: name,
		StoredName: stored.StoredName, ContentType: stored.ContentType, Size: stored.Size, SHA256: stored.SHA256,
		Caption: f.Caption, Credit: f.Credit, Description: f.Description, Published: f.Published}
	err = e.update(ctx, func(tx *store.Tx, now time.Time) error {
		var err error
		pf.CreatedAt = now
		if pf.ID, err = tx.CreatePressFile(pf); err != nil {
			return err
		}
		return audit(tx, a, conferenceID, "create", "press_file", pf.ID, map[string][2]string{
			"title": {"", pf.Title}, "original_name": {"", pf.OriginalName}, "content_type": {"", pf.ContentType},
			"size": {"", strconv.FormatInt(pf.Size, 10)}, "sha256": {"", pf.SHA256},
			"published": {"", strconv.FormatBool(pf.Published)}}, now)
	})
	if err != nil {
		e.removeStored(stored.StoredName)
		return model.PressFile{}, err
	}
	return pf, nil
}

// UpdateFile saves file id's description and published flag, checked by CheckFile.
func (e *Editor) UpdateFile(ctx context.Context, id int64, a Actor, form FileForm) error {
	return e.update(ctx, func(tx *store.Tx, now time.Time) error {
		old, err := tx.PressFile(id)
		if err != nil {
			return err
		}
		f := old
		f.Title, f.Caption, f.Credit, f.Description, f.Published = form.Title, form.Caption, form.Credit, form.Description, form.Published
		if err := tx.UpdatePressFile(f, now); err != nil {
			return err
		}
		changes := store.Diff(fileFields(old), fileFields(f))
		return audit(tx, a, f.ConferenceID, "update", "press_file", f.ID, changes, now)
	})
}

// ReplaceFile puts new content, read from src and named name, under file
// id: same row and address, new stored file. A refused file is an
// *UploadError. The old stored file is deleted once the row no longer
// points to it.
func (e *Editor) ReplaceFile(ctx context.Context, id int64, a Actor, src io.Reader, name string) error {
	stored, err := e.Files.Save(src, name)
	if err != nil {
		return err
	}
	var old model.PressFile
	err = e.update(ctx, func(tx *store.Tx, now time.Time) error {
		var err error
		if old, err = tx.PressFile(id); err != nil {
			return err
		}
		f := old
		f.OriginalName, f.StoredName, f.ContentType = SafeName(name), stored.StoredName, stored.ContentType
		f.Size, f.SHA256 = stored.Size, stored.SHA256
		if err := tx.UpdatePressFile(f, now); err != nil {
			return err
		}
		changes := store.Diff(contentFields(old), contentFields(f))
		return audit(tx, a, f.ConferenceID, "replace", "press_file", f.ID, changes, now)
	})
	if err != nil {
		e.removeStored(stored.StoredName)
		return err
	}
	e.removeStored(old.StoredName)
	return nil
}

// DeleteFile deletes file f's row and then its stored content.
func (e *Editor) DeleteFile(ctx context.Context, f model.PressFile, a Actor) error {
	err := e.update(ctx, func(tx *store.Tx, now time.Time) error {
		if err := tx.RemovePressFile(f.ID); err != nil {
			return err
		}
		return audit(tx, a, f.ConferenceID, "delete", "press_file", f.ID, map[string][2]string{
			"title": {f.Title, ""}, "original_name": {f.OriginalName, ""}, "sha256": {f.SHA256, ""}}, now)
	})
	if err != nil {
		return err
	}
	e.removeStored(f.StoredName)
	return nil
}

// contactChanges lists what differs between two versions of a contact, for the audit log.
func contactChanges(old, m model.MediaContact) map[string][2]string {
	changes := store.Diff(contactFields(old), contactFields(m))
	switch {
	case old.ID == 0:
		changes["position"] = [2]string{"", strconv.Itoa(m.Position)}
	case old.Position != m.Position:
		changes["position"] = [2]string{strconv.Itoa(old.Position), strconv.Itoa(m.Position)}
	}
	return changes
}

// CreateContact adds media contact m (checked by CheckContact) to the
// conference, with t its role's translations; last puts it after the
// others instead of at m.Position.
func (e *Editor) CreateContact(ctx context.Context, conferenceID int64, a Actor, m model.MediaContact, t model.Translations,
	last bool) (model.MediaContact, error) {
	m.ConferenceID = conferenceID
	if last {
		var err error
		if m.Position, err = e.Store.NextMediaContactPosition(ctx, conferenceID); err != nil {
			return m, err
		}
	}
	err := e.update(ctx, func(tx *store.Tx, now time.Time) error {
		var err error
		if m.ID, err = tx.CreateMediaContact(m); err != nil {
			return err
		}
		if err := tx.SetTranslations(conferenceID, i18n.KindContact, m.ID, t); err != nil {
			return err
		}
		changes := contactChanges(model.MediaContact{}, m)
		maps.Copy(changes, translationChanges(nil, t, ContactTranslated))
		return audit(tx, a, conferenceID, "create", "media_contact", m.ID, changes, now)
	})
	return m, err
}

// UpdateContact saves contact id as m (checked by CheckContact), with t
// its role's translations; keep leaves its position as it was.
func (e *Editor) UpdateContact(ctx context.Context, id int64, a Actor, m model.MediaContact, t model.Translations,
	keep bool) (model.MediaContact, error) {
	err := e.update(ctx, func(tx *store.Tx, now time.Time) error {
		old, err := tx.MediaContact(id)
		if err != nil {
			return err
		}
		m.ID, m.ConferenceID = old.ID, old.ConferenceID
		if keep {
			m.Position = old.Position
		}
		if err := tx.UpdateMediaContact(m); err != nil {
			return err
		}
		oldT, err := tx.Translations(i18n.KindContact, m.ID)
		if err != nil {
			return err
		}
		if err := tx.SetTranslations(m.ConferenceID, i18n.KindContact, m.ID, t); err != nil {
			return err
		}
		changes := contactChanges(old, m)
		maps.Copy(changes, translationChanges(oldT, t, ContactTranslated))
		return audit(tx, a, m.ConferenceID, "update", "media_contact", m.ID, changes, now)
	})
	return m, err
}

// DeleteContact deletes media contact m.
func (e *Editor) DeleteContact(ctx context.Context, m model.MediaContact, a Actor) error {
	return e.update(ctx, func(tx *store.Tx, now time.Time) error {
		if err := tx.RemoveMediaContact(m.ID); err != nil {
			return err
		}
		if err := tx.SetTranslations(m.ConferenceID, i18n.KindContact, m.ID, nil); err != nil {
			return err
		}
		return audit(tx, a, m.ConferenceID, "delete", "media_contact", m.ID, map[string][2]string{"name": {m.Name, ""}}, now)
	})
}

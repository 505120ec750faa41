package admin

import (
	"strconv"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/press"
	"confdesk/views"
)

// PressOverview is what the press room's overview lists.
type PressOverview struct {
	Releases []model.PressRelease
	Files    []model.PressFile
	Contacts []model.MediaContact
	// KitDownloads counts downloads of the public media kit.
	KitDownloads int

	// AccreditationsWaiting counts the press registrations awaiting a decision.
	AccreditationsWaiting int
	// ReleaseTranslations are each release's translations, by release id.
	ReleaseTranslations map[int64]model.Translations
}

// releaseTranslationStatus says which translations release r lacks, of
// the fields it fills: "(complete)", "(Spanish: 1 of 3 missing · …)".
func releaseTranslationStatus(r model.PressRelease, t model.Translations) string {
	var fields []string
	for _, f := range []struct{ name, original string }{
		{"title", r.Title}, {"dateline", r.Dateline}, {"summary", r.Summary}, {"body", r.Body},
	} {
		if f.original != "" {
			fields = append(fields, f.name)
		}
	}
	return translationStatus(t, fields)
}

// PressReleaseForm is the release editor's state: the typed values, their
// problems, and the rendered preview of the body.
type PressReleaseForm struct {
	ID          int64 // 0 while the release is new
	Published   bool
	SavedSlug   string // the slug in the database, for the public link
	Title       string
	Slug        string
	ReleaseDate string
	Dateline    string
	Summary     string
	Body        string
	// Preview is Body rendered by press.RenderMarkdown, "" when Body is empty.
	Preview string
	// Previewing is set when the page shows typed values that are not saved.
	Previewing bool
	Errors     model.FieldErrors

	// LeadImageID is the chosen lead picture, 0 for none; Images are the
	// published pictures to choose from.
	LeadImageID int64
	Images      []model.PressFile
	// Translations are the release's fields in other languages, as saved or typed.
	Translations model.Translations
}

// translatedFields are the release's fields organisers translate, with
// the English originals shown beside each.
func (f PressReleaseForm) translatedFields() []TranslatedField {
	return []TranslatedField{
		{Name: "title", Label: "Title", Original: f.Title},
		{Name: "dateline", Label: "Dateline", Original: f.Dateline},
		{Name: "summary", Label: "Summary", Long: true, Original: f.Summary},
		{Name: "body", Label: "Text", Long: true, Original: f.Body},
	}
}

// leadImageOptions are the lead picture's choices.
func (f PressReleaseForm) leadImageOptions() []views.OptionGroup {
	opts := make([]views.Option, 0, len(f.Images))
	for _, img := range f.Images {
		opts = append(opts, views.Option{Value: strconv.FormatInt(img.ID, 10), Label: img.Title + " (" + img.OriginalName + ")"})
	}
	return []views.OptionGroup{{Options: opts}}
}

// leadImageValue is the chosen lead picture as the select's value.
func (f PressReleaseForm) leadImageValue() string {
	if f.LeadImageID == 0 {
		return ""
	}
	return strconv.FormatInt(f.LeadImageID, 10)
}

// Action is where the form posts.
func (f PressReleaseForm) Action() string {
	if f.ID == 0 {
		return "/admin/press/releases"
	}
	return paths.PressRelease(f.ID)
}

// PressFileForm is a press file's description on the upload and edit forms.
type PressFileForm struct {
	Title       string
	Caption     string
	Credit      string
	Description string
	Published   bool
	Errors      model.FieldErrors
}

// PressFilePage is the edit page of one file: its stored details, the
// description form and the replace form, each with its own problems.
type PressFilePage struct {
	File          model.PressFile
	Form          PressFileForm
	ReplaceErrors model.FieldErrors

	// PublicURL is the file's absolute public address (it answers only
	// while the file is published).
	PublicURL string
}

// MediaContactForm is the media contact editor's state.
type MediaContactForm struct {
	ID           int64 // 0 while the contact is new
	Name         string
	Role         string
	Organisation string
	Email        string
	Phone        string
	Mobile       string
	Languages    string
	Position     string
	Errors       model.FieldErrors
	// Translations are the contact's role in other languages.
	Translations model.Translations
}

// Action is where the form posts.
func (f MediaContactForm) Action() string {
	if f.ID == 0 {
		return "/admin/press/contacts"
	}
	return paths.MediaContact(f.ID)
}

// pressDate formats a YYYY-MM-DD date for people: "15 March 2027".
func pressDate(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Format("2 January 2006")
}

// pressFileType names a file's type for people.
func pressFileType(f model.PressFile) string { return press.TypeLabel(f.ContentType) }

// downloadsText says how often something was downloaded.
func downloadsText(n int) string {
	switch n {
	case 0:
		return "not downloaded yet"
	case 1:
		return "downloaded once"
	}
	return "downloaded " + strconv.Itoa(n) + " times"
}

// pressFileSize formats a file's size for people.
func pressFileSize(f model.PressFile) string { return press.HumanSize(f.Size) }

// PressAccreditations is the press officers' list of accreditation
// requests. Problem (with ProblemID) reports a refused action; Reason and
// ReasonError keep a refusal's typed reason and its message beside the
// row it belongs to.
type PressAccreditations struct {
	Requests    []model.Registration
	Problem     string
	ProblemID   int64
	Reason      string
	ReasonError string
}

// accreditationsWaiting says how many accreditation requests wait.
func accreditationsWaiting(n int) string {
	switch n {
	case 0:
		return "none waiting"
	case 1:
		return "1 waiting for a decision"
	}
	return strconv.Itoa(n) + " waiting for a decision"
}

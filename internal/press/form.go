package press

import (
	"net/mail"
	"strconv"
	"time"
	"unicode/utf8"

	"confdesk/internal/model"
	"confdesk/internal/textfield"
)

// ReleaseForm is what the release editor sends: the fields as typed
// (trimmed), and whether to publish with this save.
type ReleaseForm struct {
	Title, Slug, ReleaseDate, Dateline, Summary, Body string
	// Publish puts the release on the public press room in the same save,
	// so what goes out is the text that was on screen.
	Publish bool
	// LeadImageID is the chosen lead picture, 0 for none; the Editor
	// checks that it is a published image.
	LeadImageID int64
	// Translations are the release's fields in other languages
	// (ReleaseTranslated), saved with the release.
	Translations model.Translations
}

// ReleaseTranslated are the fields of a release organisers translate, with
// the limits of their English originals.
var ReleaseTranslated = []model.TranslatedLimit{
	{Field: "title", Label: "title", Max: 200},
	{Field: "dateline", Label: "dateline", Max: 100},
	{Field: "summary", Label: "summary", Max: 600, Multiline: true},
	{Field: "body", Label: "text", Max: 100_000, Multiline: true},
}

// ContactTranslated are the fields of a media contact organisers translate.
var ContactTranslated = []model.TranslatedLimit{{Field: "role", Label: "role", Max: 120}}

// FileForm is a press file's description, as typed on the upload and edit forms.
type FileForm struct {
	Title, Caption, Credit, Description string
	Published                           bool
}

// ContactForm is the media contact editor's fields as typed; Position is
// text until checked, empty meaning "last".
type ContactForm struct {
	Name, Role, Organisation, Email, Phone, Mobile, Languages, Position string
	// Translations are the role in other languages (ContactTranslated).
	Translations model.Translations
}

// multiline names the press-room fields typed in a text area.
var multiline = map[string]bool{"caption": true, "description": true, "summary": true, "body": true}

// check adds an error when value is longer than max characters, or holds
// a line break in a one-line field.
func check(errs *model.FieldErrors, field, label, value string, max int) {
	switch {
	case utf8.RuneCountInString(value) > max:
		*errs = append(*errs, model.FieldError{Field: field, Message: label + " is too long: keep it to " + strconv.Itoa(max) + " characters."})
	case textfield.HasControl(value, multiline[field]):
		*errs = append(*errs, model.FieldError{Field: field, Message: textfield.OneLine})
	}
}

// CheckRelease checks a release's fields and fills the dateline with city
// when it is empty. The slug may be empty: it is then made from the title
// when saving.
func CheckRelease(f ReleaseForm, city string) (ReleaseForm, model.FieldErrors) {
	var errs model.FieldErrors
	add := func(field, msg string) { errs = append(errs, model.FieldError{Field: field, Message: msg}) }
	if f.Dateline == "" {
		f.Dateline = city
	}
	if f.Title == "" {
		add("title", "Enter the release's title.")
	}
	check(&errs, "title", "The title", f.Title, 200)
	switch {
	case f.Slug != "" && !ValidSlug(f.Slug):
		add("slug", "Use only lower-case letters, digits and single hyphens between them, at most 80 characters, e.g. conference-opens-in-miami. Or leave it empty to make one from the title.")
	case f.Slug == "" && f.Title != "" && Slugify(f.Title) == "":
		add("slug", "The title has no Latin letters or digits to make a web address from: type one, e.g. conference-opens-in-miami.")
	}
	if _, err := time.Parse(time.DateOnly, f.ReleaseDate); err != nil {
		add("release_date", "Enter the release date as year-month-day, e.g. 2027-03-15.")
	}
	check(&errs, "dateline", "The dateline", f.Dateline, 100)
	check(&errs, "summary", "The summary", f.Summary, 600)
	check(&errs, "body", "The text", f.Body, 100_000)
	errs.CheckTranslations(f.Translations, ReleaseTranslated...)
	return f, errs
}

// LeadImageError is the message beside the lead picture's field when the
// file chosen is not (or no longer) a published image.
var LeadImageError = model.FieldError{Field: "lead_image",
	Message: "Choose a published picture (PNG or JPEG) from the press room's files, or none."}

// SlugTakenError is the message beside the slug field when another release has it.
var SlugTakenError = model.FieldError{Field: "slug",
	Message: "Another press release already has this web address. Choose another, or leave it empty to make one from the title."}

// CheckFile checks a file's description. The title may be empty on
// upload, where the file's name stands in for it.
func CheckFile(f FileForm, titleRequired bool) model.FieldErrors {
	var errs model.FieldErrors
	if titleRequired && f.Title == "" {
		errs = append(errs, model.FieldError{Field: "title", Message: "Enter a title, e.g. “Opening plenary, 15 March”."})
	}
	check(&errs, "title", "The title", f.Title, 200)
	check(&errs, "caption", "The caption", f.Caption, 500)
	check(&errs, "credit", "The credit", f.Credit, 200)
	check(&errs, "description", "The description", f.Description, 2000)
	return errs
}

// CheckContact checks a media contact's fields and returns the contact
// they describe; its Position is 0 when f.Position is empty.
func CheckContact(f ContactForm) (model.MediaContact, model.FieldErrors) {
	var errs model.FieldErrors
	add := func(field, msg string) { errs = append(errs, model.FieldError{Field: field, Message: msg}) }
	if f.Name == "" {
		add("name", "Enter the contact's name.")
	}
	check(&errs, "name", "The name", f.Name, 120)
	check(&errs, "role", "The role", f.Role, 120)
	check(&errs, "organisation", "The organisation", f.Organisation, 120)
	if f.Email != "" {
		if a, err := mail.ParseAddress(f.Email); err != nil || a.Address != f.Email {
			add("email", "Enter an e-mail address like name@example.org.")
		}
	}
	check(&errs, "email", "The e-mail address", f.Email, 200)
	check(&errs, "phone", "The phone number", f.Phone, 60)
	check(&errs, "mobile", "The mobile number", f.Mobile, 60)
	check(&errs, "languages", "The languages", f.Languages, 120)
	position, err := strconv.Atoi(f.Position)
	if f.Position != "" && (err != nil || position < 0 || position > 9999) {
		add("position", "Enter a whole number from 0 to 9999, or leave it empty to put the contact last.")
	}
	errs.CheckTranslations(f.Translations, ContactTranslated...)
	return model.MediaContact{Name: f.Name, Role: f.Role, Organisation: f.Organisation, Email: f.Email,
		Phone: f.Phone, Mobile: f.Mobile, Languages: f.Languages, Position: position}, errs
}

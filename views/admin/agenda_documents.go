package admin

import (
	"strconv"

	"confdesk/internal/agenda"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/press"
	"confdesk/views"
)

// SessionDocumentsView is the session editor's documents section: the
// documents attached so far and the form that attaches another.
type SessionDocumentsView struct {
	Documents []model.SessionDocument
	Form      agenda.DocumentForm
	Errors    model.FieldErrors
}

// SessionDocumentView is one document's edit page.
type SessionDocumentView struct {
	Session  model.Session
	Document model.SessionDocument
	Form     agenda.DocumentForm
	Errors   model.FieldErrors
	// PublicURL is the file's public address (for a public document).
	PublicURL string
}

// SessionDocumentsPath is where a session's documents are attached.
func SessionDocumentsPath(sessionID int64) string {
	return paths.AgendaSession(sessionID) + "/documents"
}

// SessionDocumentPath is a document's page in the console.
func SessionDocumentPath(d model.SessionDocument) string {
	return SessionDocumentsPath(d.SessionID) + "/" + strconv.FormatInt(d.ID, 10)
}

// documentLanguageOptions are the languages a document may be in.
func documentLanguageOptions() []views.OptionGroup {
	var opts []views.Option
	for _, l := range i18n.Languages {
		opts = append(opts, views.Option{Value: l.Code, Label: l.InEnglish})
	}
	return []views.OptionGroup{{Options: opts}}
}

// documentVisibilityOptions are who may see a document.
func documentVisibilityOptions() []views.OptionGroup {
	var opts []views.Option
	for _, v := range agenda.DocumentVisibilities {
		opts = append(opts, views.Option{Value: v, Label: agenda.DocumentVisibilityLabels[v]})
	}
	return []views.OptionGroup{{Options: opts}}
}

// documentKind says what a document is, for organisers: "PDF, 1.2 MB" or "Link".
func documentKind(d model.SessionDocument) string {
	if d.IsLink() {
		return "Link"
	}
	return press.TypeLabel(d.ContentType) + ", " + press.HumanSize(d.Size)
}

// documentLanguage names a document's language in English.
func documentLanguage(d model.SessionDocument) string {
	if l := i18n.Lookup(d.Language); l != nil {
		return l.InEnglish
	}
	return d.Language
}

// documentVisibility says who may see a document, in a word or two.
func documentVisibility(d model.SessionDocument) string {
	if d.Visibility == model.DocumentParticipants {
		return "Participants only"
	}
	return "Everyone"
}

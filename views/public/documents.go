package public

import (
	"context"
	"strconv"

	"github.com/a-h/templ"

	"confdesk/internal/agenda"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/press"
)

// ParticipantDocument is a participants-only document on a participant's
// own page, with the title of its session.
type ParticipantDocument struct {
	Session  model.Session
	Document model.SessionDocument
}

// PublicDocumentHref is where a public document opens: a file's public
// address, or a link's own address.
func PublicDocumentHref(d model.SessionDocument) templ.SafeURL {
	if d.IsLink() {
		return templ.URL(d.URL)
	}
	return templ.SafeURL(agenda.DocumentAddress(d))
}

// participantDocumentHref is where a document opens under a participant's
// own link: base is /registration/TOKEN.
func participantDocumentHref(base string, d model.SessionDocument) templ.SafeURL {
	return templ.SafeURL(base + "/documents/" + strconv.FormatInt(d.ID, 10))
}

// DocumentFacts says what a document is, in ctx's language: its type,
// its size (a file's) and its language, "PDF, 1.2 MB, Español".
func DocumentFacts(ctx context.Context, d model.SessionDocument) string {
	l := i18n.From(ctx)
	out := documentType(ctx, d)
	if !d.IsLink() {
		out += ", " + press.SizeIn(l, d.Size)
	}
	if lang := i18n.Lookup(d.Language); lang != nil {
		out += ", " + lang.Name
	}
	return out
}

// documentType names a document's type in ctx's language ("PDF", "Link").
func documentType(ctx context.Context, d model.SessionDocument) string {
	switch {
	case d.IsLink():
		return i18n.T(ctx, "agenda.documents.link")
	case d.ContentType == "application/pdf":
		return i18n.T(ctx, "press.type.pdf")
	case d.ContentType == "image/png":
		return i18n.T(ctx, "press.type.png")
	case d.ContentType == "image/jpeg":
		return i18n.T(ctx, "press.type.jpeg")
	case d.ContentType == "application/zip":
		return i18n.T(ctx, "press.type.zip")
	case d.ContentType == press.DocxType:
		return i18n.T(ctx, "press.type.docx")
	}
	return d.ContentType
}

package i18n

import "context"

// Kinds of record whose fields organisers translate (translations.kind).
const (
	KindConference = "conference"
	KindFigure     = "figure"
	KindTrack      = "track"
	KindRoom       = "room"
	KindSession    = "session"
	KindRelease    = "press_release"
	KindContact    = "media_contact"
)

// Field names one translatable field of one record: {KindSession, 12, "title"}.
type Field struct {
	Kind string
	ID   int64
	Name string
}

// Content is the conference's own content in one language: what
// organisers translated, by field. A field not in it has no translation.
type Content map[Field]string

// Localized is a text of the conference's own content as a page shows it.
// Lang is "en" when the text is the English original standing in for a
// missing translation on a page in another language, so that its element
// can say so (lang="en") and a screen reader switch voice; else "".
type Localized struct {
	Text string
	Lang string
}

type contentKey struct{}

// WithContent returns ctx carrying the content translations for its language.
func WithContent(ctx context.Context, c Content) context.Context {
	return context.WithValue(ctx, contentKey{}, c)
}

// Tr is a field of the conference's content in ctx's language: the
// translation when there is one, else the English original, marked.
func Tr(ctx context.Context, f Field, original string) Localized {
	l := From(ctx)
	if l == English || original == "" {
		return Localized{Text: original}
	}
	if c, ok := ctx.Value(contentKey{}).(Content); ok {
		if s := c[f]; s != "" {
			return Localized{Text: s}
		}
	}
	return Localized{Text: original, Lang: English.Code}
}

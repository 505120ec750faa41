// Package press holds the public press room's pages: the room itself and
// each release. Handlers pass everything the pages show; nothing here
// reads the database.
package press

import (
	"context"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/internal/vcard"
)

// Room is what the press room's front page shows. Everything in it is
// published: handlers never pass drafts or unpublished files.
type Room struct {
	Releases []model.PressRelease
	Contacts []model.MediaContact
	Files    []model.PressFile
	Kit      Kit
}

// Kit describes the media kit for its download button.
type Kit struct {
	Href     string
	Size     int64
	Contents []i18n.M // what it holds, one line each
}

// Release is one release's page.
type Release struct {
	Release model.PressRelease
	// Body is the release's Markdown rendered by press.RenderMarkdown: the
	// only HTML a press page inserts unescaped.
	Body string
	// BodyLang is "en" when Body is the English original standing in for
	// a missing translation (i18n.Localized.Lang).
	BodyLang string
	Contacts []model.MediaContact
	// Lead is the lead picture, shown above the text; nil for none. LeadAlt
	// describes it for those who cannot see it (the file's title).
	Lead    *press.Picture
	LeadAlt string
}

// ReleasePath is a release's public address.
func ReleasePath(r model.PressRelease) string { return "/press/releases/" + r.Slug }

// FilePath is a published file's download address.
func FilePath(f model.PressFile) string { return "/press/files/" + strconv.FormatInt(f.ID, 10) }

// WithLang is href for a document in ctx's language: the press room's
// PDFs and media kit follow ?lang= only, so a page not in English links
// them with its own.
func WithLang(ctx context.Context, href string) string {
	if l := i18n.From(ctx); l != i18n.English {
		return href + "?lang=" + l.Code
	}
	return href
}

// ReleaseText is one of a release's translatable fields ("title",
// "dateline", "summary", "body") in ctx's language.
func ReleaseText(ctx context.Context, r model.PressRelease, field, original string) i18n.Localized {
	return i18n.Tr(ctx, i18n.Field{Kind: i18n.KindRelease, ID: r.ID, Name: field}, original)
}

// ContactRole is a media contact's role in ctx's language.
func ContactRole(ctx context.Context, m model.MediaContact) i18n.Localized {
	return i18n.Tr(ctx, i18n.Field{Kind: i18n.KindContact, ID: m.ID, Name: "role"}, m.Role)
}

// ContactLanguages are the languages a media contact speaks, named in
// ctx's language ("inglés, español") when every name typed was understood
// (vcard.Languages); else, and in English, as typed.
func ContactLanguages(ctx context.Context, m model.MediaContact) string {
	l := i18n.From(ctx)
	if l == i18n.English || l == i18n.Pseudo {
		return m.Languages
	}
	tags, all := vcard.Languages(m.Languages)
	if !all || len(tags) == 0 {
		return m.Languages
	}
	names := display.Tags(l.Tag)
	out := make([]string, len(tags))
	for i, t := range tags {
		tag, err := language.Parse(t)
		if out[i] = names.Name(tag); err != nil || out[i] == "" {
			return m.Languages
		}
	}
	return strings.Join(out, ", ")
}

// Date formats a YYYY-MM-DD date in ctx's language: "15 March 2027",
// "15 de marzo de 2027".
func Date(ctx context.Context, date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return i18n.From(ctx).Date(t)
}

// Size formats a byte count in ctx's language: "1.2 MB", "1,2 MB".
func Size(ctx context.Context, n int64) string { return press.SizeIn(i18n.From(ctx), n) }

// FileType names a file's type in ctx's language ("PDF", "PNG image").
func FileType(ctx context.Context, f model.PressFile) string {
	switch f.ContentType {
	case "application/pdf":
		return i18n.T(ctx, "press.type.pdf")
	case "image/png":
		return i18n.T(ctx, "press.type.png")
	case "image/jpeg":
		return i18n.T(ctx, "press.type.jpeg")
	case "application/zip":
		return i18n.T(ctx, "press.type.zip")
	case press.DocxType:
		return i18n.T(ctx, "press.type.docx")
	}
	return f.ContentType
}

// telHref is a phone number as a tel: link (RFC 3966): its digits and a
// leading plus, and an extension ("ext. 225") as ";ext=225".
func telHref(number string) string {
	main, ext, _ := strings.Cut(strings.ToLower(number), "ext")
	digits := func(s string) string {
		var b strings.Builder
		for i, r := range s {
			if r >= '0' && r <= '9' || (r == '+' && i == strings.IndexFunc(s, func(r rune) bool { return r != ' ' })) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	href := "tel:" + digits(main)
	if e := digits(ext); e != "" {
		href += ";ext=" + e
	}
	return href
}

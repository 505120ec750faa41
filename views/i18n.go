package views

import (
	"context"
	"io"
	"net/url"
	"strings"

	"github.com/a-h/templ"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// LangAttrs is the lang attribute an element showing x needs: lang="en"
// when x is the English original standing in for a missing translation.
func LangAttrs(x i18n.Localized) templ.Attributes {
	if x.Lang == "" {
		return nil
	}
	return templ.Attributes{"lang": x.Lang}
}

// ConferenceText is one of the conference's own fields ("name",
// "tagline", "description") in ctx's language.
func ConferenceText(ctx context.Context, c model.Conference, field, original string) i18n.Localized {
	return i18n.Tr(ctx, i18n.Field{Kind: i18n.KindConference, ID: c.ID, Name: field}, original)
}

// ConferenceName is the conference's name in ctx's language.
func ConferenceName(ctx context.Context, c model.Conference) i18n.Localized {
	return ConferenceText(ctx, c, "name", c.Name)
}

// DateRange is the conference's days in ctx's language: "4–6 de febrero de 2027".
func DateRange(ctx context.Context, c model.Conference) string {
	if c.Start().IsZero() || c.End().IsZero() {
		return ""
	}
	return i18n.From(ctx).DateRange(c.Start(), c.End().AddDate(0, 0, -1))
}

// LanguageURL is the address of the page at self in another language:
// self with its lang parameter set to code.
func LanguageURL(self, code string) templ.SafeURL {
	u, err := url.Parse(self)
	if err != nil || self == "" {
		return templ.SafeURL("?lang=" + code)
	}
	q := u.Query()
	q.Set("lang", code)
	return templ.SafeURL(u.Path + "?" + q.Encode())
}

// Linked is a message whose bracketed words link to href: "Read the
// [privacy notice]." Everything is escaped; no markup comes from a
// catalogue. Written in Go rather than templ so that no whitespace comes
// between the words and the link ("notice ." would).
func Linked(text string, href templ.SafeURL) templ.Component {
	before, link, after := splitLink(text)
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		out := templ.EscapeString(before)
		if link != "" {
			out += `<a href="` + templ.EscapeString(string(href)) + `">` + templ.EscapeString(link) + `</a>`
		}
		_, err := io.WriteString(w, out+templ.EscapeString(after))
		return err
	})
}

// splitLink cuts a message around its one bracketed part, the words of
// its link: "Read the [privacy notice] first." gives "Read the ",
// "privacy notice", " first.". A message without brackets is all before.
func splitLink(text string) (before, link, after string) {
	i := strings.IndexByte(text, '[')
	j := strings.LastIndexByte(text, ']')
	if i < 0 || j < i {
		return text, "", ""
	}
	return text[:i], text[i+1 : j], text[j+1:]
}

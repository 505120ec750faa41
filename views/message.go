package views

import (
	"context"
	"io"
	"strings"

	"github.com/a-h/templ"

	"confdesk/internal/i18n"
)

// contentMark stands for the conference's content inside a message while
// the message is put into words; Message cuts the text around it.
const contentMark = "\x00"

// Message is the message id in ctx's language with the conference's
// content x as its placeholder name ("Sessions in {{.Track}}"), x in its
// own element when it is the English original standing in for a missing
// translation, so that it carries lang="en". kv fills other placeholders.
// Everything is escaped.
func Message(ctx context.Context, id, name string, x i18n.Localized, kv ...any) templ.Component {
	text := i18n.T(ctx, id, append(kv, name, contentMark)...)
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		before, after, found := strings.Cut(text, contentMark)
		if _, err := io.WriteString(w, templ.EscapeString(before)); err != nil || !found {
			return err
		}
		content := templ.EscapeString(x.Text)
		if x.Lang != "" {
			content = `<span lang="` + templ.EscapeString(x.Lang) + `">` + content + `</span>`
		}
		if _, err := io.WriteString(w, content); err != nil {
			return err
		}
		_, err := io.WriteString(w, templ.EscapeString(after))
		return err
	})
}

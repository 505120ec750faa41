// Package i18n speaks to people in their language: English, Spanish,
// French and Dutch, the languages of the conference's 19 countries.
//
// Every text the public site, its e-mails and its documents show is a
// message in the catalogues under locales/, one TOML file per language, read
// with github.com/nicksnyder/go-i18n/v2: a stable key ("register.title"),
// named placeholders ({{.Name}}) and CLDR plural forms (one, many, other).
// English is the source; a test fails when another language lacks a key,
// a plural form its rules need, or a placeholder the English text has.
//
// A request's language travels in its context (With, From): the web layer
// chooses it, the templ components read it through T and N, and nothing
// keeps it in a global. The organisers' console stays English.
//
// Haitian Creole is not offered yet: no one on the team writes it well
// enough for officials to read, and Haiti's administration works in
// French, which Haitian participants get. Adding it is a new file here and
// a line in Languages.
package i18n

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.toml
var catalogues embed.FS

// Locale is one language the site speaks, with its catalogue.
type Locale struct {
	Code string       // "es": what ?lang=, the cookie and registrations.language hold
	Tag  language.Tag // for CLDR data: collation, country names, number forms
	Name string       // the language named in itself: "Español"
	// InEnglish names the language for the console: "Spanish".
	InEnglish string
	loc       *goi18n.Localizer
	// pseudo marks every message (⟦…⟧) instead of translating it: the
	// test-only language that shows which text escaped the catalogue.
	pseudo bool
}

// English is the source language and the fallback.
var English = newLocale("en", "English", "English")

// Languages are the languages offered, English first, in the switcher's order.
var Languages = []*Locale{
	English,
	newLocale("es", "Español", "Spanish"),
	newLocale("fr", "Français", "French"),
	newLocale("nl", "Nederlands", "Dutch"),
}

// Pseudo is the test-only language: English messages, each wrapped in
// ⟦ ⟧, so that a test can find visible text that is not a message. The
// web server accepts it only when its options ask for it.
var Pseudo = &Locale{Code: "en-XA", Tag: language.MustParse("en-XA"), Name: "Pseudo", InEnglish: "Pseudo", loc: English.loc, pseudo: true}

var (
	bundle     *goi18n.Bundle
	bundleOnce sync.Once
)

// catalogue loads every message file once.
func catalogue() *goi18n.Bundle {
	bundleOnce.Do(func() {
		bundle = goi18n.NewBundle(language.English)
		bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		files, err := fs.Glob(catalogues, "locales/*.toml")
		if err != nil {
			panic(err)
		}
		for _, f := range files {
			if _, err := bundle.LoadMessageFileFS(catalogues, f); err != nil {
				panic(fmt.Sprintf("i18n: %s: %v", f, err))
			}
		}
	})
	return bundle
}

func newLocale(code, name, inEnglish string) *Locale {
	return &Locale{Code: code, Tag: language.MustParse(code), Name: name, InEnglish: inEnglish,
		loc: goi18n.NewLocalizer(catalogue(), code)}
}

// Stored is the code a registration made in l keeps (registrations.language):
// English for the pseudo-language, which is no one's language.
func (l *Locale) Stored() string {
	if l.pseudo {
		return English.Code
	}
	return l.Code
}

// Translations are the languages offered besides English: those
// organisers translate their content into.
func Translations() []*Locale { return Languages[1:] }

// Lookup returns the offered language with this code ("es"), or nil.
func Lookup(code string) *Locale {
	for _, l := range Languages {
		if l.Code == code {
			return l
		}
	}
	return nil
}

// ByCode is Lookup with English for an unknown or empty code: the
// language of a stored registration.
func ByCode(code string) *Locale {
	if l := Lookup(code); l != nil {
		return l
	}
	return English
}

var matcher = language.NewMatcher(func() []language.Tag {
	tags := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		tags[i] = l.Tag
	}
	return tags
}())

// Match chooses the offered language that best fits an Accept-Language
// header ("es-DO,es;q=0.9,en;q=0.5" gives Spanish); English when none fits.
func Match(acceptLanguage string) *Locale {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return English
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return English
	}
	return Languages[i]
}

// T is the message id in this language, its {{.Name}} placeholders filled
// from kv, given as pairs: T("register.places", "Count", 3). A message the
// catalogue lacks shows its id, so a missing key is seen, not hidden.
func (l *Locale) T(id string, kv ...any) string {
	return l.localize(id, nil, kv)
}

// N is T for a message with plural forms, chosen by count; the count is
// also the placeholder {{.Count}}.
func (l *Locale) N(id string, count int, kv ...any) string {
	return l.localize(id, count, append(kv, "Count", l.Number(count)))
}

func (l *Locale) localize(id string, count any, kv []any) string {
	var data map[string]any
	if len(kv) > 0 {
		data = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			data[kv[i].(string)] = kv[i+1]
		}
	}
	s, err := l.loc.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil && s == "" {
		s = id
	}
	if l.pseudo {
		return "⟦" + s + "⟧"
	}
	return s
}

// M is a message with its values, made where the words are chosen (a
// form check) and put into words where the language is known (the page).
type M struct {
	ID    string
	Count *int // for a message with plural forms
	Args  []any
}

// Msg makes a message: Msg("register.error.required", "Field", "name").
func Msg(id string, kv ...any) M { return M{ID: id, Args: kv} }

// Day is a calendar date given as a message's value: Text writes it in
// the message's language (Locale.Date), "4 February 2027", "4 de febrero de 2027".
type Day time.Time

// Text puts m into words in this language.
func (l *Locale) Text(m M) string {
	args := m.Args
	for i, a := range m.Args {
		if d, ok := a.(Day); ok {
			if &args[0] == &m.Args[0] {
				args = slices.Clone(m.Args) // m's values stay as they are
			}
			args[i] = l.Date(time.Time(d))
		}
	}
	if m.Count != nil {
		return l.N(m.ID, *m.Count, args...)
	}
	return l.T(m.ID, args...)
}

// String is m in English: for logs, the console and tests.
func (m M) String() string { return English.Text(m) }

type ctxKey struct{}

// With returns ctx carrying the language l.
func With(ctx context.Context, l *Locale) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// From is the language ctx carries; English when none.
func From(ctx context.Context) *Locale {
	if ctx != nil {
		if l, ok := ctx.Value(ctxKey{}).(*Locale); ok {
			return l
		}
	}
	return English
}

// T is From(ctx).T: the helper the templ components call.
func T(ctx context.Context, id string, kv ...any) string { return From(ctx).T(id, kv...) }

// N is From(ctx).N.
func N(ctx context.Context, id string, count int, kv ...any) string {
	return From(ctx).N(id, count, kv...)
}

// TypeKey is the catalogue's key naming value v of a list whose messages
// share prefix ("register.org_type." + "ngo"). "other" is a word go-i18n
// keeps for plural forms, so its key is "other_type".
func TypeKey(prefix, v string) string {
	if v == "other" {
		return prefix + "other_type"
	}
	return prefix + v
}

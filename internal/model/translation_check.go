package model

import (
	"strconv"
	"unicode/utf8"

	"confdesk/internal/i18n"
	"confdesk/internal/textfield"
)

// TranslationField is the form field of field's translation into lang,
// "tr-es-title": the console's translation inputs (admin.TranslationFields)
// carry this name, so that an error lands beside its input.
func TranslationField(lang, field string) string { return "tr-" + lang + "-" + field }

// TranslatedNames names the fields of limits, for a form to read.
func TranslatedNames(limits []TranslatedLimit) []string {
	out := make([]string, len(limits))
	for i, l := range limits {
		out[i] = l.Field
	}
	return out
}

// TranslatedLimit is what a translated field accepts: the same as its
// English original.
type TranslatedLimit struct {
	Field, Label string // "title", "title" as the console names it
	Max          int    // characters
	Multiline    bool   // typed in a text area
}

// CheckTranslations adds an error, in English for the console, for each
// translation in t longer than its field's limit or holding a character a
// one-line field refuses.
func (e *FieldErrors) CheckTranslations(t Translations, limits ...TranslatedLimit) {
	for _, l := range i18n.Translations() {
		for _, lim := range limits {
			v := t.Get(lim.Field, l.Code)
			switch {
			case utf8.RuneCountInString(v) > lim.Max:
				e.Add(TranslationField(l.Code, lim.Field), "The "+l.InEnglish+" "+lim.Label+" is too long: keep it to "+
					strconv.Itoa(lim.Max)+" characters, as the English one.")
			case textfield.HasControl(v, lim.Multiline):
				e.Add(TranslationField(l.Code, lim.Field), textfield.OneLine)
			}
		}
	}
}

package settings

import (
	"strconv"
	"strings"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// Translated are the conference's own fields organisers translate, with
// the limits of their English originals: the name, the tagline, and the
// about text the home page shows (description and aim).
var Translated = []model.TranslatedLimit{
	{Field: "name", Label: "conference name", Max: 200},
	{Field: "tagline", Label: "tagline", Max: 200},
	{Field: "description", Label: "description", Max: 2000, Multiline: true},
	{Field: "aim", Label: "aim", Max: 1000, Multiline: true},
}

// FigureLabelInput is the settings form's field of key figure row i's label.
func FigureLabelInput(i int) string { return "figure_label_" + strconv.Itoa(i) }

// FigureField is where the translation of a key figure's label is kept.
// Figures are replaced as a whole when the settings are saved, so a
// translation belongs to the conference and the figure's place in the
// list, not to a row the next save deletes.
func FigureField(conferenceID int64, position int) i18n.Field {
	return i18n.Field{Kind: i18n.KindFigure, ID: conferenceID, Name: "label_" + strconv.Itoa(position)}
}

// TranslatedFields names the form's translated fields: Translated and
// each key figure's label.
func TranslatedFields() []string {
	out := make([]string, 0, len(Translated)+MaxFigures)
	for _, t := range Translated {
		out = append(out, t.Field)
	}
	for i := range MaxFigures {
		out = append(out, FigureLabelInput(i))
	}
	return out
}

// CheckTranslations checks the translations typed in the form, with the limits
// of the English fields, and splits them into the conference's own and
// the key figures', these keyed by the place each figure is saved at
// (FigureField): rows left empty take no place.
func (f Form) CheckTranslations() (conference, figures model.Translations, errs model.FieldErrors) {
	limits := append([]model.TranslatedLimit(nil), Translated...)
	for i := range MaxFigures {
		limits = append(limits, model.TranslatedLimit{Field: FigureLabelInput(i),
			Label: "label of figure " + strconv.Itoa(i+1), Max: 120})
	}
	errs.CheckTranslations(f.Translations, limits...)
	conference, figures = model.Translations{}, model.Translations{}
	for _, l := range i18n.Translations() {
		for _, t := range Translated {
			conference.Set(t.Field, l.Code, f.Translations.Get(t.Field, l.Code))
		}
		position := 0
		for i := range MaxFigures {
			if strings.TrimSpace(f.FigureValues[i]) == "" || strings.TrimSpace(f.FigureLabels[i]) == "" {
				continue
			}
			figures.Set(FigureField(0, position).Name, l.Code, f.Translations.Get(FigureLabelInput(i), l.Code))
			position++
		}
	}
	return conference, figures, errs
}

// FormTranslations are the saved translations as the form shows them: the
// figures' by row, rows being the figures' places when the form is filled
// from what is stored (FormOf).
func FormTranslations(conference, figures model.Translations) model.Translations {
	out := model.Translations{}
	for _, l := range i18n.Translations() {
		for _, t := range Translated {
			out.Set(t.Field, l.Code, conference.Get(t.Field, l.Code))
		}
		for i := range MaxFigures {
			out.Set(FigureLabelInput(i), l.Code, figures.Get(FigureField(0, i).Name, l.Code))
		}
	}
	return out
}

// TranslationAudit is what the audit log records of the translations: each
// text by field and language ("name (es)"), a long one by its length.
func TranslationAudit(conference, figures model.Translations) map[string]string {
	out := map[string]string{}
	for _, l := range i18n.Translations() {
		for _, t := range Translated {
			v := conference.Get(t.Field, l.Code)
			if t.Multiline && v != "" {
				v = "(" + strconv.Itoa(len([]rune(v))) + " characters)"
			}
			out[t.Field+" ("+l.Code+")"] = v
		}
		for field, byLang := range figures {
			if v := byLang[l.Code]; v != "" {
				out["figure "+field+" ("+l.Code+")"] = v
			}
		}
	}
	return out
}

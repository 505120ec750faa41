package public

import (
	"context"

	"confdesk/internal/country"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/views"
)

// RegisterForm is the registration form's state: the public form, the press
// accreditation form and the self-service edit form are one component.
type RegisterForm struct {
	Kind    registration.Kind
	Action  string
	Form    registration.Form
	Errors  model.FieldErrors
	Editing bool
	// Notice is a sentence shown above the form, e.g. after too many attempts.
	Notice string
	// BackURL is where "cancel editing" leads.
	BackURL string
	// PassportOnFile is the stored passport number, masked, when editing:
	// the field itself stays empty, and left empty keeps the number.
	PassportOnFile string
	// SponsorsTravel: the conference pays travel, so a participant may ask
	// for it (the public participant form only).
	SponsorsTravel bool
	// Sponsorship is the registration's sponsorship state, shown on the
	// self-service edit form ("" when not asked).
	Sponsorship string
	// Intro replaces the form's lead paragraph when set (a nominee's form).
	Intro string
	// FixedCountry and FixedEmail, when set, are shown as text instead of
	// the country and e-mail inputs: a nominee's nomination fixes them.
	FixedCountry, FixedEmail string
}

// SponsorshipState names a sponsorship state in ctx's language.
func SponsorshipState(ctx context.Context, state string) string {
	switch state {
	case model.SponsorshipRequested, model.SponsorshipGranted, model.SponsorshipRefused:
		return i18n.T(ctx, "self.sponsorship."+state)
	}
	return state
}

// passportHint tells an editing participant how the masked field works.
func (r RegisterForm) passportHint(ctx context.Context) string {
	if r.PassportOnFile == "" {
		return ""
	}
	return i18n.T(ctx, "register.hint.passport_on_file", "Number", r.PassportOnFile)
}

// pressLabels are the fields the press form names its own way.
var pressLabels = map[string]bool{"organisation": true, "job_title": true}

// field is the form field name, labelled in ctx's language, with its problem.
func (r RegisterForm) field(ctx context.Context, name string) views.Field {
	key := "register.label." + name
	if r.Kind == registration.Press && pressLabels[name] {
		key = "register.press.label." + name
	}
	return views.Field{Name: name, Label: i18n.T(ctx, key), Error: r.Errors.Text(ctx, name)}
}

// OrgTypeLabels names the organisation types in English, for the console.
var OrgTypeLabels = englishLabels(model.OrgTypes, orgTypePrefix)

// MediaTypeLabels names the kinds of media outlet in English, for the console.
var MediaTypeLabels = englishLabels(registration.MediaTypes, mediaTypePrefix)

// The catalogue's prefixes of the organisation and media types' names.
const (
	orgTypePrefix   = "register.org_type."
	mediaTypePrefix = "register.media_type."
)

// OrgTypeLabel names an organisation type in ctx's language.
func OrgTypeLabel(ctx context.Context, v string) string { return typeLabel(ctx, orgTypePrefix, v) }

// MediaTypeLabel names a kind of media outlet in ctx's language.
func MediaTypeLabel(ctx context.Context, v string) string { return typeLabel(ctx, mediaTypePrefix, v) }

// typeLabel is the message naming type v, v itself for a value the form
// does not offer, "" for none.
func typeLabel(ctx context.Context, prefix, v string) string {
	if v == "" {
		return ""
	}
	if s := i18n.T(ctx, typeKey(prefix, v)); s != typeKey(prefix, v) {
		return s
	}
	return v
}

// typeKey is the catalogue's key naming type v (i18n.TypeKey).
func typeKey(prefix, v string) string { return i18n.TypeKey(prefix, v) }

func englishLabels(values []string, prefix string) map[string]string {
	out := make(map[string]string, len(values))
	for _, v := range values {
		out[v] = i18n.English.T(typeKey(prefix, v))
	}
	return out
}

// labelled makes options of values, each labelled by the message prefix+value
// ("register.org_type." + "ngo").
func labelled(ctx context.Context, values []string, prefix string) []views.Option {
	out := make([]views.Option, 0, len(values))
	for _, v := range values {
		out = append(out, views.Option{Value: v, Label: i18n.T(ctx, typeKey(prefix, v))})
	}
	return out
}

// countryOptions are the countries of list as options. In the test-only
// pseudo-language their names are marked as messages are: they are put
// into the page's language too.
func countryOptions(l *i18n.Locale, list []country.Country) []views.Option {
	out := make([]views.Option, 0, len(list))
	for _, c := range list {
		name := c.Name
		if l == i18n.Pseudo {
			name = "⟦" + name + "⟧"
		}
		out = append(out, views.Option{Value: c.Code, Label: name})
	}
	return out
}

// countryGroups puts the Caribbean first, then every other country, named
// and sorted in ctx's language.
func countryGroups(ctx context.Context) []views.OptionGroup {
	l := i18n.From(ctx)
	g := country.Localized(l.Tag)
	return []views.OptionGroup{
		{Label: l.T("register.countries.caribbean"), Options: countryOptions(l, g.Caribbean)},
		{Label: l.T("register.countries.others"), Options: countryOptions(l, g.Others)},
	}
}

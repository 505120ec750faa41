package public

import (
	"confdesk/internal/country"
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
}

// passportHint tells an editing participant how the masked field works.
func (r RegisterForm) passportHint() string {
	if r.PassportOnFile == "" {
		return ""
	}
	return "On file: " + r.PassportOnFile + ". Type the number only to change it; leave the field empty to keep it."
}

func (r RegisterForm) field(name, label string) views.Field {
	return views.Field{Name: name, Label: label, Error: r.Errors.Get(name)}
}

// OrgTypeLabels names the organisation types for people.
var OrgTypeLabels = map[string]string{
	"government":           "Government",
	"ngo":                  "Non-governmental organisation",
	"regional_institution": "Regional institution (e.g. CARICOM, OAS)",
	"international_agency": "International agency (e.g. UNHCR, IOM)",
	"academia":             "University or research",
	"media":                "Media",
	"other":                "Other",
}

// MediaTypeLabels names the kinds of media outlet.
var MediaTypeLabels = map[string]string{
	"print": "Newspaper or magazine", "online": "Online", "radio": "Radio", "television": "Television",
	"photo": "Photography", "news_agency": "News agency", "other": "Other",
}

func labelled(values []string, labels map[string]string) []views.Option {
	out := make([]views.Option, 0, len(values))
	for _, v := range values {
		out = append(out, views.Option{Value: v, Label: labels[v]})
	}
	return out
}

func countryOptions(list []country.Country) []views.Option {
	out := make([]views.Option, 0, len(list))
	for _, c := range list {
		out = append(out, views.Option{Value: c.Code, Label: c.Name})
	}
	return out
}

// countryGroups puts the Caribbean first, then every other country.
func countryGroups() []views.OptionGroup {
	return []views.OptionGroup{
		{Label: "Caribbean", Options: countryOptions(country.Caribbean())},
		{Label: "All other countries", Options: countryOptions(country.Others())},
	}
}

// StatusHeading says a registration's status in plain words.
func StatusHeading(r model.Registration) string {
	switch r.Status {
	case model.StatusConfirmed:
		if r.Category == model.CategoryPress {
			return "Accredited: your press accreditation is confirmed."
		}
		return "Confirmed: your place is reserved."
	case model.StatusPending:
		if r.Category == model.CategoryPress {
			return "Received: the press team is reviewing your accreditation request."
		}
		return "Received: the organisers are reviewing your registration."
	case model.StatusWaitlisted:
		return "On the waiting list: the conference is full."
	case model.StatusCancelled:
		return "Cancelled: this registration is no longer active."
	case model.StatusRejected:
		return "Not accepted: the organisers could not offer you a place."
	}
	return r.Status
}

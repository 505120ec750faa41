package admin

import (
	"strconv"

	"confdesk/internal/country"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/views"
)

// FocalPointFormView is the "Add a focal point" form on the delegations
// page: what was typed and its problems.
type FocalPointFormView struct {
	Form   registration.FocalPointForm
	Errors model.FieldErrors
}

// focalPointCountries are the countries a focal point may act for,
// Caribbean first.
func focalPointCountries() []views.OptionGroup {
	group := func(cs []country.Country) []views.Option {
		out := make([]views.Option, 0, len(cs))
		for _, c := range cs {
			out = append(out, views.Option{Value: c.Code, Label: c.Name})
		}
		return out
	}
	return []views.OptionGroup{{Label: "Caribbean", Options: group(country.Caribbean())},
		{Label: "Other countries", Options: group(country.Others())}}
}

// messageLanguages are the languages a focal point's messages and page
// may be in, named in English.
func messageLanguages() []views.OptionGroup {
	var opts []views.Option
	for _, l := range i18n.Languages {
		opts = append(opts, views.Option{Value: l.Code, Label: l.InEnglish})
	}
	return []views.OptionGroup{{Options: opts}}
}

// languageName names a focal point's language in English.
func languageName(code string) string {
	if l := i18n.Lookup(code); l != nil {
		return l.InEnglish
	}
	return code
}

// FocalPointRemoval is the page asking before a focal point is removed.
func FocalPointRemoval(fp model.FocalPoint) Deletion {
	return Deletion{
		Heading: "Remove " + fp.Name + " as focal point for " + country.Name(fp.Country) + "?",
		Lost: "Their nomination link stops working at once. The delegates they nominated stay nominated, " +
			"and those who registered stay registered.",
		Action: "/admin/delegations/focal-points/" + itoa64(fp.ID) + "/remove",
		Cancel: "/admin/delegations",
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// focalPointDetails is a focal point's title and organisation, each after
// a comma; "" without either.
func focalPointDetails(fp model.FocalPoint) string {
	out := ""
	for _, s := range []string{fp.Title, fp.Organisation} {
		if s != "" {
			out += ", " + s
		}
	}
	return out
}

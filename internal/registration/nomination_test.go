package registration_test

import (
	"strings"
	"testing"

	"confdesk/internal/model"
	"confdesk/internal/registration"
)

func TestFocalPointFormValidate(t *testing.T) {
	good := registration.FocalPointForm{Country: " jm ", Name: " Ana Focal ", Title: "Director",
		Organisation: "Ministry of Foreign Affairs", Email: "ana@mfa.gov.jm", Language: "es"}.Normalised()
	fp, errs := good.Validate()
	if len(errs) > 0 {
		t.Fatalf("valid form: %v", errs)
	}
	if fp.Country != "JM" || fp.Name != "Ana Focal" || fp.Language != "es" {
		t.Errorf("focal point %+v", fp)
	}
	for name, f := range map[string]registration.FocalPointForm{
		"country":  {Country: "XX", Name: "A", Email: "a@example.org", Language: "en"},
		"name":     {Country: "JM", Email: "a@example.org", Language: "en"},
		"email":    {Country: "JM", Name: "A", Email: "not an address", Language: "en"},
		"language": {Country: "JM", Name: "A", Email: "a@example.org", Language: "de"},
		"title":    {Country: "JM", Name: "A", Title: "line\nbreak", Email: "a@example.org", Language: "en"},
	} {
		if _, errs := f.Normalised().Validate(); len(errs) != 1 || errs[0].Field != name {
			t.Errorf("%s: %v", name, errs)
		}
	}
	// The test-only pseudo-language is no language for a focal point.
	if _, errs := (registration.FocalPointForm{Country: "JM", Name: "A", Email: "a@example.org", Language: "en-XA"}).Validate(); len(errs) != 1 {
		t.Errorf("pseudo-language accepted")
	}
}

func TestNominationFormValidate(t *testing.T) {
	f := registration.NominationForm{FirstName: " Ana ", LastName: "Pérez", Email: "ana@example.org"}.Normalised()
	if errs := f.Validate(); len(errs) > 0 {
		t.Fatalf("valid form: %v", errs)
	}
	for field, f := range map[string]registration.NominationForm{
		"first_name":   {LastName: "P", Email: "a@example.org"},
		"last_name":    {FirstName: "A", LastName: strings.Repeat("x", 101), Email: "a@example.org"},
		"email":        {FirstName: "A", LastName: "P", Email: "nope"},
		"job_title":    {FirstName: "A", LastName: "P", Email: "a@example.org", JobTitle: "a\u200bb"},
		"organisation": {FirstName: "A", LastName: "P", Email: "a@example.org", Organisation: strings.Repeat("x", 201)},
	} {
		errs := f.Normalised().Validate()
		if len(errs) != 1 || errs[0].Field != field || !strings.HasPrefix(errs[0].Msg.ID, "nominate.error."+field+".") {
			t.Errorf("%s: %+v", field, errs)
		}
	}
}

func TestPlaces(t *testing.T) {
	p := registration.Places{Quota: 3, HasQuota: true, Used: 2}
	if p.Full() || p.Left() != 1 {
		t.Errorf("%+v: full %v, left %d", p, p.Full(), p.Left())
	}
	p.Used = 4
	if !p.Full() || p.Left() != 0 {
		t.Errorf("%+v: full %v, left %d", p, p.Full(), p.Left())
	}
	if (registration.Places{}).Full() {
		t.Errorf("no quota is full")
	}
}

// A country with a focal point but nobody registered gets its section, in
// the delegations' order (the Caribbean first).
func TestWithFocalPointCountries(t *testing.T) {
	members := []model.Registration{{ID: 1, Country: "US", Status: model.StatusConfirmed, LastName: "A"}}
	ds := registration.GroupDelegations(members, registration.ByCountry)
	ds = registration.WithFocalPointCountries(ds, []model.FocalPoint{{Country: "JM"}, {Country: "US"}, {Country: "JM"}})
	if len(ds) != 2 || ds[0].Country != "JM" || ds[1].Country != "US" || len(ds[0].Members) != 0 || ds[0].CountryName != "Jamaica" {
		t.Errorf("delegations %+v", ds)
	}
}

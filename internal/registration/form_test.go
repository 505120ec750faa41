package registration

import (
	"strings"
	"testing"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// validForm is a complete participant form.
func validForm() Form {
	return Form{FirstName: "Désirée", LastName: "Piñeiro", Email: "d@example.org", Country: "TT",
		Organisation: "Ministry", OrgType: "government", JobTitle: "Lead", Consent: true}
}

// TestValidateMessagesInCatalogue: every message Validate can give is a
// catalogue message, in every language (a mistyped key would show its id).
func TestValidateMessagesInCatalogue(t *testing.T) {
	c := model.Conference{StartDate: "2027-03-15", EndDate: "2027-03-17", TimeZone: "America/New_York"}
	now := time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC)
	texts := map[string]func(*Form) *string{
		"first_name": func(f *Form) *string { return &f.FirstName }, "last_name": func(f *Form) *string { return &f.LastName },
		"badge_name": func(f *Form) *string { return &f.BadgeName }, "phone": func(f *Form) *string { return &f.Phone },
		"organisation": func(f *Form) *string { return &f.Organisation }, "job_title": func(f *Form) *string { return &f.JobTitle },
		"outlet": func(f *Form) *string { return &f.Outlet }, "press_card": func(f *Form) *string { return &f.PressCard },
		"dietary": func(f *Form) *string { return &f.Dietary }, "accessibility": func(f *Form) *string { return &f.Accessibility },
		"passport_name": func(f *Form) *string { return &f.PassportName },
	}
	var forms []Form
	for _, set := range texts {
		for _, v := range []string{"", strings.Repeat("a", 501), "a\u202eb", "a\x01b", "a😀b", "\xff"} {
			f := validForm()
			f.VisaLetter, f.PassportName, f.Nationality, f.PassportNumber = true, "D P", "TT", "TA12345"
			f.PassportExpiry, f.DateOfBirth = "2031-06-30", "1980-03-21"
			*set(&f) = v
			forms = append(forms, f)
		}
	}
	bad := validForm()
	bad.Email, bad.Country, bad.OrgType, bad.Consent, bad.Phone = "nope", "ZZ", "guild", false, "call me"
	bad.VisaLetter, bad.Nationality, bad.PassportNumber, bad.PassportExpiry, bad.DateOfBirth = true, "ZZ", "X", "2027-03-16", "2020-01-01"
	forms = append(forms, bad, Form{VisaLetter: true}, Form{Email: strings.Repeat("a", 250) + "@example.org",
		VisaLetter: true, PassportExpiry: "30/06/2031", DateOfBirth: "21/03/1980"},
		Form{VisaLetter: true, PassportExpiry: "2099-01-01"}, Form{MediaType: "blog"})

	seen := map[string]bool{}
	for _, f := range forms {
		for _, kind := range []Kind{Participant, Press} {
			_, errs := f.Normalised().Validate(c, kind, false, now)
			for _, fe := range errs {
				if fe.Msg.ID == "" {
					t.Errorf("%s: %q is not a catalogue message", fe.Field, fe.Message)
					continue
				}
				if !strings.HasPrefix(fe.Msg.ID, "register.error."+fe.Field+".") {
					t.Errorf("%s: message %s belongs to another field", fe.Field, fe.Msg.ID)
				}
				seen[fe.Msg.ID] = true
				for _, l := range i18n.Languages {
					if s := l.Text(fe.Msg); s == fe.Msg.ID || strings.Contains(s, "<no value>") || s == "" {
						t.Errorf("%s: %s in %s reads %q", fe.Field, fe.Msg.ID, l.Code, s)
					}
				}
			}
		}
	}
	if len(seen) < 60 {
		t.Errorf("only %d distinct messages exercised", len(seen))
	}
}

// TestValidateKeepsLanguage: the registration carries the form's language,
// and a date in a message is written in it.
func TestValidateKeepsLanguage(t *testing.T) {
	c := model.Conference{StartDate: "2027-03-15", EndDate: "2027-03-17", TimeZone: "America/New_York"}
	f := validForm()
	f.Language = "fr"
	f.VisaLetter, f.PassportName, f.Nationality, f.PassportNumber = true, "D P", "TT", "TA12345"
	f.PassportExpiry, f.DateOfBirth = "2027-03-17", "1980-03-21"
	r, errs := f.Validate(c, Participant, false, time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC))
	if r.Language != "fr" {
		t.Errorf("language %q", r.Language)
	}
	if len(errs) != 1 || !strings.Contains(i18n.ByCode("fr").Text(errs[0].Msg), "17 mars 2027") {
		t.Errorf("errors %v", errs)
	}
}

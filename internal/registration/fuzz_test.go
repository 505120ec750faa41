package registration

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"confdesk/internal/glyph"
	"confdesk/internal/model"
	"confdesk/internal/textfield"
)

// FuzzValidate: no input panics, and whatever passes validation is NFC,
// trimmed, within the length limits, free of control characters, and in
// the printed fields only characters the documents' font can draw.
func FuzzValidate(f *testing.F) {
	f.Add("Désirée", "Piñeiro-Nguyễn", "d@example.org", "TT", "Ministry", "government", true, "2031-06-30", "1981-04-23")
	f.Add("<script>", "\x00", "a@b", "XX", "", "cartel", false, "", "")
	f.Add(" De\u0301sire\u0301e ", "van der Berg", " D@Example.org ", "tt", "OAS", "international_agency", true, "2027-03-17", "2012-01-01")
	c := model.Conference{StartDate: "2027-03-15", EndDate: "2027-03-17", TimeZone: "America/New_York"}
	now := time.Date(2027, 1, 15, 15, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, first, last, email, country, org, orgType string, visa bool, expiry, dob string) {
		form := Form{FirstName: first, LastName: last, Email: email, Country: country, Organisation: org, OrgType: orgType,
			JobTitle: "Officer", Consent: true, VisaLetter: visa, PassportName: first, Nationality: country,
			PassportNumber: "TA1234567", PassportExpiry: expiry, DateOfBirth: dob}.Normalised()
		r, errs := form.Validate(c, Participant, false, now)
		if len(errs) > 0 {
			return
		}
		for _, v := range []string{r.FirstName, r.LastName, r.Organisation, r.Email} {
			if !utf8.ValidString(v) || !norm.NFC.IsNormalString(v) || v != strings.TrimSpace(v) {
				t.Fatalf("accepted %q: not NFC or not trimmed", v)
			}
			if textfield.HasControl(v, false) {
				t.Fatalf("accepted %q with a control character", v)
			}
		}
		for _, v := range []string{r.FirstName, r.LastName, r.Organisation} {
			if bad := glyph.Unprintable(v); len(bad) > 0 {
				t.Fatalf("accepted %q, which no badge can print (%q)", v, bad)
			}
		}
		if utf8.RuneCountInString(r.FirstName) > maxName || utf8.RuneCountInString(r.Organisation) > maxOrg {
			t.Fatalf("accepted over-long values %q / %q", r.FirstName, r.Organisation)
		}
		if r.VisaLetter && r.PassportExpiry <= c.EndDate {
			t.Fatalf("accepted a passport expiring %q, before the conference ends", r.PassportExpiry)
		}
	})
}

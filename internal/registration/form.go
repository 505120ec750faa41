package registration

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"confdesk/internal/country"
	"confdesk/internal/glyph"
	"confdesk/internal/model"
	"confdesk/internal/textfield"
)

// Kind says which public form a registration comes from.
type Kind int

// The two public forms.
const (
	Participant Kind = iota // /register
	Press                   // /press/accreditation
)

// MediaTypes lists the press form's kinds of outlet, in order.
var MediaTypes = []string{"print", "online", "radio", "television", "photo", "news_agency", "other"}

// Form is what a person typed, field by field as the form names them.
type Form struct {
	FirstName      string
	LastName       string
	BadgeName      string
	Email          string
	Phone          string
	Country        string
	Organisation   string
	OrgType        string
	JobTitle       string
	Dietary        string
	Accessibility  string
	VisaLetter     bool
	PassportName   string
	Nationality    string
	PassportNumber string
	PassportExpiry string
	DateOfBirth    string
	Consent        bool
	ListConsent    bool
	Outlet         string
	MediaType      string
	PressCard      string
	// Version is the registration's version the edit form was loaded from
	// (model.Registration.Version); 0 on the public forms.
	Version int64
}

// FormOf returns the form filled with a stored registration, for editing.
func FormOf(r model.Registration) Form {
	return Form{
		FirstName: r.FirstName, LastName: r.LastName, BadgeName: r.BadgeName, Email: r.Email, Phone: r.Phone,
		Country: r.Country, Organisation: r.Organisation, OrgType: r.OrgType, JobTitle: r.JobTitle,
		Dietary: r.Dietary, Accessibility: r.Accessibility, VisaLetter: r.VisaLetter, PassportName: r.PassportName,
		Nationality: r.Nationality, PassportNumber: r.PassportNumber, PassportExpiry: r.PassportExpiry,
		DateOfBirth: r.DateOfBirth, Consent: true, ListConsent: r.ListConsent, Outlet: r.Outlet,
		MediaType: r.MediaType, PressCard: r.PressCard, Version: r.Version,
	}
}

// Length limits, in characters.
const (
	maxName  = 100
	maxOrg   = 200
	maxTitle = 150
	maxEmail = 254
	maxPhone = 40
	maxNote  = 500
	maxShort = 60
)

// clean normalises typed text: NFC (so "é" typed two ways is one name),
// trimmed, nothing else changed.
func clean(s string) string { return strings.TrimSpace(norm.NFC.String(s)) }

// Normalised returns the form with every text field cleaned, codes upper-cased.
func (f Form) Normalised() Form {
	for _, p := range []*string{&f.FirstName, &f.LastName, &f.BadgeName, &f.Email, &f.Phone, &f.Organisation,
		&f.JobTitle, &f.Dietary, &f.Accessibility, &f.PassportName, &f.PassportNumber, &f.PassportExpiry,
		&f.DateOfBirth, &f.Outlet, &f.PressCard, &f.OrgType, &f.MediaType} {
		*p = clean(*p)
	}
	f.Country = strings.ToUpper(clean(f.Country))
	f.Nationality = strings.ToUpper(clean(f.Nationality))
	f.PassportNumber = strings.ToUpper(f.PassportNumber)
	return f
}

// printed are the fields that badges, letters, certificates and the list of
// participants print: they may hold only characters the documents' font can
// draw, so that what a person typed is what their badge says (documents
// replace anything else, visibly; see internal/glyph).
var printed = map[string]bool{"first_name": true, "last_name": true, "badge_name": true, "organisation": true,
	"job_title": true, "outlet": true, "passport_name": true}

// Validate checks a normalised form against the rules of kind for conference
// c at now. editing skips the consent box, which was ticked at registration.
// It returns the registration's fields (no status, secrets or times) and
// the problems; any problem means nothing may be stored.
func (f Form) Validate(c model.Conference, kind Kind, editing bool, now time.Time) (model.Registration, model.FieldErrors) {
	var errs model.FieldErrors
	text := func(field, value, label string, max int, required bool) {
		multiline := field == "dietary" || field == "accessibility"
		switch {
		case value == "" && required:
			errs.Add(field, "Enter your "+label+".")
		case utf8.RuneCountInString(value) > max:
			errs.Add(field, "Your "+label+" is too long: at most "+strconv.Itoa(max)+" characters.")
		case !utf8.ValidString(value):
			errs.Add(field, "Your "+label+" contains characters that cannot be printed.")
		case textfield.HasControl(value, multiline):
			errs.Add(field, "Your "+label+" contains line breaks or invisible formatting characters ("+
				textfield.Describe(textfield.Disallowed(value, multiline))+"). Keep it on one line, as plain text.")
		case printed[field] && len(glyph.Unprintable(value)) > 0:
			errs.Add(field, "Your "+label+" contains characters that cannot be printed on a badge or letter: "+
				textfield.Describe(glyph.Unprintable(value))+". Please leave them out or write them in letters.")
		}
	}
	text("first_name", f.FirstName, "first name", maxName, true)
	text("last_name", f.LastName, "last name", maxName, true)
	text("badge_name", f.BadgeName, "name for the badge", maxName, false)

	errs = append(errs, f.emailErrors()...)

	text("phone", f.Phone, "phone number", maxPhone, false)
	if f.Phone != "" && errs.Get("phone") == "" && !textfield.PlausiblePhone(f.Phone) {
		errs.Add("phone", "Enter a phone number with its country code, like +1 868 555 0123.")
	}
	switch {
	case f.Country == "":
		errs.Add("country", "Choose your country.")
	case !country.Valid(f.Country):
		errs.Add("country", "Choose a country from the list.")
	}
	text("organisation", f.Organisation, "organisation", maxOrg, true)
	if kind == Participant {
		switch {
		case f.OrgType == "":
			errs.Add("org_type", "Choose the type of your organisation.")
		case !slices.Contains(model.OrgTypes, f.OrgType):
			errs.Add("org_type", "Choose a type of organisation from the list.")
		}
	}
	text("job_title", f.JobTitle, "job title", maxTitle, kind == Participant)

	if kind == Press {
		text("outlet", f.Outlet, "media outlet", maxOrg, true)
		switch {
		case f.MediaType == "":
			errs.Add("media_type", "Choose the type of media you work for.")
		case !slices.Contains(MediaTypes, f.MediaType):
			errs.Add("media_type", "Choose a type of media from the list.")
		}
		text("press_card", f.PressCard, "press card number", maxShort, false)
	}
	text("dietary", f.Dietary, "dietary needs", maxNote, false)
	text("accessibility", f.Accessibility, "access needs", maxNote, false)

	if f.VisaLetter {
		// The passport fields are optional but for a letter, so a missing
		// one says why it is wanted.
		if f.PassportName == "" {
			errs.Add("passport_name", "Enter your name as in your passport: the invitation letter needs it.")
		} else {
			text("passport_name", f.PassportName, "name as in your passport", maxName, true)
		}
		switch {
		case f.Nationality == "":
			errs.Add("nationality", "Choose your nationality: the invitation letter needs it.")
		case !country.Valid(f.Nationality):
			errs.Add("nationality", "Choose a nationality from the list.")
		}
		switch {
		case f.PassportNumber == "":
			errs.Add("passport_number", "Enter your passport number: the invitation letter needs it.")
		case !passportNumber(f.PassportNumber):
			errs.Add("passport_number", "Enter the passport number as printed: 5 to 20 letters and digits.")
		}
		switch expiry, err := time.Parse(time.DateOnly, f.PassportExpiry); {
		case f.PassportExpiry == "":
			errs.Add("passport_expiry", "Enter your passport's expiry date: the invitation letter needs it.")
		case err != nil:
			errs.Add("passport_expiry", "Choose the expiry date in the date picker, or type it as year-month-day: 2031-06-30 for 30 June 2031.")
		case f.PassportExpiry <= c.EndDate:
			errs.Add("passport_expiry", "Your passport must be valid after the conference ends ("+inWords(c.EndDate)+"). Please renew it before applying for a visa.")
		case expiry.After(now.AddDate(20, 0, 0)):
			errs.Add("passport_expiry", "Check the expiry date: passports are valid for at most 20 years.")
		}
		switch dob, err := time.Parse(time.DateOnly, f.DateOfBirth); {
		case f.DateOfBirth == "":
			errs.Add("date_of_birth", "Enter your date of birth: the invitation letter needs it.")
		case err != nil:
			errs.Add("date_of_birth", "Choose your date of birth in the date picker, or type it as year-month-day: 1980-03-21 for 21 March 1980.")
		case dob.After(now.AddDate(-16, 0, 0)) || dob.Before(now.AddDate(-110, 0, 0)):
			errs.Add("date_of_birth", "Check your date of birth: participants are between 16 and 110 years old.")
		}
	}
	if !editing && !f.Consent {
		errs.Add("consent", "Tick the box to agree to how we use your details; we cannot register you without it.")
	}

	r := model.Registration{
		FirstName: f.FirstName, LastName: f.LastName, BadgeName: f.BadgeName, Email: f.Email, Phone: f.Phone,
		Country: f.Country, Organisation: f.Organisation, OrgType: f.OrgType, JobTitle: f.JobTitle,
		Dietary: f.Dietary, Accessibility: f.Accessibility, VisaLetter: f.VisaLetter, ListConsent: f.ListConsent,
		Category: model.CategoryParticipant,
	}
	if f.VisaLetter {
		// Passport data is kept only when a letter was asked for.
		r.PassportName, r.Nationality, r.PassportNumber = f.PassportName, f.Nationality, f.PassportNumber
		r.PassportExpiry, r.DateOfBirth = f.PassportExpiry, f.DateOfBirth
	}
	if kind == Press {
		r.Category, r.OrgType = model.CategoryPress, "media"
		r.Outlet, r.MediaType, r.PressCard = f.Outlet, f.MediaType, f.PressCard
	}
	return r, errs
}

func passportNumber(s string) bool {
	if len(s) < 5 || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// inWords writes a YYYY-MM-DD date as "17 March 2027", which reads the
// same whatever order a browser's date picker uses.
func inWords(date string) string {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return d.Format("2 January 2006")
}

// emailErrors checks the form's e-mail address alone.
func (f Form) emailErrors() model.FieldErrors {
	var errs model.FieldErrors
	switch {
	case f.Email == "":
		errs.Add("email", "Enter your e-mail address, so we can send you your confirmation.")
	case utf8.RuneCountInString(f.Email) > maxEmail:
		errs.Add("email", "Your e-mail address is too long.")
	case !textfield.PlausibleEmail(f.Email):
		errs.Add("email", "Enter an e-mail address like name@example.org.")
	}
	return errs
}

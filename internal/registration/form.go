package registration

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"confdesk/internal/country"
	"confdesk/internal/glyph"
	"confdesk/internal/i18n"
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
	// Language is the code of the language the form was filled in ("es"),
	// which the registration keeps for its messages; "" is English.
	Language string
	// Sponsorship is the participant's request that the organisers pay
	// their travel, with its reason; Service.Register drops it when the
	// conference does not sponsor travel, and the press form has none.
	Sponsorship       bool
	SponsorshipReason string
}

// FormOf returns the form filled with a stored registration, for editing.
func FormOf(r model.Registration) Form {
	return Form{
		FirstName: r.FirstName, LastName: r.LastName, BadgeName: r.BadgeName, Email: r.Email, Phone: r.Phone,
		Country: r.Country, Organisation: r.Organisation, OrgType: r.OrgType, JobTitle: r.JobTitle,
		Dietary: r.Dietary, Accessibility: r.Accessibility, VisaLetter: r.VisaLetter, PassportName: r.PassportName,
		Nationality: r.Nationality, PassportNumber: r.PassportNumber, PassportExpiry: r.PassportExpiry,
		DateOfBirth: r.DateOfBirth, Consent: true, ListConsent: r.ListConsent, Outlet: r.Outlet,
		MediaType: r.MediaType, PressCard: r.PressCard, Version: r.Version, Language: r.Language,
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
		&f.DateOfBirth, &f.Outlet, &f.PressCard, &f.OrgType, &f.MediaType, &f.SponsorshipReason} {
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
	// text checks one text field. Each field has its own whole messages
	// (register.error.<field>.<problem>): a label glued into a sentence
	// does not translate.
	text := func(field, value string, max int, required bool) {
		multiline := field == "dietary" || field == "accessibility" || field == "sponsorship_reason"
		msg := func(problem string, kv ...any) i18n.M { return i18n.Msg("register.error."+field+"."+problem, kv...) }
		switch {
		case value == "" && required:
			errs.AddMsg(field, msg("missing"))
		case utf8.RuneCountInString(value) > max:
			errs.AddMsg(field, msg("too_long", "Max", max))
		case !utf8.ValidString(value):
			errs.AddMsg(field, msg("invalid"))
		case textfield.HasControl(value, multiline):
			errs.AddMsg(field, msg("control", "Chars", textfield.Describe(textfield.Disallowed(value, multiline))))
		case printed[field] && len(glyph.Unprintable(value)) > 0:
			errs.AddMsg(field, msg("unprintable", "Chars", textfield.Describe(glyph.Unprintable(value))))
		}
	}
	// choose checks a select's value: missing, or not one of the list's.
	choose := func(field, value string, valid bool) {
		switch {
		case value == "":
			errs.AddMsg(field, i18n.Msg("register.error."+field+".missing"))
		case !valid:
			errs.AddMsg(field, i18n.Msg("register.error."+field+".unknown"))
		}
	}
	text("first_name", f.FirstName, maxName, true)
	text("last_name", f.LastName, maxName, true)
	text("badge_name", f.BadgeName, maxName, false)

	errs = append(errs, f.emailErrors()...)

	text("phone", f.Phone, maxPhone, false)
	if f.Phone != "" && errs.Get("phone") == "" && !textfield.PlausiblePhone(f.Phone) {
		errs.AddMsg("phone", i18n.Msg("register.error.phone.format"))
	}
	choose("country", f.Country, country.Valid(f.Country))
	text("organisation", f.Organisation, maxOrg, true)
	if kind == Participant {
		choose("org_type", f.OrgType, slices.Contains(model.OrgTypes, f.OrgType))
	}
	text("job_title", f.JobTitle, maxTitle, kind == Participant)

	if kind == Press {
		text("outlet", f.Outlet, maxOrg, true)
		choose("media_type", f.MediaType, slices.Contains(MediaTypes, f.MediaType))
		text("press_card", f.PressCard, maxShort, false)
	}
	text("dietary", f.Dietary, maxNote, false)
	text("accessibility", f.Accessibility, maxNote, false)

	if f.VisaLetter {
		// The passport fields are optional but for a letter, so a missing
		// one says why it is wanted.
		text("passport_name", f.PassportName, maxName, true)
		choose("nationality", f.Nationality, country.Valid(f.Nationality))
		switch {
		case f.PassportNumber == "":
			errs.AddMsg("passport_number", i18n.Msg("register.error.passport_number.missing"))
		case !passportNumber(f.PassportNumber):
			errs.AddMsg("passport_number", i18n.Msg("register.error.passport_number.format"))
		}
		switch expiry, err := time.Parse(time.DateOnly, f.PassportExpiry); {
		case f.PassportExpiry == "":
			errs.AddMsg("passport_expiry", i18n.Msg("register.error.passport_expiry.missing"))
		case err != nil:
			errs.AddMsg("passport_expiry", i18n.Msg("register.error.passport_expiry.format"))
		case f.PassportExpiry <= c.EndDate:
			errs.AddMsg("passport_expiry", i18n.Msg("register.error.passport_expiry.before_end",
				"Date", inWords(i18n.ByCode(f.Language), c.EndDate)))
		case expiry.After(now.AddDate(20, 0, 0)):
			errs.AddMsg("passport_expiry", i18n.Msg("register.error.passport_expiry.too_far"))
		}
		switch dob, err := time.Parse(time.DateOnly, f.DateOfBirth); {
		case f.DateOfBirth == "":
			errs.AddMsg("date_of_birth", i18n.Msg("register.error.date_of_birth.missing"))
		case err != nil:
			errs.AddMsg("date_of_birth", i18n.Msg("register.error.date_of_birth.format"))
		case dob.After(now.AddDate(-16, 0, 0)) || dob.Before(now.AddDate(-110, 0, 0)):
			errs.AddMsg("date_of_birth", i18n.Msg("register.error.date_of_birth.age"))
		}
	}
	if f.Sponsorship && kind == Participant && !editing {
		text("sponsorship_reason", f.SponsorshipReason, maxNote, true)
	}
	if !editing && !f.Consent {
		errs.AddMsg("consent", i18n.Msg("register.error.consent.missing"))
	}

	r := model.Registration{
		FirstName: f.FirstName, LastName: f.LastName, BadgeName: f.BadgeName, Email: f.Email, Phone: f.Phone,
		Country: f.Country, Organisation: f.Organisation, OrgType: f.OrgType, JobTitle: f.JobTitle,
		Dietary: f.Dietary, Accessibility: f.Accessibility, VisaLetter: f.VisaLetter, ListConsent: f.ListConsent,
		Category: model.CategoryParticipant, Language: f.Language,
	}
	if f.VisaLetter {
		// Passport data is kept only when a letter was asked for.
		r.PassportName, r.Nationality, r.PassportNumber = f.PassportName, f.Nationality, f.PassportNumber
		r.PassportExpiry, r.DateOfBirth = f.PassportExpiry, f.DateOfBirth
	}
	if f.Sponsorship && kind == Participant && !editing {
		r.Sponsorship, r.SponsorshipReason = model.SponsorshipRequested, f.SponsorshipReason
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

// inWords writes a YYYY-MM-DD date in words in language l, "17 March
// 2027", which reads the same whatever order a browser's date picker uses.
func inWords(l *i18n.Locale, date string) string {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return l.Date(d)
}

// emailErrors checks the form's e-mail address alone.
func (f Form) emailErrors() model.FieldErrors {
	var errs model.FieldErrors
	switch {
	case f.Email == "":
		errs.AddMsg("email", i18n.Msg("register.error.email.missing"))
	case utf8.RuneCountInString(f.Email) > maxEmail:
		errs.AddMsg("email", i18n.Msg("register.error.email.too_long"))
	case !textfield.PlausibleEmail(f.Email):
		errs.AddMsg("email", i18n.Msg("register.error.email.invalid"))
	}
	return errs
}

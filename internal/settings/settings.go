// Package settings holds the rules for the conference settings organisers
// edit: what each field accepts and which changes would break promises
// already made (capacity below the places already taken).
//
// Numbers are bounded by what a real conference can be: a capacity of 1 to
// MaxCapacity places, dates in the years MinYear to MaxYear (a typed 0207
// is a typo, not a conference in the seventh century). The registration
// window is typed in the conference's zone and read by package localtime:
// a time the clocks skip is refused, as in the session form.
package settings

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"confdesk/internal/localtime"
	"confdesk/internal/model"
	"confdesk/internal/textfield"
)

// MaxFigures is how many key figures the settings form offers.
const MaxFigures = 8

// MaxCapacity is the largest number of places a conference may offer: more
// than any venue holds, far below what would overflow a count.
const MaxCapacity = 100_000

// MinYear and MaxYear bound the years of the conference's dates and of its
// registration window.
const (
	MinYear = 2000
	MaxYear = 2199
)

// Form is the settings form as typed.
type Form struct {
	Name, ShortName, Tagline, Description, Aim string
	Organiser, Supporter, Programme            string
	Venue, VenueAddress, City, TimeZone        string
	StartDate, EndDate                         string
	Capacity                                   string
	Moderation                                 bool
	ConfirmEmail                               bool
	RegistrationOpens, RegistrationCloses      string // YYYY-MM-DDTHH:MM in TimeZone, or ""
	LetterSignatoryName, LetterSignatoryTitle  string
	LetterCosts                                string
	ContactEmail, ContactPhone, PostalAddress  string
	FigureValues, FigureLabels                 [MaxFigures]string
	// Retention is the "Personal data" fieldset, validated on its own
	// (RetentionForm.Validate) and stored apart from the conference's row.
	Retention RetentionForm
	// Reminder is the "Reminder" fieldset (ReminderForm.Validate), stored
	// apart from the conference's row like Retention.
	Reminder ReminderForm
	// Travel is the "Sponsored travel" fieldset (TravelForm.Validate),
	// stored apart from the conference's other columns like Reminder.
	Travel TravelForm
	// ZoneChange is the organiser's answer to the confirmation step of a
	// new time zone (timezone.go), or "" before it.
	ZoneChange ZoneChange
	// Require2FA is kept apart from the conference's columns (store.Require2FA):
	// FormOf leaves it to the caller, and Validate leaves it alone.
	Require2FA bool
	// RegistrationMode is who may register (model.ModeOpen, ModeInvitation,
	// ModeBoth); "" when the form did not carry it, which keeps the stored mode.
	RegistrationMode string
	// Translations are the conference's fields and the figures' labels in
	// other languages, by form field (TranslatedFields); FormOf leaves them
	// to the caller (FormTranslations), CheckTranslations checks them.
	Translations model.Translations
}

// LocalLayout is how the form shows and reads instants (an HTML datetime-local value).
const LocalLayout = "2006-01-02T15:04"

// FormOf fills the form from the stored conference and figures.
func FormOf(c model.Conference, figs []model.Figure) Form {
	f := Form{
		Name: c.Name, ShortName: c.ShortName, Tagline: c.Tagline, Description: c.Description, Aim: c.Aim,
		Organiser: c.Organiser, Supporter: c.Supporter, Programme: c.Programme, Venue: c.Venue,
		VenueAddress: c.VenueAddress, City: c.City, TimeZone: c.TimeZone, StartDate: c.StartDate, EndDate: c.EndDate,
		Capacity: strconv.Itoa(c.Capacity), Moderation: c.Moderation,
		ConfirmEmail:        c.ConfirmEmail,
		LetterSignatoryName: c.LetterSignatoryName, LetterSignatoryTitle: c.LetterSignatoryTitle, LetterCosts: c.LetterCosts,
		ContactEmail: c.ContactEmail, ContactPhone: c.ContactPhone, PostalAddress: c.PostalAddress,
	}
	f.RegistrationMode = c.RegistrationMode
	loc := c.Location()
	if !c.RegistrationOpens.IsZero() {
		f.RegistrationOpens = c.RegistrationOpens.In(loc).Format(LocalLayout)
	}
	if !c.RegistrationCloses.IsZero() {
		f.RegistrationCloses = c.RegistrationCloses.In(loc).Format(LocalLayout)
	}
	for i, fig := range figs {
		if i < MaxFigures {
			f.FigureValues[i], f.FigureLabels[i] = fig.Value, fig.Label
		}
	}
	return f
}

// multiline names the fields typed in a text area, which may hold line breaks.
var multiline = map[string]bool{"description": true, "aim": true, "letter_costs": true, "postal_address": true}

// Validate checks the form against the conference as stored (cur) and the
// places already taken, returning the updated conference and figures.
func (f Form) Validate(cur model.Conference, taken int) (model.Conference, []model.Figure, model.FieldErrors) {
	var errs model.FieldErrors
	add := errs.Add
	text := func(field, label string, v *string, max int, required bool) {
		*v = strings.TrimSpace(*v)
		switch {
		case *v == "" && required:
			add(field, "Enter the "+label+".")
		case utf8.RuneCountInString(*v) > max:
			add(field, "The "+label+" is too long: at most "+strconv.Itoa(max)+" characters.")
		case textfield.HasControl(*v, multiline[field]):
			// A line break in the name would reach e-mail subjects and document headings.
			add(field, "The "+label+" must be plain text on one line.")
		}
	}
	text("name", "conference name", &f.Name, 200, true)
	text("short_name", "short name", &f.ShortName, 40, true)
	text("tagline", "tagline", &f.Tagline, 200, false)
	text("description", "description", &f.Description, 2000, false)
	text("aim", "aim", &f.Aim, 1000, false)
	text("organiser", "organiser", &f.Organiser, 200, false)
	text("supporter", "supporter", &f.Supporter, 200, false)
	text("programme", "programme", &f.Programme, 200, false)
	text("venue", "venue", &f.Venue, 200, true)
	text("venue_address", "venue address", &f.VenueAddress, 300, false)
	text("city", "city", &f.City, 100, true)
	text("letter_signatory_name", "signatory's name", &f.LetterSignatoryName, 100, false)
	text("letter_signatory_title", "signatory's title", &f.LetterSignatoryTitle, 200, false)
	text("letter_costs", "statement of costs", &f.LetterCosts, 1000, false)
	text("contact_email", "contact e-mail address", &f.ContactEmail, 254, false)
	if f.ContactEmail != "" && !textfield.PlausibleEmail(f.ContactEmail) {
		add("contact_email", "Enter the contact address as name@example.org.")
	}
	text("contact_phone", "contact phone number", &f.ContactPhone, 40, false)
	if f.ContactPhone != "" && !textfield.PlausiblePhone(f.ContactPhone) {
		add("contact_phone", "Enter the phone number with its country code, for example +1 305 555 0100.")
	}
	text("postal_address", "postal address", &f.PostalAddress, 500, false)

	c := cur
	c.Name, c.ShortName, c.Tagline, c.Description, c.Aim = f.Name, f.ShortName, f.Tagline, f.Description, f.Aim
	c.Organiser, c.Supporter, c.Programme = f.Organiser, f.Supporter, f.Programme
	c.Venue, c.VenueAddress, c.City = f.Venue, f.VenueAddress, f.City
	c.LetterSignatoryName, c.LetterSignatoryTitle, c.LetterCosts = f.LetterSignatoryName, f.LetterSignatoryTitle, f.LetterCosts
	c.ContactEmail, c.ContactPhone, c.PostalAddress = f.ContactEmail, f.ContactPhone, f.PostalAddress
	c.Moderation = f.Moderation
	c.ConfirmEmail = f.ConfirmEmail
	switch f.RegistrationMode {
	case "":
		// Not on the form (an older page): the stored mode stays.
	case model.ModeOpen, model.ModeInvitation, model.ModeBoth:
		c.RegistrationMode = f.RegistrationMode
	default:
		add("registration_mode", "Choose who may register: anyone, only nominated delegates, or both.")
	}

	f.TimeZone = strings.TrimSpace(f.TimeZone)
	loc, err := time.LoadLocation(f.TimeZone)
	if f.TimeZone == "" || err != nil || f.TimeZone == "Local" {
		add("timezone", "Enter a time zone by its IANA name, for example America/New_York.")
		loc = cur.Location()
	} else {
		c.TimeZone = f.TimeZone
	}

	start, serr := time.Parse(time.DateOnly, strings.TrimSpace(f.StartDate))
	end, eerr := time.Parse(time.DateOnly, strings.TrimSpace(f.EndDate))
	switch {
	case serr != nil:
		add("start_date", "Enter the first day as YYYY-MM-DD.")
	case eerr != nil:
		add("end_date", "Enter the last day as YYYY-MM-DD.")
	case !plausibleYear(start):
		add("start_date", yearMessage)
	case !plausibleYear(end):
		add("end_date", yearMessage)
	case end.Before(start):
		add("end_date", "The last day cannot come before the first day.")
	case end.Sub(start) > 30*24*time.Hour:
		add("end_date", "A conference of more than a month is not supported; check the dates.")
	default:
		c.StartDate, c.EndDate = start.Format(time.DateOnly), end.Format(time.DateOnly)
	}

	switch n, err := strconv.Atoi(strings.TrimSpace(f.Capacity)); {
	case err != nil && !errors.Is(err, strconv.ErrRange):
		add("capacity", "Enter the number of places as a whole number from 1 to 100,000.")
	case err != nil || n < 1 || n > MaxCapacity:
		add("capacity", "A conference can have from 1 to 100,000 places; check the number.")
	case n < taken:
		add("capacity", "The capacity cannot go below the "+strconv.Itoa(taken)+" places already taken (pending and confirmed). Cancel or reject registrations first, or keep the capacity.")
	default:
		c.Capacity = n
	}

	// Keeping the instants through a change of zone keeps the window's
	// too, unless the organiser typed a new time in the same step.
	keepInstants := c.TimeZone != cur.TimeZone && f.ZoneChange == KeepInstants
	shown := FormOf(cur, nil)
	instant := func(field, v string, was time.Time, wasShown string) time.Time {
		v = strings.TrimSpace(v)
		if v == "" {
			return time.Time{}
		}
		if keepInstants && v == wasShown {
			return was
		}
		t, err := localtime.Parse(LocalLayout, v, loc)
		switch {
		case errors.Is(err, localtime.ErrSkipped):
			add(field, v+" does not exist in "+loc.String()+": the clocks go forward that night. Choose another time.")
		case err != nil:
			add(field, "Enter a date and time like 2027-02-01T09:00, or leave it empty.")
		case !plausibleYear(t):
			add(field, yearMessage)
		}
		return t
	}
	c.RegistrationOpens = instant("registration_opens", f.RegistrationOpens, cur.RegistrationOpens, shown.RegistrationOpens)
	c.RegistrationCloses = instant("registration_closes", f.RegistrationCloses, cur.RegistrationCloses, shown.RegistrationCloses)
	if !c.RegistrationOpens.IsZero() && !c.RegistrationCloses.IsZero() && !c.RegistrationCloses.After(c.RegistrationOpens) {
		add("registration_closes", "Registration must close after it opens.")
	}

	var figs []model.Figure
	for i := range MaxFigures {
		v, l := strings.TrimSpace(f.FigureValues[i]), strings.TrimSpace(f.FigureLabels[i])
		field := "figure_value_" + strconv.Itoa(i)
		switch {
		case v == "" && l == "":
			continue
		case v == "" || l == "":
			add(field, "Give both the figure and what it counts, or leave both empty.")
		case utf8.RuneCountInString(v) > 20 || utf8.RuneCountInString(l) > 120:
			add(field, "Keep figures short: at most 20 characters for the figure and 120 for the label.")
		case textfield.HasControl(v, false) || textfield.HasControl(l, false):
			add(field, "Keep the figure and its label on one line, as plain text.")
		default:
			figs = append(figs, model.Figure{Value: v, Label: l})
		}
	}
	return c, figs, errs
}

const yearMessage = "Enter a year from 2000 to 2199; check the date for a typing mistake."

// plausibleYear reports whether t falls in the years a conference may use.
func plausibleYear(t time.Time) bool {
	return t.Year() >= MinYear && t.Year() <= MaxYear
}

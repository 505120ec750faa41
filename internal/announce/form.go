// Package announce holds the rules of announcements: messages organisers
// write to a group of registrants chosen with the registrations desk's
// filters (store.RegistrationFilter), free of HTTP.
//
// A message is a subject and a Markdown body (rendered as the press room
// renders releases: goldmark, raw HTML off), optionally translated per
// language; each recipient gets the translation into the language of
// their registration, field by field, else the English text. Both may use
// the placeholders of Placeholders, written {{first_name}} (spaces inside
// the braces allowed); any other {{…}} is refused with a field error
// naming it, at preview and at sending, so nothing is sent literally.
//
// {{link}} is the site's "Find my registration" page (paths.FindRegistration),
// not a personal self-service link: only a hash of each self-service token
// is stored, so the current link cannot be repeated, and minting a new one
// for every recipient would silently revoke the link each of them already
// holds (a sign-in link, which revokes nothing, expires in a day). That
// page mails the person a fresh link on request.
//
// Sending queues one personalised outbox message per recipient, the
// announcements row and an audit line in one transaction. The form carries
// an idempotency key (unique in the table), so posting it twice queues it
// once. With a send_at in the future the announcement is stored as
// scheduled; Service.SendDue, called by the runner, queues it when due,
// and it can be cancelled until then.
package announce

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"confdesk/internal/country"
	"confdesk/internal/i18n"
	"confdesk/internal/localtime"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// Placeholders are the names a message may use between {{ and }}.
var Placeholders = []string{"first_name", "last_name", "reference", "link", "conference", "dates"}

// FilterParams are the desk's query names the form reads its filters from.
var FilterParams = []string{"status", "country", "category", "org_type", "q", "checked_in", "letter", "sponsored", "credentials"}

// TranslatedFields are the fields organisers may translate.
var TranslatedFields = []string{"subject", "body"}

// LocalLayout is how the form shows and reads send_at (an HTML datetime-local value).
const LocalLayout = "2006-01-02T15:04"

// Limits of the form's texts.
const (
	MaxSubject = 200
	MaxBody    = 20000
)

// Form is the announcement form as typed.
type Form struct {
	Subject, Body string
	SendAt        string // LocalLayout in the conference's zone, or "" for now
	Filter        store.RegistrationFilter
	Translations  model.Translations // subject and body per language
	Key           string             // the idempotency key, from the hidden field
}

// NewKey returns a fresh idempotency key for a new form.
func NewKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

var keyPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// FilterOf reads the desk's filters from v; only the filters, never the sort or page.
func FilterOf(v url.Values) store.RegistrationFilter {
	f := store.ParseRegistrationFilter(v)
	f.Sort, f.Page, f.Unprinted = "", 1, false
	return f
}

// placeholder matches {{name}}, spaces allowed inside the braces.
var placeholder = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)

// unknownPlaceholders are the {{…}} of s that are not in Placeholders, in order, once each.
func unknownPlaceholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(Placeholders, m[1]) && !slices.Contains(out, m[0]) {
			out = append(out, m[0])
		}
	}
	return out
}

// PlaceholderHelp is the list of placeholders as the form documents them.
func PlaceholderHelp() string {
	out := make([]string, len(Placeholders))
	for i, p := range Placeholders {
		out[i] = "{{" + p + "}}"
	}
	return strings.Join(out, " ")
}

func checkPlaceholders(errs *model.FieldErrors, field, text string) {
	if u := unknownPlaceholders(text); len(u) > 0 {
		word := "Unknown placeholder "
		if len(u) > 1 {
			word = "Unknown placeholders "
		}
		errs.Add(field, word+strings.Join(u, ", ")+". Use only "+PlaceholderHelp()+".")
	}
}

// Checked is a form that passed Check.
type Checked struct {
	SendAt time.Time // zero: now
}

// Check validates the form at now in the conference's zone.
func (f *Form) Check(conf model.Conference, now time.Time) (Checked, model.FieldErrors) {
	var errs model.FieldErrors
	var out Checked
	f.Subject = strings.TrimSpace(f.Subject)
	f.Body = strings.TrimSpace(f.Body)
	switch {
	case f.Subject == "":
		errs.Add("subject", "Enter a subject.")
	case utf8.RuneCountInString(f.Subject) > MaxSubject:
		errs.Add("subject", "The subject is too long: at most 200 characters.")
	default:
		checkPlaceholders(&errs, "subject", f.Subject)
	}
	switch {
	case f.Body == "":
		errs.Add("body", "Enter the message.")
	case utf8.RuneCountInString(f.Body) > MaxBody:
		errs.Add("body", "The message is too long: at most 20,000 characters.")
	default:
		checkPlaceholders(&errs, "body", f.Body)
	}
	if v := strings.TrimSpace(f.SendAt); v != "" {
		loc := conf.Location()
		t, err := localtime.Parse(LocalLayout, v, loc)
		switch {
		case errors.Is(err, localtime.ErrSkipped):
			errs.Add("send_at", v+" does not exist in "+loc.String()+": the clocks go forward that night. Choose another time.")
		case err != nil:
			errs.Add("send_at", "Enter a date and time like 2027-03-08T09:00, or leave it empty to send now.")
		case !t.After(now):
			errs.Add("send_at", "This time has passed. Choose a later time, or leave it empty to send now.")
		default:
			out.SendAt = t.UTC()
		}
	}
	for _, l := range i18n.Translations() {
		for _, field := range TranslatedFields {
			name := model.TranslationField(l.Code, field)
			text := strings.TrimSpace(f.Translations.Get(field, l.Code))
			switch {
			case text == "":
			case field == "subject" && utf8.RuneCountInString(text) > MaxSubject:
				errs.Add(name, "The subject is too long: at most 200 characters.")
			case field == "body" && utf8.RuneCountInString(text) > MaxBody:
				errs.Add(name, "The message is too long: at most 20,000 characters.")
			default:
				checkPlaceholders(&errs, name, text)
			}
		}
	}
	if !keyPattern.MatchString(f.Key) {
		errs.Add("key", "This form has expired. Reload the page and send it again.")
	}
	return out, errs
}

// DescribeFilter is the filter in words, for the list: "Status confirmed ·
// Country Haiti", or "Everyone registered".
func DescribeFilter(f store.RegistrationFilter) string {
	var parts []string
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, label+" "+v)
		}
	}
	add("Status", f.Status)
	if f.Country != "" {
		add("Country", country.Name(f.Country))
	}
	add("Category", f.Category)
	add("Organisation type", f.OrgType)
	add("Checked in:", f.CheckedIn)
	add("Visa letter", f.Letter)
	add("Sponsored:", f.Sponsored)
	add("Credentials", f.Credentials)
	if f.Q != "" {
		add("Search", "“"+f.Q+"”")
	}
	if len(parts) == 0 {
		return "Everyone registered"
	}
	return strings.Join(parts, " · ")
}

// DescribeQuery is DescribeFilter of a stored query string.
func DescribeQuery(q string) string {
	v, _ := url.ParseQuery(q)
	return DescribeFilter(FilterOf(v))
}

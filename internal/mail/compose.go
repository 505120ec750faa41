// Package mail writes the e-mails confdesk sends to the people who register
// and delivers them from the outbox.
//
// A handler composes a message with Compose and queues it with
// store.Tx.EnqueueMail in the same transaction as the change it reports, so
// a registration and its e-mail are committed together or not at all. The
// Sender delivers queued messages later, retrying with backoff; until it
// succeeds (or when no SMTP server is configured) the message waits in the
// outbox, where organisers can see it.
//
// A message is written in the language the registration was made in
// (model.Registration.Language; Data.Lang overrides it), every word from
// the catalogue's area mail (section [mail] of internal/i18n/locales/*.toml), dates in
// that language, and the conference under the name the organisers gave it
// in that language when they did (Data.ConferenceName).
package mail

import (
	"bytes"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"net/url"
	"strconv"
	"strings"
	texttemplate "text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"confdesk/internal/country"
	"confdesk/internal/i18n"
	"confdesk/internal/ical"
	"confdesk/internal/model"
	"confdesk/internal/paths"
)

// Kinds of message (the outbox kind column).
const (
	KindReceived   = "received"   // press accreditation request or any registration received (pending)
	KindPending    = "pending"    // registration awaiting organiser review (moderation on)
	KindConfirmed  = "confirmed"  // registration confirmed
	KindWaitlisted = "waitlisted" // put on the waiting list because the conference is full
	KindPromoted   = "promoted"   // moved from the waiting list to confirmed
	KindCancelled  = "cancelled"  // registration cancelled, by the person or an organiser
	KindAccredited = "accredited" // press accreditation granted
	KindRejected   = "rejected"   // registration or accreditation refused
	KindLink       = "link"       // someone registered again with the same e-mail: here is your (new) link
	KindUpdated    = "updated"    // the person changed their details
	// KindConfirmEmail asks a new address to confirm a registration before it takes a place.
	KindConfirmEmail = "confirm_email"
	// KindSignIn offers a registered address a new self-service link, issued only when followed.
	KindSignIn = "signin"
	// KindNewLink carries the self-service link issued when a sign-in or confirmation link was followed.
	KindNewLink = "new_link"
	// KindEmailChange asks a new address to confirm that the registration moves to it.
	KindEmailChange = "email_change"
	// KindEmailChangeNotice tells the current address that a move to another one was asked for.
	KindEmailChangeNotice = "email_change_notice"
	// KindFindLink answers "Find my registration" with a sign-in link.
	KindFindLink = "find_link"
	// KindLetterReady says an organiser approved the visa invitation letter,
	// with a sign-in link to the page where it is downloaded.
	KindLetterReady = "letter_ready"
	// KindLetterWithdrawn says an approved letter was withdrawn because the
	// details it prints changed, and that it waits for a new approval.
	KindLetterWithdrawn = "letter_withdrawn"
	// KindReminder reminds a confirmed participant that the conference
	// begins soon (the reminder rule).
	KindReminder = "reminder"
	// KindSponsorshipGranted says the organisers will pay the person's travel.
	KindSponsorshipGranted = "sponsorship_granted"
	// KindSponsorshipRefused says they will not, with the organiser's note if any (Data.Reason).
	KindSponsorshipRefused = "sponsorship_refused"
	// KindTravelConfirmed says the organisers confirmed the itinerary
	// (Data.Itinerary): flights, airport, hotel (Data.Travel) and transfer.
	KindTravelConfirmed = "travel_confirmed"
	// KindFocalPointInvitation invites a country's focal point to nominate
	// its delegates, with their private nomination link (Data.Country,
	// Data.Quota). Registration holds the focal point's name, address and
	// language: no registration is theirs.
	KindFocalPointInvitation = "focal_point_invitation"
	// KindNomination tells a nominee they were nominated, with their own
	// registration link; Registration holds the nominee's name, address
	// and the focal point's language.
	KindNomination = "nomination"
)

// Kinds lists every kind Compose knows, in the order of a registration's life.
var Kinds = []string{KindReceived, KindPending, KindConfirmed, KindWaitlisted, KindPromoted,
	KindCancelled, KindAccredited, KindRejected, KindLink, KindUpdated, KindConfirmEmail, KindSignIn, KindNewLink,
	KindEmailChange, KindEmailChangeNotice, KindFindLink, KindLetterReady, KindLetterWithdrawn, KindReminder,
	KindSponsorshipGranted, KindSponsorshipRefused, KindTravelConfirmed, KindFocalPointInvitation, KindNomination}

// needsLink names the kinds whose whole point is their link.
var needsLink = map[string]bool{KindLink: true, KindConfirmEmail: true, KindSignIn: true, KindNewLink: true, KindEmailChange: true, KindFindLink: true, KindLetterReady: true,
	KindFocalPointInvitation: true, KindNomination: true}

// Data is what a message may say.
type Data struct {
	Conference       model.Conference
	Registration     model.Registration
	ManageURL        string // absolute self-service link; "" when no new token was issued
	WaitlistPosition int    // for KindWaitlisted; 0 leaves the position out
	// WaitlistQuota is the quota whose queue a KindWaitlisted registration
	// waits in; nil when it waits for a place in the conference.
	WaitlistQuota *model.Quota
	Reason        string // for KindRejected (may be empty)
	NewEmail      string // for KindEmailChangeNotice: the address asked for
	// LostSessions are the titles of sessions whose places others took
	// while the registration was not confirmed; a message that confirms it
	// again says that these are no longer in the person's agenda.
	LostSessions []string
	// SiteURL is the site's absolute root: messages without a personal
	// link say where to ask for one (paths.FindRegistration).
	SiteURL string
	// Lang is the language the message is written in; nil writes it in
	// the registration's language (Registration.Language).
	Lang *i18n.Locale
	// ConferenceName is the conference's name in the message's language
	// (the organisers' translation); "" uses Conference.Name.
	ConferenceName string
	// Itinerary and Travel: for KindTravelConfirmed, the itinerary confirmed
	// and the travel settings naming the hotel.
	Itinerary *model.Itinerary
	Travel    model.TravelSettings
	// Country is the ISO code of the country a focal point acts for or a
	// nominee was nominated by (KindFocalPointInvitation, KindNomination);
	// "" leaves it out. The message names it in its language.
	Country string
	// Quota is the country's quota of places when HasQuota
	// (KindFocalPointInvitation).
	Quota    int
	HasQuota bool
}

// countryName is d's country named in l; "" without one.
func (d Data) countryName(l *i18n.Locale) string {
	if d.Country == "" {
		return ""
	}
	if name := country.LocalName(l.Tag, d.Country); name != "" {
		return name
	}
	return country.Name(d.Country)
}

// locale is the language d's message is written in.
func (d Data) locale() *i18n.Locale {
	if d.Lang != nil {
		return d.Lang
	}
	return i18n.ByCode(d.Registration.Language)
}

// conferenceName is the conference's name as the message says it.
func (d Data) conferenceName() string {
	if d.ConferenceName != "" {
		return d.ConferenceName
	}
	return d.Conference.Name
}

// ErrUnknownKind is returned by Compose for a kind it has no text for.
var ErrUnknownKind = errors.New("mail: unknown kind of message")

// fallback replaces the self-service link when no new token was issued:
// only the token's hash is stored, so the old link cannot be repeated.
func fallback(l *i18n.Locale, d Data) string {
	if d.SiteURL != "" {
		return l.T("mail.fallback_site", "URL", d.SiteURL+paths.FindRegistration)
	}
	return l.T("mail.fallback")
}

// contactView is how to reach the organisers, at the foot of every
// message; nil when the settings name neither address nor phone.
type contactView struct{ Email, Phone string }

func contact(c model.Conference) *contactView {
	v := contactView{Email: strings.TrimSpace(c.ContactEmail), Phone: strings.TrimSpace(c.ContactPhone)}
	if v.Email == "" && v.Phone == "" {
		return nil
	}
	return &v
}

// wording is what one kind of message says, as message ids of the
// catalogue (area mail). Every kind shares the same two templates, so the
// greeting, details, link and signature read alike and the escaping is
// written once.
type wording struct {
	subject      string // the heading, and the subject before the conference's name
	pressSubject string // replaces subject for press registrations, when set
	linkLabel    string // replaces the default label of the self-service link, when set
	// lead is the message's paragraphs, in l, naming the conference conf.
	lead func(l *i18n.Locale, d Data, conf string) []string
}

// press reports whether the registration is a journalist's accreditation request.
func press(d Data) bool { return d.Registration.Category == model.CategoryPress }

// paragraphs is a lead of messages that each may name the conference.
func paragraphs(ids ...string) func(l *i18n.Locale, d Data, conf string) []string {
	return func(l *i18n.Locale, d Data, conf string) []string {
		p := make([]string, len(ids))
		for i, id := range ids {
			p[i] = l.T(id, "Conference", conf)
		}
		return p
	}
}

var wordings = map[string]wording{
	KindReceived: {
		subject:      "mail.received.subject",
		pressSubject: "mail.received.press_subject",
		lead: func(l *i18n.Locale, d Data, conf string) []string {
			if press(d) {
				return paragraphs("mail.received.press_thanks", "mail.received.press_next")(l, d, conf)
			}
			return paragraphs("mail.received.thanks", "mail.received.next")(l, d, conf)
		},
	},
	KindPending: {
		subject: "mail.pending.subject",
		lead:    paragraphs("mail.pending.thanks", "mail.pending.next"),
	},
	KindConfirmed: {
		subject: "mail.confirmed.subject",
		lead:    paragraphs("mail.confirmed.lead", "mail.arrival", "mail.cancel_if_not_coming"),
	},
	KindWaitlisted: {
		subject: "mail.waitlisted.subject",
		lead: func(l *i18n.Locale, d Data, conf string) []string {
			p := []string{l.T("mail.waitlisted.lead", "Conference", conf)}
			if q := d.WaitlistQuota; q != nil {
				p[0] = l.T("mail.waitlisted_quota.lead_"+q.Dimension, "Conference", conf, "Group", q.Group(l))
			}
			if d.WaitlistPosition > 0 {
				p = append(p, l.T("mail.waitlisted.position", "Position", l.Number(d.WaitlistPosition)))
			}
			return append(p, l.T("mail.waitlisted.next"))
		},
	},
	KindPromoted: {
		subject: "mail.promoted.subject",
		lead:    paragraphs("mail.promoted.lead", "mail.arrival", "mail.cancel_if_not_coming"),
	},
	KindCancelled: {
		subject:   "mail.cancelled.subject",
		linkLabel: "mail.link.view",
		lead:      paragraphs("mail.cancelled.lead", "mail.cancelled.next"),
	},
	KindAccredited: {
		subject: "mail.accredited.subject",
		lead:    paragraphs("mail.accredited.lead", "mail.accredited.next"),
	},
	KindRejected: {
		subject:      "mail.rejected.subject",
		pressSubject: "mail.rejected.press_subject",
		linkLabel:    "mail.link.view",
		lead: func(l *i18n.Locale, d Data, conf string) []string {
			p := []string{l.T("mail.rejected.lead", "Conference", conf)}
			if press(d) {
				p[0] = l.T("mail.rejected.press_lead", "Conference", conf)
			}
			if r := strings.TrimSpace(d.Reason); r != "" {
				p = append(p, l.T("mail.rejected.reason", "Reason", r))
			}
			return append(p, l.T("mail.rejected.questions"))
		},
	},
	KindLink: {
		subject: "mail.again.subject",
		lead:    paragraphs("mail.again.lead", "mail.again.old_link", "mail.again.not_you"),
	},
	KindConfirmEmail: {
		subject:      "mail.confirm_email.subject",
		pressSubject: "mail.confirm_email.press_subject",
		linkLabel:    "mail.link.confirm_email",
		lead:         paragraphs("mail.confirm_email.lead", "mail.confirm_email.how", "mail.confirm_email.not_you"),
	},
	KindSignIn: {
		subject:   "mail.signin.subject",
		linkLabel: "mail.link.new_link",
		lead:      paragraphs("mail.signin.lead", "mail.signin.how", "mail.signin.not_you"),
	},
	KindFindLink: {
		subject:   "mail.signin.subject",
		linkLabel: "mail.link.new_link",
		lead:      paragraphs("mail.signin.find_lead", "mail.signin.how", "mail.signin.not_you"),
	},
	KindNewLink: {
		subject: "mail.new_link.subject",
		lead:    paragraphs("mail.new_link.lead"),
	},
	KindEmailChange: {
		subject:   "mail.email_change.subject",
		linkLabel: "mail.link.confirm_new_email",
		lead:      paragraphs("mail.email_change.lead", "mail.email_change.how", "mail.email_change.not_you"),
	},
	KindEmailChangeNotice: {
		subject: "mail.email_change_notice.subject",
		lead: func(l *i18n.Locale, d Data, conf string) []string {
			return []string{l.T("mail.email_change_notice.lead", "Conference", conf, "Email", d.NewEmail),
				l.T("mail.email_change_notice.next")}
		},
	},
	KindUpdated: {
		subject: "mail.updated.subject",
		lead:    paragraphs("mail.updated.lead", "mail.updated.next"),
	},
	KindLetterReady: {
		subject:   "mail.letter_ready.subject",
		linkLabel: "mail.letter_ready.link",
		lead: func(l *i18n.Locale, d Data, conf string) []string {
			p := []string{l.T("mail.letter_ready.lead", "Conference", conf), l.T("mail.letter_ready.how")}
			if d.SiteURL != "" {
				p = append(p, l.T("mail.letter_ready.expiry_site", "URL", d.SiteURL+paths.FindRegistration))
			} else {
				p = append(p, l.T("mail.letter_ready.expiry"))
			}
			return p
		},
	},
	KindLetterWithdrawn: {
		subject: "mail.letter_withdrawn.subject",
		lead:    paragraphs("mail.letter_withdrawn.lead", "mail.letter_withdrawn.why", "mail.letter_withdrawn.next"),
	},
	KindSponsorshipGranted: {
		subject: "mail.sponsorship_granted.subject",
		lead:    paragraphs("mail.sponsorship_granted.lead", "mail.sponsorship_granted.next"),
	},
	KindSponsorshipRefused: {
		subject: "mail.sponsorship_refused.subject",
		lead: func(l *i18n.Locale, d Data, conf string) []string {
			p := []string{l.T("mail.sponsorship_refused.lead", "Conference", conf)}
			if r := strings.TrimSpace(d.Reason); r != "" {
				p = append(p, l.T("mail.sponsorship_refused.note", "Note", r))
			}
			return append(p, l.T("mail.sponsorship_refused.next"))
		},
	},
	KindTravelConfirmed: {
		subject: "mail.travel_confirmed.subject",
		lead:    travelConfirmed,
	},
	KindFocalPointInvitation: {
		subject:   "mail.focal_point_invitation.subject",
		linkLabel: "mail.focal_point_invitation.link",
		lead: func(l *i18n.Locale, d Data, conf string) []string {
			p := []string{l.T("mail.focal_point_invitation.lead", "Conference", conf)}
			if name := d.countryName(l); name != "" {
				p[0] = l.T("mail.focal_point_invitation.lead_country", "Conference", conf, "Country", name)
				if d.HasQuota {
					p = append(p, l.T("mail.focal_point_invitation.quota", "Country", name, "Count", l.Number(d.Quota)))
				}
			}
			return append(p, l.T("mail.focal_point_invitation.how"), l.T("mail.focal_point_invitation.personal"))
		},
	},
	KindNomination: {
		subject:   "mail.nomination.subject",
		linkLabel: "mail.nomination.link",
		lead: func(l *i18n.Locale, d Data, conf string) []string {
			p := []string{l.T("mail.nomination.lead", "Conference", conf)}
			if name := d.countryName(l); name != "" {
				p[0] = l.T("mail.nomination.lead_country", "Conference", conf, "Country", name)
			}
			return append(p, l.T("mail.nomination.how"), l.T("mail.nomination.personal"))
		},
	},
	KindReminder: {
		subject: "mail.reminder.subject",
		lead: func(l *i18n.Locale, d Data, conf string) []string {
			return []string{l.T("mail.reminder.lead", "Conference", conf, "Date", l.Date(d.Conference.Start())),
				l.T("mail.arrival"), l.T("mail.cancel_if_not_coming")}
		},
	},
}

// calendarKinds are the kinds that carry the conference as an .ics file.
var calendarKinds = map[string]bool{KindConfirmed: true, KindPromoted: true}

// CalendarFilename is the name of the conference's .ics attachment.
const CalendarFilename = "conference.ics"

// CalendarContentType is the attachment's media type (RFC 5545, 8.1).
const CalendarContentType = "text/calendar; charset=utf-8; method=PUBLISH"

// conferenceCalendar is the conference's days as one all-day event, in
// the conference's zone; nil when the dates are not set.
func conferenceCalendar(d Data, conf string) []byte {
	c := d.Conference
	if c.Start().IsZero() || c.End().IsZero() {
		return nil
	}
	host := "confdesk.invalid"
	if u, err := url.Parse(d.SiteURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	cal := ical.Calendar{ProdID: "-//confdesk//Conference//EN", Name: conf, Location: c.Location(), From: c.Start(), To: c.End(),
		Events: []ical.Event{{
			// One UID per conference, so a second confirmation updates the event.
			UID:      "conference-" + strconv.FormatInt(c.ID, 10) + "@" + host,
			Stamp:    c.UpdatedAt,
			Start:    c.Start(),
			End:      c.End(),
			AllDay:   true,
			Summary:  conf,
			Location: venue(c),
			URL:      d.SiteURL,
		}}}
	return cal.Encode()
}

// row is one labelled detail of the text body, its label padded so that
// the values line up.
type row struct{ Label, Value string }

// view is what the templates show; every field is plain text, escaped by
// the HTML template where it lands.
type view struct {
	Lang       string
	Subject    string
	Heading    string
	Greeting   string
	Lead       []string
	Details    []row // for the HTML table: label and value
	TextRows   []row // the same, labels padded for the text body
	ManageURL  string
	LinkLabel  string
	LinkIntro  string // the link's label as it stands above the link in the text body
	LinkCopy   string
	Fallback   string
	Regards    string
	SignOff    string
	Questions  string
	Contact    *contactView
	EmailLabel string
	PhoneLabel string
	EmailRow   string // "E-mail:     " padded like TextRows
	PhoneRow   string
}

// Compose returns the outbox message for kind, addressed to the registration's e-mail and name,
// in d's language (Data.Lang, else the registration's).
// It never includes passport data (passport name, number, expiry, date of birth, nationality).
func Compose(kind string, d Data) (model.OutboxMessage, error) {
	w, ok := wordings[kind]
	if !ok {
		return model.OutboxMessage{}, fmt.Errorf("mail: compose %q: %w", kind, ErrUnknownKind)
	}
	if needsLink[kind] && d.ManageURL == "" {
		// The whole point of this message is its link.
		return model.OutboxMessage{}, fmt.Errorf("mail: compose %q: no link", kind)
	}
	if strings.TrimSpace(d.Registration.Email) == "" {
		return model.OutboxMessage{}, fmt.Errorf("mail: compose %q: registration %d has no e-mail address", kind, d.Registration.ID)
	}
	l := d.locale()
	conf := d.conferenceName()
	heading := l.T(w.subject)
	if press(d) && w.pressSubject != "" {
		heading = l.T(w.pressSubject)
	}
	subject := heading + " – " + conf
	if d.Registration.Reference != "" {
		subject += " (" + d.Registration.Reference + ")"
	}
	name := d.Registration.FullName()
	v := view{
		Lang:       l.Code,
		Subject:    subject,
		Heading:    heading,
		Greeting:   l.T("mail.greeting", "Name", name),
		Lead:       append(w.lead(l, d, conf), lostSessions(l, d.LostSessions)...),
		ManageURL:  d.ManageURL,
		LinkLabel:  l.T("mail.link.manage"),
		LinkCopy:   l.T("mail.link_copy"),
		Fallback:   fallback(l, d),
		Regards:    l.T("mail.regards"),
		SignOff:    l.T("mail.signoff", "Conference", conf),
		Questions:  l.T("mail.questions"),
		Contact:    contact(d.Conference),
		EmailLabel: l.T("mail.label.email"),
		PhoneLabel: l.T("mail.label.phone"),
	}
	if w.linkLabel != "" {
		v.LinkLabel = l.T(w.linkLabel)
	}
	v.LinkIntro = l.T("mail.colon", "Label", v.LinkLabel)
	if d.Registration.Reference != "" {
		v.Details = append(v.Details, row{l.T("mail.label.reference"), d.Registration.Reference})
	}
	v.Details = append(v.Details, row{l.T("mail.label.conference"), conf})
	if s := dates(l, d.Conference); s != "" {
		v.Details = append(v.Details, row{l.T("mail.label.dates"), s})
	}
	if s := venue(d.Conference); s != "" {
		v.Details = append(v.Details, row{l.T("mail.label.venue"), s})
	}
	pad := labelPadder(l, "reference", "conference", "dates", "venue")
	for _, r := range v.Details {
		v.TextRows = append(v.TextRows, row{pad(r.Label), r.Value})
	}
	pad = labelPadder(l, "email", "phone")
	v.EmailRow, v.PhoneRow = pad(v.EmailLabel), pad(v.PhoneLabel)
	var text, html bytes.Buffer
	if err := textBody.Execute(&text, v); err != nil {
		return model.OutboxMessage{}, fmt.Errorf("mail: compose %q: text: %w", kind, err)
	}
	if err := htmlBody.Execute(&html, v); err != nil {
		return model.OutboxMessage{}, fmt.Errorf("mail: compose %q: html: %w", kind, err)
	}
	var attachments []model.Attachment
	if calendarKinds[kind] {
		if ics := conferenceCalendar(d, conf); ics != nil {
			attachments = []model.Attachment{{Filename: CalendarFilename, ContentType: CalendarContentType, Data: ics}}
		}
	}
	return model.OutboxMessage{
		Attachments:    attachments,
		ConferenceID:   d.Conference.ID,
		RegistrationID: d.Registration.ID,
		Kind:           kind,
		ToEmail:        strings.TrimSpace(d.Registration.Email),
		ToName:         name,
		Subject:        subject,
		BodyText:       text.String(),
		BodyHTML:       html.String(),
		State:          model.MailQueued,
	}, nil
}

// labelPadder returns a function that writes a label of the text body
// with its colon, padded so that the values of labels (message ids under
// mail.label) start in one column, at least minLabelWidth.
func labelPadder(l *i18n.Locale, labels ...string) func(label string) string {
	width := minLabelWidth
	for _, id := range labels {
		width = max(width, utf8.RuneCountInString(l.T("mail.colon", "Label", l.T("mail.label."+id)))+1)
	}
	return func(label string) string {
		s := l.T("mail.colon", "Label", label)
		return s + strings.Repeat(" ", max(1, width-utf8.RuneCountInString(s)))
	}
}

// minLabelWidth is the column where a value of the text body starts
// after a short label: details and contact line up when the labels
// allow, as in English ("Conference: ", "E-mail:     ").
const minLabelWidth = 12

// dates are the conference's days in l: "15–17 March 2027", "15–17 de marzo de 2027".
func dates(l *i18n.Locale, c model.Conference) string {
	if c.Start().IsZero() || c.End().IsZero() {
		return ""
	}
	return l.DateRange(c.Start(), c.End().AddDate(0, 0, -1))
}

// lostSessions tells a person which sessions they are no longer signed up
// for, and what to do; nothing when there are none.
func lostSessions(l *i18n.Locale, titles []string) []string {
	if len(titles) == 0 {
		return nil
	}
	quoted := make([]string, len(titles))
	for i, t := range titles {
		quoted[i] = l.T("mail.quoted", "Title", t)
	}
	return []string{l.N("mail.lost_sessions", len(titles), "Sessions", strings.Join(quoted, ", "))}
}

// venue is where the conference happens, in one line. The street address
// usually names the city already, so the city stands in only without one.
func venue(c model.Conference) string {
	var parts []string
	for _, s := range []string{c.Venue, c.VenueAddress} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	if strings.TrimSpace(c.VenueAddress) == "" && strings.TrimSpace(c.City) != "" {
		parts = append(parts, strings.TrimSpace(c.City))
	}
	return strings.Join(parts, ", ")
}

// wrapWidth keeps text lines short enough for any mail reader.
const wrapWidth = 72

// wrap breaks s into lines of at most wrapWidth characters at spaces.
// A word longer than that (a link) keeps its own line unbroken, so it stays clickable.
func wrap(s string) string {
	var b strings.Builder
	n := 0
	for _, word := range strings.FieldsFunc(s, breakable) {
		w := utf8.RuneCountInString(word)
		switch {
		case n == 0:
		case n+1+w > wrapWidth:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += w
	}
	return b.String()
}

// breakable reports whether a line may break at r: any space but the
// no-break ones French puts before ":" and inside « ».
func breakable(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' && r != '\u2007'
}

// The parts every message shares, defined once for Compose's messages
// and for announcements: the HTML head, and how to reach the organisers
// at the end of the plain text and of the HTML.
const (
	textParts = `{{define "signature"}}{{.Regards}}
{{.SignOff}}
{{- $v := .}}
{{- with .Contact}}

{{$v.Questions}}
{{- if .Email}}
{{$v.EmailRow}}{{.Email}}{{end}}
{{- if .Phone}}
{{$v.PhoneRow}}{{.Phone}}{{end}}
{{- end}}{{end}}`
	htmlParts = `{{define "head"}}<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Subject}}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:600px;margin:0 auto;padding:24px">
{{end}}{{define "contact"}}{{- if .Email}} <a href="mailto:{{.Email}}" style="color:#0b4f8a">{{.Email}}</a>{{end}}
{{- if and .Email .Phone}} ·{{end}}
{{- if .Phone}} {{.Phone}}{{end}}{{end}}`
)

// textTemplate parses a plain-text message with the shared parts.
func textTemplate(name, body string) *texttemplate.Template {
	t := texttemplate.Must(texttemplate.New(name).Funcs(texttemplate.FuncMap{"wrap": wrap}).Parse(textParts))
	return texttemplate.Must(t.Parse(body))
}

// htmlTemplate parses an HTML message with the shared parts.
func htmlTemplate(name, body string) *htmltemplate.Template {
	return htmltemplate.Must(htmltemplate.Must(htmltemplate.New(name).Parse(htmlParts)).Parse(body))
}

var textBody = textTemplate("text", `{{.Greeting}}
{{range .Lead}}
{{wrap .}}
{{end}}
{{range .TextRows}}{{.Label}}{{.Value}}
{{end}}
{{if .ManageURL}}{{.LinkIntro}}
{{.ManageURL}}
{{else}}{{wrap .Fallback}}
{{end}}
{{template "signature" .}}
`)

// htmlBody is a plain, single-column e-mail: inline styles only, since many
// mail readers drop <style> blocks, and a real table for the details so
// screen readers announce each label with its value.
var htmlBody = htmlTemplate("html", `{{template "head" .}}<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px">{{.Heading}}</h1>
<p>{{.Greeting}}</p>
{{range .Lead}}<p>{{.}}</p>
{{end -}}
<table style="border-collapse:collapse;margin:16px 0">
{{range .Details}}<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">{{.Label}}</th><td style="padding:4px 0">{{.Value}}</td></tr>
{{end -}}
</table>
{{if .ManageURL}}<p><a href="{{.ManageURL}}" style="color:#0b4f8a;font-weight:bold">{{.LinkLabel}}</a></p>
<p style="font-size:14px;color:#444444">{{.LinkCopy}}<br>{{.ManageURL}}</p>
{{else}}<p>{{.Fallback}}</p>
{{end -}}
<p>{{.Regards}}<br>{{.SignOff}}</p>
{{$v := .}}{{with .Contact}}<p style="font-size:14px;color:#444444;border-top:1px solid #dddddd;padding-top:12px">{{$v.Questions}}
{{- template "contact" .}}</p>
{{end -}}
</div>
</body>
</html>
`)

// KindAnnouncement is a message organisers wrote to a group of
// registrants (package announce). It is not in Kinds: its words are the
// organisers', so Compose has no text for it; ComposeAnnouncement writes it.
const KindAnnouncement = "announcement"

// Announcement is an organiser-written message as one recipient gets it:
// the placeholders filled, in the recipient's language where the
// organisers translated it.
type Announcement struct {
	Subject string
	Text    string            // the plain-text body (the Markdown source)
	HTML    htmltemplate.HTML // the body rendered from Markdown, safe to insert as is
}

// announcementView is what the announcement templates show.
type announcementView struct {
	Lang, Subject, Text, Why, Regards, SignOff, Questions string
	HTML                                                  htmltemplate.HTML
	Contact                                               *contactView
	EmailLabel, PhoneLabel, EmailRow, PhoneRow            string
}

// ComposeAnnouncement returns the outbox message carrying a to d's
// registration, with the catalogue's footer (why they get it, the
// signature and how to reach the organisers) in d's language.
func ComposeAnnouncement(d Data, a Announcement) (model.OutboxMessage, error) {
	if strings.TrimSpace(d.Registration.Email) == "" {
		return model.OutboxMessage{}, fmt.Errorf("mail: compose announcement: registration %d has no e-mail address", d.Registration.ID)
	}
	l := d.locale()
	conf := d.conferenceName()
	v := announcementView{
		Lang:       l.Code,
		Subject:    strings.Join(strings.Fields(a.Subject), " "),
		Text:       strings.TrimSpace(a.Text),
		HTML:       a.HTML,
		Why:        l.T("mail.announcement.why", "Conference", conf),
		Regards:    l.T("mail.regards"),
		SignOff:    l.T("mail.signoff", "Conference", conf),
		Questions:  l.T("mail.questions"),
		Contact:    contact(d.Conference),
		EmailLabel: l.T("mail.label.email"),
		PhoneLabel: l.T("mail.label.phone"),
	}
	pad := labelPadder(l, "email", "phone")
	v.EmailRow, v.PhoneRow = pad(v.EmailLabel), pad(v.PhoneLabel)
	var text, html bytes.Buffer
	if err := announcementText.Execute(&text, v); err != nil {
		return model.OutboxMessage{}, fmt.Errorf("mail: compose announcement: text: %w", err)
	}
	if err := announcementHTML.Execute(&html, v); err != nil {
		return model.OutboxMessage{}, fmt.Errorf("mail: compose announcement: html: %w", err)
	}
	return model.OutboxMessage{
		ConferenceID:   d.Conference.ID,
		RegistrationID: d.Registration.ID,
		Kind:           KindAnnouncement,
		ToEmail:        strings.TrimSpace(d.Registration.Email),
		ToName:         d.Registration.FullName(),
		Subject:        v.Subject,
		BodyText:       text.String(),
		BodyHTML:       html.String(),
		State:          model.MailQueued,
	}, nil
}

var announcementText = textTemplate("announcement", `{{.Text}}

-- 
{{wrap .Why}}

{{template "signature" .}}
`)

var announcementHTML = htmlTemplate("announcement", `{{template "head" .}}{{.HTML}}
<p>{{.Regards}}<br>{{.SignOff}}</p>
<p style="font-size:14px;color:#444444;border-top:1px solid #dddddd;padding-top:12px">{{.Why}}</p>
{{$v := .}}{{with .Contact}}<p style="font-size:14px;color:#444444">{{$v.Questions}}
{{- template "contact" .}}</p>
{{end -}}
</div>
</body>
</html>
`)

// travelConfirmed is the confirmed itinerary in words: arrival, departure,
// hotel nights and the transfer, times in the conference's zone.
func travelConfirmed(l *i18n.Locale, d Data, conf string) []string {
	p := []string{l.T("mail.travel_confirmed.lead", "Conference", conf)}
	if d.Itinerary == nil {
		return append(p, l.T("mail.travel_confirmed.next"))
	}
	it := *d.Itinerary
	loc := d.Conference.Location()
	when := func(s string) string {
		t, err := time.ParseInLocation("2006-01-02T15:04", s, loc)
		if err != nil {
			return s
		}
		return l.T("date.date_time", "Date", l.WeekdayDate(t), "Time", l.Time(t), "Zone", t.Format("MST"))
	}
	leg := func(key, at, flight, airport string) {
		switch {
		case at == "":
		case flight != "" && airport != "":
			p = append(p, l.T("mail.travel_confirmed."+key+"_flight", "When", when(at), "Flight", flight, "Airport", airport))
		case airport != "":
			p = append(p, l.T("mail.travel_confirmed."+key+"_airport", "When", when(at), "Airport", airport))
		default:
			p = append(p, l.T("mail.travel_confirmed."+key, "When", when(at)))
		}
	}
	leg("arrival", it.ArrivalAt, it.ArrivalFlight, it.ArrivalAirport)
	leg("departure", it.DepartureAt, it.DepartureFlight, it.DepartureAirport)
	in, err1 := time.Parse(time.DateOnly, it.CheckIn)
	out, err2 := time.Parse(time.DateOnly, it.CheckOut)
	switch {
	case err1 != nil || err2 != nil:
		p = append(p, l.T("mail.travel_confirmed.no_hotel"))
	case strings.TrimSpace(d.Travel.HotelName) != "":
		p = append(p, l.T("mail.travel_confirmed.hotel", "Hotel", d.Travel.HotelName, "Address", d.Travel.HotelAddress,
			"CheckIn", l.WeekdayDate(in), "CheckOut", l.WeekdayDate(out)))
	default:
		p = append(p, l.T("mail.travel_confirmed.hotel_dates", "CheckIn", l.WeekdayDate(in), "CheckOut", l.WeekdayDate(out)))
	}
	if it.Transfer {
		p = append(p, l.T("mail.travel_confirmed.transfer", "Airport", it.ArrivalAirport))
	} else {
		p = append(p, l.T("mail.travel_confirmed.no_transfer"))
	}
	return append(p, l.T("mail.travel_confirmed.next"))
}

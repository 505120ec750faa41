// Package mail writes the e-mails confdesk sends to the people who register
// and delivers them from the outbox.
//
// A handler composes a message with Compose and queues it with
// store.Tx.EnqueueMail in the same transaction as the change it reports, so
// a registration and its e-mail are committed together or not at all. The
// Sender delivers queued messages later, retrying with backoff; until it
// succeeds (or when no SMTP server is configured) the message waits in the
// outbox, where organisers can see it.
package mail

import (
	"bytes"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"unicode/utf8"

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
)

// Kinds lists every kind Compose knows, in the order of a registration's life.
var Kinds = []string{KindReceived, KindPending, KindConfirmed, KindWaitlisted, KindPromoted,
	KindCancelled, KindAccredited, KindRejected, KindLink, KindUpdated, KindConfirmEmail, KindSignIn, KindNewLink,
	KindEmailChange, KindEmailChangeNotice, KindFindLink}

// needsLink names the kinds whose whole point is their link.
var needsLink = map[string]bool{KindLink: true, KindConfirmEmail: true, KindSignIn: true, KindNewLink: true, KindEmailChange: true, KindFindLink: true}

// Data is what a message may say.
type Data struct {
	Conference       model.Conference
	Registration     model.Registration
	ManageURL        string // absolute self-service link; "" when no new token was issued
	WaitlistPosition int    // for KindWaitlisted; 0 leaves the position out
	Reason           string // for KindRejected (may be empty)
	NewEmail         string // for KindEmailChangeNotice: the address asked for
	// LostSessions are the titles of sessions whose places others took
	// while the registration was not confirmed; a message that confirms it
	// again says that these are no longer in the person's agenda.
	LostSessions []string
	// SiteURL is the site's absolute root: messages without a personal
	// link say where to ask for one (paths.FindRegistration).
	SiteURL string
}

// ErrUnknownKind is returned by Compose for a kind it has no text for.
var ErrUnknownKind = errors.New("mail: unknown kind of message")

// fallback replaces the self-service link when no new token was issued:
// only the token's hash is stored, so the old link cannot be repeated.
func fallback(d Data) string {
	s := "Use the link in the newest e-mail we sent you to view or change your registration. " +
		"If you no longer have it, ask for a new one with “Find my registration” on the conference website"
	if d.SiteURL != "" {
		s += " (" + d.SiteURL + paths.FindRegistration + ")"
	}
	return s + ": type this e-mail address and we will send you a link."
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

// wording is what one kind of message says. Every kind shares the same two
// templates, so the greeting, details, link and signature read alike and
// the escaping is written once.
type wording struct {
	subject      string // the heading, and the subject before the conference's name
	pressSubject string // replaces subject for press registrations, when set
	linkLabel    string // replaces the default label of the self-service link, when set
	lead         func(d Data) []string
}

const defaultLinkLabel = "View, change or cancel your registration"

// press reports whether the registration is a journalist's accreditation request.
func press(d Data) bool { return d.Registration.Category == model.CategoryPress }

var wordings = map[string]wording{
	KindReceived: {
		subject:      "Registration received",
		pressSubject: "Accreditation request received",
		lead: func(d Data) []string {
			if press(d) {
				return []string{
					"We have received your request for press accreditation for the " + d.Conference.Name + ".",
					"Our press team will review it and write to you again once it has been decided. " +
						"You do not need to do anything in the meantime.",
				}
			}
			return []string{
				"Thank you for registering for the " + d.Conference.Name + ". We have received your registration.",
				"We will write to you again once the organisers have reviewed it. " +
					"You do not need to do anything in the meantime.",
			}
		},
	},
	KindPending: {
		subject: "Registration awaiting review",
		lead: func(d Data) []string {
			return []string{
				"Thank you for registering for the " + d.Conference.Name + ". " +
					"Your registration is now waiting for the organisers to review it.",
				"We will write to you again as soon as it has been reviewed. " +
					"You do not need to do anything in the meantime.",
			}
		},
	},
	KindConfirmed: {
		subject: "Registration confirmed",
		lead: func(d Data) []string {
			return []string{
				"Your registration for the " + d.Conference.Name + " is confirmed. We look forward to welcoming you.",
				arrival,
				"If you can no longer attend, please cancel your registration so that someone else can have your place.",
			}
		},
	},
	KindWaitlisted: {
		subject: "You are on the waiting list",
		lead: func(d Data) []string {
			p := []string{"Thank you for registering for the " + d.Conference.Name + ". " +
				"The conference is fully booked at the moment, so we have put you on the waiting list."}
			if d.WaitlistPosition > 0 {
				p = append(p, fmt.Sprintf("You are number %d in the queue.", d.WaitlistPosition))
			}
			return append(p, "When a place becomes free, we give it to the next person in the queue and write to "+
				"them straight away; you do not need to do anything. If you no longer wish to attend, "+
				"please cancel your registration so that the people behind you move up.")
		},
	},
	KindPromoted: {
		subject: "A place is free: registration confirmed",
		lead: func(d Data) []string {
			return []string{
				"Good news: a place has become free at the " + d.Conference.Name + ", and your registration " +
					"has moved from the waiting list to confirmed.",
				arrival,
				"If you can no longer attend, please cancel your registration so that someone else can have your place.",
			}
		},
	},
	KindCancelled: {
		subject:   "Registration cancelled",
		linkLabel: "View your registration",
		lead: func(d Data) []string {
			return []string{
				"Your registration for the " + d.Conference.Name + " has been cancelled.",
				"If you did not expect this, or you change your mind, you can register again on the " +
					"conference website while registration is open.",
			}
		},
	},
	KindAccredited: {
		subject: "Press accreditation granted",
		lead: func(d Data) []string {
			return []string{
				"Your press accreditation for the " + d.Conference.Name + " has been granted.",
				"Please collect your press badge at the registration desk when you arrive, " +
					"and bring a photo ID and your press card.",
			}
		},
	},
	KindRejected: {
		subject:      "Registration not accepted",
		pressSubject: "Press accreditation not granted",
		linkLabel:    "View your registration",
		lead: func(d Data) []string {
			p := []string{"We are sorry, but we are unable to accept your registration for the " + d.Conference.Name + "."}
			if press(d) {
				p[0] = "We are sorry, but we are unable to grant your request for press accreditation for the " +
					d.Conference.Name + "."
			}
			if r := strings.TrimSpace(d.Reason); r != "" {
				p = append(p, "The organisers gave this reason: "+r)
			}
			return append(p, "If you have any questions, please reply to this e-mail.")
		},
	},
	KindLink: {
		subject: "Your registration link",
		lead: func(d Data) []string {
			return []string{
				"Someone, probably you, asked to register for the " + d.Conference.Name + " again with this " +
					"e-mail address. You are already registered, so we have not made a second registration. " +
					"Instead, here is a new link to the registration you already have.",
				"The previous link no longer works.",
				"If this was not you, you can ignore this e-mail: your registration has not changed.",
			}
		},
	},
	KindConfirmEmail: {
		subject:      "Confirm your e-mail address",
		pressSubject: "Confirm your e-mail address for press accreditation",
		linkLabel:    "Confirm my e-mail address",
		lead: func(d Data) []string {
			return []string{
				"Someone, probably you, asked to register for the " + d.Conference.Name + " with this e-mail address.",
				"Your registration is not complete yet and holds no place: follow the link below and press the " +
					"button on the page it opens to confirm your address. The link works for 48 hours.",
				"If this was not you, ignore this e-mail: nothing is registered unless the link is followed.",
			}
		},
	},
	KindSignIn: {
		subject:   "Your registration link",
		linkLabel: "Get a new link to my registration",
		lead: func(d Data) []string {
			return []string{
				"Someone, probably you, filled in the registration form for the " + d.Conference.Name +
					" with this e-mail address. It is already registered, so no second registration was made.",
				"To open your registration, follow the link below and press the button on the page it opens: you then " +
					"get a new personal link, and the link in earlier e-mails stops working. The link below works for 24 hours.",
				"If this was not you, ignore this e-mail: your registration and your current link are unchanged.",
			}
		},
	},
	KindFindLink: {
		subject:   "Your registration link",
		linkLabel: "Get a new link to my registration",
		lead: func(d Data) []string {
			return []string{
				"Someone, probably you, asked on the " + d.Conference.Name + " website for a link to the registration " +
					"made with this e-mail address.",
				"To open your registration, follow the link below and press the button on the page it opens: you then " +
					"get a new personal link, and the link in earlier e-mails stops working. The link below works for 24 hours.",
				"If this was not you, ignore this e-mail: your registration and your current link are unchanged.",
			}
		},
	},
	KindNewLink: {
		subject: "Your new registration link",
		lead: func(d Data) []string {
			return []string{
				"Here is your new personal link to your registration for the " + d.Conference.Name +
					". Keep this e-mail: the link in earlier e-mails no longer works.",
			}
		},
	},
	KindEmailChange: {
		subject:   "Confirm your new e-mail address",
		linkLabel: "Confirm my new e-mail address",
		lead: func(d Data) []string {
			return []string{
				"Someone, probably you, asked for this address to be used for a registration for the " + d.Conference.Name + ".",
				"The change happens only when you follow the link below and press the button on the page it opens. " +
					"The link works for 48 hours.",
				"If this was not you, ignore this e-mail: nothing changes.",
			}
		},
	},
	KindEmailChangeNotice: {
		subject: "Change of e-mail address requested",
		lead: func(d Data) []string {
			return []string{
				"Someone with the link to your registration for the " + d.Conference.Name + " asked to move it to " +
					"another e-mail address (" + d.NewEmail + "). It moves only if that address confirms the change.",
				"If this was you, there is nothing more to do here. If it was not, please reply to this e-mail at once: " +
					"someone else may have your personal link.",
			}
		},
	},
	KindUpdated: {
		subject: "Registration details updated",
		lead: func(d Data) []string {
			return []string{
				"The details of your registration for the " + d.Conference.Name + " have been updated.",
				"If you made this change, there is nothing more to do. " +
					"If you did not, please reply to this e-mail to let us know.",
			}
		},
	},
}

const arrival = "When you arrive, please come to the registration desk with a photo ID and your reference " +
	"to collect your badge."

// view is what the templates show; every field is plain text, escaped by
// the HTML template where it lands.
type view struct {
	Subject    string
	Heading    string
	Name       string
	Lead       []string
	Reference  string
	Conference string
	Dates      string
	Venue      string
	ManageURL  string
	LinkLabel  string
	Fallback   string
	SignOff    string
	Contact    *contactView
}

// Compose returns the outbox message for kind, addressed to the registration's e-mail and name.
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
	heading := w.subject
	if press(d) && w.pressSubject != "" {
		heading = w.pressSubject
	}
	subject := heading + " – " + d.Conference.Name
	if d.Registration.Reference != "" {
		subject += " (" + d.Registration.Reference + ")"
	}
	v := view{
		Subject:    subject,
		Heading:    heading,
		Name:       d.Registration.FullName(),
		Lead:       append(w.lead(d), lostSessions(d.LostSessions)...),
		Reference:  d.Registration.Reference,
		Conference: d.Conference.Name,
		Dates:      d.Conference.DateRange(),
		Venue:      venue(d.Conference),
		ManageURL:  d.ManageURL,
		LinkLabel:  defaultLinkLabel,
		Fallback:   fallback(d),
		SignOff:    "The " + d.Conference.Name + " team",
		Contact:    contact(d.Conference),
	}
	if w.linkLabel != "" {
		v.LinkLabel = w.linkLabel
	}
	var text, html bytes.Buffer
	if err := textBody.Execute(&text, v); err != nil {
		return model.OutboxMessage{}, fmt.Errorf("mail: compose %q: text: %w", kind, err)
	}
	if err := htmlBody.Execute(&html, v); err != nil {
		return model.OutboxMessage{}, fmt.Errorf("mail: compose %q: html: %w", kind, err)
	}
	return model.OutboxMessage{
		ConferenceID:   d.Conference.ID,
		RegistrationID: d.Registration.ID,
		Kind:           kind,
		ToEmail:        strings.TrimSpace(d.Registration.Email),
		ToName:         v.Name,
		Subject:        subject,
		BodyText:       text.String(),
		BodyHTML:       html.String(),
		State:          model.MailQueued,
	}, nil
}

// lostSessions tells a person which sessions they are no longer signed up
// for, and what to do; nothing when there are none.
func lostSessions(titles []string) []string {
	if len(titles) == 0 {
		return nil
	}
	quoted := make([]string, len(titles))
	for i, t := range titles {
		quoted[i] = "“" + t + "”"
	}
	return []string{"While your registration was not confirmed, other participants took the last places in " +
		strings.Join(quoted, ", ") + ", so these sessions are no longer in your agenda. " +
		"You can choose other sessions on your registration page."}
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
	for _, word := range strings.Fields(s) {
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

var textBody = texttemplate.Must(texttemplate.New("text").Funcs(texttemplate.FuncMap{"wrap": wrap}).Parse(
	`Dear {{.Name}},
{{range .Lead}}
{{wrap .}}
{{end}}
{{if .Reference}}Reference:  {{.Reference}}
{{end}}Conference: {{.Conference}}
{{- if .Dates}}
Dates:      {{.Dates}}{{end}}
{{- if .Venue}}
Venue:      {{.Venue}}{{end}}

{{if .ManageURL}}{{.LinkLabel}}:
{{.ManageURL}}
{{else}}{{wrap .Fallback}}
{{end}}
With best regards,
{{.SignOff}}
{{- with .Contact}}

Questions? Contact the organisers:
{{- if .Email}}
E-mail:     {{.Email}}{{end}}
{{- if .Phone}}
Phone:      {{.Phone}}{{end}}
{{- end}}
`))

// htmlBody is a plain, single-column e-mail: inline styles only, since many
// mail readers drop <style> blocks, and a real table for the details so
// screen readers announce each label with its value.
var htmlBody = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Subject}}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:600px;margin:0 auto;padding:24px">
<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px">{{.Heading}}</h1>
<p>Dear {{.Name}},</p>
{{range .Lead}}<p>{{.}}</p>
{{end -}}
<table style="border-collapse:collapse;margin:16px 0">
{{if .Reference}}<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">Reference</th><td style="padding:4px 0">{{.Reference}}</td></tr>
{{end -}}
<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">Conference</th><td style="padding:4px 0">{{.Conference}}</td></tr>
{{if .Dates}}<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">Dates</th><td style="padding:4px 0">{{.Dates}}</td></tr>
{{end}}{{if .Venue}}<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">Venue</th><td style="padding:4px 0">{{.Venue}}</td></tr>
{{end -}}
</table>
{{if .ManageURL}}<p><a href="{{.ManageURL}}" style="color:#0b4f8a;font-weight:bold">{{.LinkLabel}}</a></p>
<p style="font-size:14px;color:#444444">If the link does not open, copy this address into your browser:<br>{{.ManageURL}}</p>
{{else}}<p>{{.Fallback}}</p>
{{end -}}
<p>With best regards,<br>{{.SignOff}}</p>
{{with .Contact}}<p style="font-size:14px;color:#444444;border-top:1px solid #dddddd;padding-top:12px">Questions? Contact the organisers:
{{- if .Email}} <a href="mailto:{{.Email}}" style="color:#0b4f8a">{{.Email}}</a>{{end}}
{{- if and .Email .Phone}} ·{{end}}
{{- if .Phone}} {{.Phone}}{{end}}</p>
{{end -}}
</div>
</body>
</html>
`))

// Package paths builds the console's addresses, for handlers (redirects)
// and views (links) alike, so each address is spelled in one place.
package paths

import "strconv"

// The console's sections.
const (
	Agenda         = "/admin/agenda"
	AgendaSessions = Agenda + "/sessions"
	Tracks         = Agenda + "/tracks"
	Rooms          = Agenda + "/rooms"
	Speakers       = Agenda + "/speakers"
	Registrations  = "/admin/registrations"
	Outbox         = "/admin/outbox"
	Users          = "/admin/users"
	Press          = "/admin/press"
	PressReleases  = Press + "/releases"
	PressFiles     = Press + "/files"
	MediaContacts  = Press + "/contacts"
	// PressAccreditations is the press officers' list of accreditation requests.
	PressAccreditations = Press + "/accreditations"
)

// Item is the address of the record id under a section, e.g.
// Item(Tracks, 3) is "/admin/agenda/tracks/3"; suffix ("/edit",
// "/delete") is appended when given.
func Item(section string, id int64, suffix ...string) string {
	p := section + "/" + strconv.FormatInt(id, 10)
	for _, s := range suffix {
		p += s
	}
	return p
}

// New is the form that adds a record to a section, e.g. New(Tracks).
func New(section string) string { return section + "/new" }

// Edit is the form of the record id under a section.
func Edit(section string, id int64) string { return Item(section, id, "/edit") }

// Delete is the confirmation page of the record id's deletion, and where it posts.
func Delete(section string, id int64) string { return Item(section, id, "/delete") }

// PressRelease is the editor page of a press release.
func PressRelease(id int64) string { return Item(PressReleases, id) }

// PressFile is the editor page of a press-room file.
func PressFile(id int64) string { return Item(PressFiles, id) }

// MediaContact is the editor page of a media contact.
func MediaContact(id int64) string { return Item(MediaContacts, id) }

// AgendaSession is the address of an agenda session in the editor (its
// form is at AgendaSession(id)+"/edit").
func AgendaSession(id int64) string { return Item(AgendaSessions, id) }

// Registration is a registration's page on the desk.
func Registration(id int64) string { return Item(Registrations, id) }

// OutboxMessage is one e-mail's page in the outbox.
func OutboxMessage(id int64) string { return Item(Outbox, id) }

// User is an account's page.
func User(id int64) string { return Item(Users, id) }

// PressAccreditation is where an action (accredit, refuse) on the press
// registration id is posted.
func PressAccreditation(id int64, action string) string {
	return Item(PressAccreditations, id, "/"+action)
}

// Package model holds the plain structs shared by the store, the domain
// packages, the web handlers and the views. It has no behaviour beyond small
// helpers that only read a struct's own fields.
package model

import (
	"strings"
	"time"

	"confdesk/internal/country"
	"confdesk/internal/i18n"
)

// Conference is one event run by confdesk, with the settings organisers edit.
// Dates are calendar days in the conference's own time zone; instants are UTC.
type Conference struct {
	ID           int64
	Slug         string
	Name         string
	ShortName    string
	Tagline      string
	Description  string
	Aim          string
	Organiser    string
	Supporter    string
	Programme    string
	Venue        string
	VenueAddress string
	City         string
	TimeZone     string
	StartDate    string // YYYY-MM-DD in TimeZone
	EndDate      string // YYYY-MM-DD in TimeZone
	Capacity     int
	Moderation   bool
	// ConfirmEmail makes a public registration wait until its address is
	// confirmed through a link sent to it.
	ConfirmEmail bool
	// RegistrationOpens and RegistrationCloses bound the window in which the
	// public form accepts registrations. A zero value leaves that side open.
	RegistrationOpens    time.Time
	RegistrationCloses   time.Time
	LetterSignatoryName  string
	LetterSignatoryTitle string
	LetterCosts          string
	// How people reach the organisers (public footer, every message, visa
	// letters); each may be empty.
	ContactEmail  string
	ContactPhone  string
	PostalAddress string // several lines
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// RegistrationMode is who may register: ModeOpen (anyone, on the
	// public form), ModeInvitation (only nominees, through their
	// nomination links; press accreditation stays open) or ModeBoth.
	RegistrationMode string
}

// Registration modes (Conference.RegistrationMode).
const (
	ModeOpen       = "open"
	ModeInvitation = "invitation"
	ModeBoth       = "both"
)

// PublicForm reports whether the public registration form is open to
// anyone, as opposed to nominees only.
func (c Conference) PublicForm() bool { return c.RegistrationMode != ModeInvitation }

// Image is a picture the documents print, uploaded in the settings: always
// a PNG the server encoded.
type Image struct {
	Kind          string // ImageSignature or ImageLogo
	PNG           []byte
	Width, Height int // pixels
	UpdatedAt     time.Time
}

// The pictures a conference may have.
const (
	ImageSignature = "signature" // above the signatory's name on visa letters
	ImageLogo      = "logo"      // at the top of badges
)

// ReminderRule is the conference's reminder: an e-mail Days days before
// the first day to every confirmed participant, once each.
type ReminderRule struct {
	Enabled bool
	Days    int // days before the first day (1 to MaxReminderDays)
}

// MaxReminderDays bounds the reminder rule's days (as the database does).
const MaxReminderDays = 365

// Retention is how long personal data is kept, in days after the
// conference's last day.
type Retention struct {
	PassportDays int // passport details
	PersonalDays int // every personal detail: the registration is erased
}

// Figure is one key figure shown on the home page and the fact sheet.
type Figure struct {
	ID           int64
	ConferenceID int64
	Position     int
	Value        string
	Label        string
}

// Track is a thematic strand of the agenda (prevention, protection, ...).
type Track struct {
	ID           int64
	ConferenceID int64
	Slug         string
	Name         string
	Colour       string // #rrggbb background; text on it is white
	Description  string
	Position     int
}

// Room is a place at the venue where sessions happen.
type Room struct {
	ID           int64
	ConferenceID int64
	Name         string
	Capacity     int
	Position     int
}

// Speaker is a person who speaks at, moderates or chairs a session.
type Speaker struct {
	ID           int64
	ConferenceID int64
	Name         string
	Title        string
	Organisation string
	Country      string // ISO 3166-1 alpha-2, or empty
	Bio          string
}

// Session kinds.
const (
	KindPlenary   = "plenary"
	KindPanel     = "panel"
	KindWorkshop  = "workshop"
	KindBreak     = "break"
	KindReception = "reception"
)

// SessionKinds lists the kinds in the order pickers show them.
var SessionKinds = []string{KindPlenary, KindPanel, KindWorkshop, KindBreak, KindReception}

// Session is one item of the agenda.
type Session struct {
	ID           int64
	ConferenceID int64
	TrackID      int64 // 0 when the session belongs to no track (breaks)
	RoomID       int64 // 0 when no room is set
	Kind         string
	Title        string
	Description  string
	StartsAt     time.Time // UTC
	EndsAt       time.Time // UTC
	Capacity     int       // 0: no sign-up limit
	Published    bool
	CreatedAt    time.Time
	UpdatedAt    time.Time

	// Filled by queries that join them; zero otherwise.
	Track    *Track
	Room     *Room
	Speakers []SessionSpeaker
}

// SessionDocument is a document of a session: a file stored as the press
// files are (StoredName set) or a link (URL set), public or for
// participants only.
type SessionDocument struct {
	ID           int64
	ConferenceID int64
	SessionID    int64
	Title        string
	Language     string // the document's language: en, es, fr, nl
	Visibility   string // DocumentPublic or DocumentParticipants
	URL          string // a link (a recording); "" for a file
	StoredName   string // the file's generated name; "" for a link
	OriginalName string
	ContentType  string
	Size         int64
	SHA256       string
	Position     int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Who may see a session document (SessionDocument.Visibility).
const (
	DocumentPublic       = "public"
	DocumentParticipants = "participants"
)

// IsLink reports whether the document is a link rather than a file.
func (d SessionDocument) IsLink() bool { return d.URL != "" }

// Speaker roles within a session.
const (
	RoleSpeaker   = "speaker"
	RoleModerator = "moderator"
	RoleChair     = "chair"
)

// SessionSpeaker is a speaker's part in one session.
type SessionSpeaker struct {
	Speaker
	Role string
}

// Registration statuses.
const (
	StatusPending    = "pending"
	StatusConfirmed  = "confirmed"
	StatusRejected   = "rejected"
	StatusWaitlisted = "waitlisted"
	StatusCancelled  = "cancelled"
)

// Who pays a participant's travel and stay (Registration.CostsCoveredBy).
const (
	CostsOrganiser = "organiser" // sponsored by the organisers
	CostsSelf      = "self"      // the person or their organisation
)

// Registration categories, as printed on badges.
const (
	CategoryParticipant = "participant"
	CategorySpeaker     = "speaker"
	CategoryPress       = "press"
	CategoryOrganiser   = "organiser"
	CategoryStaff       = "staff"
)

// OrgTypes lists the organisation types of the registration form, in order.
var OrgTypes = []string{"government", "ngo", "regional_institution", "international_agency", "academia", "media", "other"}

// Registration is one person's registration for a conference.
type Registration struct {
	ID               int64
	ConferenceID     int64
	Reference        string // CTC-XXXXXX, for humans
	CheckinCode      string // printed as the badge QR
	Status           string
	Category         string
	FirstName        string
	LastName         string
	BadgeName        string
	Email            string
	Phone            string
	Country          string // ISO 3166-1 alpha-2
	Organisation     string
	OrgType          string
	JobTitle         string
	Dietary          string
	Accessibility    string
	VisaLetter       bool
	PassportName     string
	Nationality      string // ISO 3166-1 alpha-2
	PassportNumber   string
	PassportExpiry   string // YYYY-MM-DD
	DateOfBirth      string // YYYY-MM-DD
	ListConsent      bool
	Outlet           string
	MediaType        string
	PressCard        string
	HeadOfDelegation bool
	// CostsCoveredBy is who pays the person's travel and stay, as their
	// visa letter states it: CostsOrganiser, CostsSelf, or "" (undecided).
	CostsCoveredBy string
	// Language is the code of the language the person registered in
	// (i18n.Lookup): every message to them speaks it.
	Language         string
	RejectionReason  string
	LetterApprovedAt time.Time
	BadgePrintedAt   time.Time
	WaitlistedAt     time.Time
	ConsentAt        time.Time
	CreatedAt        time.Time
	UpdatedAt        time.Time
	// CalendarToken opens the personal calendar feed and nothing else.
	CalendarToken string
	// Version counts the writes to the row; edit forms carry it so that a
	// save from an outdated form is refused.
	Version int64
	// PassportPurgedAt is when passport retention deleted the passport
	// details; zero while they are kept.
	PassportPurgedAt time.Time
	// ErasedAt is when the personal details were erased; zero while kept.
	ErasedAt time.Time
	// Sponsorship is the person's request that the organisers pay their
	// travel and its decision: "" (not asked), SponsorshipRequested,
	// SponsorshipGranted or SponsorshipRefused. SponsorshipReason is the
	// person's reason, SponsorshipNote the organiser's note on a refusal.
	Sponsorship          string
	SponsorshipReason    string
	SponsorshipNote      string
	SponsorshipDecidedAt time.Time
	SponsorshipDecidedBy string // the deciding organiser's e-mail address
}

// The states of a registration's sponsorship.
const (
	SponsorshipRequested = "requested"
	SponsorshipGranted   = "granted"
	SponsorshipRefused   = "refused"
)

// TravelSettings are the conference's sponsored-travel settings.
type TravelSettings struct {
	SponsorsTravel  bool
	PerDiemCents    int64  // the per-diem rate per night, in cents
	PerDiemCurrency string // ISO 4217, e.g. USD
	HotelName       string
	HotelAddress    string
	HotelRooms      int // rooms available per night in the block
	// MarginDays is how many days before the first day and after the last
	// an itinerary's hotel nights may reach.
	MarginDays int
	// Airports are the arriving airports the itinerary form offers, as
	// IATA codes ("MIA", "FLL").
	Airports []string
}

// RoomsOver is how many rooms beyond a block of block rooms a night with
// held rooms takes: 0 within it, and always 0 for a block of 0, which
// means no room block is set (nothing to hold rooms against). The
// confirmation of itineraries and the logistics page share this rule.
func RoomsOver(held, block int) int {
	if block <= 0 {
		return 0
	}
	return max(0, held-block)
}

// Itinerary is a sponsored participant's travel: flights, hotel nights and
// the airport transfer. Arrival and departure are wall-clock times
// "YYYY-MM-DDTHH:MM" in the conference's zone (as printed on the ticket
// for the arriving airport), check-in and check-out dates "YYYY-MM-DD";
// "" where not known yet.
type Itinerary struct {
	RegistrationID   int64
	ArrivalAt        string
	ArrivalFlight    string
	ArrivalAirport   string
	DepartureAt      string
	DepartureFlight  string
	DepartureAirport string
	CheckIn          string
	CheckOut         string
	Transfer         bool // needs an airport transfer
	UpdatedAt        time.Time
	UpdatedBy        string // "participant" or the organiser's e-mail address
	ConfirmedAt      time.Time
	ConfirmedBy      string
	// OverBlock: confirmed although the room block was full on one of its
	// nights, by an organiser's override.
	OverBlock bool
	Version   int64
}

// Confirmed reports whether organisers confirmed the itinerary.
func (it Itinerary) Confirmed() bool { return !it.ConfirmedAt.IsZero() }

// Nights lists the hotel nights, each as the date it begins
// ("YYYY-MM-DD"), from check-in up to the day before check-out; none
// while either date is missing or unreadable.
func (it Itinerary) Nights() []string {
	in, err1 := time.Parse(time.DateOnly, it.CheckIn)
	out, err2 := time.Parse(time.DateOnly, it.CheckOut)
	if err1 != nil || err2 != nil {
		return nil
	}
	var nights []string
	for d := in; d.Before(out); d = d.AddDate(0, 0, 1) {
		nights = append(nights, d.Format(time.DateOnly))
	}
	return nights
}

// StayNights is how many nights the person spends at the conference: from
// the arrival date to the departure date, whatever hotel they sleep in.
// The per diem is paid for these nights. Zero while either is missing.
func (it Itinerary) StayNights() int {
	in, err1 := time.Parse(time.DateOnly, datePart(it.ArrivalAt))
	out, err2 := time.Parse(time.DateOnly, datePart(it.DepartureAt))
	if err1 != nil || err2 != nil || !out.After(in) {
		return 0
	}
	return int(out.Sub(in).Hours()+12) / 24 // +12: a day with a clock change is 23 or 25 hours long
}

// datePart is the date of a wall-clock time "YYYY-MM-DDTHH:MM".
func datePart(wall string) string {
	d, _, _ := strings.Cut(wall, "T")
	return d
}

// NightCounts counts, for each hotel night, the rooms that confirmed
// itineraries hold and those that itineraries awaiting confirmation ask
// for, one room per person.
func NightCounts(ts []Traveller) (confirmed, awaiting map[string]int) {
	confirmed, awaiting = map[string]int{}, map[string]int{}
	for _, t := range ts {
		m := awaiting
		if t.Itinerary.Confirmed() {
			m = confirmed
		}
		for _, n := range t.Itinerary.Nights() {
			m[n]++
		}
	}
	return confirmed, awaiting
}

// Traveller is a sponsored registration with its itinerary, as the
// logistics page and documents list it.
type Traveller struct {
	Registration Registration
	Itinerary    Itinerary
}

// FocalPoint is the person through whom a country's government nominates
// its delegates: a ministry or a permanent mission. Their private
// nomination link opens the country's nomination page.
type FocalPoint struct {
	ID           int64
	ConferenceID int64
	Country      string // ISO 3166-1 alpha-2
	Name         string
	Title        string
	Organisation string
	Email        string
	Language     string // the language of their messages and page
	CreatedAt    time.Time
	RemovedAt    time.Time // zero while they act for the country
}

// Nomination is a delegate a focal point nominated. The nominee completes
// their own registration from their link; RegistrationID is 0 until then.
type Nomination struct {
	ID               int64
	ConferenceID     int64
	FocalPointID     int64
	Country          string
	FirstName        string
	LastName         string
	Email            string
	JobTitle         string
	Organisation     string
	HeadOfDelegation bool
	RegistrationID   int64
	CreatedAt        time.Time
	WithdrawnAt      time.Time // zero while the nomination stands
}

// FullName is the nominee's name, first name first.
func (n Nomination) FullName() string { return strings.TrimSpace(n.FirstName + " " + n.LastName) }

// Open reports whether the nomination stands and its nominee has not
// registered yet: it holds a place in the country's quota meanwhile.
func (n Nomination) Open() bool { return n.WithdrawnAt.IsZero() && n.RegistrationID == 0 }

// NominationDocument is an official nomination letter (a Note Verbale), a
// PDF kept on disk under StoredName; NominationID is 0 for one that covers
// the whole delegation.
type NominationDocument struct {
	ID           int64
	ConferenceID int64
	Country      string
	FocalPointID int64
	NominationID int64
	StoredName   string
	OriginalName string
	Size         int64
	SHA256       string
	UploadedAt   time.Time
}

// Quota dimensions: what a quota counts.
const (
	QuotaCountry = "country"  // Value is an ISO 3166-1 alpha-2 code
	QuotaOrgType = "org_type" // Value is one of OrgTypes
)

// Quota is how many participants one country, or one type of
// organisation, may send. It counts registrations of category participant
// that are confirmed or pending: speakers, organisers and staff come at
// the organisers' invitation, and press are accredited, outside any
// delegation's quota.
type Quota struct {
	Dimension string
	Value     string
	Quota     int
}

// Group names what quota q counts in l's language: the country
// ("Haïti") or the type of organisation ("Organisation non
// gouvernementale").
func (q Quota) Group(l *i18n.Locale) string {
	if q.Dimension == QuotaCountry {
		return country.LocalName(l.Tag, q.Value)
	}
	return l.T(i18n.TypeKey("register.org_type.", q.Value))
}

// QuotaUsage is a quota with the participants it counts, by status.
type QuotaUsage struct {
	Quota
	Confirmed, Pending, Waitlisted int
}

// Used is how many places of the quota are taken.
func (u QuotaUsage) Used() int { return u.Confirmed + u.Pending }

// FullName is the person's name as they typed it, first name first.
func (r Registration) FullName() string {
	if r.LastName == "" {
		return r.FirstName
	}
	return r.FirstName + " " + r.LastName
}

// User roles of the organisers' console.
const (
	UserAdmin        = "admin"
	UserOrganiser    = "organiser"
	UserCheckin      = "checkin"
	UserPressOfficer = "press_officer"
)

// UserRoles lists the roles in order of reach.
var UserRoles = []string{UserAdmin, UserOrganiser, UserCheckin, UserPressOfficer}

// User is an organiser account.
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         string
	PasswordHash string
	Active       bool
	LastLoginAt  time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
	// SessionEpoch rises whenever the account's sessions must end (password
	// set, account deactivated); a session made under an older one is void.
	SessionEpoch int64
	// TOTPSecret is the account's sealed TOTP secret (auth.Sealer), "" when
	// two-factor login is off.
	TOTPSecret string
	// TOTPLastStep is the time step of the last code accepted; a code of
	// that step or an earlier one is refused.
	TOTPLastStep int64
}

// TwoFactor reports whether the account logs in with a second factor.
func (u User) TwoFactor() bool { return u.TOTPSecret != "" }

// PressRelease is a news release of the press room; Body is Markdown.
type PressRelease struct {
	ID           int64
	ConferenceID int64
	Slug         string
	Title        string
	Dateline     string
	ReleaseDate  string // YYYY-MM-DD
	Summary      string
	Body         string
	Published    bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
	// LeadImageID is the press file shown above the text, 0 for none.
	LeadImageID int64
}

// MediaContact is a person journalists can call or write to.
type MediaContact struct {
	ID           int64
	ConferenceID int64
	Name         string
	Role         string
	Organisation string
	Phone        string
	Mobile       string
	Email        string
	Languages    string
	Position     int
}

// Outbox message states.
const (
	MailQueued = "queued"
	MailSent   = "sent"
	MailFailed = "failed" // gave up after the last retry; an organiser may retry
)

// OutboxMessage is an e-mail written in the same transaction as the change
// it reports, and delivered later by the sender.
type OutboxMessage struct {
	ID             int64
	ConferenceID   int64
	RegistrationID int64 // 0 when the message concerns no registration
	Kind           string
	ToEmail        string
	ToName         string
	Subject        string
	BodyText       string
	BodyHTML       string
	State          string
	Attempts       int
	NextAttemptAt  time.Time
	LastError      string
	CreatedAt      time.Time
	SentAt         time.Time
	// Attachments are files sent with the message, after its text.
	Attachments []Attachment
}

// Attachment is a file sent with a message.
type Attachment struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"` // e.g. "text/calendar; charset=utf-8; method=PUBLISH"
	Data        []byte `json:"data"`
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID           int64
	ConferenceID int64
	UserID       int64  // 0 for participants and the system
	Actor        string // a user's e-mail, "participant" or "system"
	Action       string // e.g. "register", "cancel", "confirm"
	Entity       string // e.g. "registration"
	EntityID     int64
	// Changes maps a field to its [old, new] values; passport numbers are masked.
	Changes   map[string][2]string
	CreatedAt time.Time
}

// Checkin is one arrival: at the door (SessionID 0) or at a session.
type Checkin struct {
	ID             int64
	RegistrationID int64
	SessionID      int64
	CheckedInAt    time.Time
	CheckedInBy    int64
	ByEmail        string // the desk user's e-mail, when joined
	UndoneAt       time.Time
}

// PressFile is a document or photo of the press room, kept on disk under a
// generated name; OriginalName is the uploader's (sanitised) name, kept only
// to name downloads.
type PressFile struct {
	ID           int64
	ConferenceID int64
	Title        string
	OriginalName string
	StoredName   string
	ContentType  string
	Size         int64
	SHA256       string // hex
	Caption      string
	Credit       string
	Description  string
	Published    bool
	// Downloads counts the file's downloads from the public press room; read only.
	Downloads int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Statuses lists the registration statuses in the order of a registration's life.
var Statuses = []string{StatusPending, StatusConfirmed, StatusWaitlisted, StatusRejected, StatusCancelled}

// Categories lists the registration categories in the order badges and pickers show them.
var Categories = []string{CategoryParticipant, CategorySpeaker, CategoryPress, CategoryOrganiser, CategoryStaff}

// MailStates lists the outbox states.
var MailStates = []string{MailQueued, MailSent, MailFailed}

// Purposes of an EmailToken: what following the link does.
const (
	TokenRegister    = "register"     // confirms a new address, then registers the form kept with it
	TokenSignIn      = "signin"       // gives an existing registration a new self-service link
	TokenEmailChange = "email_change" // moves a registration to the address the link was sent to
)

// EmailToken is a single-use, expiring link sent by e-mail that acts only
// when its owner follows it. Only the token's hash is stored.
type EmailToken struct {
	ID             int64
	ConferenceID   int64
	Purpose        string
	EmailKey       string // the address the link went to, trimmed and lower case
	RegistrationID int64  // signin, email_change
	FormKind       string // register: "participant" or "press"
	Form           string // register: the submitted form as JSON
	NewEmail       string // email_change: the new address as typed
	CreatedAt      time.Time
	ExpiresAt      time.Time
}

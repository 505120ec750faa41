package admin

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/country"
	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/registration"
	"confdesk/internal/store"
	"confdesk/views"
	"confdesk/views/public"
)

// StatusLabels name the registration statuses for organisers.
var StatusLabels = map[string]string{
	model.StatusPending:    "Pending",
	model.StatusConfirmed:  "Confirmed",
	model.StatusWaitlisted: "Waitlisted",
	model.StatusRejected:   "Rejected",
	model.StatusCancelled:  "Cancelled",
}

// CategoryLabels name the registration categories.
var CategoryLabels = map[string]string{
	model.CategoryParticipant: "Participant",
	model.CategorySpeaker:     "Speaker",
	model.CategoryPress:       "Press",
	model.CategoryOrganiser:   "Organiser",
	model.CategoryStaff:       "Staff",
}

// actionLabels name the status actions on their buttons.
var actionLabels = map[string]string{
	registration.ActionConfirm:  "Confirm",
	registration.ActionPromote:  "Promote from the waiting list",
	registration.ActionAccredit: "Accredit",
	registration.ActionWaitlist: "Put on the waiting list",
	registration.ActionReject:   "Reject",
	registration.ActionCancel:   "Cancel registration",
}

// historyLabels say what an audit line of a registration records.
var historyLabels = map[string]string{
	"register":           "Registered",
	"resend_link":        "Registered again: a new link was sent",
	"register_again":     "Registered again after cancelling",
	"update":             "Details changed",
	"confirm":            "Confirmed",
	"promote":            "Promoted from the waiting list",
	"accredit":           "Accredited",
	"waitlist":           "Put on the waiting list",
	"reject":             "Rejected",
	"status_cancelled":   "Cancelled",
	"status_confirmed":   "Confirmed (a place became free)",
	"status_pending":     "Moved up from the waiting list, for review",
	"head_of_delegation": "Head of delegation changed",
	"approve_letter":     "Visa letter approved",
	"choose_sessions":    "Agenda changed",
	"lose_sessions":      "Sessions dropped: others took the places while not confirmed",
	"request_erasure":    "The person asked for erasure when cancelling",
	"erase":              "Personal data erased",
}

func label(labels map[string]string, key string) string {
	if l, ok := labels[key]; ok {
		return l
	}
	return key
}

func statusLabel(s string) string   { return label(StatusLabels, s) }
func categoryLabel(s string) string { return label(CategoryLabels, s) }
func orgTypeLabel(s string) string  { return label(public.OrgTypeLabels, s) }
func historyLabel(s string) string  { return label(historyLabels, s) }

// shortDate is an instant's day in the conference's zone, compact for tables.
func shortDate(c model.Conference, t time.Time) string {
	return t.In(c.Location()).Format("2 Jan 2006")
}

// letterOptions are the visa letter filter's choices.
var letterOptions = []views.Option{
	{Value: store.LetterRequested, Label: "Requested, not approved yet"},
	{Value: store.LetterApproved, Label: "Approved"},
}

// checkedInOptions are the check-in filter's choices (desk and announcements).
var checkedInOptions = []views.Option{
	{Value: store.CheckedInYes, Label: "Checked in"},
	{Value: store.CheckedInNo, Label: "Not checked in"},
}

// credentialsOptions are the credentials filter's choices (desk and announcements).
var credentialsOptions = []views.Option{
	{Value: store.CredentialsMissing, Label: "Missing (participants without a nomination letter)"},
	{Value: store.CredentialsReceived, Label: "Received (a nomination letter covers them)"},
}

// sponsoredOptions are the sponsored-travel filter's choices (desk and announcements).
var sponsoredOptions = []views.Option{
	{Value: store.SponsoredYes, Label: "Sponsored (granted)"},
	{Value: store.SponsoredNo, Label: "Not sponsored"},
	{Value: store.SponsoredRequested, Label: "Asked, awaiting a decision"},
}

// shortTime is an instant in the conference's zone, compact for tables.
func shortTime(c model.Conference, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(c.Location()).Format("2 Jan 2006 15:04")
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func id(n int64) string { return strconv.FormatInt(n, 10) }
func countryName(c string) string {
	if n := country.Name(c); n != "" {
		return n
	}
	return c
}

// registrationPath is a registration's page in the console.
func registrationPath(r model.Registration) string { return paths.Registration(r.ID) }

// listURL is the registrations list with f's parameters.
func listURL(f store.RegistrationFilter) string {
	if q := f.Query(); q != "" {
		return paths.Registrations + "?" + q
	}
	return paths.Registrations
}

// RegistrationsView is the registrations list.
type RegistrationsView struct {
	Filter store.RegistrationFilter
	List   store.RegistrationList
	// Counts holds the conference's registrations by status, unfiltered.
	Counts map[string]int
	// Countries are the codes registrations come from, for the filter.
	Countries []string
	Taken     int // places taken, for the capacity line
}

// Total is the number of registrations of every status.
func (v RegistrationsView) Total() int {
	n := 0
	for _, c := range v.Counts {
		n += c
	}
	return n
}

func (v RegistrationsView) statusURL(status string) string {
	f := v.Filter
	f.Status, f.Page = status, 1
	return listURL(f)
}

// sortHeader is one sortable column heading.
type sortHeader struct {
	Label, Key string
}

var sortHeaders = map[string]sortHeader{
	"name":         {"Name", "last_name"},
	"organisation": {"Organisation", "organisation"},
	"country":      {"Country", "country"},
	"status":       {"Status", "status"},
	"created":      {"Registered", "created"},
}

// sortURL is where a column heading leads: sorted by its column, or the
// other way round when it is sorted by it already. The registration date
// starts newest first.
func (v RegistrationsView) sortURL(col string) string {
	key := sortHeaders[col].Key
	cur := v.Filter.SortKey()
	switch {
	case cur == key:
		key = "-" + key
	case cur == "-"+key:
	case key == "created":
		key = "-created"
	}
	return listURL(v.Filter.WithSort(key))
}

// ariaSort is the heading's aria-sort value: "ascending", "descending" or "".
func (v RegistrationsView) ariaSort(col string) string {
	switch v.Filter.SortKey() {
	case sortHeaders[col].Key:
		return "ascending"
	case "-" + sortHeaders[col].Key:
		return "descending"
	}
	return ""
}

// sortOptions are the orders the filter form offers.
var sortOptions = []views.Option{
	{Value: "-created", Label: "Newest first"},
	{Value: "created", Label: "Oldest first"},
	{Value: "last_name", Label: "Last name, A–Z"},
	{Value: "-last_name", Label: "Last name, Z–A"},
	{Value: "country", Label: "Country"},
	{Value: "organisation", Label: "Organisation"},
	{Value: "status", Label: "Status"},
}

func options(values []string, labels map[string]string) []views.Option {
	out := make([]views.Option, 0, len(values))
	for _, v := range values {
		out = append(out, views.Option{Value: v, Label: label(labels, v)})
	}
	return out
}

// countryOptions are the countries present (and the chosen one), by name.
func (v RegistrationsView) countryOptions() []views.Option {
	codes := slices.Clone(v.Countries)
	if v.Filter.Country != "" && !slices.Contains(codes, v.Filter.Country) {
		codes = append(codes, v.Filter.Country)
	}
	out := make([]views.Option, 0, len(codes))
	for _, c := range codes {
		out = append(out, views.Option{Value: c, Label: countryName(c)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}

// pageURL is the list on page n, every other parameter kept.
func (v RegistrationsView) pageURL(n int) string { return listURL(v.Filter.WithPage(n)) }

// RegistrationDetail is one registration's page.
type RegistrationDetail struct {
	Registration     model.Registration
	WaitlistPosition int
	Taken            int // places taken now
	History          []model.AuditEntry
	Messages         []model.OutboxMessage
	// Problem is why the last action was refused, shown at the top.
	Problem string
	// ReasonError is set when a rejection came without a usable reason; the
	// reject form is then open with the message beside the field.
	ReasonError string
	Reason      string
	// Attended is set once the person was checked in; LetterReady once their letter may be printed.
	Attended    bool
	LetterReady bool
	// LetterVerified is how often the registration's letters were checked
	// at /verify/CODE (every version together), and LetterVerifiedAt when last.
	LetterVerified   int
	LetterVerifiedAt time.Time
	// CanErase offers the erasure form (admins only); EraseError is why
	// the last erasure was refused, Confirm what was typed then.
	CanErase            bool
	EraseError, Confirm string
	// Itinerary is the sponsored travel's itinerary section.
	Itinerary ItineraryDetail
	// Credentials is whether a nomination letter covers the registration
	// (nil: not shown, e.g. a journalist in an open conference).
	Credentials *Credentials
}

// letterApprovedBy is who approved the visa letter, from the history.
func (d RegistrationDetail) letterApprovedBy() string {
	for _, e := range d.History {
		if e.Action == "approve_letter" {
			return e.Actor
		}
	}
	return ""
}

func (d RegistrationDetail) has(action string) bool {
	return slices.Contains(registration.Available(d.Registration), action)
}

func (d RegistrationDetail) takesPlace(action string) bool {
	return registration.TakesPlace(d.Registration, action)
}

// historyChange is one changed field of an audit line, for display.
type historyChange struct{ Field, Old, New string }

// changes lists an audit line's changed fields in name order.
func changes(e model.AuditEntry) []historyChange {
	out := make([]historyChange, 0, len(e.Changes))
	for f, c := range e.Changes {
		out = append(out, historyChange{Field: strings.ReplaceAll(f, "_", " "), Old: c[0], New: c[1]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// RegistrationEdit is the organiser's edit form.
type RegistrationEdit struct {
	Registration model.Registration
	Form         registration.Form
	Category     string
	Errors       model.FieldErrors
	// Notice is shown above the form, e.g. when someone else saved meanwhile.
	Notice string
}

func (e RegistrationEdit) field(name, label string) views.Field {
	return views.Field{Name: name, Label: label, Error: e.Errors.Get(name)}
}

func with(f views.Field, value string, required bool, max int, hint string) views.Field {
	f.Value, f.Required, f.MaxLength, f.Hint = value, required, max, hint
	return f
}

func withType(f views.Field, typ string) views.Field {
	f.Type = typ
	return f
}

func countryGroups() []views.OptionGroup {
	conv := func(cs []country.Country) []views.Option {
		out := make([]views.Option, 0, len(cs))
		for _, c := range cs {
			out = append(out, views.Option{Value: c.Code, Label: c.Name})
		}
		return out
	}
	return []views.OptionGroup{
		{Label: "Caribbean", Options: conv(country.Caribbean())},
		{Label: "All other countries", Options: conv(country.Others())},
	}
}

// DelegationsView is the delegations page.
type DelegationsView struct {
	By          string // registration.ByCountry or registration.ByOrganisation
	Delegations []registration.Delegation
	// Quotas are the countries' quotas by ISO code (model.QuotaCountry).
	Quotas map[string]model.QuotaUsage
	// FocalPoints are the acting focal points by country code, and
	// FocalPoint the "Add a focal point" form (focal_points.go).
	FocalPoints map[string][]model.FocalPoint
	FocalPoint  FocalPointFormView
	// Letters are the nomination letters received (delegation_letters.templ).
	Letters NominationLettersView
}

// quotaLine says how much of a country's quota is taken, or "" without one.
func (v DelegationsView) quotaLine(code string) (string, bool) {
	q, ok := v.Quotas[code]
	if !ok {
		return "", false
	}
	line := fmt.Sprintf("Quota %d participants: %d taken", q.Quota.Quota, q.Used())
	switch {
	case q.Used() > q.Quota.Quota:
		line += fmt.Sprintf(", %d over", q.Used()-q.Quota.Quota)
	case q.Used() == q.Quota.Quota:
		line += ", full"
	}
	if q.Waitlisted > 0 {
		line += fmt.Sprintf("; %d waiting", q.Waitlisted)
	}
	return line + ".", q.Used() >= q.Quota.Quota
}

// Members counts the people in every delegation.
func (v DelegationsView) Members() int {
	n := 0
	for _, d := range v.Delegations {
		n += len(d.Members)
	}
	return n
}

// delegationStatuses are the statuses a delegation's members can have.
var delegationStatuses = []string{model.StatusConfirmed, model.StatusPending, model.StatusWaitlisted}

// OutboxView is the outbox page.
type OutboxView struct {
	State    string // "" for all
	Messages []model.OutboxMessage
	Counts   map[string]int
	Total    int // messages in State
	Page     int
	PerPage  int
	// SMTPConfigured is false when no mail leaves the outbox.
	SMTPConfigured bool
}

// Pages is the number of pages (at least 1).
func (v OutboxView) Pages() int { return max(1, (v.Total+v.PerPage-1)/v.PerPage) }

func (v OutboxView) pageURL(n int) string {
	q := []string{}
	if v.State != "" {
		q = append(q, "state="+v.State)
	}
	if n > 1 {
		q = append(q, "page="+itoa(n))
	}
	if len(q) == 0 {
		return paths.Outbox
	}
	return paths.Outbox + "?" + strings.Join(q, "&")
}

// first and last are the positions of the page's messages, from 1.
func (v OutboxView) first() int {
	if len(v.Messages) == 0 {
		return 0
	}
	return (v.Page-1)*v.PerPage + 1
}

func (v OutboxView) last() int { return (v.Page-1)*v.PerPage + len(v.Messages) }

func (v OutboxView) allCount() int {
	n := 0
	for _, c := range v.Counts {
		n += c
	}
	return n
}

// mailStateLabels name the outbox states.
var mailStateLabels = map[string]string{
	model.MailQueued: "Queued",
	model.MailSent:   "Sent",
	model.MailFailed: "Failed",
}

func mailStateLabel(s string) string { return label(mailStateLabels, s) }

// retryable reports whether a message may be put back in the queue.
func retryable(m model.OutboxMessage) bool { return m.State != model.MailSent }

// OutboxMessageView is one message's page.
type OutboxMessageView struct {
	Message        model.OutboxMessage
	SMTPConfigured bool
}

func orgTypeOptions() []views.Option { return options(model.OrgTypes, public.OrgTypeLabels) }

// languageOptions are the languages a registration's messages can be
// written in, named in English and in themselves: "Spanish (Español)".
func languageOptions() []views.Option {
	out := make([]views.Option, len(i18n.Languages))
	for i, l := range i18n.Languages {
		out[i] = views.Option{Value: l.Code, Label: LanguageName(l.Code)}
	}
	return out
}

// letterVerifiedLine says how often a registration's letter was verified
// and when last: "3 times, last 4 March 2027 14:05".
func letterVerifiedLine(ctx context.Context, c model.Conference, n int, last time.Time) string {
	times := "once"
	if n != 1 {
		times = strconv.Itoa(n) + " times"
	}
	if last.IsZero() {
		return times
	}
	return times + ", last " + views.LocalDateTime(ctx, c, last)
}

// Package privacy gathers what confdesk holds about one person, for their
// "Download my data" file (GET /registration/TOKEN/data.json, and the same
// file from the organisers' registration page).
//
// The file holds every field of the registration (passport details
// included: they are the person's own), every message written to them
// with its kind, subject, dates and state but not its body (bodies hold
// self-service links and other people are never in them, yet a link in a
// downloaded file outlives its purpose), their check-ins, the sessions
// they chose, the audit entries about them with each staff member named
// by role only, their itinerary and the visa letters issued to them (what
// a consulate's verification shows, and how often it was verified). Nothing about any other registration is read.
package privacy

import (
	"context"
	"errors"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/store"
)

// Data is the file, in the order people read it.
type Data struct {
	Conference   string                  `json:"conference"`
	Exported     string                  `json:"exported_at"`
	Registration Registration            `json:"registration"`
	Messages     []Message               `json:"messages"`
	Checkins     []store.PersonalCheckin `json:"checkins"`
	Sessions     []store.PersonalSession `json:"sessions"`
	History      []store.PersonalHistory `json:"history"`
	// Itinerary is the sponsored travel's itinerary; absent when none was entered.
	Itinerary *Itinerary `json:"itinerary,omitempty"`
	// Letters are the visa letters issued, with what a consulate's
	// verification shows of each and how often it was verified.
	Letters []Letter `json:"visa_letters"`
}

// Letter is one issued visa letter as its verification page knows it.
type Letter struct {
	IssuedAt        string `json:"issued_at"`
	PassportName    string `json:"passport_name"`
	Nationality     string `json:"nationality"`
	PassportLast3   string `json:"passport_number_last_3"`
	InvitedFrom     string `json:"invited_from"`
	InvitedUntil    string `json:"invited_until"`
	Valid           bool   `json:"valid"`
	WithdrawnAt     string `json:"withdrawn_at,omitempty"`
	WithdrawnReason string `json:"withdrawn_reason,omitempty"`
	Verifications   int    `json:"times_verified"`
	LastVerifiedAt  string `json:"last_verified_at,omitempty"`
}

// Itinerary is a sponsored participant's itinerary as stored: times are
// wall-clock times in the conference's zone.
type Itinerary struct {
	TimeZone         string `json:"time_zone"`
	ArrivalAt        string `json:"arrival_at"`
	ArrivalFlight    string `json:"arrival_flight"`
	ArrivalAirport   string `json:"arrival_airport"`
	DepartureAt      string `json:"departure_at"`
	DepartureFlight  string `json:"departure_flight"`
	DepartureAirport string `json:"departure_airport"`
	CheckIn          string `json:"hotel_check_in"`
	CheckOut         string `json:"hotel_check_out"`
	Transfer         bool   `json:"airport_transfer"`
	UpdatedAt        string `json:"updated_at"`
	ConfirmedAt      string `json:"confirmed_at,omitempty"`
}

// Registration is every stored field of one registration.
type Registration struct {
	Reference         string `json:"reference"`
	Status            string `json:"status"`
	Category          string `json:"category"`
	FirstName         string `json:"first_name"`
	LastName          string `json:"last_name"`
	BadgeName         string `json:"badge_name"`
	Email             string `json:"email"`
	Phone             string `json:"phone"`
	Country           string `json:"country"`
	Organisation      string `json:"organisation"`
	OrgType           string `json:"organisation_type"`
	JobTitle          string `json:"job_title"`
	Dietary           string `json:"dietary_needs"`
	Accessibility     string `json:"access_needs"`
	VisaLetter        bool   `json:"visa_letter_requested"`
	PassportName      string `json:"passport_name"`
	Nationality       string `json:"nationality"`
	PassportNumber    string `json:"passport_number"`
	PassportExpiry    string `json:"passport_expiry"`
	DateOfBirth       string `json:"date_of_birth"`
	LetterApprovedAt  string `json:"letter_approved_at,omitempty"`
	PassportDeletedAt string `json:"passport_deleted_at,omitempty"`
	ListConsent       bool   `json:"list_of_participants_consent"`
	Outlet            string `json:"outlet,omitempty"`
	MediaType         string `json:"media_type,omitempty"`
	PressCard         string `json:"press_card,omitempty"`
	HeadOfDelegation  bool   `json:"head_of_delegation"`
	RejectionReason   string `json:"rejection_reason,omitempty"`
	BadgePrintedAt    string `json:"badge_printed_at,omitempty"`
	ConsentAt         string `json:"consent_at"`
	CreatedAt         string `json:"created_at"`
	UpdatedAt         string `json:"updated_at"`
	// Sponsored travel: the request, its reason, the decision and its note.
	Sponsorship          string `json:"sponsored_travel,omitempty"`
	SponsorshipReason    string `json:"sponsored_travel_reason,omitempty"`
	SponsorshipNote      string `json:"sponsored_travel_note,omitempty"`
	SponsorshipDecidedAt string `json:"sponsored_travel_decided_at,omitempty"`
}

// Message is one e-mail written to the person, without its body.
type Message struct {
	Kind    string `json:"kind"`
	Subject string `json:"subject"`
	Written string `json:"written_at"`
	Sent    string `json:"sent_at,omitempty"`
	State   string `json:"state"`
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// Export gathers everything held about r.
func Export(ctx context.Context, st *store.Store, conf model.Conference, r model.Registration, now time.Time) (Data, error) {
	d := Data{Conference: conf.Name, Exported: stamp(now), Registration: Registration{
		Reference: r.Reference, Status: r.Status, Category: r.Category, FirstName: r.FirstName, LastName: r.LastName,
		BadgeName: r.BadgeName, Email: r.Email, Phone: r.Phone, Country: r.Country, Organisation: r.Organisation,
		OrgType: r.OrgType, JobTitle: r.JobTitle, Dietary: r.Dietary, Accessibility: r.Accessibility,
		VisaLetter: r.VisaLetter, PassportName: r.PassportName, Nationality: r.Nationality,
		PassportNumber: r.PassportNumber, PassportExpiry: r.PassportExpiry, DateOfBirth: r.DateOfBirth,
		LetterApprovedAt: stamp(r.LetterApprovedAt), PassportDeletedAt: stamp(r.PassportPurgedAt),
		ListConsent: r.ListConsent, Outlet: r.Outlet, MediaType: r.MediaType, PressCard: r.PressCard,
		HeadOfDelegation: r.HeadOfDelegation, RejectionReason: r.RejectionReason,
		BadgePrintedAt: stamp(r.BadgePrintedAt), ConsentAt: stamp(r.ConsentAt), CreatedAt: stamp(r.CreatedAt),
		UpdatedAt: stamp(r.UpdatedAt), Sponsorship: r.Sponsorship, SponsorshipReason: r.SponsorshipReason,
		SponsorshipNote: r.SponsorshipNote, SponsorshipDecidedAt: stamp(r.SponsorshipDecidedAt),
	}, Messages: []Message{}, Letters: []Letter{}}
	msgs, err := st.MailForRegistration(ctx, r.ID)
	if err != nil {
		return d, err
	}
	for _, m := range msgs {
		d.Messages = append(d.Messages, Message{Kind: m.Kind, Subject: m.Subject, Written: stamp(m.CreatedAt),
			Sent: stamp(m.SentAt), State: m.State})
	}
	if d.Checkins, err = st.PersonalCheckins(ctx, r.ID); err != nil {
		return d, err
	}
	if d.Sessions, err = st.PersonalSessions(ctx, r.ID); err != nil {
		return d, err
	}
	if d.History, err = st.PersonalHistory(ctx, r.ID); err != nil {
		return d, err
	}
	letters, err := st.VisaLetters(ctx, r.ID)
	if err != nil {
		return d, err
	}
	for _, l := range letters {
		d.Letters = append(d.Letters, Letter{IssuedAt: stamp(l.IssuedAt), PassportName: l.PassportName,
			Nationality: l.Nationality, PassportLast3: l.PassportLast3, InvitedFrom: l.InvitedFrom,
			InvitedUntil: l.InvitedUntil, Valid: l.Valid(), WithdrawnAt: stamp(l.WithdrawnAt),
			WithdrawnReason: l.WithdrawnReason, Verifications: l.VerifyCount, LastVerifiedAt: stamp(l.LastVerifiedAt)})
	}
	switch it, err := st.Itinerary(ctx, r.ID); {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return d, err
	default:
		d.Itinerary = &Itinerary{TimeZone: conf.TimeZone, ArrivalAt: it.ArrivalAt, ArrivalFlight: it.ArrivalFlight,
			ArrivalAirport: it.ArrivalAirport, DepartureAt: it.DepartureAt, DepartureFlight: it.DepartureFlight,
			DepartureAirport: it.DepartureAirport, CheckIn: it.CheckIn, CheckOut: it.CheckOut, Transfer: it.Transfer,
			UpdatedAt: stamp(it.UpdatedAt), ConfirmedAt: stamp(it.ConfirmedAt)}
	}
	return d, nil
}

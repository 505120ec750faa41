package registration

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// ErrClosed is returned when the registration window is not open.
var ErrClosed = errors.New("registration: the registration window is not open")

// ErrNotCancellable is returned when a registration is already cancelled or rejected.
var ErrNotCancellable = errors.New("registration: already cancelled or rejected")

// Service carries out registrations. Every change — a new registration, an
// edit, a cancellation and the promotion it causes — happens in one write
// transaction together with its e-mail in the outbox and its audit line:
// all of it or none of it.
type Service struct {
	Store   *store.Store
	BaseURL string // absolute root for the self-service links in e-mails
	Now     func() time.Time
	// Notify wakes the mail sender after a commit that queued mail; nil when no sender runs.
	Notify func()
}

// Actor is who makes a change, for the audit log.
type Actor struct {
	UserID int64
	Name   string // a user's e-mail, or "participant"
}

// ParticipantActor is the person acting on their own registration.
var ParticipantActor = Actor{Name: "participant"}

// Outcome is the result of a submission.
type Outcome struct {
	Registration model.Registration
	// Token is the new self-service token; "" for a duplicate, whose new
	// link goes only to the address already registered.
	Token            string
	Duplicate        bool
	WaitlistPosition int
	// Sent: the conference confirms addresses, so nothing was registered
	// yet and a link went (or, within MailInterval of the last one, did not
	// go) to the address. Set for new and known addresses alike.
	Sent bool
}

// ManageURL is the absolute self-service link for token.
func (s *Service) ManageURL(token string) string { return s.BaseURL + "/registration/" + token }

func (s *Service) notify() {
	if s.Notify != nil {
		s.Notify()
	}
}

// Register validates f and, when it is valid and the window open, stores
// the registration with its status: pending for press and under moderation,
// else confirmed while places remain and nobody waits, else waitlisted.
// Everything that decides the status (the window, capacity, moderation,
// the places taken, the waiting list) is read inside the IMMEDIATE
// transaction that inserts, not taken from c: concurrent submissions cannot
// overbook, and a settings save, which waits for the same single writer,
// governs every registration that commits after it. An e-mail already
// registered gets no second registration: its owner is mailed a new link
// instead (Outcome.Duplicate); a cancelled registration comes back
// (registerAgain), its new link likewise mailed only.
//
// With the conference's ConfirmEmail on, nothing is registered yet: the
// address is mailed a link (see mailLink) and Outcome.Sent is set, whatever
// the address, so that the answer tells nobody who is registered.
func (s *Service) Register(ctx context.Context, c model.Conference, f Form, kind Kind) (Outcome, model.FieldErrors, error) {
	now := s.Now()
	f = f.Normalised()
	if f.Sponsorship {
		// Only a participant of a conference that sponsors travel may ask.
		travel, err := s.Store.TravelSettings(ctx, c.ID)
		if err != nil {
			return Outcome{}, nil, err
		}
		if kind != Participant || !travel.SponsorsTravel {
			f.Sponsorship, f.SponsorshipReason = false, ""
		}
	}
	r, errs := f.Validate(c, kind, false, now)
	if len(errs) > 0 {
		return Outcome{}, errs, nil
	}
	var out Outcome
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		c, err := tx.Conference(c.ID)
		if err != nil {
			return err
		}
		active, err := tx.ActiveCount(c.ID)
		if err != nil {
			return err
		}
		if !WindowAt(c, active, now).Accepting() {
			return ErrClosed
		}
		if c.ConfirmEmail {
			out = Outcome{Sent: true}
			return s.mailLink(tx, c, f, kind, r, now)
		}
		existing, err := tx.RegistrationByEmail(c.ID, r.Email)
		switch {
		case err == nil && existing.Status == model.StatusCancelled:
			// Its new link goes to the address only, as for any known
			// address: the form's answer shows no one's registration.
			again, err := s.registerAgain(tx, c, existing, r, kind, active, now, false)
			out = Outcome{Registration: again.Registration, Duplicate: true, WaitlistPosition: again.WaitlistPosition}
			return err
		case err == nil:
			out = Outcome{Registration: existing, Duplicate: true}
			return s.resendLink(tx, c, existing, now)
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		out, err = s.place(tx, c, r, kind, active, now, false)
		return err
	})
	if err != nil {
		return Outcome{}, nil, err
	}
	s.notify()
	return out, nil, nil
}

// place stores a new registration r (validated, its address not yet
// registered) with the status capacity and moderation give it, mails it
// its link and writes the audit line, inside tx. active is the places taken,
// as tx sees them. confirmedAddress records that the registration came
// through a confirmation link.
func (s *Service) place(tx *store.Tx, c model.Conference, r model.Registration, kind Kind, active int, now time.Time, confirmedAddress bool) (Outcome, error) {
	r.ConferenceID, r.ConsentAt, r.CreatedAt, r.UpdatedAt = c.ID, now, now, now
	var err error
	if r.Status, err = statusFor(tx, c, kind, active, r); err != nil {
		return Outcome{}, err
	}
	if r.Status == model.StatusWaitlisted {
		r.WaitlistedAt = now
	}
	token := NewManageToken()
	if r.ID, err = insertWithFreshCodes(tx, &r, HashToken(token)); err != nil {
		return Outcome{}, err
	}
	r.Version = 1
	out := Outcome{Registration: r, Token: token}
	var queue *model.Quota
	if r.Status == model.StatusWaitlisted {
		if out.WaitlistPosition, err = joinedPosition(tx, c.ID, r.ID); err != nil {
			return Outcome{}, err
		}
		if queue, err = waitlistQueue(tx, r); err != nil {
			return Outcome{}, err
		}
	}
	if err := s.enqueue(tx, welcomeKind(r), mail.Data{Conference: c, Registration: r, ManageURL: s.ManageURL(token),
		WaitlistPosition: out.WaitlistPosition, WaitlistQuota: queue}, now); err != nil {
		return Outcome{}, err
	}
	changes := map[string][2]string{"status": {"", r.Status}, "category": {"", r.Category}}
	if confirmedAddress {
		changes["email_confirmed"] = [2]string{"", "yes"}
	}
	return out, tx.Audit(model.AuditEntry{ConferenceID: c.ID, Actor: ParticipantActor.Name, Action: "register",
		Entity: "registration", EntityID: r.ID, CreatedAt: now, Changes: changes})
}

// statusFor is the status registration r of kind joins with, active
// places taken as tx sees them: pending for press; beyond a full quota of
// its country or organisation type, waitlisted in that quota's queue
// (pending under moderation, for the organisers to decide); else pending
// under moderation and confirmed without it while places remain, else
// waitlisted. A newcomer never overtakes the waiting list: a place free
// while someone waits for one is theirs (promotion, or an organiser's
// choice); those waiting for a full quota do not wait for that place.
func statusFor(tx *store.Tx, c model.Conference, kind Kind, active int, r model.Registration) (string, error) {
	if kind == Press {
		return model.StatusPending, nil
	}
	waiting, err := tx.WaitingForPlace(c.ID)
	if err != nil {
		return "", err
	}
	room := active < c.Capacity && waiting == 0
	if r.Category == model.CategoryParticipant {
		if _, full, err := tx.FullQuota(c.ID, r.Country, r.OrgType); err != nil || full {
			if c.Moderation && room {
				return model.StatusPending, err
			}
			return model.StatusWaitlisted, err
		}
	}
	switch {
	case c.Moderation && room:
		return model.StatusPending, nil
	case room:
		return model.StatusConfirmed, nil
	}
	return model.StatusWaitlisted, nil
}

// waitlistQueue is the quota whose queue waitlisted registration r (as
// stored in tx) waits in, for its e-mail; nil when it waits for a place.
func waitlistQueue(tx *store.Tx, r model.Registration) (*model.Quota, error) {
	q, ok, err := tx.WaitlistQueue(r)
	if err != nil || !ok {
		return nil, err
	}
	return &q, nil
}

// joinedPosition is the waiting-list position of registration id, which
// has just joined the list. Without quotas it joined last (waitlisted now,
// with the newest id), so its position is the list's length, read without
// counting; with quotas it is counted in its own queue.
func joinedPosition(tx *store.Tx, conferenceID, id int64) (int, error) {
	if has, err := tx.HasQuotas(conferenceID); err != nil || has {
		if err != nil {
			return 0, err
		}
		return tx.WaitlistPosition(id)
	}
	return tx.WaitlistLength(conferenceID)
}

// welcomeKind is the message a registration gets on joining with its status.
func welcomeKind(r model.Registration) string {
	if r.Category == model.CategoryPress {
		return mail.KindReceived
	}
	return map[string]string{model.StatusConfirmed: mail.KindConfirmed, model.StatusPending: mail.KindPending,
		model.StatusWaitlisted: mail.KindWaitlisted}[r.Status]
}

// ActionRegisterAgain is the history's name for a cancelled registration
// brought back by its owner registering again.
const ActionRegisterAgain = "register_again"

// registerAgain brings back cancelled registration cur when its address
// registers again, with the details of the new submission r, inside tx.
//
// The registration comes back rather than a new one being made: its
// reference (which the person and the organisers quote) stays, its
// history reads on from the cancellation, its delegation follows the new
// details, and the e-mail stays unique. It joins as a newcomer does
// (statusFor: capacity, moderation, the waiting list at its back), its
// workshop sign-ups keep only the places still free (settle), it gets a
// new self-service link and the message a new registration gets. The
// check-in code stays: the badge printed for it was printed for the owner
// of the address, who is the one coming back, and a cancelled code opens
// nothing in between. The new consent replaces the old, and an erasure
// its owner asked for on leaving is withdrawn by coming back.
func (s *Service) registerAgain(tx *store.Tx, c model.Conference, cur, r model.Registration, kind Kind, active int, now time.Time, confirmedAddress bool) (Outcome, error) {
	status, err := statusFor(tx, c, kind, active, r)
	if err != nil {
		return Outcome{}, err
	}
	updated := withDetails(cur, r)
	updated.Category, updated.ConsentAt, updated.UpdatedAt = r.Category, now, now
	changes := Diff(cur, updated)
	changes["status"] = [2]string{cur.Status, status}
	if confirmedAddress {
		changes["email_confirmed"] = [2]string{"", "yes"}
	}
	if updated.Category != cur.Category {
		if err := tx.SetRegistrationCategory(cur.ID, updated.Category, now); err != nil {
			return Outcome{}, err
		}
	}
	if err := tx.UpdateRegistrationDetails(updated, now); err != nil {
		return Outcome{}, err
	}
	if err := tx.RenewConsent(cur.ID, now); err != nil {
		return Outcome{}, err
	}
	// Its messages now speak the language of the form filled in again.
	if r.Language != "" && r.Language != cur.Language {
		updated.Language = r.Language
		changes["language"] = [2]string{cur.Language, r.Language}
		if err := tx.SetRegistrationLanguage(cur.ID, r.Language, now); err != nil {
			return Outcome{}, err
		}
	}
	// A new request for sponsored travel is decided afresh; a grant stands.
	if r.Sponsorship == model.SponsorshipRequested && cur.Sponsorship != model.SponsorshipGranted {
		changes["sponsorship"] = [2]string{cur.Sponsorship, r.Sponsorship}
		if err := tx.SetSponsorshipRequest(cur.ID, r.SponsorshipReason, now); err != nil {
			return Outcome{}, err
		}
	}
	if err := tx.SetRegistrationStatus(cur.ID, status, now); err != nil {
		return Outcome{}, err
	}
	lost, err := s.settle(tx, c, cur, status, changes, ParticipantActor, now)
	if err != nil {
		return Outcome{}, err
	}
	token := NewManageToken()
	if err := tx.SetManageTokenHash(cur.ID, HashToken(token), now); err != nil {
		return Outcome{}, err
	}
	updated.Status = status
	out := Outcome{Registration: updated, Token: token}
	var queue *model.Quota
	if status == model.StatusWaitlisted {
		if out.WaitlistPosition, err = tx.WaitlistPosition(cur.ID); err != nil {
			return Outcome{}, err
		}
		if queue, err = waitlistQueue(tx, updated); err != nil {
			return Outcome{}, err
		}
	}
	if err := s.enqueue(tx, welcomeKind(updated), mail.Data{Conference: c, Registration: updated, ManageURL: s.ManageURL(token),
		WaitlistPosition: out.WaitlistPosition, WaitlistQuota: queue, LostSessions: lost}, now); err != nil {
		return Outcome{}, err
	}
	return out, tx.Audit(model.AuditEntry{ConferenceID: c.ID, Actor: ParticipantActor.Name, Action: ActionRegisterAgain,
		Entity: "registration", EntityID: cur.ID, CreatedAt: now, Changes: changes})
}

// withDetails is cur with the details a person fills in taken from r: the
// fields of the registration form, not its status, secrets or category.
func withDetails(cur, r model.Registration) model.Registration {
	u := cur
	u.FirstName, u.LastName, u.BadgeName, u.Email = r.FirstName, r.LastName, r.BadgeName, r.Email
	u.Phone, u.Country, u.Organisation, u.OrgType = r.Phone, r.Country, r.Organisation, r.OrgType
	u.JobTitle, u.Dietary, u.Accessibility = r.JobTitle, r.Dietary, r.Accessibility
	u.VisaLetter, u.PassportName, u.Nationality = r.VisaLetter, r.PassportName, r.Nationality
	u.PassportNumber, u.PassportExpiry, u.DateOfBirth = r.PassportNumber, r.PassportExpiry, r.DateOfBirth
	u.ListConsent, u.Outlet, u.MediaType, u.PressCard = r.ListConsent, r.Outlet, r.MediaType, r.PressCard
	return u
}

// insertWithFreshCodes inserts r with new reference and check-in codes,
// drawing again in the rare case that one is taken. The e-mail was checked
// in the same transaction, so a duplicate here is a code collision.
func insertWithFreshCodes(tx *store.Tx, r *model.Registration, tokenHash []byte) (int64, error) {
	for range 5 {
		r.Reference, r.CheckinCode, r.CalendarToken = NewReference(), NewCheckinCode(), NewCalendarToken()
		id, err := tx.CreateRegistration(store.NewRegistration{Registration: *r, ManageTokenHash: tokenHash})
		if !errors.Is(err, store.ErrDuplicate) {
			return id, err
		}
	}
	return 0, errors.New("registration: could not draw an unused reference")
}

// resendLink gives an existing registration a new self-service token and
// mails it to the registered address only. The old link stops working:
// only a hash is stored, so the old token cannot be sent again.
func (s *Service) resendLink(tx *store.Tx, c model.Conference, r model.Registration, now time.Time) error {
	token := NewManageToken()
	if err := tx.SetManageTokenHash(r.ID, HashToken(token), now); err != nil {
		return err
	}
	if err := s.enqueue(tx, mail.KindLink, mail.Data{Conference: c, Registration: r, ManageURL: s.ManageURL(token)}, now); err != nil {
		return err
	}
	return tx.Audit(model.AuditEntry{ConferenceID: c.ID, Actor: ParticipantActor.Name, Action: "resend_link",
		Entity: "registration", EntityID: r.ID, CreatedAt: now})
}

// enqueue composes a message in the registration's language and writes
// it to the outbox in tx. The conference's name is the organisers'
// translation into that language when there is one.
func (s *Service) enqueue(tx *store.Tx, kind string, d mail.Data, now time.Time) error {
	d.SiteURL = s.BaseURL
	if lang := i18n.ByCode(d.Registration.Language); lang != i18n.English && d.ConferenceName == "" {
		t, err := tx.Translations(i18n.KindConference, d.Conference.ID)
		if err != nil {
			return err
		}
		d.ConferenceName = t.Get("name", lang.Code)
	}
	m, err := mail.Compose(kind, d)
	if err != nil {
		return err
	}
	m.CreatedAt = now
	_, err = tx.EnqueueMail(m)
	return err
}

// ErrStale is returned when an edit was made on a form loaded from an older
// version of the registration: someone else saved meanwhile. Nothing is
// changed; the caller shows the form again with what is stored now.
var ErrStale = errors.New("registration: changed since the form was opened")

// Update saves a participant's edit of r's details with the same rules as
// registering. f.Version must be the version the form was loaded from
// (else ErrStale). A blank passport number keeps the stored one, which the
// form never shows whole. A new e-mail address takes effect only when a
// link sent to it is followed (see ConfirmLink); the current address is
// told of the request.
func (s *Service) Update(ctx context.Context, c model.Conference, r model.Registration, f Form, actor Actor) (model.Registration, model.FieldErrors, error) {
	return s.update(ctx, c, r, f, r.Category, actor, true)
}

// update is Update that may also change the category (organisers only):
// the form is validated as the new category's form, and a change between
// press and the rest, which takes or frees a place, follows recategorise.
// confirmAddress sends a changed e-mail address a confirmation link
// instead of saving it (participants); organisers' changes apply at once.
func (s *Service) update(ctx context.Context, c model.Conference, r model.Registration, f Form, category string, actor Actor, confirmAddress bool) (model.Registration, model.FieldErrors, error) {
	now := s.Now()
	f = f.Normalised()
	if confirmAddress && f.PassportNumber == "" {
		f.PassportNumber = r.PassportNumber
	}
	kind := Participant
	if category == model.CategoryPress {
		kind = Press
		f.OrgType = r.OrgType
	}
	edited, errs := f.Validate(c, kind, true, now)
	if len(errs) > 0 {
		return r, errs, nil
	}
	var updated model.Registration
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		c, err := tx.Conference(c.ID)
		if err != nil {
			return err
		}
		// The version is compared with the row as the writer sees it, so two
		// saves of forms loaded from one version cannot both pass; the
		// letter's approval is decided on that row too, so an approval that
		// committed after r was read is still withdrawn.
		cur, err := tx.Registration(r.ID)
		if err != nil {
			return err
		}
		if cur.Version != f.Version {
			r = cur
			return ErrStale
		}
		r = cur
		updated = withDetails(cur, edited)
		updated.Category, updated.UpdatedAt = category, now
		if !confirmAddress {
			// An organiser's edit (UpdateAsOrganiser) sets the language too.
			updated.Language = edited.Language
		}
		newEmail := ""
		if confirmAddress && store.EmailKey(cur.Email) != store.EmailKey(updated.Email) {
			newEmail, updated.Email = updated.Email, cur.Email
			if err := s.requestEmailChange(tx, c, cur, newEmail, now); err != nil {
				return err
			}
		}
		changes := Diff(cur, updated)
		if len(changes) == 0 {
			return nil
		}
		freed := false
		if updated.Category != cur.Category {
			if freed, err = recategorise(tx, c, cur.ID, updated.Category); err != nil {
				return err
			}
			if err := tx.SetRegistrationCategory(cur.ID, updated.Category, now); err != nil {
				return err
			}
		}
		if err := tx.UpdateRegistrationDetails(updated, now); err != nil {
			return err
		}
		if updated.Language != cur.Language {
			if err := tx.SetRegistrationLanguage(cur.ID, updated.Language, now); err != nil {
				return err
			}
		}
		updated.LetterApprovedAt = cur.LetterApprovedAt
		if changed := letterChanges(cur, updated); !cur.LetterApprovedAt.IsZero() && len(changed) > 0 {
			// An approved letter vouches for what it prints: new details
			// need a new approval before a letter prints again (letter.go).
			if err := tx.ClearLetterApproval(r.ID, now); err != nil {
				return err
			}
			if err := tx.WithdrawVisaLetters(r.ID, model.LetterDetailsChanged, now); err != nil {
				return err
			}
			updated.LetterApprovedAt = time.Time{}
			changes["letter_approved"] = [2]string{"yes", "no (" + strings.Join(changed, ", ") + " changed)"}
			// The person is told why, and that it comes back once approved again.
			if err := s.enqueue(tx, mail.KindLetterWithdrawn, mail.Data{Conference: c, Registration: updated}, now); err != nil {
				return err
			}
		}
		if err := s.enqueue(tx, mail.KindUpdated, mail.Data{Conference: c, Registration: updated}, now); err != nil {
			return err
		}
		if store.EmailKey(cur.Email) != store.EmailKey(updated.Email) {
			// The previous address learns of the change, in case it was not its owner's doing.
			if err := s.enqueue(tx, mail.KindUpdated, mail.Data{Conference: c, Registration: cur}, now); err != nil {
				return err
			}
		}
		if err := tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name, Action: "update",
			Entity: "registration", EntityID: cur.ID, Changes: changes, CreatedAt: now}); err != nil {
			return err
		}
		// A new category, country or type of organisation may free a
		// place, or a place in the quota the registration was counted in.
		if freed || cur.Country != updated.Country || cur.OrgType != updated.OrgType {
			_, err := s.promoteIfRoom(tx, c, now, 0, cur.Country)
			return err
		}
		return nil
	})
	var refused *Refusal
	switch {
	case errors.Is(err, ErrStale):
		return r, nil, ErrStale
	case errors.Is(err, store.ErrDuplicate), errors.Is(err, ErrEmailTaken):
		return r, emailError(i18n.Msg("self.error.email_taken")), nil
	case errors.Is(err, errMailedRecently):
		return r, emailError(i18n.Msg("self.error.email_mailed_recently", "Minutes", int(MailInterval/time.Minute))), nil
	case errors.As(err, &refused):
		return r, model.FieldErrors{{Field: "category", Message: refused.Message}}, nil
	}
	if err != nil {
		return r, nil, err
	}
	s.notify()
	return updated, nil, nil
}

// Cancel cancels r. When that frees a place, the oldest waitlisted
// registration is promoted in the same transaction (to pending under
// moderation, else confirmed), and it is returned.
func (s *Service) Cancel(ctx context.Context, c model.Conference, r model.Registration, actor Actor) (*model.Registration, error) {
	return s.cancel(ctx, c, r, actor, false)
}

// CancelRequestingErasure cancels r as Cancel does and, in the same
// transaction, records its owner's request that their personal details be
// erased, for an admin to act on (Erase; the dashboard lists requests).
func (s *Service) CancelRequestingErasure(ctx context.Context, c model.Conference, r model.Registration, actor Actor) (*model.Registration, error) {
	return s.cancel(ctx, c, r, actor, true)
}

func (s *Service) cancel(ctx context.Context, c model.Conference, r model.Registration, actor Actor, erasure bool) (*model.Registration, error) {
	now := s.Now()
	var promoted *model.Registration
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		c, err := tx.Conference(c.ID)
		if err != nil {
			return err
		}
		promoted, err = s.cancelIn(tx, c, r, actor, erasure, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.notify()
	return promoted, nil
}

// cancelIn is cancel inside tx (c read in tx): r is read again, cancelled
// with its e-mail (ErrNotCancellable when it is cancelled or rejected
// already), the erasure its owner asked for recorded, and the next in line
// promoted into the place freed, which is returned.
func (s *Service) cancelIn(tx *store.Tx, c model.Conference, r model.Registration, actor Actor, erasure bool, now time.Time) (*model.Registration, error) {
	// Re-read inside the transaction: the status may have changed since the page was shown.
	cur, err := tx.Registration(r.ID)
	if err != nil {
		return nil, err
	}
	if cur.Status == model.StatusCancelled || cur.Status == model.StatusRejected {
		return nil, ErrNotCancellable
	}
	if err := s.transition(tx, c, cur, model.StatusCancelled, mail.KindCancelled, actor, now); err != nil {
		return nil, err
	}
	if erasure {
		if err := requestErasure(tx, c, cur, actor, now); err != nil {
			return nil, err
		}
	}
	return s.promoteIfRoom(tx, c, now, 0, cur.Country)
}

// promoteIfRoom moves the first waitlisted registration in line up when a
// place is free (store.Tx.NextWaitlisted: the oldest whose quotas have
// room, those of the country freed, whose quota a place was just freed in,
// first), passing over skip (0: none), whom an organiser has just put on
// the list. c must have been read in tx (store.Tx.Conference).
func (s *Service) promoteIfRoom(tx *store.Tx, c model.Conference, now time.Time, skip int64, freed string) (*model.Registration, error) {
	active, err := tx.ActiveCount(c.ID)
	if err != nil || active >= c.Capacity {
		return nil, err
	}
	next, err := tx.NextWaitlisted(c.ID, skip, freed)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	status, kind := model.StatusConfirmed, mail.KindPromoted
	if c.Moderation {
		// Under moderation the place is held for review: the person is told
		// it awaits the organisers, not that it is confirmed.
		status, kind = model.StatusPending, mail.KindPending
	}
	if err := s.transition(tx, c, next, status, kind, Actor{Name: "system"}, now); err != nil {
		return nil, err
	}
	next.Status = status
	return &next, nil
}

// transition moves r to status, mails kind and writes the audit line.
func (s *Service) transition(tx *store.Tx, c model.Conference, r model.Registration, status, kind string, actor Actor, now time.Time) error {
	if err := tx.SetRegistrationStatus(r.ID, status, now); err != nil {
		return err
	}
	changes := map[string][2]string{"status": {r.Status, status}}
	lost, err := s.settle(tx, c, r, status, changes, actor, now)
	if err != nil {
		return err
	}
	r.Status = status
	if err := s.enqueue(tx, kind, mail.Data{Conference: c, Registration: r, LostSessions: lost}, now); err != nil {
		return err
	}
	return tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
		Action: fmt.Sprintf("status_%s", status), Entity: "registration", EntityID: r.ID, CreatedAt: now,
		Changes: changes})
}

// ActionLoseSessions is the history's name for sign-ups a registration
// lost on becoming confirmed again, because others had taken the places.
const ActionLoseSessions = "lose_sessions"

// ActionChooseSessions is the history's name for a participant's own
// change of their agenda.
const ActionChooseSessions = "choose_sessions"

// settle does, in tx, what follows from r (as it was) moving to status,
// adding to changes what the status line of the history should say:
//   - Back to confirmed, r keeps only the workshop places still free: its
//     sign-ups held no place while it was not confirmed, and others may
//     have taken them. The lost sessions' titles are returned for its
//     e-mail, and a history line records them for its page.
//   - Leaving confirmed, an approved visa letter is withdrawn (letter.go).
func (s *Service) settle(tx *store.Tx, c model.Conference, r model.Registration, status string, changes map[string][2]string, actor Actor, now time.Time) ([]string, error) {
	switch {
	case r.Status == status:
		return nil, nil
	case r.Status == model.StatusConfirmed:
		if r.LetterApprovedAt.IsZero() {
			return nil, nil
		}
		if err := tx.ClearLetterApproval(r.ID, now); err != nil {
			return nil, err
		}
		if err := tx.WithdrawVisaLetters(r.ID, model.LetterNotConfirmed, now); err != nil {
			return nil, err
		}
		changes["letter_approved"] = [2]string{"yes", "no (no longer confirmed)"}
		return nil, nil
	case status != model.StatusConfirmed:
		return nil, nil
	}
	before, err := tx.SignedUpSessions(r.ID)
	if err != nil {
		return nil, err
	}
	lost, err := tx.DropTakenSignups(r.ID)
	if err != nil || len(lost) == 0 {
		return nil, err
	}
	titles := make([]string, len(lost))
	after := slices.Clone(before)
	for i, l := range lost {
		titles[i] = l.Title
		after = slices.DeleteFunc(after, func(id int64) bool { return id == l.ID })
	}
	return titles, tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
		Action: ActionLoseSessions, Entity: "registration", EntityID: r.ID, CreatedAt: now,
		Changes: map[string][2]string{"sessions": {FormatIDs(before), FormatIDs(after)}}})
}

// FormatIDs writes ids as the history shows them: "3, 7, 12", in order.
func FormatIDs(ids []int64) string {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	parts := make([]string, len(sorted))
	for i, id := range sorted {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ", ")
}

// parseIDs reads what formatIDs wrote, skipping anything else.
func parseIDs(s string) []int64 {
	var out []int64
	for _, part := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// LostSessions returns the sessions registration id lost when it last
// became confirmed again, as long as it has not changed its agenda since:
// its page says so until then. They are read from its history, where the
// loss was written in the transaction that caused it: the history already
// orders the loss against the participant's own agenda changes, so no
// table of its own is needed.
func (s *Service) LostSessions(ctx context.Context, id int64) ([]int64, error) {
	history, err := s.Store.AuditFor(ctx, "registration", id)
	if err != nil {
		return nil, err
	}
	for _, e := range history { // newest first
		switch e.Action {
		case ActionChooseSessions:
			return nil, nil
		case ActionLoseSessions:
			before, after := parseIDs(e.Changes["sessions"][0]), parseIDs(e.Changes["sessions"][1])
			return slices.DeleteFunc(before, func(id int64) bool { return slices.Contains(after, id) }), nil
		}
	}
	return nil, nil
}

// SaveSettings runs save, which writes the conference's new settings in
// tx and returns them, then gives every place they free (a raised
// capacity) to the waiting list in its order, pending under moderation,
// each with its e-mail, in the same transaction. Registrations waiting for
// the writer meanwhile are decided on the new settings (Register). It
// returns the registrations promoted; an error from save is returned as is.
func (s *Service) SaveSettings(ctx context.Context, save func(tx *store.Tx) (model.Conference, error)) ([]model.Registration, error) {
	now := s.Now()
	var promoted []model.Registration
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		promoted = nil
		c, err := save(tx)
		if err != nil {
			return err
		}
		for {
			p, err := s.promoteIfRoom(tx, c, now, 0, "")
			if p == nil || err != nil {
				return err
			}
			promoted = append(promoted, *p)
		}
	})
	if err != nil {
		return nil, err
	}
	if len(promoted) > 0 {
		s.notify()
	}
	return promoted, nil
}

// Sensitive lists the registration fields whose values never reach the
// audit log (passport, date of birth, needs, phone): Diff
// records that such a field changed, never what it held. Even a masked
// passport number or an empty old value says too much (that someone now
// has an access need), so each is reported the same way.
var Sensitive = map[string]bool{
	"phone": true, "dietary": true, "accessibility": true,
	"passport_name": true, "nationality": true, "passport_number": true,
	"passport_expiry": true, "date_of_birth": true,
}

// Redacted stands for a sensitive field's old and new values in Diff.
var Redacted = [2]string{"(not recorded)", "(changed)"}

// Diff lists the fields that differ between two versions of a registration,
// as [old, new] (store.Diff); a Sensitive field's values are Redacted. It
// is the one helper that turns a registration edit into an audit line.
func Diff(a, b model.Registration) map[string][2]string {
	out := store.Diff(auditFields(a), auditFields(b))
	for field := range out {
		if Sensitive[field] {
			out[field] = Redacted
		}
	}
	return out
}

// auditFields is what the audit log compares of a registration.
func auditFields(r model.Registration) map[string]string {
	yes := func(v bool) string {
		if v {
			return "yes"
		}
		return "no"
	}
	return map[string]string{
		"category": r.Category, "first_name": r.FirstName, "last_name": r.LastName, "badge_name": r.BadgeName,
		"email": r.Email, "phone": r.Phone, "country": r.Country, "organisation": r.Organisation,
		"org_type": r.OrgType, "job_title": r.JobTitle, "dietary": r.Dietary, "accessibility": r.Accessibility,
		"visa_letter": yes(r.VisaLetter), "passport_name": r.PassportName, "nationality": r.Nationality,
		"passport_number": r.PassportNumber, "passport_expiry": r.PassportExpiry, "date_of_birth": r.DateOfBirth,
		"list_consent": yes(r.ListConsent), "outlet": r.Outlet, "media_type": r.MediaType, "press_card": r.PressCard,
		"language": r.Language,
	}
}

// MaskPassport shows only the last three characters of a passport number.
func MaskPassport(n string) string {
	if n == "" {
		return ""
	}
	if len(n) <= 3 {
		return "•••"
	}
	return "•••••" + n[len(n)-3:]
}

// emailError is the edit form's one problem with the e-mail address: m,
// put into words in the page's language (English on the console).
func emailError(m i18n.M) model.FieldErrors {
	var errs model.FieldErrors
	errs.AddMsg("email", m)
	return errs
}

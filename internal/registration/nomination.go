package registration

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"confdesk/internal/country"
	"confdesk/internal/glyph"
	"confdesk/internal/i18n"
	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/internal/textfield"
)

// Focal points and nominations (issue 16). Organisers add a focal point
// per country (AddFocalPoint), who is mailed a private nomination link
// (/nominate/TOKEN). Through it the focal point nominates delegates
// (Nominate) within the country's quota, and withdraws them
// (WithdrawNomination). Each nominee is mailed their own link
// (/nominee/TOKEN), which registers them (RegisterNominee) tied to the
// nominating country, whatever they type.
//
// A quota counts registrations only (store.FullQuota, statusFor); the
// nomination page counts as used the country's confirmed and pending
// participants plus the nominations still open (model.Nomination.Open),
// and a focal point cannot nominate beyond the quota. Tokens are 256
// bits, only their SHA-256 kept (NewManageToken, HashToken), as for the
// self-service link.

// ErrQuotaFull is returned by Nominate when the country's quota has no
// place left for another nomination.
var ErrQuotaFull = errors.New("registration: the country's quota is used up")

// ErrNominationUsed is returned by RegisterNominee when the nominee has
// registered through their link already.
var ErrNominationUsed = errors.New("registration: the nomination link was used already")

// NominateURL is a focal point's absolute nomination link.
func (s *Service) NominateURL(token string) string { return s.BaseURL + "/nominate/" + token }

// NomineeURL is a nominee's absolute registration link.
func (s *Service) NomineeURL(token string) string { return s.BaseURL + "/nominee/" + token }

// FocalPointForm is the console's "Add a focal point" form as typed.
type FocalPointForm struct {
	Country, Name, Title, Organisation, Email, Language string
}

// Normalised returns the form cleaned, the country upper-cased.
func (f FocalPointForm) Normalised() FocalPointForm {
	for _, p := range []*string{&f.Name, &f.Title, &f.Organisation, &f.Email, &f.Language} {
		*p = clean(*p)
	}
	f.Country = strings.ToUpper(clean(f.Country))
	return f
}

// Validate checks a normalised form; the messages are English (console).
func (f FocalPointForm) Validate() (model.FocalPoint, model.FieldErrors) {
	var errs model.FieldErrors
	text := func(field, label, value string, max int, required bool) {
		switch {
		case value == "" && required:
			errs.Add(field, "Enter the focal point's "+label+".")
		case utf8.RuneCountInString(value) > max:
			errs.Add(field, fmt.Sprintf("The %s is too long: at most %d characters.", label, max))
		case !utf8.ValidString(value) || textfield.HasControl(value, false):
			errs.Add(field, "The "+label+" contains line breaks or invisible characters. Keep it on one line, as plain text.")
		}
	}
	if !country.Valid(f.Country) {
		errs.Add("country", "Choose the country the focal point acts for.")
	}
	text("name", "name", f.Name, maxName*2, true)
	text("title", "title", f.Title, maxTitle, false)
	text("organisation", "organisation", f.Organisation, maxOrg, false)
	switch {
	case f.Email == "":
		errs.Add("email", "Enter the focal point's e-mail address: the nomination link goes there.")
	case utf8.RuneCountInString(f.Email) > maxEmail || !textfield.PlausibleEmail(f.Email):
		errs.Add("email", "Enter an e-mail address like name@example.org.")
	}
	if l := i18n.Lookup(f.Language); l == nil || l == i18n.Pseudo {
		errs.Add("language", "Choose the language of the focal point's messages.")
	}
	return model.FocalPoint{Country: f.Country, Name: f.Name, Title: f.Title, Organisation: f.Organisation,
		Email: f.Email, Language: f.Language}, errs
}

// AddFocalPoint validates f and stores the focal point, audited, with the
// invitation carrying their nomination link queued in the same
// transaction, in their language.
func (s *Service) AddFocalPoint(ctx context.Context, c model.Conference, f FocalPointForm, actor Actor) (model.FocalPoint, model.FieldErrors, error) {
	now := s.Now()
	fp, errs := f.Normalised().Validate()
	if len(errs) > 0 {
		return fp, errs, nil
	}
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		c, err := tx.Conference(c.ID)
		if err != nil {
			return err
		}
		fp.ConferenceID, fp.CreatedAt = c.ID, now
		token := NewManageToken()
		if fp.ID, err = tx.CreateFocalPoint(fp, HashToken(token)); err != nil {
			return err
		}
		if err := s.inviteFocalPoint(tx, c, fp, token, now); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
			Action: "add_focal_point", Entity: "focal_point", EntityID: fp.ID, CreatedAt: now,
			Changes: map[string][2]string{"country": {"", fp.Country}, "name": {"", fp.Name},
				"email": {"", fp.Email}, "language": {"", fp.Language}}})
	})
	if err != nil {
		return fp, nil, err
	}
	s.notify()
	return fp, nil, nil
}

// ResendFocalPointLink gives focal point id a new nomination link and
// mails it: the old link opens nothing from then on.
func (s *Service) ResendFocalPointLink(ctx context.Context, c model.Conference, id int64, actor Actor) (model.FocalPoint, error) {
	now := s.Now()
	var fp model.FocalPoint
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		c, err := tx.Conference(c.ID)
		if err != nil {
			return err
		}
		if fp, err = actingFocalPoint(tx, c, id); err != nil {
			return err
		}
		token := NewManageToken()
		if err := tx.SetFocalPointToken(id, HashToken(token)); err != nil {
			return err
		}
		if err := s.inviteFocalPoint(tx, c, fp, token, now); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
			Action: "resend_focal_point_link", Entity: "focal_point", EntityID: id, CreatedAt: now})
	})
	if err != nil {
		return fp, err
	}
	s.notify()
	return fp, nil
}

// RemoveFocalPoint ends focal point id's part: their link opens nothing;
// their nominations stand.
func (s *Service) RemoveFocalPoint(ctx context.Context, c model.Conference, id int64, actor Actor) (model.FocalPoint, error) {
	now := s.Now()
	var fp model.FocalPoint
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		var err error
		if fp, err = actingFocalPoint(tx, c, id); err != nil {
			return err
		}
		if err := tx.RemoveFocalPoint(id, now); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
			Action: "remove_focal_point", Entity: "focal_point", EntityID: id, CreatedAt: now,
			Changes: map[string][2]string{"removed": {"", "yes"}}})
	})
	return fp, err
}

// actingFocalPoint reads focal point id of conference c, not removed;
// store.ErrNotFound otherwise.
func actingFocalPoint(tx *store.Tx, c model.Conference, id int64) (model.FocalPoint, error) {
	fp, err := tx.FocalPoint(id)
	if err != nil {
		return fp, err
	}
	if fp.ConferenceID != c.ID || !fp.RemovedAt.IsZero() {
		return fp, fmt.Errorf("registration: focal point %d: %w", id, store.ErrNotFound)
	}
	return fp, nil
}

// inviteFocalPoint queues the invitation with nomination link token, in
// the focal point's language, naming the country and its quota.
func (s *Service) inviteFocalPoint(tx *store.Tx, c model.Conference, fp model.FocalPoint, token string, now time.Time) error {
	d := mail.Data{Conference: c, Registration: focalPointAddressee(fp), ManageURL: s.NominateURL(token), Country: fp.Country}
	qs, err := tx.Quotas(c.ID)
	if err != nil {
		return err
	}
	for _, q := range qs {
		if q.Dimension == model.QuotaCountry && q.Value == fp.Country {
			d.Quota, d.HasQuota = q.Quota.Quota, true
		}
	}
	return s.enqueue(tx, mail.KindFocalPointInvitation, d, now)
}

// focalPointAddressee is what a message to focal point fp needs of a
// registration: name, address and language.
func focalPointAddressee(fp model.FocalPoint) model.Registration {
	return model.Registration{ConferenceID: fp.ConferenceID, Category: model.CategoryParticipant,
		FirstName: fp.Name, Email: fp.Email, Language: fp.Language}
}

// FocalPointByToken returns the acting focal point whose nomination link
// is token; store.ErrNotFound for an unknown, replaced or removed link,
// or one of another conference.
func (s *Service) FocalPointByToken(ctx context.Context, c model.Conference, token string) (model.FocalPoint, error) {
	fp, err := s.Store.FocalPointByTokenHash(ctx, HashToken(token))
	if err == nil && fp.ConferenceID != c.ID {
		err = fmt.Errorf("registration: focal point of another conference: %w", store.ErrNotFound)
	}
	return fp, err
}

// Places is a country's quota and what is used of it, as the nomination
// page shows them: Used counts the confirmed and pending participants of
// the country and the nominations still open.
type Places struct {
	Quota    int
	HasQuota bool
	Used     int
}

// Left is how many more may be nominated; meaningful with a quota only.
func (p Places) Left() int { return max(0, p.Quota-p.Used) }

// Full reports whether a quota leaves no place to nominate another.
func (p Places) Full() bool { return p.HasQuota && p.Used >= p.Quota }

// placesOf computes country's Places from its quotas and nominations.
func placesOf(qs []model.QuotaUsage, ns []model.Nomination, code string) Places {
	var p Places
	for _, q := range qs {
		if q.Dimension == model.QuotaCountry && q.Value == code {
			p.Quota, p.HasQuota, p.Used = q.Quota.Quota, true, q.Used()
		}
	}
	if !p.HasQuota {
		return p
	}
	for _, n := range ns {
		if n.Open() {
			p.Used++
		}
	}
	return p
}

// Nominee is a nomination as its focal point sees it: the nominee's
// names, job title, organisation and head-of-delegation mark, with their
// state; never a registration's other details.
type Nominee struct {
	model.Nomination
	// Status is the registration's status once the nominee registered;
	// "" while the nomination waits for them.
	Status string
}

// Withdrawn reports whether the focal point withdrew the nomination.
func (n Nominee) Withdrawn() bool { return !n.WithdrawnAt.IsZero() }

// CountryNominations is what the nomination page shows of a country.
type CountryNominations struct {
	Places   Places
	Nominees []Nominee
}

// NominationsOf returns country code's places and nominees in conference
// c, oldest nomination first.
func (s *Service) NominationsOf(ctx context.Context, c model.Conference, code string) (CountryNominations, error) {
	var out CountryNominations
	qs, err := s.Store.Quotas(ctx, c.ID)
	if err != nil {
		return out, err
	}
	ns, err := s.Store.Nominations(ctx, c.ID, code)
	if err != nil {
		return out, err
	}
	out.Places = placesOf(qs, ns, code)
	for _, n := range ns {
		nominee := Nominee{Nomination: n}
		if n.RegistrationID != 0 {
			r, err := s.Store.Registration(ctx, n.RegistrationID)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return out, err
			}
			nominee.Status = r.Status
		}
		out.Nominees = append(out.Nominees, nominee)
	}
	return out, nil
}

// NominationForm is the focal point's form to nominate a delegate.
type NominationForm struct {
	FirstName, LastName, Email, JobTitle, Organisation string
	HeadOfDelegation                                   bool
}

// Normalised returns the form with every text field cleaned.
func (f NominationForm) Normalised() NominationForm {
	for _, p := range []*string{&f.FirstName, &f.LastName, &f.Email, &f.JobTitle, &f.Organisation} {
		*p = clean(*p)
	}
	return f
}

// Validate checks a normalised form; the messages are catalogue messages
// (nominate.error.<field>.<problem>), put into the focal point's language.
func (f NominationForm) Validate() model.FieldErrors {
	var errs model.FieldErrors
	text := func(field, value string, max int, required bool) {
		msg := func(problem string, kv ...any) i18n.M { return i18n.Msg("nominate.error."+field+"."+problem, kv...) }
		switch {
		case value == "" && required:
			errs.AddMsg(field, msg("missing"))
		case utf8.RuneCountInString(value) > max:
			errs.AddMsg(field, msg("too_long", "Max", max))
		case !utf8.ValidString(value) || textfield.HasControl(value, false):
			errs.AddMsg(field, msg("invalid", "Chars", textfield.Describe(textfield.Disallowed(value, false))))
		case len(glyph.Unprintable(value)) > 0:
			errs.AddMsg(field, msg("invalid", "Chars", textfield.Describe(glyph.Unprintable(value))))
		}
	}
	text("first_name", f.FirstName, maxName, true)
	text("last_name", f.LastName, maxName, true)
	switch {
	case f.Email == "":
		errs.AddMsg("email", i18n.Msg("nominate.error.email.missing"))
	case utf8.RuneCountInString(f.Email) > maxEmail || !textfield.PlausibleEmail(f.Email):
		errs.AddMsg("email", i18n.Msg("nominate.error.email.invalid"))
	}
	text("job_title", f.JobTitle, maxTitle, false)
	text("organisation", f.Organisation, maxOrg, false)
	return errs
}

// focalPointActor names a focal point in the audit log.
func focalPointActor(fp model.FocalPoint) Actor {
	return Actor{Name: fmt.Sprintf("focal point %d (%s)", fp.ID, fp.Country)}
}

// Nominate validates f and, when the country's quota leaves a place
// (counted in the same write transaction as the insert, so two focal
// points of one country cannot together exceed it), stores the
// nomination of focal point fp's country and mails the nominee their
// registration link in the focal point's language. ErrQuotaFull when no
// place is left; an address with an open nomination is a field error.
func (s *Service) Nominate(ctx context.Context, c model.Conference, fp model.FocalPoint, f NominationForm) (model.Nomination, model.FieldErrors, error) {
	now := s.Now()
	f = f.Normalised()
	if errs := f.Validate(); len(errs) > 0 {
		return model.Nomination{}, errs, nil
	}
	n := model.Nomination{ConferenceID: c.ID, FocalPointID: fp.ID, Country: fp.Country, FirstName: f.FirstName,
		LastName: f.LastName, Email: f.Email, JobTitle: f.JobTitle, Organisation: f.Organisation,
		HeadOfDelegation: f.HeadOfDelegation, CreatedAt: now}
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		c, err := tx.Conference(c.ID)
		if err != nil {
			return err
		}
		// The focal point may have been removed since the page was read.
		if fp, err = actingFocalPoint(tx, c, fp.ID); err != nil {
			return err
		}
		qs, err := tx.Quotas(c.ID)
		if err != nil {
			return err
		}
		ns, err := tx.Nominations(c.ID, fp.Country)
		if err != nil {
			return err
		}
		if placesOf(qs, ns, fp.Country).Full() {
			return ErrQuotaFull
		}
		token := NewManageToken()
		if n.ID, err = tx.CreateNomination(n, HashToken(token)); err != nil {
			return err
		}
		addressee := model.Registration{ConferenceID: c.ID, Category: model.CategoryParticipant,
			FirstName: n.FirstName, LastName: n.LastName, Email: n.Email, Language: fp.Language}
		if err := s.enqueue(tx, mail.KindNomination, mail.Data{Conference: c, Registration: addressee,
			ManageURL: s.NomineeURL(token), Country: fp.Country}, now); err != nil {
			return err
		}
		actor := focalPointActor(fp)
		return tx.Audit(model.AuditEntry{ConferenceID: c.ID, Actor: actor.Name, Action: "nominate",
			Entity: "nomination", EntityID: n.ID, CreatedAt: now,
			Changes: map[string][2]string{"country": {"", n.Country}, "name": {"", n.FullName()},
				"email": {"", n.Email}, "head_of_delegation": {"", yesNo(n.HeadOfDelegation)}}})
	})
	if errors.Is(err, store.ErrDuplicate) {
		var errs model.FieldErrors
		errs.AddMsg("email", i18n.Msg("nominate.error.email.taken"))
		return n, errs, nil
	}
	if err != nil {
		return n, nil, err
	}
	s.notify()
	return n, nil, nil
}

// WithdrawNomination withdraws nomination id of focal point fp's country:
// its link opens nothing and its place is free. A nominee who registered
// has their registration cancelled as a cancellation by its owner is
// (cancelIn: mailed, and the next in line promoted), in the same
// transaction. A nomination of another country or conference is
// store.ErrNotFound; one withdrawn already is left as it is.
func (s *Service) WithdrawNomination(ctx context.Context, c model.Conference, fp model.FocalPoint, id int64) error {
	now := s.Now()
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		c, err := tx.Conference(c.ID)
		if err != nil {
			return err
		}
		if fp, err = actingFocalPoint(tx, c, fp.ID); err != nil {
			return err
		}
		n, err := tx.Nomination(id)
		if err != nil {
			return err
		}
		if n.ConferenceID != c.ID || n.Country != fp.Country {
			return fmt.Errorf("registration: nomination %d of another country: %w", id, store.ErrNotFound)
		}
		if !n.WithdrawnAt.IsZero() {
			return nil
		}
		if err := tx.WithdrawNomination(id, now); err != nil {
			return err
		}
		actor := focalPointActor(fp)
		if err := tx.Audit(model.AuditEntry{ConferenceID: c.ID, Actor: actor.Name, Action: "withdraw_nomination",
			Entity: "nomination", EntityID: id, CreatedAt: now,
			Changes: map[string][2]string{"withdrawn": {"", "yes"}}}); err != nil {
			return err
		}
		if n.RegistrationID == 0 {
			return nil
		}
		r, err := tx.Registration(n.RegistrationID)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		_, err = s.cancelIn(tx, c, r, actor, false, now)
		if errors.Is(err, ErrNotCancellable) {
			return nil
		}
		return err
	})
	if err != nil {
		return err
	}
	s.notify()
	return nil
}

// NomineeLink is what a nominee's link opens: the nomination, the country
// it ties them to and the focal point's language.
type NomineeLink struct {
	Nomination model.Nomination
	Language   string // the focal point's
}

// NomineeByToken returns the standing nomination whose nominee's link is
// token; store.ErrNotFound for an unknown or withdrawn one, or one of
// another conference. A used link (the nominee registered) is returned:
// its page says so.
func (s *Service) NomineeByToken(ctx context.Context, c model.Conference, token string) (NomineeLink, error) {
	n, err := s.Store.NominationByTokenHash(ctx, HashToken(token))
	if err != nil {
		return NomineeLink{}, err
	}
	if n.ConferenceID != c.ID {
		return NomineeLink{}, fmt.Errorf("registration: nomination of another conference: %w", store.ErrNotFound)
	}
	fp, err := s.Store.FocalPoint(ctx, n.FocalPointID)
	if err != nil {
		return NomineeLink{}, err
	}
	return NomineeLink{Nomination: n, Language: fp.Language}, nil
}

// NomineeForm is the registration form pre-filled with what nomination n
// says of its nominee.
func NomineeForm(n model.Nomination) Form {
	return Form{FirstName: n.FirstName, LastName: n.LastName, Email: n.Email, JobTitle: n.JobTitle,
		Organisation: n.Organisation, Country: n.Country}
}

// RegisterNominee registers the nominee whose link is token with the
// details of f, in one write transaction: the nomination is read again
// (standing, not used), the country (and head of delegation) and the
// e-mail address are the nomination's whatever was typed, and the
// registration is made as Register makes one (place: window, quota,
// capacity and moderation apply), without the confirmation of the
// address the conference may ask of the public form: the link, mailed to
// that address, proves it. The nomination is then linked to it. An
// address registered already is answered as the public form answers it
// (its owner is mailed a new link; Outcome.Duplicate), a cancelled
// registration of it comes back (registerAgain) and is linked. It works in
// every registration mode. ErrNominationUsed when the link was used;
// store.ErrNotFound when it was withdrawn meanwhile; ErrClosed outside
// the window.
func (s *Service) RegisterNominee(ctx context.Context, c model.Conference, token string, f Form) (Outcome, model.FieldErrors, error) {
	now := s.Now()
	hash := HashToken(token)
	n, err := s.Store.NominationByTokenHash(ctx, hash)
	if err != nil {
		return Outcome{}, nil, err
	}
	f = f.Normalised()
	f.Country, f.Email = n.Country, n.Email
	if f.Sponsorship {
		// As Register: only a conference that sponsors travel may be asked.
		travel, err := s.Store.TravelSettings(ctx, c.ID)
		if err != nil {
			return Outcome{}, nil, err
		}
		if !travel.SponsorsTravel {
			f.Sponsorship, f.SponsorshipReason = false, ""
		}
	}
	r, errs := f.Validate(c, Participant, false, now)
	if len(errs) > 0 {
		return Outcome{}, errs, nil
	}
	var out Outcome
	err = s.Store.Update(ctx, func(tx *store.Tx) error {
		c, err := tx.Conference(c.ID)
		if err != nil {
			return err
		}
		n, err := tx.NominationByTokenHash(hash)
		if err != nil {
			return err
		}
		if n.ConferenceID != c.ID {
			return store.ErrNotFound
		}
		if n.RegistrationID != 0 {
			return ErrNominationUsed
		}
		r.Country, r.Email = n.Country, n.Email
		active, err := tx.ActiveCount(c.ID)
		if err != nil {
			return err
		}
		if !WindowAt(c, active, now).Accepting() {
			return ErrClosed
		}
		existing, err := tx.RegistrationByEmail(c.ID, r.Email)
		switch {
		case err == nil && existing.Status == model.StatusCancelled:
			if out, err = s.registerAgain(tx, c, existing, r, Participant, active, now, true); err != nil {
				return err
			}
		case err == nil:
			out = Outcome{Registration: existing, Duplicate: true}
			return s.resendLink(tx, c, existing, now)
		case !errors.Is(err, store.ErrNotFound):
			return err
		default:
			if out, err = s.place(tx, c, r, Participant, active, now, true); err != nil {
				return err
			}
		}
		id := out.Registration.ID
		if n.HeadOfDelegation && !out.Registration.HeadOfDelegation {
			if err := tx.SetHeadOfDelegation(id, true, now); err != nil {
				return err
			}
			out.Registration.HeadOfDelegation = true
		}
		// A registration that came back may still be tied to an earlier
		// nomination, withdrawn since.
		if err := tx.ReleaseRegistration(id); err != nil {
			return err
		}
		if err := tx.LinkNomination(n.ID, id); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{ConferenceID: c.ID, Actor: ParticipantActor.Name, Action: "register_nominee",
			Entity: "registration", EntityID: id, CreatedAt: now,
			Changes: map[string][2]string{"nomination": {"", fmt.Sprint(n.ID)}, "country": {"", n.Country},
				"head_of_delegation": {"", yesNo(n.HeadOfDelegation)}}})
	})
	if err != nil {
		return Outcome{}, nil, err
	}
	s.notify()
	return out, nil, nil
}

// WithFocalPointCountries adds to delegations ds, grouped by country, an
// empty delegation for each country that has a focal point but no
// registration yet, in the delegations' order (Caribbean first).
func WithFocalPointCountries(ds []Delegation, fps []model.FocalPoint) []Delegation {
	seen := map[string]bool{}
	for _, d := range ds {
		seen[d.Country] = true
	}
	for _, fp := range fps {
		if seen[fp.Country] {
			continue
		}
		seen[fp.Country] = true
		name := country.Name(fp.Country)
		if name == "" {
			name = fp.Country
		}
		ds = append(ds, Delegation{Country: fp.Country, CountryName: name, Counts: map[string]int{}})
	}
	slices.SortStableFunc(ds, func(a, b Delegation) int { return cmp.Compare(rankOf(a.Country), rankOf(b.Country)) })
	return ds
}

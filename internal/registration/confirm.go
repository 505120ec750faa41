package registration

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// Links that act only when their owner follows them.
//
// With the conference's ConfirmEmail on, a valid public submission stores
// no registration. The address gets one of two messages, and the form
// answers the same "check your inbox" either way, so it tells nobody
// whether an address is registered:
//   - a new address gets a link that confirms it; following it registers
//     the form kept with the link, with capacity, waiting list and
//     moderation applied at that moment. Until then the submission holds
//     no place and counts nowhere but in the dashboard's "unconfirmed".
//     A later submission for the same address replaces it (the newest
//     form wins; the older link stops working).
//   - a registered address gets a sign-in link; following it gives the
//     registration a new self-service link. The old link keeps working
//     until then, so a stranger typing someone's address into the form
//     revokes nothing.
//
// A participant who changes their e-mail address on the self-service page
// gets a link at the new address; the change happens when it is followed,
// and the current address is told of the request. Organisers' edits in
// the console change the address at once: they act on what the person
// told them.
//
// Every link is a 256-bit token from crypto/rand of which only the SHA-256
// is stored; it works once and expires (ConfirmTTL, SignInTTL). Following a
// link is a POST from a page with a button, never the GET of the link
// itself: mail scanners and link previews fetch every link in a message,
// and must not register or sign in for the person. The rows double as the
// record of what was mailed: at most one link goes to an address per
// MailInterval, checked and written in one transaction, so a burst of
// submissions sends one message.
const (
	// ConfirmTTL is how long a registration waits for its address to be confirmed.
	ConfirmTTL = 48 * time.Hour
	// SignInTTL is how long a sign-in link works.
	SignInTTL = 24 * time.Hour
	// MailInterval is the least time between two links to one address.
	MailInterval = 10 * time.Minute
)

// Reasons following a link fails.
var (
	// ErrLinkInvalid: unknown, already used or expired.
	ErrLinkInvalid = errors.New("registration: the link is unknown, used or expired")
	// ErrLinkOutdated: the kept form no longer passes the rules (they changed meanwhile).
	ErrLinkOutdated = errors.New("registration: the details kept with the link no longer pass the form's rules")
	// ErrEmailTaken: the new address belongs to another registration by now.
	ErrEmailTaken = errors.New("registration: another registration uses this e-mail address")

	// errMailedRecently: an e-mail change asks for a link to an address mailed within MailInterval.
	errMailedRecently = errors.New("registration: a link went to this address a moment ago")
)

// LinkURL is the absolute address of an e-mailed link's landing page.
func (s *Service) LinkURL(token string) string { return s.BaseURL + "/confirm/" + token }

// kindNames are Kind as stored with a register link.
var kindNames = map[Kind]string{Participant: "participant", Press: "press"}

func kindNamed(name string) (Kind, bool) {
	for k, n := range kindNames {
		if n == name {
			return k, true
		}
	}
	return 0, false
}

// mailLink sends the address of a valid submission its confirmation or
// sign-in link, inside tx, unless a link went there within MailInterval.
func (s *Service) mailLink(tx *store.Tx, c model.Conference, f Form, kind Kind, r model.Registration, now time.Time) error {
	key := store.EmailKey(r.Email)
	if err := s.sweepLinks(tx, now); err != nil {
		return err
	}
	if recent, err := tx.MailedSince(c.ID, key, now.Add(-MailInterval)); err != nil || recent {
		return err
	}
	existing, err := tx.RegistrationByEmail(c.ID, r.Email)
	switch {
	case err == nil && existing.Status != model.StatusCancelled:
		return s.sendSignInLink(tx, c, existing, mail.KindSignIn, now)
	case err == nil:
		// A cancelled registration comes back through the same link as a
		// new address (registerAgain): the form is kept until then.
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	token := NewManageToken()
	if err := tx.WithdrawEmailTokens(c.ID, model.TokenRegister, key, 0, now); err != nil {
		return err
	}
	f.Version = 0
	form, err := json.Marshal(f)
	if err != nil {
		return err
	}
	id, err := tx.CreateEmailToken(model.EmailToken{ConferenceID: c.ID, Purpose: model.TokenRegister, EmailKey: key,
		FormKind: kindNames[kind], Form: string(form), CreatedAt: now, ExpiresAt: now.Add(ConfirmTTL)}, HashToken(token))
	if err != nil {
		return err
	}
	if err := s.enqueue(tx, mail.KindConfirmEmail, mail.Data{Conference: c, Registration: r, ManageURL: s.LinkURL(token)}, now); err != nil {
		return err
	}
	// No registration exists yet; the line names the link, not the person.
	return tx.Audit(model.AuditEntry{ConferenceID: c.ID, Actor: ParticipantActor.Name, Action: "confirmation_sent",
		Entity: "email_token", EntityID: id, CreatedAt: now})
}

// sendSignInLink mails registration r's address a sign-in link in a
// message of kind, inside tx. The caller has checked MailInterval.
func (s *Service) sendSignInLink(tx *store.Tx, c model.Conference, r model.Registration, kind string, now time.Time) error {
	token := NewManageToken()
	if _, err := tx.CreateEmailToken(model.EmailToken{ConferenceID: c.ID, Purpose: model.TokenSignIn, EmailKey: store.EmailKey(r.Email),
		RegistrationID: r.ID, CreatedAt: now, ExpiresAt: now.Add(SignInTTL)}, HashToken(token)); err != nil {
		return err
	}
	if err := s.enqueue(tx, kind, mail.Data{Conference: c, Registration: r, ManageURL: s.LinkURL(token)}, now); err != nil {
		return err
	}
	return tx.Audit(model.AuditEntry{ConferenceID: c.ID, Actor: ParticipantActor.Name, Action: "signin_link_sent",
		Entity: "registration", EntityID: r.ID, CreatedAt: now})
}

// FindRegistration is "Find my registration": when email belongs to a
// registration, its address is sent a sign-in link, the same link and
// the same limit (one per MailInterval) as a registered address filling
// in the form again. The caller answers alike whatever happened, so the
// form tells nobody who is registered; only a malformed address is
// refused, with its field error. A stranger typing someone's address
// revokes nothing: the current link works until the sign-in link is followed.
func (s *Service) FindRegistration(ctx context.Context, c model.Conference, email string) (model.FieldErrors, error) {
	f := Form{Email: email}.Normalised()
	if errs := f.emailErrors(); len(errs) > 0 {
		return errs, nil
	}
	now := s.Now()
	sent := false
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		sent = false
		if err := s.sweepLinks(tx, now); err != nil {
			return err
		}
		if recent, err := tx.MailedSince(c.ID, store.EmailKey(f.Email), now.Add(-MailInterval)); err != nil || recent {
			return err
		}
		r, err := tx.RegistrationByEmail(c.ID, f.Email)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		sent = true
		return s.sendSignInLink(tx, c, r, mail.KindFindLink, now)
	})
	if err != nil {
		return nil, err
	}
	if sent {
		s.notify()
	}
	return nil, nil
}

// DeadLinkMemory is how long a link that stopped working is remembered
// (store.DeadLink), so that following it says it was replaced or expired.
// Bounded, because each new link adds a row and anyone may ask for new
// links; a link older than this gets the plain "not found" page, which
// offers "Find my registration" all the same.
const DeadLinkMemory = 90 * 24 * time.Hour

// sweepLinks deletes expired e-mailed links and forgets dead links older
// than DeadLinkMemory, inside tx.
func (s *Service) sweepLinks(tx *store.Tx, now time.Time) error {
	if err := tx.SweepEmailTokens(now); err != nil {
		return err
	}
	return tx.ForgetDeadLinks(now.Add(-DeadLinkMemory))
}

// requestEmailChange sends newEmail a link that moves r to it, and tells
// r's current address, inside tx. An address in use by another
// registration, or mailed within MailInterval, is refused.
func (s *Service) requestEmailChange(tx *store.Tx, c model.Conference, r model.Registration, newEmail string, now time.Time) error {
	key := store.EmailKey(newEmail)
	if other, err := tx.RegistrationByEmail(c.ID, newEmail); err == nil && other.ID != r.ID {
		return ErrEmailTaken
	} else if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err := s.sweepLinks(tx, now); err != nil {
		return err
	}
	if recent, err := tx.MailedSince(c.ID, key, now.Add(-MailInterval)); err != nil {
		return err
	} else if recent {
		return errMailedRecently
	}
	// Only the newest request stands.
	if err := tx.WithdrawEmailTokens(c.ID, model.TokenEmailChange, "", r.ID, now); err != nil {
		return err
	}
	token := NewManageToken()
	if _, err := tx.CreateEmailToken(model.EmailToken{ConferenceID: c.ID, Purpose: model.TokenEmailChange, EmailKey: key,
		RegistrationID: r.ID, NewEmail: newEmail, CreatedAt: now, ExpiresAt: now.Add(ConfirmTTL)}, HashToken(token)); err != nil {
		return err
	}
	to := r
	to.Email = newEmail
	if err := s.enqueue(tx, mail.KindEmailChange, mail.Data{Conference: c, Registration: to, ManageURL: s.LinkURL(token)}, now); err != nil {
		return err
	}
	if err := s.enqueue(tx, mail.KindEmailChangeNotice, mail.Data{Conference: c, Registration: r, NewEmail: newEmail}, now); err != nil {
		return err
	}
	return tx.Audit(model.AuditEntry{ConferenceID: c.ID, Actor: ParticipantActor.Name, Action: "email_change_requested",
		Entity: "registration", EntityID: r.ID, CreatedAt: now})
}

// PeekLink returns what an e-mailed link would do, without doing it: the
// landing page's GET. ErrLinkInvalid when it no longer works.
func (s *Service) PeekLink(ctx context.Context, c model.Conference, token string) (model.EmailToken, error) {
	t, err := s.Store.EmailToken(ctx, HashToken(token), s.Now())
	if errors.Is(err, store.ErrNotFound) || err == nil && t.ConferenceID != c.ID {
		return model.EmailToken{}, ErrLinkInvalid
	}
	return t, err
}

// LinkResult is what following a link did.
type LinkResult struct {
	// Purpose is what the link did, a model.Token* purpose: a register link
	// whose address was registered meanwhile acts as a sign-in link.
	Purpose string
	// ManageToken is the registration's new self-service token (register,
	// signin); "" after an e-mail change, which keeps the link as it was.
	ManageToken  string
	Registration model.Registration
}

// ConfirmLink does what an e-mailed link stands for, once, in one
// transaction: registers the kept form, issues a new self-service link or
// changes the e-mail address. A closed window gives ErrClosed and leaves
// the link unused.
func (s *Service) ConfirmLink(ctx context.Context, c model.Conference, token string) (LinkResult, error) {
	now := s.Now()
	var res LinkResult
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		// Capacity, moderation and the window as they are now, read by the
		// writer (see Register).
		c, err := tx.Conference(c.ID)
		if err != nil {
			return err
		}
		if err := s.sweepLinks(tx, now); err != nil {
			return err
		}
		t, err := tx.EmailToken(HashToken(token), now)
		if errors.Is(err, store.ErrNotFound) || err == nil && t.ConferenceID != c.ID {
			return ErrLinkInvalid
		}
		if err != nil {
			return err
		}
		if err := tx.UseEmailToken(t.ID, now); err != nil {
			return err
		}
		res = LinkResult{Purpose: t.Purpose}
		switch t.Purpose {
		case model.TokenRegister:
			return s.confirmRegistration(tx, c, t, now, &res)
		case model.TokenSignIn:
			r, err := tx.Registration(t.RegistrationID)
			if err != nil {
				return err
			}
			res.Registration = r
			res.ManageToken, err = s.newLink(tx, c, r, now)
			return err
		case model.TokenEmailChange:
			r, err := tx.Registration(t.RegistrationID)
			if err != nil {
				return err
			}
			if err := tx.SetRegistrationEmail(r.ID, t.NewEmail, now); errors.Is(err, store.ErrDuplicate) {
				return ErrEmailTaken
			} else if err != nil {
				return err
			}
			updated := r
			updated.Email = t.NewEmail
			res.Registration = updated
			if err := s.enqueue(tx, mail.KindUpdated, mail.Data{Conference: c, Registration: updated}, now); err != nil {
				return err
			}
			return tx.Audit(model.AuditEntry{ConferenceID: c.ID, Actor: ParticipantActor.Name, Action: "update",
				Entity: "registration", EntityID: r.ID, CreatedAt: now,
				Changes: map[string][2]string{"email": {r.Email, t.NewEmail}, "email_confirmed": {"", "yes"}}})
		}
		return ErrLinkInvalid
	})
	if err != nil {
		return LinkResult{}, err
	}
	s.notify()
	return res, nil
}

// confirmRegistration registers the form kept with a register link.
func (s *Service) confirmRegistration(tx *store.Tx, c model.Conference, t model.EmailToken, now time.Time, res *LinkResult) error {
	var f Form
	kind, ok := kindNamed(t.FormKind)
	if !ok || json.Unmarshal([]byte(t.Form), &f) != nil {
		return ErrLinkOutdated
	}
	r, errs := f.Validate(c, kind, false, now)
	if len(errs) > 0 {
		return ErrLinkOutdated
	}
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
		again, err := s.registerAgain(tx, c, existing, r, kind, active, now, true)
		res.Registration, res.ManageToken = again.Registration, again.Token
		return err
	case err == nil:
		// Registered meanwhile (by an organiser): the owner of the address
		// has proved it, so they get to their registration as by a sign-in link.
		res.Purpose, res.Registration = model.TokenSignIn, existing
		res.ManageToken, err = s.newLink(tx, c, existing, now)
		return err
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	out, err := s.place(tx, c, r, kind, active, now, true)
	res.Registration, res.ManageToken = out.Registration, out.Token
	return err
}

// newLink gives r a new self-service token after its owner followed a
// link sent to its address, and mails the new link there too.
func (s *Service) newLink(tx *store.Tx, c model.Conference, r model.Registration, now time.Time) (string, error) {
	token := NewManageToken()
	if err := tx.SetManageTokenHash(r.ID, HashToken(token), now); err != nil {
		return "", err
	}
	if err := tx.WithdrawEmailTokens(c.ID, model.TokenSignIn, "", r.ID, now); err != nil {
		return "", err
	}
	if err := s.enqueue(tx, mail.KindNewLink, mail.Data{Conference: c, Registration: r, ManageURL: s.ManageURL(token)}, now); err != nil {
		return "", err
	}
	return token, tx.Audit(model.AuditEntry{ConferenceID: c.ID, Actor: ParticipantActor.Name, Action: "resend_link",
		Entity: "registration", EntityID: r.ID, CreatedAt: now})
}

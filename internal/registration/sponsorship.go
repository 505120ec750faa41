package registration

import (
	"context"
	"strings"
	"unicode/utf8"

	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/internal/textfield"
)

// Sponsored travel. A participant may ask the organisers to pay their
// travel on the form (Form.Sponsorship, only while the conference sponsors
// travel); organisers grant or refuse the request on the registration's
// page, and may grant anyone sponsorship without one. Each decision is
// audited and e-mailed to the person in their language, in the same
// transaction; deciding what is already decided writes and sends nothing.

// MaxSponsorshipNote bounds a refusal's note, in characters.
const MaxSponsorshipNote = maxNote

// GrantSponsorship marks registration id as sponsored: the organisers pay
// its travel. A cancelled, rejected or erased registration cannot be.
func (s *Service) GrantSponsorship(ctx context.Context, c model.Conference, id int64, actor Actor) error {
	return s.decideSponsorship(ctx, c, id, model.SponsorshipGranted, "", actor)
}

// RefuseSponsorship refuses registration id's request for sponsorship (or
// withdraws a grant), with an optional note the e-mail passes on.
func (s *Service) RefuseSponsorship(ctx context.Context, c model.Conference, id int64, note string, actor Actor) error {
	note = clean(note)
	switch {
	case utf8.RuneCountInString(note) > MaxSponsorshipNote:
		return refuse(ErrNotAllowed, "The note is too long: at most %d characters.", MaxSponsorshipNote)
	case textfield.HasControl(note, true):
		return refuse(ErrNotAllowed, "Write the note as plain text.")
	}
	return s.decideSponsorship(ctx, c, id, model.SponsorshipRefused, note, actor)
}

func (s *Service) decideSponsorship(ctx context.Context, c model.Conference, id int64, state, note string, actor Actor) error {
	now := s.Now()
	sent := false
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		cur, err := tx.Registration(id)
		if err != nil {
			return err
		}
		switch {
		case cur.ConferenceID != c.ID:
			return store.ErrNotFound
		case cur.Sponsorship == state:
			return nil
		case !cur.ErasedAt.IsZero():
			return refuse(ErrNotAllowed, "The personal details of this registration were erased.")
		case state == model.SponsorshipGranted && (cur.Status == model.StatusCancelled || cur.Status == model.StatusRejected):
			return refuse(ErrNotAllowed, "A %s registration cannot be sponsored.", cur.Status)
		case state == model.SponsorshipRefused && cur.Sponsorship == "":
			return refuse(ErrNotAllowed, "There is no request for sponsorship to refuse.")
		}
		if err := tx.SetSponsorshipDecision(id, state, note, actor.Name, now); err != nil {
			return err
		}
		changes := map[string][2]string{"sponsorship": {cur.Sponsorship, state}}
		if note != "" || cur.SponsorshipNote != "" {
			changes["sponsorship_note"] = [2]string{cur.SponsorshipNote, note}
		}
		if err := tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
			Action: "sponsorship", Entity: "registration", EntityID: id, CreatedAt: now, Changes: changes}); err != nil {
			return err
		}
		cur.Sponsorship, cur.SponsorshipNote = state, note
		kind := mail.KindSponsorshipGranted
		if state == model.SponsorshipRefused {
			kind = mail.KindSponsorshipRefused
		}
		sent = true
		return s.enqueue(tx, kind, mail.Data{Conference: c, Registration: cur, Reason: strings.TrimSpace(note)}, now)
	})
	if err == nil && sent {
		s.notify()
	}
	return err
}

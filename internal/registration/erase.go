package registration

import (
	"context"
	"errors"
	"strings"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/store"
)

// ErrEraseConfirm: the reference typed to confirm an erasure is not the
// registration's.
var ErrEraseConfirm = errors.New("registration: erasure not confirmed")

// ErrErased: the registration's personal details are already erased.
var ErrErased = errors.New("registration: already erased")

// Erase erases registration id's personal details for good once confirm
// is its reference (case and spaces ignored), as store.Tx.EraseRegistration
// describes, and audits who did it, without values. The status stays as it
// was: reports count the registration as before (a confirmed place stays
// taken, which the organiser may cancel first), and only statistics
// remain. It returns the registration as it is after.
func (s *Service) Erase(ctx context.Context, c model.Conference, id int64, confirm string, actor Actor) (model.Registration, error) {
	now := s.Now()
	var after model.Registration
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		cur, err := tx.Registration(id)
		switch {
		case err != nil:
			return err
		case cur.ConferenceID != c.ID:
			return store.ErrNotFound
		case !cur.ErasedAt.IsZero():
			return ErrErased
		case !strings.EqualFold(strings.Join(strings.Fields(confirm), ""), cur.Reference):
			return ErrEraseConfirm
		}
		if _, err := tx.EraseRegistration(id, now); err != nil {
			return err
		}
		if err := tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
			Action: "erase", Entity: "registration", EntityID: id, CreatedAt: now}); err != nil {
			return err
		}
		after, err = tx.Registration(id)
		return err
	})
	return after, err
}

// requestErasure records r's owner's request for erasure.
func requestErasure(tx *store.Tx, c model.Conference, r model.Registration, actor Actor, now time.Time) error {
	if err := tx.RequestErasure(r.ID, now); err != nil {
		return err
	}
	return tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
		Action: "request_erasure", Entity: "registration", EntityID: r.ID, CreatedAt: now})
}

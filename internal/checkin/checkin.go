// Package checkin holds the rules of the check-in desk: what a scanned or
// typed code means, and when a person may be let in.
//
// A badge's QR holds its check-in code; staff may also type the reference
// (CTC-XXXXXX) from a confirmation e-mail. Only confirmed registrations are
// checked in. A second scan does not check in twice: it says when, and by
// whom, the first one was. Every check-in and undo is audited on the
// registration, so its history shows arrivals.
package checkin

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/store"
)

// State is the answer to a scan.
type State string

// The answers the desk shows.
const (
	CheckedIn    State = "checked-in"    // checked in now
	Already      State = "already"       // checked in before: when and by whom
	NotConfirmed State = "not-confirmed" // pending, waitlisted, cancelled or rejected
	Unknown      State = "unknown"       // no registration has this code
)

// Result is what the desk shows after a scan.
type Result struct {
	State        State
	Registration model.Registration
	Checkin      model.Checkin // the new check-in, or the earlier one for Already
}

// Find returns the conference's registration for a scanned check-in code
// or a typed reference.
func Find(ctx context.Context, st *store.Store, conferenceID int64, code string) (model.Registration, error) {
	code = strings.TrimSpace(code)
	r, err := st.RegistrationByCheckinCode(ctx, conferenceID, strings.ToUpper(code))
	if !errors.Is(err, store.ErrNotFound) {
		return r, err
	}
	if ref := registration.NormaliseReference(code); ref != "" {
		return st.RegistrationByReference(ctx, conferenceID, ref)
	}
	return r, store.ErrNotFound
}

// Scan checks in the person whose badge or reference is code, at the door
// (sessionID 0) or at a session, by user at now. Only a registration
// confirmed when the check-in commits is checked in.
func Scan(ctx context.Context, st *store.Store, conferenceID int64, code string, sessionID int64, user model.User, now time.Time) (Result, error) {
	r, err := Find(ctx, st, conferenceID, code)
	if errors.Is(err, store.ErrNotFound) {
		return Result{State: Unknown}, nil
	}
	if err != nil {
		return Result{}, err
	}
	var res Result
	err = st.Update(ctx, func(tx *store.Tx) error {
		// The status is read in the transaction that checks in: a
		// cancellation committed after the lookup above is seen here, and
		// one that comes later finds the check-in already made.
		r, err := tx.Registration(r.ID)
		if err != nil {
			return err
		}
		res = Result{Registration: r}
		if r.Status != model.StatusConfirmed {
			res.State = NotConfirmed
			return nil
		}
		earlier, err := tx.ActiveCheckin(r.ID, sessionID)
		if err == nil {
			res.State, res.Checkin = Already, earlier
			return nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		id, err := tx.CreateCheckin(r.ID, sessionID, user.ID, now)
		if err != nil {
			return err
		}
		res.State = CheckedIn
		res.Checkin = model.Checkin{ID: id, RegistrationID: r.ID, SessionID: sessionID, CheckedInAt: now, CheckedInBy: user.ID, ByEmail: user.Email}
		return tx.Audit(model.AuditEntry{ConferenceID: conferenceID, UserID: user.ID, Actor: user.Email, Action: "check_in",
			Entity: "registration", EntityID: r.ID, CreatedAt: now, Changes: where(sessionID)})
	})
	return res, err
}

// Undo cancels a check-in made by mistake.
func Undo(ctx context.Context, st *store.Store, conferenceID, checkinID int64, user model.User, now time.Time) (model.Checkin, error) {
	c, err := st.Checkin(ctx, checkinID)
	if err != nil {
		return c, err
	}
	err = st.Update(ctx, func(tx *store.Tx) error {
		if err := tx.UndoCheckin(checkinID, user.ID, now); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{ConferenceID: conferenceID, UserID: user.ID, Actor: user.Email, Action: "undo_check_in",
			Entity: "registration", EntityID: c.RegistrationID, CreatedAt: now, Changes: where(c.SessionID)})
	})
	return c, err
}

func where(sessionID int64) map[string][2]string {
	if sessionID == 0 {
		return map[string][2]string{"at": {"", "door"}}
	}
	return map[string][2]string{"at": {"", "session " + strconv.FormatInt(sessionID, 10)}}
}

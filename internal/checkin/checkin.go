// Package checkin holds the rules of the check-in desk: what a scanned or
// typed code means, and when a person may be let in.
//
// A badge's QR holds its check-in code; staff may also type the reference
// (CTC-XXXXXX) from a confirmation e-mail. Only confirmed registrations are
// checked in. A second scan does not check in twice: it says when, and by
// whom, the first one was. Every check-in and undo is audited on the
// registration, so its history shows arrivals.
//
// Someone without badge or reference is found by name: text that is no
// code is looked up as on the registrations desk (names, e-mail address and
// organisation, accents and case ignored) and the desk picks the person from the list, which
// shows country and organisation so namesakes can be told apart. The
// search needs two characters, so one keystroke does not list everyone,
// and lists at most MaxMatches people: more means typing more of the name.
package checkin

import (
	"context"
	"errors"
	"fmt"
	"net/url"
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
	Unknown      State = "unknown"       // no registration has this code or name
	Matches      State = "matches"       // no code, but names match: the desk picks one
)

// MaxMatches is the most people a name search lists.
const MaxMatches = 20

// minNameRunes is the shortest text looked up as a name.
const minNameRunes = 2

// Result is what the desk shows after a scan.
type Result struct {
	State        State
	Registration model.Registration
	Checkin      model.Checkin // the new check-in, or the earlier one for Already
	// SessionID is what the scan was for: 0 the arrival at the conference,
	// otherwise a session.
	SessionID int64
	// Matches are, for Matches, the registrations whose names hold every
	// word typed, by last name; MoreMatches counts those not listed.
	Matches     []model.Registration
	MoreMatches int
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
		return byName(ctx, st, conferenceID, code, sessionID)
	}
	if err != nil {
		return Result{}, err
	}
	res := Result{SessionID: sessionID}
	err = st.Update(ctx, func(tx *store.Tx) error {
		// The status is read in the transaction that checks in: a
		// cancellation committed after the lookup above is seen here, and
		// one that comes later finds the check-in already made.
		r, err := tx.Registration(r.ID)
		if err != nil {
			return err
		}
		res.Registration = r
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

// byName answers a scan whose text is no code: the registrations whose
// names match it, or Unknown when none does.
func byName(ctx context.Context, st *store.Store, conferenceID int64, text string, sessionID int64) (Result, error) {
	res := Result{State: Unknown, SessionID: sessionID}
	f := store.ParseRegistrationFilter(url.Values{"q": {text}, "sort": {"last_name"}})
	if len([]rune(strings.ReplaceAll(f.Q, " ", ""))) < minNameRunes {
		return res, nil
	}
	list, err := st.Registrations(ctx, conferenceID, f)
	if err != nil {
		return res, fmt.Errorf("checkin: search names: %w", err)
	}
	if len(list.Items) == 0 {
		return res, nil
	}
	res.State = Matches
	res.Matches = list.Items[:min(len(list.Items), MaxMatches)]
	res.MoreMatches = list.Total - len(res.Matches)
	return res, nil
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

// Arrival names a check-in at the door, the arrival at the conference.
const Arrival = "Arrival at the conference"

// Occasion names what a check-in with sessionID is for: Arrival for 0,
// otherwise the session's title from sessions.
func Occasion(sessions []model.Session, sessionID int64) string {
	if sessionID == 0 {
		return Arrival
	}
	for _, s := range sessions {
		if s.ID == sessionID {
			return s.Title
		}
	}
	return "session " + strconv.FormatInt(sessionID, 10) + " (no longer on the agenda)"
}

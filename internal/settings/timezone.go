package settings

import (
	"errors"
	"time"

	"confdesk/internal/localtime"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// Changing the conference's time zone
//
// Sessions and the registration window are stored as instants (UTC) but
// were typed as wall-clock times in the conference's zone. Saving a new
// zone alone would keep the instants and move every wall-clock time (a
// 20:00 reception to 21:00, a session onto a fourth day), and re-read the
// window in the new zone. So a change of zone is never saved silently: the
// settings form answers with a confirmation step that shows, session by
// session, what each choice does, and the organiser picks one:
//
//   - KeepLocalTimes, the usual intent (the zone was set wrong, or the
//     venue moved): every session and the registration window keep their
//     wall-clock times, now in the new zone, so their instants move.
//   - KeepInstants (the moments were right, only the display was wrong):
//     instants stay; the wall-clock times shown change.
//
// Either way the conversion is one transaction with the settings, and a
// change is refused, with the sessions named, if it would put a session
// that was within the conference's days outside them, make a session cross
// midnight (the session form cannot hold one), or give a session a
// wall-clock time the new zone skips (localtime).

// ZoneChange is how a change of the conference's time zone treats the
// times already set; it is the value of the form field ZoneChangeField.
type ZoneChange string

// The two ways to change the zone.
const (
	KeepLocalTimes ZoneChange = "keep-local"
	KeepInstants   ZoneChange = "keep-instants"
)

// ZoneChangeField is the form field that carries the organiser's choice.
const ZoneChangeField = "zone_change"

// SessionMove is what a change of zone does to one session.
type SessionMove struct {
	Session    model.Session // as stored now
	Starts     time.Time     // its new start
	Ends       time.Time     // its new end
	OldLocal   string        // "Mon 15 Mar 09:00–10:30" in the old zone
	NewLocal   string        // the same in the new zone, after the change
	Problem    string        // why this session prevents the change, or ""
	InstantsBy time.Duration // how far its instants move
}

// ZonePlan is the outcome of one way of changing the zone.
type ZonePlan struct {
	Mode     ZoneChange
	Moves    []SessionMove // every session, in time order
	Problems int           // how many sessions prevent the change
}

// Moved counts the sessions whose instants or shown times change.
func (p ZonePlan) Moved() int {
	n := 0
	for _, m := range p.Moves {
		if m.InstantsBy != 0 || m.OldLocal != m.NewLocal {
			n++
		}
	}
	return n
}

// PlanZoneChange works out what changing the conference cur into next (a
// new time zone, perhaps new dates) does to sessions under mode.
func PlanZoneChange(cur, next model.Conference, sessions []model.Session, mode ZoneChange) ZonePlan {
	from, to := cur.Location(), next.Location()
	plan := ZonePlan{Mode: mode}
	for _, s := range sessions {
		m := SessionMove{Session: s, Starts: s.StartsAt, Ends: s.EndsAt, OldLocal: span(s.StartsAt, s.EndsAt, from)}
		if mode == KeepLocalTimes {
			starts, ok1 := localtime.Move(s.StartsAt, from, to)
			ends, ok2 := localtime.Move(s.EndsAt, from, to)
			if !ok1 || !ok2 {
				m.Problem = "Its time does not exist in " + to.String() + " on that day: the clocks go forward. Move the session first."
			} else {
				m.Starts, m.Ends = starts.UTC(), ends.UTC()
			}
		}
		m.NewLocal = span(m.Starts, m.Ends, to)
		m.InstantsBy = m.Starts.Sub(s.StartsAt)
		if m.Problem == "" {
			m.Problem = outsideProblem(cur, next, s, m)
		}
		if m.Problem != "" {
			plan.Problems++
		}
		plan.Moves = append(plan.Moves, m)
	}
	return plan
}

// outsideProblem says why a session's new times do not fit the conference,
// when they fit before the change.
func outsideProblem(cur, next model.Conference, s model.Session, m SessionMove) string {
	from, to := cur.Location(), next.Location()
	oldDay, newDay := s.StartsAt.In(from).Format(time.DateOnly), m.Starts.In(to).Format(time.DateOnly)
	oldEndDay, newEndDay := s.EndsAt.In(from).Add(-time.Nanosecond).Format(time.DateOnly), m.Ends.In(to).Add(-time.Nanosecond).Format(time.DateOnly)
	wasInside := oldDay >= cur.StartDate && oldDay <= cur.EndDate
	switch {
	case wasInside && (newDay < next.StartDate || newDay > next.EndDate):
		return "It would fall on " + m.Starts.In(to).Format("Mon 2 January") + ", outside the conference's days."
	case oldDay == oldEndDay && newDay != newEndDay:
		return "It would run past midnight, which a session cannot do."
	}
	return ""
}

// span formats a session's times in loc for people.
func span(start, end time.Time, loc *time.Location) string {
	return start.In(loc).Format("Mon 2 Jan 15:04") + "–" + end.In(loc).Format("15:04")
}

// ErrZoneChoice is returned by ChangeZone when the change of zone waits for
// the organiser's choice, or the choice made is refused: nothing is saved,
// and the ZoneChoice returned says what each choice would do.
var ErrZoneChoice = errors.New("settings: the change of time zone needs a choice")

// ZoneChoice is the confirmation step of a change of zone: what each way
// would do, and the way chosen once it has been applied.
type ZoneChoice struct {
	From, To string // the zones' IANA names
	Local    ZonePlan
	Instants ZonePlan
	Chosen   ZoneChange // set once applied; "" while asking
	Refused  bool       // the way asked for was refused (see the plan's Problems)
}

// ChangeZone carries the sessions through a change of the conference from
// cur to next, inside the transaction that saves next, as mode says. With
// no change of zone it does nothing. Without a valid mode, or when the
// chosen way is refused, it returns ErrZoneChoice and changes nothing.
// Each moved session gets an audit line by actor.
func ChangeZone(tx *store.Tx, cur, next model.Conference, mode ZoneChange, actor model.User, now time.Time) (ZoneChoice, error) {
	if cur.TimeZone == next.TimeZone {
		return ZoneChoice{}, nil
	}
	sessions, err := tx.Sessions(cur.ID, false)
	if err != nil {
		return ZoneChoice{}, err
	}
	choice := ZoneChoice{From: cur.TimeZone, To: next.TimeZone,
		Local:    PlanZoneChange(cur, next, sessions, KeepLocalTimes),
		Instants: PlanZoneChange(cur, next, sessions, KeepInstants)}
	var plan ZonePlan
	switch mode {
	case KeepLocalTimes:
		plan = choice.Local
	case KeepInstants:
		plan = choice.Instants
	default:
		return choice, ErrZoneChoice
	}
	if plan.Problems > 0 {
		choice.Refused = true
		return choice, ErrZoneChoice
	}
	for _, m := range plan.Moves {
		if m.InstantsBy == 0 {
			continue
		}
		if err := tx.MoveSession(m.Session.ID, m.Starts, m.Ends, now); err != nil {
			return choice, err
		}
		err := tx.Audit(model.AuditEntry{ConferenceID: cur.ID, UserID: actor.ID, Actor: actor.Email, Action: "update",
			Entity: "session", EntityID: m.Session.ID, CreatedAt: now, Changes: map[string][2]string{
				"starts_at": {m.Session.StartsAt.UTC().Format(time.RFC3339), m.Starts.UTC().Format(time.RFC3339)},
				"ends_at":   {m.Session.EndsAt.UTC().Format(time.RFC3339), m.Ends.UTC().Format(time.RFC3339)},
				"timezone":  {cur.TimeZone, next.TimeZone + " (" + string(mode) + ")"},
			}})
		if err != nil {
			return choice, err
		}
	}
	choice.Chosen = mode
	return choice, nil
}

// Package registration holds the rules of registering for a conference,
// free of HTTP: the registration window, capacity and the waiting list.
package registration

import (
	"time"

	"confdesk/internal/model"
)

// Phase says whether the public form takes registrations now.
type Phase int

// The phases of the registration window.
const (
	NotYetOpen Phase = iota // before RegistrationOpens
	Open                    // places remain
	Full                    // open, but new registrations join the waiting list
	Closed                  // after RegistrationCloses
)

// Window is the state of registration at one instant.
type Window struct {
	Phase       Phase
	Opens       time.Time // when a NotYetOpen window opens
	Closes      time.Time // zero when no closing time is set
	PlacesLeft  int       // capacity minus pending and confirmed, never below 0
	Capacity    int
	ActiveCount int // pending + confirmed: what capacity counts
}

// WindowAt returns the registration state of c at now, given how many
// places are taken (store.ActiveCount).
func WindowAt(c model.Conference, active int, now time.Time) Window {
	w := Window{Opens: c.RegistrationOpens, Closes: c.RegistrationCloses, Capacity: c.Capacity,
		ActiveCount: active, PlacesLeft: max(0, c.Capacity-active)}
	switch {
	case !c.RegistrationOpens.IsZero() && now.Before(c.RegistrationOpens):
		w.Phase = NotYetOpen
	case !c.RegistrationCloses.IsZero() && !now.Before(c.RegistrationCloses):
		w.Phase = Closed
	case w.PlacesLeft == 0:
		w.Phase = Full
	default:
		w.Phase = Open
	}
	return w
}

// Accepting reports whether the form takes submissions (onto the waiting list when full).
func (w Window) Accepting() bool { return w.Phase == Open || w.Phase == Full }

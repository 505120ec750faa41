package auth

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"confdesk/internal/model"
	"confdesk/internal/store"
)

// ErrInvalidCredentials is the one answer to a failed login, whether the
// e-mail is unknown, the password wrong or the account deactivated.
var ErrInvalidCredentials = errors.New("auth: wrong e-mail or password")

// dummyHash is compared against when the e-mail is unknown, so a failed
// login takes as long whether or not the account exists. It is made on
// first use, not at start-up, where it would cost a quarter of a second.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("confdesk-dummy-password"), hashCost())
	return h
})

// Authenticate returns the active account for email and password.
func Authenticate(ctx context.Context, st *store.Store, email, password string) (model.User, error) {
	u, err := st.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return model.User{}, ErrInvalidCredentials
	}
	if err != nil {
		return model.User{}, err
	}
	if !CheckPassword(u.PasswordHash, password) || !u.Active {
		return model.User{}, ErrInvalidCredentials
	}
	return u, nil
}

// Role groups: who may use each area of the console. Admins may use everything.
var (
	// Organisers run registrations, the agenda, reports, badges and settings.
	Organisers = []string{model.UserAdmin, model.UserOrganiser}
	// Desk staff check people in at the door.
	Desk = []string{model.UserAdmin, model.UserOrganiser, model.UserCheckin}
	// PressStaff keep the press room.
	PressStaff = []string{model.UserAdmin, model.UserOrganiser, model.UserPressOfficer}
	// Admins manage accounts and read the audit log.
	Admins = []string{model.UserAdmin}
	// AnyUser is every signed-in account.
	AnyUser = model.UserRoles
)

// Allowed reports whether role is one of roles.
func Allowed(role string, roles []string) bool { return slices.Contains(roles, role) }

// Home is where an account lands after logging in: the first area its role may use.
func Home(role string) string {
	switch role {
	case model.UserCheckin:
		return "/admin/checkin"
	case model.UserPressOfficer:
		return "/admin/press"
	}
	return "/admin"
}

// Limits on logging in. Every attempt is counted before its password is
// checked, so that a burst of simultaneous guesses cannot all slip past a
// check made before the slow bcrypt comparison.
const (
	// AddressMax attempts per AddressWindow from one client address.
	AddressMax    = 5
	AddressWindow = 15 * time.Minute
	// AccountMax wrong guesses per AccountWindow for one account from every
	// browser without its device cookie, all addresses together. Past it
	// those browsers' guesses are refused unchecked, while the account's
	// owner, on a browser that has logged in before, still gets in (OWASP's
	// "device cookies"): an attacker can no longer lock staff out.
	AccountMax    = 100
	AccountWindow = time.Hour
	// DeviceMax wrong passwords per DeviceWindow on one device cookie; past
	// it the cookie counts for nothing and its browser is a stranger again.
	DeviceMax    = 5
	DeviceWindow = 15 * time.Minute
)

// Throttle counts login attempts per client address, per account (from
// browsers without the account's device cookie) and per device cookie. It
// lives in memory: a restart forgets it, which only helps someone who can
// restart the server.
type Throttle struct {
	Now func() time.Time

	mu      sync.Mutex
	address window
	account window
	device  window
	begun   int
}

// sweepEvery is how many attempts pass between sweeps of every key, so
// that addresses and e-mails tried once and never again do not stay in
// memory for ever.
const sweepEvery = 1024

// NewThrottle returns the console's login throttle with the limits above.
func NewThrottle(now func() time.Time) *Throttle {
	return &Throttle{Now: now,
		address: newWindow(AddressMax, AddressWindow),
		account: newWindow(AccountMax, AccountWindow),
		device:  newWindow(DeviceMax, DeviceWindow),
	}
}

// Attempt is one login attempt, already counted against its limits.
type Attempt struct {
	t    *Throttle
	at   time.Time
	keys []windowKey
}

type windowKey struct {
	w   *window
	key string
}

// Begin counts an attempt to log in as email from the client address ip,
// from a browser holding a valid device cookie device for that account
// ("" when it holds none). It returns the attempt, or, when a limit is
// reached, false and when the earliest limit in the way lifts; a refused
// attempt is not counted and its password must not be checked.
func (t *Throttle) Begin(email, ip, device string) (*Attempt, bool, time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.Now()
	if t.begun++; t.begun%sweepEvery == 0 {
		t.address.sweep(now)
		t.account.sweep(now)
		t.device.sweep(now)
	}
	keys := []windowKey{{&t.address, "ip:" + ip}}
	if device != "" && t.device.full(device, now).IsZero() {
		keys = append(keys, windowKey{&t.device, device})
	} else {
		keys = append(keys, windowKey{&t.account, strings.ToLower(strings.TrimSpace(email))})
	}
	var until time.Time
	for _, k := range keys {
		if u := k.w.full(k.key, now); u.After(until) {
			until = u
		}
	}
	if !until.IsZero() {
		return nil, false, until
	}
	for _, k := range keys {
		k.w.add(k.key, now)
	}
	return &Attempt{t: t, at: now, keys: keys}, true, time.Time{}
}

// Succeeded takes back the attempt: a right password is no guess. Earlier
// failures stay counted, so that the owner logging in does not reopen the
// account to an attacker.
func (a *Attempt) Succeeded() {
	a.t.mu.Lock()
	defer a.t.mu.Unlock()
	for _, k := range a.keys {
		k.w.remove(k.key, a.at)
	}
}

// window counts events per key over a sliding span of time.
type window struct {
	max  int
	span time.Duration
	hits map[string][]time.Time
}

func newWindow(max int, span time.Duration) window {
	return window{max: max, span: span, hits: map[string][]time.Time{}}
}

// full returns when key drops below max again, or the zero time when it is
// below max now.
func (w *window) full(key string, now time.Time) time.Time {
	recent := w.prune(key, now)
	if len(recent) < w.max {
		return time.Time{}
	}
	return recent[len(recent)-w.max].Add(w.span)
}

func (w *window) add(key string, now time.Time) {
	w.hits[key] = append(w.prune(key, now), now)
}

// remove takes one event at t off key's list.
func (w *window) remove(key string, t time.Time) {
	list := w.hits[key]
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].Equal(t) {
			w.hits[key] = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	if len(w.hits[key]) == 0 {
		delete(w.hits, key)
	}
}

// sweep prunes every key, dropping those left empty.
func (w *window) sweep(now time.Time) {
	for key := range w.hits {
		w.prune(key, now)
	}
}

// prune drops events older than the span and returns the rest.
func (w *window) prune(key string, now time.Time) []time.Time {
	list := w.hits[key]
	i := 0
	for i < len(list) && !list[i].After(now.Add(-w.span)) {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(w.hits, key)
		return nil
	}
	w.hits[key] = list
	return list
}

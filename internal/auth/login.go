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
	h, _ := bcrypt.GenerateFromPassword([]byte("confdesk-dummy-password"), BcryptCost)
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

// Throttle counts failed logins per e-mail and per client address. After
// Max failures for either within Window, further attempts are refused
// until the oldest failure leaves the window. It lives in memory: a
// restart forgets it, which only helps someone who can restart the server.
type Throttle struct {
	Max    int
	Window time.Duration
	Now    func() time.Time

	mu       sync.Mutex
	failures map[string][]time.Time
}

// NewThrottle returns the console's login throttle: 5 failures in 15 minutes.
func NewThrottle(now func() time.Time) *Throttle {
	return &Throttle{Max: 5, Window: 15 * time.Minute, Now: now, failures: map[string][]time.Time{}}
}

func throttleKeys(email, ip string) []string {
	return []string{"email:" + strings.ToLower(strings.TrimSpace(email)), "ip:" + ip}
}

// Blocked reports whether a login for email from ip must wait, and until when.
func (t *Throttle) Blocked(email, ip string) (bool, time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.Now()
	var until time.Time
	for _, k := range throttleKeys(email, ip) {
		recent := t.prune(k, now)
		if len(recent) >= t.Max {
			if u := recent[len(recent)-t.Max].Add(t.Window); u.After(until) {
				until = u
			}
		}
	}
	return !until.IsZero(), until
}

// Fail records a failed login.
func (t *Throttle) Fail(email, ip string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.Now()
	for _, k := range throttleKeys(email, ip) {
		t.failures[k] = append(t.prune(k, now), now)
	}
}

// Succeed forgets the failures of an e-mail once its owner logs in.
func (t *Throttle) Succeed(email string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.failures, throttleKeys(email, "")[0])
}

// prune drops failures older than the window and returns the rest.
func (t *Throttle) prune(key string, now time.Time) []time.Time {
	list := t.failures[key]
	i := 0
	for i < len(list) && !list[i].After(now.Add(-t.Window)) {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(t.failures, key)
		return nil
	}
	t.failures[key] = list
	return list
}

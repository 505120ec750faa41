package checkin

import (
	"crypto/rand"
	"sync"
	"time"
)

// AnswerTTL is how long the answer to a scan can be shown again (a reload
// of the desk's page, a second look before the next person steps up).
const AnswerTTL = 10 * time.Minute

// maxAnswers bounds the answers kept: far more than every desk of a
// conference scans in AnswerTTL, so that nothing a desk needs is dropped,
// while a runaway client cannot grow the map without end.
const maxAnswers = 20_000

// Answers keeps the answer to each scan for a short while, under a random
// id that the scan redirects to, tied to the desk's web session. The page
// that shows an answer takes the id, never a registration's number: a
// check-in account sees what its own scans produced and nothing else, and
// cannot walk the registrations by number. Answers live
// in memory only: they matter for minutes, and a restart loses nothing a
// desk cannot get again by scanning.
type Answers struct {
	now func() time.Time
	mu  sync.Mutex
	m   map[string]answer
}

type answer struct {
	owner   string
	result  Result
	code    string
	expires time.Time
}

// NewAnswers returns an empty store of answers on the clock now.
func NewAnswers(now func() time.Time) *Answers {
	return &Answers{now: now, m: map[string]answer{}}
}

// Put keeps the answer to a scan of code for the web session owner and
// returns its id.
func (a *Answers) Put(owner string, res Result, code string) string {
	id := rand.Text()
	now := a.now()
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.m) >= maxAnswers {
		a.sweep(now)
	}
	for k := range a.m {
		if len(a.m) < maxAnswers {
			break
		}
		delete(a.m, k) // still full of live answers: drop any one
	}
	a.m[id] = answer{owner: owner, result: res, code: code, expires: now.Add(AnswerTTL)}
	return id
}

// Get returns the answer kept under id for owner; ok is false when there
// is none, it belongs to another session, or it has expired.
func (a *Answers) Get(owner, id string) (res Result, code string, ok bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	ans, found := a.m[id]
	if !found || ans.owner != owner || !a.now().Before(ans.expires) {
		return Result{}, "", false
	}
	return ans.result, ans.code, true
}

// sweep drops expired answers; a.mu is held.
func (a *Answers) sweep(now time.Time) {
	for k, ans := range a.m {
		if !now.Before(ans.expires) {
			delete(a.m, k)
		}
	}
}

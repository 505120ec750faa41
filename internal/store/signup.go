package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// ErrSessionFull is returned when a session's sign-up limit is reached.
var ErrSessionFull = errors.New("store: session full")

// SessionFullError names the session that had no place left; it matches
// ErrSessionFull with errors.Is.
type SessionFullError struct {
	SessionID int64
	Title     string
}

func (e *SessionFullError) Error() string {
	return fmt.Sprintf("store: session %d %q is full", e.SessionID, e.Title)
}

// Unwrap makes errors.Is(err, ErrSessionFull) true.
func (e *SessionFullError) Unwrap() error { return ErrSessionFull }

// SignedUpSessions returns the ids of the sessions a registration signed up
// for, in no particular order.
func (rd reader) SignedUpSessions(ctx context.Context, registrationID int64) ([]int64, error) {
	rows, err := rd.q.QueryContext(ctx, `SELECT session_id FROM session_signups WHERE registration_id = ?`, registrationID)
	if err != nil {
		return nil, fmt.Errorf("store: sign-ups of registration %d: %w", registrationID, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: sign-ups of registration %d: %w", registrationID, err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// confirmedSignups counts the places a session's sign-ups take: only
// confirmed participants hold one, so a cancelled registration's place
// goes back to the others without anyone deleting its sign-ups.
const confirmedSignups = `SELECT count(*) FROM session_signups su
	JOIN registrations r ON r.id = su.registration_id
	WHERE su.session_id = ? AND r.status = 'confirmed'`

// SignupCounts returns how many confirmed participants signed up for each
// session of the conference that has any.
func (s *Store) SignupCounts(ctx context.Context, conferenceID int64) (map[int64]int, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT su.session_id, count(*) FROM session_signups su
		JOIN registrations r ON r.id = su.registration_id
		JOIN sessions s ON s.id = su.session_id
		WHERE s.conference_id = ? AND r.status = 'confirmed'
		GROUP BY su.session_id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: sign-up counts: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store: sign-up counts: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// SetSignups makes sessionIDs a registration's whole personal agenda: the
// sign-ups not in it are removed and the new ones added. A new sign-up for
// a session with a limit (capacity > 0) that confirmed participants already
// fill gives *SessionFullError, and the caller's transaction is rolled back
// whole. First come, first served holds because the count and the insert
// run in this one write transaction and the database has a single writer:
// two participants cannot both take the last place. Only published
// sessions can be added; another id gives ErrNotFound.
func (tx *Tx) SetSignups(registrationID int64, sessionIDs []int64, now time.Time) (added, removed []int64, err error) {
	current, err := tx.read.SignedUpSessions(tx.ctx, registrationID)
	if err != nil {
		return nil, nil, err
	}
	for _, id := range current {
		if !slices.Contains(sessionIDs, id) {
			removed = append(removed, id)
		}
	}
	for _, id := range sessionIDs {
		if !slices.Contains(current, id) && !slices.Contains(added, id) {
			added = append(added, id)
		}
	}
	for _, id := range removed {
		if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM session_signups WHERE session_id = ? AND registration_id = ?`,
			id, registrationID); err != nil {
			return nil, nil, fmt.Errorf("store: remove sign-up %d of registration %d: %w", id, registrationID, err)
		}
	}
	for _, id := range added {
		var title string
		var capacity int
		var published bool
		if err := tx.tx.QueryRowContext(tx.ctx, `SELECT title, capacity, published FROM sessions WHERE id = ?`, id).
			Scan(&title, &capacity, &published); err != nil {
			return nil, nil, notFound(err, fmt.Sprintf("session %d for sign-up", id))
		}
		if !published {
			return nil, nil, fmt.Errorf("store: sign up for unpublished session %d: %w", id, ErrNotFound)
		}
		if capacity > 0 {
			var taken int
			if err := tx.tx.QueryRowContext(tx.ctx, confirmedSignups, id).Scan(&taken); err != nil {
				return nil, nil, fmt.Errorf("store: count sign-ups of session %d: %w", id, err)
			}
			if taken >= capacity {
				return nil, nil, &SessionFullError{SessionID: id, Title: title}
			}
		}
		if _, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO session_signups (session_id, registration_id, created_at)
			VALUES (?, ?, ?)`, id, registrationID, ts(now)); err != nil {
			return nil, nil, fmt.Errorf("store: sign registration %d up for session %d: %w", registrationID, id, err)
		}
	}
	return added, removed, nil
}

// SessionRef names a session.
type SessionRef struct {
	ID    int64
	Title string
}

// DropTakenSignups removes a registration's sign-ups for sessions whose
// places confirmed participants other than it now fill, and returns those
// sessions in time order. It is for a registration becoming confirmed
// again: its old sign-ups held no place while it was not confirmed, and
// others may have taken them meanwhile. Counting and deleting in the
// caller's write transaction keeps first come, first served (SetSignups).
func (tx *Tx) DropTakenSignups(registrationID int64) ([]SessionRef, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, `SELECT s.id, s.title FROM session_signups su
		JOIN sessions s ON s.id = su.session_id
		WHERE su.registration_id = ? AND s.capacity > 0
		AND (SELECT count(*) FROM session_signups o JOIN registrations r ON r.id = o.registration_id
			WHERE o.session_id = s.id AND o.registration_id <> su.registration_id AND r.status = 'confirmed') >= s.capacity
		ORDER BY s.starts_at, s.id`, registrationID)
	if err != nil {
		return nil, fmt.Errorf("store: taken sign-ups of registration %d: %w", registrationID, err)
	}
	var taken []SessionRef
	for rows.Next() {
		var ref SessionRef
		if err := rows.Scan(&ref.ID, &ref.Title); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: taken sign-ups of registration %d: %w", registrationID, err)
		}
		taken = append(taken, ref)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: taken sign-ups of registration %d: %w", registrationID, err)
	}
	for _, ref := range taken {
		if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM session_signups WHERE session_id = ? AND registration_id = ?`,
			ref.ID, registrationID); err != nil {
			return nil, fmt.Errorf("store: drop sign-up %d of registration %d: %w", ref.ID, registrationID, err)
		}
	}
	return taken, nil
}

// SignedUpSessions returns the ids of the sessions a registration signed
// up for, inside the transaction.
func (tx *Tx) SignedUpSessions(registrationID int64) ([]int64, error) {
	return tx.read.SignedUpSessions(tx.ctx, registrationID)
}

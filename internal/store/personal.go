package store

import (
	"context"
	"fmt"
)

// PersonalCheckin is one arrival of a person, as their data export shows it.
type PersonalCheckin struct {
	At       string `json:"at"`
	Session  string `json:"session"` // "" for the main entrance
	UndoneAt string `json:"undone_at,omitempty"`
}

// PersonalCheckins returns registration id's check-ins, oldest first.
func (s *Store) PersonalCheckins(ctx context.Context, id int64) ([]PersonalCheckin, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT c.checked_in_at, coalesce(s.title, ''), coalesce(c.undone_at, '')
		FROM checkins c LEFT JOIN sessions s ON s.id = c.session_id WHERE c.registration_id = ? ORDER BY c.id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: check-ins of %d: %w", id, err)
	}
	defer rows.Close()
	out := []PersonalCheckin{}
	for rows.Next() {
		var c PersonalCheckin
		if err := rows.Scan(&c.At, &c.Session, &c.UndoneAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// PersonalSession is a session a person signed up for.
type PersonalSession struct {
	Title    string `json:"title"`
	StartsAt string `json:"starts_at"`
	ChosenAt string `json:"chosen_at"`
}

// PersonalSessions returns the sessions registration id chose, in programme order.
func (s *Store) PersonalSessions(ctx context.Context, id int64) ([]PersonalSession, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT s.title, s.starts_at, g.created_at FROM session_signups g
		JOIN sessions s ON s.id = g.session_id WHERE g.registration_id = ? ORDER BY s.starts_at, s.id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: sessions of %d: %w", id, err)
	}
	defer rows.Close()
	out := []PersonalSession{}
	for rows.Next() {
		var p PersonalSession
		if err := rows.Scan(&p.Title, &p.StartsAt, &p.ChosenAt); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PersonalHistory is one audit entry about a person, its actor named by role.
type PersonalHistory struct {
	At      string `json:"at"`
	Actor   string `json:"actor"` // a role ("organiser"), "participant" or "system"
	Action  string `json:"action"`
	Changes string `json:"changes"` // JSON: field -> [old, new], passport numbers masked
}

// PersonalHistory returns the audit entries about registration id, oldest
// first, with each staff actor replaced by their account's role: the
// person learns what kind of staff acted, not who (nor their address).
func (s *Store) PersonalHistory(ctx context.Context, id int64) ([]PersonalHistory, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT a.created_at,
		CASE WHEN a.user_id IS NOT NULL THEN coalesce(u.role, 'staff')
		     WHEN a.actor IN ('participant', 'system') THEN a.actor ELSE 'staff' END,
		a.action, a.changes
		FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
		WHERE a.entity = 'registration' AND a.entity_id = ? ORDER BY a.id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: history of %d: %w", id, err)
	}
	defer rows.Close()
	out := []PersonalHistory{}
	for rows.Next() {
		var h PersonalHistory
		if err := rows.Scan(&h.At, &h.Actor, &h.Action, &h.Changes); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"confdesk/internal/model"
)

// RegistrationByCheckinCode returns the conference's registration whose badge carries code.
func (s *Store) RegistrationByCheckinCode(ctx context.Context, conferenceID int64, code string) (model.Registration, error) {
	r, err := scanRegistration(s.db.Read.QueryRowContext(ctx, `SELECT `+registrationColumns+` FROM registrations
		WHERE conference_id = ? AND checkin_code = ?`, conferenceID, code))
	if err != nil {
		return r, notFound(err, "registration by check-in code")
	}
	return r, nil
}

// RegistrationByReference returns the conference's registration with reference ref (CTC-XXXXXX).
func (s *Store) RegistrationByReference(ctx context.Context, conferenceID int64, ref string) (model.Registration, error) {
	r, err := scanRegistration(s.db.Read.QueryRowContext(ctx, `SELECT `+registrationColumns+` FROM registrations
		WHERE conference_id = ? AND reference = ?`, conferenceID, ref))
	if err != nil {
		return r, notFound(err, "registration by reference")
	}
	return r, nil
}

const checkinColumns = `c.id, c.registration_id, coalesce(c.session_id, 0), c.checked_in_at, coalesce(c.checked_in_by, 0),
	coalesce(u.email, ''), c.undone_at`

func scanCheckin(row scanner) (model.Checkin, error) {
	var c model.Checkin
	var at, undone sql.NullString
	if err := row.Scan(&c.ID, &c.RegistrationID, &c.SessionID, &at, &c.CheckedInBy, &c.ByEmail, &undone); err != nil {
		return c, err
	}
	return c, parseTimes(timeField{at, &c.CheckedInAt}, timeField{undone, &c.UndoneAt})
}

// ActiveCheckin returns the registration's check-in that was not undone, at
// the door (sessionID 0) or at a session, inside the transaction.
func (tx *Tx) ActiveCheckin(registrationID, sessionID int64) (model.Checkin, error) {
	c, err := scanCheckin(tx.tx.QueryRowContext(tx.ctx, `SELECT `+checkinColumns+` FROM checkins c
		LEFT JOIN users u ON u.id = c.checked_in_by
		WHERE c.registration_id = ? AND coalesce(c.session_id, 0) = ? AND c.undone_at IS NULL
		ORDER BY c.id LIMIT 1`, registrationID, sessionID))
	if err != nil {
		return c, notFound(err, "active check-in")
	}
	return c, nil
}

// CreateCheckin records an arrival and returns its id.
func (tx *Tx) CreateCheckin(registrationID, sessionID, userID int64, at time.Time) (int64, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO checkins (registration_id, session_id, checked_in_at, checked_in_by)
		VALUES (?, ?, ?, ?)`, registrationID, nullID(sessionID), ts(at), nullID(userID))
	if err != nil {
		return 0, fmt.Errorf("store: check in registration %d: %w", registrationID, err)
	}
	return res.LastInsertId()
}

// Checkin returns one check-in.
func (s *Store) Checkin(ctx context.Context, id int64) (model.Checkin, error) {
	c, err := scanCheckin(s.db.Read.QueryRowContext(ctx, `SELECT `+checkinColumns+` FROM checkins c
		LEFT JOIN users u ON u.id = c.checked_in_by WHERE c.id = ?`, id))
	if err != nil {
		return c, notFound(err, fmt.Sprintf("check-in %d", id))
	}
	return c, nil
}

// UndoCheckin marks a check-in as undone; it returns ErrNotFound when it is unknown or undone already.
func (tx *Tx) UndoCheckin(id, userID int64, at time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE checkins SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL`,
		ts(at), nullID(userID), id)
	if err != nil {
		return fmt.Errorf("store: undo check-in %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// CheckedIn reports whether the registration has arrived at the door or any session (not undone).
func (s *Store) CheckedIn(ctx context.Context, registrationID int64) (bool, error) {
	var n int
	if err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM checkins WHERE registration_id = ? AND undone_at IS NULL`,
		registrationID).Scan(&n); err != nil {
		return false, fmt.Errorf("store: checked in: %w", err)
	}
	return n > 0, nil
}

// CheckinCounts returns how many people have arrived at the door and at each session.
func (s *Store) CheckinCounts(ctx context.Context, conferenceID int64) (door int, perSession map[int64]int, err error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT coalesce(c.session_id, 0), count(DISTINCT c.registration_id)
		FROM checkins c JOIN registrations r ON r.id = c.registration_id
		WHERE r.conference_id = ? AND c.undone_at IS NULL GROUP BY coalesce(c.session_id, 0)`, conferenceID)
	if err != nil {
		return 0, nil, fmt.Errorf("store: check-in counts: %w", err)
	}
	defer rows.Close()
	perSession = map[int64]int{}
	for rows.Next() {
		var sid int64
		var n int
		if err := rows.Scan(&sid, &n); err != nil {
			return 0, nil, fmt.Errorf("store: check-in counts: %w", err)
		}
		if sid == 0 {
			door = n
		} else {
			perSession[sid] = n
		}
	}
	return door, perSession, rows.Err()
}

// MarkBadgesPrinted records that the registrations' badges were printed at now.
func (tx *Tx) MarkBadgesPrinted(ids []int64, now time.Time) error {
	for _, id := range ids {
		if _, err := tx.tx.ExecContext(tx.ctx, `UPDATE registrations SET badge_printed_at = ? WHERE id = ?`, ts(now), id); err != nil {
			return fmt.Errorf("store: mark badge %d printed: %w", id, err)
		}
	}
	return nil
}

// RegistrationsCheckedIn returns the conference's registrations checked in
// at least once (not undone), by last and first name.
func (s *Store) RegistrationsCheckedIn(ctx context.Context, conferenceID int64) ([]model.Registration, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+registrationColumns+` FROM registrations r
		WHERE conference_id = ? AND EXISTS (SELECT 1 FROM checkins c WHERE c.registration_id = r.id AND c.undone_at IS NULL)
		ORDER BY `+nameOrder, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: registrations checked in: %w", err)
	}
	defer rows.Close()
	var out []model.Registration
	for rows.Next() {
		r, err := scanRegistration(rows)
		if err != nil {
			return nil, fmt.Errorf("store: registrations checked in: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

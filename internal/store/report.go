package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"confdesk/internal/model"
)

// ListedParticipants returns the registrations that may appear in the list
// of participants: confirmed, with the person's consent to be listed. The
// consent is tested here, in the query, so that no one else is ever loaded
// for the list.
func (s *Store) ListedParticipants(ctx context.Context, conferenceID int64) ([]model.Registration, error) {
	var out []model.Registration
	err := s.eachRegistration(ctx, `SELECT `+registrationColumns+` FROM registrations
		WHERE conference_id = ? AND status = 'confirmed' AND list_consent = 1
		ORDER BY `+nameOrder, []any{conferenceID},
		func(r model.Registration) error {
			out = append(out, r)
			return nil
		})
	return out, err
}

// DoorArrivals returns every arrival at the door (not at a session) that
// was not undone, oldest first: registration and time only.
func (s *Store) DoorArrivals(ctx context.Context, conferenceID int64) ([]model.Checkin, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT c.id, c.registration_id, c.checked_in_at
		FROM checkins c JOIN registrations r ON r.id = c.registration_id
		WHERE r.conference_id = ? AND c.session_id IS NULL AND c.undone_at IS NULL
		ORDER BY c.checked_in_at, c.id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: door arrivals: %w", err)
	}
	defer rows.Close()
	var out []model.Checkin
	for rows.Next() {
		var c model.Checkin
		var at sql.NullString
		if err := rows.Scan(&c.ID, &c.RegistrationID, &at); err != nil {
			return nil, fmt.Errorf("store: door arrivals: %w", err)
		}
		if err := parseTimes(timeField{at, &c.CheckedInAt}); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SessionAttendance is how many people signed up for a session and how many came.
type SessionAttendance struct {
	// Signups counts confirmed participants' sign-ups: only they hold a
	// place, as the sign-up rules count it.
	Signups int
	// Attended counts the people checked in at the session (not undone), each once.
	Attended int
}

// AttendanceBySession returns the sign-ups and attendance of each of the
// conference's sessions that has either.
func (s *Store) AttendanceBySession(ctx context.Context, conferenceID int64) (map[int64]SessionAttendance, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT s.id,
		(SELECT count(*) FROM session_signups su JOIN registrations r ON r.id = su.registration_id
			WHERE su.session_id = s.id AND r.status = 'confirmed'),
		(SELECT count(DISTINCT c.registration_id) FROM checkins c
			WHERE c.session_id = s.id AND c.undone_at IS NULL)
		FROM sessions s WHERE s.conference_id = ?`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: attendance by session: %w", err)
	}
	defer rows.Close()
	out := map[int64]SessionAttendance{}
	for rows.Next() {
		var id int64
		var a SessionAttendance
		if err := rows.Scan(&id, &a.Signups, &a.Attended); err != nil {
			return nil, fmt.Errorf("store: attendance by session: %w", err)
		}
		if a != (SessionAttendance{}) {
			out[id] = a
		}
	}
	return out, rows.Err()
}

// DownloadTotals counts the press room's downloads in a period.
type DownloadTotals struct {
	Kit     int           // the media kit
	Files   map[int64]int // by press file
	Removed int           // of files removed since (their rows keep no file)
}

// DownloadsBetween counts the conference's downloads from from (inclusive) to to
// (exclusive); a zero time leaves that side open.
func (s *Store) DownloadsBetween(ctx context.Context, conferenceID int64, from, to time.Time) (DownloadTotals, error) {
	d := DownloadTotals{Files: map[int64]int{}}
	lo, hi := "", "9999"
	if !from.IsZero() {
		lo = ts(from)
	}
	if !to.IsZero() {
		hi = ts(to)
	}
	rows, err := s.db.Read.QueryContext(ctx, `SELECT item, coalesce(press_file_id, 0), sum(count) FROM downloads
		WHERE conference_id = ? AND downloaded_at >= ? AND downloaded_at < ?
		GROUP BY item, coalesce(press_file_id, 0)`, conferenceID, lo, hi)
	if err != nil {
		return d, fmt.Errorf("store: downloads: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var item string
		var fileID int64
		var n int
		if err := rows.Scan(&item, &fileID, &n); err != nil {
			return d, fmt.Errorf("store: downloads: %w", err)
		}
		switch {
		case item == "kit":
			d.Kit += n
		case fileID == 0:
			d.Removed += n
		default:
			d.Files[fileID] = n
		}
	}
	return d, rows.Err()
}

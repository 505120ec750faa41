package store

import (
	"context"
	"fmt"
	"time"
)

// RegistrationCountsByCategory returns, for each category, how many registrations are in each status.
func (s *Store) RegistrationCountsByCategory(ctx context.Context, conferenceID int64) (map[string]map[string]int, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT category, status, count(*) FROM registrations
		WHERE conference_id = ? GROUP BY category, status`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: counts by category: %w", err)
	}
	defer rows.Close()
	out := map[string]map[string]int{}
	for rows.Next() {
		var category, status string
		var n int
		if err := rows.Scan(&category, &status, &n); err != nil {
			return nil, fmt.Errorf("store: counts by category: %w", err)
		}
		if out[category] == nil {
			out[category] = map[string]int{}
		}
		out[category][status] = n
	}
	return out, rows.Err()
}

// LettersWaiting counts the confirmed registrations whose visa letter
// request waits for an organiser's approval: the ones that can be approved now.
func (s *Store) LettersWaiting(ctx context.Context, conferenceID int64) (int, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM registrations WHERE conference_id = ?
		AND status = 'confirmed' AND visa_letter = 1 AND letter_approved_at IS NULL`, conferenceID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: letters waiting: %w", err)
	}
	return n, nil
}

// CountryCount is how many active registrations come from one country.
type CountryCount struct {
	Country string
	Count   int
}

// TopCountries returns the countries with the most pending or confirmed registrations, most first.
func (s *Store) TopCountries(ctx context.Context, conferenceID int64, limit int) ([]CountryCount, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT country, count(*) AS n FROM registrations
		WHERE conference_id = ? AND status IN ('pending', 'confirmed')
		GROUP BY country ORDER BY n DESC, country LIMIT ?`, conferenceID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: top countries: %w", err)
	}
	defer rows.Close()
	var out []CountryCount
	for rows.Next() {
		var c CountryCount
		if err := rows.Scan(&c.Country, &c.Count); err != nil {
			return nil, fmt.Errorf("store: top countries: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// DayCount is how many registrations arrived on one day.
type DayCount struct {
	Day   string // YYYY-MM-DD in the zone asked for
	Count int
}

// RegistrationsPerDay counts registrations by the day they arrived, in loc,
// for the days from first to last inclusive; days without any count 0.
func (s *Store) RegistrationsPerDay(ctx context.Context, conferenceID int64, loc *time.Location, first, last time.Time) ([]DayCount, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT created_at FROM registrations
		WHERE conference_id = ? AND created_at >= ? AND created_at < ?`,
		conferenceID, ts(first), ts(last.AddDate(0, 0, 1)))
	if err != nil {
		return nil, fmt.Errorf("store: registrations per day: %w", err)
	}
	defer rows.Close()
	perDay := map[string]int{}
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, fmt.Errorf("store: registrations per day: %w", err)
		}
		t, err := time.Parse(timeLayout, raw)
		if err != nil {
			return nil, fmt.Errorf("store: registrations per day: %w", err)
		}
		perDay[t.In(loc).Format(time.DateOnly)]++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []DayCount
	for d := first.In(loc); !d.After(last.In(loc)); d = d.AddDate(0, 0, 1) {
		key := d.Format(time.DateOnly)
		out = append(out, DayCount{Day: key, Count: perDay[key]})
	}
	return out, nil
}

package store

import (
	"context"
	"fmt"
)

// RegistrationCounts returns how many registrations the conference has in each status.
func (s *Store) RegistrationCounts(ctx context.Context, conferenceID int64) (map[string]int, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT status, count(*) FROM registrations
		WHERE conference_id = ? GROUP BY status`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: registration counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return nil, fmt.Errorf("store: registration counts: %w", err)
		}
		out[status] = n
	}
	return out, rows.Err()
}

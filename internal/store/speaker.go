package store

import (
	"context"
	"fmt"

	"confdesk/internal/model"
)

// Speakers returns the conference's speakers sorted by name.
func (s *Store) Speakers(ctx context.Context, conferenceID int64) ([]model.Speaker, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT id, conference_id, name, title, organisation, country, bio
		FROM speakers WHERE conference_id = ? ORDER BY name COLLATE NOCASE, id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: speakers: %w", err)
	}
	defer rows.Close()
	var out []model.Speaker
	for rows.Next() {
		var p model.Speaker
		if err := rows.Scan(&p.ID, &p.ConferenceID, &p.Name, &p.Title, &p.Organisation, &p.Country, &p.Bio); err != nil {
			return nil, fmt.Errorf("store: speakers: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreateSpeaker inserts a speaker and returns its id.
func (tx *Tx) CreateSpeaker(p model.Speaker) (int64, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO speakers (conference_id, name, title, organisation, country, bio)
		VALUES (?, ?, ?, ?, ?, ?)`, p.ConferenceID, p.Name, p.Title, p.Organisation, p.Country, p.Bio)
	if err != nil {
		return 0, fmt.Errorf("store: create speaker %q: %w", p.Name, err)
	}
	return res.LastInsertId()
}

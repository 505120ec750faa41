package store

import (
	"context"
	"fmt"

	"confdesk/internal/model"
)

const speakerColumns = `id, conference_id, name, title, organisation, country, bio`

func scanSpeaker(row scanner) (model.Speaker, error) {
	var p model.Speaker
	err := row.Scan(&p.ID, &p.ConferenceID, &p.Name, &p.Title, &p.Organisation, &p.Country, &p.Bio)
	return p, err
}

// Speakers returns the conference's speakers sorted by name in the names
// collation (database.CompareNames), as every list of people is: accents
// and case are ignored at first, so "Élodie" sorts with "Elena", not after
// "Zoe" as SQLite's NOCASE would have it.
func (s *Store) Speakers(ctx context.Context, conferenceID int64) ([]model.Speaker, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+speakerColumns+`
		FROM speakers WHERE conference_id = ? ORDER BY name COLLATE names, id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: speakers: %w", err)
	}
	defer rows.Close()
	var out []model.Speaker
	for rows.Next() {
		p, err := scanSpeaker(rows)
		if err != nil {
			return nil, fmt.Errorf("store: speakers: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: speakers: %w", err)
	}
	return out, nil
}

// Speaker returns the speaker with id.
func (rd reader) Speaker(ctx context.Context, id int64) (model.Speaker, error) {
	p, err := scanSpeaker(rd.q.QueryRowContext(ctx, `SELECT `+speakerColumns+` FROM speakers WHERE id = ?`, id))
	if err != nil {
		return p, notFound(err, fmt.Sprintf("speaker %d", id))
	}
	return p, nil
}

// Speaker returns the speaker with id, inside the transaction.
func (tx *Tx) Speaker(id int64) (model.Speaker, error) { return tx.read.Speaker(tx.ctx, id) }

// CreateSpeaker inserts a speaker and returns its id.
func (tx *Tx) CreateSpeaker(p model.Speaker) (int64, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO speakers (conference_id, name, title, organisation, country, bio)
		VALUES (?, ?, ?, ?, ?, ?)`, p.ConferenceID, p.Name, p.Title, p.Organisation, p.Country, p.Bio)
	if err != nil {
		return 0, fmt.Errorf("store: create speaker %q: %w", p.Name, err)
	}
	return res.LastInsertId()
}

// UpdateSpeaker saves a speaker's fields.
func (tx *Tx) UpdateSpeaker(p model.Speaker) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE speakers SET name = ?, title = ?, organisation = ?, country = ?, bio = ?
		WHERE id = ?`, p.Name, p.Title, p.Organisation, p.Country, p.Bio, p.ID)
	if err != nil {
		return fmt.Errorf("store: update speaker %d: %w", p.ID, err)
	}
	return affectedOne(res, fmt.Sprintf("update speaker %d", p.ID))
}

// RemoveSpeaker deletes a speaker; the database takes them off their sessions.
func (tx *Tx) RemoveSpeaker(id int64) error {
	res, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM speakers WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: remove speaker %d: %w", id, err)
	}
	return affectedOne(res, fmt.Sprintf("remove speaker %d", id))
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"confdesk/internal/model"
)

const conferenceColumns = `id, slug, name, short_name, tagline, description, aim, organiser, supporter, programme,
	venue, venue_address, city, timezone, start_date, end_date, capacity, moderation,
	registration_opens, registration_closes, letter_signatory_name, letter_signatory_title, letter_costs,
	created_at, updated_at, confirm_email, contact_email, contact_phone, postal_address, registration_mode`

func scanConference(row scanner) (model.Conference, error) {
	var c model.Conference
	var opens, closes, created, updated sql.NullString
	err := row.Scan(&c.ID, &c.Slug, &c.Name, &c.ShortName, &c.Tagline, &c.Description, &c.Aim, &c.Organiser,
		&c.Supporter, &c.Programme, &c.Venue, &c.VenueAddress, &c.City, &c.TimeZone, &c.StartDate, &c.EndDate,
		&c.Capacity, &c.Moderation, &opens, &closes, &c.LetterSignatoryName, &c.LetterSignatoryTitle,
		&c.LetterCosts, &created, &updated, &c.ConfirmEmail, &c.ContactEmail, &c.ContactPhone, &c.PostalAddress,
		&c.RegistrationMode)
	if err != nil {
		return c, err
	}
	return c, parseTimes(timeField{opens, &c.RegistrationOpens}, timeField{closes, &c.RegistrationCloses},
		timeField{created, &c.CreatedAt}, timeField{updated, &c.UpdatedAt})
}

// Conference returns the conference with the given id.
func (rd reader) Conference(ctx context.Context, id int64) (model.Conference, error) {
	row := rd.q.QueryRowContext(ctx, `SELECT `+conferenceColumns+` FROM conference WHERE id = ?`, id)
	c, err := scanConference(row)
	if err != nil {
		return c, notFound(err, fmt.Sprintf("conference %d", id))
	}
	return c, nil
}

// CurrentConference returns the conference the site serves: the first one
// created. A second conference is a row away, but routing between them is
// not built yet.
func (rd reader) CurrentConference(ctx context.Context) (model.Conference, error) {
	row := rd.q.QueryRowContext(ctx, `SELECT `+conferenceColumns+` FROM conference ORDER BY id LIMIT 1`)
	c, err := scanConference(row)
	if err != nil {
		return c, notFound(err, "current conference")
	}
	return c, nil
}

// CurrentConference returns the conference the site serves, inside the transaction.
func (tx *Tx) CurrentConference() (model.Conference, error) { return tx.read.CurrentConference(tx.ctx) }

// Conference returns the conference with the given id, inside the
// transaction: what a write decides on (capacity, moderation, the
// registration window) is read where no settings save can change it
// before the decision commits.
func (tx *Tx) Conference(id int64) (model.Conference, error) { return tx.read.Conference(tx.ctx, id) }

// CreateConference inserts c and returns its id.
func (tx *Tx) CreateConference(c model.Conference) (int64, error) {
	now := ts(c.CreatedAt)
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO conference (slug, name, short_name, tagline, description, aim,
		organiser, supporter, programme, venue, venue_address, city, timezone, start_date, end_date, capacity,
		moderation, registration_opens, registration_closes, letter_signatory_name, letter_signatory_title,
		letter_costs, created_at, updated_at, confirm_email, contact_email, contact_phone, postal_address)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Slug, c.Name, c.ShortName, c.Tagline, c.Description, c.Aim, c.Organiser, c.Supporter, c.Programme,
		c.Venue, c.VenueAddress, c.City, c.TimeZone, c.StartDate, c.EndDate, c.Capacity, c.Moderation,
		nullTS(c.RegistrationOpens), nullTS(c.RegistrationCloses), c.LetterSignatoryName,
		c.LetterSignatoryTitle, c.LetterCosts, now, now, c.ConfirmEmail, c.ContactEmail, c.ContactPhone, c.PostalAddress)
	if err != nil {
		return 0, fmt.Errorf("store: create conference: %w", err)
	}
	return res.LastInsertId()
}

// Figures returns the conference's key figures in display order.
func (s *Store) Figures(ctx context.Context, conferenceID int64) ([]model.Figure, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT id, conference_id, position, value, label
		FROM figures WHERE conference_id = ? ORDER BY position, id`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: figures: %w", err)
	}
	defer rows.Close()
	var out []model.Figure
	for rows.Next() {
		var f model.Figure
		if err := rows.Scan(&f.ID, &f.ConferenceID, &f.Position, &f.Value, &f.Label); err != nil {
			return nil, fmt.Errorf("store: figures: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// CreateFigure inserts a key figure.
func (tx *Tx) CreateFigure(f model.Figure) (int64, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO figures (conference_id, position, value, label) VALUES (?, ?, ?, ?)`,
		f.ConferenceID, f.Position, f.Value, f.Label)
	if err != nil {
		return 0, fmt.Errorf("store: create figure: %w", err)
	}
	return res.LastInsertId()
}

// UpdateConference saves the organisers' settings of c.
func (tx *Tx) UpdateConference(c model.Conference, now time.Time) error {
	_, err := tx.tx.ExecContext(tx.ctx, `UPDATE conference SET name = ?, short_name = ?, tagline = ?, description = ?,
		aim = ?, organiser = ?, supporter = ?, programme = ?, venue = ?, venue_address = ?, city = ?, timezone = ?,
		start_date = ?, end_date = ?, capacity = ?, moderation = ?, registration_opens = ?, registration_closes = ?,
		letter_signatory_name = ?, letter_signatory_title = ?, letter_costs = ?, confirm_email = ?,
		contact_email = ?, contact_phone = ?, postal_address = ?, registration_mode = ?, updated_at = ? WHERE id = ?`,
		c.Name, c.ShortName, c.Tagline, c.Description, c.Aim, c.Organiser, c.Supporter, c.Programme, c.Venue,
		c.VenueAddress, c.City, c.TimeZone, c.StartDate, c.EndDate, c.Capacity, c.Moderation,
		nullTS(c.RegistrationOpens), nullTS(c.RegistrationCloses), c.LetterSignatoryName, c.LetterSignatoryTitle,
		c.LetterCosts, c.ConfirmEmail, c.ContactEmail, c.ContactPhone, c.PostalAddress, modeOrOpen(c.RegistrationMode),
		ts(now), c.ID)
	if err != nil {
		return fmt.Errorf("store: update conference %d: %w", c.ID, err)
	}
	return nil
}

// ReplaceFigures replaces the conference's key figures with figs, in their order.
func (tx *Tx) ReplaceFigures(conferenceID int64, figs []model.Figure) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM figures WHERE conference_id = ?`, conferenceID); err != nil {
		return fmt.Errorf("store: replace figures: %w", err)
	}
	for i, f := range figs {
		f.ConferenceID, f.Position = conferenceID, i
		if _, err := tx.CreateFigure(f); err != nil {
			return err
		}
	}
	return nil
}

// modeOrOpen stores an unset registration mode as model.ModeOpen.
func modeOrOpen(mode string) string {
	if mode == "" {
		return model.ModeOpen
	}
	return mode
}

package store

import (
	"context"
	"fmt"
	"time"

	"confdesk/internal/model"
)

// TravelSettings returns the conference's sponsored-travel settings.
func (rd reader) TravelSettings(ctx context.Context, conferenceID int64) (model.TravelSettings, error) {
	var t model.TravelSettings
	err := rd.q.QueryRowContext(ctx, `SELECT sponsors_travel, per_diem_cents, per_diem_currency, hotel_name,
		hotel_address, hotel_rooms FROM conference WHERE id = ?`, conferenceID).Scan(&t.SponsorsTravel,
		&t.PerDiemCents, &t.PerDiemCurrency, &t.HotelName, &t.HotelAddress, &t.HotelRooms)
	if err != nil {
		return t, notFound(err, fmt.Sprintf("conference %d", conferenceID))
	}
	return t, nil
}

// TravelSettings returns the conference's sponsored-travel settings, inside the transaction.
func (tx *Tx) TravelSettings(conferenceID int64) (model.TravelSettings, error) {
	return tx.read.TravelSettings(tx.ctx, conferenceID)
}

// SetTravelSettings saves the conference's sponsored-travel settings.
func (tx *Tx) SetTravelSettings(conferenceID int64, t model.TravelSettings) error {
	_, err := tx.tx.ExecContext(tx.ctx, `UPDATE conference SET sponsors_travel = ?, per_diem_cents = ?,
		per_diem_currency = ?, hotel_name = ?, hotel_address = ?, hotel_rooms = ? WHERE id = ?`,
		t.SponsorsTravel, t.PerDiemCents, t.PerDiemCurrency, t.HotelName, t.HotelAddress, t.HotelRooms, conferenceID)
	if err != nil {
		return fmt.Errorf("store: set travel settings of conference %d: %w", conferenceID, err)
	}
	return nil
}

// SetSponsorshipDecision records an organiser's decision on registration
// id's sponsorship: state is model.SponsorshipGranted or
// model.SponsorshipRefused, note the refusal's note ("" on a grant).
func (tx *Tx) SetSponsorshipDecision(id int64, state, note, by string, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE registrations SET sponsorship = ?, sponsorship_note = ?,
		sponsorship_decided_at = ?, sponsorship_decided_by = ?, updated_at = ? WHERE id = ?`,
		state, note, ts(now), by, ts(now), id)
	if err != nil {
		return fmt.Errorf("store: set sponsorship of registration %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: registration %d: %w", id, ErrNotFound)
	}
	return nil
}

// SetSponsorshipRequest records registration id's request for
// sponsorship with its reason, clearing an earlier decision.
func (tx *Tx) SetSponsorshipRequest(id int64, reason string, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE registrations SET sponsorship = 'requested', sponsorship_reason = ?,
		sponsorship_note = '', sponsorship_decided_at = NULL, sponsorship_decided_by = '', updated_at = ? WHERE id = ?`,
		reason, ts(now), id)
	if err != nil {
		return fmt.Errorf("store: set sponsorship request of registration %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: registration %d: %w", id, ErrNotFound)
	}
	return nil
}

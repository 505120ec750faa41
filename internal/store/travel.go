package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"confdesk/internal/model"
)

// TravelSettings returns the conference's sponsored-travel settings.
func (rd reader) TravelSettings(ctx context.Context, conferenceID int64) (model.TravelSettings, error) {
	var t model.TravelSettings
	var airports string
	err := rd.q.QueryRowContext(ctx, `SELECT sponsors_travel, per_diem_cents, per_diem_currency, hotel_name,
		hotel_address, hotel_rooms, travel_margin_days, travel_airports FROM conference WHERE id = ?`,
		conferenceID).Scan(&t.SponsorsTravel, &t.PerDiemCents, &t.PerDiemCurrency, &t.HotelName,
		&t.HotelAddress, &t.HotelRooms, &t.MarginDays, &airports)
	if err != nil {
		return t, notFound(err, fmt.Sprintf("conference %d", conferenceID))
	}
	for a := range strings.SplitSeq(airports, ",") {
		if a = strings.TrimSpace(a); a != "" {
			t.Airports = append(t.Airports, a)
		}
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
		per_diem_currency = ?, hotel_name = ?, hotel_address = ?, hotel_rooms = ?, travel_margin_days = ?,
		travel_airports = ? WHERE id = ?`,
		t.SponsorsTravel, t.PerDiemCents, t.PerDiemCurrency, t.HotelName, t.HotelAddress, t.HotelRooms,
		t.MarginDays, strings.Join(t.Airports, ","), conferenceID)
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

const itineraryColumns = `i.registration_id, i.arrival_at, i.arrival_flight, i.arrival_airport, i.departure_at,
	i.departure_flight, i.departure_airport, i.check_in, i.check_out, i.transfer, i.updated_at, i.updated_by,
	i.confirmed_at, i.confirmed_by, i.over_block, i.version`

func scanItinerary(row scanner, it *model.Itinerary, extra ...any) error {
	var updated, confirmed sql.NullString
	dest := append([]any{&it.RegistrationID, &it.ArrivalAt, &it.ArrivalFlight, &it.ArrivalAirport,
		&it.DepartureAt, &it.DepartureFlight, &it.DepartureAirport, &it.CheckIn, &it.CheckOut, &it.Transfer,
		&updated, &it.UpdatedBy, &confirmed, &it.ConfirmedBy, &it.OverBlock, &it.Version}, extra...)
	if err := row.Scan(dest...); err != nil {
		return err
	}
	return parseTimes(timeField{updated, &it.UpdatedAt}, timeField{confirmed, &it.ConfirmedAt})
}

// Itinerary returns registration id's itinerary; ErrNotFound while none
// was entered.
func (rd reader) Itinerary(ctx context.Context, registrationID int64) (model.Itinerary, error) {
	var it model.Itinerary
	err := scanItinerary(rd.q.QueryRowContext(ctx, `SELECT `+itineraryColumns+`
		FROM itineraries i WHERE i.registration_id = ?`, registrationID), &it)
	if err != nil {
		return it, notFound(err, fmt.Sprintf("itinerary of registration %d", registrationID))
	}
	return it, nil
}

// Itinerary returns registration id's itinerary, inside the transaction.
func (tx *Tx) Itinerary(registrationID int64) (model.Itinerary, error) {
	return tx.read.Itinerary(tx.ctx, registrationID)
}

// Travellers lists the conference's sponsored registrations (sponsorship
// granted) that have an itinerary and are neither cancelled, rejected nor
// erased, with their itineraries,
// in order of arrival (those without an arrival time last), then name.
func (rd reader) Travellers(ctx context.Context, conferenceID int64) ([]model.Traveller, error) {
	const active = `FROM itineraries i JOIN registrations r ON r.id = i.registration_id
		WHERE r.conference_id = ? AND r.sponsorship = 'granted'
		AND r.status NOT IN ('cancelled', 'rejected') AND r.erased_at IS NULL`
	regs := map[int64]model.Registration{}
	rows, err := rd.q.QueryContext(ctx, `SELECT `+registrationColumns+` FROM registrations
		WHERE id IN (SELECT r.id `+active+`)`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: travellers of conference %d: %w", conferenceID, err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRegistration(rows)
		if err != nil {
			return nil, fmt.Errorf("store: travellers of conference %d: %w", conferenceID, err)
		}
		regs[r.ID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = rd.q.QueryContext(ctx, `SELECT `+itineraryColumns+` `+active+`
		ORDER BY i.arrival_at = '', i.arrival_at, r.last_name COLLATE NOCASE, r.first_name COLLATE NOCASE, r.id`,
		conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: travellers of conference %d: %w", conferenceID, err)
	}
	defer rows.Close()
	var list []model.Traveller
	for rows.Next() {
		var it model.Itinerary
		if err := scanItinerary(rows, &it); err != nil {
			return nil, fmt.Errorf("store: travellers of conference %d: %w", conferenceID, err)
		}
		if r, ok := regs[it.RegistrationID]; ok { // a registration cancelled between the two reads is left out
			list = append(list, model.Traveller{Registration: r, Itinerary: it})
		}
	}
	return list, rows.Err()
}

// Travellers lists the conference's travellers, inside the transaction.
func (tx *Tx) Travellers(conferenceID int64) ([]model.Traveller, error) {
	return tx.read.Travellers(tx.ctx, conferenceID)
}

// SaveItinerary writes registration it.RegistrationID's itinerary as
// entered by by, creating it or replacing it, and clears a confirmation:
// what organisers confirmed is no longer what is stored.
func (tx *Tx) SaveItinerary(it model.Itinerary, by string, now time.Time) error {
	_, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO itineraries (registration_id, arrival_at, arrival_flight,
		arrival_airport, departure_at, departure_flight, departure_airport, check_in, check_out, transfer,
		updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (registration_id) DO UPDATE SET arrival_at = excluded.arrival_at,
		arrival_flight = excluded.arrival_flight, arrival_airport = excluded.arrival_airport,
		departure_at = excluded.departure_at, departure_flight = excluded.departure_flight,
		departure_airport = excluded.departure_airport, check_in = excluded.check_in,
		check_out = excluded.check_out, transfer = excluded.transfer, updated_at = excluded.updated_at,
		updated_by = excluded.updated_by, confirmed_at = NULL, confirmed_by = '', over_block = 0,
		version = itineraries.version + 1`,
		it.RegistrationID, it.ArrivalAt, it.ArrivalFlight, it.ArrivalAirport, it.DepartureAt, it.DepartureFlight,
		it.DepartureAirport, it.CheckIn, it.CheckOut, it.Transfer, ts(now), by)
	if err != nil {
		return fmt.Errorf("store: save itinerary of registration %d: %w", it.RegistrationID, err)
	}
	return nil
}

// ConfirmItinerary marks registration id's itinerary confirmed by by;
// overBlock records that the confirmation overrode a full room block.
func (tx *Tx) ConfirmItinerary(registrationID int64, by string, overBlock bool, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE itineraries SET confirmed_at = ?, confirmed_by = ?,
		over_block = ?, version = version + 1 WHERE registration_id = ?`, ts(now), by, overBlock, registrationID)
	if err != nil {
		return fmt.Errorf("store: confirm itinerary of registration %d: %w", registrationID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: itinerary of registration %d: %w", registrationID, ErrNotFound)
	}
	return nil
}

// DeleteItinerary removes registration id's itinerary, if any.
func (tx *Tx) DeleteItinerary(registrationID int64) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM itineraries WHERE registration_id = ?`, registrationID); err != nil {
		return fmt.Errorf("store: delete itinerary of registration %d: %w", registrationID, err)
	}
	return nil
}

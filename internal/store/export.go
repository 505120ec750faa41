package store

import (
	"context"
	"fmt"

	"confdesk/internal/model"
)

// ExportedRegistration is a registration as the desk's exports (CSV and
// XLSX) write it: the registration with what other tables know of it.
type ExportedRegistration struct {
	model.Registration
	// ArrivalAt and DepartureAt are the itinerary's, as stored: wall-clock
	// "YYYY-MM-DDTHH:MM" in the conference's zone; "" without an itinerary
	// or while the time is not known.
	ArrivalAt, DepartureAt string
	// CheckedIn: arrived at the door or a session, the arrival not undone
	// (as the desk's ?checked_in=yes filter).
	CheckedIn bool
}

// exportColumns are the columns added to registrationColumns: the
// itinerary's times under names of their own (so that none clashes with
// a registration's column in the WHERE and ORDER BY the filter writes),
// and the check-in.
const exportColumns = `coalesce(it.it_arrival, ''), coalesce(it.it_departure, ''), ` + checkedInClause

// exportFrom joins each registration to its itinerary, if any; an erased
// registration's travel is not shown, whether or not the itinerary went
// with the erasure.
const exportFrom = `registrations LEFT JOIN (SELECT registration_id AS it_registration, arrival_at AS it_arrival,
	departure_at AS it_departure FROM itineraries) it
	ON it.it_registration = registrations.id AND registrations.erased_at IS NULL`

// EachExportedRegistration calls fn with every registration f matches, on
// all pages, in f's order, with its itinerary's times and check-in: one
// query for the whole export. An error from fn stops the walk and is
// returned.
func (s *Store) EachExportedRegistration(ctx context.Context, conferenceID int64, f RegistrationFilter, fn func(ExportedRegistration) error) error {
	where, args := f.where(conferenceID)
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+registrationColumns+`, `+exportColumns+` FROM `+exportFrom+
		` WHERE `+where+` ORDER BY `+f.orderBy(), args...)
	if err != nil {
		return fmt.Errorf("store: exported registrations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e ExportedRegistration
		r, err := scanRegistration(withExtra{rows, []any{&e.ArrivalAt, &e.DepartureAt, &e.CheckedIn}})
		if err != nil {
			return fmt.Errorf("store: exported registrations: %w", err)
		}
		e.Registration = r
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: exported registrations: %w", err)
	}
	return nil
}

// withExtra scans a row of a registration's columns followed by extra ones.
type withExtra struct {
	row   scanner
	extra []any
}

func (w withExtra) Scan(dest ...any) error { return w.row.Scan(append(dest, w.extra...)...) }

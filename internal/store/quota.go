package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"confdesk/internal/model"
)

// Delegation quotas (migration 0019). Whether a waitlisted registration
// waits for its quota or for a place is derived from the counts each time,
// never stored: blocked is the one statement of the rule.

// quotaMembers is the condition on registration u that quota q counts it.
const quotaMembers = `u.conference_id = q.conference_id AND u.category = 'participant'
	AND CASE q.dimension WHEN 'country' THEN u.country ELSE u.org_type END = q.value`

// quotaFull is the condition that quota q has no place left.
const quotaFull = `q.quota <= (SELECT count(*) FROM registrations u WHERE ` + quotaMembers + `
	AND u.status IN ('confirmed', 'pending'))`

// blocked is the condition that registration alias (a waiting
// participant) cannot have a place because one of its quotas is full.
func blocked(alias string) string {
	return `EXISTS (SELECT 1 FROM quotas q WHERE q.conference_id = ` + alias + `.conference_id
		AND ` + alias + `.category = 'participant'
		AND CASE q.dimension WHEN 'country' THEN ` + alias + `.country ELSE ` + alias + `.org_type END = q.value
		AND ` + quotaFull + `)`
}

// Quotas lists the conference's quotas with their counts, countries
// first, each dimension by value.
func (rd reader) Quotas(ctx context.Context, conferenceID int64) ([]model.QuotaUsage, error) {
	rows, err := rd.q.QueryContext(ctx, `SELECT q.dimension, q.value, q.quota,
		(SELECT count(*) FROM registrations u WHERE `+quotaMembers+` AND u.status = 'confirmed'),
		(SELECT count(*) FROM registrations u WHERE `+quotaMembers+` AND u.status = 'pending'),
		(SELECT count(*) FROM registrations u WHERE `+quotaMembers+` AND u.status = 'waitlisted')
		FROM quotas q WHERE q.conference_id = ? ORDER BY q.dimension, q.value`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: quotas of conference %d: %w", conferenceID, err)
	}
	defer rows.Close()
	var out []model.QuotaUsage
	for rows.Next() {
		var u model.QuotaUsage
		if err := rows.Scan(&u.Dimension, &u.Value, &u.Quota.Quota, &u.Confirmed, &u.Pending, &u.Waitlisted); err != nil {
			return nil, fmt.Errorf("store: quotas of conference %d: %w", conferenceID, err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Quotas lists the conference's quotas with their counts, inside the transaction.
func (tx *Tx) Quotas(conferenceID int64) ([]model.QuotaUsage, error) {
	return tx.read.Quotas(tx.ctx, conferenceID)
}

// SetQuotas replaces the conference's quotas with qs.
func (tx *Tx) SetQuotas(conferenceID int64, qs []model.Quota) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM quotas WHERE conference_id = ?`, conferenceID); err != nil {
		return fmt.Errorf("store: set quotas: %w", err)
	}
	for _, q := range qs {
		if _, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO quotas (conference_id, dimension, value, quota)
			VALUES (?, ?, ?, ?)`, conferenceID, q.Dimension, q.Value, q.Quota); err != nil {
			return fmt.Errorf("store: set quota %s %s: %w", q.Dimension, q.Value, err)
		}
	}
	return nil
}

// FullQuota returns the quota that has no place left for a participant of
// country and organisation type orgType in the conference, a country's
// before a type's; ok is false when every quota that applies has room.
func (rd reader) FullQuota(ctx context.Context, conferenceID int64, country, orgType string) (q model.Quota, ok bool, err error) {
	err = rd.q.QueryRowContext(ctx, `SELECT q.dimension, q.value, q.quota FROM quotas q
		WHERE q.conference_id = ? AND ((q.dimension = 'country' AND q.value = ?) OR (q.dimension = 'org_type' AND q.value = ?))
		AND `+quotaFull+` ORDER BY q.dimension LIMIT 1`, conferenceID, country, orgType).Scan(&q.Dimension, &q.Value, &q.Quota)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return q, false, nil
	case err != nil:
		return q, false, fmt.Errorf("store: full quota: %w", err)
	}
	return q, true, nil
}

// FullQuota returns the full quota of a participant of country and
// orgType, inside the transaction.
func (tx *Tx) FullQuota(conferenceID int64, country, orgType string) (model.Quota, bool, error) {
	return tx.read.FullQuota(tx.ctx, conferenceID, country, orgType)
}

// hasQuotas reports whether the conference has any quota; without one
// the waiting list is the single queue of migration 0002, read from its
// kept length.
func (rd reader) hasQuotas(ctx context.Context, conferenceID int64) (bool, error) {
	var n int
	if err := rd.q.QueryRowContext(ctx, `SELECT count(*) FROM quotas WHERE conference_id = ?`, conferenceID).Scan(&n); err != nil {
		return false, fmt.Errorf("store: has quotas: %w", err)
	}
	return n > 0, nil
}

// WaitlistQueue returns the quota whose queue r waits in, inside the transaction.
func (tx *Tx) WaitlistQueue(r model.Registration) (model.Quota, bool, error) {
	return tx.read.WaitlistQueue(tx.ctx, r)
}

// HasQuotas reports whether the conference has any quota, inside the transaction.
func (tx *Tx) HasQuotas(conferenceID int64) (bool, error) {
	return tx.read.hasQuotas(tx.ctx, conferenceID)
}

// WaitlistQueue returns the quota whose queue waitlisted registration r
// waits in; ok is false when it waits for a place like everyone else.
func (rd reader) WaitlistQueue(ctx context.Context, r model.Registration) (q model.Quota, ok bool, err error) {
	if r.Status != model.StatusWaitlisted || r.Category != model.CategoryParticipant {
		return q, false, nil
	}
	return rd.FullQuota(ctx, r.ConferenceID, r.Country, r.OrgType)
}

// WaitingForPlace returns how many waitlisted registrations wait for a
// place, not for their quota: a newcomer whose quotas have room takes a
// free place only while this is zero.
func (tx *Tx) WaitingForPlace(conferenceID int64) (int, error) {
	if has, err := tx.HasQuotas(conferenceID); err != nil || !has {
		if err != nil {
			return 0, err
		}
		return tx.WaitlistLength(conferenceID)
	}
	var n int
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM registrations r
		WHERE r.conference_id = ? AND r.status = 'waitlisted' AND NOT `+blocked("r"), conferenceID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: waiting for a place: %w", err)
	}
	return n, nil
}

// NextWaitlisted returns the registration first in line for a free place:
// the oldest waitlisted one whose quotas have room, passing over exceptID
// (0 passes over none), and among them first those of country prefer
// when it has a quota ("" prefers none): a place freed in a country's
// quota goes to that country's queue first. Without quotas the order is
// the list's own.
func (tx *Tx) NextWaitlisted(conferenceID, exceptID int64, prefer string) (model.Registration, error) {
	r, err := scanRegistration(tx.tx.QueryRowContext(tx.ctx, `SELECT `+registrationColumns+`
		FROM registrations r WHERE r.conference_id = ? AND r.status = 'waitlisted' AND r.id <> ? AND NOT `+blocked("r")+`
		ORDER BY (r.country = ? AND r.category = 'participant' AND EXISTS (SELECT 1 FROM quotas q
			WHERE q.conference_id = r.conference_id AND q.dimension = 'country' AND q.value = r.country)) DESC,
		r.waitlisted_at, r.id LIMIT 1`,
		conferenceID, exceptID, prefer))
	if err != nil {
		return r, notFound(err, "next waitlisted registration")
	}
	return r, nil
}

// ParticipantCounts counts the conference's participants (the
// registrations a quota counts) by country, or by organisation type when
// dimension is model.QuotaOrgType, and status: counts[value][status].
func (rd reader) ParticipantCounts(ctx context.Context, conferenceID int64, dimension string) (map[string]map[string]int, error) {
	col := "country"
	if dimension == model.QuotaOrgType {
		col = "org_type"
	}
	rows, err := rd.q.QueryContext(ctx, `SELECT `+col+`, status, count(*) FROM registrations
		WHERE conference_id = ? AND category = 'participant' GROUP BY `+col+`, status`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: participant counts: %w", err)
	}
	defer rows.Close()
	out := map[string]map[string]int{}
	for rows.Next() {
		var value, status string
		var n int
		if err := rows.Scan(&value, &status, &n); err != nil {
			return nil, fmt.Errorf("store: participant counts: %w", err)
		}
		if out[value] == nil {
			out[value] = map[string]int{}
		}
		out[value][status] = n
	}
	return out, rows.Err()
}

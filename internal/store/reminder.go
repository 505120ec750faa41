package store

import (
	"context"
	"fmt"
	"time"

	"confdesk/internal/model"
)

// ReminderRule returns the conference's reminder rule.
func (rd reader) ReminderRule(ctx context.Context, conferenceID int64) (model.ReminderRule, error) {
	var r model.ReminderRule
	err := rd.q.QueryRowContext(ctx, `SELECT reminder_enabled, reminder_days FROM conference WHERE id = ?`,
		conferenceID).Scan(&r.Enabled, &r.Days)
	if err != nil {
		return r, notFound(err, fmt.Sprintf("conference %d", conferenceID))
	}
	return r, nil
}

// ReminderRule returns the conference's reminder rule, inside the transaction.
func (tx *Tx) ReminderRule(conferenceID int64) (model.ReminderRule, error) {
	return tx.read.ReminderRule(tx.ctx, conferenceID)
}

// SetReminderRule saves the conference's reminder rule.
func (tx *Tx) SetReminderRule(conferenceID int64, r model.ReminderRule) error {
	_, err := tx.tx.ExecContext(tx.ctx, `UPDATE conference SET reminder_enabled = ?, reminder_days = ? WHERE id = ?`,
		r.Enabled, r.Days, conferenceID)
	if err != nil {
		return fmt.Errorf("store: set reminder rule of conference %d: %w", conferenceID, err)
	}
	return nil
}

// ReminderRecipients returns the confirmed, not erased registrations of
// the conference outside category skip that have not had rule's reminder,
// in id order.
func (tx *Tx) ReminderRecipients(conferenceID int64, rule, skip string) ([]model.Registration, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, `SELECT `+registrationColumns+` FROM registrations r
		WHERE conference_id = ? AND status = ? AND category <> ? AND erased_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM reminders_sent s WHERE s.registration_id = r.id AND s.rule = ?)
		ORDER BY id`, conferenceID, model.StatusConfirmed, skip, rule)
	if err != nil {
		return nil, fmt.Errorf("store: reminder recipients: %w", err)
	}
	defer rows.Close()
	var out []model.Registration
	for rows.Next() {
		r, err := scanRegistration(rows)
		if err != nil {
			return nil, fmt.Errorf("store: reminder recipients: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// MarkReminderSent records that rule's reminder went to registration id,
// and reports false when it had been recorded already (then nothing is
// written, and the caller sends nothing).
func (tx *Tx) MarkReminderSent(id int64, rule string, now time.Time) (bool, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO reminders_sent (registration_id, rule, sent_at) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, id, rule, ts(now))
	if err != nil {
		return false, fmt.Errorf("store: mark reminder %s of registration %d: %w", rule, id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

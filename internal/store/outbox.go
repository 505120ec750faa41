package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"confdesk/internal/model"
)

const outboxColumns = `id, conference_id, coalesce(registration_id, 0), kind, to_email, to_name, subject, body_text,
	body_html, state, attempts, next_attempt_at, last_error, created_at, sent_at, attachments`

func scanOutbox(row scanner) (model.OutboxMessage, error) {
	var m model.OutboxMessage
	var next, created, sent sql.NullString
	var attachments string
	if err := row.Scan(&m.ID, &m.ConferenceID, &m.RegistrationID, &m.Kind, &m.ToEmail, &m.ToName, &m.Subject,
		&m.BodyText, &m.BodyHTML, &m.State, &m.Attempts, &next, &m.LastError, &created, &sent, &attachments); err != nil {
		return m, err
	}
	if attachments != "" {
		if err := json.Unmarshal([]byte(attachments), &m.Attachments); err != nil {
			return m, fmt.Errorf("attachments of message %d: %w", m.ID, err)
		}
	}
	return m, parseTimes(timeField{next, &m.NextAttemptAt}, timeField{created, &m.CreatedAt}, timeField{sent, &m.SentAt})
}

func (s *Store) outboxQuery(ctx context.Context, query string, args ...any) ([]model.OutboxMessage, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox `+query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	defer rows.Close()
	var out []model.OutboxMessage
	for rows.Next() {
		m, err := scanOutbox(rows)
		if err != nil {
			return nil, fmt.Errorf("store: outbox: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// EnqueueMail writes a queued message, due at m.CreatedAt.
func (tx *Tx) EnqueueMail(m model.OutboxMessage) (int64, error) {
	now := ts(m.CreatedAt)
	attachments := ""
	if len(m.Attachments) > 0 {
		b, err := json.Marshal(m.Attachments)
		if err != nil {
			return 0, fmt.Errorf("store: enqueue mail %q: attachments: %w", m.Kind, err)
		}
		attachments = string(b)
	}
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO outbox (conference_id, registration_id, kind, to_email, to_name,
		subject, body_text, body_html, state, next_attempt_at, created_at, attachments)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
		m.ConferenceID, nullID(m.RegistrationID), m.Kind, m.ToEmail, m.ToName, m.Subject, m.BodyText, m.BodyHTML, now, now, attachments)
	if err != nil {
		return 0, fmt.Errorf("store: enqueue mail %q: %w", m.Kind, err)
	}
	return res.LastInsertId()
}

// DueMail returns up to limit queued messages whose next attempt is due at now, oldest first.
func (s *Store) DueMail(ctx context.Context, now time.Time, limit int) ([]model.OutboxMessage, error) {
	return s.outboxQuery(ctx, `WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`, ts(now), limit)
}

// NextMailDue returns when the earliest queued message is due, or the zero time when none is queued.
func (s *Store) NextMailDue(ctx context.Context) (time.Time, error) {
	var next sql.NullString
	if err := s.db.Read.QueryRowContext(ctx, `SELECT min(next_attempt_at) FROM outbox WHERE state = 'queued'`).Scan(&next); err != nil {
		return time.Time{}, fmt.Errorf("store: next mail due: %w", err)
	}
	return parseTS(next)
}

// MarkMailSent records a delivered message.
func (s *Store) MarkMailSent(ctx context.Context, id int64, now time.Time) error {
	_, err := s.db.Exec(ctx, `UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1,
		last_error = '' WHERE id = ?`, ts(now), id)
	if err != nil {
		return fmt.Errorf("store: mark mail %d sent: %w", id, err)
	}
	return nil
}

// MarkMailAttemptFailed records a failed delivery: the message stays queued
// until next, or becomes failed when giveUp is set.
func (s *Store) MarkMailAttemptFailed(ctx context.Context, id int64, next time.Time, reason string, giveUp bool) error {
	state := model.MailQueued
	if giveUp {
		state = model.MailFailed
	}
	_, err := s.db.Exec(ctx, `UPDATE outbox SET state = ?, attempts = attempts + 1, next_attempt_at = ?,
		last_error = ? WHERE id = ?`, state, ts(next), reason, id)
	if err != nil {
		return fmt.Errorf("store: mark mail %d failed: %w", id, err)
	}
	return nil
}

// RetryBackedOffMail makes every queued message that waits in backoff due at
// now, and returns how many. The sender calls it when the SMTP server answers
// again after an outage: the messages failed because the server was away,
// not because of anything in them, so they need not wait out their backoff.
func (s *Store) RetryBackedOffMail(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.Exec(ctx, `UPDATE outbox SET next_attempt_at = ? WHERE state = 'queued' AND next_attempt_at > ?`,
		ts(now), ts(now))
	if err != nil {
		return 0, fmt.Errorf("store: retry backed-off mail: %w", err)
	}
	return res.RowsAffected()
}

// retryMailQuery puts a message that was not sent back in the queue, due now.
// attempts is kept: it is the message's history, and the sender's give-up
// rule then allows one more try before the message is failed again.
const retryMailQuery = `UPDATE outbox SET state = 'queued', next_attempt_at = ? WHERE id = ? AND state <> 'sent'`

// RetryMail puts a message back in the queue, due at now. A sent or
// unknown message gives ErrNotFound.
func (s *Store) RetryMail(ctx context.Context, id int64, now time.Time) error {
	res, err := s.db.Exec(ctx, retryMailQuery, ts(now), id)
	return retried(res, err, id)
}

// RetryMail puts a message back in the queue, due at now, inside the transaction.
func (tx *Tx) RetryMail(id int64, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, retryMailQuery, ts(now), id)
	return retried(res, err, id)
}

func retried(res sql.Result, err error, id int64) error {
	if err != nil {
		return fmt.Errorf("store: retry mail %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// OutboxMessage returns the message with id.
func (rd reader) OutboxMessage(ctx context.Context, id int64) (model.OutboxMessage, error) {
	m, err := scanOutbox(rd.q.QueryRowContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE id = ?`, id))
	if err != nil {
		return m, notFound(err, fmt.Sprintf("outbox message %d", id))
	}
	return m, nil
}

// OutboxMessage returns the message with id, inside the transaction.
func (tx *Tx) OutboxMessage(id int64) (model.OutboxMessage, error) {
	return tx.read.OutboxMessage(tx.ctx, id)
}

// OutboxCount returns how many of the conference's messages are in state ("" counts all).
func (s *Store) OutboxCount(ctx context.Context, conferenceID int64, state string) (int, error) {
	var n int
	if err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE conference_id = ? AND (? = '' OR state = ?)`,
		conferenceID, state, state).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count outbox: %w", err)
	}
	return n, nil
}

// MailForRegistration returns the messages about one registration, newest first.
func (s *Store) MailForRegistration(ctx context.Context, registrationID int64) ([]model.OutboxMessage, error) {
	return s.outboxQuery(ctx, `WHERE registration_id = ? ORDER BY id DESC`, registrationID)
}

// Outbox returns a page of the conference's messages, newest first, optionally in one state.
func (s *Store) Outbox(ctx context.Context, conferenceID int64, state string, limit, offset int) ([]model.OutboxMessage, error) {
	return s.outboxQuery(ctx, `WHERE conference_id = ? AND (? = '' OR state = ?) ORDER BY id DESC LIMIT ? OFFSET ?`,
		conferenceID, state, state, limit, offset)
}

// MailCounts returns how many messages are in each state.
func (s *Store) MailCounts(ctx context.Context, conferenceID int64) (map[string]int, error) {
	return s.countBy(ctx, `SELECT state, count(*) FROM outbox WHERE conference_id = ? GROUP BY state`, conferenceID)
}

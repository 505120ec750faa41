package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"confdesk/internal/model"
)

// The states of an announcement.
const (
	AnnouncementScheduled = "scheduled" // waits for its send_at
	AnnouncementSent      = "sent"      // its messages are in the outbox
	AnnouncementCancelled = "cancelled" // cancelled before it went
)

// Announcement is a message organisers wrote to a group of registrants
// (package announce holds its rules).
type Announcement struct {
	ID             int64
	ConferenceID   int64
	IdempotencyKey string
	Subject, Body  string
	// Translations is JSON: {"es": {"subject": "...", "body": "..."}, ...}.
	Translations   string
	Filter         string // the desk's query string (RegistrationFilter.Query)
	CreatedBy      int64
	CreatedByEmail string
	CreatedAt      time.Time
	SendAt         time.Time
	State          string
	SentAt         time.Time // zero until sent
	CancelledAt    time.Time // zero unless cancelled
	Recipients     int       // messages queued (0 while scheduled)
	// Delivered, Failed and Waiting count its outbox messages by state
	// (filled by Announcements only).
	Delivered, Failed, Waiting int
}

// ErrDuplicateAnnouncement is returned by CreateAnnouncement when an
// announcement with the same idempotency key exists.
var ErrDuplicateAnnouncement = errors.New("store: announcement already stored")

const announcementColumns = `a.id, a.conference_id, a.idempotency_key, a.subject, a.body, a.translations, a.filter,
	coalesce(a.created_by, 0), a.created_by_email, a.created_at, a.send_at, a.state, a.sent_at, a.cancelled_at, a.recipients`

func scanAnnouncement(row scanner, extra ...any) (Announcement, error) {
	var a Announcement
	var created, sendAt, sent, cancelled sql.NullString
	dest := append([]any{&a.ID, &a.ConferenceID, &a.IdempotencyKey, &a.Subject, &a.Body, &a.Translations, &a.Filter,
		&a.CreatedBy, &a.CreatedByEmail, &created, &sendAt, &a.State, &sent, &cancelled, &a.Recipients}, extra...)
	if err := row.Scan(dest...); err != nil {
		return a, err
	}
	return a, parseTimes(timeField{created, &a.CreatedAt}, timeField{sendAt, &a.SendAt}, timeField{sent, &a.SentAt},
		timeField{cancelled, &a.CancelledAt})
}

// CreateAnnouncement stores a, scheduled or sent (a.State), and returns its id.
// A second announcement with a's idempotency key gives ErrDuplicateAnnouncement.
func (tx *Tx) CreateAnnouncement(a Announcement) (int64, error) {
	var n int
	if err := tx.tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM announcements WHERE idempotency_key = ?`,
		a.IdempotencyKey).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: create announcement: %w", err)
	}
	if n > 0 {
		return 0, ErrDuplicateAnnouncement
	}
	var sent any
	if !a.SentAt.IsZero() {
		sent = ts(a.SentAt)
	}
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO announcements (conference_id, idempotency_key, subject, body,
		translations, filter, created_by, created_by_email, created_at, send_at, state, sent_at, recipients)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ConferenceID, a.IdempotencyKey, a.Subject, a.Body, a.Translations, a.Filter, nullID(a.CreatedBy), a.CreatedByEmail,
		ts(a.CreatedAt), ts(a.SendAt), a.State, sent, a.Recipients)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return 0, ErrDuplicateAnnouncement
		}
		return 0, fmt.Errorf("store: create announcement: %w", err)
	}
	return res.LastInsertId()
}

// MarkAnnouncementSent records that a scheduled announcement's messages
// were queued at now. It gives ErrNotFound unless the announcement is still scheduled.
func (tx *Tx) MarkAnnouncementSent(id int64, recipients int, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE announcements SET state = 'sent', sent_at = ?, recipients = ?
		WHERE id = ? AND state = 'scheduled'`, ts(now), recipients, id)
	return changedOne(res, err, "mark announcement sent")
}

// CancelAnnouncement cancels a scheduled announcement. It gives
// ErrNotFound unless the announcement is still scheduled.
func (tx *Tx) CancelAnnouncement(id int64, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE announcements SET state = 'cancelled', cancelled_at = ?
		WHERE id = ? AND state = 'scheduled'`, ts(now), id)
	return changedOne(res, err, "cancel announcement")
}

func changedOne(res sql.Result, err error, what string) error {
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// Announcement returns the announcement with id.
func (rd reader) Announcement(ctx context.Context, id int64) (Announcement, error) {
	a, err := scanAnnouncement(rd.q.QueryRowContext(ctx, `SELECT `+announcementColumns+` FROM announcements a WHERE a.id = ?`, id))
	if err != nil {
		return a, notFound(err, fmt.Sprintf("announcement %d", id))
	}
	return a, nil
}

// Announcement returns the announcement with id, inside the transaction.
func (tx *Tx) Announcement(id int64) (Announcement, error) { return tx.read.Announcement(tx.ctx, id) }

// Announcements returns the conference's announcements, newest first,
// each with its outbox messages counted by state.
func (s *Store) Announcements(ctx context.Context, conferenceID int64) ([]Announcement, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+announcementColumns+`,
		(SELECT count(*) FROM outbox o WHERE o.announcement_id = a.id AND o.state = 'sent'),
		(SELECT count(*) FROM outbox o WHERE o.announcement_id = a.id AND o.state = 'failed'),
		(SELECT count(*) FROM outbox o WHERE o.announcement_id = a.id AND o.state = 'queued')
		FROM announcements a WHERE a.conference_id = ? ORDER BY a.created_at DESC, a.id DESC`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: announcements: %w", err)
	}
	defer rows.Close()
	var out []Announcement
	for rows.Next() {
		var d, f, w int
		a, err := scanAnnouncement(rows, &d, &f, &w)
		if err != nil {
			return nil, fmt.Errorf("store: announcements: %w", err)
		}
		a.Delivered, a.Failed, a.Waiting = d, f, w
		out = append(out, a)
	}
	return out, rows.Err()
}

// DueAnnouncements returns the scheduled announcements whose time has come at now, oldest first.
func (s *Store) DueAnnouncements(ctx context.Context, now time.Time) ([]Announcement, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+announcementColumns+` FROM announcements a
		WHERE a.state = 'scheduled' AND a.send_at <= ? ORDER BY a.send_at, a.id`, ts(now))
	if err != nil {
		return nil, fmt.Errorf("store: due announcements: %w", err)
	}
	defer rows.Close()
	var out []Announcement
	for rows.Next() {
		a, err := scanAnnouncement(rows)
		if err != nil {
			return nil, fmt.Errorf("store: due announcements: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// EnqueueAnnouncementMail writes a queued message of announcement id, due at m.CreatedAt.
func (tx *Tx) EnqueueAnnouncementMail(m model.OutboxMessage, announcementID int64) error {
	id, err := tx.EnqueueMail(m)
	if err != nil {
		return err
	}
	_, err = tx.tx.ExecContext(tx.ctx, `UPDATE outbox SET announcement_id = ? WHERE id = ?`, announcementID, id)
	if err != nil {
		return fmt.Errorf("store: enqueue announcement mail: %w", err)
	}
	return nil
}

// AnnouncementRecipients returns the registrations f matches that have an
// e-mail address (an erased one has none), in f's order, read inside the
// transaction so that the list and the messages queued from it agree.
func (tx *Tx) AnnouncementRecipients(conferenceID int64, f RegistrationFilter) ([]model.Registration, error) {
	return announcementRecipients(tx.ctx, tx.read.q, conferenceID, f)
}

// AnnouncementRecipients is the same list, read outside a transaction (for the preview).
func (s *Store) AnnouncementRecipients(ctx context.Context, conferenceID int64, f RegistrationFilter) ([]model.Registration, error) {
	return announcementRecipients(ctx, s.db.Read, conferenceID, f)
}

func announcementRecipients(ctx context.Context, q querier, conferenceID int64, f RegistrationFilter) ([]model.Registration, error) {
	where, args := f.where(conferenceID)
	rows, err := q.QueryContext(ctx, `SELECT `+registrationColumns+` FROM registrations WHERE `+where+
		` AND trim(email) <> '' ORDER BY `+nameOrder, args...)
	if err != nil {
		return nil, fmt.Errorf("store: announcement recipients: %w", err)
	}
	defer rows.Close()
	var out []model.Registration
	for rows.Next() {
		r, err := scanRegistration(rows)
		if err != nil {
			return nil, fmt.Errorf("store: announcement recipients: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

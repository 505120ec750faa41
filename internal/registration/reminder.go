package registration

import (
	"context"
	"strconv"
	"time"

	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// Reminder rules. The conference's rule (settings: "Reminder") sends every
// confirmed participant a reminder (mail.KindReminder) Days days before
// the first day, from local midnight in the conference's zone, until the
// conference begins. Press registrations get none: journalists are
// accredited, not confirmed participants. A participant confirmed after
// the day gets it at the next run. Each rule sends at most once per
// registration: the marker (table reminders_sent, keyed by registration
// and rule) is written in the transaction that queues the message, so a
// second run, or two at once, finds it and sends nothing. Changing the
// number of days does not send again to those already reminded.

// RuleBeforeStart names the "N days before the first day" rule in the markers.
const RuleBeforeStart = "before_start"

// DefaultReminder is the rule of a new conference: on, 7 days before.
var DefaultReminder = model.ReminderRule{Enabled: true, Days: 7}

// ReminderDue returns when rule's reminders are due for c (local midnight
// Days days before the first day), and reports whether they go at now:
// the rule is on, that time has come and the conference has not begun.
func ReminderDue(c model.Conference, rule model.ReminderRule, now time.Time) (time.Time, bool) {
	start := c.Start()
	if start.IsZero() || rule.Days < 1 {
		return time.Time{}, false
	}
	due := start.AddDate(0, 0, -rule.Days)
	return due, rule.Enabled && !now.Before(due) && now.Before(start)
}

// SendReminders queues the current conference's reminder to every
// confirmed participant who has not had it, when it is due, in one
// transaction with its markers and one audit line; it returns how many
// it queued. Run it as often as you like (the server runs it hourly).
func (s *Service) SendReminders(ctx context.Context) (int, error) {
	now := s.Now()
	n := 0
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		n = 0
		c, err := tx.CurrentConference()
		if err != nil {
			return err
		}
		rule, err := tx.ReminderRule(c.ID)
		if err != nil {
			return err
		}
		if _, due := ReminderDue(c, rule, now); !due {
			return nil
		}
		regs, err := tx.ReminderRecipients(c.ID, RuleBeforeStart, model.CategoryPress)
		if err != nil {
			return err
		}
		for _, r := range regs {
			fresh, err := tx.MarkReminderSent(r.ID, RuleBeforeStart, now)
			if err != nil {
				return err
			}
			if !fresh {
				continue
			}
			if err := s.enqueue(tx, mail.KindReminder, mail.Data{Conference: c, Registration: r}, now); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return nil
		}
		return tx.Audit(model.AuditEntry{ConferenceID: c.ID, Actor: "system", Action: "reminder", Entity: "conference",
			EntityID: c.ID, CreatedAt: now, Changes: map[string][2]string{
				"reminders_sent": {"", strconv.Itoa(n) + " (" + strconv.Itoa(rule.Days) + " days before the first day)"}}})
	})
	if err != nil {
		return 0, err
	}
	if n > 0 {
		s.notify()
	}
	return n, nil
}

package web

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/store"
	"confdesk/views/admin"
)

// outboxPerPage is the length of one page of the outbox.
const outboxPerPage = 50

// showOutbox lists the conference's e-mails, newest first (?state=&page=).
func (s *Server) showOutbox(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "Outbox", "outbox")
	if err != nil {
		return err
	}
	ctx, conf := c.UserContext(), p.Conference
	v := admin.OutboxView{PerPage: outboxPerPage, SMTPConfigured: s.cfg.SMTPURL != ""}
	if st := c.Query("state"); slices.Contains(model.MailStates, st) {
		v.State = st
	}
	if v.Counts, err = s.store.MailCounts(ctx, conf.ID); err != nil {
		return err
	}
	if v.Total, err = s.store.OutboxCount(ctx, conf.ID, v.State); err != nil {
		return err
	}
	v.Page = 1
	if n, err := strconv.Atoi(c.Query("page")); err == nil && n > 1 {
		v.Page = min(n, v.Pages())
	}
	if v.Messages, err = s.store.Outbox(ctx, conf.ID, v.State, v.PerPage, (v.Page-1)*v.PerPage); err != nil {
		return err
	}
	return render(c, fiber.StatusOK, admin.OutboxPage(p, v))
}

// showOutboxMessage shows one message with its text, as it is (or will be) sent.
func (s *Server) showOutboxMessage(c *fiber.Ctx) error {
	p, err := s.adminPage(c, "E-mail", "outbox")
	if err != nil {
		return err
	}
	m, err := loadRecord(c, s.store.OutboxMessage)
	if err != nil {
		return err
	}
	p.Title = m.Subject
	return render(c, fiber.StatusOK, admin.OutboxMessagePage(p, admin.OutboxMessageView{Message: m, SMTPConfigured: s.cfg.SMTPURL != ""}))
}

// retryOutboxMessage puts a queued or failed message back in the queue,
// due now, and wakes the sender. The retry is audited.
func (s *Server) retryOutboxMessage(c *fiber.Ctx) error {
	conf := conference(c)
	m, err := loadRecord(c, s.store.OutboxMessage)
	if err != nil {
		return err
	}
	if m.State == model.MailSent {
		return fiber.NewError(fiber.StatusConflict, "This message was sent already; there is nothing to retry.")
	}
	u, now := currentUser(c), s.now()
	err = s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		if err := tx.RetryMail(m.ID, now); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{ConferenceID: conf.ID, UserID: u.ID, Actor: u.Email, Action: "retry_mail",
			Entity: "outbox", EntityID: m.ID, CreatedAt: now,
			Changes: map[string][2]string{"state": {m.State, model.MailQueued}}})
	})
	if errors.Is(err, store.ErrNotFound) {
		// Sent between our read and the update.
		return fiber.NewError(fiber.StatusConflict, "This message was sent in the meantime; there is nothing to retry.")
	}
	if err != nil {
		return err
	}
	s.notifyMail()
	back := localPath(c.FormValue("return"))
	if !strings.HasPrefix(back, paths.Outbox) {
		back = paths.OutboxMessage(m.ID)
	}
	msg := "The message to " + m.ToEmail + " is queued again and will be sent shortly."
	if s.cfg.SMTPURL == "" {
		msg = "The message to " + m.ToEmail + " is queued again. It stays in the outbox until e-mail sending is set up (CONFDESK_SMTP_URL)."
	}
	return s.redirectWithFlash(c, back, msg)
}

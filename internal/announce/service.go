package announce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	htmltemplate "html/template"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/press"
	"confdesk/internal/store"
)

// Service carries out announcements.
type Service struct {
	Store   *store.Store
	BaseURL string
	Now     func() time.Time
	// Notify wakes the mail sender after messages were queued; nil when none runs.
	Notify func()
}

func (s *Service) notify() {
	if s.Notify != nil {
		s.Notify()
	}
}

// ErrNoRecipients is the field error's reason when the filters match nobody.
const noRecipients = "No registration with an e-mail address matches these filters: nobody would get this message. Change the filters."

// ErrNotScheduled is returned by Cancel for an announcement that went or was cancelled already.
var ErrNotScheduled = errors.New("announce: the announcement is no longer scheduled")

// Preview is what the preview shows.
type Preview struct {
	Count     int
	Recipient model.Registration // the first in the list
	Message   model.OutboxMessage
	Body      mail.Announcement // the filled message before the footer
}

// message is one announcement's texts, as stored.
type message struct {
	Subject, Body string
	Translations  model.Translations
}

// text is m in lang: the translation field by field, else English.
func (m message) text(lang string) (subject, body string) {
	subject, body = m.Subject, m.Body
	if t := strings.TrimSpace(m.Translations.Get("subject", lang)); t != "" {
		subject = t
	}
	if t := strings.TrimSpace(m.Translations.Get("body", lang)); t != "" {
		body = t
	}
	return subject, body
}

// values are a recipient's placeholder values.
func (s *Service) values(conf model.Conference, confName string, r model.Registration, l *i18n.Locale) map[string]string {
	dates := ""
	if !conf.Start().IsZero() && !conf.End().IsZero() {
		dates = l.DateRange(conf.Start(), conf.End().AddDate(0, 0, -1))
	}
	return map[string]string{
		"first_name": r.FirstName,
		"last_name":  r.LastName,
		"reference":  r.Reference,
		"link":       s.BaseURL + paths.FindRegistration,
		"conference": confName,
		"dates":      dates,
	}
}

// fill replaces the placeholders of s with vals, each through esc.
func fill(s string, vals map[string]string, esc func(string) string) string {
	return placeholder.ReplaceAllStringFunc(s, func(m string) string {
		name := placeholder.FindStringSubmatch(m)[1]
		if v, ok := vals[name]; ok {
			return esc(v)
		}
		return m
	})
}

func same(s string) string { return s }

// Personalise fills m's placeholders for r. The plain text is the Markdown
// source filled in; the HTML is rendered from the source with only
// {{link}} filled (a URL the site made, so GFM makes it a link), the other
// values put in afterwards, escaped, so that a name never acts as Markdown.
func (s *Service) personalise(conf model.Conference, confName string, m message, r model.Registration) (mail.Announcement, error) {
	l := i18n.ByCode(r.Language)
	vals := s.values(conf, confName, r, l)
	subject, body := m.text(l.Code)
	link := map[string]string{"link": vals["link"]}
	rendered, err := press.RenderMarkdown(fill(body, link, same))
	if err != nil {
		return mail.Announcement{}, fmt.Errorf("announce: render: %w", err)
	}
	return mail.Announcement{
		Subject: fill(subject, vals, same),
		Text:    fill(body, vals, same),
		HTML:    htmltemplate.HTML(fill(rendered, vals, html.EscapeString)),
	}, nil
}

// conferenceNames returns the conference's name per language code, as organisers translated it.
func conferenceNames(conf model.Conference, t model.Translations) map[string]string {
	out := map[string]string{}
	for _, l := range i18n.Languages {
		out[l.Code] = conf.Name
		if n := t.Get("name", l.Code); n != "" {
			out[l.Code] = n
		}
	}
	return out
}

func (s *Service) compose(conf model.Conference, names map[string]string, m message, r model.Registration) (mail.Announcement, model.OutboxMessage, error) {
	name := names[i18n.ByCode(r.Language).Code]
	a, err := s.personalise(conf, name, m, r)
	if err != nil {
		return a, model.OutboxMessage{}, err
	}
	out, err := mail.ComposeAnnouncement(mail.Data{Conference: conf, Registration: r, SiteURL: s.BaseURL, ConferenceName: name}, a)
	return a, out, err
}

// Preview checks f and returns how many would get it and the message the
// first of them would get; errs when the form has problems or nobody matches.
func (s *Service) Preview(ctx context.Context, conf model.Conference, f *Form) (Preview, model.FieldErrors, error) {
	var p Preview
	if _, errs := f.Check(conf, s.Now()); len(errs) > 0 {
		return p, errs, nil
	}
	recips, err := s.Store.AnnouncementRecipients(ctx, conf.ID, f.Filter)
	if err != nil {
		return p, nil, err
	}
	if len(recips) == 0 {
		return p, model.FieldErrors{{Field: "filters", Message: noRecipients}}, nil
	}
	t, err := s.Store.Translations(ctx, i18n.KindConference, conf.ID)
	if err != nil {
		return p, nil, err
	}
	p.Count, p.Recipient = len(recips), recips[0]
	p.Body, p.Message, err = s.compose(conf, conferenceNames(conf, t), message{f.Subject, f.Body, f.Translations}, recips[0])
	return p, nil, err
}

// Result is what Send did.
type Result struct {
	ID         int64
	Recipients int       // messages queued (0 when scheduled)
	Scheduled  time.Time // when it will go, for a scheduled one
	Duplicate  bool      // the form was sent before: nothing was done
}

// Send checks f and queues its messages now, or schedules it when f has a send_at.
func (s *Service) Send(ctx context.Context, conf model.Conference, f *Form, by model.User) (Result, model.FieldErrors, error) {
	now := s.Now()
	checked, errs := f.Check(conf, now)
	if len(errs) > 0 {
		return Result{}, errs, nil
	}
	tr, err := json.Marshal(f.Translations)
	if err != nil {
		return Result{}, nil, err
	}
	a := store.Announcement{ConferenceID: conf.ID, IdempotencyKey: f.Key, Subject: f.Subject, Body: f.Body,
		Translations: string(tr), Filter: f.Filter.Query(), CreatedBy: by.ID, CreatedByEmail: by.Email,
		CreatedAt: now, SendAt: now, State: store.AnnouncementSent, SentAt: now}
	if !checked.SendAt.IsZero() {
		a.SendAt, a.State, a.SentAt = checked.SendAt, store.AnnouncementScheduled, time.Time{}
	}
	var res Result
	err = s.Store.Update(ctx, func(tx *store.Tx) error {
		res = Result{}
		if a.State == store.AnnouncementScheduled {
			id, err := tx.CreateAnnouncement(a)
			if errors.Is(err, store.ErrDuplicateAnnouncement) {
				res.Duplicate = true
				return nil
			} else if err != nil {
				return err
			}
			res.ID, res.Scheduled = id, a.SendAt
			return tx.Audit(model.AuditEntry{ConferenceID: conf.ID, UserID: by.ID, Actor: by.Email, Action: "schedule_announcement",
				Entity: "announcement", EntityID: id, CreatedAt: now, Changes: map[string][2]string{
					"subject": {"", a.Subject}, "filter": {"", a.Filter}, "send_at": {"", a.SendAt.Format(time.RFC3339)}}})
		}
		n, id, err := s.deliver(tx, conf, a, now)
		if errors.Is(err, store.ErrDuplicateAnnouncement) {
			res.Duplicate = true
			return nil
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return errNobody
		}
		res.ID, res.Recipients = id, n
		return tx.Audit(model.AuditEntry{ConferenceID: conf.ID, UserID: by.ID, Actor: by.Email, Action: "send_announcement",
			Entity: "announcement", EntityID: id, CreatedAt: now, Changes: map[string][2]string{
				"subject": {"", a.Subject}, "filter": {"", a.Filter}, "recipients": {"", strconv.Itoa(n)}}})
	})
	if errors.Is(err, errNobody) {
		return Result{}, model.FieldErrors{{Field: "filters", Message: noRecipients}}, nil
	}
	if err != nil {
		return Result{}, nil, err
	}
	if res.Recipients > 0 {
		s.notify()
	}
	return res, nil, nil
}

// errNobody rolls back a send that matched nobody.
var errNobody = errors.New("announce: no recipients")

// deliver queues a's messages inside tx: a new announcement (a.ID 0) is
// stored as sent, a scheduled one marked sent. It returns the number of
// recipients and the announcement's id.
func (s *Service) deliver(tx *store.Tx, conf model.Conference, a store.Announcement, now time.Time) (int, int64, error) {
	var m message
	m.Subject, m.Body = a.Subject, a.Body
	if err := json.Unmarshal([]byte(a.Translations), &m.Translations); err != nil {
		return 0, 0, fmt.Errorf("announce: translations of announcement %d: %w", a.ID, err)
	}
	v, err := url.ParseQuery(a.Filter)
	if err != nil {
		return 0, 0, fmt.Errorf("announce: filter of announcement %d: %w", a.ID, err)
	}
	recips, err := tx.AnnouncementRecipients(conf.ID, FilterOf(v))
	if err != nil {
		return 0, 0, err
	}
	id := a.ID
	if id == 0 {
		a.Recipients = len(recips)
		if id, err = tx.CreateAnnouncement(a); err != nil {
			return 0, 0, err
		}
	} else if err := tx.MarkAnnouncementSent(id, len(recips), now); err != nil {
		return 0, 0, err
	}
	t, err := tx.Translations(i18n.KindConference, conf.ID)
	if err != nil {
		return 0, 0, err
	}
	names := conferenceNames(conf, t)
	for _, r := range recips {
		_, msg, err := s.compose(conf, names, m, r)
		if err != nil {
			return 0, 0, err
		}
		msg.CreatedAt = now
		if err := tx.EnqueueAnnouncementMail(msg, id); err != nil {
			return 0, 0, err
		}
	}
	return len(recips), id, nil
}

// Cancel cancels a scheduled announcement of conf (audited). One that went
// or was cancelled already gives ErrNotScheduled; another conference's, store.ErrNotFound.
func (s *Service) Cancel(ctx context.Context, conf model.Conference, id int64, by model.User) error {
	now := s.Now()
	return s.Store.Update(ctx, func(tx *store.Tx) error {
		a, err := tx.Announcement(id)
		if err != nil {
			return err
		}
		if a.ConferenceID != conf.ID {
			return store.ErrNotFound
		}
		if a.State != store.AnnouncementScheduled {
			return ErrNotScheduled
		}
		if err := tx.CancelAnnouncement(id, now); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{ConferenceID: conf.ID, UserID: by.ID, Actor: by.Email, Action: "cancel_announcement",
			Entity: "announcement", EntityID: id, CreatedAt: now,
			Changes: map[string][2]string{"state": {store.AnnouncementScheduled, store.AnnouncementCancelled}}})
	})
}

// SendDue queues every scheduled announcement whose time has come, each in
// its own transaction, and returns how many went. One cancelled meanwhile is skipped.
func (s *Service) SendDue(ctx context.Context) (int, error) {
	now := s.Now()
	due, err := s.Store.DueAnnouncements(ctx, now)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, a := range due {
		err := s.Store.Update(ctx, func(tx *store.Tx) error {
			cur, err := tx.Announcement(a.ID)
			if err != nil {
				return err
			}
			if cur.State != store.AnnouncementScheduled {
				return ErrNotScheduled
			}
			conf, err := tx.Conference(cur.ConferenceID)
			if err != nil {
				return err
			}
			n, _, err := s.deliver(tx, conf, cur, now)
			if err != nil {
				return err
			}
			return tx.Audit(model.AuditEntry{ConferenceID: conf.ID, Actor: "system", Action: "send_announcement",
				Entity: "announcement", EntityID: cur.ID, CreatedAt: now,
				Changes: map[string][2]string{"state": {store.AnnouncementScheduled, store.AnnouncementSent},
					"recipients": {"", strconv.Itoa(n)}}})
		})
		switch {
		case errors.Is(err, ErrNotScheduled):
		case err != nil:
			return sent, fmt.Errorf("announce: send announcement %d: %w", a.ID, err)
		default:
			sent++
		}
	}
	if sent > 0 {
		s.notify()
	}
	return sent, nil
}

// Run calls SendDue at once and at every tick until ctx ends; done, when
// not nil, gets each run's result (tests wait on it). Errors are logged.
func (s *Service) Run(ctx context.Context, tick <-chan time.Time, log *slog.Logger, done func(int, error)) {
	for {
		n, err := s.SendDue(ctx)
		if err != nil && log != nil {
			log.Error("scheduled announcements", "err", err)
		}
		if done != nil {
			done(n, err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
	}
}

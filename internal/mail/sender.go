package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/store"
)

// MaxAttempts is how many failed deliveries a message gets before it is
// marked failed; with Backoff that spans about five and a half hours.
const MaxAttempts = 15

// DefaultPollInterval is how often Run looks at the outbox when nothing wakes it.
const DefaultPollInterval = time.Minute

const (
	// firstBackoff is short so that a brief outage (the mail server
	// restarting) delays mail by seconds, not minutes.
	firstBackoff = 5 * time.Second
	maxBackoff   = time.Hour
	// batchSize bounds how many messages one query loads; SendDue keeps
	// loading until nothing is due.
	batchSize = 50
	// minWait keeps Run from spinning when messages stay due after a batch
	// (a connection that broke mid-batch, a database error).
	minWait      = time.Second
	dialTimeout  = 10 * time.Second
	ioTimeout    = time.Minute // per message, and for the greeting, STARTTLS and AUTH
	maxErrorText = 300
)

// Backoff returns how long to wait after the attempt-th failed delivery of a
// message (counting from 1): 5 s, 10 s, 20 s, 40 s, ... at most one hour.
func Backoff(attempt int) time.Duration {
	d := firstBackoff
	for i := 1; i < attempt; i++ {
		d *= 2
		if d >= maxBackoff {
			return maxBackoff
		}
	}
	return d
}

// Sender delivers queued outbox messages through SMTP, with retries and backoff.
//
// Delivery is at least once. The outbox row is the only state: a message is
// marked sent only after the server accepted its DATA, so nothing is lost
// when the SMTP server is down or the process restarts. The price is that a
// crash (or a dropped connection) between the server's acceptance and the
// database update sends that message again on the next attempt.
type Sender struct {
	// PollInterval is the longest Run sleeps when nothing wakes it; set it before Run.
	PollInterval time.Duration

	st     *store.Store
	server smtpServer
	from   *netmail.Address
	helo   string
	logger *slog.Logger
	now    func() time.Time
	wake   chan struct{}
	mu     sync.Mutex // one SendDue at a time, so no message goes out twice in parallel

	// unreachable is set when a connection to the server failed, and
	// cleared by the next one that succeeds; guarded by mu.
	unreachable bool

	// rootCAs verifies the server's certificate; nil means the system's roots.
	// Tests set it to trust their own certificate.
	rootCAs *x509.CertPool
}

// smtpServer is where and how to connect, from the SMTP URL.
type smtpServer struct {
	host        string // for TLS verification and net/smtp's localhost check
	addr        string // host:port
	implicitTLS bool   // smtps://: TLS from the first byte
	user, pass  string
}

// NewSender returns a sender for smtpURL (smtp://user:pass@host:port or smtps://...), sending From: from.
//
// smtp:// connects in plain text (port 25 by default) and upgrades with
// STARTTLS whenever the server offers it; smtps:// (port 465 by default)
// speaks TLS from the start. With a user in the URL the sender logs in with
// AUTH PLAIN when the server offers AUTH. net/smtp refuses to send a password
// over a connection that is not encrypted, except to localhost, so a server
// without TLS gets no credentials: delivery fails and the reason is recorded
// on the message, instead of the password going out in clear text.
func NewSender(st *store.Store, smtpURL, from string, logger *slog.Logger, now func() time.Time) (*Sender, error) {
	if st == nil {
		return nil, errors.New("mail: new sender: no store")
	}
	if smtpURL == "" {
		return nil, errors.New("mail: new sender: no SMTP URL; without one, messages stay in the outbox")
	}
	srv, err := parseSMTPURL(smtpURL)
	if err != nil {
		return nil, err
	}
	addr, err := netmail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("mail: new sender: From address %q: %w", from, err)
	}
	if logger == nil {
		logger = slog.Default()
	}
	if now == nil {
		now = time.Now
	}
	return &Sender{
		PollInterval: DefaultPollInterval,
		st:           st,
		server:       srv,
		from:         addr,
		helo:         heloName(),
		logger:       logger,
		now:          now,
		wake:         make(chan struct{}, 1),
	}, nil
}

// parseSMTPURL reads smtp://user:pass@host:port. Its errors never repeat the
// URL, which may hold a password.
func parseSMTPURL(raw string) (smtpServer, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return smtpServer{}, errors.New("mail: SMTP URL: not a URL; want smtp://user:pass@host:port")
	}
	var srv smtpServer
	port := ""
	switch u.Scheme {
	case "smtp":
		port = "25"
	case "smtps":
		port, srv.implicitTLS = "465", true
	default:
		return smtpServer{}, fmt.Errorf("mail: SMTP URL: scheme %q; want smtp:// or smtps://", u.Scheme)
	}
	srv.host = u.Hostname()
	if srv.host == "" {
		return smtpServer{}, errors.New("mail: SMTP URL: no host; want smtp://user:pass@host:port")
	}
	if p := u.Port(); p != "" {
		port = p
	}
	srv.addr = net.JoinHostPort(srv.host, port)
	if u.User != nil {
		srv.user = u.User.Username()
		srv.pass, _ = u.User.Password()
	}
	return srv, nil
}

// heloName is the name the sender greets the server with: the machine's
// name when it looks like a domain, since some servers score a bare
// "localhost" as spam.
func heloName() string {
	if h, err := os.Hostname(); err == nil && strings.Contains(h, ".") {
		return h
	}
	return "localhost"
}

// Notify wakes the sender; handlers call it after committing a transaction that queued mail. Never blocks.
func (s *Sender) Notify() {
	select {
	case s.wake <- struct{}{}:
	default: // a wake-up is already pending; it will see this message too
	}
}

// Run delivers due messages until ctx ends. It wakes when Notify is called, when the next queued message
// falls due (store.NextMailDue), and at least every PollInterval.
func (s *Sender) Run(ctx context.Context) {
	for {
		if _, err := s.SendDue(ctx); err != nil && ctx.Err() == nil {
			s.logger.Warn("mail: delivery", "err", err)
		}
		t := time.NewTimer(s.untilNext(ctx))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-s.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// untilNext is how long Run may sleep before a queued message falls due.
func (s *Sender) untilNext(ctx context.Context) time.Duration {
	poll := s.PollInterval
	if poll <= 0 {
		poll = DefaultPollInterval
	}
	next, err := s.st.NextMailDue(ctx)
	if err != nil {
		if ctx.Err() == nil {
			s.logger.Warn("mail: next due", "err", err)
		}
		return poll
	}
	if next.IsZero() {
		return poll
	}
	return min(max(next.Sub(s.now()), minWait), poll)
}

// SendDue delivers every message due now, once, and returns how many were sent. Run calls it; tests may too.
//
// One connection serves the whole call. When the server cannot be reached,
// every due message records a failed attempt, so each backs off instead of
// being tried again at once; when the connection breaks mid-batch, the
// message in flight records the failure and the rest wait for the next call.
func (s *Sender) SendDue(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Outcomes are recorded even when ctx ends mid-way: a message the server
	// accepted must be marked sent, or it would go out twice.
	record := context.WithoutCancel(ctx)
	var c *client
	defer func() {
		if c != nil {
			c.quit()
		}
	}()
	var dialErr error // once the server cannot be reached, the rest of the queue waits too
	sent := 0
	for {
		if err := ctx.Err(); err != nil {
			return sent, fmt.Errorf("mail: send due: %w", err)
		}
		due, err := s.st.DueMail(ctx, s.now(), batchSize)
		if err != nil {
			return sent, fmt.Errorf("mail: send due: %w", err)
		}
		if len(due) == 0 {
			if dialErr != nil {
				return sent, fmt.Errorf("mail: connect to %s: %w", s.server.addr, dialErr)
			}
			return sent, nil
		}
		if c == nil && dialErr == nil {
			c, dialErr = s.connect(ctx)
			if dialErr != nil && ctx.Err() != nil {
				return sent, fmt.Errorf("mail: send due: %w", ctx.Err())
			}
			if dialErr == nil && s.unreachable {
				// The server is back. Messages that backed off while it was
				// away go out now, over this connection, instead of each
				// waiting out its own (by now possibly long) backoff.
				if n, err := s.st.RetryBackedOffMail(record, s.now()); err != nil {
					s.logger.Warn("mail: retry backed-off messages", "err", err)
				} else if n > 0 {
					s.logger.Info("mail: server reachable again; retrying backed-off messages", "count", n)
					s.unreachable = false
					continue // load the batch again, with them in it
				}
			}
			s.unreachable = dialErr != nil
		}
		if dialErr != nil {
			// These messages are now due later, so the next query moves on.
			for _, m := range due {
				if err := s.attemptFailed(record, m, &deliveryError{step: "connect", err: dialErr}); err != nil {
					return sent, err
				}
			}
			continue
		}
		for _, m := range due {
			if ctx.Err() != nil {
				// The message was not tried, so it keeps its attempts.
				return sent, fmt.Errorf("mail: send due: %w", ctx.Err())
			}
			if c.used {
				if err := c.reset(); err != nil {
					c.close()
					c = nil
					return sent, fmt.Errorf("mail: reset connection: %w", err)
				}
			}
			derr := s.deliver(c, m)
			if derr == nil {
				if err := s.st.MarkMailSent(record, m.ID, s.now()); err != nil {
					return sent, fmt.Errorf("mail: message %d was delivered but not marked sent, so it will be sent again: %w", m.ID, err)
				}
				s.logger.Info("mail: sent", "outbox_id", m.ID, "kind", m.Kind)
				sent++
				continue
			}
			if ctx.Err() != nil {
				// Cancelled mid-message: our doing, not the server's.
				return sent, fmt.Errorf("mail: send due: %w", ctx.Err())
			}
			if err := s.attemptFailed(record, m, derr); err != nil {
				return sent, err
			}
			if derr.broken {
				c.close()
				c = nil
				return sent, fmt.Errorf("mail: connection lost: %w", derr)
			}
		}
		if len(due) < batchSize {
			return sent, nil
		}
	}
}

// attemptFailed records a failed delivery of m and when to try it again.
func (s *Sender) attemptFailed(ctx context.Context, m model.OutboxMessage, derr *deliveryError) error {
	attempts := m.Attempts + 1
	giveUp := derr.permanent || attempts >= MaxAttempts
	next := s.now().Add(Backoff(attempts))
	reason := s.errorText(derr)
	if err := s.st.MarkMailAttemptFailed(ctx, m.ID, next, reason, giveUp); err != nil {
		return fmt.Errorf("mail: record failed delivery: %w", err)
	}
	s.logger.Warn("mail: delivery failed", "outbox_id", m.ID, "kind", m.Kind, "attempt", attempts,
		"gave_up", giveUp, "err", reason)
	return nil
}

// errorText is the short reason stored on the message, for organisers. It
// never holds the SMTP password, even if a server echoed it back.
func (s *Sender) errorText(err error) string {
	text := strings.Join(strings.Fields(err.Error()), " ")
	if s.server.pass != "" {
		text = strings.ReplaceAll(text, s.server.pass, "***")
	}
	if len(text) > maxErrorText {
		text = strings.ToValidUTF8(text[:maxErrorText], "") + "…"
	}
	return text
}

// deliveryError is why one message was not delivered.
type deliveryError struct {
	step      string // connect, address, mail from, rcpt to, data
	err       error
	permanent bool // retrying cannot help: the recipient address is refused
	broken    bool // the connection cannot carry another message
}

func (e *deliveryError) Error() string { return e.step + ": " + e.err.Error() }
func (e *deliveryError) Unwrap() error { return e.err }

// client is one SMTP connection, ready for MAIL FROM.
type client struct {
	c    *smtp.Client
	conn net.Conn // the raw connection, for deadlines
	stop func() bool
	used bool // a message was tried; RSET before the next, in case it stopped half-way
}

// connect dials the server, greets it, switches to TLS when it can and logs in.
func (s *Sender) connect(ctx context.Context) (*client, error) {
	dialer := &net.Dialer{Timeout: dialTimeout}
	var conn net.Conn
	var err error
	if s.server.implicitTLS {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: s.tlsConfig()}).DialContext(ctx, "tcp", s.server.addr)
	} else {
		conn, err = dialer.DialContext(ctx, "tcp", s.server.addr)
	}
	if err != nil {
		return nil, err
	}
	// A past deadline interrupts whatever the connection is waiting for, so
	// Run stops promptly when its context ends.
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	fail := func(step string, err error) (*client, error) {
		stop()
		conn.Close()
		return nil, fmt.Errorf("%s: %w", step, err)
	}
	conn.SetDeadline(time.Now().Add(ioTimeout))
	c, err := smtp.NewClient(conn, s.server.host)
	if err != nil {
		return fail("greeting", err)
	}
	if err := c.Hello(s.helo); err != nil {
		return fail("ehlo", err)
	}
	if !s.server.implicitTLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(s.tlsConfig()); err != nil {
				return fail("starttls", err)
			}
		}
	}
	if s.server.user != "" {
		// Without AUTH on offer we go on unauthenticated: a relay that
		// trusts our address needs none, and one that does not says so at
		// MAIL FROM, which is recorded on the message.
		if ok, _ := c.Extension("AUTH"); ok {
			if err := c.Auth(smtp.PlainAuth("", s.server.user, s.server.pass, s.server.host)); err != nil {
				return fail("auth", err)
			}
		}
	}
	return &client{c: c, conn: conn, stop: stop}, nil
}

// tlsConfig verifies the server's certificate against its host name.
func (s *Sender) tlsConfig() *tls.Config {
	return &tls.Config{ServerName: s.server.host, MinVersion: tls.VersionTLS12, RootCAs: s.rootCAs}
}

// reset ends any half-finished transaction before the next message.
func (c *client) reset() error {
	c.conn.SetDeadline(time.Now().Add(ioTimeout))
	return c.c.Reset()
}

// quit says goodbye politely, and closes the connection either way.
func (c *client) quit() {
	c.conn.SetDeadline(time.Now().Add(ioTimeout))
	if err := c.c.Quit(); err != nil {
		c.c.Close()
	}
	c.stop()
}

// close drops the connection without a goodbye.
func (c *client) close() {
	c.c.Close()
	c.stop()
}

// deliver sends one message over c.
func (s *Sender) deliver(c *client, m model.OutboxMessage) *deliveryError {
	to, err := netmail.ParseAddress(m.ToEmail)
	if err != nil || to.Address != m.ToEmail || strings.ContainsAny(m.ToEmail, "\r\n") {
		if err == nil {
			err = errors.New("not a bare e-mail address")
		}
		return &deliveryError{step: "address", err: fmt.Errorf("%q: %w", m.ToEmail, err), permanent: true}
	}
	msg, err := s.message(m)
	if err != nil {
		return &deliveryError{step: "compose", err: err}
	}
	c.conn.SetDeadline(time.Now().Add(ioTimeout))
	c.used = true
	if err := c.c.Mail(s.from.Address); err != nil {
		return classify("mail from", err)
	}
	if err := c.c.Rcpt(to.Address); err != nil {
		e := classify("rcpt to", err)
		// 5xx on RCPT means the server refuses this address for good
		// (no such user, bad syntax); retrying would only annoy it.
		var tp *textproto.Error
		if errors.As(err, &tp) && tp.Code >= 500 && tp.Code < 600 {
			e.permanent = true
		}
		return e
	}
	w, err := c.c.Data()
	if err != nil {
		return classify("data", err)
	}
	if _, err := w.Write(msg); err != nil {
		w.Close()
		return &deliveryError{step: "data", err: err, broken: true}
	}
	// Close waits for the server's reply to the message: only a positive
	// reply means it took responsibility for it.
	if err := w.Close(); err != nil {
		return classify("data", err)
	}
	return nil
}

// classify marks an error that is not an SMTP reply (a timeout, a reset
// connection) or a 421 ("closing channel") as one that breaks the connection.
func classify(step string, err error) *deliveryError {
	var tp *textproto.Error
	if errors.As(err, &tp) {
		return &deliveryError{step: step, err: err, broken: tp.Code == 421}
	}
	return &deliveryError{step: step, err: err, broken: true}
}

// message renders m as an RFC 5322 message with CRLF line endings: a text
// and an HTML alternative, each quoted-printable, so that the message is
// 7-bit clean for any server and names keep their accents.
func (s *Sender) message(m model.OutboxMessage) ([]byte, error) {
	var b bytes.Buffer
	header := func(name, value string) { b.WriteString(name + ": " + value + "\r\n") }
	header("From", fold(s.from.String()))
	header("To", fold((&netmail.Address{Name: m.ToName, Address: m.ToEmail}).String()))
	// Q-encoding also encodes CR and LF, so no text can add a header.
	header("Subject", fold(mime.QEncoding.Encode("utf-8", m.Subject)))
	header("Date", s.now().Format(time.RFC1123Z))
	header("Message-ID", fmt.Sprintf("<outbox-%d.%s@%s>", m.ID, strings.ToLower(rand.Text()), domain(s.from.Address)))
	header("MIME-Version", "1.0")
	// RFC 3834: tells auto-responders not to answer.
	header("Auto-Submitted", "auto-generated")
	if len(m.Attachments) == 0 {
		if err := writeBody(&b, m); err != nil {
			return nil, fmt.Errorf("mail: message %d: %w", m.ID, err)
		}
		return b.Bytes(), nil
	}
	// With files: multipart/mixed, the text first, then each file in base64.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	header("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mw.Boundary()}))
	b.WriteString("\r\n")
	var text bytes.Buffer
	if err := writeBody(&text, m); err != nil {
		return nil, fmt.Errorf("mail: message %d: %w", m.ID, err)
	}
	head, content, _ := bytes.Cut(text.Bytes(), []byte("\r\n\r\n"))
	ph := textproto.MIMEHeader{}
	for _, line := range strings.Split(string(head), "\r\n") {
		if name, value, ok := strings.Cut(line, ": "); ok {
			ph.Add(name, value)
		}
	}
	w, err := mw.CreatePart(ph)
	if err != nil {
		return nil, fmt.Errorf("mail: message %d: %w", m.ID, err)
	}
	if _, err := w.Write(content); err != nil {
		return nil, fmt.Errorf("mail: message %d: %w", m.ID, err)
	}
	for _, a := range m.Attachments {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {a.ContentType},
			"Content-Transfer-Encoding": {"base64"},
			"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": a.Filename})},
		})
		if err != nil {
			return nil, fmt.Errorf("mail: message %d: %w", m.ID, err)
		}
		if err := writeBase64(w, a.Data); err != nil {
			return nil, fmt.Errorf("mail: message %d: %w", m.ID, err)
		}
	}
	if err := mw.Close(); err != nil {
		return nil, fmt.Errorf("mail: message %d: %w", m.ID, err)
	}
	b.Write(body.Bytes())
	return b.Bytes(), nil
}

// writeBody writes m's text as a MIME entity, its Content-Type and
// Content-Transfer-Encoding headers, a blank line and the content: plain
// text, or a text and an HTML alternative, each quoted-printable.
func writeBody(b *bytes.Buffer, m model.OutboxMessage) error {
	header := func(name, value string) { b.WriteString(name + ": " + value + "\r\n") }
	if m.BodyHTML == "" {
		header("Content-Type", "text/plain; charset=utf-8")
		header("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		return writeQP(b, m.BodyText)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	header("Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": mw.Boundary()}))
	b.WriteString("\r\n")
	// Plain text first: readers show the last alternative they understand.
	for _, part := range []struct{ contentType, body string }{
		{"text/plain; charset=utf-8", m.BodyText},
		{"text/html; charset=utf-8", m.BodyHTML},
	} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.contentType},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return err
		}
		if err := writeQP(w, part.body); err != nil {
			return err
		}
	}
	if err := mw.Close(); err != nil {
		return err
	}
	b.Write(body.Bytes())
	return nil
}

// writeBase64 writes data in base64, in lines of 76 characters with CRLF (RFC 2045, 6.8).
func writeBase64(w interface{ Write([]byte) (int, error) }, data []byte) error {
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 0 {
		n := min(76, len(enc))
		if _, err := w.Write([]byte(enc[:n] + "\r\n")); err != nil {
			return err
		}
		enc = enc[n:]
	}
	return nil
}

// writeQP writes text quoted-printable, with CRLF line endings.
func writeQP(w interface{ Write([]byte) (int, error) }, text string) error {
	qw := quotedprintable.NewWriter(w)
	if _, err := qw.Write([]byte(text)); err != nil {
		return err
	}
	return qw.Close()
}

// fold starts each encoded word after the first on a new header line, so
// long names and subjects stay within the line length mail allows.
// Readers drop the white space between encoded words when decoding.
func fold(v string) string { return strings.ReplaceAll(v, "?= =?", "?=\r\n =?") }

// domain is the part of an address after the @, for Message-IDs.
func domain(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 && i < len(addr)-1 {
		return addr[i+1:]
	}
	return "confdesk.invalid"
}

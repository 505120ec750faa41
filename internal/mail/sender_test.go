package mail

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"confdesk/internal/database"
	"confdesk/internal/demo"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is a migrated database with the demo conference.
type fixture struct {
	st   *store.Store
	conf model.Conference
	clk  *clock
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	st := store.New(db)
	clk := &clock{t: time.Date(2027, 1, 15, 15, 0, 0, 0, time.UTC)}
	if _, err := demo.EnsureConference(ctx, st, demo.Options{Demo: true, Start: "2027-03-15", Now: clk.Now()}); err != nil {
		t.Fatal(err)
	}
	conf, err := st.CurrentConference(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{st: st, conf: conf, clk: clk}
}

// enqueue composes a confirmation for the person and queues it, due now.
func (f *fixture) enqueue(t *testing.T, first, last, email string) model.OutboxMessage {
	t.Helper()
	r := model.Registration{Reference: "CTC-" + strings.ToUpper(first[:1]) + "BC234", FirstName: first, LastName: last, Email: email,
		PassportNumber: "P1234567"}
	m, err := Compose(KindConfirmed, Data{Conference: f.conf, Registration: r, ManageURL: manageURL + "?for=" + email})
	if err != nil {
		t.Fatal(err)
	}
	m.CreatedAt = f.clk.Now()
	err = f.st.Update(context.Background(), func(tx *store.Tx) error {
		m.ID, err = tx.EnqueueMail(m)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// row reads one outbox message back.
func (f *fixture) row(t *testing.T, id int64) model.OutboxMessage {
	t.Helper()
	all, err := f.st.Outbox(context.Background(), f.conf.ID, "", 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("outbox message %d not found", id)
	return model.OutboxMessage{}
}

func (f *fixture) sender(t *testing.T, smtpURL string) *Sender {
	t.Helper()
	s, err := NewSender(f.st, smtpURL, "CTC Miami <noreply@ctc.example>", slog.New(slog.NewTextHandler(t.Output(), nil)), f.clk.Now)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// parsed is a received message, decoded as a mail reader would.
type parsed struct {
	header     netmail.Header
	subject    string
	to         *netmail.Address
	text, html string
	files      []parsedFile // attachments, in order
}

// parsedFile is an attachment as a mail reader saves it.
type parsedFile struct {
	contentType, filename string
	data                  []byte
}

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	// SMTP is a 7-bit, CRLF protocol; the message must be too.
	for i, b := range data {
		if b > 127 {
			t.Fatalf("byte %d is not 7-bit: %q", i, data[max(0, i-20):min(len(data), i+20)])
		}
		if b == '\n' && (i == 0 || data[i-1] != '\r') {
			t.Fatalf("bare LF at byte %d", i)
		}
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var p parsed
	p.header = msg.Header
	if p.subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatal(err)
	}
	if p.to, err = netmail.ParseAddress(msg.Header.Get("To")); err != nil {
		t.Fatal(err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	var body io.Reader = msg.Body
	if err == nil && mediaType == "multipart/mixed" {
		// The text, then the files.
		mr := multipart.NewReader(msg.Body, params["boundary"])
		first, err := mr.NextRawPart()
		if err != nil {
			t.Fatal(err)
		}
		text, err := io.ReadAll(first)
		if err != nil {
			t.Fatal(err)
		}
		if mediaType, params, err = mime.ParseMediaType(first.Header.Get("Content-Type")); err != nil {
			t.Fatal(err)
		}
		body = bytes.NewReader(text)
		for {
			part, err := mr.NextRawPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if cte := part.Header.Get("Content-Transfer-Encoding"); cte != "base64" {
				t.Fatalf("attachment's Content-Transfer-Encoding %q", cte)
			}
			data, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, part))
			if err != nil {
				t.Fatal(err)
			}
			_, dp, err := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
			if err != nil {
				t.Fatal(err)
			}
			p.files = append(p.files, parsedFile{contentType: part.Header.Get("Content-Type"), filename: dp["filename"], data: data})
		}
	}
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(body, params["boundary"])
	for {
		part, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if cte := part.Header.Get("Content-Transfer-Encoding"); cte != "quoted-printable" {
			t.Fatalf("Content-Transfer-Encoding %q", cte)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(part))
		if err != nil {
			t.Fatal(err)
		}
		switch ct := part.Header.Get("Content-Type"); ct {
		case "text/plain; charset=utf-8":
			p.text = string(body)
		case "text/html; charset=utf-8":
			p.html = string(body)
		default:
			t.Fatalf("part of type %q", ct)
		}
	}
	return p
}

func TestSendDueDelivers(t *testing.T) {
	f := newFixture(t)
	srv := startSMTP(t, smtpOptions{})
	s := f.sender(t, "smtp://"+srv.addr)
	ctx := context.Background()
	a := f.enqueue(t, "Désirée", "Piñeiro-Nguyễn", "desiree@example.org")
	b := f.enqueue(t, "Kwame", "Mensah", "kwame@example.org")

	n, err := s.SendDue(ctx)
	if err != nil || n != 2 {
		t.Fatalf("SendDue = %d, %v; want 2, nil", n, err)
	}
	got := srv.got()
	if len(got) != 2 {
		t.Fatalf("server received %d messages, want 2", len(got))
	}
	for i, want := range []model.OutboxMessage{a, b} {
		r := got[i]
		if r.from != "noreply@ctc.example" || len(r.to) != 1 || r.to[0] != want.ToEmail {
			t.Errorf("envelope from %q to %v, want %s", r.from, r.to, want.ToEmail)
		}
		p := parse(t, r.data)
		if p.to.Address != want.ToEmail || p.to.Name != want.ToName {
			t.Errorf("To: %q <%s>, want %q <%s>", p.to.Name, p.to.Address, want.ToName, want.ToEmail)
		}
		if p.subject != want.Subject {
			t.Errorf("Subject %q, want %q", p.subject, want.Subject)
		}
		from, err := netmail.ParseAddress(p.header.Get("From"))
		if err != nil || from.Name != "CTC Miami" || from.Address != "noreply@ctc.example" {
			t.Errorf("From %q: %v", p.header.Get("From"), err)
		}
		if _, err := p.header.Date(); err != nil {
			t.Errorf("Date: %v", err)
		}
		if id := p.header.Get("Message-ID"); !strings.HasPrefix(id, fmt.Sprintf("<outbox-%d.", want.ID)) || !strings.HasSuffix(id, "@ctc.example>") {
			t.Errorf("Message-ID %q", id)
		}
		if p.header.Get("MIME-Version") != "1.0" {
			t.Errorf("MIME-Version %q", p.header.Get("MIME-Version"))
		}
		link := manageURL + "?for=" + want.ToEmail
		if !strings.Contains(p.text, link) || !strings.Contains(p.html, `href="`+link+`"`) {
			t.Errorf("manage link missing from the decoded bodies:\n%s", p.text)
		}
		// On the wire every line ends in CRLF.
		if crlf := strings.ReplaceAll; crlf(p.text, "\r\n", "\n") != want.BodyText || crlf(p.html, "\r\n", "\n") != want.BodyHTML {
			t.Errorf("decoded bodies differ from the outbox")
		}
		if !strings.Contains(p.text, "Dear "+want.ToName+",") {
			t.Errorf("text lost the name's accents:\n%s", p.text)
		}
		if bytes.Contains(r.data, []byte("P1234567")) {
			t.Errorf("passport number in the message")
		}
		row := f.row(t, want.ID)
		if row.State != model.MailSent || !row.SentAt.Equal(f.clk.Now()) || row.Attempts != 1 || row.LastError != "" {
			t.Errorf("row: state %s, sent %v, attempts %d, error %q", row.State, row.SentAt, row.Attempts, row.LastError)
		}
	}

	// Nothing is left to send, and nothing goes out twice.
	if n, err := s.SendDue(ctx); err != nil || n != 0 {
		t.Errorf("second SendDue = %d, %v; want 0, nil", n, err)
	}
	if extra := srv.got(); len(extra) != 0 {
		t.Errorf("%d messages sent again", len(extra))
	}
}

func TestSendDueRetriesAfterOutage(t *testing.T) {
	f := newFixture(t)
	const user, pass = "confdesk", "s3cret-Pa55"
	srv := startSMTP(t, smtpOptions{user: user, pass: pass})
	addr := srv.addr
	srv.stop() // the port is now closed; the address is kept for the restart
	s := f.sender(t, "smtp://"+user+":"+pass+"@"+addr)
	ctx := context.Background()
	msgs := []model.OutboxMessage{
		f.enqueue(t, "Ana", "Lucía Ortíz", "ana@example.org"),
		f.enqueue(t, "Björn", "Ødegård", "bjorn@example.org"),
	}
	failedAt := f.clk.Now()

	n, err := s.SendDue(ctx)
	if err == nil || n != 0 {
		t.Fatalf("SendDue with the server down = %d, %v; want 0 and an error", n, err)
	}
	if strings.Contains(err.Error(), pass) {
		t.Errorf("error shows the password: %v", err)
	}
	for _, m := range msgs {
		row := f.row(t, m.ID)
		if row.State != model.MailQueued || row.Attempts != 1 {
			t.Errorf("message %d: state %s, attempts %d; want queued, 1", m.ID, row.State, row.Attempts)
		}
		if !strings.Contains(row.LastError, "connect") || strings.Contains(row.LastError, pass) {
			t.Errorf("message %d: last error %q", m.ID, row.LastError)
		}
		if want := failedAt.Add(5 * time.Second); !row.NextAttemptAt.Equal(want) {
			t.Errorf("message %d: next attempt %v, want %v", m.ID, row.NextAttemptAt, want)
		}
	}

	// Before the backoff ends, nothing is tried, even with the server back.
	srv.listen(addr)
	f.clk.Advance(4 * time.Second)
	if n, err := s.SendDue(ctx); err != nil || n != 0 {
		t.Fatalf("SendDue during backoff = %d, %v; want 0, nil", n, err)
	}
	if got := srv.got(); len(got) != 0 {
		t.Fatalf("%d messages sent during the backoff", len(got))
	}

	f.clk.Advance(2 * time.Second)
	if n, err := s.SendDue(ctx); err != nil || n != 2 {
		t.Fatalf("SendDue after the backoff = %d, %v; want 2, nil", n, err)
	}
	if n, err := s.SendDue(ctx); err != nil || n != 0 {
		t.Fatalf("SendDue again = %d, %v; want 0, nil", n, err)
	}
	got := srv.got()
	if len(got) != 2 {
		t.Fatalf("server received %d messages, want each of 2 exactly once", len(got))
	}
	for i, m := range msgs {
		if got[i].to[0] != m.ToEmail || !got[i].auth {
			t.Errorf("message %d went to %v (authenticated: %v), want %s", i, got[i].to, got[i].auth, m.ToEmail)
		}
		if p := parse(t, got[i].data); p.subject != m.Subject {
			t.Errorf("subject %q, want %q", p.subject, m.Subject)
		}
		row := f.row(t, m.ID)
		if row.State != model.MailSent || row.Attempts != 2 || row.LastError != "" {
			t.Errorf("message %d: state %s, attempts %d, error %q", m.ID, row.State, row.Attempts, row.LastError)
		}
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		attempt int
		want    time.Duration
	}{
		{0, 5 * time.Second},
		{1, 5 * time.Second},
		{2, 10 * time.Second},
		{3, 20 * time.Second},
		{4, 40 * time.Second},
		{5, 80 * time.Second},
		{10, 2560 * time.Second},
		{11, time.Hour},
		{14, time.Hour},
		{100, time.Hour},
	}
	for _, tt := range tests {
		if got := Backoff(tt.attempt); got != tt.want {
			t.Errorf("Backoff(%d) = %v, want %v", tt.attempt, got, tt.want)
		}
	}
}

// The retries of a message still span hours before it is given up, so a
// mail server down for an afternoon loses nothing.
func TestRetriesSpanHours(t *testing.T) {
	var total time.Duration
	for attempt := 1; attempt < MaxAttempts; attempt++ {
		total += Backoff(attempt)
	}
	if total < 5*time.Hour {
		t.Errorf("a message is given up after %v of retries, want at least 5 h", total)
	}
}

// When the server answers again after an outage, every message that backed
// off while it was away goes out at once, not when its own backoff ends.
func TestReconnectSendsBackedOffMessages(t *testing.T) {
	f := newFixture(t)
	srv := startSMTP(t, smtpOptions{})
	addr := srv.addr
	srv.stop()
	s := f.sender(t, "smtp://"+addr)
	ctx := context.Background()

	// An early message fails often and backs off for minutes.
	early := f.enqueue(t, "Ana", "Ortíz", "ana@example.org")
	for attempt := 1; attempt <= 6; attempt++ {
		if _, err := s.SendDue(ctx); err == nil {
			t.Fatal("no error with the server down")
		}
		f.clk.Advance(Backoff(attempt))
	}
	f.clk.Advance(-Backoff(6)) // the early message is now due minutes from now
	late := f.enqueue(t, "Kwame", "Mensah", "kwame@example.org")

	// The server returns; the new message's delivery finds it, and the early one goes along.
	srv.listen(addr)
	if n, err := s.SendDue(ctx); err != nil || n != 2 {
		t.Fatalf("SendDue after the server returned = %d, %v; want 2, nil", n, err)
	}
	for _, m := range []model.OutboxMessage{early, late} {
		if row := f.row(t, m.ID); row.State != model.MailSent {
			t.Errorf("message to %s: state %s, want sent", m.ToEmail, row.State)
		}
	}
	if got := srv.got(); len(got) != 2 {
		t.Errorf("server received %d messages, want 2", len(got))
	}
}

func TestGiveUpAfterMaxAttempts(t *testing.T) {
	f := newFixture(t)
	srv := startSMTP(t, smtpOptions{})
	srv.stop()
	s := f.sender(t, "smtp://"+srv.addr)
	ctx := context.Background()
	m := f.enqueue(t, "Ana", "Ortíz", "ana@example.org")

	for attempt := 1; attempt <= MaxAttempts; attempt++ {
		if _, err := s.SendDue(ctx); err == nil {
			t.Fatalf("attempt %d: no error with the server down", attempt)
		}
		row := f.row(t, m.ID)
		if row.Attempts != attempt {
			t.Fatalf("attempts %d, want %d", row.Attempts, attempt)
		}
		if attempt < MaxAttempts {
			if row.State != model.MailQueued || !row.NextAttemptAt.Equal(f.clk.Now().Add(Backoff(attempt))) {
				t.Fatalf("attempt %d: state %s, next %v", attempt, row.State, row.NextAttemptAt)
			}
			f.clk.Advance(Backoff(attempt))
		} else if row.State != model.MailFailed {
			t.Fatalf("after %d attempts: state %s, want failed", attempt, row.State)
		}
	}
	f.clk.Advance(24 * time.Hour)
	if n, err := s.SendDue(ctx); err != nil || n != 0 || f.row(t, m.ID).Attempts != MaxAttempts {
		t.Errorf("a failed message was tried again: %d, %v", n, err)
	}

	// An organiser's retry puts it back, and it goes out.
	srv.listen(srv.addr)
	if err := f.st.RetryMail(ctx, m.ID, f.clk.Now()); err != nil {
		t.Fatal(err)
	}
	if n, err := s.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("SendDue after retry = %d, %v", n, err)
	}
	if row := f.row(t, m.ID); row.State != model.MailSent {
		t.Errorf("state %s after retry, want sent", row.State)
	}
}

func TestRefusedRecipientGivesUpAtOnce(t *testing.T) {
	f := newFixture(t)
	srv := startSMTP(t, smtpOptions{refuse: "nobody@example.org"})
	s := f.sender(t, "smtp://"+srv.addr)
	ok1 := f.enqueue(t, "Ana", "Ortíz", "ana@example.org")
	bad := f.enqueue(t, "No", "Body", "nobody@example.org")
	ok2 := f.enqueue(t, "Kwame", "Mensah", "kwame@example.org")

	// The refusal must not spoil the connection for the messages after it.
	if n, err := s.SendDue(context.Background()); err != nil || n != 2 {
		t.Fatalf("SendDue = %d, %v; want 2, nil", n, err)
	}
	got := srv.got()
	if len(got) != 2 || got[0].to[0] != ok1.ToEmail || got[1].to[0] != ok2.ToEmail {
		t.Fatalf("received %+v", got)
	}
	row := f.row(t, bad.ID)
	if row.State != model.MailFailed || row.Attempts != 1 || !strings.Contains(row.LastError, "550") {
		t.Errorf("refused message: state %s, attempts %d, error %q", row.State, row.Attempts, row.LastError)
	}
}

func TestInvalidAddressGivesUpAtOnce(t *testing.T) {
	f := newFixture(t)
	srv := startSMTP(t, smtpOptions{})
	s := f.sender(t, "smtp://"+srv.addr)
	bad := f.enqueue(t, "Eve", "Header", "eve@example.org\r\nBcc: all@example.org")
	good := f.enqueue(t, "Ana", "Ortíz", "ana@example.org")
	if n, err := s.SendDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("SendDue = %d, %v; want 1, nil", n, err)
	}
	if got := srv.got(); len(got) != 1 || got[0].to[0] != good.ToEmail {
		t.Fatalf("received %+v", got)
	}
	if row := f.row(t, bad.ID); row.State != model.MailFailed {
		t.Errorf("bad address: state %s, want failed", row.State)
	}
}

func TestSTARTTLSAndAuth(t *testing.T) {
	f := newFixture(t)
	cfg, roots := selfSigned(t)
	srv := startSMTP(t, smtpOptions{user: "confdesk", pass: "pw", tls: cfg})
	s := f.sender(t, "smtp://confdesk:pw@"+srv.addr)
	s.rootCAs = roots
	f.enqueue(t, "Ana", "Ortíz", "ana@example.org")
	if n, err := s.SendDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("SendDue = %d, %v", n, err)
	}
	if got := srv.got(); len(got) != 1 || !got[0].tls || !got[0].auth {
		t.Fatalf("received %+v, want one message over TLS after AUTH", got)
	}
}

func TestSTARTTLSRefusesUntrustedCertificate(t *testing.T) {
	f := newFixture(t)
	cfg, _ := selfSigned(t)
	srv := startSMTP(t, smtpOptions{tls: cfg})
	s := f.sender(t, "smtp://"+srv.addr) // trusts only the system's roots
	m := f.enqueue(t, "Ana", "Ortíz", "ana@example.org")
	if _, err := s.SendDue(context.Background()); err == nil {
		t.Fatal("no error with an untrusted certificate")
	}
	if got := srv.got(); len(got) != 0 {
		t.Fatalf("message sent to an untrusted server")
	}
	if row := f.row(t, m.ID); row.State != model.MailQueued || !strings.Contains(row.LastError, "starttls") {
		t.Errorf("state %s, error %q", row.State, row.LastError)
	}
}

func TestImplicitTLS(t *testing.T) {
	f := newFixture(t)
	cfg, roots := selfSigned(t)
	srv := startSMTP(t, smtpOptions{user: "confdesk", pass: "pw", tls: cfg, implicitTLS: true})
	s := f.sender(t, "smtps://confdesk:pw@"+srv.addr)
	s.rootCAs = roots
	f.enqueue(t, "Ana", "Ortíz", "ana@example.org")
	if n, err := s.SendDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("SendDue = %d, %v", n, err)
	}
	if got := srv.got(); len(got) != 1 || !got[0].tls || !got[0].auth {
		t.Fatalf("received %+v, want one message over TLS after AUTH", got)
	}
}

func TestSendDueConcurrentCallsSendOnce(t *testing.T) {
	f := newFixture(t)
	srv := startSMTP(t, smtpOptions{})
	s := f.sender(t, "smtp://"+srv.addr)
	const n = 8
	for i := range n {
		f.enqueue(t, "Person", fmt.Sprint(i), fmt.Sprintf("p%d@example.org", i))
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for range 4 {
		wg.Go(func() {
			k, err := s.SendDue(context.Background())
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total += k
			mu.Unlock()
		})
	}
	wg.Wait()
	if got := srv.got(); total != n || len(got) != n {
		t.Errorf("sent %d, server received %d; want %d each", total, len(got), n)
	}
}

// runSender starts Run and returns a function that stops it and waits for it to return.
func runSender(t *testing.T, s *Sender) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("Run did not return after its context ended")
		}
	})
}

func waitForMessage(t *testing.T, srv *testSMTP, email string) {
	t.Helper()
	select {
	case r := <-srv.msgs:
		if r.to[0] != email {
			t.Errorf("message to %v, want %s", r.to, email)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no message within 10 s")
	}
}

func TestRunWakesOnNotify(t *testing.T) {
	f := newFixture(t)
	srv := startSMTP(t, smtpOptions{})
	s := f.sender(t, "smtp://"+srv.addr)
	s.PollInterval = time.Hour // only Notify can make it send within the test
	runSender(t, s)
	m := f.enqueue(t, "Ana", "Ortíz", "ana@example.org")
	s.Notify()
	s.Notify() // never blocks, even with a wake-up pending
	waitForMessage(t, srv, m.ToEmail)
}

func TestRunWakesWhenMessageFallsDue(t *testing.T) {
	f := newFixture(t)
	srv := startSMTP(t, smtpOptions{})
	s, err := NewSender(f.st, "smtp://"+srv.addr, "noreply@ctc.example", slog.New(slog.NewTextHandler(t.Output(), nil)), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	s.PollInterval = time.Hour
	// Due shortly after Run starts: nothing but the due time can wake it.
	f.clk = &clock{t: time.Now().Add(300 * time.Millisecond)}
	m := f.enqueue(t, "Ana", "Ortíz", "ana@example.org")
	runSender(t, s)
	waitForMessage(t, srv, m.ToEmail)
}

func TestNewSenderErrors(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ name, url, from, wantErr string }{
		{"no URL", "", "noreply@ctc.example", "no SMTP URL"},
		{"wrong scheme", "http://user:hunter2@mail.example", "noreply@ctc.example", "scheme"},
		{"no host", "smtp://user:hunter2@", "noreply@ctc.example", "no host"},
		{"bad From", "smtp://mail.example:25", "not an address", "From"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewSender(f.st, tt.url, tt.from, nil, nil)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want one mentioning %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error shows the password: %v", err)
			}
		})
	}
	s, err := NewSender(f.st, "smtps://mail.example", "noreply@ctc.example", nil, nil)
	if err != nil || s.server.addr != "mail.example:465" || !s.server.implicitTLS {
		t.Errorf("smtps default: %+v, %v", s.server, err)
	}
	s, err = NewSender(f.st, "smtp://a%40b:p%2Fw@mail.example:587", "noreply@ctc.example", nil, nil)
	if err != nil || s.server.addr != "mail.example:587" || s.server.user != "a@b" || s.server.pass != "p/w" {
		t.Errorf("escaped user info: %+v, %v", s.server, err)
	}
}

func TestMessageWithoutHTML(t *testing.T) {
	f := newFixture(t)
	s := f.sender(t, "smtp://127.0.0.1:25")
	data, err := s.message(model.OutboxMessage{ID: 3, ToEmail: "ana@example.org", ToName: "Ana Ortíz",
		Subject: "Note\r\nBcc: all@example.org", BodyText: "Olá, Ana.\n"})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if msg.Header.Get("Bcc") != "" {
		t.Errorf("the subject injected a header:\n%s", data)
	}
	if ct := msg.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil || string(body) != "Olá, Ana.\r\n" {
		t.Errorf("body %q, %v", body, err)
	}
}

func TestSendDueDrainsMoreThanOneBatch(t *testing.T) {
	f := newFixture(t)
	srv := startSMTP(t, smtpOptions{refuse: "p49@example.org"})
	s := f.sender(t, "smtp://"+srv.addr)
	const n = batchSize + 10
	for i := range n {
		f.enqueue(t, "Person", fmt.Sprint(i), fmt.Sprintf("p%d@example.org", i))
	}
	// The last message of the first batch is refused half-way through its
	// transaction; the next batch must still start cleanly on the same connection.
	sent, err := s.SendDue(context.Background())
	if err != nil || sent != n-1 {
		t.Fatalf("SendDue = %d, %v; want %d, nil", sent, err, n-1)
	}
	if got := srv.got(); len(got) != n-1 {
		t.Errorf("server received %d messages, want %d", len(got), n-1)
	}
}

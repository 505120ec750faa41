package proof

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"path/filepath"
	"sync"
	"testing"
	"time"

	gosmtp "github.com/emersion/go-smtp"
)

// mailbox is a real SMTP server (go-smtp) on 127.0.0.1 that counts the
// messages it accepts for each recipient. It can be stopped and brought
// back on the same port.
type mailbox struct {
	t    *testing.T
	addr string

	mu     sync.Mutex
	count  map[string]int // recipient → messages accepted
	srv    *gosmtp.Server
	ln     net.Listener
	served chan struct{}
}

func startMailbox(t *testing.T) *mailbox {
	t.Helper()
	m := &mailbox{t: t, count: map[string]int{}}
	m.listen("127.0.0.1:0")
	t.Cleanup(m.stop)
	return m
}

// listen serves on addr; after stop, listen(m.addr) brings the server back.
func (m *mailbox) listen(addr string) {
	m.t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		m.t.Fatalf("SMTP listen on %s: %v", addr, err)
	}
	srv := gosmtp.NewServer(gosmtp.BackendFunc(func(*gosmtp.Conn) (gosmtp.Session, error) {
		return &mailboxSession{box: m}, nil
	}))
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	served := make(chan struct{})
	go func() {
		defer close(served)
		srv.Serve(ln)
	}()
	m.mu.Lock()
	m.addr, m.srv, m.ln, m.served = ln.Addr().String(), srv, ln, served
	m.mu.Unlock()
}

// stop closes the listener and every connection: the server is down.
func (m *mailbox) stop() {
	m.mu.Lock()
	srv, ln, served := m.srv, m.ln, m.served
	m.srv = nil
	m.mu.Unlock()
	if srv == nil {
		return
	}
	srv.Close()
	ln.Close() // Serve may not have registered it yet
	<-served
}

// received returns how many messages each recipient got so far.
func (m *mailbox) received() map[string]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]int, len(m.count))
	for k, v := range m.count {
		out[k] = v
	}
	return out
}

type mailboxSession struct {
	box *mailbox
	to  []string
}

func (s *mailboxSession) Mail(string, *gosmtp.MailOptions) error { return nil }

func (s *mailboxSession) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *mailboxSession) Data(r io.Reader) error {
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	s.box.mu.Lock()
	defer s.box.mu.Unlock()
	for _, to := range s.to {
		s.box.count[to]++
	}
	return nil
}

func (s *mailboxSession) Reset()        { s.to = nil }
func (s *mailboxSession) Logout() error { return nil }

// TestSMTPDownDuringBurst stops the mail server, registers a burst of
// people, brings the server back, and expects each confirmation e-mail to
// arrive exactly once, within seconds, without restarting confdesk.
func TestSMTPDownDuringBurst(t *testing.T) {
	box := startMailbox(t)
	db := filepath.Join(t.TempDir(), "smtp.db")
	s := startEnv(t, db, "CONFDESK_SMTP_URL=smtp://"+box.addr, "CONFDESK_MAIL_FROM=desk@example.org")
	box.stop()

	const workers, each = 6, 10
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				email := fmt.Sprintf("smtp-%d-%d@example.org", w, i)
				ok, err := register(context.Background(), s.URL, email)
				if err != nil {
					t.Errorf("register %s: %v", email, err)
				}
				if ok {
					mu.Lock()
					acked = append(acked, email)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if len(acked) < workers*each {
		t.Fatalf("only %d of %d registrations acknowledged", len(acked), workers*each)
	}
	conn := openDB(t, db)
	var queued int
	if err := conn.QueryRow(`SELECT count(*) FROM outbox WHERE state = 'queued'`).Scan(&queued); err != nil {
		t.Fatal(err)
	}
	if queued < len(acked) {
		t.Fatalf("%d messages queued with the mail server down, want at least %d", queued, len(acked))
	}
	if got := box.received(); len(got) != 0 {
		t.Fatalf("the stopped server received mail: %v", got)
	}

	back := time.Now()
	box.listen(box.addr)
	deadline := back.Add(60 * time.Second)
	for {
		got := box.received()
		missing := 0
		for _, email := range acked {
			if got[email] == 0 {
				missing++
			}
		}
		var left int
		if err := conn.QueryRow(`SELECT count(*) FROM outbox WHERE state <> 'sent'`).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if missing == 0 && left == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("60 s after the mail server returned, %d of %d confirmations have not arrived; %d outbox messages not sent",
				missing, len(acked), left)
		}
		time.Sleep(100 * time.Millisecond) // polling interval, not a wait for an outcome
	}
	got := box.received()
	for _, email := range acked {
		if got[email] != 1 {
			t.Errorf("%s received %d messages, want exactly 1", email, got[email])
		}
	}
	if len(got) != len(acked) {
		t.Errorf("mail went to %d addresses, want the %d registered", len(got), len(acked))
	}
	t.Logf("%d confirmations queued while SMTP was down, all delivered %v after it returned",
		len(acked), time.Since(back).Round(100*time.Millisecond))
}

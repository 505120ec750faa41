package mail

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"
)

// received is one message as the test SMTP server got it.
type received struct {
	from string
	to   []string
	data []byte
	tls  bool // the message came over an encrypted connection
	auth bool // the client logged in first
}

// smtpOptions shape the test server.
type smtpOptions struct {
	user, pass  string      // when set, AUTH PLAIN with these is required before MAIL
	refuse      string      // a recipient answered with 550
	tls         *tls.Config // when set, STARTTLS is offered (or, with implicitTLS, spoken from the start)
	implicitTLS bool
}

// testSMTP is a real SMTP server (go-smtp) on 127.0.0.1 that records what it accepts.
type testSMTP struct {
	t    *testing.T
	opt  smtpOptions
	addr string
	msgs chan received

	mu     sync.Mutex
	srv    *gosmtp.Server
	ln     net.Listener
	served chan struct{} // closed when Serve returns
}

// startSMTP starts a server on a free port; it stops when the test ends.
func startSMTP(t *testing.T, opt smtpOptions) *testSMTP {
	t.Helper()
	s := &testSMTP{t: t, opt: opt, msgs: make(chan received, 100)}
	s.listen("127.0.0.1:0")
	t.Cleanup(s.stop)
	return s
}

// listen serves on addr; after stop, calling it with s.addr brings the same server back.
func (s *testSMTP) listen(addr string) {
	s.t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		s.t.Fatalf("listen on %s: %v", addr, err)
	}
	s.addr = l.Addr().String()
	srv := gosmtp.NewServer(gosmtp.BackendFunc(func(c *gosmtp.Conn) (gosmtp.Session, error) {
		return &testSession{srv: s, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ErrorLog = log.New(io.Discard, "", 0)
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	if s.opt.implicitTLS {
		l = tls.NewListener(l, s.opt.tls)
	} else {
		srv.TLSConfig = s.opt.tls
	}
	served := make(chan struct{})
	go func() {
		defer close(served)
		srv.Serve(l)
	}()
	s.mu.Lock()
	s.srv, s.ln, s.served = srv, l, served
	s.mu.Unlock()
}

// stop closes the listener and every connection; the port is free again.
func (s *testSMTP) stop() {
	s.mu.Lock()
	srv, ln, served := s.srv, s.ln, s.served
	s.srv = nil
	s.mu.Unlock()
	if srv == nil {
		return
	}
	// Server.Close only closes listeners Serve has registered, which it may
	// not have done yet; closing ours too makes Serve return either way.
	srv.Close()
	ln.Close()
	<-served
}

// got returns the messages received so far without waiting: the server
// records a message before it answers DATA, so by the time SendDue returns
// every accepted message is here.
func (s *testSMTP) got() []received {
	var out []received
	for {
		select {
		case m := <-s.msgs:
			out = append(out, m)
		default:
			return out
		}
	}
}

// testSession is one client connection to the test server.
type testSession struct {
	srv  *testSMTP
	conn *gosmtp.Conn
	auth bool
	from string
	to   []string
}

func (s *testSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *testSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if s.srv.opt.user == "" || user != s.srv.opt.user || pass != s.srv.opt.pass {
			return gosmtp.ErrAuthFailed
		}
		s.auth = true
		return nil
	}), nil
}

func (s *testSession) Mail(from string, _ *gosmtp.MailOptions) error {
	if s.srv.opt.user != "" && !s.auth {
		return gosmtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *testSession) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	if to == s.srv.opt.refuse {
		return &gosmtp.SMTPError{Code: 550, EnhancedCode: gosmtp.EnhancedCode{5, 1, 1}, Message: "No such user here"}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *testSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(s.to) == 0 {
		return errors.New("no recipients")
	}
	_, isTLS := s.conn.TLSConnectionState()
	s.srv.msgs <- received{from: s.from, to: s.to, data: b, tls: isTLS, auth: s.auth}
	return nil
}

func (s *testSession) Reset() { s.from, s.to = "", nil }

func (s *testSession) Logout() error { return nil }

// selfSigned returns a server certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "confdesk test SMTP"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}}}, pool
}

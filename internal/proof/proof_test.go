// Package proof tests the whole server the way an operator and an attacker
// would: the real binary, killed mid-burst, backed up under load.
package proof

import (
	"bufio"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
	"golang.org/x/crypto/bcrypt"

	"confdesk/internal/auth"
)

var binary string

// TestMain builds confdesk once for every test of the package. Under -short
// (make check) it builds nothing and every test skips: each runs the real
// binary for seconds, and make test runs them all.
func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "confdesk-proof-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "confdesk")
	build := exec.Command("go", "build", "-o", binary, "confdesk/cmd/confdesk")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build confdesk:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// server is a running confdesk process.
type server struct {
	cmd  *exec.Cmd
	URL  string
	done chan error
}

// start runs confdesk serve on db and waits until it prints its address.
func start(t *testing.T, db string) *server {
	t.Helper()
	return startEnv(t, db)
}

// startEnv is start with extra environment variables ("NAME=value").
func startEnv(t *testing.T, db string, env ...string) *server {
	t.Helper()
	if testing.Short() {
		t.Skip("the real binary: skipped by -short; make test runs it")
	}
	cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--db", db, "--register-limit", "0", "--demo-start", "2027-03-15")
	cmd.Env = append(append(os.Environ(), "CONFDESK_ADMIN_PASSWORD=proof-password-123456"), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, done: make(chan error, 1)}
	first, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		t.Fatalf("confdesk printed nothing: %v", err)
	}
	go io.Copy(io.Discard, out)
	go func() { s.done <- cmd.Wait() }()
	s.URL = regexp.MustCompile(`http://[0-9.:]+`).FindString(first)
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-s.done
		}
	})
	return s
}

// kill ends the server with SIGKILL, as the OOM killer or `kill -9` would:
// the process dies between two instructions, but the operating system
// lives on, and with it the page cache holding whatever the process had
// written and not yet synced. So a test that kills proves that an
// acknowledged write had reached the kernel (the WAL) before the answer,
// and that SQLite recovers from a process that stopped mid-transaction. It
// does not prove survival of a power cut, where unsynced pages are lost:
// that rests on the writer's synchronous=FULL, which syncs the WAL at each
// commit, and no test here can pull the plug.
func (s *server) kill(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-s.done
}

var formToken = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// register submits one registration and reports whether it was acknowledged (303).
func register(ctx context.Context, base, email string) (bool, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/register", nil)
	res, err := c.Do(req)
	if err != nil {
		return false, err
	}
	page, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return false, err
	}
	m := formToken.FindSubmatch(page)
	if m == nil {
		return false, fmt.Errorf("no form token (status %d)", res.StatusCode)
	}
	form := url.Values{"_csrf": {string(m[1])}, "first_name": {"Burst"}, "last_name": {"Tester"}, "email": {email},
		"country": {"JM"}, "organisation": {"Ministry of Justice"}, "org_type": {"government"}, "job_title": {"Analyst"},
		"consent": {"yes"}}
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, base+"/register", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err = c.Do(req)
	if err != nil {
		return false, err
	}
	_, err = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if err != nil {
		return false, err
	}
	if res.StatusCode >= 500 {
		return false, fmt.Errorf("status %d", res.StatusCode)
	}
	return res.StatusCode == http.StatusSeeOther, nil
}

// burst registers from workers goroutines until ctx ends, returning the
// acknowledged e-mails and any 5xx or unexpected error seen while the server was up.
func burst(ctx context.Context, base, prefix string, workers int, acked chan<- string) {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				email := fmt.Sprintf("%s-%d-%d@example.org", prefix, w, i)
				if ok, _ := register(ctx, base, email); ok {
					acked <- email
				}
			}
		}()
	}
	wg.Wait()
	close(acked)
}

func openDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func integrity(t *testing.T, db *sql.DB) {
	t.Helper()
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
}

// TestKillDuringRegistrationBurst kills the server with SIGKILL while
// registrations pour in, restarts it, and finds every acknowledged one
// (what a kill does and does not prove: see kill).
func TestKillDuringRegistrationBurst(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kill.db")
	s := start(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	acked := make(chan string, 1024)
	go burst(ctx, s.URL, "kill", 16, acked)
	var got []string
	for email := range acked {
		got = append(got, email)
		if len(got) == 150 {
			s.kill(t) // mid-burst: requests are in flight
			cancel()
		}
	}
	cancel()
	if len(got) < 150 {
		t.Fatalf("only %d registrations acknowledged before the kill", len(got))
	}
	restarted := start(t, db)
	res, err := http.Get(restarted.URL + "/healthz")
	if err != nil {
		t.Fatalf("after restart: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("after restart: /healthz answered %s", res.Status)
	}
	conn := openDB(t, db)
	integrity(t, conn)
	missing := 0
	for _, email := range got {
		var n int
		if err := conn.QueryRow(`SELECT count(*) FROM registrations WHERE email = ?`, email).Scan(&n); err != nil {
			t.Fatalf("count registrations of %s: %v", email, err)
		}
		if n != 1 {
			missing++
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d acknowledged registrations are missing after SIGKILL", missing, len(got))
	}
	t.Logf("%d acknowledged registrations, all present after SIGKILL and restart", len(got))
}

// TestBackupDuringBurst takes an online backup while registrations pour
// in: both succeed, and the copy is a consistent database.
func TestBackupDuringBurst(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	s := start(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	acked := make(chan string, 1024)
	go burst(ctx, s.URL, "backup", 8, acked)
	var before []string
	for email := range acked {
		before = append(before, email)
		if len(before) == 50 {
			break
		}
	}
	out, err := exec.Command(binary, "backup", "--db", db, filepath.Join(dir, "copy.db")).CombinedOutput()
	if err != nil {
		t.Fatalf("backup during the burst: %v\n%s", err, out)
	}
	after := 0
	for range acked {
		after++
		if after == 50 {
			cancel()
		}
	}
	if after < 50 {
		t.Errorf("the burst stalled after the backup: %d more acknowledged", after)
	}
	copyDB := openDB(t, filepath.Join(dir, "copy.db"))
	integrity(t, copyDB)
	for _, email := range before {
		var n int
		if err := copyDB.QueryRow(`SELECT count(*) FROM registrations WHERE email = ?`, email).Scan(&n); err != nil {
			t.Fatalf("count registrations of %s in the copy: %v", email, err)
		}
		if n != 1 {
			t.Errorf("%s, acknowledged before the backup began, is not in it", email)
		}
	}
}

// TestPasswordsHashedAtFullCost: the real binary hashes the first admin's
// password at auth.BcryptCost. Test binaries hash at bcrypt's least cost to
// stay fast, so only a binary built as the server is can show this.
func TestPasswordsHashedAtFullCost(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cost.db")
	start(t, db)
	var hash string
	if err := openDB(t, db).QueryRow(`SELECT password_hash FROM users WHERE email = 'admin@confdesk.localhost'`).Scan(&hash); err != nil {
		t.Fatalf("read the first admin's hash: %v", err)
	}
	cost, err := bcrypt.Cost([]byte(hash))
	if err != nil {
		t.Fatal(err)
	}
	if cost != auth.BcryptCost {
		t.Errorf("the first admin's password is hashed at cost %d, want %d", cost, auth.BcryptCost)
	}
}

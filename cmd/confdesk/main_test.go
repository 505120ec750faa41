package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"confdesk/internal/database"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestMigrateTwice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	var out bytes.Buffer
	ctx := context.Background()
	if err := run(ctx, []string{"migrate", "--db", db}, env(nil), nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := run(ctx, []string{"migrate", "--db", db}, env(nil), nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || strings.Contains(lines[0], ": 0 migrations") || !strings.Contains(lines[1], ": 0 migrations applied") {
		t.Errorf("migrate output:\n%s", out.String())
	}
}

func TestHelpAndBadUsage(t *testing.T) {
	ctx := context.Background()
	var stderr bytes.Buffer
	err := run(ctx, []string{"serve", "--help"}, env(nil), nil, io.Discard, &stderr)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("serve --help = %v", err)
	}
	for _, want := range []string{"-addr", "CONFDESK_ADDR", "CONFDESK_DB", "CONFDESK_BASE_URL", "CONFDESK_SMTP_URL", "CONFDESK_REGISTER_LIMIT", "-demo"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("serve --help does not mention %s", want)
		}
	}
	var stdout bytes.Buffer
	if err := run(ctx, []string{"--help"}, env(nil), nil, &stdout, io.Discard); err != nil || !strings.Contains(stdout.String(), "confdesk backup") {
		t.Errorf("--help = %v, %q", err, stdout.String())
	}
	if err := run(ctx, []string{"frobnicate"}, env(nil), nil, io.Discard, io.Discard); err == nil {
		t.Error("unknown subcommand accepted")
	}
	if err := run(ctx, []string{"serve", "--register-limit", "-1"}, env(nil), nil, io.Discard, io.Discard); err == nil {
		t.Error("negative register limit accepted")
	}
	if err := run(ctx, []string{"backup", "--db", filepath.Join(t.TempDir(), "x.db")}, env(nil), nil, io.Discard, io.Discard); err == nil {
		t.Error("backup without FILE accepted")
	}
}

func TestUserAdd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	ctx := context.Background()
	var out bytes.Buffer
	err := run(ctx, []string{"user", "add", "--email", "desk@example.org", "--role", "checkin", "--db", db},
		env(nil), strings.NewReader("correct horse battery\n"), &out, io.Discard)
	if err != nil || !strings.Contains(out.String(), "with the password from stdin") {
		t.Fatalf("user add = %v, %q", err, out.String())
	}
	out.Reset()
	err = run(ctx, []string{"user", "add", "--email", "press@example.org", "--role", "press_officer", "--db", db},
		env(nil), strings.NewReader(""), &out, io.Discard)
	if err != nil || !strings.Contains(out.String(), "password: ") {
		t.Fatalf("user add with generated password = %v, %q", err, out.String())
	}
	for _, args := range [][]string{
		{"user", "add", "--email", "desk@example.org", "--role", "checkin"},    // exists
		{"user", "add", "--email", "new@example.org", "--role", "superuser"},   // no such role
		{"user", "add", "--email", "not-an-address", "--role", "organiser"},    // bad e-mail
		{"user", "add", "--email", "short@example.org", "--role", "organiser"}, // weak password below
	} {
		stdin := strings.NewReader("")
		if args[3] == "short@example.org" {
			stdin = strings.NewReader("short\n")
		}
		if err := run(ctx, append(args, "--db", db), env(nil), stdin, io.Discard, io.Discard); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}

// TestServeAndBackupWhileServing starts the real server, writes while a
// backup runs, and checks that the copy opens and holds the same rows. A
// media-kit download made just before the server stops is counted in the
// database once it has stopped (download counts are flushed on shutdown).
func TestServeAndBackupWhileServing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--demo-start", "2027-03-15"},
			env(map[string]string{"CONFDESK_ADMIN_PASSWORD": "a long enough password"}), nil, pw, io.Discard)
		pw.Close()
	}()
	first, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v (%v)", err, <-done)
	}
	go io.Copy(io.Discard, pr)
	i := strings.Index(first, "http://")
	url := strings.Fields(first[i:])[0]
	res, err := http.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "15–17 March 2027") {
		t.Fatalf("GET / = %d", res.StatusCode)
	}

	// A second writer (as the server's handlers would be) keeps writing.
	live, err := database.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	stopWriting := make(chan struct{})
	wrote := make(chan int)
	started := make(chan struct{})
	go func() {
		n := 0
		defer func() { wrote <- n }()
		defer func() {
			if n == 0 {
				close(started)
			}
		}()
		for {
			select {
			case <-stopWriting:
				return
			default:
			}
			if _, err := live.Write.Exec(`INSERT INTO audit_log (actor, action, entity, created_at) VALUES ('test', 'write', 'burst', ?)`,
				time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
				t.Errorf("write during backup: %v", err)
				return
			}
			if n++; n == 1 {
				close(started)
			}
		}
	}()
	<-started // the backup runs while the burst is under way
	backupFile := filepath.Join(dir, "backups", "copy.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"backup", backupFile, "--db", db}, env(nil), nil, &out, io.Discard); err != nil {
		t.Fatalf("backup while serving: %v", err)
	}
	close(stopWriting)
	t.Logf("%d rows written during the backup", <-wrote)

	copyDB, err := sql.Open("sqlite3", "file:"+backupFile+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	var check string
	if err := copyDB.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("backup integrity: %q, %v", check, err)
	}
	// Every table but the write burst holds exactly the live rows.
	for _, table := range []string{"conference", "sessions", "speakers", "tracks", "users", "press_releases", "schema_migrations"} {
		var a, b int
		live.Read.QueryRow(`SELECT count(*) FROM ` + table).Scan(&a)
		copyDB.QueryRow(`SELECT count(*) FROM ` + table).Scan(&b)
		if a != b || a == 0 {
			t.Errorf("%s: live %d rows, backup %d", table, a, b)
		}
	}
	var burst int
	copyDB.QueryRow(`SELECT count(*) FROM audit_log`).Scan(&burst)
	t.Logf("backup caught %d rows of the write burst", burst)

	kit, err := http.Get(url + "/press/kit.zip")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, kit.Body)
	kit.Body.Close()
	if kit.StatusCode != http.StatusOK {
		t.Fatalf("GET /press/kit.zip = %d", kit.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v after cancellation", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop within 15 s of cancellation")
	}
	var kits int
	if err := live.Read.QueryRow(`SELECT coalesce(sum(count), 0) FROM downloads WHERE item = 'kit'`).Scan(&kits); err != nil || kits != 1 {
		t.Errorf("%d kit downloads stored after shutdown, want 1 (%v)", kits, err)
	}
}

// Weak passwords are refused wherever one is set from
// the command line or the environment, with a reason.
func TestWeakPasswordsRefused(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "c.db")
	for password, reason := range map[string]string{
		"password1234":      "common leaked password",
		"aaaaaaaaaaaa":      "repeats",
		"qwerty123456":      "most common leaked passwords",
		"desk-at-the-door1": "e-mail name",
	} {
		err := run(ctx, []string{"user", "add", "--email", "desk@example.org", "--role", "checkin", "--db", db},
			env(nil), strings.NewReader(password+"\n"), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("user add with %q = %v, want a refusal naming %q", password, err, reason)
		}
	}
	serveDB := filepath.Join(t.TempDir(), "s.db")
	// Were the password accepted, the server would start: its first line
	// on stdout stops it, and the test fails below.
	serveCtx, stop := context.WithCancel(ctx)
	defer stop()
	err := run(serveCtx, []string{"serve", "--addr", "127.0.0.1:0", "--db", serveDB},
		env(map[string]string{"CONFDESK_ADMIN_PASSWORD": "CTC Miami 2027"}), nil, cancelOnWrite(stop), io.Discard)
	if err == nil || !strings.Contains(err.Error(), "CONFDESK_ADMIN_PASSWORD") || !strings.Contains(err.Error(), "conference's name") {
		t.Errorf("serve with a weak first-admin password = %v, want a refusal", err)
	}
}

// cancelOnWrite is a writer that calls stop on its first write.
type cancelOnWrite func()

func (f cancelOnWrite) Write(p []byte) (int, error) {
	f()
	return len(p), nil
}

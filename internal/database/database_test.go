package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "sub", "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestPragmas(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	for _, tc := range []struct {
		pool  *sql.DB
		name  string
		query string
		want  string
	}{
		{db.Write, "writer", "PRAGMA journal_mode", "wal"},
		{db.Write, "writer", "PRAGMA synchronous", "2"}, // FULL
		{db.Write, "writer", "PRAGMA foreign_keys", "1"},
		{db.Write, "writer", "PRAGMA busy_timeout", "5000"},
		{db.Read, "reader", "PRAGMA journal_mode", "wal"},
		{db.Read, "reader", "PRAGMA synchronous", "1"}, // NORMAL
		{db.Read, "reader", "PRAGMA foreign_keys", "1"},
	} {
		var got string
		if err := tc.pool.QueryRowContext(ctx, tc.query).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%s %s = %s, want %s", tc.name, tc.query, got, tc.want)
		}
	}
	if n := db.Write.Stats().MaxOpenConnections; n != 1 {
		t.Errorf("writer allows %d connections, want 1", n)
	}
}

func TestMigrateTwiceIsANoOp(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	n, err := db.Migrate(ctx)
	if err != nil || n == 0 {
		t.Fatalf("first Migrate = %d, %v", n, err)
	}
	v1, _ := db.SchemaVersion(ctx)
	n, err = db.Migrate(ctx)
	if err != nil || n != 0 {
		t.Fatalf("second Migrate = %d, %v; want 0, nil", n, err)
	}
	if v2, _ := db.SchemaVersion(ctx); v2 != v1 {
		t.Errorf("version moved from %d to %d", v1, v2)
	}
	var tables int
	if err := db.Read.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN
		('conference','users','web_sessions','registrations','tracks','rooms','speakers','sessions','session_speakers',
		 'session_signups','checkins','press_releases','press_files','media_contacts','downloads','outbox','audit_log','figures')`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 18 {
		t.Errorf("found %d of the 18 mission tables", tables)
	}
}

func TestNewerDatabaseIsRefused(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future', 'x')`); err != nil {
		t.Fatal(err)
	}
	_, err := db.Migrate(ctx)
	if err == nil || !strings.Contains(err.Error(), "schema version 999") || !strings.Contains(err.Error(), "newer confdesk") {
		t.Fatalf("Migrate on a newer database = %v, want a clear refusal", err)
	}
}

func TestFailedMigrationLeavesNothingBehind(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	ms := []Migration{
		{Version: 1, Name: "0001_ok", SQL: "CREATE TABLE a (x INTEGER);"},
		{Version: 2, Name: "0002_broken", SQL: "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);"},
	}
	n, err := db.migrate(ctx, ms)
	if err == nil || n != 1 {
		t.Fatalf("migrate = %d, %v; want 1 applied and an error", n, err)
	}
	if v, _ := db.SchemaVersion(ctx); v != 1 {
		t.Errorf("schema version %d, want 1", v)
	}
	var b int
	db.Read.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'b'`).Scan(&b)
	if b != 0 {
		t.Error("table b of the failed migration exists: the migration was not one transaction")
	}
}

func TestMigrationNamesAreChecked(t *testing.T) {
	for name, files := range map[string]fstest.MapFS{
		"repeat":     {"m/0001_a.sql": {}, "m/0001_b.sql": {}},
		"unnumbered": {"m/init.sql": {}},
	} {
		if _, err := loadMigrations(files, "m"); err == nil {
			t.Errorf("%s: loadMigrations accepted it", name)
		}
	}
	ms, err := Migrations()
	if err != nil || len(ms) == 0 || ms[0].Version != 1 {
		t.Fatalf("embedded migrations: %v, %v", ms, err)
	}
}

// Branches take their own migration numbers: a database migrated with
// 1, 2 and 5 takes 3 when it arrives, and a gap alone is no error.
func TestMigrationGapsFillLater(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	m := func(v int, table string) Migration {
		return Migration{Version: v, Name: fmt.Sprintf("%04d_%s", v, table), SQL: "CREATE TABLE " + table + " (x INTEGER);"}
	}
	if n, err := db.migrate(ctx, []Migration{m(1, "a"), m(2, "b"), m(5, "e")}); err != nil || n != 3 {
		t.Fatalf("first migrate = %d, %v", n, err)
	}
	if n, err := db.migrate(ctx, []Migration{m(1, "a"), m(2, "b"), m(3, "c"), m(5, "e")}); err != nil || n != 1 {
		t.Fatalf("second migrate = %d, %v; want 3 applied alone", n, err)
	}
	var c int
	db.Read.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'c'`).Scan(&c)
	if c != 1 {
		t.Error("migration 3 was not applied after 5")
	}
	if _, err := db.migrate(ctx, []Migration{m(1, "a"), m(2, "b"), m(3, "c")}); err == nil {
		t.Error("a database holding migration 5 was accepted by code without it")
	}
}

func TestTxRollsBackOnError(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.Write.Exec(`CREATE TABLE t (x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO t VALUES (1)`); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Tx = %v, want boom", err)
	}
	var n int
	db.Read.QueryRow(`SELECT count(*) FROM t`).Scan(&n)
	if n != 0 {
		t.Errorf("%d rows after rollback", n)
	}
}

func TestBackupDuringWrites(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.Write.Exec(`CREATE TABLE t (x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	// Writers keep inserting while the backup runs; both must succeed.
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				if _, err := db.Write.ExecContext(ctx, `INSERT INTO t VALUES (?)`, w*1000+i); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	dest := filepath.Join(t.TempDir(), "backup.db")
	berr := db.Backup(ctx, dest)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("write during backup: %v", err)
	}
	if berr != nil {
		t.Fatalf("Backup: %v", berr)
	}
	copyDB, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	var n int
	var check string
	if err := copyDB.Read.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	copyDB.Read.QueryRow(`PRAGMA integrity_check`).Scan(&check)
	if check != "ok" || n > 800 {
		t.Errorf("backup holds %d rows, integrity %q", n, check)
	}
	if err := db.Backup(ctx, dest); err == nil {
		t.Error("Backup overwrote an existing file")
	}
	// A backup after the writes holds exactly the same rows.
	final := filepath.Join(t.TempDir(), "final.db")
	if err := db.Backup(ctx, final); err != nil {
		t.Fatal(err)
	}
	finalDB, _ := Open(final)
	defer finalDB.Close()
	var a, b string
	db.Read.QueryRow(`SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)`).Scan(&a)
	finalDB.Read.QueryRow(`SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)`).Scan(&b)
	if a != b || a == "" {
		t.Errorf("backup differs from the source: %d vs %d bytes", len(a), len(b))
	}
}

func TestExecRelaxedRestoresFull(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.Write.Exec(`CREATE TABLE t (x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecRelaxed(ctx, `INSERT INTO t VALUES (?)`, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecRelaxed(ctx, `INSERT INTO nowhere VALUES (1)`); err == nil {
		t.Fatal("a failing statement reported success")
	}
	var sync string
	if err := db.Write.QueryRow(`PRAGMA synchronous`).Scan(&sync); err != nil || sync != "2" {
		t.Errorf("writer synchronous = %s (%v), want 2 (FULL) again", sync, err)
	}
	var n int
	db.Read.QueryRow(`SELECT count(*) FROM t`).Scan(&n)
	if n != 1 {
		t.Errorf("%d rows", n)
	}
}

// Package database opens confdesk's SQLite file and keeps its schema current.
//
// One file, two pools (after pocketbase): a writer with exactly one
// connection, so writes queue in Go instead of failing with SQLITE_BUSY, and
// a reader pool for everything else. The writes queue first come, first
// served and commit in groups (writer.go). The writer runs with synchronous=FULL:
// a registration we acknowledged survives a power cut. Its transactions
// begin IMMEDIATE (_txlock), so a read-then-write transaction such as the
// capacity check cannot be overtaken between its read and its write.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// DB is the pair of pools over one SQLite file.
type DB struct {
	// Write has one connection; use it for every statement that changes data.
	Write *sql.DB
	// Read is for queries only.
	Read *sql.DB
	path string

	// watch is one reader connection kept for DataVersion: the number is
	// per connection, so it must always be asked of the same one.
	watch   *sql.Conn
	watchDB *sql.DB
	watchMu sync.Mutex

	// The write queue (writer.go).
	jobs     chan *writeJob
	stop     chan struct{}
	stopOnce sync.Once
	stopped  chan struct{}
	onCommit atomic.Pointer[func(size int)] // OnGroupCommit
}

// Open opens (and creates, with its folder) the database file at path.
// It does not migrate; call Migrate.
func Open(path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("database: no file name given")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("database: create folder for %s: %w", path, err)
		}
	}
	// These settings are also what Litestream (pinned in .ci/run, v0.5.x)
	// asks of an application it replicates, so "litestream replicate -exec
	// 'confdesk serve'" needs nothing else (see its docs' "Tips & Caveats"):
	//   - WAL: Litestream reads and ships the write-ahead log; in any other
	//     journal mode it cannot replicate at all.
	//   - busy_timeout 5000: Litestream takes the write lock briefly for its
	//     own checkpoints; a connection then waits up to 5 s instead of
	//     failing with SQLITE_BUSY.
	//   - Checkpoints: SQLite's automatic checkpoint (every 1000 pages) is
	//     left on. It is PASSIVE: it never waits for or disturbs a reader,
	//     and it cannot copy frames past the read transaction Litestream
	//     holds on the WAL, so it never throws away frames Litestream has
	//     not shipped yet. Litestream runs its own checkpoints on top (v0.5:
	//     every minute, or past 1000 pages in the WAL). The
	//     docs suggest wal_autocheckpoint=0 only for heavy write loads, and
	//     it would let the WAL grow without bound whenever confdesk runs
	//     without Litestream, so it is not set. Close's TRUNCATE checkpoint
	//     (below) likewise cannot reset the WAL under a reader: under
	//     Litestream it waits at most the busy timeout and leaves the WAL for
	//     Litestream, which ships it before it exits.
	// Litestream adds two tables of its own to the file (_litestream_seq,
	// _litestream_lock); confdesk never reads, migrates or copies them
	// anywhere but in a whole-file backup.
	// The writer's synchronous=FULL is stricter than Litestream needs
	// (NORMAL): an acknowledged registration survives a power cut on this
	// machine; Litestream adds its copy elsewhere within about its sync
	// interval plus its 1 s monitor interval.
	common := url.Values{}
	common.Set("_busy_timeout", "5000")
	common.Set("_journal_mode", "WAL")
	common.Set("_foreign_keys", "on")
	// Each connection keeps its prepared statements: the same few dozen
	// queries run all day, and preparing is a good part of their cost.
	common.Set("_stmt_cache_size", "128")

	wq := cloneValues(common)
	wq.Set("_synchronous", "FULL")
	wq.Set("_txlock", "immediate")
	// Deleted and overwritten values are zeroed in the file, not merely
	// unlinked: an erased person's details must not survive in free space
	// for anyone holding a copy of the file.
	wq.Set("_secure_delete", "on")
	write, err := sql.Open(driverName, dsn(path, wq))
	if err != nil {
		return nil, fmt.Errorf("database: open writer: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)
	// The writer creates the file and switches it to WAL before any reader
	// connects, so readers never race the journal-mode change.
	if err := write.Ping(); err != nil {
		write.Close()
		return nil, fmt.Errorf("database: open %s: %w", path, err)
	}

	rq := cloneValues(common)
	rq.Set("_synchronous", "NORMAL")
	rq.Set("mode", "rw")
	read, err := sql.Open(driverName, dsn(path, rq))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("database: open readers: %w", err)
	}
	n := max(4, runtime.NumCPU()*2)
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	read.SetConnMaxIdleTime(5 * time.Minute)
	watchDB, err := sql.Open(driverName, dsn(path, rq))
	if err != nil {
		write.Close()
		read.Close()
		return nil, fmt.Errorf("database: open the change watcher: %w", err)
	}
	watch, err := watchDB.Conn(context.Background())
	if err != nil {
		write.Close()
		read.Close()
		watchDB.Close()
		return nil, fmt.Errorf("database: open the change watcher: %w", err)
	}
	db := &DB{Write: write, Read: read, path: path, watch: watch, watchDB: watchDB}
	db.startWriter()
	return db, nil
}

func dsn(path string, q url.Values) string {
	return "file:" + path + "?" + q.Encode()
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// Path is the file the database lives in.
func (db *DB) Path() string { return db.path }

// Close finishes the queued writes, checkpoints the write-ahead log into
// the main file and closes both pools.
func (db *DB) Close() error {
	db.stopWriter()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, cerr := db.Write.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return errors.Join(cerr, db.watch.Close(), db.watchDB.Close(), db.Read.Close(), db.Write.Close())
}

// DataVersion is SQLite's data_version on a connection that never writes:
// a number that changes whenever any other connection, in this process or
// another (confdesk retention, a restore), commits a change to the file.
// Two equal values mean nothing was committed between the two calls, so
// what was read after the first is still what the file holds: a cache of
// what would otherwise be queried on every request is keyed on it. It
// costs one round trip to SQLite that touches no table.
func (db *DB) DataVersion(ctx context.Context) (int64, error) {
	db.watchMu.Lock()
	defer db.watchMu.Unlock()
	var v int64
	if err := db.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("database: data version: %w", err)
	}
	return v, nil
}

// Ping checks that a reader can run a query.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.Read.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("database: ping: %w", err)
	}
	return nil
}

// Tx runs fn in one write transaction (BEGIN IMMEDIATE) and commits it when
// fn returns nil; an error or a panic undoes all of fn's writes. Writes
// queue first come, first served and may share their commit with others
// queued at the same time (writer.go); Tx returns after that commit.
// fn should do only database work: the writers behind it wait.
func (db *DB) Tx(ctx context.Context, fn func(*sql.Tx) error) error {
	return db.submit(ctx, false, fn)
}

// Exec runs one statement as a write transaction of its own, queued like Tx.
func (db *DB) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return db.exec(ctx, false, query, args...)
}

func (db *DB) exec(ctx context.Context, relaxed bool, query string, args ...any) (sql.Result, error) {
	var res sql.Result
	err := db.submit(ctx, relaxed, func(tx *sql.Tx) (err error) {
		res, err = tx.ExecContext(context.WithoutCancel(ctx), query, args...)
		return err
	})
	return res, err
}

// Backup writes a consistent copy of the live database to dest with
// VACUUM INTO. It is safe while the server runs: readers and the writer go
// on, and the copy is one snapshot. dest must not exist yet.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("database: backup: %s already exists; choose a new file name", dest)
	}
	if dir := filepath.Dir(dest); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("database: backup: create folder: %w", err)
		}
	}
	// A reader connection suffices: VACUUM INTO reads one snapshot and
	// writes only the new file.
	if _, err := db.Read.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return fmt.Errorf("database: backup to %s: %w", dest, err)
	}
	return nil
}

// ExecRelaxed is Exec with synchronous=NORMAL instead of FULL when its
// commit is not shared with a durable write: the commit skips its fsync,
// and the next FULL commit makes it durable with its own. Only for data
// whose loss in a power cut is harmless — web sessions, which a person
// recreates by logging in — so that a visitor's form token does not cost a
// disk flush.
func (db *DB) ExecRelaxed(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return db.exec(ctx, true, query, args...)
}

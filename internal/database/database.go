// Package database opens confdesk's SQLite file and keeps its schema current.
//
// One file, two pools (after pocketbase): a writer with exactly one
// connection, so writes queue in Go instead of failing with SQLITE_BUSY, and
// a reader pool for everything else. The writer runs with synchronous=FULL:
// a registration we acknowledged survives a power cut. Its transactions
// begin IMMEDIATE (_txlock), so a read-then-write transaction such as the
// capacity check cannot be overtaken between its read and its write.
package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// DB is the pair of pools over one SQLite file.
type DB struct {
	// Write has one connection; use it for every statement that changes data.
	Write *sql.DB
	// Read is for queries only.
	Read *sql.DB
	path string
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
	common := url.Values{}
	common.Set("_busy_timeout", "5000")
	common.Set("_journal_mode", "WAL")
	common.Set("_foreign_keys", "on")

	wq := cloneValues(common)
	wq.Set("_synchronous", "FULL")
	wq.Set("_txlock", "immediate")
	write, err := sql.Open("sqlite3", dsn(path, wq))
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
	read, err := sql.Open("sqlite3", dsn(path, rq))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("database: open readers: %w", err)
	}
	n := max(4, runtime.NumCPU()*2)
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	read.SetConnMaxIdleTime(5 * time.Minute)
	return &DB{Write: write, Read: read, path: path}, nil
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

// Close checkpoints the write-ahead log into the main file and closes both pools.
func (db *DB) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, cerr := db.Write.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return errors.Join(cerr, db.Read.Close(), db.Write.Close())
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
// fn returns nil; any error rolls everything back.
func (db *DB) Tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.Write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("database: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("database: commit: %w", err)
	}
	return nil
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

// ExecRelaxed runs one statement on the writer with synchronous=NORMAL
// instead of FULL: the commit skips its fsync, and the next FULL commit
// makes it durable with its own. Only for data whose loss in a power cut
// is harmless — web sessions, which a person recreates by logging in —
// so that a visitor's form token does not cost a disk flush.
func (db *DB) ExecRelaxed(ctx context.Context, query string, args ...any) (sql.Result, error) {
	conn, err := db.Write.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("database: writer: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = NORMAL"); err != nil {
		return nil, fmt.Errorf("database: relax synchronous: %w", err)
	}
	res, err := conn.ExecContext(ctx, query, args...)
	// Always restore FULL before the connection goes back to the pool.
	if _, rerr := conn.ExecContext(context.Background(), "PRAGMA synchronous = FULL"); rerr != nil {
		// A writer left at NORMAL would weaken every later commit: drop the connection.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		return nil, errors.Join(err, fmt.Errorf("database: restore synchronous: %w", rerr))
	}
	return res, err
}

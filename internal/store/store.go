// Package store holds all of confdesk's SQL, one file per entity, written by
// hand and always parameterised.
//
// Reads are methods on *Store and use the read pool. Every change happens
// inside Store.Update, whose *Tx carries the write methods: a handler that
// changes two tables (a registration and its e-mail, say) does both in one
// transaction or neither.
//
// A read that a write must decide on (capacity, a registration's status,
// the session a sign-up fills) is also offered by *Tx, so that it sees what
// the transaction will commit against. Such a read is written once, as a
// method of reader, which runs its query on a querier: *Store embeds a
// reader over the read pool, so the method is the Store's as it stands; a
// *Tx holds one over its transaction and offers the read through a one-line
// method that passes the transaction's own context. Tx's reads take no
// context on purpose: Update made that context uncancellable, and a read
// cancelled half-way through a transaction would roll back the writes that
// share its commit.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"confdesk/internal/database"
)

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("store: not found")

// Store reads from and writes to one confdesk database.
type Store struct {
	reader // the reads a Tx offers too, on the read pool
	db     *database.DB
}

// New returns a Store over db.
func New(db *database.DB) *Store { return &Store{reader: reader{q: db.Read}, db: db} }

// querier is what a read needs, and what both the read pool (*sql.DB) and a
// write transaction (*sql.Tx) offer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// reader holds the reads that both Store and Tx offer, each written once
// over q: the read pool for a Store, the transaction for a Tx.
type reader struct {
	q querier
}

// DB is the database the store works on.
func (s *Store) DB() *database.DB { return s.db }

// Tx is one write transaction; its methods change data.
type Tx struct {
	tx   *sql.Tx
	ctx  context.Context
	read reader // over tx; its methods are called with ctx
}

// Update runs fn in one write transaction, committed when fn returns nil.
func (s *Store) Update(ctx context.Context, fn func(*Tx) error) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		// Once begun, a write runs to its end even if the caller goes:
		// interrupting SQLite mid-statement would undo the writes sharing
		// its commit (database/writer.go).
		return fn(&Tx{tx: tx, ctx: context.WithoutCancel(ctx), read: reader{q: tx}})
	})
}

// timeLayout stores instants as fixed-width UTC text, so that text order is time order.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// ts formats t for storage.
func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTS formats t for storage, with the zero time as NULL.
func nullTS(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return ts(t)
}

// parseTS reads a stored instant; NULL and empty read as the zero time.
func parseTS(v sql.NullString) (time.Time, error) {
	if !v.Valid || v.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, v.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: bad time %q: %w", v.String, err)
	}
	return t, nil
}

// nullID stores 0 as NULL, for optional foreign keys.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// notFound maps sql.ErrNoRows to ErrNotFound and wraps other errors with what was asked.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return fmt.Errorf("store: %s: %w", what, err)
}

// timeField pairs a scanned text column with the time it holds.
type timeField struct {
	src sql.NullString
	dst *time.Time
}

// parseTimes fills each field's time from its scanned text.
func parseTimes(fields ...timeField) error {
	for _, f := range fields {
		t, err := parseTS(f.src)
		if err != nil {
			return err
		}
		*f.dst = t
	}
	return nil
}

// countBy runs a query of (key, count) rows and returns them as a map.
func (s *Store) countBy(ctx context.Context, query string, args ...any) (map[string]int, error) {
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: count: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			return nil, fmt.Errorf("store: count: %w", err)
		}
		out[key] = n
	}
	return out, rows.Err()
}

// nullString stores "" as NULL, for unique columns that may be unset.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

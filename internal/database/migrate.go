package database

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"confdesk/db"
)

// Migration is one numbered SQL file from db/migrations.
type Migration struct {
	Version int
	Name    string
	SQL     string
	// Step, when set, runs after SQL in the same transaction, with foreign
	// keys off (goSteps): for rebuilding tables, which SQL alone cannot do
	// without knowing every column other migrations added.
	Step func(context.Context, *sql.Tx) error
}

// Migrations reads the embedded migrations in version order. File names are
// NNNN_name.sql; a repeated number is an error, found at start-up. Gaps are
// allowed: parallel branches each take their own number, and a branch
// must run with only its own (Migrate applies every one not yet applied).
func Migrations() ([]Migration, error) {
	return loadMigrations(db.Migrations, "migrations")
}

func loadMigrations(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("database: read migrations: %w", err)
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("database: migration %q: name must be NNNN_name.sql", name)
		}
		body, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("database: read migration %s: %w", name, err)
		}
		_, label, _ := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
		out = append(out, Migration{Version: v, Name: strings.TrimSuffix(name, ".sql"), SQL: string(body), Step: goSteps[label]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("database: migrations %s and %s share a number", out[i-1].Name, out[i].Name)
		}
	}
	return out, nil
}

// Migrate applies every migration the database has not seen, in number
// order, each in its own transaction, and records it in schema_migrations.
// It returns how many it applied. A database holding a migration this
// confdesk does not know (a newer confdesk's) is refused: running old code
// on a newer schema could lose data.
func (db *DB) Migrate(ctx context.Context) (int, error) {
	ms, err := Migrations()
	if err != nil {
		return 0, err
	}
	return db.migrate(ctx, ms)
}

func (db *DB) migrate(ctx context.Context, ms []Migration) (int, error) {
	if _, err := db.Write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return 0, fmt.Errorf("database: create schema_migrations: %w", err)
	}
	done, err := db.appliedVersions(ctx)
	if err != nil {
		return 0, err
	}
	known := map[int]bool{}
	latest := 0
	for _, m := range ms {
		known[m.Version] = true
		latest = max(latest, m.Version)
	}
	for v := range done {
		if !known[v] {
			return 0, fmt.Errorf("database: %s is at schema version %d, but this confdesk knows only up to %d; "+
				"run a newer confdesk, or restore a backup made by this version", db.path, v, latest)
		}
	}
	applied := 0
	for _, m := range ms {
		if done[m.Version] {
			continue
		}
		if err := db.apply(ctx, m); err != nil {
			return applied, err
		}
		applied++
	}
	return applied, nil
}

// apply runs one migration in one transaction. A migration with a Step runs
// with foreign keys off, as SQLite's procedure for rebuilding a table
// requires (PRAGMA foreign_keys is ignored inside a transaction, so it is
// set on the writer's one connection around it); the step checks the
// references itself before the transaction commits.
func (db *DB) apply(ctx context.Context, m Migration) error {
	if m.Step != nil {
		if _, err := db.Write.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return fmt.Errorf("database: migration %s: %w", m.Name, err)
		}
		defer db.Write.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`)
	}
	return db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("database: migration %s: %w", m.Name, err)
		}
		if m.Step != nil {
			if err := m.Step(ctx, tx); err != nil {
				return fmt.Errorf("database: migration %s: %w", m.Name, err)
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			m.Version, m.Name, time.Now().UTC().Format(time.RFC3339))
		return err
	})
}

// appliedVersions is the set of migrations recorded in schema_migrations.
func (db *DB) appliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := db.Write.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("database: read applied migrations: %w", err)
	}
	defer rows.Close()
	done := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("database: read applied migrations: %w", err)
		}
		done[v] = true
	}
	return done, rows.Err()
}

// SchemaVersion is the highest migration applied, or 0 for a new database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := db.Write.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("database: read schema version: %w", err)
	}
	return int(v.Int64), nil
}

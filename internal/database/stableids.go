package database

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
)

// goSteps are the parts of migrations that SQL alone cannot write, keyed by
// the migration's name without its number (so a renumbered file keeps its
// step). A step runs after its file's SQL, in the same transaction, with
// foreign keys off (see migrate).
var goSteps = map[string]func(context.Context, *sql.Tx) error{
	"stable_ids": autoincrementIDs,
}

// stableTables are the tables whose ids reach the outside world — in
// addresses (/agenda/4, /press/files/7, the console's pages), calendar
// UIDs, schedule guids, e-mails and the audit log — with the audit
// entity their rows are recorded under ("" for none). Their ids must never
// be used twice: a new session must not inherit a deleted one's calendar
// entry, address or history.
var stableTables = []struct{ table, entity string }{
	{"users", "user"},
	{"registrations", "registration"},
	{"tracks", "track"},
	{"rooms", "room"},
	{"speakers", "speaker"},
	{"sessions", "session"},
	{"checkins", ""},
	{"press_releases", "press_release"},
	{"press_files", "press_file"},
	{"media_contacts", "media_contact"},
	{"outbox", "outbox"},
}

var (
	createTable = regexp.MustCompile(`^CREATE TABLE\s+("?)(\w+)("?)\s*\(`)
	rowidColumn = regexp.MustCompile(`(?i)\bid(\s+)INTEGER(\s+)PRIMARY(\s+)KEY\b`)
)

// autoincrementIDs makes every table of stableTables AUTOINCREMENT, so that
// SQLite never hands out an id again after its row is deleted (a plain
// INTEGER PRIMARY KEY reuses the highest id once it is gone). SQLite cannot
// add AUTOINCREMENT to a table, so each is rebuilt as its documented
// procedure says (lang_altertable.html, "making other kinds of table schema
// changes"): create the new table, copy the rows, drop the old one, rename,
// create its indexes and triggers again. The new definition is the table's
// own, read from sqlite_schema, with AUTOINCREMENT added: columns that other
// migrations added, before or after this one, are kept whatever they are.
//
// Dropping a table with foreign keys on would delete every row that refers
// to it (ON DELETE CASCADE runs for the implicit DELETE, deferred or not),
// so this step needs foreign keys off, which migrate arranges; it checks
// that they are, and foreign_key_check after the rebuild proves that every
// reference still points at a row.
//
// Each table's sequence starts above its highest id and above the highest
// id its audit entity ever had, so that an id deleted before this
// migration is not handed out either.
func autoincrementIDs(ctx context.Context, tx *sql.Tx) error {
	var fk int
	if err := tx.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil {
		return err
	}
	if fk != 0 {
		return fmt.Errorf("rebuilding tables with foreign keys on would cascade deletes; refusing")
	}
	// Renaming must not rewrite or re-check other tables' triggers and
	// views: the old table's triggers are gone at that moment, and are
	// created again from their own text.
	if _, err := tx.ExecContext(ctx, `PRAGMA legacy_alter_table = ON`); err != nil {
		return err
	}
	for _, st := range stableTables {
		if err := rebuildAutoincrement(ctx, tx, st.table, st.entity); err != nil {
			return fmt.Errorf("%s: %w", st.table, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA legacy_alter_table = OFF`); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		rows.Scan(&table, &rowid, &parent, &fkid)
		return fmt.Errorf("after the rebuild, %s row %d refers to a missing %s row", table, rowid.Int64, parent)
	}
	return rows.Err()
}

// rebuildAutoincrement rebuilds table with AUTOINCREMENT on its id.
func rebuildAutoincrement(ctx context.Context, tx *sql.Tx, table, entity string) error {
	var def string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&def); err != nil {
		return fmt.Errorf("read definition: %w", err)
	}
	if strings.Contains(strings.ToUpper(def), "AUTOINCREMENT") {
		return nil
	}
	if n := len(rowidColumn.FindAllStringIndex(def, -1)); n != 1 {
		return fmt.Errorf("expected one \"id INTEGER PRIMARY KEY\" column, found %d", n)
	}
	m := createTable.FindStringSubmatch(def)
	if m == nil || m[2] != table {
		return fmt.Errorf("unexpected definition %.60q", def)
	}
	scratch := table + "_autoincrement"
	newDef := createTable.ReplaceAllLiteralString(def, `CREATE TABLE "`+scratch+`" (`)
	newDef = rowidColumn.ReplaceAllString(newDef, "id${1}INTEGER${2}PRIMARY${3}KEY AUTOINCREMENT")

	rows, err := tx.QueryContext(ctx, `SELECT sql FROM sqlite_schema
		WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`, table)
	if err != nil {
		return err
	}
	var dependents []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		dependents = append(dependents, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	// The new table has the old one's columns in the same order.
	steps := []string{
		newDef,
		`INSERT INTO "` + scratch + `" SELECT * FROM "` + table + `"`,
		`DROP TABLE "` + table + `"`,
		`ALTER TABLE "` + scratch + `" RENAME TO "` + table + `"`,
	}
	for _, s := range append(steps, dependents...) {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%.60s…: %w", s, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq)
		SELECT ?, 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)`, table, table); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = max(seq,
		coalesce((SELECT max(id) FROM "`+table+`"), 0),
		coalesce((SELECT max(entity_id) FROM audit_log WHERE entity = ?), 0)) WHERE name = ?`, entity, table)
	return err
}

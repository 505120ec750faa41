package database

import (
	"context"

	"slices"
	"strings"
	"testing"
)

// seedBeforeStableIDs fills a database at the schema before stable_ids
// with rows in every table that refers to another, so that a rebuild that
// cascaded a delete or lost a row would show.
const seedBeforeStableIDs = `
INSERT INTO conference (id, slug, name, short_name, start_date, end_date, capacity, created_at, updated_at)
	VALUES (1, 'c', 'C', 'C', '2027-03-15', '2027-03-17', 10, 'x', 'x');
INSERT INTO users (id, email, role, password_hash, created_at, updated_at) VALUES (1, 'a@x', 'admin', 'h', 'x', 'x'), (2, 'b@x', 'checkin', 'h', 'x', 'x');
INSERT INTO registrations (id, conference_id, reference, manage_token_hash, checkin_code, status, first_name, last_name, email, email_key,
	country, organisation, org_type, consent_at, created_at, updated_at, waitlisted_at) VALUES
	(1, 1, 'CTC-AAAAAA', x'01', 'C1', 'confirmed', 'A', 'A', 'a@x', 'a@x', 'TT', 'O', 'government', 'x', 'x', 'x', NULL),
	(2, 1, 'CTC-BBBBBB', x'02', 'C2', 'waitlisted', 'B', 'B', 'b@x', 'b@x', 'TT', 'O', 'government', 'x', 'x', 'x', 'x');
INSERT INTO tracks (id, conference_id, slug, name, colour) VALUES (1, 1, 't', 'T', '#000000');
INSERT INTO rooms (id, conference_id, name) VALUES (1, 1, 'R');
INSERT INTO speakers (id, conference_id, name) VALUES (1, 1, 'S');
INSERT INTO sessions (id, conference_id, track_id, room_id, kind, title, starts_at, ends_at, created_at, updated_at)
	VALUES (1, 1, 1, 1, 'workshop', 'W', '2027-03-15T14:00', '2027-03-15T15:00', 'x', 'x');
INSERT INTO session_speakers (session_id, speaker_id) VALUES (1, 1);
INSERT INTO session_signups (session_id, registration_id, created_at) VALUES (1, 1, 'x');
INSERT INTO checkins (id, registration_id, session_id, checked_in_at, checked_in_by) VALUES (1, 1, NULL, 'x', 2), (2, 1, 1, 'x', 2);
INSERT INTO press_releases (id, conference_id, slug, title, release_date, created_at, updated_at) VALUES (1, 1, 'r', 'R', '2027-03-15', 'x', 'x');
INSERT INTO press_files (id, conference_id, title, original_name, stored_name, content_type, size, sha256, created_at, updated_at)
	VALUES (1, 1, 'F', 'f.pdf', 's.pdf', 'application/pdf', 1, 'h', 'x', 'x');
INSERT INTO downloads (conference_id, item, press_file_id, downloaded_at) VALUES (1, 'file', 1, 'x'), (1, 'kit', NULL, 'x');
INSERT INTO media_contacts (id, conference_id, name) VALUES (1, 1, 'M');
INSERT INTO outbox (id, conference_id, registration_id, kind, to_email, subject, body_text, next_attempt_at, created_at)
	VALUES (1, 1, 1, 'k', 'a@x', 's', 'b', 'x', 'x');
INSERT INTO audit_log (conference_id, user_id, actor, action, entity, entity_id, created_at) VALUES
	(1, 1, 'a@x', 'update', 'registration', 1, 'x'),
	(1, 1, 'a@x', 'delete', 'session', 7, 'x');
`

// schemaObjects lists the database's tables, indexes and triggers by name.
func schemaObjects(t *testing.T, db *DB) []string {
	t.Helper()
	rows, err := db.Read.Query(`SELECT type || ' ' || name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// rowCounts counts the rows of every table.
func rowCounts(t *testing.T, db *DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, o := range schemaObjects(t, db) {
		if name, ok := strings.CutPrefix(o, "table "); ok {
			var n int
			if err := db.Read.QueryRow(`SELECT count(*) FROM "` + name + `"`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			out[name] = n
		}
	}
	return out
}

// TestStableIDsMigration applies stable_ids to a filled database in which
// another migration has added a column to registrations first (as other
// branches' migrations do): every row, reference, index and trigger
// survives, foreign keys are on again, the file passes integrity_check,
// and no table hands out an id twice, nor one its audit history used.
func TestStableIDsMigration(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	all, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(all, func(m Migration) bool { return m.Step != nil })
	if i < 0 {
		t.Fatal("no migration has the stable_ids step")
	}
	if _, err := db.migrate(ctx, all[:i]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.Exec(`ALTER TABLE registrations ADD COLUMN import_batch INTEGER NOT NULL DEFAULT 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.Exec(seedBeforeStableIDs); err != nil {
		t.Fatal(err)
	}
	before, objects := rowCounts(t, db), schemaObjects(t, db)
	if _, err := db.migrate(ctx, all); err != nil {
		t.Fatal(err)
	}
	after := rowCounts(t, db)
	for table, n := range before {
		if after[table] != n && table != "schema_migrations" {
			t.Errorf("%s: %d rows, was %d", table, after[table], n)
		}
	}
	for _, o := range objects {
		if !slices.Contains(schemaObjects(t, db), o) {
			t.Errorf("%s is gone", o)
		}
	}
	var fk, check string
	db.Write.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
	db.Read.QueryRow(`PRAGMA integrity_check`).Scan(&check)
	if fk != "1" || check != "ok" {
		t.Errorf("foreign_keys %s, integrity_check %q", fk, check)
	}
	if rows, _ := db.Read.Query(`PRAGMA foreign_key_check`); rows.Next() {
		t.Error("foreign_key_check finds a broken reference")
		rows.Close()
	}
	var version int
	if err := db.Read.QueryRow(`SELECT import_batch FROM registrations WHERE id = 2`).Scan(&version); err != nil || version != 1 {
		t.Errorf("the column another migration added: %d, %v", version, err)
	}
	// Cascades still work: deleting the session removes its sign-ups.
	if _, err := db.Write.Exec(`DELETE FROM sessions WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	var signups int
	db.Read.QueryRow(`SELECT count(*) FROM session_signups`).Scan(&signups)
	if signups != 0 {
		t.Error("deleting a session no longer cascades to its sign-ups")
	}
	// The waiting-list triggers were made again.
	if _, err := db.Write.Exec(`UPDATE registrations SET status = 'confirmed' WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	var waiting int
	db.Read.QueryRow(`SELECT waitlisted FROM waitlist_lengths WHERE conference_id = 1`).Scan(&waiting)
	if waiting != 0 {
		t.Errorf("waitlist length %d after the only waiting registration was confirmed", waiting)
	}

	// In every table, the highest row deleted: the next row gets a new id.
	for _, st := range stableTables {
		var top int64
		db.Read.QueryRow(`SELECT coalesce(max(id), 0) FROM "` + st.table + `"`).Scan(&top)
		if _, err := db.Write.Exec(`DELETE FROM "`+st.table+`" WHERE id = ?`, top); err != nil {
			t.Fatalf("%s: %v", st.table, err)
		}
		var seq int64
		db.Read.QueryRow(`SELECT seq FROM sqlite_sequence WHERE name = ?`, st.table).Scan(&seq)
		if seq < top {
			t.Errorf("%s: the next id would be %d, the deleted one was %d", st.table, seq+1, top)
		}
	}
	var next int64
	res, err := db.Write.Exec(`INSERT INTO sessions (conference_id, kind, title, starts_at, ends_at, created_at, updated_at)
		VALUES (1, 'plenary', 'P', '2027-03-15T09:00', '2027-03-15T10:00', 'x', 'x')`)
	if err != nil {
		t.Fatal(err)
	}
	next, _ = res.LastInsertId()
	if next <= 7 {
		t.Errorf("new session id %d: ids up to 7 are in the audit log already", next)
	}
}

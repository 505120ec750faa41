package database

import (
	"context"
	"regexp"
	"testing"
)

// TestConfirmLinksMigrationOnExistingData applies 0006 to a database that
// already holds registrations: each gets its own calendar token and version
// 1, the existing conference confirms addresses (the safe side), and every
// later write to a row counts once in its version.
func TestConfirmLinksMigrationOnExistingData(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	ms, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	var before, after []Migration
	for _, m := range ms {
		if m.Version < 6 {
			before = append(before, m)
		} else {
			after = append(after, m)
		}
	}
	if len(after) == 0 || after[0].Name != "0006_confirm_links" {
		t.Fatalf("migration 0006 not found after %d others", len(before))
	}
	if _, err := db.migrate(ctx, before); err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Write.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`INSERT INTO conference (slug, name, short_name, start_date, end_date, capacity, created_at, updated_at)
		VALUES ('c', 'C', 'C', '2027-03-15', '2027-03-17', 10, 'x', 'x')`)
	for i, ref := range []string{"CTC-AAAAAA", "CTC-BBBBBB"} {
		exec(`INSERT INTO registrations (conference_id, reference, manage_token_hash, checkin_code, status, first_name,
			last_name, email, email_key, country, organisation, org_type, consent_at, created_at, updated_at)
			VALUES (1, ?, ?, ?, 'confirmed', 'A', 'B', ?, ?, 'TT', 'O', 'government', 'x', 'x', 'x')`,
			ref, []byte{byte(i)}, ref, ref+"@example.org", ref+"@example.org")
	}
	if _, err := db.migrate(ctx, ms); err != nil {
		t.Fatal(err)
	}

	hex64 := regexp.MustCompile(`^[0-9a-f]{64}$`)
	rows, err := db.Read.QueryContext(ctx, `SELECT calendar_token, version FROM registrations ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for rows.Next() {
		var token string
		var version int
		if err := rows.Scan(&token, &version); err != nil {
			t.Fatal(err)
		}
		if !hex64.MatchString(token) || seen[token] || version != 1 {
			t.Errorf("calendar token %q (seen before: %v), version %d", token, seen[token], version)
		}
		seen[token] = true
	}
	rows.Close()
	var confirm int
	db.Read.QueryRowContext(ctx, `SELECT confirm_email FROM conference`).Scan(&confirm)
	if confirm != 1 {
		t.Error("an existing conference does not confirm addresses after the migration")
	}

	version := func() (v int) {
		db.Read.QueryRowContext(ctx, `SELECT version FROM registrations WHERE id = 1`).Scan(&v)
		return v
	}
	exec(`UPDATE registrations SET status = 'cancelled' WHERE id = 1`)
	exec(`UPDATE registrations SET phone = '1', dietary = 'x' WHERE id = 1`)
	if v := version(); v != 3 {
		t.Errorf("version after two writes = %d, want 3", v)
	}
}

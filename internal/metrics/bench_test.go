package metrics

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"confdesk/internal/database"
	"confdesk/internal/demo"
	"confdesk/internal/store"
)

// BenchmarkScrape gathers every metric from a database holding 10,000
// registrations and a backlog of e-mails: the cost a Prometheus scrape
// puts on the server.
func BenchmarkScrape(b *testing.B) {
	ctx := context.Background()
	db, err := database.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	now := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
	if _, err := demo.EnsureConference(ctx, store.New(db), demo.Options{Start: "2027-03-15", Now: now}); err != nil {
		b.Fatal(err)
	}
	_, err = db.Exec(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
		INSERT INTO registrations (conference_id, reference, manage_token_hash, checkin_code, status,
			first_name, last_name, email, email_key, country, organisation, org_type, consent_at, created_at, updated_at)
		SELECT (SELECT id FROM conference LIMIT 1), 'B-' || i, randomblob(32), 'C' || i,
			CASE i % 4 WHEN 0 THEN 'pending' WHEN 1 THEN 'confirmed' WHEN 2 THEN 'confirmed' ELSE 'cancelled' END,
			'F', 'L' || i, 'p' || i || '@example.org', 'p' || i || '@example.org', 'FJ', 'Org', 'ngo',
			'2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z' FROM n`)
	if err != nil {
		b.Fatal(err)
	}
	m := New(db)
	b.ResetTimer()
	for b.Loop() {
		if _, err := m.Registry().Gather(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkObserveRequest is what counting one request adds to it.
func BenchmarkObserveRequest(b *testing.B) {
	db, err := database.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	m := New(db)
	for b.Loop() {
		m.ObserveRequest("GET", "/registration/:token", 200, 3*time.Millisecond)
	}
}

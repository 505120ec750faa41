package press

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"confdesk/internal/database"
	"confdesk/internal/store"
)

// TestDownloadsRun: counts wait in memory until a tick, then go in as one
// row per item and minute.
func TestDownloadsRun(t *testing.T) {
	ctx := context.Background()
	db, err := database.Open(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write.Exec(`INSERT INTO conference (id, slug, name, short_name, start_date, end_date, capacity, created_at, updated_at)
		VALUES (1, 'c', 'C', 'C', '2027-03-15', '2027-03-17', 10, '', '')`); err != nil {
		t.Fatal(err)
	}
	sum := func() (rows, total int) {
		t.Helper()
		if err := db.Read.QueryRow(`SELECT count(*), coalesce(sum(count), 0) FROM downloads`).Scan(&rows, &total); err != nil {
			t.Fatal(err)
		}
		return rows, total
	}
	d := NewDownloads(store.New(db), slog.New(slog.DiscardHandler))
	at := time.Date(2027, 3, 15, 9, 0, 10, 0, time.UTC)
	for i := range 50 {
		d.Count(1, store.DownloadKit, 0, at.Add(time.Duration(i)*time.Second))
	}
	if rows, _ := sum(); rows != 0 {
		t.Fatalf("%d rows before any tick", rows)
	}
	tick := make(chan time.Time)
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { d.Run(runCtx, tick); close(done) }()
	// Run takes the second tick only once the first one's flush is over.
	tick <- at
	tick <- at
	// 50 downloads from 09:00:10 to 09:00:59: one minute, one row.
	if rows, total := sum(); rows != 1 || total != 50 {
		t.Errorf("%d rows, %d downloads; want 1 row of 50", rows, total)
	}
	stop()
	<-done
	// After Run, a last Flush takes what came in meanwhile.
	d.Count(1, store.DownloadKit, 0, at.Add(time.Minute))
	if err := d.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if rows, total := sum(); rows != 2 || total != 51 {
		t.Errorf("after the last flush %d rows, %d downloads; want 2 and 51", rows, total)
	}
}

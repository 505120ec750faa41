package metrics

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"confdesk/internal/database"
)

func gauge(t *testing.T, m *Metrics, name string) (float64, bool) {
	t.Helper()
	fams, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() == name {
			return f.GetMetric()[0].GetGauge().GetValue(), true
		}
	}
	return 0, false
}

// A method outside the standard few is labelled "other": clients choose
// methods, and every label value must come from the code.
func TestUnknownMethodIsOther(t *testing.T) {
	db, err := database.Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	m := New(db)
	m.ObserveRequest("BREW", "/", 501, time.Millisecond)
	m.ObserveRequest("GET", "/agenda", 200, time.Millisecond)
	fams, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	methods := map[string]bool{}
	for _, f := range fams {
		if f.GetName() != "confdesk_http_requests_total" {
			continue
		}
		for _, s := range f.GetMetric() {
			for _, l := range s.GetLabel() {
				if l.GetName() == "method" {
					methods[l.GetValue()] = true
				}
			}
		}
	}
	if !methods["other"] || !methods["GET"] || methods["BREW"] || len(methods) != 2 {
		t.Errorf("method labels %v, want GET and other", methods)
	}
	if v, ok := gauge(t, m, "confdesk_db_scrape_ok"); !ok || v != 1 {
		t.Errorf("scrape_ok = %v, %v on an open database", v, ok)
	}
}

// A scrape of a database that no longer answers still succeeds, and says so.
func TestScrapeOfClosedDatabase(t *testing.T) {
	db, err := database.Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	m := New(db)
	db.Close()
	if v, ok := gauge(t, m, "confdesk_db_scrape_ok"); !ok || v != 0 {
		t.Errorf("scrape_ok = %v, %v on a closed database, want 0", v, ok)
	}
}

package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"strings"
	"testing"

	"confdesk/internal/webtest"
)

func TestReadyz(t *testing.T) {
	ctx := context.Background()
	ready := func(t *testing.T, env *webtest.Env, want int, text string) {
		t.Helper()
		res := env.Get("/readyz")
		if res.StatusCode != want || !strings.Contains(res.Body, text) {
			t.Errorf("/readyz = %d %q, want %d %q", res.StatusCode, res.Body, want, text)
		}
		if res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("/readyz Cache-Control %q", res.Header.Get("Cache-Control"))
		}
	}

	t.Run("ready", func(t *testing.T) {
		env := webtest.New(t)
		ready(t, env, http.StatusOK, "ready")
		if res := env.Get("/healthz"); res.StatusCode != http.StatusOK {
			t.Errorf("/healthz: %d", res.StatusCode)
		}
	})

	t.Run("database closed", func(t *testing.T) {
		env := webtest.New(t)
		env.DB.Close()
		ready(t, env, http.StatusServiceUnavailable, "database takes no write")
	})

	t.Run("writer busy past a second", func(t *testing.T) {
		env := webtest.New(t)
		started, release := make(chan struct{}), make(chan struct{})
		done := make(chan error, 1)
		go func() {
			done <- env.DB.Tx(ctx, func(*sql.Tx) error {
				close(started)
				<-release
				return nil
			})
		}()
		<-started
		ready(t, env, http.StatusServiceUnavailable, "database takes no write")
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		ready(t, env, http.StatusOK, "ready")
	})

	t.Run("migrations behind", func(t *testing.T) {
		env := webtest.New(t)
		// As if this database were made by an older confdesk: the latest
		// migration not yet applied.
		if _, err := env.DB.Exec(ctx, `DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)`); err != nil {
			t.Fatal(err)
		}
		ready(t, env, http.StatusServiceUnavailable, "database schema behind")
	})

	t.Run("schema newer", func(t *testing.T) {
		env := webtest.New(t)
		// As if a newer confdesk had migrated this file since we started.
		if _, err := env.DB.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', '2099-01-01T00:00:00Z')`); err != nil {
			t.Fatal(err)
		}
		ready(t, env, http.StatusServiceUnavailable, "is newer than this confdesk")
	})
}

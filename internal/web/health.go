package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/database"
)

// health is the liveness check: 200 when the database answers a query
// within two seconds, else 503.
func (s *Server) health(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	c.Set(fiber.HeaderCacheControl, "no-store")
	if err := s.store.DB().Ping(ctx); err != nil {
		s.log.Error("health check failed", "error", err)
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unavailable\n")
	}
	return c.SendString("ok\n")
}

// readyWithin is how long /readyz waits for the database to take a write.
const readyWithin = time.Second

// ready is the readiness check: 200 when the database takes a write
// within a second and its schema is the one this confdesk knows, else 503
// with the reason in one short line.
func (s *Server) ready(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	ctx, cancel := context.WithTimeout(c.UserContext(), readyWithin)
	defer cancel()
	db := s.store.DB()
	if err := probeWrite(ctx, db); err != nil {
		s.log.Warn("readiness: the database takes no write", "error", err)
		return c.Status(fiber.StatusServiceUnavailable).SendString("database takes no write\n")
	}
	if err := schemaCurrent(ctx, db); err != nil {
		s.log.Warn("readiness: schema", "error", err)
		return c.Status(fiber.StatusServiceUnavailable).SendString(err.Error() + "\n")
	}
	return c.SendString("ready\n")
}

// probeWrite passes a write through the writer queue, as every real write
// goes: a transaction that begins IMMEDIATE (so takes SQLite's write lock)
// and runs an UPDATE that matches no row. It changes nothing, so it needs
// no table of its own and no migration, and its COMMIT writes no page.
// A writer stuck behind a long group, a locked file or a closed database
// all fail it. The writer answers a queued job even after ctx ends, so
// the wait is bounded here; a job still queued when ctx ends is skipped
// by the writer.
func probeWrite(ctx context.Context, db *database.DB) error {
	done := make(chan error, 1)
	go func() {
		_, err := db.Exec(ctx, `UPDATE schema_migrations SET version = version WHERE 0`)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("no answer within %s: %w", readyWithin, ctx.Err())
	}
}

// knownSchema is the number and the highest version of the migrations built in.
var knownSchema = sync.OnceValues(func() ([2]int, error) {
	ms, err := database.Migrations()
	if err != nil {
		return [2]int{}, err
	}
	latest := 0
	for _, m := range ms {
		latest = max(latest, m.Version)
	}
	return [2]int{len(ms), latest}, nil
})

// schemaCurrent checks that the database holds exactly the migrations
// this confdesk knows: as many, up to the same version (the versions
// are unique, and Migrate refuses any it does not know). It reads through
// a reader, not the writer's one connection.
func schemaCurrent(ctx context.Context, db *database.DB) error {
	want, err := knownSchema()
	if err != nil {
		return err
	}
	var n int
	var latest sql.NullInt64
	if err := db.Read.QueryRowContext(ctx, `SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &latest); err != nil {
		return errors.New("schema version unreadable")
	}
	switch {
	case int(latest.Int64) > want[1]:
		return fmt.Errorf("database schema %d is newer than this confdesk's %d", latest.Int64, want[1])
	case n != want[0] || int(latest.Int64) != want[1]:
		return fmt.Errorf("database schema behind: %d of %d migrations applied", n, want[0])
	}
	return nil
}

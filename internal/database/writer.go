package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
)

// Every write goes through one queue served by one goroutine, which commits
// what is waiting in groups ("group commit"):
//
//   - Fairness. database/sql hands a busy pool's only connection to a random
//     waiter, so under load a registration could wait behind hundreds of
//     later ones; the queue serves writers first come, first served.
//   - Throughput. One transaction holds up to maxBatch callers' work, each in
//     its own SAVEPOINT, and ends with one COMMIT: one fsync for the group
//     instead of one each. A caller's error rolls back only its savepoint.
//
// A caller is answered only after the COMMIT that holds its work, so an
// acknowledged write is as durable as before. A group is durable
// (synchronous=FULL) unless every job in it asked for relaxed durability.
const maxBatch = 64

// ErrClosed is returned for writes submitted after Close.
var ErrClosed = errors.New("database: closed")

// writeJob is one caller's transaction waiting for the writer.
type writeJob struct {
	ctx     context.Context
	fn      func(*sql.Tx) error
	relaxed bool
	done    chan jobResult
}

type jobResult struct {
	err   error
	panic any // a panic in fn, raised again in the caller's goroutine
}

// startWriter starts the goroutine that serves db.jobs until Close.
func (db *DB) startWriter() {
	db.jobs = make(chan *writeJob, maxBatch)
	db.stop = make(chan struct{})
	db.stopped = make(chan struct{})
	go db.serveWrites()
}

// stopWriter ends the writer once the jobs already taken are answered;
// later submissions get ErrClosed.
func (db *DB) stopWriter() {
	db.stopOnce.Do(func() { close(db.stop) })
	<-db.stopped
}

func (db *DB) serveWrites() {
	defer close(db.stopped)
	for {
		var first *writeJob
		select {
		case first = <-db.jobs:
		case <-db.stop:
			// Answer whatever slipped in before the stop.
			for {
				select {
				case j := <-db.jobs:
					j.done <- jobResult{err: ErrClosed}
				default:
					return
				}
			}
		}
		batch := []*writeJob{first}
	fill:
		for len(batch) < maxBatch {
			select {
			case j := <-db.jobs:
				batch = append(batch, j)
			default:
				break fill
			}
		}
		db.commitBatch(batch)
	}
}

// QueuedWrites is how many writes wait for the writer, not counting the
// group it is committing. Tests use it to order concurrent requests on the
// writer deterministically instead of by timing.
func (db *DB) QueuedWrites() int { return len(db.jobs) }

// OnGroupCommit sets fn to be called with the number of callers' jobs in
// each group the writer commits (metrics count them); nil stops the calls.
// fn runs on the writer's goroutine and must not block.
func (db *DB) OnGroupCommit(fn func(size int)) {
	if fn == nil {
		db.onCommit.Store(nil)
		return
	}
	db.onCommit.Store(&fn)
}

// submit queues fn and waits for its result.
func (db *DB) submit(ctx context.Context, relaxed bool, fn func(*sql.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	job := &writeJob{ctx: ctx, fn: fn, relaxed: relaxed, done: make(chan jobResult, 1)}
	select {
	case db.jobs <- job:
	case <-db.stop:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once queued, the job is answered by the writer, or never run if the
	// writer stopped first.
	var res jobResult
	select {
	case res = <-job.done:
	case <-db.stopped:
		select {
		case res = <-job.done:
		default:
			return ErrClosed
		}
	}
	if res.panic != nil {
		panic(res.panic)
	}
	return res.err
}

// commitBatch runs the jobs in one transaction and answers each.
func (db *DB) commitBatch(batch []*writeJob) {
	results := make([]jobResult, len(batch))
	answer := func() {
		for i, j := range batch {
			j.done <- results[i]
		}
	}
	failAll := func(err error) {
		for i := range results {
			if results[i].err == nil && results[i].panic == nil {
				results[i].err = err
			}
		}
		answer()
	}

	ctx := context.Background() // a caller's cancellation must not interrupt its neighbours
	conn, err := db.Write.Conn(ctx)
	if err != nil {
		failAll(fmt.Errorf("database: writer: %w", err))
		return
	}
	defer conn.Close()
	relaxed := true
	for _, j := range batch {
		relaxed = relaxed && j.relaxed
	}
	if relaxed {
		// Only between transactions may the safety level change.
		if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = NORMAL"); err != nil {
			failAll(fmt.Errorf("database: relax synchronous: %w", err))
			return
		}
		defer func() {
			if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = FULL"); err != nil {
				// A writer left at NORMAL would weaken every later commit: drop the connection.
				_ = conn.Raw(func(any) error { return driver.ErrBadConn })
			}
		}()
	}

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		failAll(fmt.Errorf("database: begin: %w", err))
		return
	}
	for i, j := range batch {
		if err := j.ctx.Err(); err != nil {
			results[i].err = err // gave up while queued: not started
			continue
		}
		if _, err := tx.ExecContext(ctx, "SAVEPOINT job"); err != nil {
			_ = tx.Rollback()
			failAll(fmt.Errorf("database: savepoint: %w", err))
			return
		}
		results[i] = runJob(j.fn, tx)
		if results[i].err == nil && results[i].panic == nil {
			if _, err := tx.ExecContext(ctx, "RELEASE job"); err != nil {
				_ = tx.Rollback()
				failAll(fmt.Errorf("database: release savepoint: %w", err))
				return
			}
			continue
		}
		// Undo this job only. If SQLite already rolled the whole
		// transaction back (an I/O error, say), the group fails.
		if _, err := tx.ExecContext(ctx, "ROLLBACK TO job"); err != nil {
			_ = tx.Rollback()
			failAll(fmt.Errorf("database: transaction lost after an error in a neighbouring write: %w", err))
			return
		}
		if _, err := tx.ExecContext(ctx, "RELEASE job"); err != nil {
			_ = tx.Rollback()
			failAll(fmt.Errorf("database: release savepoint: %w", err))
			return
		}
	}
	if err := tx.Commit(); err != nil {
		failAll(fmt.Errorf("database: commit: %w", err))
		return
	}
	if fn := db.onCommit.Load(); fn != nil {
		(*fn)(len(batch))
	}
	answer()
}

// runJob calls fn, turning a panic into a result.
func runJob(fn func(*sql.Tx) error, tx *sql.Tx) (res jobResult) {
	defer func() {
		if p := recover(); p != nil {
			res = jobResult{panic: p}
		}
	}()
	return jobResult{err: fn(tx)}
}

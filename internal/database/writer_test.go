package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// queueBehind holds the writer in a job until release is called, so that
// the jobs submitted meanwhile are committed together as one group.
func queueBehind(t *testing.T, db *DB) (release func()) {
	t.Helper()
	started, hold := make(chan struct{}), make(chan struct{})
	go db.Tx(context.Background(), func(*sql.Tx) error {
		close(started)
		<-hold
		return nil
	})
	<-started
	return func() { close(hold) }
}

// waitQueued polls until n jobs wait for the writer.
func waitQueued(t *testing.T, db *DB, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); len(db.jobs) < n; {
		if time.Now().After(deadline) {
			t.Fatalf("%d jobs queued, want %d", len(db.jobs), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestGroupedWritesFailAlone(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.Exec(ctx, `CREATE TABLE t (v TEXT UNIQUE); INSERT INTO t VALUES ('taken')`); err != nil {
		t.Fatal(err)
	}
	release := queueBehind(t, db)
	const n = 8
	errs := make([]error, n)
	panics := make(chan any, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					panics <- p
				}
			}()
			errs[i] = db.Tx(ctx, func(tx *sql.Tx) error {
				if _, err := tx.Exec(`INSERT INTO t VALUES (?)`, fmt.Sprint("job", i)); err != nil {
					return err
				}
				switch i {
				case 3: // an error after a write: that write is undone
					return errors.New("refused")
				case 5: // a panic: undone too, and raised in the caller
					panic("job 5 broke")
				case 6: // a failing statement
					_, err := tx.Exec(`INSERT INTO t VALUES ('taken')`)
					return err
				}
				return nil
			})
		}()
	}
	waitQueued(t, db, n)
	release()
	wg.Wait()

	close(panics)
	if p := <-panics; p != "job 5 broke" || len(panics) > 0 {
		t.Errorf("the callers saw panic %v (and %d more), want job 5's own", p, len(panics))
	}
	for i, err := range errs {
		var n int
		db.Read.QueryRow(`SELECT count(*) FROM t WHERE v = ?`, fmt.Sprint("job", i)).Scan(&n)
		switch i {
		case 3, 6:
			if err == nil || n != 0 {
				t.Errorf("job %d: err %v, %d rows; want an error and its write undone", i, err, n)
			}
		case 5:
			if n != 0 {
				t.Errorf("job 5 panicked but its write stayed")
			}
		default:
			if err != nil || n != 1 {
				t.Errorf("job %d: err %v, %d rows; want committed beside its failing neighbours", i, err, n)
			}
		}
	}
	// The writer goes on after a panic.
	if _, err := db.Exec(ctx, `INSERT INTO t VALUES ('after')`); err != nil {
		t.Fatal(err)
	}
}

func TestWritesAreServedInOrder(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.Exec(ctx, `CREATE TABLE t (seq INTEGER PRIMARY KEY AUTOINCREMENT, v INTEGER)`); err != nil {
		t.Fatal(err)
	}
	release := queueBehind(t, db)
	var wg sync.WaitGroup
	for i := range maxBatch {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := db.Exec(ctx, `INSERT INTO t (v) VALUES (?)`, i); err != nil {
				t.Error(err)
			}
		}()
		waitQueued(t, db, i+1) // each arrives after the one before
	}
	release()
	wg.Wait()
	rows, err := db.Read.Query(`SELECT v FROM t ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for want := 0; rows.Next(); want++ {
		var v int
		rows.Scan(&v)
		if v != want {
			t.Fatalf("write %d landed in place %d: the queue is not first come, first served", v, want)
		}
	}
}

func TestCancelledWriteDoesNotRun(t *testing.T) {
	db := openTemp(t)
	release := queueBehind(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	ran := false
	go func() {
		done <- db.Tx(ctx, func(*sql.Tx) error { ran = true; return nil })
	}()
	waitQueued(t, db, 1)
	cancel()
	release()
	if err := <-done; !errors.Is(err, context.Canceled) || ran {
		t.Errorf("err %v, ran %v; want context.Canceled and not run", err, ran)
	}
}

func TestRelaxedWriteRestoresFullSync(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.Exec(ctx, `CREATE TABLE t (v INTEGER)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecRelaxed(ctx, `INSERT INTO t VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	var level int
	if err := db.Write.QueryRow(`PRAGMA synchronous`).Scan(&level); err != nil || level != 2 {
		t.Errorf("synchronous = %d (%v) after a relaxed write; want 2 (FULL)", level, err)
	}
}

func TestWritesAfterCloseAreRefused(t *testing.T) {
	db := openTemp(t)
	db.Close()
	if _, err := db.Exec(context.Background(), `SELECT 1`); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close: %v, want ErrClosed", err)
	}
}

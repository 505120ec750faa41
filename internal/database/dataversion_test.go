package database

import (
	"context"
	"database/sql"
	"testing"
)

// DataVersion stays the same while nothing is committed, and changes with
// every commit: the write queue's, a statement on the writer pool, and
// another program's connection to the same file.
func TestDataVersionChangesWithEveryCommit(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	version := func() int64 {
		t.Helper()
		v, err := db.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if _, err := db.Write.Exec(`CREATE TABLE t (x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	v := version()
	var n int
	if err := db.Read.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if version() != v {
		t.Fatal("data_version changed without a commit")
	}

	other, err := sql.Open(driverName, dsn(db.Path(), nil))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for name, write := range map[string]func() error{
		"write queue":        func() error { _, err := db.Exec(ctx, `INSERT INTO t VALUES (1)`); return err },
		"writer pool":        func() error { _, err := db.Write.Exec(`INSERT INTO t VALUES (2)`); return err },
		"another connection": func() error { _, err := other.Exec(`INSERT INTO t VALUES (3)`); return err },
		"a rolled-back write then a commit": func() error {
			if err := db.Tx(ctx, func(tx *sql.Tx) error { _, _ = tx.Exec(`INSERT INTO t VALUES (4)`); return sql.ErrTxDone }); err == nil {
				t.Error("the rolled-back write committed")
			}
			_, err := db.Exec(ctx, `UPDATE t SET x = x + 1`)
			return err
		},
	} {
		before := version()
		if err := write(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if version() == before {
			t.Errorf("%s: data_version did not change after a commit", name)
		}
	}
}

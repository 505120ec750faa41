package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
)

// Secret returns the random 32-byte secret called name, made and stored
// the first time it is asked for.
func (s *Store) Secret(ctx context.Context, name string) ([]byte, error) {
	read := func() ([]byte, error) {
		var v []byte
		err := s.db.Read.QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = ?`, name).Scan(&v)
		return v, err
	}
	v, err := read()
	if !errors.Is(err, sql.ErrNoRows) {
		return v, wrapSecret(name, err)
	}
	fresh := make([]byte, 32)
	rand.Read(fresh) // never fails (crypto/rand)
	// Another process may make it at the same moment: the first one stays.
	if _, err := s.db.Exec(ctx, `INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, fresh); err != nil {
		return nil, wrapSecret(name, err)
	}
	v, err = read()
	return v, wrapSecret(name, err)
}

func wrapSecret(name string, err error) error {
	if err != nil {
		return fmt.Errorf("store: secret %s: %w", name, err)
	}
	return nil
}

package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// SessionStorage keeps web sessions in the database; it implements
// fiber.Storage for Fiber's session middleware. Keys are stored as their
// SHA-256, so a copy of the database holds no usable session id.
type SessionStorage struct {
	s   *Store
	now func() time.Time
}

// SessionStorage returns the web-session storage, with now as its clock.
func (s *Store) SessionStorage(now func() time.Time) *SessionStorage {
	return &SessionStorage{s: s, now: now}
}

func sessionKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// Get returns the stored value, or nil for a missing or expired key.
func (st *SessionStorage) Get(key string) ([]byte, error) {
	if key == "" {
		return nil, nil
	}
	var data []byte
	err := st.s.db.Read.QueryRowContext(context.Background(),
		`SELECT data FROM web_sessions WHERE key = ? AND (expires_at = 0 OR expires_at > ?)`,
		sessionKey(key), st.now().Unix()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: get web session: %w", err)
	}
	return data, nil
}

// Set stores val under key for exp (0: no expiry).
func (st *SessionStorage) Set(key string, val []byte, exp time.Duration) error {
	if key == "" || len(val) == 0 {
		return nil
	}
	var expires int64
	if exp > 0 {
		expires = st.now().Add(exp).Unix()
	}
	_, err := st.s.db.ExecRelaxed(context.Background(),
		`INSERT INTO web_sessions (key, data, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
		sessionKey(key), val, expires)
	if err != nil {
		return fmt.Errorf("store: set web session: %w", err)
	}
	return nil
}

// Delete removes key.
func (st *SessionStorage) Delete(key string) error {
	if key == "" {
		return nil
	}
	if _, err := st.s.db.ExecRelaxed(context.Background(), `DELETE FROM web_sessions WHERE key = ?`, sessionKey(key)); err != nil {
		return fmt.Errorf("store: delete web session: %w", err)
	}
	return nil
}

// Reset removes every session.
func (st *SessionStorage) Reset() error {
	if _, err := st.s.db.Exec(context.Background(), `DELETE FROM web_sessions`); err != nil {
		return fmt.Errorf("store: reset web sessions: %w", err)
	}
	return nil
}

// Close does nothing: the database outlives the storage.
func (st *SessionStorage) Close() error { return nil }

// DeleteExpiredSessions removes sessions past their expiry and returns how many.
func (st *SessionStorage) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	res, err := st.s.db.Exec(ctx, `DELETE FROM web_sessions WHERE expires_at > 0 AND expires_at <= ?`, st.now().Unix())
	if err != nil {
		return 0, fmt.Errorf("store: delete expired web sessions: %w", err)
	}
	return res.RowsAffected()
}

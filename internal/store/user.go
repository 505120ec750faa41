package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"confdesk/internal/model"
)

const userColumns = `id, email, name, role, password_hash, active, last_login_at, created_at, updated_at`

func scanUser(row scanner) (model.User, error) {
	var u model.User
	var last, created, updated sql.NullString
	if err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Active, &last, &created, &updated); err != nil {
		return u, err
	}
	return u, parseTimes(timeField{last, &u.LastLoginAt}, timeField{created, &u.CreatedAt}, timeField{updated, &u.UpdatedAt})
}

// CountUsers returns how many organiser accounts exist, active or not.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count users: %w", err)
	}
	return n, nil
}

// UserByEmail returns the account with that e-mail, compared without regard to case.
func (s *Store) UserByEmail(ctx context.Context, email string) (model.User, error) {
	row := s.db.Read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`, strings.TrimSpace(email))
	u, err := scanUser(row)
	if err != nil {
		return u, notFound(err, "user by e-mail")
	}
	return u, nil
}

// CreateUser inserts an account and returns its id.
func (tx *Tx) CreateUser(u model.User) (int64, error) {
	now := ts(u.CreatedAt)
	res, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO users (email, name, role, password_hash, active, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, strings.TrimSpace(u.Email), u.Name, u.Role, u.PasswordHash, u.Active, now, now)
	if err != nil {
		return 0, fmt.Errorf("store: create user %q: %w", u.Email, err)
	}
	return res.LastInsertId()
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"confdesk/internal/model"
)

const userColumns = `id, email, name, role, password_hash, active, last_login_at, created_at, updated_at, session_epoch, totp_secret, totp_last_step`

func scanUser(row scanner) (model.User, error) {
	var u model.User
	var last, created, updated sql.NullString
	if err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Active, &last, &created, &updated, &u.SessionEpoch, &u.TOTPSecret, &u.TOTPLastStep); err != nil {
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
		return 0, fmt.Errorf("store: create user: %w", err) // no address: errors reach the log
	}
	return res.LastInsertId()
}

// User returns the account with id.
func (s *Store) User(ctx context.Context, id int64) (model.User, error) {
	u, err := scanUser(s.db.Read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if err != nil {
		return u, notFound(err, fmt.Sprintf("user %d", id))
	}
	return u, nil
}

// Users returns every account, by e-mail.
func (s *Store) Users(ctx context.Context) ([]model.User, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY email`)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []model.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UpdateUser saves an account's name, role and active flag.
func (tx *Tx) UpdateUser(u model.User, now time.Time) error {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE users SET name = ?, role = ?, active = ?, updated_at = ? WHERE id = ?`,
		u.Name, u.Role, u.Active, ts(now), u.ID)
	if err != nil {
		return fmt.Errorf("store: update user %d: %w", u.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// SetUserPassword replaces an account's password hash.
func (tx *Tx) SetUserPassword(id int64, hash string, now time.Time) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`, hash, ts(now), id); err != nil {
		return fmt.Errorf("store: set password of user %d: %w", id, err)
	}
	return nil
}

// EndUserSessions voids every web session of the account made so far and
// returns the account's new session epoch.
func (tx *Tx) EndUserSessions(id int64) (int64, error) {
	var epoch int64
	err := tx.tx.QueryRowContext(tx.ctx, `UPDATE users SET session_epoch = session_epoch + 1 WHERE id = ? RETURNING session_epoch`, id).Scan(&epoch)
	if err != nil {
		return 0, notFound(err, fmt.Sprintf("end sessions of user %d", id))
	}
	return epoch, nil
}

// CountActiveAdmins returns how many active admin accounts exist, inside the transaction.
func (tx *Tx) CountActiveAdmins() (int, error) {
	var n int
	if err := tx.tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND active = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count admins: %w", err)
	}
	return n, nil
}

// TouchLogin records a successful login.
func (s *Store) TouchLogin(ctx context.Context, id int64, now time.Time) error {
	if _, err := s.db.Exec(ctx, `UPDATE users SET last_login_at = ? WHERE id = ?`, ts(now), id); err != nil {
		return fmt.Errorf("store: touch login of user %d: %w", id, err)
	}
	return nil
}

package store

import (
	"context"
	"fmt"
	"time"
)

// Require2FA reports whether the current conference makes admins and
// organisers log in with a second factor. It is read on its own, not with
// the conference, so that the setting stays apart from the conference's
// other columns.
func (s *Store) Require2FA(ctx context.Context) (bool, error) {
	var on bool
	err := s.db.Read.QueryRowContext(ctx, `SELECT require_2fa FROM conference ORDER BY id LIMIT 1`).Scan(&on)
	if err != nil {
		return false, notFound(err, "require_2fa of the current conference")
	}
	return on, nil
}

// Require2FA is the setting read inside the transaction.
func (tx *Tx) Require2FA(conferenceID int64) (bool, error) {
	var on bool
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT require_2fa FROM conference WHERE id = ?`, conferenceID).Scan(&on)
	if err != nil {
		return false, notFound(err, fmt.Sprintf("require_2fa of conference %d", conferenceID))
	}
	return on, nil
}

// SetRequire2FA turns the conference's two-factor requirement on or off.
func (tx *Tx) SetRequire2FA(conferenceID int64, on bool) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `UPDATE conference SET require_2fa = ? WHERE id = ?`, on, conferenceID); err != nil {
		return fmt.Errorf("store: set require_2fa of conference %d: %w", conferenceID, err)
	}
	return nil
}

// EnableTOTP stores the account's sealed secret, the step of the code that
// confirmed it, and the hashes of its new recovery codes, replacing any old ones.
func (tx *Tx) EnableTOTP(userID int64, sealed string, step int64, codeHashes []string, now time.Time) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `UPDATE users SET totp_secret = ?, totp_last_step = ?, updated_at = ? WHERE id = ?`,
		sealed, step, ts(now), userID); err != nil {
		return fmt.Errorf("store: enable 2FA of user %d: %w", userID, err)
	}
	if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM user_recovery_codes WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("store: replace recovery codes of user %d: %w", userID, err)
	}
	for _, h := range codeHashes {
		if _, err := tx.tx.ExecContext(tx.ctx, `INSERT INTO user_recovery_codes (user_id, code_hash) VALUES (?, ?)`, userID, h); err != nil {
			return fmt.Errorf("store: add recovery code of user %d: %w", userID, err)
		}
	}
	return nil
}

// DisableTOTP removes the account's secret and recovery codes.
func (tx *Tx) DisableTOTP(userID int64, now time.Time) error {
	if _, err := tx.tx.ExecContext(tx.ctx, `UPDATE users SET totp_secret = '', totp_last_step = 0, updated_at = ? WHERE id = ?`,
		ts(now), userID); err != nil {
		return fmt.Errorf("store: disable 2FA of user %d: %w", userID, err)
	}
	if _, err := tx.tx.ExecContext(tx.ctx, `DELETE FROM user_recovery_codes WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("store: delete recovery codes of user %d: %w", userID, err)
	}
	return nil
}

// UseTOTPStep records that a code of step was accepted for the account and
// reports whether it was later than every code accepted before: of two
// requests carrying the same code, only one moves the step, so only one
// passes.
func (tx *Tx) UseTOTPStep(userID, step int64) (bool, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ? AND totp_secret <> ''`,
		step, userID, step)
	if err != nil {
		return false, fmt.Errorf("store: use 2FA step of user %d: %w", userID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// UseRecoveryCode marks the account's unused recovery code with hash as used
// and reports whether there was one.
func (tx *Tx) UseRecoveryCode(userID int64, hash string, now time.Time) (bool, error) {
	res, err := tx.tx.ExecContext(tx.ctx, `UPDATE user_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`,
		ts(now), userID, hash)
	if err != nil {
		return false, fmt.Errorf("store: use recovery code of user %d: %w", userID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RecoveryCodesLeft returns how many unused recovery codes the account has.
func (s *Store) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL`, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: recovery codes of user %d: %w", userID, err)
	}
	return n, nil
}

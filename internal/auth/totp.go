package auth

// Two-factor login with TOTP (RFC 6238).
//
// Codes are the common authenticator-app kind: SHA-1, six digits, a 30 s
// step, computed by github.com/pquerna/otp. A code is accepted for the
// step before and after the current one too (a phone's clock drifts, and
// typing takes time), and only when its step is later than the last one
// accepted for the account (users.totp_last_step, moved in the same write
// that accepts it), so a code seen over a shoulder or in a log cannot be
// used again.
//
// The secret is sealed with AES-256-GCM under a key kept in a file beside
// the database (Sealer), not in it: a copy of the database alone — a
// backup, a file sent for support — does not give away anyone's second
// factor. A key in the `secrets` table would sit in the same file and
// protect nothing. The key file is made on first use; back it up with
// the database (README). Recovery codes are kept as SHA-256 only (80
// random bits each, so a hash cannot be reversed by trying), and work
// without the key.
//
// The half-done login between the password and the code is kept in the
// server's memory (PendingLogins), keyed by a random id in a cookie, not
// in a web session: an unauthenticated step must write nothing to the
// database, a record in memory can be taken back when used (a signed
// cookie cannot), and it expires after PendingLoginAge. A restart forgets
// it, which costs the user their password once more.

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"confdesk/internal/model"
	"confdesk/internal/store"
)

// TOTPPeriod is the length of one code's step.
const TOTPPeriod = 30 * time.Second

// RecoveryCodeCount is how many recovery codes an enrolment gives.
const RecoveryCodeCount = 10

// ErrWrongCode is the answer to a code that is not right now, or was used.
var ErrWrongCode = errors.New("auth: wrong or used code")

var totpOptions = totp.ValidateOpts{Period: uint(TOTPPeriod / time.Second), Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// NewTOTPSecret returns a new random secret in base32 (160 bits, as RFC
// 4226 recommends), as authenticator apps take it.
func NewTOTPSecret() string {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		panic("auth: crypto/rand failed: " + err.Error())
	}
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// TOTPURI is the otpauth:// address an authenticator app reads from the QR code.
func TOTPURI(issuer, account, secret string) string {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: account, Secret: mustBase32(secret),
		Period: totpOptions.Period, Digits: totpOptions.Digits, Algorithm: totpOptions.Algorithm})
	if err != nil {
		return ""
	}
	return key.URL()
}

func mustBase32(s string) []byte {
	b, _ := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
	return b
}

// MatchTOTP returns the time step of code when it is the secret's code for
// the step of now or the one before or after, else false.
func MatchTOTP(secret, code string, now time.Time) (int64, bool) {
	code = normCode(code)
	if len(code) != 6 {
		return 0, false
	}
	step := now.Unix() / int64(TOTPPeriod/time.Second)
	for _, s := range []int64{step - 1, step, step + 1} {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*int64(TOTPPeriod/time.Second), 0), totpOptions)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return s, true
		}
	}
	return 0, false
}

// normCode drops the spaces and hyphens people type inside codes.
func normCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(code)))
}

// NewRecoveryCodes returns RecoveryCodeCount codes to show once
// (XXXX-XXXX-XXXX-XXXX, 80 random bits) and their hashes to store.
func NewRecoveryCodes() (codes, hashes []string) {
	for range RecoveryCodeCount {
		b := make([]byte, 10)
		if _, err := rand.Read(b); err != nil {
			panic("auth: crypto/rand failed: " + err.Error())
		}
		s := base32.StdEncoding.EncodeToString(b)
		codes = append(codes, s[0:4]+"-"+s[4:8]+"-"+s[8:12]+"-"+s[12:16])
		hashes = append(hashes, recoveryHash(s))
	}
	return codes, hashes
}

func recoveryHash(code string) string {
	h := sha256.Sum256([]byte(normCode(code)))
	return hex.EncodeToString(h[:])
}

// Sealer seals TOTP secrets under a key kept outside the database.
type Sealer struct {
	aead cipher.AEAD
}

// LoadSealer reads the key from path, making it (mode 0600) when the file
// does not exist yet.
func LoadSealer(path string) (*Sealer, error) {
	key, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("auth: 2FA key: %w", err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return LoadSealer(path) // made meanwhile by another process
		}
		if err != nil {
			return nil, fmt.Errorf("auth: 2FA key: %w", err)
		}
		_, werr := f.Write(key)
		if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
			return nil, fmt.Errorf("auth: 2FA key: %w", err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("auth: 2FA key: %w", err)
	}
	if len(key) != 32 {
		return nil, fmt.Errorf("auth: 2FA key %s holds %d bytes, want 32", path, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Sealer{aead: aead}, nil
}

// Seal encrypts secret for the account userID (bound to it: a sealed
// secret copied to another account does not open).
func (s *Sealer) Seal(userID int64, secret string) string {
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic("auth: crypto/rand failed: " + err.Error())
	}
	out := s.aead.Seal(nonce, nonce, []byte(secret), []byte(strconv.FormatInt(userID, 10)))
	return base64.RawURLEncoding.EncodeToString(out)
}

// Open decrypts a sealed secret of the account userID.
func (s *Sealer) Open(userID int64, sealed string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(sealed)
	if err != nil || len(b) < s.aead.NonceSize() {
		return "", errors.New("auth: sealed 2FA secret unreadable")
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, b[:n], b[n:], []byte(strconv.FormatInt(userID, 10)))
	if err != nil {
		return "", errors.New("auth: sealed 2FA secret does not open with this key")
	}
	return string(plain), nil
}

// TwoFactor enrols, checks and resets accounts' second factor.
type TwoFactor struct {
	Store  *store.Store
	Sealer *Sealer
}

// Enable confirms an enrolment: code must be the secret's code now. It
// stores the sealed secret and new recovery codes, with an audit line, and
// returns the codes to show once.
func (t TwoFactor) Enable(ctx context.Context, u model.User, secret, code string, now time.Time) ([]string, error) {
	step, ok := MatchTOTP(secret, code, now)
	if !ok {
		return nil, ErrWrongCode
	}
	codes, hashes := NewRecoveryCodes()
	err := t.Store.Update(ctx, func(tx *store.Tx) error {
		if err := tx.EnableTOTP(u.ID, t.Sealer.Seal(u.ID, secret), step, hashes, now); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{UserID: u.ID, Actor: u.Email, Action: "enable_2fa", Entity: "user", EntityID: u.ID, CreatedAt: now})
	})
	return codes, err
}

// Verify checks a second-step code of u: a TOTP code not used before, or
// one of its unused recovery codes, which is then used up. Either way the
// code is spent in the same write that accepts it, so simultaneous
// requests with one code let one through.
func (t TwoFactor) Verify(ctx context.Context, u model.User, code string, now time.Time) error {
	if !u.TwoFactor() {
		return ErrWrongCode
	}
	var ok bool
	err := t.Store.Update(ctx, func(tx *store.Tx) error {
		var err error
		if len(normCode(code)) == 16 {
			ok, err = tx.UseRecoveryCode(u.ID, recoveryHash(code), now)
			if ok && err == nil {
				err = tx.Audit(model.AuditEntry{UserID: u.ID, Actor: u.Email, Action: "use_recovery_code", Entity: "user", EntityID: u.ID, CreatedAt: now})
			}
			return err
		}
		secret, err := t.Sealer.Open(u.ID, u.TOTPSecret)
		if err != nil {
			return err
		}
		step, match := MatchTOTP(secret, code, now)
		if !match {
			return nil
		}
		ok, err = tx.UseTOTPStep(u.ID, step)
		return err
	})
	if err != nil {
		return err
	}
	if !ok {
		return ErrWrongCode
	}
	return nil
}

// Disable turns off the second factor of u, who proved it with their
// password and a code (checked by the caller with Verify).
func (t TwoFactor) Disable(ctx context.Context, u model.User, now time.Time) error {
	return t.Store.Update(ctx, func(tx *store.Tx) error {
		if err := tx.DisableTOTP(u.ID, now); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{UserID: u.ID, Actor: u.Email, Action: "disable_2fa", Entity: "user", EntityID: u.ID, CreatedAt: now})
	})
}

// Reset turns off target's second factor on an admin's word (a lost phone)
// and ends every session of target, so whoever holds one must log in
// again, and enrol again where 2FA is required.
func (t TwoFactor) Reset(ctx context.Context, actor, target model.User, now time.Time) error {
	return t.Store.Update(ctx, func(tx *store.Tx) error {
		if err := tx.DisableTOTP(target.ID, now); err != nil {
			return err
		}
		if _, err := tx.EndUserSessions(target.ID); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{UserID: actor.ID, Actor: actor.Email, Action: "reset_2fa", Entity: "user", EntityID: target.ID, CreatedAt: now})
	})
}

// Required reports whether role must use a second factor when the
// conference requires it: admins and organisers, who read passports.
// Check-in and press accounts may enrol but need not.
func Required(role string) bool { return Allowed(role, Organisers) }

// PendingLoginAge is how long the second step waits after the password.
const PendingLoginAge = 5 * time.Minute

// PendingLoginMaxFailures is how many wrong codes one pending login takes
// before it is dropped and the password must be typed again.
const PendingLoginMaxFailures = 5

// PendingLoginsPerUser is how many pending logins one account may have at
// once; a new one pushes out the oldest.
const PendingLoginsPerUser = 5

// PendingLogin is a login whose password was right and whose code is due.
type PendingLogin struct {
	UserID  int64
	Epoch   int64 // the account's session epoch at the password step
	Email   string
	Next    string
	expires time.Time
	fails   int
}

// PendingLogins holds half-done logins in memory, keyed by a random id.
type PendingLogins struct {
	Now func() time.Time

	mu   sync.Mutex
	byID map[string]*PendingLogin
}

// NewPendingLogins returns an empty store of pending logins.
func NewPendingLogins(now func() time.Time) *PendingLogins {
	return &PendingLogins{Now: now, byID: map[string]*PendingLogin{}}
}

// Start records p and returns its id for the browser's cookie.
func (ps *PendingLogins) Start(p PendingLogin) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("auth: crypto/rand failed: " + err.Error())
	}
	id := base64.RawURLEncoding.EncodeToString(b)
	ps.mu.Lock()
	defer ps.mu.Unlock()
	now := ps.Now()
	// Few entries: only right passwords make one. Whoever knows one
	// password may still make them without end, so an account keeps only
	// its PendingLoginsPerUser newest.
	var mine []string
	for k, v := range ps.byID {
		switch {
		case !now.Before(v.expires):
			delete(ps.byID, k)
		case v.UserID == p.UserID:
			mine = append(mine, k)
		}
	}
	for len(mine) >= PendingLoginsPerUser {
		oldest := 0
		for i, k := range mine {
			if ps.byID[k].expires.Before(ps.byID[mine[oldest]].expires) {
				oldest = i
			}
		}
		delete(ps.byID, mine[oldest])
		mine = append(mine[:oldest], mine[oldest+1:]...)
	}
	p.expires = now.Add(PendingLoginAge)
	ps.byID[id] = &p
	return id
}

// Get returns the pending login id, or false when it is unknown or expired.
func (ps *PendingLogins) Get(id string) (PendingLogin, bool) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	p, ok := ps.byID[id]
	if !ok || !ps.Now().Before(p.expires) {
		delete(ps.byID, id)
		return PendingLogin{}, false
	}
	return *p, true
}

// Fail counts a wrong code against id and reports whether the pending
// login is still there; past PendingLoginMaxFailures it is dropped.
func (ps *PendingLogins) Fail(id string) bool {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	p, ok := ps.byID[id]
	if !ok {
		return false
	}
	if p.fails++; p.fails >= PendingLoginMaxFailures {
		delete(ps.byID, id)
		return false
	}
	return true
}

// Finish removes id, used once.
func (ps *PendingLogins) Finish(id string) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	delete(ps.byID, id)
}

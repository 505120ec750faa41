// Package auth holds the rules for organiser accounts: password hashing,
// generated passwords, roles and the first admin.
package auth

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// BcryptCost is the work factor for stored passwords: at least 12 (4,096
// rounds), since these accounts see passport details and a stolen copy of
// the database must make each guess slow.
const BcryptCost = 12

// hashCost is the cost passwords are hashed with: BcryptCost, except in a
// test binary, where bcrypt's least cost keeps the tests that set
// passwords fast (one hash at cost 12 takes seconds under the race
// detector) without changing what they check. testing.Testing is false in
// every binary but a test's, so no flag or setting can lower the real
// server's cost; internal/proof checks that the real binary's hashes carry
// BcryptCost.
func hashCost() int {
	if testing.Testing() {
		return bcrypt.MinCost
	}
	return BcryptCost
}

// MinPasswordLength is the shortest password an account may have.
const MinPasswordLength = 12

// ErrWeakPassword is returned for a password shorter than MinPasswordLength.
var ErrWeakPassword = fmt.Errorf("auth: a password needs at least %d characters", MinPasswordLength)

// HashPassword returns the bcrypt hash of password.
func HashPassword(password string) (string, error) {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return "", ErrWeakPassword
	}
	if len(password) > 72 {
		// bcrypt reads only the first 72 bytes; refuse rather than silently truncate.
		return "", errors.New("auth: a password may have at most 72 bytes")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), hashCost())
	if err != nil {
		return "", fmt.Errorf("auth: hash password: %w", err)
	}
	return string(h), nil
}

// CheckPassword reports whether password matches hash.
func CheckPassword(hash, password string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// passwordAlphabet avoids look-alike characters, since generated passwords are read off a screen.
const passwordAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random 20-character password (about 115 bits).
func GeneratePassword() string {
	var b strings.Builder
	for range 20 {
		b.WriteByte(passwordAlphabet[randIndex(len(passwordAlphabet))])
	}
	return b.String()
}

// randIndex returns a uniform random number in [0, n) from crypto/rand.
func randIndex(n int) int {
	var buf [1]byte
	limit := 256 - 256%n // reject the bias-causing tail
	for {
		if _, err := rand.Read(buf[:]); err != nil {
			panic("auth: crypto/rand failed: " + err.Error())
		}
		if int(buf[0]) < limit {
			return int(buf[0]) % n
		}
	}
}

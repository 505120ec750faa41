package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// DeviceCookieAge is how long a browser stays known to an account after
// its last successful login there.
const DeviceCookieAge = 180 * 24 * time.Hour

// DeviceCookies signs and checks device cookies (OWASP's "Slow Down Online
// Guessing Attacks with Device Cookies"): after a successful login the
// browser gets a cookie naming the account, signed with Key, and a browser
// that shows one is not held to the account-wide limit that strangers share.
// Each account has its own cookie, so a shared desk computer can be known
// to several accounts; the cookie's name and value are HMACs, so neither
// reveals the e-mail address.
type DeviceCookies struct {
	Key []byte
}

func (d DeviceCookies) mac(parts ...string) []byte {
	m := hmac.New(sha256.New, d.Key)
	m.Write([]byte(strings.Join(parts, "\x00")))
	return m.Sum(nil)
}

func normEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// Name is the cookie's name for the account email.
func (d DeviceCookies) Name(email string) string {
	return "confdesk_device_" + hex.EncodeToString(d.mac("name", normEmail(email))[:8])
}

// Issue returns a new cookie value for the account email.
func (d DeviceCookies) Issue(email string) string {
	var nonce [16]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		panic("auth: crypto/rand failed: " + err.Error())
	}
	n := base64.RawURLEncoding.EncodeToString(nonce[:])
	return n + "." + base64.RawURLEncoding.EncodeToString(d.mac("device", normEmail(email), n))
}

// Verify returns the device's id (its nonce) when value is a cookie this
// server issued for the account email, else "".
func (d DeviceCookies) Verify(email, value string) string {
	n, sig, ok := strings.Cut(value, ".")
	if !ok || n == "" {
		return ""
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, d.mac("device", normEmail(email), n)) {
		return ""
	}
	return n
}

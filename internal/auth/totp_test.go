package auth

import (
	"encoding/base32"
	"path/filepath"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TestTOTPRFC6238Vectors checks the code library against RFC 6238's
// appendix B, for each of its hash functions, and MatchTOTP on the
// six-digit codes authenticator apps show.
func TestTOTPRFC6238Vectors(t *testing.T) {
	enc := base32.StdEncoding.WithPadding(base32.NoPadding)
	seeds := map[otp.Algorithm]string{
		otp.AlgorithmSHA1:   enc.EncodeToString([]byte("12345678901234567890")),
		otp.AlgorithmSHA256: enc.EncodeToString([]byte("12345678901234567890123456789012")),
		otp.AlgorithmSHA512: enc.EncodeToString([]byte("1234567890123456789012345678901234567890123456789012345678901234")),
	}
	vectors := []struct {
		unix int64
		alg  otp.Algorithm
		code string
	}{
		{59, otp.AlgorithmSHA1, "94287082"}, {59, otp.AlgorithmSHA256, "46119246"}, {59, otp.AlgorithmSHA512, "90693936"},
		{1111111109, otp.AlgorithmSHA1, "07081804"}, {1111111109, otp.AlgorithmSHA256, "68084774"}, {1111111109, otp.AlgorithmSHA512, "25091201"},
		{1111111111, otp.AlgorithmSHA1, "14050471"}, {1111111111, otp.AlgorithmSHA256, "67062674"}, {1111111111, otp.AlgorithmSHA512, "99943326"},
		{1234567890, otp.AlgorithmSHA1, "89005924"}, {1234567890, otp.AlgorithmSHA256, "91819424"}, {1234567890, otp.AlgorithmSHA512, "93441116"},
		{2000000000, otp.AlgorithmSHA1, "69279037"}, {2000000000, otp.AlgorithmSHA256, "90698825"}, {2000000000, otp.AlgorithmSHA512, "38618901"},
		{20000000000, otp.AlgorithmSHA1, "65353130"}, {20000000000, otp.AlgorithmSHA256, "77737706"}, {20000000000, otp.AlgorithmSHA512, "47863826"},
	}
	for _, v := range vectors {
		got, err := totp.GenerateCodeCustom(seeds[v.alg], time.Unix(v.unix, 0).UTC(),
			totp.ValidateOpts{Period: 30, Digits: otp.DigitsEight, Algorithm: v.alg})
		if err != nil || got != v.code {
			t.Errorf("T=%d %s: %q (%v), want %q", v.unix, v.alg, got, err, v.code)
		}
	}
	// The six-digit code is the eight-digit one's last six digits.
	secret := seeds[otp.AlgorithmSHA1]
	if step, ok := MatchTOTP(secret, "287 082", time.Unix(59, 0)); !ok || step != 1 {
		t.Errorf("MatchTOTP at T=59: step %d, %v; want step 1", step, ok)
	}
	if step, ok := MatchTOTP(secret, "005924", time.Unix(1234567890+30, 0)); !ok || step != 1234567890/30 {
		t.Errorf("the previous step's code: step %d, %v", step, ok)
	}
	if _, ok := MatchTOTP(secret, "005924", time.Unix(1234567890+90, 0)); ok {
		t.Error("a code three steps old was accepted")
	}
}

// TestSealerBindsAccount checks that a sealed secret opens only for its
// account and only with its key.
func TestSealerBindsAccount(t *testing.T) {
	dir := t.TempDir()
	s, err := LoadSealer(filepath.Join(dir, "totp.key"))
	if err != nil {
		t.Fatal(err)
	}
	sealed := s.Seal(7, "JBSWY3DPEHPK3PXP")
	if got, err := s.Open(7, sealed); err != nil || got != "JBSWY3DPEHPK3PXP" {
		t.Fatalf("Open: %q, %v", got, err)
	}
	if _, err := s.Open(8, sealed); err == nil {
		t.Error("a secret sealed for account 7 opened for account 8")
	}
	again, err := LoadSealer(filepath.Join(dir, "totp.key"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := again.Open(7, sealed); err != nil {
		t.Errorf("the key file read back does not open: %v", err)
	}
	other, err := LoadSealer(filepath.Join(t.TempDir(), "totp.key"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Open(7, sealed); err == nil {
		t.Error("another key opened the secret")
	}
}

// TestPendingLoginsBounded starts more pending logins for one account than
// it may hold: the oldest go, the newest stay, another account's stay, and
// an expired one is gone.
func TestPendingLoginsBounded(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	ps := NewPendingLogins(func() time.Time { return now })
	other := ps.Start(PendingLogin{UserID: 2})
	var ids []string
	for range PendingLoginsPerUser + 3 {
		now = now.Add(time.Second)
		ids = append(ids, ps.Start(PendingLogin{UserID: 1}))
	}
	for i, id := range ids {
		_, ok := ps.Get(id)
		if want := i >= 3; ok != want {
			t.Errorf("pending login %d kept: %v, want %v", i, ok, want)
		}
	}
	if _, ok := ps.Get(other); !ok {
		t.Error("another account's pending login was pushed out")
	}
	now = now.Add(PendingLoginAge)
	if _, ok := ps.Get(ids[len(ids)-1]); ok {
		t.Error("an expired pending login was found")
	}
}

package registration

import (
	"regexp"
	"testing"
)

func TestCodes(t *testing.T) {
	ref := regexp.MustCompile(`^CTC-[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$`)
	seen := map[string]bool{}
	for range 2000 {
		r := NewReference()
		if !ref.MatchString(r) {
			t.Fatalf("reference %q has the wrong shape", r)
		}
		seen[r] = true
		if c := NewCheckinCode(); len(c) != 16 {
			t.Fatalf("check-in code %q", c)
		}
		if tok := NewManageToken(); len(tok) != 43 {
			t.Fatalf("token %q: want 43 characters (256 bits)", tok)
		}
	}
	if len(seen) < 1990 {
		t.Errorf("only %d distinct references in 2000", len(seen))
	}
	if a, b := HashToken("x"), HashToken("x"); string(a) != string(b) || len(a) != 32 {
		t.Error("HashToken is not a stable SHA-256")
	}
}

func TestNormaliseReference(t *testing.T) {
	for in, want := range map[string]string{
		"CTC-ABC234": "CTC-ABC234", "ctc-abc234": "CTC-ABC234", " ctc abc 234 ": "CTC-ABC234", "abc234": "CTC-ABC234",
		"CTC-ABC23": "", "CTC-ABC2340": "", "CTC-OIL234": "", "": "", "CTC-ABC23!": "",
	} {
		if got := NormaliseReference(in); got != want {
			t.Errorf("NormaliseReference(%q) = %q, want %q", in, got, want)
		}
	}
}

package plural

import "testing"

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 letters"}, {1, "1 letter"}, {2, "2 letters"}, {22, "22 letters"}} {
		if got := Count(tc.n, "letter", "letters"); got != tc.want {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

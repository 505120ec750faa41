package registration_test

import (
	"testing"

	"confdesk/internal/registration"
)

func TestNormaliseLetterCode(t *testing.T) {
	const code = "7K2M9QXP4T8V1BC0"
	for _, typed := range []string{code, "7K2M-9QXP-4T8V-1BC0", "7k2m-9qxp-4t8v-1bco", " 7K2M 9QXP 4T8V IBCO ", "7k2m9qxp4t8vlbc0"} {
		if got, ok := registration.NormaliseLetterCode(typed); !ok || got != code {
			t.Errorf("%q: %q, %v", typed, got, ok)
		}
	}
	for _, typed := range []string{"", "7K2M-9QXP-4T8V-1BC", "7K2M-9QXP-4T8V-1BC00", "7K2M-9QXP-4T8V-1BCU", "7K2M-9QXP-4T8V-1BCé", "../../etc/passwd"} {
		if got, ok := registration.NormaliseLetterCode(typed); ok {
			t.Errorf("%q accepted as %q", typed, got)
		}
	}
	if g := registration.GroupLetterCode(code); g != "7K2M-9QXP-4T8V-1BC0" {
		t.Errorf("grouped: %q", g)
	}
}

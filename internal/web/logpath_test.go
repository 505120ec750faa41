package web

import "testing"

func TestRedactPath(t *testing.T) {
	for in, want := range map[string]string{
		"/registration/arZJKC9qtyzlnUNjceF3S7rGggZFecWgGX6igkaV9Rk/nope":                 "/registration/:redacted/nope",
		"/calendar/6ab649282f6ab72ce59d436371e1774bbac682064579c5a0197ea2824695f519.ics": "/calendar/:redacted",
		"/s/123e4567-e89b-12d3-a456-426614174000":                                        "/s/:redacted",
		"/x/abcdefghijklmnopqrstuvwxyz":                                                  "/x/:redacted",
		"/press/releases/regional-cooperation-2027-summit":                               "/press/releases/regional-cooperation-2027-summit",
		"/admin/registrations/1234/badge.pdf":                                            "/admin/registrations/1234/badge.pdf",
		"/registration/CTC-ABC234?token=x":                                               "/registration/CTC-ABC234",
		"/assets/app.css":                                                                "/assets/app.css",
	} {
		if got := redactPath(in); got != want {
			t.Errorf("redactPath(%q) = %q, want %q", in, got, want)
		}
	}
}

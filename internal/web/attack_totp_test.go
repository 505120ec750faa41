package web_test

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/pquerna/otp/totp"

	"confdesk/internal/model"
	"confdesk/internal/pdftest"
	"confdesk/internal/webtest"
)

const twoFactorPath = "/admin/account/2fa"

// enrolTOTP sets up two-factor login for the signed-in client through the
// enrolment page and returns the secret and the recovery codes shown.
func enrolTOTP(t *testing.T, env *webtest.Env, c *webtest.Client) (string, []string) {
	t.Helper()
	page := c.Get(twoFactorPath)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", twoFactorPath, page.StatusCode)
	}
	secret := strings.TrimSpace(page.Doc().Find("#totp-secret").Text())
	if secret == "" {
		t.Fatal("no #totp-secret on the enrolment page")
	}
	if d, _ := page.Doc().Find("svg.totp-qr path").Attr("d"); !strings.HasPrefix(d, "M") {
		t.Fatal("no QR code drawn on the enrolment page")
	}
	form := webtest.FormValues(t, page, twoFactorPath)
	form.Set("code", "000000")
	if res := c.PostForm(twoFactorPath, form); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a wrong first code: %d, want 422", res.StatusCode)
	}
	form.Set("code", code(t, secret, env.Clock.Now()))
	res := c.PostForm(twoFactorPath, form)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("confirming enrolment: %d", res.StatusCode)
	}
	var codes []string
	res.Doc().Find(".recovery-code").Each(func(_ int, s *goquery.Selection) { codes = append(codes, strings.TrimSpace(s.Text())) })
	return secret, codes
}

func code(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCode(secret, at)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// passwordStep logs in as email with the password and expects the second step.
func passwordStep(t *testing.T, env *webtest.Env, email string) *webtest.Client {
	t.Helper()
	c := env.Client()
	res := c.Submit("/admin/login", "/admin/login", url.Values{"email": {email}, "password": {webtest.TestPassword}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/login/2fa" {
		t.Fatalf("password step: %d to %q, want 303 to /admin/login/2fa", res.StatusCode, res.Header.Get("Location"))
	}
	return c
}

// secondStep posts code to the second step.
func secondStep(t *testing.T, c *webtest.Client, code string) *webtest.Response {
	t.Helper()
	return c.Submit("/admin/login/2fa", "/admin/login/2fa", url.Values{"code": {code}})
}

// TestTwoFactorEnrolAndLogin enrols an organiser and logs in with a code:
// the password alone opens nothing and makes no web session; the secret
// and recovery codes are not in the database as they were shown.
func TestTwoFactorEnrolAndLogin(t *testing.T) {
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	secret, codes := enrolTOTP(t, env, org)
	if len(codes) != 10 {
		t.Fatalf("%d recovery codes shown, want 10", len(codes))
	}
	seen := map[string]bool{}
	for _, rc := range codes {
		if seen[rc] {
			t.Errorf("recovery code %q shown twice", rc)
		}
		seen[rc] = true
		if n := count(t, env, `SELECT count(*) FROM user_recovery_codes WHERE code_hash LIKE ?`, "%"+strings.ReplaceAll(rc, "-", "")+"%"); n != 0 {
			t.Errorf("recovery code %q stored as it was shown", rc)
		}
	}
	if n := count(t, env, `SELECT count(*) FROM users WHERE totp_secret LIKE ?`, "%"+secret+"%"); n != 0 {
		t.Error("the TOTP secret is stored in the clear")
	}
	if n := count(t, env, `SELECT count(*) FROM users WHERE email = 'organiser@example.org' AND totp_secret <> ''`); n != 1 {
		t.Fatal("2FA not stored for the organiser")
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'enable_2fa'`); n != 1 {
		t.Errorf("%d audit lines for the enrolment, want 1", n)
	}

	sessions := count(t, env, `SELECT count(*) FROM web_sessions`)
	c := passwordStep(t, env, "organiser@example.org")
	if n := count(t, env, `SELECT count(*) FROM web_sessions`); n != sessions {
		t.Errorf("the password step made %d web sessions", n-sessions)
	}
	if res := c.Get("/admin"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Fatalf("after the password alone /admin answered %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res := secondStep(t, c, "12345"); res.StatusCode != http.StatusUnprocessableEntity && res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a malformed code: %d", res.StatusCode)
	}
	env.Clock.Advance(30 * time.Second) // the enrolment used this step's code
	res := secondStep(t, c, code(t, secret, env.Clock.Now()))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin" {
		t.Fatalf("second step: %d to %q, want 303 to /admin", res.StatusCode, res.Header.Get("Location"))
	}
	if res := c.Get("/admin/registrations"); res.StatusCode != http.StatusOK {
		t.Errorf("after both steps /admin/registrations answered %d", res.StatusCode)
	}
	// The pending login is used up.
	if res := c.Get("/admin/login/2fa"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the second step's page after logging in: %d, want 303 back to the password", res.StatusCode)
	}
}

// TestTwoFactorReplayRefused uses one code twice, then from simultaneous
// logins: it lets exactly one through.
func TestTwoFactorReplayRefused(t *testing.T) {
	env := webtest.New(t)
	secret, _ := enrolTOTP(t, env, env.Login(model.UserAdmin))
	env.Clock.Advance(30 * time.Second)
	now := code(t, secret, env.Clock.Now())
	if res := secondStep(t, passwordStep(t, env, "admin@example.org"), now); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first use: %d", res.StatusCode)
	}
	if res := secondStep(t, passwordStep(t, env, "admin@example.org"), now); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("the same code again: %d, want 401", res.StatusCode)
	}
	// The previous step's code is within the window but older than the
	// one used: refused too.
	if res := secondStep(t, passwordStep(t, env, "admin@example.org"), code(t, secret, env.Clock.Now().Add(-30*time.Second))); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("an older code in the window: %d, want 401", res.StatusCode)
	}
	for round := range 5 {
		env.Clock.Advance(30 * time.Second)
		c := code(t, secret, env.Clock.Now())
		const n = 3 // under the per-address limit, so that every request is checked
		clients := make([]*webtest.Client, n)
		for i := range clients {
			clients[i] = passwordStep(t, env, "admin@example.org")
		}
		statuses := make([]int, n)
		var wg sync.WaitGroup
		for i, cl := range clients {
			wg.Go(func() { statuses[i] = secondStep(t, cl, c).StatusCode })
		}
		wg.Wait()
		ok := 0
		for _, s := range statuses {
			if s == http.StatusSeeOther {
				ok++
			}
		}
		if ok != 1 {
			t.Fatalf("round %d: one code let %d simultaneous logins in (%v), want 1", round, ok, statuses)
		}
		// The failures count toward the address limit; a success of the
		// owner does not clear them, so start each round from a fresh window.
		env.Clock.Advance(16 * time.Minute)
	}
}

// TestTwoFactorRecoveryCodeSingleUse logs in with a recovery code, then
// tries it again.
func TestTwoFactorRecoveryCodeSingleUse(t *testing.T) {
	env := webtest.New(t)
	_, codes := enrolTOTP(t, env, env.Login(model.UserOrganiser))
	if res := secondStep(t, passwordStep(t, env, "organiser@example.org"), strings.ToLower(codes[0])); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a recovery code (typed in lower case): %d", res.StatusCode)
	}
	if res := secondStep(t, passwordStep(t, env, "organiser@example.org"), codes[0]); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("the same recovery code again: %d, want 401", res.StatusCode)
	}
	if res := secondStep(t, passwordStep(t, env, "organiser@example.org"), codes[1]); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("another recovery code: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM user_recovery_codes WHERE used_at IS NULL`); n != 8 {
		t.Errorf("%d unused recovery codes, want 8", n)
	}
}

// TestTwoFactorFailuresCountTowardLoginLimit sends wrong codes from one
// address: they use up its login attempts as wrong passwords do.
func TestTwoFactorFailuresCountTowardLoginLimit(t *testing.T) {
	env := webtest.New(t)
	enrolTOTP(t, env, env.Login(model.UserOrganiser))
	c := passwordStep(t, env, "organiser@example.org")
	for i := range 4 {
		if res := secondStep(t, c, "000000"); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong code %d: %d, want 401", i+1, res.StatusCode)
		}
	}
	// The fifth wrong code drops the pending login: back to the password.
	if res := secondStep(t, c, "000000"); res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.Body, "Log in again") {
		t.Fatalf("fifth wrong code: %d", res.StatusCode)
	}
	if res := c.Get("/admin/login/2fa"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the pending login survived five wrong codes: %d", res.StatusCode)
	}
	res := env.Client().Submit("/admin/login", "/admin/login", url.Values{"email": {"organiser@example.org"}, "password": {webtest.TestPassword}})
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("a right password after five wrong codes from the address: %d, want 429", res.StatusCode)
	}
}

// TestRequire2FAEnforced turns require_2fa on: an organiser without 2FA is
// sent to enrolment after the password and every console route sends them
// there; a check-in account is not; after enrolling, the console opens.
func TestRequire2FAEnforced(t *testing.T) {
	env := webtest.New(t, webtest.WithRequire2FA())
	env.CreateUser(model.UserOrganiser)
	c := env.Client()
	res := c.Submit("/admin/login", "/admin/login", url.Values{"email": {"organiser@example.org"}, "password": {webtest.TestPassword}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != twoFactorPath {
		t.Fatalf("login without 2FA: %d to %q, want 303 to enrolment", res.StatusCode, res.Header.Get("Location"))
	}
	token := webtest.FormToken(t, c.Get(twoFactorPath), twoFactorPath)
	for _, r := range env.Server.AdminRoutes() {
		if r.Path == twoFactorPath {
			continue
		}
		path := strings.ReplaceAll(strings.ReplaceAll(r.Path, ":id", "1"), ":kind", "x")
		var res *webtest.Response
		if r.Method == http.MethodGet {
			res = c.Get(path)
		} else {
			res = c.PostForm(path, url.Values{"_csrf": {token}})
		}
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != twoFactorPath {
			t.Errorf("%s %s before enrolment: %d to %q, want 303 to enrolment", r.Method, r.Path, res.StatusCode, res.Header.Get("Location"))
		}
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE actor = 'organiser@example.org'`); n != 0 {
		t.Errorf("the organiser without 2FA did %d audited things", n)
	}
	// Check-in staff need not enrol.
	if res := env.Login(model.UserCheckin).Get("/admin/checkin"); res.StatusCode != http.StatusOK {
		t.Errorf("check-in account with require_2fa: %d", res.StatusCode)
	}
	enrolTOTP(t, env, c)
	if res := c.Get("/admin/registrations"); res.StatusCode != http.StatusOK {
		t.Errorf("after enrolment: %d", res.StatusCode)
	}
}

// TestRequire2FASetting checks the defaults (on in a new conference, off
// in the demo, whose dashboard says so) and the settings switch.
func TestRequire2FASetting(t *testing.T) {
	env := webtest.New(t)
	admin := env.Login(model.UserAdmin)
	if res := admin.Get("/admin"); res.Doc().Find(`[data-testid="require-2fa-off"] a[href="/admin/settings#require_2fa"]`).Length() != 1 {
		t.Error("the dashboard does not say that 2FA is not required, with a link to the setting")
	}
	form := webtest.FormValues(t, admin.Get("/admin/settings"), "/admin/settings")
	if form.Get("require_2fa") != "" {
		t.Fatal("the settings form shows require_2fa on in a conference where it is off")
	}
	form.Set("require_2fa", "on")
	form.Set("_csrf", admin.AdminToken())
	if res := admin.PostForm("/admin/settings", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving settings: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE entity = 'conference' AND changes LIKE '%require_2fa%'`); n != 1 {
		t.Errorf("%d audit lines for require_2fa, want 1", n)
	}
	// The admin without 2FA is now sent to enrolment.
	if res := admin.Get("/admin"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != twoFactorPath {
		t.Errorf("after turning it on: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}

	// The seeds' own defaults, before the harness sets the switch.
	for _, tc := range []struct {
		opts []webtest.Option
		want int
	}{{nil, 0}, {[]webtest.Option{webtest.WithoutDemo()}, 1}} {
		e := webtest.New(t, append(tc.opts, webtest.WithSeedDefaults())...)
		if n := count(t, e, `SELECT require_2fa FROM conference`); n != tc.want {
			t.Errorf("seeded require_2fa = %d, want %d (demo: %v)", n, tc.want, tc.opts == nil)
		}
	}
}

// TestAdminResetsTwoFactor resets an organiser's 2FA: audited, their
// sessions end, their codes are gone, and they log in with the password.
func TestAdminResetsTwoFactor(t *testing.T) {
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	enrolTOTP(t, env, org)
	u, err := env.Store.UserByEmail(t.Context(), "organiser@example.org")
	if err != nil {
		t.Fatal(err)
	}
	admin := env.Login(model.UserAdmin)
	if res := org.PostAdmin("/admin/users/1/2fa/reset", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("an organiser resetting 2FA: %d, want 403", res.StatusCode)
	}
	path := "/admin/users/" + itoa64(u.ID) + "/2fa/reset"
	if res := admin.PostAdmin(path, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset: %d", res.StatusCode)
	}
	if res := org.Get("/admin"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Errorf("the organiser's session after the reset: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if n := count(t, env, `SELECT count(*) FROM audit_log WHERE action = 'reset_2fa' AND entity_id = ? AND actor = 'admin@example.org'`, u.ID); n != 1 {
		t.Errorf("%d audit lines for the reset, want 1", n)
	}
	if n := count(t, env, `SELECT count(*) FROM user_recovery_codes WHERE user_id = ?`, u.ID); n != 0 {
		t.Errorf("%d recovery codes left after the reset", n)
	}
	res := env.Client().Submit("/admin/login", "/admin/login", url.Values{"email": {u.Email}, "password": {webtest.TestPassword}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin" {
		t.Errorf("login after the reset: %d to %q, want the console with the password alone", res.StatusCode, res.Header.Get("Location"))
	}
}

// TestTwoFactorDisable turns 2FA off with the password and a code.
func TestTwoFactorDisable(t *testing.T) {
	env := webtest.New(t)
	org := env.Login(model.UserOrganiser)
	secret, _ := enrolTOTP(t, env, org)
	env.Clock.Advance(30 * time.Second)
	res := org.Submit(twoFactorPath, "/admin/account/2fa/disable", url.Values{"password": {"wrong password"}, "code": {code(t, secret, env.Clock.Now())}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("disable with a wrong password: %d, want 422", res.StatusCode)
	}
	res = org.Submit(twoFactorPath, "/admin/account/2fa/disable", url.Values{"password": {webtest.TestPassword}, "code": {"000000"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("disable with a wrong code: %d, want 422", res.StatusCode)
	}
	res = org.Submit(twoFactorPath, "/admin/account/2fa/disable", url.Values{"password": {webtest.TestPassword}, "code": {code(t, secret, env.Clock.Now())}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", res.StatusCode)
	}
	if n := count(t, env, `SELECT count(*) FROM users WHERE totp_secret <> ''`); n != 0 {
		t.Error("2FA still stored after disabling")
	}
}

// TestTwoFactorQRCodeDecodes draws the enrolment page's SVG QR code into a
// PNG and reads it with zbar: it holds the otpauth address of the secret
// shown beside it.
func TestTwoFactorQRCodeDecodes(t *testing.T) {
	zbar := pdftest.Require(t, "zbarimg", "zbar-tools")
	env := webtest.New(t)
	page := env.Login(model.UserOrganiser).Get(twoFactorPath)
	secret := page.Doc().Find("#totp-secret").Text()
	d, _ := page.Doc().Find("svg.totp-qr path").Attr("d")
	box, _ := page.Doc().Find("svg.totp-qr").Attr("viewBox")
	var size int
	if _, err := fmt.Sscanf(box, "0 0 %d", &size); err != nil {
		t.Fatalf("viewBox %q: %v", box, err)
	}
	const px = 6
	img := image.NewGray(image.Rect(0, 0, size*px, size*px))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for _, m := range regexp.MustCompile(`M(\d+) (\d+)h1v1h-1z`).FindAllStringSubmatch(d, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		draw.Draw(img, image.Rect(x*px, y*px, (x+1)*px, (y+1)*px), image.Black, image.Point{}, draw.Src)
	}
	file := filepath.Join(t.TempDir(), "qr.png")
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(zbar, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", file).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	u, err := url.Parse(strings.TrimSpace(string(out)))
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" || u.Query().Get("secret") != secret {
		t.Fatalf("the QR code holds %q, want otpauth://totp/… with secret %s", out, secret)
	}
	if !strings.Contains(u.Path, "organiser@example.org") {
		t.Errorf("the QR code's account is %q", u.Path)
	}
}

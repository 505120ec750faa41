package web_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/web"
	"confdesk/internal/webtest"
)

// rawPost sends a POST to path whose headers announce length bytes but
// whose body is one byte, over an in-memory connection as a browser's
// would be, and returns the status. The server must answer from the
// headers alone: were it to wait for the body, the deadline (a guard
// against a hung test, not a measurement) would fail the test.
func rawPost(t *testing.T, env *webtest.Env, path string, length int, cookies ...*http.Cookie) int {
	t.Helper()
	return rawPostSending(t, env, path, length, 1, cookies...)
}

// rawPostSending is rawPost sending sent bytes of the body: all of it where
// the server is expected to read the body, which it would otherwise await
// until its read timeout.
func rawPostSending(t *testing.T, env *webtest.Env, path string, length, sent int, cookies ...*http.Cookie) int {
	t.Helper()
	server, client := net.Pipe()
	served := make(chan error, 1)
	go func() { served <- env.App.Server().ServeConn(server) }()
	defer func() {
		client.Close()
		<-served
	}()
	client.SetDeadline(time.Now().Add(time.Minute))
	var head bytes.Buffer
	fmt.Fprintf(&head, "POST %s HTTP/1.1\r\nHost: confdesk.test\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: %d\r\n", path, length)
	for _, c := range cookies {
		fmt.Fprintf(&head, "Cookie: %s=%s\r\n", c.Name, c.Value)
	}
	head.WriteString("\r\n")
	head.Write(bytes.Repeat([]byte("x"), sent))
	go client.Write(head.Bytes())
	res, err := http.ReadResponse(bufio.NewReader(client), nil)
	if err != nil {
		t.Fatalf("POST %s announcing %d bytes: %v", path, length, err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

// Every route but the press room's takes a small body;
// a larger announced body is refused with 413 from the headers alone,
// unless the request carries the session of press staff, who may upload.
func TestAttackAnnouncedBodyRefused(t *testing.T) {
	env := webtest.New(t)
	const announced = 27_262_976 // 26 MiB + 1 MiB, as in the attack
	for _, path := range []string{"/register", "/press/accreditation", "/admin/login", "/admin/press/files"} {
		if code := rawPost(t, env, path, announced); code != http.StatusRequestEntityTooLarge {
			t.Errorf("anonymous POST %s announcing %d bytes: %d, want 413", path, announced, code)
		}
	}
	if code := rawPost(t, env, "/register", web.BodyLimit+1); code != http.StatusRequestEntityTooLarge {
		t.Errorf("POST /register one byte over the limit: %d, want 413", code)
	}
	// A signed-in account that may not upload gets the small limit too,
	// and so does a made-up session cookie.
	desk := env.Login(model.UserCheckin)
	if code := rawPost(t, env, "/admin/press/files", 1<<20, desk.Cookie("confdesk_session")); code != http.StatusRequestEntityTooLarge {
		t.Errorf("check-in account uploading 1 MiB: %d, want 413", code)
	}
	forged := &http.Cookie{Name: "confdesk_session", Value: strings.Repeat("A", 43)}
	if code := rawPost(t, env, "/admin/press/files", 1<<20, forged); code != http.StatusRequestEntityTooLarge {
		t.Errorf("made-up session uploading 1 MiB: %d, want 413", code)
	}
	// Press staff may send large bodies to the press room: here the headers
	// pass, and the body (not a form) is then refused, but not as too large.
	press := env.Login(model.UserPressOfficer)
	if code := rawPostSending(t, env, "/admin/press/files", 1<<20, 1<<20, press.Cookie("confdesk_session")); code == http.StatusRequestEntityTooLarge {
		t.Errorf("press officer announcing 1 MiB: 413")
	}
}

// Press staff's real uploads and long releases still
// work under the small default limit.
func TestPressStaffLargeBodiesAccepted(t *testing.T) {
	env := webtest.New(t)
	cl := env.Login(model.UserPressOfficer)
	content := append(append([]byte{}, pressPDF...), make([]byte, 3<<20)...)
	res := pressUpload(t, cl, "/admin/press/files", url.Values{"title": {"Photo archive"}}, "archive.pdf", content)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("3 MB upload by the press officer: %d", res.StatusCode)
	}
	// 100,000 accented characters: 600 kB once the form is encoded.
	long := strings.Repeat("é", 100_000)
	res = cl.PostAdmin("/admin/press/releases", url.Values{"title": {"Long release"}, "release_date": {"2027-03-15"}, "dateline": {"MIAMI"}, "summary": {"Summary"}, "body": {long}})
	if res.StatusCode == http.StatusRequestEntityTooLarge || res.StatusCode >= 500 {
		t.Fatalf("a 100,000-character release: %d", res.StatusCode)
	}
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("a 100,000-character release: %d, want 303", res.StatusCode)
	}
}

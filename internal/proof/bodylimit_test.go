package proof

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// procKB reads a "Name:   123 kB" line of /proc/PID/status.
func procKB(t *testing.T, pid int, name string) int {
	t.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for line := range strings.SplitSeq(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, name+":"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				t.Fatalf("%s: %q", name, line)
			}
			return kb
		}
	}
	t.Fatalf("no %s in /proc/%d/status", name, pid)
	return 0
}

// 40 connections that each send POST /register headers
// announcing 27,262,976 bytes, then one body byte, once took the server
// from 40 MB to 1.37 GB. Now each is refused (413) from its headers, and
// the server's resident memory grows by less than 64 MB. Memory is
// sampled until every connection has its answer; the kernel's high-water
// mark catches any peak between samples.
func TestAnnouncedBodiesReserveNoMemory(t *testing.T) {
	srv := start(t, filepath.Join(t.TempDir(), "c.db"))
	pid := srv.cmd.Process.Pid
	host := strings.TrimPrefix(srv.URL, "http://")
	// Warm up: the first requests build pools the attack would otherwise be charged for.
	for range 3 {
		if res, err := http.Get(srv.URL + "/register"); err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
	}
	before, hwmBefore := procKB(t, pid, "VmRSS"), procKB(t, pid, "VmHWM")

	const conns, announced = 40, 27_262_976
	answers := make(chan string, conns)
	for i := range conns {
		c, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		// A guard against a hung test, not a measurement: the old server
		// waited 30 s for each body and then answered 408.
		c.SetDeadline(time.Now().Add(2 * time.Minute))
		fmt.Fprintf(c, "POST /register HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\nx", host, announced)
		go func(i int) {
			res, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				answers <- fmt.Sprintf("connection %d: %v", i, err)
				return
			}
			res.Body.Close()
			answers <- res.Status
		}(i)
	}
	peak := before
	statuses := map[string]int{}
	ticker := time.NewTicker(20 * time.Millisecond)
	defer ticker.Stop()
	for got := 0; got < conns; {
		select {
		case s := <-answers:
			statuses[s]++
			got++
		case <-ticker.C:
		}
		peak = max(peak, procKB(t, pid, "VmRSS"))
	}
	if hwm := procKB(t, pid, "VmHWM"); hwm > hwmBefore {
		peak = max(peak, hwm)
	}
	growth := peak - before
	t.Logf("RSS %d kB before, peak %d kB: grew %d kB; answers %v", before, peak, growth, statuses)
	if statuses["413 Request Entity Too Large"] != conns {
		t.Errorf("answers %v, want %d × 413", statuses, conns)
	}
	if growth >= 64<<10 {
		t.Errorf("RSS grew by %d kB, want under 64 MB", growth)
	}
}

// On the real binary, an organiser's large upload still
// goes through: the large limit follows a session allowed to upload.
func TestOrganiserLargeUpload(t *testing.T) {
	srv := start(t, filepath.Join(t.TempDir(), "c.db"))
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar, Timeout: time.Minute, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	token := func(path string) string {
		res, err := cl.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		m := formToken.FindSubmatch(page)
		if m == nil {
			t.Fatalf("no form token on %s (status %d)", path, res.StatusCode)
		}
		return string(m[1])
	}
	res, err := cl.PostForm(srv.URL+"/admin/login", url.Values{"_csrf": {token("/admin/login")},
		"email": {"admin@confdesk.localhost"}, "password": {"proof-password-123456"}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %v %v", res.Status, err)
	}
	res.Body.Close()

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("_csrf", token("/admin/press/files/new"))
	w.WriteField("title", "Conference photo archive")
	part, _ := w.CreateFormFile("file", "archive.pdf")
	part.Write([]byte("%PDF-1.4\n%%EOF\n"))
	part.Write(make([]byte, 20<<20)) // 20 MB
	w.Close()
	res, err = cl.Post(srv.URL+"/admin/press/files", w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("20 MB upload by the admin: %s, want 303", res.Status)
	}
}

package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gofiber/fiber/v2"
)

// server is a process confbench started that serves HTTP: confdesk, or the
// bare Fiber baseline.
type server struct {
	cmd *exec.Cmd
	url string
}

// startServer starts cmd, whose first line on stdout names the URL it
// serves; its stderr goes to logTo.
func startServer(cmd *exec.Cmd, logTo io.Writer, env ...string) (*server, error) {
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = logTo
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd}
	first, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		s.stop()
		return nil, fmt.Errorf("%s printed nothing: %w", filepath.Base(cmd.Path), err)
	}
	go io.Copy(io.Discard, out)
	s.url = regexp.MustCompile(`http://[0-9.:]+`).FindString(first)
	if s.url == "" {
		s.stop()
		return nil, fmt.Errorf("no URL in %q", first)
	}
	return s, nil
}

// stop ends the process with SIGTERM, and SIGKILL if it is still there 15 s later.
func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

// memory is a process's resident memory now (VmRSS) and at its highest so
// far (VmHWM), in bytes, from /proc/PID/status; zero where it cannot be
// read. anon is the part the process allocated (RssAnon); the rest is
// mostly the executable's pages, clean and shared with the page cache.
type memory struct{ rss, hwm, anon int64 }

func (s *server) memory() memory {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return memory{}
	}
	var m memory
	for line := range strings.SplitSeq(string(b), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			continue
		}
		switch name {
		case "VmRSS":
			m.rss = kb << 10
		case "VmHWM":
			m.hwm = kb << 10
		case "RssAnon":
			m.anon = kb << 10
		}
	}
	return m
}

// startBaseline starts this program again as the bare Fiber baseline for
// endpoints, in its own process as confdesk is.
func startBaseline(dir string, endpoints []*endpoint) (*server, error) {
	spec := filepath.Join(dir, "baseline.json")
	b, err := json.Marshal(endpoints)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(spec, b, 0o600); err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	s, err := startServer(exec.Command(self, "-serve-baseline", spec), os.Stderr)
	if err != nil {
		return nil, fmt.Errorf("start the baseline: %w", err)
	}
	return s, nil
}

// runBaseline serves each endpoint in the file spec from a bare Fiber app:
// the captured bytes with their content type, and for the POST a redirect.
// Endpoints that share a path (a page in English and in Spanish) share a
// handler, which picks the bytes by Accept-Language. It prints its URL,
// then serves until SIGTERM.
func runBaseline(spec string) error {
	b, err := os.ReadFile(spec)
	if err != nil {
		return err
	}
	var endpoints []*endpoint
	if err := json.Unmarshal(b, &endpoints); err != nil {
		return err
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	byPath := map[string][]*endpoint{}
	for _, e := range endpoints {
		if e.Post {
			app.Post(e.Path, func(c *fiber.Ctx) error { return c.Redirect("/registration/x", fiber.StatusSeeOther) })
			continue
		}
		if byPath[e.Path] == nil {
			app.Get(e.Path, func(c *fiber.Ctx) error {
				same := byPath[e.Path]
				e := same[0]
				for _, o := range same[1:] {
					if o.Lang == c.Get(fiber.HeaderAcceptLanguage) {
						e = o
					}
				}
				c.Set(fiber.HeaderContentType, e.Ctype)
				return c.Send(e.Body)
			})
		}
		byPath[e.Path] = append(byPath[e.Path], e)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Printf("baseline at http://%s\n", ln.Addr())
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
	go func() { <-stop; _ = app.Shutdown() }()
	if err := app.Listener(ln); err != nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	return nil
}

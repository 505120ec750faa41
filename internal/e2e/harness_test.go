// Package e2e drives the real application in headless Chromium: the pages a
// person sees, clicked and typed into as a person would.
//
// The tests need /usr/bin/chromium (Debian's chromium package). Without it
// they skip, so `make test` passes on a machine with only Go and gcc; with
// CI=true they fail instead, because .ci/run installs Chromium.
package e2e

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"confdesk/internal/webtest"
)

// chromiumPath finds the browser, or skips (fails under CI) when there is none.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is not installed; .ci/run must install the chromium package")
	}
	t.Skip("Chromium not found: install Debian's chromium package to run the browser tests")
	return ""
}

// Browser is one headless Chromium tab on the app, served on 127.0.0.1.
type Browser struct {
	t       *testing.T
	Env     *webtest.Env
	BaseURL string
	ctx     context.Context

	mu       sync.Mutex
	problems []string // console errors and uncaught exceptions
}

// newBrowser starts the app on a free loopback port and a fresh Chromium.
// Under -short (make check) it skips: a browser costs seconds to start,
// and the handler tests in internal/web cover the same pages without one.
func newBrowser(t *testing.T, opts ...webtest.Option) *Browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped by -short; make test runs it")
	}
	path := chromiumPath(t)
	env := webtest.New(t, opts...)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = env.App.Listener(ln) }()
	t.Cleanup(func() { _ = env.App.ShutdownWithTimeout(5 * time.Second) })

	allocOpts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocOpts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	// One deadline for the whole test's browsing, so a hung page fails instead of hanging CI.
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })

	b := &Browser{t: t, Env: env, BaseURL: "http://" + ln.Addr().String(), ctx: ctx}
	if err := chromedp.Do(ctx); err != nil { // starts the browser and opens the tab
		t.Fatalf("start Chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("enable the browser log: %v", err)
	}
	// Subscribe before any page loads, so no error is missed.
	go func() {
		for ev, err := range chromedp.Events(ctx, runtime.ConsoleAPICalled) {
			if err != nil {
				return
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, a.Description+string(a.Value))
				}
				b.report("console error: " + strings.Join(parts, " "))
			}
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, runtime.ExceptionThrown) {
			if err != nil {
				return
			}
			b.report("uncaught exception: " + ev.ExceptionDetails.Text)
		}
	}()
	go func() {
		// Failed loads and CSP violations arrive as log entries, not console calls.
		for ev, err := range chromedp.Events(ctx, cdplog.EntryAdded) {
			if err != nil {
				return
			}
			if ev.Entry.Level == cdplog.EntryLevelError {
				b.report("log error: " + ev.Entry.Text + " " + ev.Entry.URL)
			}
		}
	}()
	return b
}

func (b *Browser) report(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, msg)
}

// Problems returns the console errors and exceptions seen so far, except
// those containing one of the expected strings (a form answered 422 on
// purpose is logged as a failed load, for instance).
func (b *Browser) Problems(expected ...string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, p := range b.problems {
		if !slices.ContainsFunc(expected, func(e string) bool { return strings.Contains(p, e) }) {
			out = append(out, p)
		}
	}
	return out
}

// Do performs steps in the tab and fails the test on error.
func (b *Browser) Do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.fail(err)
	}
}

// Get runs an action that returns a value, failing the test on error.
func Get[T any](b *Browser, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.fail(err)
	}
	return v
}

func (b *Browser) fail(err error) {
	b.t.Helper()
	if errors.Is(err, context.DeadlineExceeded) {
		b.t.Fatalf("browser timed out: %v", err)
	}
	b.t.Fatalf("browser: %v", err)
}

// URL makes an absolute URL on the app from a path.
func (b *Browser) URL(path string) string { return b.BaseURL + path }

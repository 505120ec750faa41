package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer safe for the flush timer's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Request lines wait in the buffer; a warning goes out at once with every
// line before it, in order; a full buffer and Flush write what waits.
func TestBufferedLoggerWritesWarningsAtOnce(t *testing.T) {
	var out syncBuffer
	logger, logs := newBufferedLogger(&out, "text")
	logger.Info("request", "path", "/agenda")
	logger.Info("request", "path", "/press")
	if got := out.String(); got != "" {
		// The timer may have fired on a slow machine; that is allowed, but
		// then both lines must be there.
		if !strings.Contains(got, "/press") {
			t.Fatalf("a partial flush: %q", got)
		}
	}
	logger.Warn("badge left out")
	got := out.String()
	a, b, w := strings.Index(got, "/agenda"), strings.Index(got, "/press"), strings.Index(got, "badge left out")
	if a < 0 || b < a || w < b {
		t.Fatalf("after a warning the log holds %q, want both request lines then the warning", got)
	}

	logger.With("component", "mail").Error("send failed")
	if !strings.Contains(out.String(), `msg="send failed" component=mail`) {
		t.Errorf("an error from a derived logger waited: %q", out.String())
	}

	before := len(out.String())
	for range logBufferSize / 40 {
		logger.Info("request", "path", "/")
	}
	if len(out.String()) == before {
		t.Error("a full buffer was not written")
	}
	logger.Info("request", "path", "/last")
	if err := logs.Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(strings.TrimSpace(out.String()), "path=/last") {
		t.Error("Flush left the last line waiting")
	}
}

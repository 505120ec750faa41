package main

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

// The server writes a line for every request. Each line written on its own
// was a write(2) to stderr per request, about a tenth of the CPU that
// serving a cached public page costs. Like nginx's access_log with
// buffer= and flush=, lines at Info level wait in memory, at most
// logFlushAfter or until logBufferSize bytes wait; a warning or an error
// goes out at once with every line before it, and so does everything at
// shutdown. What a crash of the process can lose is the last
// logFlushAfter of request lines, never an error.
const (
	logBufferSize = 32 << 10
	logFlushAfter = 200 * time.Millisecond
)

// logBuffer gathers log lines for w.
type logBuffer struct {
	mu    sync.Mutex
	w     io.Writer
	buf   []byte
	timer *time.Timer // set while lines wait
}

func newLogBuffer(w io.Writer) *logBuffer { return &logBuffer{w: w} }

// Write keeps p (one log line, from the handler) until the next flush.
func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) >= logBufferSize {
		return len(p), b.flushLocked()
	}
	if b.timer == nil {
		b.timer = time.AfterFunc(logFlushAfter, func() { _ = b.Flush() })
	}
	return len(p), nil
}

// Flush writes every waiting line.
func (b *logBuffer) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flushLocked()
}

func (b *logBuffer) flushLocked() error {
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	if len(b.buf) == 0 {
		return nil
	}
	_, err := b.w.Write(b.buf)
	b.buf = b.buf[:0]
	return err
}

// flushingHandler is a handler writing into a logBuffer that flushes it
// after each record at Warn or above.
type flushingHandler struct {
	slog.Handler
	buf *logBuffer
}

// newBufferedLogger is the server's logger: lines to w through a
// logBuffer, as key=value text or, with format "json", one JSON object
// per line.
func newBufferedLogger(w io.Writer, format string) (*slog.Logger, *logBuffer) {
	buf := newLogBuffer(w)
	var h slog.Handler = slog.NewTextHandler(buf, nil)
	if format == "json" {
		h = slog.NewJSONHandler(buf, nil)
	}
	return slog.New(flushingHandler{h, buf}), buf
}

func (h flushingHandler) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Level >= slog.LevelWarn {
		if ferr := h.buf.Flush(); err == nil {
			err = ferr
		}
	}
	return err
}

func (h flushingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return flushingHandler{h.Handler.WithAttrs(attrs), h.buf}
}

func (h flushingHandler) WithGroup(name string) slog.Handler {
	return flushingHandler{h.Handler.WithGroup(name), h.buf}
}

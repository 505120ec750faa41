package web

import (
	"context"
	"time"
)

// RunReminders sends the reminder rule's e-mails that are due at once and
// then at every tick (an hour, in the server) until ctx ends, on the
// server's clock; done, when not nil, receives each run's result (tests
// wait on it).
func (s *Server) RunReminders(ctx context.Context, tick <-chan time.Time, done func(int, error)) {
	once := func() {
		n, err := s.reg.SendReminders(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Error("reminders failed", "error", err)
		case n > 0:
			s.log.Info("reminders queued", "count", n)
		}
		if done != nil {
			done(n, err)
		}
	}
	once()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			once()
		}
	}
}

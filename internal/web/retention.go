package web

import (
	"context"
	"time"

	"confdesk/internal/retention"
)

// RunRetention applies the retention periods at once and then at every
// tick (an hour, in the server) until ctx ends, on the server's clock;
// done, when not nil, receives each run's result (tests wait on it).
func (s *Server) RunRetention(ctx context.Context, tick <-chan time.Time, done func(retention.Report, error)) {
	retention.Runner{Store: s.store, Letters: s.letterFiles(), Log: s.log, Now: s.now, Done: done}.Run(ctx, tick)
}

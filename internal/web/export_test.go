package web

import "context"

// BuildMediaKit builds the media kit afresh, bypassing the cache, and
// returns where it was written and its size: for the benchmark.
func (s *Server) BuildMediaKit(ctx context.Context) (string, int64, error) {
	conf, err := s.store.CurrentConference(ctx)
	if err != nil {
		return "", 0, err
	}
	e, err := s.buildMediaKit(ctx, conf)
	if err != nil {
		return "", 0, err
	}
	return e.Path, e.Size, nil
}

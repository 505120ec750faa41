package web

import (
	"context"

	"confdesk/internal/model"
)

// programmePDF is the printable programme the media kit carries: the same
// document as /agenda.pdf, from the agenda's cache.
func (s *Server) programmePDF(ctx context.Context, _ model.Conference) ([]byte, error) {
	e, err := s.agendaPDF(ctx)
	if err != nil {
		return nil, err
	}
	return e.Body, nil
}

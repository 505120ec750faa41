package web

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/store"
)

// downloadPublishedPressFile sends a published press file and counts the
// download; an unpublished file is as absent as one that never existed.
func (s *Server) downloadPublishedPressFile(c *fiber.Ctx) error {
	conf := conference(c)
	f, err := s.loadPressFile(c, conf)
	if err != nil {
		return err
	}
	if !f.Published {
		return fiber.ErrNotFound
	}
	if err := s.sendPressFile(c, f); err != nil {
		return err
	}
	if c.Method() == fiber.MethodGet {
		s.countDownload(conf.ID, store.DownloadFile, f.ID)
	}
	return nil
}

// countDownload notes one download; the count reaches the database with
// the next batch (press.Downloads), so the visitor's read writes nothing.
func (s *Server) countDownload(conferenceID int64, item string, pressFileID int64) {
	s.downloads.Count(conferenceID, item, pressFileID, s.now())
}

// FlushDownloads writes the download counts noted so far; the server calls
// it on shutdown, after the last request, and tests call it in place of
// the one-minute ticker of RunDownloadCounts.
func (s *Server) FlushDownloads(ctx context.Context) error { return s.downloads.Flush(ctx) }

// RunDownloadCounts writes the download counts at every tick (a minute, in
// the server) until ctx ends.
func (s *Server) RunDownloadCounts(ctx context.Context, tick <-chan time.Time) {
	s.downloads.Run(ctx, tick)
}

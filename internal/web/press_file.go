package web

import (
	"github.com/gofiber/fiber/v2"

	"confdesk/internal/store"
)

// downloadPublishedPressFile sends a published press file and counts the
// download; an unpublished file is as absent as one that never existed.
func (s *Server) downloadPublishedPressFile(c *fiber.Ctx) error {
	conf, err := s.store.CurrentConference(c.UserContext())
	if err != nil {
		return err
	}
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
		s.countDownload(c, conf.ID, store.DownloadFile, f.ID)
	}
	return nil
}

// countDownload records one download, with its time only. A failure is
// logged, not shown: the visitor has the file all the same.
func (s *Server) countDownload(c *fiber.Ctx, conferenceID int64, item string, pressFileID int64) {
	now := s.now()
	err := s.store.Update(c.UserContext(), func(tx *store.Tx) error {
		return tx.CountDownload(conferenceID, item, pressFileID, now)
	})
	if err != nil {
		s.log.Warn("press: count download", "item", item, "file", pressFileID, "error", err)
	}
}

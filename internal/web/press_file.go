package web

import (
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/internal/press"
	"confdesk/internal/store"
)

// downloadPublishedPressFile sends a published press file and counts the
// download; an unpublished file is as absent as one that never existed.
func (s *Server) downloadPublishedPressFile(c *fiber.Ctx) error {
	conf := conference(c)
	f, err := loadRecord(c, s.store.PressFile)
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

// displayPressImage shows a published press image inline, as a release
// page's <img> does. It is not a download: only downloadPublishedPressFile
// counts, so the file's count says how often journalists took it, not how
// often a release with it was read. Only images are shown this way; other
// files are downloads.
func (s *Server) displayPressImage(c *fiber.Ctx) error {
	f, err := loadRecord(c, s.store.PressFile)
	if err != nil {
		return err
	}
	if !f.Published || !press.IsImage(f.ContentType) {
		return fiber.ErrNotFound
	}
	// Inline, named as a download would be, should a reader save it.
	return s.streamPressFile(c, f, pressDisposition("inline", press.SafeName(f.OriginalName)))
}

// releasePictures are a conference's published images, by the addresses a
// release's text may give them: "/press/files/ID", or the same under the
// site's base URL.
type releasePictures struct {
	base  string
	files map[string]model.PressFile
	// lang is the language of the credit line under each picture.
	lang *i18n.Locale
}

// releasePictures loads the conference's published images, their credit
// lines in ctx's language.
func (s *Server) releasePictures(ctx context.Context, conferenceID int64) (releasePictures, error) {
	files, err := s.store.PressFiles(ctx, conferenceID, true)
	if err != nil {
		return releasePictures{}, err
	}
	rp := s.picturesOf(files)
	rp.lang = i18n.From(ctx)
	return rp, nil
}

// picturesOf indexes the images among published files.
func (s *Server) picturesOf(files []model.PressFile) releasePictures {
	rp := releasePictures{base: strings.TrimSuffix(s.cfg.BaseURL, "/"), files: map[string]model.PressFile{}}
	for _, f := range files {
		if press.IsImage(f.ContentType) {
			rp.files[pressFileAddress(f.ID)] = f
		}
	}
	return rp
}

// file is the published image at dest, if dest is one's address.
func (rp releasePictures) file(dest string) (model.PressFile, bool) {
	if rp.base != "" {
		dest = strings.TrimPrefix(dest, rp.base)
	}
	f, ok := rp.files[dest]
	return f, ok
}

// lead is r's lead picture while it is a published image.
func (rp releasePictures) lead(r model.PressRelease) (model.PressFile, bool) {
	if r.LeadImageID == 0 {
		return model.PressFile{}, false
	}
	return rp.file(pressFileAddress(r.LeadImageID))
}

// find is the picture at dest, if dest is a published image's address.
func (rp releasePictures) find(dest string) (press.Picture, bool) {
	f, ok := rp.file(dest)
	if !ok {
		return press.Picture{}, false
	}
	return press.Picture{Display: pressFileAddress(f.ID) + "/display", Caption: f.Caption, Credit: f.Credit, Lang: rp.lang}, true
}

// pdfPicture reads a published image for a PDF, its credit line in l;
// ok is false when its stored file is missing (logged), and the PDF
// prints its description.
func (s *Server) pdfPicture(f model.PressFile, l *i18n.Locale) (pdf.Picture, bool, error) {
	file, err := s.pressFiles().Open(f.StoredName)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, press.ErrBadStoredName) {
		s.log.Error("press: stored file missing", "file", f.ID, "stored", f.StoredName, "error", err)
		return pdf.Picture{}, false, nil
	}
	if err != nil {
		return pdf.Picture{}, false, err
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return pdf.Picture{}, false, err
	}
	kind := "JPG"
	if f.ContentType == "image/png" {
		kind = "PNG"
	}
	line := press.Picture{Caption: f.Caption, Credit: f.Credit, Lang: l}.Line()
	return pdf.Picture{Data: data, Type: kind, Line: line}, true, nil
}

// pressFileAddress is a published file's public download address.
func pressFileAddress(id int64) string { return "/press/files/" + strconv.FormatInt(id, 10) }

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

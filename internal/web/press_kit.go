package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/internal/store"
	"confdesk/views"
	pressview "confdesk/views/press"
)

// downloadMediaKit sends the media kit, building it when nothing cached is
// current, and counts the download.
func (s *Server) downloadMediaKit(c *fiber.Ctx) error {
	ctx := c.UserContext()
	conf := conference(c)
	kit, err := s.mediaKit(ctx, conf)
	if err != nil {
		return err
	}
	revalidated := c.Get(fiber.HeaderIfNoneMatch) == kit.ETag
	err = kit.send(c)
	if errors.Is(err, os.ErrNotExist) {
		// The file went from under the cache (a concurrent build tidied it
		// away, or someone cleared the folder): build it again, once.
		s.log.Warn("press: cached media kit missing; rebuilding", "path", kit.Path)
		s.pressCache.invalidate()
		if kit, err = s.mediaKit(ctx, conf); err != nil {
			return err
		}
		err = kit.send(c)
	}
	if err != nil {
		return err
	}
	if c.Method() == fiber.MethodGet && !revalidated {
		s.countDownload(conf.ID, store.DownloadKit, 0)
	}
	return nil
}

// mediaKit is the current media kit, from the press cache or built now.
func (s *Server) mediaKit(ctx context.Context, conf model.Conference) (*cachedResponse, error) {
	return s.pressCache.get(cacheKey(ctx, pressKey(conf, s.now(), "kit.zip")), func() (*cachedResponse, error) {
		return s.buildMediaKit(ctx, conf)
	})
}

// kitCacheDir is where built kits are kept: beside the database, like the
// press files, never in memory.
func (s *Server) kitCacheDir() string { return filepath.Join(filepath.Dir(s.cfg.DBPath), "cache") }

// buildMediaKit writes the media kit to a file in the cache folder and
// returns it as a cache entry that points to the file. Uploaded files are
// streamed from disk into the archive and the archive to disk, so memory
// holds only the generated documents, whatever the files weigh. The
// archive's bytes depend only on its content (entries carry the times of
// the data they come from), so a rebuild after an unrelated change keeps
// its ETag.
func (s *Server) buildMediaKit(ctx context.Context, conf model.Conference) (*cachedResponse, error) {
	pub, err := s.pressPublic(ctx, conf)
	if err != nil {
		return nil, err
	}
	kit, err := s.kitContent(ctx, pub)
	if err != nil {
		return nil, err
	}
	dir := s.kitCacheDir()
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("web: media kit folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".kit-*.zip")
	if err != nil {
		return nil, fmt.Errorf("web: media kit: %w", err)
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	hash := sha256.New()
	if _, err := press.WriteKit(io.MultiWriter(tmp, hash), kit); err != nil {
		return nil, fmt.Errorf("web: media kit: %w", err)
	}
	info, err := tmp.Stat()
	if err != nil {
		return nil, fmt.Errorf("web: media kit: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("web: media kit: %w", err)
	}
	id := hex.EncodeToString(hash.Sum(nil)[:12])
	final := filepath.Join(dir, "kit-"+i18n.From(ctx).Code+"-"+id+".zip")
	if err := os.Rename(tmp.Name(), final); err != nil {
		return nil, fmt.Errorf("web: media kit: %w", err)
	}
	keep = true
	s.removeOldKits(dir, final)
	return &cachedResponse{ContentType: "application/zip", Path: final, Size: info.Size(), ETag: `"` + id + `"`,
		Filename: kitFilename(conf)}, nil
}

// kitLanguage is the language a kit's file name carries ("kit-fr-<id>.zip"
// gives "fr"); "" for a kit named before kits had languages.
func kitLanguage(name string) string {
	rest := strings.TrimSuffix(strings.TrimPrefix(name, "kit-"), ".zip")
	if i := strings.LastIndexByte(rest, '-'); i >= 0 {
		return rest[:i]
	}
	return ""
}

// removeOldKits deletes the kits that final replaces (those in its
// language: each language has its kit), and temporary files a crash left
// behind. A download still reading an old kit keeps its open file; the
// folder only stops listing it.
func (s *Server) removeOldKits(dir, final string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		s.log.Warn("press: list media kit folder", "error", err)
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		lang := kitLanguage(e.Name())
		old := strings.HasPrefix(e.Name(), "kit-") && strings.HasSuffix(e.Name(), ".zip") && p != final &&
			(lang == "" || lang == kitLanguage(filepath.Base(final)))
		if strings.HasPrefix(e.Name(), ".kit-") {
			// Someone else's build may be writing it: only an hour-old one is abandoned.
			info, err := e.Info()
			old = err == nil && time.Since(info.ModTime()) > time.Hour
		}
		if old {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				s.log.Warn("press: remove old media kit", "path", p, "error", err)
			}
		}
	}
}

// kitFilename is the kit's download name, from the conference's short
// name in plain ASCII: "ctc-miami-media-kit.zip".
func kitFilename(conf model.Conference) string {
	return kitFolder(conf) + ".zip"
}

// kitFolder is the folder the kit unpacks into.
func kitFolder(conf model.Conference) string {
	for _, name := range []string{conf.ShortName, conf.Name} {
		if slug := press.Slugify(name); slug != "" {
			return slug + "-media-kit"
		}
	}
	return "media-kit"
}

// kitContent lists what goes into the kit: the published releases as
// PDF, the fact sheet, the programme, the contacts' vCards and every
// published file. Documents are generated now, in memory (they are small);
// files are only opened when the archive is written.
func (s *Server) kitContent(ctx context.Context, pub pressPublished) (press.Kit, error) {
	conf, l := pub.conf, i18n.From(ctx)
	latest := conf.UpdatedAt
	later := func(t time.Time) {
		if t.After(latest) {
			latest = t
		}
	}
	inMemory := func(b []byte) func() (io.ReadCloser, error) {
		return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	var entries []press.KitEntry
	pictures := s.picturesOf(pub.files)
	pictures.lang = l
	for _, r := range pub.releases {
		doc, err := s.releasePDF(ctx, conf, pub.today, r, pub.contacts, pictures)
		if err != nil {
			return press.Kit{}, err
		}
		later(r.UpdatedAt)
		entries = append(entries, press.KitEntry{Name: "press-releases/" + r.ReleaseDate + "-" + r.Slug + ".pdf",
			About: l.T("press.kit_readme.release", "Date", pressDate(ctx, r.ReleaseDate),
				"Title", pressview.ReleaseText(ctx, r, "title", r.Title).Text),
			Modified: r.UpdatedAt, Open: inMemory(doc)})
	}
	sheet, err := s.factSheetPDF(ctx, conf, pub.contacts)
	if err != nil {
		return press.Kit{}, err
	}
	entries = append(entries, press.KitEntry{Name: "fact-sheet.pdf", About: l.T("press.kit_readme.fact_sheet"),
		Modified: conf.UpdatedAt, Open: inMemory(sheet)})
	programme, err := s.programmePDF(ctx, conf)
	if err != nil {
		return press.Kit{}, err
	}
	entries = append(entries, press.KitEntry{Name: "programme.pdf", About: l.T("press.kit_readme.programme"),
		Modified: conf.UpdatedAt, Open: inMemory(programme)})
	if len(pub.contacts) > 0 {
		cards, err := s.contactsVCard(ctx, conf, pub.contacts)
		if err != nil {
			return press.Kit{}, err
		}
		entries = append(entries, press.KitEntry{Name: "press-contacts.vcf",
			About: l.T("press.kit_readme.contacts"), Modified: conf.UpdatedAt, Open: inMemory(cards)})
	}
	files := s.pressFiles()
	for _, f := range pub.files {
		path, err := files.Path(f.StoredName)
		if err == nil {
			_, err = os.Stat(path)
		}
		if err != nil {
			// Better a kit without one file than no kit: the error is logged
			// for the press team, as the file's own download does.
			s.log.Error("press: stored file missing; left out of the media kit", "file", f.ID, "stored", f.StoredName, "error", err)
			continue
		}
		later(f.UpdatedAt)
		entries = append(entries, press.KitEntry{Name: "files/" + press.SafeName(f.OriginalName),
			About: l.T("press.kit_readme.file", "Title", f.Title, "Type", pressview.FileType(ctx, f)), Caption: f.Caption, Credit: f.Credit,
			Stored: true, Modified: f.UpdatedAt,
			Open: func() (io.ReadCloser, error) { return files.Open(f.StoredName) }})
	}
	intro := []string{views.DateRange(ctx, conf) + " · " + conf.VenueLine()}
	if conf.Organiser != "" {
		intro = append(intro, l.T("press.kit_readme.organised_by", "Organiser", conf.Organiser))
	}
	intro = append(intro, l.T("press.kit_readme.press_room", "URL", s.cfg.BaseURL+"/press"))
	return press.Kit{Folder: kitFolder(conf), Heading: l.T("press.kit_readme.heading", "Conference", views.ConferenceName(ctx, conf).Text),
		Intro: intro, Entries: entries, Modified: latest, Lang: l}, nil
}

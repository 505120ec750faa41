package registration

// Nomination letters (credentials): the official letter, often a Note
// Verbale, by which a government names its delegates. A focal point
// uploads it from their nomination link (/nominate/TOKEN/documents), for
// the whole delegation or for one nominee; only organisers open it. A
// registration's credentials are received when a letter covers it
// (store.CredentialsReceived).
//
// A letter is a PDF of at most 10 MB: its name must end in .pdf and its
// content must start as a PDF does (%PDF-); the browser's word on the
// type is never trusted. It is kept on disk under a generated name, never
// the uploader's, in its own folder beside the press files, with its
// SHA-256, so that a letter produced later can be shown to be the one
// received.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/press"
	"confdesk/internal/store"
)

// MaxLetterSize is the largest nomination letter accepted: 10 MB.
const MaxLetterSize = 10 << 20

// LetterError is a letter refused for a reason its sender can fix: Msg is
// the sentence to show beside Field, in the sender's language.
type LetterError struct {
	Field string // "letter" or "nominee"
	Msg   i18n.M
}

func (e *LetterError) Error() string { return "registration: letter refused: " + e.Msg.String() }

// The letter problems.
var (
	ErrLetterMissing  = &LetterError{"letter", i18n.Msg("letters.error.missing")}
	ErrLetterEmpty    = &LetterError{"letter", i18n.Msg("letters.error.empty")}
	ErrLetterNotPDF   = &LetterError{"letter", i18n.Msg("letters.error.not_pdf")}
	ErrLetterTooLarge = &LetterError{"letter", i18n.Msg("letters.error.too_large")}
	ErrLetterNominee  = &LetterError{"nominee", i18n.Msg("letters.error.nominee")}
)

// LetterFiles keeps nomination letters on disk under generated names, in
// one folder.
type LetterFiles struct {
	Dir string
}

// letterPattern is the shape of every generated name: a row naming any
// other is never opened, wherever it points.
var letterPattern = regexp.MustCompile(`^[0-9a-f]{32}\.pdf$`)

// pdfMagic is how every PDF file starts.
var pdfMagic = []byte("%PDF-")

// savedLetter is what save learnt of a letter it kept.
type savedLetter struct {
	stored, name, sha256 string
	size                 int64
}

// save checks and keeps the letter read from src, uploaded as name. The
// content streams to a temporary file while it is hashed and counted and
// takes its generated name only once every check passed: a refused letter
// leaves nothing behind.
func (fs LetterFiles) save(src io.Reader, name string) (savedLetter, error) {
	name = press.SafeName(name)
	if strings.ToLower(filepath.Ext(name)) != ".pdf" {
		return savedLetter{}, ErrLetterNotPDF
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(src, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return savedLetter{}, fmt.Errorf("registration: read letter: %w", err)
	}
	head = head[:n]
	if n == 0 {
		return savedLetter{}, ErrLetterEmpty
	}
	if !bytes.HasPrefix(head, pdfMagic) {
		return savedLetter{}, ErrLetterNotPDF
	}
	// The press room's check too: the name and the sniffed content agree.
	if _, _, err := press.CheckType(name, head); err != nil {
		return savedLetter{}, ErrLetterNotPDF
	}
	stored, size, sum, ok, err := press.Keep(fs.Dir, head, src, MaxLetterSize, ".pdf")
	switch {
	case err != nil:
		return savedLetter{}, fmt.Errorf("registration: keep letter: %w", err)
	case !ok:
		return savedLetter{}, ErrLetterTooLarge
	}
	return savedLetter{stored: stored, name: name, sha256: sum, size: size}, nil
}

// ErrBadLetterName is returned for a stored name the app could not have made.
var ErrBadLetterName = errors.New("registration: not a stored letter name")

// Path is where the letter stored as storedName lives.
func (fs LetterFiles) Path(storedName string) (string, error) {
	if !letterPattern.MatchString(storedName) {
		return "", fmt.Errorf("%q: %w", storedName, ErrBadLetterName)
	}
	return filepath.Join(fs.Dir, storedName), nil
}

// Open opens a stored letter for reading.
func (fs LetterFiles) Open(storedName string) (*os.File, error) {
	p, err := fs.Path(storedName)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("registration: open letter: %w", err)
	}
	return f, nil
}

// LetterFilesBeside is where the nomination letters of the database at
// dbPath are kept: the folder nominations beside it, as the press files.
func LetterFilesBeside(dbPath string) LetterFiles {
	return LetterFiles{Dir: filepath.Join(filepath.Dir(dbPath), "nominations")}
}

// Remove deletes a stored letter; one already gone is not an error.
func (fs LetterFiles) Remove(storedName string) {
	if p, err := fs.Path(storedName); err == nil {
		os.Remove(p)
	}
}

// AddNominationLetter keeps the letter read from src, uploaded as name by
// focal point fp, for the whole delegation of fp's country (nominationID
// 0) or for one of the country's standing nominations. A refusal the
// sender can fix is a *LetterError; nothing is kept then. The record and
// its audit line share a transaction, which also checks that fp still acts
// and that the nomination is their country's and not withdrawn; a failed
// transaction removes the file again.
func (s *Service) AddNominationLetter(ctx context.Context, files LetterFiles, fp model.FocalPoint, nominationID int64,
	name string, src io.Reader) (model.NominationDocument, error) {
	// The nominee first: a wrong choice is told before a large file is written.
	if nominationID != 0 {
		n, err := s.Store.Nomination(ctx, nominationID)
		if errors.Is(err, store.ErrNotFound) || err == nil && !standingIn(n, fp) {
			return model.NominationDocument{}, ErrLetterNominee
		}
		if err != nil {
			return model.NominationDocument{}, err
		}
	}
	if src == nil {
		return model.NominationDocument{}, ErrLetterMissing
	}
	saved, err := files.save(src, name)
	if err != nil {
		return model.NominationDocument{}, err
	}
	now := s.Now()
	d := model.NominationDocument{ConferenceID: fp.ConferenceID, Country: fp.Country, FocalPointID: fp.ID,
		NominationID: nominationID, StoredName: saved.stored, OriginalName: saved.name, Size: saved.size,
		SHA256: saved.sha256, UploadedAt: now}
	err = s.Store.Update(ctx, func(tx *store.Tx) error {
		cur, err := tx.FocalPoint(fp.ID)
		if err != nil {
			return err
		}
		if !cur.RemovedAt.IsZero() {
			return fmt.Errorf("focal point %d removed: %w", fp.ID, store.ErrNotFound)
		}
		covers := "delegation"
		if nominationID != 0 {
			n, err := tx.Nomination(nominationID)
			if errors.Is(err, store.ErrNotFound) || err == nil && !standingIn(n, cur) {
				return ErrLetterNominee
			}
			if err != nil {
				return err
			}
			covers = "nomination " + strconv.FormatInt(n.ID, 10) + " (" + n.FullName() + ")"
		}
		if d.ID, err = tx.AddNominationDocument(d); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{ConferenceID: d.ConferenceID, Actor: focalPointActor(cur).Name,
			Action: "upload_letter", Entity: "nomination_document", EntityID: d.ID, CreatedAt: now,
			Changes: map[string][2]string{"country": {"", d.Country}, "covers": {"", covers},
				"file": {"", d.OriginalName}, "size": {"", strconv.FormatInt(d.Size, 10)}, "sha256": {"", d.SHA256}}})
	})
	if err != nil {
		files.Remove(saved.stored)
		return model.NominationDocument{}, err
	}
	return d, nil
}

// standingIn reports whether nomination n is a standing one of focal point
// fp's country in fp's conference.
func standingIn(n model.Nomination, fp model.FocalPoint) bool {
	return n.ConferenceID == fp.ConferenceID && n.Country == fp.Country && n.WithdrawnAt.IsZero()
}

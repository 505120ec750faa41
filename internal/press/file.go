package press

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/message"

	"confdesk/internal/i18n"
)

// MaxFileSize is the largest press file accepted: 25 MB. The server's body
// limit leaves a little room above it for the rest of the form.
const MaxFileSize = 25 << 20

// fileKind is one type of file the press room accepts.
type fileKind struct {
	ContentType string // recorded and served
	Sniffed     string // what http.DetectContentType says of such content
	Label       string // for people
}

// kinds maps each accepted extension to its type. DOCX is a ZIP archive, so
// its content sniffs as application/zip; the extension says which it is.
var kinds = map[string]fileKind{
	".pdf":  {"application/pdf", "application/pdf", "PDF"},
	".png":  {"image/png", "image/png", "PNG image"},
	".jpg":  {"image/jpeg", "image/jpeg", "JPEG image"},
	".jpeg": {"image/jpeg", "image/jpeg", "JPEG image"},
	".zip":  {"application/zip", "application/zip", "ZIP archive"},
	".docx": {DocxType, "application/zip", "Word document"},
}

// DocxType is a Word document's content type.
const DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// AcceptedTypes describes the accepted files for people, e.g. beside the upload field.
const AcceptedTypes = "PDF, PNG, JPEG, ZIP or Word (DOCX)"

// AcceptAttribute is the upload input's accept attribute: a hint to the
// browser's file picker, never relied on.
const AcceptAttribute = ".pdf,.png,.jpg,.jpeg,.zip,.docx"

// IsImage reports whether a stored content type is a picture a page or
// a PDF can show (PNG or JPEG).
func IsImage(contentType string) bool {
	return contentType == "image/png" || contentType == "image/jpeg"
}

// TypeLabel names a stored content type for people ("PDF", "PNG image").
func TypeLabel(contentType string) string {
	for _, k := range kinds {
		if k.ContentType == contentType {
			return k.Label
		}
	}
	return contentType
}

// UploadError is an upload refused for a reason its sender can fix; Message
// is the sentence to show beside the file field.
type UploadError struct{ Message string }

func (e *UploadError) Error() string { return "press: upload refused: " + e.Message }

// ErrTooLarge is the UploadError for a file above MaxFileSize.
var ErrTooLarge = &UploadError{Message: "This file is larger than 25 MB. Send a smaller or compressed version."}

// CheckType decides a file's type from its first bytes (at least 512 when
// the file is that long) and its name: the content must sniff as one of the
// accepted types, and as the type its extension promises. It returns the
// extension to store under (lower case) and the content type to record.
func CheckType(name string, head []byte) (ext, contentType string, err error) {
	ext = strings.ToLower(filepath.Ext(SafeName(name)))
	kind, ok := kinds[ext]
	if !ok {
		return "", "", &UploadError{Message: "Only " + AcceptedTypes + " files can be uploaded, and the file's name must end in .pdf, .png, .jpg, .jpeg, .zip or .docx."}
	}
	if len(head) == 0 {
		return "", "", &UploadError{Message: "This file is empty. Choose the file again."}
	}
	sniffed, _, _ := strings.Cut(http.DetectContentType(head), ";")
	if sniffed != kind.Sniffed {
		return "", "", &UploadError{Message: fmt.Sprintf("This file's name ends in %s, but its content is not a %s. Only %s files can be uploaded; check that you chose the right file.",
			ext, kind.Label, AcceptedTypes)}
	}
	return ext, kind.ContentType, nil
}

// maxNameLength bounds an original file name, in bytes.
const maxNameLength = 150

// SafeName is the part of an uploader's file name that is safe to keep,
// show and send back as a download name: the base name only (a Windows or
// Unix path and any "../" are gone), without control characters and without
// characters file systems refuse (<>:"/\|?*), no leading dots or spaces,
// shortened to 150 bytes keeping the extension. It never returns "" or a
// name starting with a dot.
func SafeName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			// Invalid bytes, controls and invisible format characters (such as
			// right-to-left overrides that disguise an extension) are dropped.
		case strings.ContainsRune(`<>:"|?*`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	name = strings.TrimSpace(strings.TrimLeft(b.String(), ". "))
	if len(name) > maxNameLength {
		ext := filepath.Ext(name)
		if len(ext) > 10 {
			ext = ""
		}
		stem := name[:maxNameLength-len(ext)]
		for !utf8.ValidString(stem) {
			stem = stem[:len(stem)-1]
		}
		name = stem + ext
	}
	if name == "" || strings.HasPrefix(name, ".") {
		name = "file" + name
	}
	return name
}

// Files keeps press files on disk under generated names, in one folder.
type Files struct {
	Dir string
}

// StoredFile is what Save learnt about a file it kept.
type StoredFile struct {
	StoredName  string // generated: 32 hex digits and the extension
	ContentType string
	Size        int64
	SHA256      string // hex
}

// storedPattern is the shape of every generated name: Path refuses any
// other, so a damaged row can never point outside the folder.
var storedPattern = regexp.MustCompile(`^[0-9a-f]{32}\.(pdf|png|jpg|jpeg|zip|docx)$`)

// Save checks and keeps the file read from src, uploaded as name. The
// content streams to a temporary file in the folder while it is hashed and
// counted, and is renamed to its generated name only once every check
// passed: a refused or failed upload leaves nothing behind. A refusal is an
// *UploadError.
func (fs Files) Save(src io.Reader, name string) (StoredFile, error) {
	head := make([]byte, 512)
	n, err := io.ReadFull(src, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return StoredFile{}, fmt.Errorf("press: read upload: %w", err)
	}
	head = head[:n]
	ext, contentType, err := CheckType(name, head)
	if err != nil {
		return StoredFile{}, err
	}
	stored, size, sum, ok, err := Keep(fs.Dir, head, src, MaxFileSize, ext)
	switch {
	case err != nil:
		return StoredFile{}, err
	case !ok:
		return StoredFile{}, ErrTooLarge
	}
	return StoredFile{StoredName: stored, ContentType: contentType, Size: size, SHA256: sum}, nil
}

// Keep streams head and the rest of src into dir, hashing and counting
// as it writes, under a generated name (32 hex digits and ext). The
// content goes to a temporary file first, renamed only once all of it
// came within limit bytes: ok is false for more (nothing is kept), and a
// failure leaves nothing behind either. The press room's files, session
// documents and nomination letters are all kept this way.
func Keep(dir string, head []byte, src io.Reader, limit int64, ext string) (stored string, size int64, sha string, ok bool, err error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", 0, "", false, fmt.Errorf("press: create folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".upload-*")
	if err != nil {
		return "", 0, "", false, fmt.Errorf("press: create temporary file: %w", err)
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	hash := sha256.New()
	// One byte past the limit tells an oversized file from one of exactly the limit.
	size, err = io.Copy(io.MultiWriter(tmp, hash), io.LimitReader(io.MultiReader(bytes.NewReader(head), src), limit+1))
	if err != nil {
		return "", 0, "", false, fmt.Errorf("press: write upload: %w", err)
	}
	if size > limit {
		return "", 0, "", false, nil
	}
	if err := tmp.Sync(); err != nil {
		return "", 0, "", false, fmt.Errorf("press: write upload: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", 0, "", false, fmt.Errorf("press: write upload: %w", err)
	}
	stored = randomHex() + ext
	if err := os.Rename(tmp.Name(), filepath.Join(dir, stored)); err != nil {
		return "", 0, "", false, fmt.Errorf("press: store upload: %w", err)
	}
	keep = true
	return stored, size, hex.EncodeToString(hash.Sum(nil)), true, nil
}

// Path is where the file stored as storedName lives.
func (fs Files) Path(storedName string) (string, error) {
	if !storedPattern.MatchString(storedName) {
		return "", fmt.Errorf("press: %q: %w", storedName, ErrBadStoredName)
	}
	return filepath.Join(fs.Dir, storedName), nil
}

// ErrBadStoredName is returned for a stored name the app could not have
// made (a tampered row, say): it is never opened, wherever it points.
var ErrBadStoredName = errors.New("not a stored file name")

// Open opens a stored file for reading.
func (fs Files) Open(storedName string) (*os.File, error) {
	p, err := fs.Path(storedName)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("press: open stored file: %w", err)
	}
	return f, nil
}

// Remove deletes a stored file; one already gone is not an error.
func (fs Files) Remove(storedName string) error {
	p, err := fs.Path(storedName)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("press: remove stored file: %w", err)
	}
	return nil
}

// randomHex is 128 random bits in hex: a stored file's name.
func randomHex() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("press: crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// HumanSize formats a byte count for people: "812 bytes", "14 KB", "2.4 MB".
func HumanSize(n int64) string { return SizeIn(i18n.English, n) }

// SizeIn is HumanSize in language l: "1.2 MB", "1,2 MB".
func SizeIn(l *i18n.Locale, n int64) string {
	switch {
	case n < 1000:
		return l.N("press.size.bytes", int(n))
	case n < 1000*1000:
		return l.T("press.size.kb", "Size", l.Number(int((n+512)/1024)))
	default:
		return l.T("press.size.mb", "Size", message.NewPrinter(l.Tag).Sprintf("%.1f", float64(n)/(1<<20)))
	}
}

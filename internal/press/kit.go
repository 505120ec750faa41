package press

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/i18n"
)

// KitEntry is one file of the media kit.
type KitEntry struct {
	// Name is the file's path inside the kit's folder, e.g.
	// "press-releases/2027-03-15-opening.pdf"; made unique by WriteKit.
	Name string
	// About says what it is, for README.txt ("Press release, 15 March 2027: …").
	About   string
	Caption string
	Credit  string
	// Stored entries are copied into the archive as they are: photos,
	// archives and uploaded PDFs are compressed already, and deflating
	// them again costs time for nothing. Generated documents are deflated.
	Stored   bool
	Modified time.Time
	// Open returns the content; WriteKit closes it.
	Open func() (io.ReadCloser, error)
}

// Kit is a media kit to be written as a ZIP archive.
type Kit struct {
	// Folder holds every entry, so that unpacking makes one folder
	// ("ctc-miami-media-kit") rather than scattering files.
	Folder string
	// Heading and Intro open README.txt: the conference, its dates, where
	// the press room is.
	Heading string
	Intro   []string
	Entries []KitEntry
	// Modified dates README.txt; a fixed time keeps the archive's bytes,
	// and so its ETag, the same while its content is.
	Modified time.Time
	// Lang is the language README.txt's own words are in; nil for English.
	Lang *i18n.Locale
}

// KitFile is what WriteKit wrote for one entry.
type KitFile struct {
	Name   string // full path in the archive
	Size   int64
	SHA256 string // hex
}

// WriteKit writes the kit to w as a ZIP archive: each entry, streamed
// through SHA-256 so that no file is ever held in memory, then README.txt
// listing every entry with what it is, its caption and credit, its size
// and its checksum. Names are UTF-8 (the archive's UTF-8 flag is set on
// each name that needs it). It returns the entries as written, README last.
func WriteKit(w io.Writer, k Kit) ([]KitFile, error) {
	zw := zip.NewWriter(w)
	var written []KitFile
	used := map[string]bool{}
	var readme strings.Builder
	line := func(s string) { readme.WriteString(s + "\r\n") }
	l := k.Lang
	if l == nil {
		l = i18n.English
	}
	line(k.Heading)
	line(strings.Repeat("=", len([]rune(k.Heading))))
	line("")
	for _, s := range k.Intro {
		line(s)
	}
	line("")
	contents := l.T("press.kit_readme.contents")
	line(contents)
	line(strings.Repeat("-", len([]rune(contents))))
	for _, e := range k.Entries {
		name := uniqueName(path.Join(k.Folder, e.Name), used)
		f, err := writeKitEntry(zw, name, e)
		if err != nil {
			return nil, err
		}
		written = append(written, f)
		line("")
		line(strings.TrimPrefix(name, k.Folder+"/"))
		for _, s := range []string{e.About, e.Caption} {
			if s != "" {
				line("  " + strings.Join(strings.Fields(s), " "))
			}
		}
		if e.Credit != "" {
			line("  " + l.T("press.credit", "Credit", e.Credit))
		}
		size := SizeIn(l, f.Size)
		if f.Size >= 1000 {
			size = l.T("press.kit_readme.size_exact", "Size", size, "Bytes", l.N("press.size.bytes", int(f.Size)))
		}
		line("  " + l.T("press.kit_readme.size", "Size", size))
		line("  SHA-256: " + f.SHA256)
	}
	line("")
	line(l.T("press.kit_readme.checksum"))
	line(l.T("press.kit_readme.checksum_how"))
	text := readme.String()
	f, err := writeKitEntry(zw, uniqueName(path.Join(k.Folder, "README.txt"), used), KitEntry{Modified: k.Modified,
		Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(text)), nil }})
	if err != nil {
		return nil, err
	}
	written = append(written, f)
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("press: finish kit: %w", err)
	}
	return written, nil
}

func writeKitEntry(zw *zip.Writer, name string, e KitEntry) (KitFile, error) {
	method := zip.Deflate
	if e.Stored {
		method = zip.Store
	}
	src, err := e.Open()
	if err != nil {
		return KitFile{}, fmt.Errorf("press: kit entry %s: %w", name, err)
	}
	defer src.Close()
	dst, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: e.Modified.UTC()})
	if err != nil {
		return KitFile{}, fmt.Errorf("press: kit entry %s: %w", name, err)
	}
	hash := sha256.New()
	n, err := io.Copy(io.MultiWriter(dst, hash), src)
	if err != nil {
		return KitFile{}, fmt.Errorf("press: kit entry %s: %w", name, err)
	}
	return KitFile{Name: name, Size: n, SHA256: hex.EncodeToString(hash.Sum(nil))}, nil
}

// uniqueName returns name, or "name (2).ext" and so on when an earlier
// entry took it. Names are compared without regard to case, since the
// archive is unpacked on file systems that ignore it.
func uniqueName(name string, used map[string]bool) string {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	try := name
	for i := 2; used[strings.ToLower(try)]; i++ {
		try = stem + " (" + strconv.Itoa(i) + ")" + ext
	}
	used[strings.ToLower(try)] = true
	return try
}

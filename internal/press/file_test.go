package press

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Minimal contents of each kind, enough for http.DetectContentType.
var (
	pdfContent  = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	zipContent  = []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00rest of an archive")
	jpegContent = []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
	exeContent  = append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00"), bytes.Repeat([]byte{0}, 100)...)
)

func pngContent(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCheckType(t *testing.T) {
	pngBytes := pngContent(t)
	for _, c := range []struct {
		name    string
		content []byte
		ext     string
		ctype   string
		refused string // part of the message when refused
	}{
		{"release.pdf", pdfContent, ".pdf", "application/pdf", ""},
		{"Release.PDF", pdfContent, ".pdf", "application/pdf", ""},
		{"photo.png", pngBytes, ".png", "image/png", ""},
		{"photo.jpg", jpegContent, ".jpg", "image/jpeg", ""},
		{"photo.JPEG", jpegContent, ".jpeg", "image/jpeg", ""},
		{"kit.zip", zipContent, ".zip", "application/zip", ""},
		{"fact-sheet.docx", zipContent, ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ""},
		{"invoice.pdf", exeContent, "", "", "content is not a PDF"},
		{"photo.png", pdfContent, "", "", "content is not a PNG image"},
		{"photo.jpg", pngBytes, "", "", "content is not a JPEG image"},
		{"release.docx", pdfContent, "", "", "content is not a Word document"},
		{"setup.exe", exeContent, "", "", "name must end in"},
		{"page.html", []byte("<html><script>alert(1)</script>"), "", "", "name must end in"},
		{"noextension", pdfContent, "", "", "name must end in"},
		{"empty.pdf", nil, "", "", "empty"},
	} {
		ext, ctype, err := CheckType(c.name, c.content)
		if c.refused != "" {
			var ue *UploadError
			if !errors.As(err, &ue) || !strings.Contains(ue.Message, c.refused) {
				t.Errorf("%s: err %v, want a refusal saying %q", c.name, err, c.refused)
			}
			continue
		}
		if err != nil || ext != c.ext || ctype != c.ctype {
			t.Errorf("%s: %q %q %v, want %q %q", c.name, ext, ctype, err, c.ext, c.ctype)
		}
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"release.pdf":                           "release.pdf",
		"../../etc/passwd.pdf":                  "passwd.pdf",
		`..\..\evil.pdf`:                        "evil.pdf",
		`C:\Users\ana\Desktop\Foto Piñeiro.jpg`: "Foto Piñeiro.jpg",
		"/absolute/path/kit.zip":                "kit.zip",
		"..":                                    "file",
		"../":                                   "file",
		".hidden.pdf":                           "hidden.pdf",
		".pdf":                                  "pdf",
		"line\nbreak\r.pdf":                     "linebreak.pdf",
		"tab\there.pdf":                         "tabhere.pdf",
		"nul\x00byte.pdf":                       "nulbyte.pdf",
		"evil\u202Efdp.exe":                     "evilfdp.exe",
		`quote"s <and> pipes|?.pdf`:             "quote_s _and_ pipes__.pdf",
		"bad\xffbyte.pdf":                       "badbyte.pdf",
		"":                                      "file",
	} {
		got := SafeName(in)
		if got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
		if strings.ContainsAny(got, `/\`) || strings.HasPrefix(got, ".") {
			t.Errorf("SafeName(%q) = %q is not safe", in, got)
		}
	}
	long := SafeName(strings.Repeat("ñ", 200) + ".pdf")
	if len(long) > maxNameLength || !strings.HasSuffix(long, ".pdf") {
		t.Errorf("long name: %q (%d bytes)", long, len(long))
	}
}

// entries lists the folder's files, hidden ones included.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestFilesSave(t *testing.T) {
	fs := Files{Dir: filepath.Join(t.TempDir(), "files")}
	content := pngContent(t)
	got, err := fs.Save(bytes.NewReader(content), "../../photo.png")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(content)
	if got.ContentType != "image/png" || got.Size != int64(len(content)) || got.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("stored %+v", got)
	}
	if !storedPattern.MatchString(got.StoredName) || !strings.HasSuffix(got.StoredName, ".png") {
		t.Errorf("stored name %q", got.StoredName)
	}
	info, err := os.Stat(fs.Dir)
	if err != nil || info.Mode().Perm() != 0o750 {
		t.Errorf("folder: %v %v", info.Mode(), err)
	}
	f, err := fs.Open(got.StoredName)
	if err != nil {
		t.Fatal(err)
	}
	back, _ := io.ReadAll(f)
	f.Close()
	if !bytes.Equal(back, content) {
		t.Error("the stored bytes differ")
	}
	if err := fs.Remove(got.StoredName); err != nil {
		t.Fatal(err)
	}
	if es := entries(t, fs.Dir); len(es) != 0 {
		t.Errorf("left after Remove: %v", es)
	}
	if err := fs.Remove(got.StoredName); err != nil {
		t.Errorf("removing twice: %v", err)
	}
}

func TestFilesSaveRefusalsLeaveNothing(t *testing.T) {
	fs := Files{Dir: filepath.Join(t.TempDir(), "files")}
	if _, err := fs.Save(bytes.NewReader(exeContent), "invoice.pdf"); err == nil {
		t.Fatal("an executable named .pdf was stored")
	}
	big := io.MultiReader(bytes.NewReader(pdfContent), io.LimitReader(zeros{}, MaxFileSize))
	if _, err := fs.Save(big, "big.pdf"); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("a file over 25 MB: %v", err)
	}
	if es := entries(t, fs.Dir); len(es) != 0 {
		t.Errorf("left behind: %v", es)
	}
	exact := io.MultiReader(bytes.NewReader(pdfContent), io.LimitReader(zeros{}, MaxFileSize-int64(len(pdfContent))))
	got, err := fs.Save(exact, "exact.pdf")
	if err != nil || got.Size != MaxFileSize {
		t.Errorf("a file of exactly 25 MB: %+v %v", got, err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestFilesPathRefusesOtherNames(t *testing.T) {
	fs := Files{Dir: t.TempDir()}
	for _, name := range []string{"../confdesk.db", "x.pdf", "0123456789abcdef0123456789abcdef.exe", "/etc/passwd", ""} {
		if _, err := fs.Path(name); err == nil {
			t.Errorf("Path(%q) accepted", name)
		}
	}
}

func TestHumanSize(t *testing.T) {
	for n, want := range map[int64]string{1: "1 byte", 812: "812 bytes", 14 * 1024: "14 KB", 2516582: "2.4 MB", MaxFileSize: "25.0 MB"} {
		if got := HumanSize(n); got != want {
			t.Errorf("HumanSize(%d) = %q, want %q", n, got, want)
		}
	}
}

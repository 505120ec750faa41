package press

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"testing"
	"time"
)

func TestWriteKit(t *testing.T) {
	when := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	content := func(s string) func() (io.ReadCloser, error) {
		return func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(s)), nil }
	}
	k := Kit{Folder: "ctc-miami-media-kit", Heading: "CTC Miami — media kit", Intro: []string{"15–17 March 2027"},
		Modified: when, Entries: []KitEntry{
			{Name: "fact-sheet.pdf", About: "Fact sheet", Modified: when, Open: content("%PDF fact")},
			{Name: "files/Foto Piñeiro.jpg", About: "Photo", Caption: "Opening\nplenary", Credit: "IOM / A. Pérez",
				Stored: true, Modified: when, Open: content("jpeg bytes")},
			{Name: "files/foto piñeiro.JPG", Stored: true, Modified: when, Open: content("other")},
		}}
	var buf bytes.Buffer
	files, err := WriteKit(&buf, k)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	sums := map[string]string{}
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.NonUTF8 || (strings.Contains(f.Name, "ñ") && f.Flags&0x800 == 0) {
			t.Errorf("%s: not flagged UTF-8 (flags %#x)", f.Name, f.Flags)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		io.Copy(h, rc)
		rc.Close()
		sums[f.Name] = hex.EncodeToString(h.Sum(nil))
	}
	want := []string{"ctc-miami-media-kit/fact-sheet.pdf", "ctc-miami-media-kit/files/Foto Piñeiro.jpg",
		"ctc-miami-media-kit/files/foto piñeiro (2).JPG", "ctc-miami-media-kit/README.txt"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Fatalf("names %q, want %q", names, want)
	}
	if len(files) != 4 || files[1].SHA256 != sums[want[1]] || files[1].Size != int64(len("jpeg bytes")) {
		t.Errorf("written %+v", files)
	}
	if zr.File[1].Method != zip.Store || zr.File[0].Method != zip.Deflate {
		t.Error("uploads are not stored as they are, or documents not deflated")
	}
	rc, _ := zr.File[3].Open()
	readme, _ := io.ReadAll(rc)
	text := string(readme)
	for _, s := range []string{"CTC Miami — media kit\r\n", "files/Foto Piñeiro.jpg\r\n  Photo\r\n  Opening plenary\r\n  Credit: IOM / A. Pérez\r\n",
		"  SHA-256: " + sums[want[0]] + "\r\n", "  SHA-256: " + sums[want[2]] + "\r\n"} {
		if !strings.Contains(text, s) {
			t.Errorf("README lacks %q:\n%s", s, text)
		}
	}
	var again bytes.Buffer
	if _, err := WriteKit(&again, k); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("the same kit gave different bytes")
	}
}

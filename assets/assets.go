// Package assets embeds the site's static files (CSS, scripts, images and
// fonts) and serves them under content-hashed URLs, so browsers may cache
// them for a year and still see every change at once.
package assets

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"strings"
)

//go:embed css js img
var files embed.FS

// File is one embedded asset, read once at start-up.
type File struct {
	Body        []byte
	ContentType string
	// Hash is the first 16 hex digits of the content's SHA-256; it is the
	// ETag and the ?v= of the asset's URL.
	Hash string
}

var byName = func() map[string]*File {
	m := map[string]*File{}
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" {
			ct = "application/octet-stream"
		}
		m[name] = &File{Body: body, ContentType: ct, Hash: hex.EncodeToString(sum[:8])}
		return nil
	})
	if err != nil {
		panic("assets: " + err.Error())
	}
	return m
}()

// Lookup returns the asset at name, a path relative to assets/ such as "css/app.css".
func Lookup(name string) (*File, bool) {
	f, ok := byName[strings.TrimPrefix(name, "/")]
	return f, ok
}

// URL returns the versioned URL of the asset at name. It panics on an
// unknown name, so a typo fails the first test that renders the page.
func URL(name string) string {
	f, ok := Lookup(name)
	if !ok {
		panic("assets: no file " + name)
	}
	return "/assets/" + name + "?v=" + f.Hash
}

//go:embed fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf
var fonts embed.FS

// Font returns an embedded TrueType font by file name, e.g. "DejaVuSans.ttf".
// The PDFs embed it; pages use the visitor's system fonts.
func Font(name string) []byte {
	b, err := fonts.ReadFile("fonts/" + name)
	if err != nil {
		panic("assets: no font " + name)
	}
	return b
}

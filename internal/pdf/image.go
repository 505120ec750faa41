package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"

	"github.com/jung-kurt/gofpdf"
)

// Image is a picture a document draws (a signature, a logo): a PNG with
// its size in pixels, for its proportions.
type Image struct {
	PNG           []byte
	Width, Height int
	sum           string
}

// NewImage wraps a PNG of w × h pixels for drawing.
func NewImage(png []byte, w, h int) *Image {
	s := sha256.Sum256(png)
	return &Image{PNG: png, Width: w, Height: h, sum: hex.EncodeToString(s[:16])}
}

// GoString names the picture by its content, so that a document described
// with %#v (the badge cache's key) changes with the picture without
// printing its bytes.
func (i *Image) GoString() string {
	if i == nil {
		return "(*pdf.Image)(nil)"
	}
	return "pdf.Image{" + i.sum + "}"
}

// fit is the picture's size in millimetres within maxW × maxH, proportions kept.
func (i *Image) fit(maxW, maxH float64) (w, h float64) {
	if i.Width <= 0 || i.Height <= 0 {
		return 0, 0
	}
	w, h = maxW, maxW*float64(i.Height)/float64(i.Width)
	if h > maxH {
		w, h = maxH*float64(i.Width)/float64(i.Height), maxH
	}
	return w, h
}

// drawImage draws img at (x, y) w × h millimetres, registering it with the
// document on first use.
func drawImage(f *document, img *Image, x, y, w, h float64) {
	opts := gofpdf.ImageOptions{ImageType: "PNG"}
	if f.GetImageInfo(img.sum) == nil {
		f.RegisterImageOptionsReader(img.sum, opts, bytes.NewReader(img.PNG))
	}
	f.ImageOptions(img.sum, x, y, w, h, false, opts, 0, "")
}

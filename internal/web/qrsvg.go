package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/boombuler/barcode/qr"
)

// qrSVGPath encodes content as a QR code and returns an SVG path of its
// dark modules (one unit each, offset by the 4-module quiet zone) and the
// side of the whole square in units. The path holds only numbers and
// commands, so the page can draw it without any markup from outside.
func qrSVGPath(content string) (string, int, error) {
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return "", 0, fmt.Errorf("web: encode QR: %w", err)
	}
	const quiet = 4
	b := code.Bounds()
	var d strings.Builder
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			if r, _, _, _ := code.At(b.Min.X+x, b.Min.Y+y).RGBA(); r == 0 {
				d.WriteString("M" + strconv.Itoa(x+quiet) + " " + strconv.Itoa(y+quiet) + "h1v1h-1z")
			}
		}
	}
	return d.String(), b.Dx() + 2*quiet, nil
}

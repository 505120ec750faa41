package pdf

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/boombuler/barcode/qr"
)

// quietZone is the blank border around a QR code, in modules, that scanners need.
const quietZone = 4

// qrMatrix is a QR code's modules: dark[y][x].
type qrMatrix struct {
	size int
	dark [][]bool
}

// encodeQR encodes content at error-correction level M.
func encodeQR(content string) (qrMatrix, error) {
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return qrMatrix{}, fmt.Errorf("pdf: encode QR: %w", err)
	}
	b := code.Bounds()
	m := qrMatrix{size: b.Dx(), dark: make([][]bool, b.Dy())}
	for y := 0; y < b.Dy(); y++ {
		m.dark[y] = make([]bool, b.Dx())
		for x := 0; x < b.Dx(); x++ {
			r, _, _, _ := code.At(b.Min.X+x, b.Min.Y+y).RGBA()
			m.dark[y][x] = r == 0
		}
	}
	return m, nil
}

// encodeAll encodes every content on all cores; QR encoding is most of the
// cost of a batch of badges.
func encodeAll(contents []string) ([]qrMatrix, error) {
	out := make([]qrMatrix, len(contents))
	errs := make([]error, len(contents))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = encodeQR(contents[i])
			}
		}()
	}
	for i := range contents {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// drawQR draws m as black rectangles in a white square of side size at (x, y),
// quiet zone included. Runs of dark modules in a row become one rectangle.
func drawQR(f *document, m qrMatrix, x, y, size float64) {
	modules := float64(m.size + 2*quietZone)
	unit := size / modules
	f.SetFillColor(255, 255, 255)
	f.Rect(x, y, size, size, "F")
	f.SetFillColor(0, 0, 0)
	for row := 0; row < m.size; row++ {
		for col := 0; col < m.size; {
			if !m.dark[row][col] {
				col++
				continue
			}
			start := col
			for col < m.size && m.dark[row][col] {
				col++
			}
			f.Rect(x+float64(quietZone+start)*unit, y+float64(quietZone+row)*unit, float64(col-start)*unit, unit, "F")
		}
	}
}

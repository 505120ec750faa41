package pdf

import (
	"fmt"
	"runtime"
	"sync/atomic"

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

// qrStream encodes a batch's codes on every core, in order, while the
// caller draws: badge i waits only for its own code, so that encoding
// (about two thirds of a batch's CPU) overlaps with the drawing, which
// gofpdf does on one goroutine.
type qrStream struct {
	out  []qrMatrix
	errs []error
	done []chan struct{} // closed once out[i] and errs[i] are set
	stop atomic.Bool
}

// encodeStream starts encoding contents; get(i) waits for code i, and
// close stops the encoders early when the drawing gives up.
func encodeStream(contents []string) *qrStream {
	s := &qrStream{out: make([]qrMatrix, len(contents)), errs: make([]error, len(contents)),
		done: make([]chan struct{}, len(contents))}
	for i := range s.done {
		s.done[i] = make(chan struct{})
	}
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), len(contents)) {
		go func() {
			for !s.stop.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(contents) {
					return
				}
				s.out[i], s.errs[i] = encodeQR(contents[i])
				close(s.done[i])
			}
		}()
	}
	return s
}

// get waits for code i and hands it over: the stream keeps no reference,
// so a drawn badge's code can be collected.
func (s *qrStream) get(i int) (qrMatrix, error) {
	<-s.done[i]
	m, err := s.out[i], s.errs[i]
	s.out[i] = qrMatrix{}
	return m, err
}

// close lets the encoders stop after the code each is on.
func (s *qrStream) close() { s.stop.Store(true) }

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

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

// qrStream shares a batch's QR codes between the goroutine that draws the
// badges and encoders on the other cores. Encoding is about two thirds of
// a batch's CPU and gofpdf draws on one goroutine, so the drawer encodes
// each code it needs itself, front to back, unless an encoder has taken
// it; the encoders take codes from the back, until they meet the drawer.
// The drawer never waits on an encoder that the machine's other work has
// descheduled (except for the code or two where they meet), and on an
// idle machine the cores share the encoding.
type qrStream struct {
	contents []string
	out      []qrMatrix
	errs     []error
	taken    []atomic.Bool   // set by whoever encodes code i
	done     []chan struct{} // closed once an encoder has set out[i] and errs[i]
	back     atomic.Int64    // the encoders' next code, plus one
	stop     atomic.Bool
}

// encodeStream starts the encoders for contents; get(i) returns code i,
// and close stops the encoders when the drawing gives up.
func encodeStream(contents []string) *qrStream {
	n := len(contents)
	s := &qrStream{contents: contents, out: make([]qrMatrix, n), errs: make([]error, n),
		taken: make([]atomic.Bool, n), done: make([]chan struct{}, n)}
	for i := range s.done {
		s.done[i] = make(chan struct{})
	}
	s.back.Store(int64(n))
	// One core is the drawer's; with one core, the drawer encodes everything.
	for range min(runtime.GOMAXPROCS(0)-1, n) {
		go func() {
			for !s.stop.Load() {
				i := int(s.back.Add(-1))
				if i < 0 || !s.taken[i].CompareAndSwap(false, true) {
					return // the drawer has come this far: the rest is its own
				}
				s.out[i], s.errs[i] = encodeQR(contents[i])
				close(s.done[i])
			}
		}()
	}
	return s
}

// get returns code i, encoding it here unless an encoder took it, and
// keeps no reference to it, so that a drawn badge's code can be collected.
// The drawer asks for the codes in order.
func (s *qrStream) get(i int) (qrMatrix, error) {
	if s.taken[i].CompareAndSwap(false, true) {
		return encodeQR(s.contents[i])
	}
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

// Package benchmem measures a benchmark's peak memory, which the Go
// benchmark framework does not report: it samples the live heap while the
// work runs and reports the highest value above the level before it.
package benchmem

import (
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Peak runs fn and reports its peak live heap as the metric "peak-MB".
func Peak(b *testing.B, fn func()) {
	b.Helper()
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if v := read(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(stop)
	<-done
	b.ReportMetric(float64(peak.Load()-min(base, peak.Load()))/(1<<20), "peak-MB")
}

// CPU runs fn and reports the CPU time the process spent meanwhile (user
// and system, every goroutine's and the garbage collector's) per
// iteration, as the metric "cpu-ms/op": on a shared machine wall time
// counts the neighbours' work too, CPU time counts only ours.
func CPU(b *testing.B, fn func()) {
	b.Helper()
	before := cpuTime()
	fn()
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime()-before)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

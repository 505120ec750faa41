package press

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"confdesk/internal/store"
)

// Downloads counts the public press room's downloads (the media kit and
// each published file) in memory and writes the counts in batches: a
// download is an anonymous read, and an anonymous read must not write to
// the database, or a crowd or a crawler could fill a table and
// queue behind registrations for the one writer. A batch holds one row per
// item and minute, so the table grows with the minutes the press room is
// used, not with the requests; reports still count by day. Counts reach
// the console at the next flush: Run flushes once a minute, and the server
// flushes once more on shutdown, after the last request. A crash loses at
// most the last minute's counts, which is acceptable for a statistic.
type Downloads struct {
	store *store.Store
	log   *slog.Logger

	mu      sync.Mutex
	pending map[downloadKey]int
}

type downloadKey struct {
	conferenceID int64
	item         string
	pressFileID  int64
	minute       time.Time
}

// NewDownloads returns a counter that writes to st and logs a failed flush to log.
func NewDownloads(st *store.Store, log *slog.Logger) *Downloads {
	return &Downloads{store: st, log: log, pending: map[downloadKey]int{}}
}

// Count notes one download of item (store.DownloadKit or store.DownloadFile
// with its pressFileID) at at.
func (d *Downloads) Count(conferenceID int64, item string, pressFileID int64, at time.Time) {
	k := downloadKey{conferenceID, item, pressFileID, at.UTC().Truncate(time.Minute)}
	d.mu.Lock()
	d.pending[k]++
	d.mu.Unlock()
}

// Flush writes the counts noted so far in one transaction. When it fails,
// the counts are kept for the next flush.
func (d *Downloads) Flush(ctx context.Context) error {
	d.mu.Lock()
	batch := d.pending
	d.pending = map[downloadKey]int{}
	d.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	counts := make([]store.DownloadCount, 0, len(batch))
	for k, n := range batch {
		counts = append(counts, store.DownloadCount{ConferenceID: k.conferenceID, Item: k.item,
			PressFileID: k.pressFileID, Minute: k.minute, N: n})
	}
	err := d.store.Update(ctx, func(tx *store.Tx) error { return tx.AddDownloads(counts) })
	if err != nil {
		d.mu.Lock()
		for k, n := range batch {
			d.pending[k] += n
		}
		d.mu.Unlock()
	}
	return err
}

// Run flushes at every tick until ctx ends. It leaves the last flush to
// the caller, who makes it once no request can count a download any more.
func (d *Downloads) Run(ctx context.Context, tick <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			if err := d.Flush(ctx); err != nil {
				d.log.Error("press: write download counts", "error", err)
			}
		}
	}
}

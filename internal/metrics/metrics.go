// Package metrics gives confdesk's Prometheus metrics, served on a
// listener of their own (--metrics-addr), never on the public one.
//
// Everything is registered on a private registry, not the global default,
// so that two servers in one test process do not share counters.
//
// Label values come only from the code: a request is labelled with its
// route's pattern ("/registration/:token"), never the path it asked for,
// and its method is one of the standard few. A token can therefore never
// become a label value, and the number of series stays bounded however
// many different URLs clients try.
package metrics

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"confdesk/internal/database"
)

// Metrics is the server's set of metrics.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	groups   prometheus.Histogram
}

// New registers the metrics for db, with the Go runtime and process
// collectors, and starts counting db's group commits.
func New(db *database.DB) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "confdesk_http_requests_total",
		Help: "HTTP requests answered, by method, route pattern and status code.",
	}, []string{"method", "route", "status"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "confdesk_http_request_duration_seconds",
		Help:    "Time to answer an HTTP request, by method and route pattern.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"method", "route"})
	m.groups = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "confdesk_db_group_commit_size",
		Help:    "Write transactions committed together in one group commit (one fsync).",
		Buckets: []float64{1, 2, 4, 8, 16, 32, 64},
	})
	m.reg.MustRegister(m.requests, m.duration, m.groups,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		newStoreCollector(db))
	db.OnGroupCommit(func(n int) { m.groups.Observe(float64(n)) })
	return m
}

// Registry is where the metrics are registered (tests gather from it).
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the metrics in Prometheus' exposition formats.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// methods are the label values a request's method may take; any other is "other".
var methods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true,
}

// ObserveRequest counts one answered request. route must be the matched
// route's pattern, never the requested path.
func (m *Metrics) ObserveRequest(method, route string, status int, d time.Duration) {
	if !methods[method] {
		method = "other"
	}
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(method, route).Observe(d.Seconds())
}

// Serve serves /metrics on ln until ctx ends, then shuts the listener's
// server down. It returns nil after a shutdown.
func (m *Metrics) Serve(ctx context.Context, ln net.Listener) error {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	err := srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		<-done
		return nil
	}
	return err
}

// storeCollector reads the database at scrape time: a few counts over
// indexed columns and two file sizes, cheap enough for every scrape.
type storeCollector struct {
	db *database.DB

	registrations, outbox, queue, size, up *prometheus.Desc
}

func newStoreCollector(db *database.DB) *storeCollector {
	return &storeCollector{
		db: db,
		registrations: prometheus.NewDesc("confdesk_registrations",
			"Registrations, by status.", []string{"status"}, nil),
		outbox: prometheus.NewDesc("confdesk_outbox_messages",
			"E-mails in the outbox not yet sent: state queued is the backlog, failed gave up after the last retry.",
			[]string{"state"}, nil),
		queue: prometheus.NewDesc("confdesk_db_write_queue_depth",
			"Writes waiting for the database writer, not counting the group it is committing.", nil, nil),
		size: prometheus.NewDesc("confdesk_db_size_bytes",
			"Size of the database's files: file main, wal the write-ahead log.", []string{"file"}, nil),
		up: prometheus.NewDesc("confdesk_db_scrape_ok",
			"1 when the database answered this scrape's queries, else 0.", nil, nil),
	}
}

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.registrations, c.outbox, c.queue, c.size, c.up} {
		ch <- d
	}
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	ch <- prometheus.MustNewConstMetric(c.queue, prometheus.GaugeValue, float64(c.db.QueuedWrites()))
	for file, path := range map[string]string{"main": c.db.Path(), "wal": c.db.Path() + "-wal"} {
		var n int64
		if fi, err := os.Stat(path); err == nil {
			n = fi.Size()
		}
		ch <- prometheus.MustNewConstMetric(c.size, prometheus.GaugeValue, float64(n), file)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	ok := 1.0
	// Every status and state appears, at 0 when none is in it, so a
	// dashboard's series do not come and go.
	regs := map[string]float64{"pending": 0, "confirmed": 0, "rejected": 0, "waitlisted": 0, "cancelled": 0}
	out := map[string]float64{"queued": 0, "failed": 0}
	if err := countBy(ctx, c.db.Read, `SELECT status, count(*) FROM registrations GROUP BY status`, regs); err != nil {
		ok = 0
	}
	// outbox_due is on (state, next_attempt_at): the sent messages, the
	// many, are not counted.
	if err := countBy(ctx, c.db.Read, `SELECT state, count(*) FROM outbox WHERE state IN ('queued', 'failed') GROUP BY state`, out); err != nil {
		ok = 0
	}
	for k, v := range regs {
		ch <- prometheus.MustNewConstMetric(c.registrations, prometheus.GaugeValue, v, k)
	}
	for k, v := range out {
		ch <- prometheus.MustNewConstMetric(c.outbox, prometheus.GaugeValue, v, k)
	}
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, ok)
}

// countBy adds the (key, count) rows of query into into, keeping only
// keys it already has: label values come from the code, not the data.
func countBy(ctx context.Context, db *sql.DB, query string, into map[string]float64) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n float64
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		if _, known := into[k]; known {
			into[k] = n
		}
	}
	return rows.Err()
}

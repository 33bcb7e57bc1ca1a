// Package metrics is what pmscan serve tells Prometheus: scans by target
// and how they ended, what they read, what they found by type and
// confidence, the policy's conformance flags, durations, and the
// notifications. Labels hold target names (the config's), detector
// types, rules and severities: never a value found, a place or a URL.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/pmscan/pmscan/reports/inventory"
)

// Metrics are pmscan serve's metrics, in a registry of their own (not the
// global one: two in one process, as in tests, do not clash).
type Metrics struct {
	reg *prometheus.Registry

	started, finished, failed, skipped *prometheus.CounterVec
	running                            *prometheus.GaugeVec
	objects, rows, bytes, carried      *prometheus.CounterVec
	findings, problems, flags          *prometheus.GaugeVec
	duration                           *prometheus.HistogramVec
	lastSuccess, lastFinish, nextRun   *prometheus.GaugeVec
	notifications                      *prometheus.CounterVec
}

const ns = "pmscan"

// New makes the metrics, with Go's and the process's own.
func New(version string) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		c := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: name, Help: help}, labels)
		m.reg.MustRegister(c)
		return c
	}
	gauge := func(name, help string, labels ...string) *prometheus.GaugeVec {
		g := prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: ns, Name: name, Help: help}, labels)
		m.reg.MustRegister(g)
		return g
	}
	m.started = counter("scans_started_total", "Scheduled scans started.", "target")
	m.finished = counter("scans_finished_total", "Scheduled scans ended, by how: complete, unreadable_items, failed, interrupted.", "target", "status")
	m.failed = counter("scans_failed_total", "Scheduled scans that failed: a target or the state store failed, or the scan could not begin.", "target")
	m.skipped = counter("scans_skipped_total", "Scheduled runs not run, by why: running (the previous run had not ended), locked (another pmscan was scanning the target).", "target", "reason")
	m.running = gauge("scans_running", "Scans running now.", "target")
	m.objects = counter("objects_read_total", "Objects (files, S3 objects, tables) read to the end, carried-over ones not counted.", "target")
	m.carried = counter("objects_carried_total", "Objects carried over unchanged from earlier scans, not read.", "target")
	m.rows = counter("rows_read_total", "Database rows scanned (with carried-over tables).", "target")
	m.bytes = counter("bytes_read_total", "Bytes of the objects scanned (with carried-over objects).", "target")
	m.findings = gauge("findings", "Findings of the target's latest complete scan (carried-over objects' included), by detector type and confidence.", "target", "type", "confidence")
	m.problems = gauge("problems", "Items of the target's latest complete scan skipped on purpose (skipped) or that could not be read (failed).", "target", "kind")
	m.flags = gauge("conformance_flags", "Policy conformance flags the target's latest complete scan raised, by rule and severity.", "target", "rule", "severity")
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: ns, Name: "scan_duration_seconds", Help: "How long scheduled scans took, by how they ended.",
		Buckets: prometheus.ExponentialBuckets(1, 3, 11)}, []string{"target", "status"}) // 1 s to 16 h
	m.reg.MustRegister(m.duration)
	m.lastSuccess = gauge("last_success_timestamp_seconds", "When the target's latest scan that walked it to the end finished (Unix time).", "target")
	m.lastFinish = gauge("last_finish_timestamp_seconds", "When the target's latest scan ended, however it ended (Unix time).", "target")
	m.nextRun = gauge("next_run_timestamp_seconds", "When the target's next scheduled run is due (Unix time).", "target")
	m.notifications = counter("notifications_total", "Webhook notifications, by result: delivered, failed (given up after retries), dropped (queue full).", "result")
	info := gauge("build_info", "pmscan's version.", "version")
	info.WithLabelValues(version).Set(1)
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry is the registry the metrics are in, for tests to gather.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Target makes target's series exist, at zero, before its first scan: a
// dashboard shows a target that has never run rather than nothing.
func (m *Metrics) Target(target string) {
	m.started.WithLabelValues(target)
	m.failed.WithLabelValues(target)
	m.running.WithLabelValues(target)
}

// Scheduled says when target runs next.
func (m *Metrics) Scheduled(target string, next time.Time) {
	m.nextRun.WithLabelValues(target).Set(float64(next.Unix()))
}

// Skipped counts a run not run, and why.
func (m *Metrics) Skipped(target, reason string) { m.skipped.WithLabelValues(target, reason).Inc() }

// Started counts a scan that starts.
func (m *Metrics) Started(target string) {
	m.started.WithLabelValues(target).Inc()
	m.running.WithLabelValues(target).Inc()
}

// Scan is how a scan ended, for Finished.
type Scan struct {
	Status   string // inventory's Status constants; "failed" when it did not begin
	Failed   bool   // it failed (a target, the store, the report)
	Duration time.Duration
	Finished time.Time
	// Inventory is nil when the scan did not begin or did not finish.
	Inventory *inventory.Inventory
}

// Finished counts a scan that ended.
func (m *Metrics) Finished(target string, s Scan) {
	m.running.WithLabelValues(target).Dec()
	m.finished.WithLabelValues(target, s.Status).Inc()
	m.duration.WithLabelValues(target, s.Status).Observe(s.Duration.Seconds())
	m.lastFinish.WithLabelValues(target).Set(float64(s.Finished.Unix()))
	if s.Failed {
		m.failed.WithLabelValues(target).Inc()
	}
	inv := s.Inventory
	if inv == nil {
		return
	}
	read := inv.Totals.Objects
	if c := inv.Changes; c != nil {
		read = c.Read
		m.carried.WithLabelValues(target).Add(float64(c.Carried))
	}
	m.objects.WithLabelValues(target).Add(float64(read))
	m.rows.WithLabelValues(target).Add(float64(inv.Totals.Rows))
	m.bytes.WithLabelValues(target).Add(float64(inv.Totals.Bytes))
	if s.Status != inventory.StatusComplete && s.Status != inventory.StatusUnreadable {
		return // a partial scan's findings and flags are not the target's
	}
	m.lastSuccess.WithLabelValues(target).Set(float64(s.Finished.Unix()))
	m.problems.WithLabelValues(target, "skipped").Set(float64(inv.Totals.Skipped))
	m.problems.WithLabelValues(target, "failed").Set(float64(inv.Totals.Failed))
	m.findings.DeletePartialMatch(prometheus.Labels{"target": target})
	for _, t := range inv.Types {
		m.findings.WithLabelValues(target, t.Type, "high").Set(float64(t.High))
		m.findings.WithLabelValues(target, t.Type, "medium").Set(float64(t.Medium))
		m.findings.WithLabelValues(target, t.Type, "low").Set(float64(t.Low))
	}
	m.flags.DeletePartialMatch(prometheus.Labels{"target": target})
	for _, f := range inv.Flags {
		m.flags.WithLabelValues(target, f.Rule, f.Severity.String()).Inc()
	}
}

// Notified counts a webhook notification by its result.
func (m *Metrics) Notified(result string) { m.notifications.WithLabelValues(result).Inc() }

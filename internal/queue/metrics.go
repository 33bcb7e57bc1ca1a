package queue

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// depthDesc is the queue's depth by job state, read at each scrape: what
// a HorizontalPodAutoscaler scales the workers on (waiting: available,
// scheduled and retryable units; running).
var depthDesc = prometheus.NewDesc("pmscan_queue_units", "Units of distributed scans in the queue, by state.", []string{"state"}, nil)

// Collector exposes the queue's depth to Prometheus.
type Collector struct{ pool *pgxpool.Pool }

// NewCollector returns a collector of the depth of the queue in pool's
// database.
func NewCollector(pool *pgxpool.Pool) *Collector { return &Collector{pool: pool} }

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) { ch <- depthDesc }

// Collect implements prometheus.Collector. A store that does not answer
// gives no sample, and the scrape says so by its absence.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts := map[string]float64{"waiting": 0, "running": 0}
	rows, err := c.pool.Query(ctx, `SELECT CASE WHEN state = 'running' THEN 'running' ELSE 'waiting' END, count(*)
FROM river_job WHERE queue = $1 AND state IN ('available', 'scheduled', 'retryable', 'pending', 'running') GROUP BY 1`, Name)
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
		var (
			state string
			n     int64
		)
		if rows.Scan(&state, &n) != nil {
			return
		}
		counts[state] = float64(n)
	}
	if rows.Err() != nil {
		return
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(depthDesc, prometheus.GaugeValue, n, state)
	}
}

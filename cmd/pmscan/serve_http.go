package main

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/pmscan/pmscan/reports/store"
)

// recentScans is how many scans /api/v1/scans lists.
const recentScans = 50

// handler serves pmscan serve's endpoints. None says a value found, a
// place or a credential: targets by name, scans by ID, counts.
func (f *fleet) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		// Ready when the state store answers: without it no scan can run.
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		if _, err := f.st.Scans(ctx, 1); err != nil {
			http.Error(w, "the state store does not answer", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok\n"))
	})
	if f.metrics != nil {
		mux.Handle("GET /metrics", f.metrics.Handler())
	}
	mux.HandleFunc("GET /api/v1/scans", f.apiScans)
	return mux
}

// apiScan is a scan as /api/v1/scans lists it.
type apiScan struct {
	ID       int64      `json:"id"`
	Targets  []string   `json:"targets"` // as the store names them, credentials redacted
	Started  time.Time  `json:"started"`
	Finished *time.Time `json:"finished,omitempty"`
	Status   string     `json:"status"`
	Objects  int64      `json:"objects"`
	Rows     int64      `json:"rows"`
	Bytes    int64      `json:"bytes"`
	Findings int64      `json:"findings"`
	Failed   int64      `json:"failed"`
}

func (f *fleet) apiScans(w http.ResponseWriter, r *http.Request) {
	scans, err := f.st.Scans(r.Context(), recentScans)
	if err != nil {
		f.log.Warn("/api/v1/scans: the state store", "error", err)
		http.Error(w, "the state store does not answer", http.StatusServiceUnavailable)
		return
	}
	out := struct {
		Targets []targetStatus `json:"targets"`
		Scans   []apiScan      `json:"scans"`
	}{Targets: f.statuses(), Scans: make([]apiScan, 0, len(scans))}
	for i := range scans {
		out.Scans = append(out.Scans, apiScanOf(&scans[i]))
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}

func apiScanOf(sc *store.Scan) apiScan {
	a := apiScan{ID: sc.ID, Targets: sc.Info.Targets, Started: sc.Info.Started, Status: sc.Status(),
		Objects: sc.Totals.Objects, Rows: sc.Totals.Rows, Bytes: sc.Totals.Bytes, Findings: sc.Totals.Findings, Failed: sc.Totals.Failed}
	if !sc.Finished.IsZero() {
		fin := sc.Finished
		a.Finished = &fin
	}
	if a.Targets == nil {
		a.Targets = []string{}
	}
	return a
}

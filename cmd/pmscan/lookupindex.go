package main

import (
	"context"
	"io"
	"strconv"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/reports/lookup"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/reports/store"
)

// searchIndex answers a lookup without targets from the state store's
// lookup index: what the latest complete scan of each target found. A
// scan hashed with another key (or none) cannot be searched: its targets
// are listed as not searched, and if no scan can be, the lookup refuses.
func (o *lookupOptions) searchIndex(ctx context.Context, p *i18n.Printer, st *store.Store, q *lookup.Query, key lookup.Key, pol *policy.Policy, stderr io.Writer) (*lookup.Result, int, string) {
	x := key.Index()
	search := lookup.NewIndexSearch(q, x, pol, o.showData)
	found, err := st.SearchIndex(ctx, search.Hashes(), search.Record)
	if err != nil {
		p.Fprintf(stderr, "pmscan lookup: %v\n", err)
		return nil, exitStoreFailed, ""
	}
	if len(found.Scans) == 0 {
		p.Fprintf(stderr, "pmscan lookup: the state store has no complete scan to search: scan the stores first (pmscan scan TARGET...), or give the TARGETs to search them live\n")
		return nil, exitUsage, ""
	}
	res := search.Result()
	indexed := 0
	for _, sc := range found.Scans {
		res.Scans = append(res.Scans, lookup.IndexedScan{ID: sc.ID, Started: sc.Started, Targets: sc.Targets})
		res.Targets = append(res.Targets, sc.Targets...)
		if sc.LookupKey == x.ID() {
			indexed++
			res.Objects += sc.Objects
			continue
		}
		why := "scan " + strconv.FormatInt(sc.ID, 10) + " kept no lookup index: scan the target again"
		if sc.LookupKey != "" {
			why = "scan " + strconv.FormatInt(sc.ID, 10) + " hashed with another lookup key: give that key, or scan the target again"
		}
		for _, t := range sc.Targets {
			res.Problems = append(res.Problems, lookup.Problem{Object: t, Location: connectors.LocationJSON{Store: t}, Error: why})
		}
	}
	if indexed == 0 {
		p.Fprintf(stderr, "pmscan lookup: none of the %d latest scans in the state store was indexed with this lookup key: give the key the scans used (-lookup-key FILE or $PMSCAN_LOOKUP_KEY), or scan the stores again\n", len(found.Scans))
		return nil, exitUsage, ""
	}
	for _, f := range found.Failed {
		res.Problems = append(res.Problems, lookup.Problem{Object: f.Name, Error: f.Reason})
	}
	for _, u := range found.Unfinished {
		res.Problems = append(res.Problems, lookup.Problem{Object: u.Name, Location: connectors.LocationJSON{Store: u.Name}, Error: unfinishedWhy(u)})
	}
	if len(res.Problems) > 0 {
		return res, exitItemErrors, store.LookupIncomplete
	}
	return res, exitOK, store.LookupComplete
}

// unfinishedWhy says what the index holds of a target its latest scan did
// not walk to the end.
func unfinishedWhy(u store.UnfinishedTarget) string {
	why := "its latest scan, " + strconv.FormatInt(u.Scan, 10) + ", ended " + u.Status
	if u.Error != "" {
		why += " (" + u.Error + ")"
	}
	if u.Answered == 0 {
		return why + ": no scan walked it to the end, so it was not searched"
	}
	return why + ": answered from scan " + strconv.FormatInt(u.Answered, 10) + ", the latest that walked it to the end"
}

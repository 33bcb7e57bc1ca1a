package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"slices"
	"time"

	"github.com/pmscan/pmscan/internal/config"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/metrics"
	"github.com/pmscan/pmscan/internal/notify"
	"github.com/pmscan/pmscan/reports/diff"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/store"
)

// maxNotified bounds each list of a notification: the counts stay exact,
// and pmscan diff has the rest.
const maxNotified = 100

// newNotifier makes the config's webhook, its secret from the environment;
// nil without notify: in the config.
func newNotifier(cfg *config.Config, log *slog.Logger, m *metrics.Metrics) (*notify.Notifier, error) {
	n := cfg.Notify
	if n == nil {
		return nil, nil
	}
	url := n.URL
	if n.URLEnv != "" {
		if url = os.Getenv(n.URLEnv); url == "" {
			return nil, i18n.Errorf("notify: url_env: the environment variable %s is not set", n.URLEnv)
		}
	}
	secret := os.Getenv(n.SecretEnv)
	if secret == "" {
		return nil, i18n.Errorf("notify: the environment variable %s (the webhook's signing secret) is not set", n.SecretEnv)
	}
	return notify.New(notify.Options{URL: url, Secret: []byte(secret), UserAgent: "pmscan/" + version(), Report: func(r notify.Result) {
		result := "delivered"
		switch {
		case r.Dropped:
			result = "dropped"
		case !r.Delivered:
			result = "failed"
		}
		if m != nil {
			m.Notified(result)
		}
		attrs := []any{"target", r.Target, "delivery", r.Delivery, "result", result, "attempts", r.Attempts, "status", r.Status, "elapsed", r.Elapsed.Round(time.Millisecond).String()}
		if r.Err != nil {
			log.Warn("notification not delivered", append(attrs, "error", r.Err)...)
			return
		}
		log.Info("notification delivered", attrs...)
	}})
}

// notify tells the webhook how t's scan went, when one of the target's
// events fired. What is new is new since the target's previous scan that
// walked it to the end; a target's first scan is its baseline and tells
// of nothing new (its report lists everything).
func (f *fleet) notify(ctx context.Context, t *config.Target, log *slog.Logger, res scanOutcome, status string, started, finished time.Time, why string) {
	events := f.cfg.Events(t)
	if len(events) == 0 {
		return
	}
	p := &notify.Payload{Target: t.Name, Scan: res.id, Status: status, ExitCode: res.code, Started: started, Finished: finished}
	if res.code != exitOK && res.code != exitFindings {
		p.Error = why
	}
	if res.sum != nil {
		for _, tr := range res.sum.Targets {
			p.Store = append(p.Store, tr.Name)
		}
	}
	if inv := res.inv; inv != nil {
		p.Counts = notify.Counts{Objects: inv.Totals.Objects, Rows: inv.Totals.Rows, Bytes: inv.Totals.Bytes, Findings: inv.Totals.Findings,
			Places: int64(inv.Totals.Places), Failed: inv.Totals.Failed}
		if status == inventory.StatusComplete || status == inventory.StatusUnreadable {
			if err := f.newSince(ctx, t, p, inv); err != nil {
				log.Warn("notification: what is new could not be found", "error", err)
			}
		}
	}
	var fired []string
	for _, e := range notify.Events {
		var on bool
		switch e {
		case notify.EventEvery:
			on = true
		case notify.EventNewFlags:
			on = len(p.NewFlags) > 0
		case notify.EventNewItems:
			on = len(p.NewItems) > 0 || len(p.NewPlaces) > 0
		case notify.EventFailed:
			on = res.code != exitOK && res.code != exitFindings
		}
		if on && slices.Contains(events, e) {
			fired = append(fired, e)
		}
	}
	if len(fired) == 0 {
		return
	}
	p.Events = fired
	p.Truncate(maxNotified)
	f.notifier.Send(p)
}

// newSince fills in what scan res found that the target's previous
// complete scan did not: flags, items and places.
func (f *fleet) newSince(ctx context.Context, t *config.Target, p *notify.Payload, inv *inventory.Inventory) error {
	prev, err := f.st.PreviousWalked(ctx, p.Scan, t.StoreName())
	if errors.Is(err, store.ErrNotFound) {
		return nil // the first: the baseline
	}
	if err != nil {
		return err
	}
	ps, err := f.st.Scan(ctx, prev)
	if err != nil {
		return err
	}
	p.PreviousScan = prev
	d := diff.Compare(ps.Inventory, inv, nil, nil)
	for _, fl := range d.Flags.New {
		p.NewFlags = append(p.NewFlags, notify.Flag{Severity: fl.Severity.String(), Rule: fl.Rule, Item: fl.Item, Store: fl.Store, Place: fl.Name, Column: fl.Column, Findings: fl.Findings})
	}
	for _, it := range d.Items.Appeared {
		p.NewItems = append(p.NewItems, notify.Item{ItemID: it.ItemID, Item: it.Item, Class: it.Class, Places: it.Places, Findings: it.Findings})
	}
	for _, pl := range d.Places.Appeared {
		p.NewPlaces = append(p.NewPlaces, notify.Place{Store: pl.Store, Place: pl.Name, Column: pl.Column, Items: pl.Items, Findings: pl.Findings})
	}
	for _, pl := range d.Columns.Appeared {
		p.NewPlaces = append(p.NewPlaces, notify.Place{Store: pl.Store, Place: pl.Name, Column: pl.Column, Items: pl.Items, Findings: pl.Findings})
	}
	p.Counts.NewFlags, p.Counts.ResolvedFlags = int64(len(d.Flags.New)), int64(len(d.Flags.Resolved))
	p.Counts.NewItems, p.Counts.NewPlaces = int64(len(p.NewItems)), int64(len(p.NewPlaces))
	return nil
}

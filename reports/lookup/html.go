package lookup

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"github.com/pmscan/pmscan/reports/ledger"
)

//go:embed html/lookup.tmpl
var lookupTemplate string

// page is the lookup's HTML template, parsed once: Japanese, in the
// ledger report's style, without script or network.
var page = template.Must(template.New("lookup").Parse(lookupTemplate))

type htmlRecord struct {
	Place, Position, Reason string
	Matched                 []htmlMatched
}

type htmlMatched struct {
	Kind, Column, Value string
	Item                *Item
}

type htmlProblem struct{ Place, Error string }

type htmlPage struct {
	CSS                      template.CSS
	Started, Given           string
	Targets                  []string
	Interrupted              bool
	Own, Entrusted, Possible []htmlRecord
	Near                     []htmlRecord
	Problems                 []htmlProblem
}

// writeHTML writes the result as one self-contained page that works
// offline, in Japanese: what was searched, the matches (own data, then
// entrusted data, answered for to the entrusting party), the possible
// matches, the near misses and what could not be searched.
func writeHTML(w io.Writer, r *Result) error {
	pg := htmlPage{CSS: template.CSS(ledger.CSS()), Given: kindsLabel(r.Query), Targets: r.Targets, Interrupted: r.Interrupted}
	if !r.Started.IsZero() {
		pg.Started = r.Started.Local().Format("2006-01-02 15:04")
	}
	for _, rec := range r.Matches {
		if rec.Entrusted {
			pg.Entrusted = append(pg.Entrusted, htmlRecordOf(rec))
		} else {
			pg.Own = append(pg.Own, htmlRecordOf(rec))
		}
	}
	for _, rec := range r.PossibleMatches {
		pg.Possible = append(pg.Possible, htmlRecordOf(rec))
	}
	for _, rec := range r.NearMisses {
		pg.Near = append(pg.Near, htmlRecordOf(rec))
	}
	for _, p := range r.Problems {
		l := p.Location
		pg.Problems = append(pg.Problems, htmlProblem{Place: p.Object + " " + ledger.StoreLabel(l.Store), Error: p.Error})
	}
	bw := bufio.NewWriter(w)
	if err := page.Execute(bw, pg); err != nil {
		return fmt.Errorf("write lookup html: %w", err)
	}
	return bw.Flush()
}

func htmlRecordOf(rec Record) htmlRecord {
	h := htmlRecord{Place: rec.Object, Position: positionJA(rec), Reason: reasonJA(rec)}
	for _, m := range rec.Matched {
		h.Matched = append(h.Matched, htmlMatched{Kind: kindLabel(m.Kind), Column: m.Column, Value: m.Value, Item: m.Item})
	}
	return h
}

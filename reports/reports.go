// Package reports is the one registry of pmscan's output formats. Every
// scan builds an inventory (reports/inventory) and keeps it, with its
// findings, in the state store (reports/store); each format renders that
// result, whether pmscan scan writes it as the scan ends or pmscan report
// writes it later from the store.
package reports

import (
	"fmt"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/jsonl"
	"github.com/pmscan/pmscan/reports/ledger"
	"github.com/pmscan/pmscan/reports/text"
	"github.com/pmscan/pmscan/scanner"
	"golang.org/x/text/language"
)

// Result is a finished scan as the formats render it.
type Result struct {
	Inventory *inventory.Inventory
	// Findings yields the scan's kept findings in order, from the state
	// store: by default the first findings of each place, column and type
	// (the inventory counts them all).
	Findings iter.Seq2[scanner.Finding, error]
	// Problems yields every item the scan skipped or could not read, from
	// the state store (the inventory lists the first
	// inventory.MaxProblems). nil: only the inventory's.
	Problems iter.Seq2[scanner.Problem, error]
	// Zone is the time zone of the times the reports write (nil: local).
	// The JSON formats keep UTC.
	Zone *time.Location
	// Language is the language of the formats that follow the user's: the
	// text summary, Japanese for a Japanese tag and English otherwise
	// (the zero Tag too). The ledger formats (csv, xlsx, html) are
	// Japanese and JSON is English regardless.
	Language language.Tag
}

// Format is one output format.
type Format struct {
	Name  string
	Usage string // what it is, for -h
	// Binary formats go to a file (-o), never to a terminal.
	Binary bool
	// Write renders a finished scan.
	Write func(w io.Writer, r Result) error
	// Stream, when set, writes as a scan runs instead: findings as they
	// arrive, so that memory does not grow with them; problems go to
	// problem (nil: dropped).
	Stream func(w io.Writer, problem func(scanner.Problem) error) *jsonl.Stream
}

// formats is every output format, registered once.
var formats = []Format{
	{Name: "text", Usage: "a summary for people: conformance, items, findings by type and place, what was not scanned",
		Write: func(w io.Writer, r Result) error { return text.Write(w, r.Inventory, r.Language) }},
	{Name: "jsonl", Usage: "one finding per line (while scanning: every finding, streamed; from a kept scan: the kept findings)",
		Write: func(w io.Writer, r Result) error { return jsonl.Write(w, r.Findings) }, Stream: jsonl.NewStream},
	{Name: "json", Usage: "the whole inventory (schema: reports/ledger/SCHEMA.md)",
		Write: func(w io.Writer, r Result) error { return ledger.WriteJSON(w, r.Inventory, r.Problems) }},
	{Name: "csv", Usage: "the 個人情報管理台帳, one row per item and place",
		Write: func(w io.Writer, r Result) error {
			return ledger.WriteCSV(w, r.Inventory, ledger.Options{Zone: r.Zone, Problems: r.Problems})
		}},
	{Name: "xlsx", Usage: "the 個人情報管理台帳 workbook: summary, ledger, places, items not read, findings; prints on A4 landscape", Binary: true,
		Write: func(w io.Writer, r Result) error {
			return ledger.WriteXLSX(w, r.Inventory, r.Findings, ledger.Options{Zone: r.Zone, Problems: r.Problems})
		}},
	{Name: "html", Usage: "one self-contained page: the inventory and the ledger",
		Write: func(w io.Writer, r Result) error {
			return ledger.WriteHTML(w, r.Inventory, ledger.Options{Zone: r.Zone})
		}},
}

// Formats lists the output formats.
func Formats() []Format { return formats }

// Lookup finds a format by name.
func Lookup(name string) (Format, error) {
	for _, f := range formats {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("unknown format %q (want %s)", name, Names())
}

// Names lists the format names, for usage text: "text, jsonl, ... or html".
func Names() string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

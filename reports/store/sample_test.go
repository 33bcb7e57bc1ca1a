package store

import (
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/scanner"
)

type countSink struct{ findings, problems int }

func (c *countSink) Finding(*scanner.Finding) error                          { c.findings++; return nil }
func (c *countSink) Object(*connectors.Object, connectors.ObjectStats) error { return nil }
func (c *countSink) Problem(scanner.Problem) error                           { c.problems++; return nil }

func TestSample(t *testing.T) {
	table := connectors.At(connectors.NewTable("postgres", "db", "crm", "public.t"))
	feed := func(s scanner.Sink) {
		for row := range 500 {
			for _, col := range []string{"tel", "mail"} {
				l := table
				l.Column, l.Row = col, connectors.RowKey(`{"id":`+string(rune('0'+row%10))+`}`)
				s.Finding(&scanner.Finding{Type: "phone", Location: l})
				s.Finding(&scanner.Finding{Type: "email", Location: l})
			}
		}
		s.Problem(scanner.Problem{Location: table})
	}
	for _, tt := range []struct{ n, want int }{{10, 2 * 2 * 10}, {0, 0}, {KeepAll, 2000}} {
		var c countSink
		feed(Sample(&c, tt.n))
		if c.findings != tt.want || c.problems != 1 {
			t.Errorf("Sample(%d): %d findings, %d problems; want %d, 1", tt.n, c.findings, c.problems, tt.want)
		}
	}
}

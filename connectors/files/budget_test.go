package files

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/formats"
	"github.com/pmscan/pmscan/connectors/s3"
	"github.com/pmscan/pmscan/internal/testkit/hostile"
	"github.com/pmscan/pmscan/reports/inventory"
)

// TestObjectTimeoutRecorded: a file whose reading passes -object-timeout
// is recorded as unread with the reason timeout, and the walk goes on to
// read the files after it.
func TestObjectTimeoutRecorded(t *testing.T) {
	dir := t.TempDir()
	// The PDF whose trailer's /Prev is its own xref table: the library
	// re-reads it until the read budget; first in the walk, as a-loop.pdf.
	if _, err := hostile.PDFSelfReferencing(dir, 1); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "loop.pdf"), filepath.Join(dir, "a-loop.pdf")); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "b.csv"), "氏名,電話\n山田,090-1234-5678\n")
	var ends []error
	start := time.Now()
	w := walkHook(t, Factory{Formats: formats.Options{ObjectTimeout: 200 * time.Millisecond}}, dir, nil)
	took := time.Since(start)
	if len(w.problems) != 1 || !strings.HasPrefix(w.problems[0], "a-loop.pdf: skip=false ") || !strings.Contains(w.problems[0], "timeout: reading took longer than 200ms (-object-timeout") {
		t.Fatalf("problems %q, want a-loop.pdf's timeout", w.problems)
	}
	if want := []string{"b.csv csv utf-8"}; fmt.Sprint(w.done) != fmt.Sprint(want) || len(w.records) != 4 {
		t.Errorf("after the timeout: done %q, records %q; want b.csv read", w.done, w.records)
	}
	// The reason reports give it, from the error itself.
	c, err := Factory{Formats: formats.Options{ObjectTimeout: 200 * time.Millisecond}}.Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	c.Walk(t.Context(), func(r connectors.Record, err error) error {
		if r.Terminal() && err != nil {
			ends = append(ends, err)
		}
		return nil
	})
	if len(ends) != 1 || !errors.Is(ends[0], context.DeadlineExceeded) || inventory.ReasonOf(ends[0], false) != inventory.ReasonTimeout {
		t.Errorf("terminal errors %v: want one timeout", ends)
	}
	t.Logf("the looping PDF timed out and the walk ended in %v", took.Round(time.Millisecond))
}

// TestObjectTimeoutFlag: -object-timeout is one flag shared by the files
// and S3 connectors, whichever registers it first; 0 is no limit.
func TestObjectTimeoutFlag(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want time.Duration
		err  string
	}{
		{nil, formats.DefaultObjectTimeout, ""},
		{[]string{"-object-timeout", "90s"}, 90 * time.Second, ""},
		{[]string{"-object-timeout", "0"}, -1, ""},
		{[]string{"-object-timeout", "-1s"}, 0, "-object-timeout must not be negative"},
	} {
		f, s := &Factory{}, &s3.Factory{}
		fs := flag.NewFlagSet("scan", flag.ContinueOnError)
		f.RegisterFlags(fs)
		s.RegisterFlags(fs)
		must(t, fs.Parse(tt.args))
		errF, errS := f.ApplyFlags(), s.ApplyFlags()
		if tt.err != "" {
			if errF == nil || errS == nil || errF.Error() != tt.err {
				t.Errorf("%q: errors %v, %v; want %q", tt.args, errF, errS, tt.err)
			}
			continue
		}
		must(t, errF)
		must(t, errS)
		if f.Formats.ObjectTimeout != tt.want || s.Options.Formats.ObjectTimeout != tt.want {
			t.Errorf("%q: files %v, S3 %v; want %v", tt.args, f.Formats.ObjectTimeout, s.Options.Formats.ObjectTimeout, tt.want)
		}
	}
}

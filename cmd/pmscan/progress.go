package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/internal/units"
	"github.com/pmscan/pmscan/scanner"
)

// The status line is hand-drawn with x/term rather than with a progress-bar
// library: a scan's total is unknown, so there is no bar to draw, only one
// line of counts to redraw in place.

const (
	progressEvery = 250 * time.Millisecond
	clearLine     = "\r\x1b[K" // to the line's start, and erase it
	rateWindow    = 5 * time.Second
)

// progressDisplay redraws one status line on a terminal while a scan runs
// and erases it when the scan ends. Its methods do nothing on a nil display,
// which is what -progress never, or auto without a terminal, gives.
type progressDisplay struct {
	w        io.Writer
	counts   *scanner.Progress
	columns  func() int // the terminal's width; 0 when unknown
	every    time.Duration
	stopping chan struct{}
	stopped  chan struct{}

	mu      sync.Mutex // the line on w; the fields below
	shown   bool       // a status line is on screen
	midLine bool       // another writer left the cursor mid-line: draw nothing
	started time.Time
	samples []progressSample // for the rate: the last rateWindow's
}

type progressSample struct {
	at    time.Time
	bytes int64
}

// newProgressDisplay returns the display -progress mode asks for, or nil.
// auto draws only when stderr is a terminal, and not while a JSON Lines
// report streams to a terminal on stdout: the status line would cut into it.
func (o *scanOptions) progressDisplay(stdout, stderr io.Writer) (*progressDisplay, error) {
	switch o.progress {
	case "never":
		return nil, nil
	case "auto":
		if !isTerminal(stderr) || o.format == "jsonl" && o.output == "" && isTerminal(stdout) {
			return nil, nil
		}
	case "always":
	default:
		return nil, i18n.Errorf("-progress: unknown mode %q (want auto, always or never)", o.progress)
	}
	return newProgressDisplay(stderr), nil
}

func newProgressDisplay(w io.Writer) *progressDisplay {
	d := &progressDisplay{w: w, counts: &scanner.Progress{}, every: progressEvery, columns: func() int { return 0 }}
	if f, ok := w.(interface{ Fd() uintptr }); ok {
		d.columns = func() int {
			cols, _, err := term.GetSize(int(f.Fd()))
			if err != nil {
				return 0
			}
			return cols
		}
	}
	return d
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress returns the counters for scanner.Options.Progress.
func (d *progressDisplay) progress() *scanner.Progress {
	if d == nil {
		return nil
	}
	return d.counts
}

// wrap returns w, through which other messages to the display's terminal
// must go: it erases the status line before each, and the next redraw puts
// it back under them.
func (d *progressDisplay) wrap(w io.Writer) io.Writer {
	if d == nil {
		return w
	}
	return progressWriter{d: d, w: w}
}

type progressWriter struct {
	d *progressDisplay
	w io.Writer
}

func (pw progressWriter) Write(p []byte) (int, error) {
	d := pw.d
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.shown {
		if _, err := io.WriteString(d.w, clearLine); err != nil {
			return 0, err
		}
		d.shown = false
	}
	n, err := pw.w.Write(p)
	if n > 0 {
		d.midLine = p[n-1] != '\n'
	}
	return n, err
}

// start draws the line and redraws it every d.every until stop.
func (d *progressDisplay) start() {
	if d == nil {
		return
	}
	d.stopping, d.stopped = make(chan struct{}), make(chan struct{})
	d.mu.Lock()
	d.started = time.Now()
	d.mu.Unlock()
	d.draw()
	go func() {
		defer close(d.stopped)
		t := time.NewTicker(d.every)
		defer t.Stop()
		for {
			select {
			case <-d.stopping:
				return
			case <-t.C:
				d.draw()
			}
		}
	}()
}

// stop ends the redrawing and erases the line, so that what is printed next
// starts on a clean line. Call it once the scan has returned, even when it
// was cancelled; calling it again does nothing.
func (d *progressDisplay) stop() {
	if d == nil || d.stopping == nil {
		return
	}
	close(d.stopping)
	<-d.stopped
	d.stopping = nil
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.shown {
		io.WriteString(d.w, clearLine)
		d.shown = false
	}
}

func (d *progressDisplay) draw() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.midLine {
		return
	}
	now := time.Now()
	s := d.counts.Snapshot()
	line := progressLine(s, d.rate(now, s.Bytes), now.Sub(d.started), d.columns())
	if _, err := io.WriteString(d.w, "\r"+line+"\x1b[K"); err == nil {
		d.shown = true
	}
}

// rate returns the bytes per second over the last rateWindow, or -1 before
// there is a second to measure.
func (d *progressDisplay) rate(now time.Time, bytes int64) float64 {
	d.samples = append(d.samples, progressSample{now, bytes})
	i := 0
	for i < len(d.samples)-2 && now.Sub(d.samples[i+1].at) >= rateWindow {
		i++
	}
	d.samples = append(d.samples[:0], d.samples[i:]...)
	first := d.samples[0]
	span := now.Sub(first.at)
	if span < time.Second {
		return -1
	}
	return float64(bytes-first.bytes) / span.Seconds()
}

// progressLine is the status line for s, fitted to columns (0: unknown), e.g.
//
//	scanning s3://bucket/ · 1,234 objects · 56,789 rows · 1.2 GiB · 45.6 MiB/s · 3,456 findings · 2 errors · 0:42
//
// Rows, skipped items and errors appear once there are some, the rate
// (negative: not yet known) once it is known.
func progressLine(s scanner.ProgressSnapshot, rate float64, elapsed time.Duration, columns int) string {
	parts := []string{countNoun(s.Objects, "object", "objects")}
	if s.Rows > 0 {
		parts = append(parts, countNoun(s.Rows, "row", "rows"))
	}
	parts = append(parts, units.Bytes(s.Bytes))
	if rate >= 0 {
		parts = append(parts, units.Bytes(int64(rate))+"/s")
	}
	parts = append(parts, countNoun(s.Findings, "finding", "findings"))
	if s.Skipped > 0 {
		parts = append(parts, units.Thousands(s.Skipped)+" skipped")
	}
	if s.Failed > 0 {
		parts = append(parts, countNoun(s.Failed, "error", "errors"))
	}
	parts = append(parts, clockTime(elapsed))
	rest := " · " + strings.Join(parts, " · ")

	line := "scanning" + rest
	// The target's name may hold control characters: escaped, they cannot
	// move the cursor. fitLeft may cut an escape's start, never add one.
	if target := safetext.Name(s.Target); target != "" {
		if columns <= 0 {
			return "scanning " + target + rest
		}
		// Cut the target's start to fit: its end says more.
		if room := columns - 1 - safetext.Width(line) - 1; room >= 8 {
			return "scanning " + fitLeft(target, room) + rest
		}
	}
	if columns <= 0 {
		return line
	}
	// Stay short of the last column: a terminal may wrap there, and the
	// next redraw would then start a line too low.
	return strings.TrimRight(fitRight(line, columns-1), " ·")
}

// fitLeft shortens s to at most cols columns by cutting its start, which
// keeps the end of a path or URL: "…/2024/customers.csv".
func fitLeft(s string, cols int) string {
	if safetext.Width(s) <= cols {
		return s
	}
	if cols <= 0 {
		return ""
	}
	rs := []rune(s)
	w := 1 // the ellipsis
	i := len(rs)
	for i > 0 && w+safetext.RuneWidth(rs[i-1]) <= cols {
		i--
		w += safetext.RuneWidth(rs[i])
	}
	return "…" + string(rs[i:])
}

// fitRight cuts s's end to at most cols columns.
func fitRight(s string, cols int) string {
	w := 0
	for i, r := range s {
		if w+safetext.RuneWidth(r) > cols {
			return s[:i]
		}
		w += safetext.RuneWidth(r)
	}
	return s
}

func countNoun(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return units.Thousands(n) + " " + many
}

// clockTime writes d as m:ss or h:mm:ss.
func clockTime(d time.Duration) string {
	s := int64(d / time.Second)
	if s < 3600 {
		return fmt.Sprintf("%d:%02d", s/60, s%60)
	}
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}

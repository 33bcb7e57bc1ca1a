package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/scanner"
)

func TestProgressLine(t *testing.T) {
	s := scanner.ProgressSnapshot{Target: "s3://bucket/", Objects: 1234, Rows: 56789, Bytes: 1288490189, Findings: 3456, Failed: 2}
	long := "s3://bucket/" + strings.Repeat("deep/", 20) + "customers.csv"
	tests := []struct {
		name    string
		s       scanner.ProgressSnapshot
		rate    float64
		elapsed time.Duration
		columns int
		want    string
	}{{
		name: "everything", s: s, rate: 45.6 * (1 << 20), elapsed: 42 * time.Second,
		want: "scanning s3://bucket/ · 1,234 objects · 56,789 rows · 1.2 GiB · 45.6 MiB/s · 3,456 findings · 2 errors · 0:42",
	}, {
		name: "start: no rate, no target yet", s: scanner.ProgressSnapshot{}, rate: -1, columns: 80,
		want: "scanning · 0 objects · 0 B · 0 findings · 0:00",
	}, {
		name: "files: no rows; one of each; skipped", rate: 1000, elapsed: 3723 * time.Second,
		s:    scanner.ProgressSnapshot{Target: "/data", Objects: 1, Bytes: 1023, Findings: 1, Skipped: 7, Failed: 1},
		want: "scanning /data · 1 object · 1023 B · 1000 B/s · 1 finding · 7 skipped · 1 error · 1:02:03",
	}, {
		name: "units", rate: 1023.96 * (1 << 10), elapsed: 59*time.Minute + 59*time.Second,
		s:    scanner.ProgressSnapshot{Target: "x", Bytes: 1536, Findings: 1234567},
		want: "scanning x · 0 objects · 1.5 KiB · 1.0 MiB/s · 1,234,567 findings · 59:59",
	}, {
		name: "long target keeps its end", s: scanner.ProgressSnapshot{Target: long}, rate: -1, columns: 80,
		want: "scanning …ep/deep/deep/deep/customers.csv · 0 objects · 0 B · 0 findings · 0:00", // 79 columns
	}, {
		name: "wide characters count twice", s: scanner.ProgressSnapshot{Target: "/データ/顧客名簿/2024年度/"}, rate: -1, columns: 60,
		want: "scanning …/2024年度/ · 0 objects · 0 B · 0 findings · 0:00",
	}, {
		name: "no room for the target", s: s, rate: -1, columns: 50,
		want: "scanning · 1,234 objects · 56,789 rows · 1.2 GiB",
	}, {
		name: "control characters", s: scanner.ProgressSnapshot{Target: "a\nb\x1b[2Jc\rd\u009be"}, rate: -1,
		want: `scanning a\nb\x1b[2Jc\rd\u009be · 0 objects · 0 B · 0 findings · 0:00`,
	}, {
		name: "bidi override and invalid UTF-8", s: scanner.ProgressSnapshot{Target: "/data/\u202egnp.exe\xff"}, rate: -1,
		want: `scanning /data/\u202egnp.exe\xff · 0 objects · 0 B · 0 findings · 0:00`,
	}, {
		name: "escaped control characters fitted", s: scanner.ProgressSnapshot{Target: "/data/deep/deep/deep/deep/a\x1b[2J\rFAKE\n.csv"}, rate: -1, columns: 70,
		want: `scanning …/a\x1b[2J\rFAKE\n.csv · 0 objects · 0 B · 0 findings · 0:00`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := progressLine(tt.s, tt.rate, tt.elapsed, tt.columns)
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if tt.columns > 0 && safetext.Width(got) >= tt.columns {
				t.Errorf("%d columns wide, want fewer than %d", safetext.Width(got), tt.columns)
			}
		})
	}
}

func TestProgressMode(t *testing.T) {
	r, pipe, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer pipe.Close()
	tests := []struct {
		mode   string
		stderr io.Writer
		want   bool
	}{
		{mode: "auto", stderr: &bytes.Buffer{}, want: false},
		{mode: "auto", stderr: pipe, want: false},
		{mode: "never", stderr: pipe, want: false},
		{mode: "always", stderr: &bytes.Buffer{}, want: true},
		{mode: "always", stderr: pipe, want: true},
	}
	for _, tt := range tests {
		o := scanOptions{progress: tt.mode, format: "text"}
		d, err := o.progressDisplay(&bytes.Buffer{}, tt.stderr)
		if err != nil {
			t.Fatalf("%s: %v", tt.mode, err)
		}
		if (d != nil) != tt.want {
			t.Errorf("-progress %s on %T: display %v, want %v", tt.mode, tt.stderr, d != nil, tt.want)
		}
		if (d.progress() != nil) != tt.want {
			t.Errorf("-progress %s on %T: counters %v, want %v", tt.mode, tt.stderr, d.progress() != nil, tt.want)
		}
	}
	o := scanOptions{progress: "sometimes"}
	if _, err := o.progressDisplay(os.Stdout, os.Stderr); err == nil {
		t.Error("-progress sometimes: no error")
	}
}

// screen is what a terminal shows after out: it follows \r, \n and the
// erase-to-end-of-line sequence, and nothing else.
func screen(out string) []string {
	var lines []string
	var cur []rune
	col := 0
	for len(out) > 0 {
		if strings.HasPrefix(out, "\x1b[K") {
			cur = cur[:col]
			out = out[3:]
			continue
		}
		r, n := utf8.DecodeRuneInString(out)
		out = out[n:]
		switch r {
		case '\r':
			col = 0
		case '\n':
			lines = append(lines, string(cur))
			cur, col = nil, 0
		default:
			if col < len(cur) {
				cur[col] = r
			} else {
				cur = append(cur, r)
			}
			col++
		}
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

func TestProgressAlways(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("連絡先: yamada.taro@example.jp\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.bin"), []byte{0, 1, 2, 0, 0, 0, 0xff, 0}, 0o644); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name     string
		ctx      context.Context
		args     []string
		code     int
		wantLine string // on the screen of standard error at the end, with the last line
	}{
		{name: "text", ctx: context.Background(), args: []string{"-format", "text"}, code: exitOK,
			wantLine: "pmscan: kept as scan "},
		{name: "jsonl problems", ctx: context.Background(), args: []string{"-format", "jsonl"}, code: exitOK,
			wantLine: "pmscan: skipped: "},
		{name: "interrupted", ctx: cancelled, args: []string{"-format", "text"}, code: exitInterrupted,
			wantLine: "pmscan: kept as scan "},
		{name: "jsonl", ctx: context.Background(), args: []string{"-format", "jsonl", "-q"}, code: exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"scan", "-full", "-progress", "always"}, tt.args...) // each case scans the same dir
			code := run(tt.ctx, append(args, dir), &stdout, &stderr)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%q", code, tt.code, stderr.String())
			}
			out := stderr.String()
			if !strings.HasPrefix(out, "\rscanning ") {
				t.Errorf("stderr does not start with the status line: %q", out)
			}
			if strings.Contains(stdout.String(), "\x1b") || strings.Contains(stdout.String(), "scanning ") {
				t.Errorf("the status line reached the report: %q", stdout.String())
			}
			lines := screen(out)
			if tt.wantLine == "" {
				if !strings.HasSuffix(out, clearLine) || len(lines) != 0 {
					t.Errorf("stderr does not end by erasing the status line: %q (screen %q)", out, lines)
				}
				return
			}
			// Every message starts on a clean line, and the status line is gone.
			found := false
			for _, l := range lines {
				if !strings.HasPrefix(l, "pmscan: ") {
					t.Errorf("screen line %q: not a message", l)
				}
				found = found || strings.HasPrefix(l, tt.wantLine)
			}
			if !found {
				t.Errorf("no line %q on the screen %q", tt.wantLine, lines)
			}
		})
	}
}

func TestProgressRedraws(t *testing.T) {
	var buf bytes.Buffer
	d := newProgressDisplay(&buf)
	d.every = time.Millisecond
	d.start()
	time.Sleep(30 * time.Millisecond)
	w := d.wrap(&buf)
	w.Write([]byte("pmscan: half a line"))
	time.Sleep(10 * time.Millisecond)
	mid := buf.Len()
	time.Sleep(10 * time.Millisecond)
	if buf.Len() != mid {
		t.Errorf("drew the status line after a message left mid-line")
	}
	w.Write([]byte(", the rest\n"))
	time.Sleep(10 * time.Millisecond)
	d.stop()
	d.stop() // harmless
	out := buf.String()
	if n := strings.Count(out, "\rscanning "); n < 3 {
		t.Errorf("drew %d times in 50 ms at every 1 ms", n)
	}
	if got := screen(out); len(got) != 1 || got[0] != "pmscan: half a line, the rest" {
		t.Errorf("screen %q, want the message alone", got)
	}
}

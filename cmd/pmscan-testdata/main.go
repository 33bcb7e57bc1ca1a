// Command pmscan-testdata writes synthetic test data.
//
//	go run ./cmd/pmscan-testdata -demo testdata/demo
//
// rewrites the demo data set and, beside it, demo-expected.jsonl (its
// manifest, one JSON object per line, sorted by path then line).
//
//	go run ./cmd/pmscan-testdata -corpus /tmp/corpus -size-mb 50
//
// writes a benchmark corpus of about that many MiB.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/pmscan/pmscan/internal/synthetic"
)

func main() {
	if err := Run(context.Background(), os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "pmscan-testdata:", err)
		}
		os.Exit(2)
	}
}

// Run parses args and writes the requested data.
func Run(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("pmscan-testdata", flag.ContinueOnError)
	demo := fl.String("demo", "", "rewrite the demo data set in `dir` (and dir/../demo-expected.jsonl)")
	expected := fl.String("expected", "", "manifest `path` for -demo (default: demo-expected.jsonl beside dir)")
	corpus := fl.String("corpus", "", "write a benchmark corpus into `dir`")
	sizeMB := fl.Int("size-mb", 50, "corpus size in MiB")
	seed := fl.Uint64("seed", synthetic.DemoSeed, "random seed")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 || (*demo == "") == (*corpus == "") {
		fl.Usage()
		return errors.New("give exactly one of -demo DIR or -corpus DIR")
	}
	if *corpus != "" {
		if *sizeMB <= 0 {
			return errors.New("-size-mb must be positive")
		}
		return synthetic.WriteCorpus(*corpus, *sizeMB, *seed)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return writeDemo(*demo, *expected, *seed)
}

func writeDemo(dir, expected string, seed uint64) error {
	dir = filepath.Clean(dir)
	if expected == "" {
		expected = filepath.Join(filepath.Dir(dir), filepath.Base(dir)+"-expected.jsonl")
	}
	manifest, err := synthetic.WriteDemo(dir, seed)
	if err != nil {
		return err
	}
	if err := removeStale(dir); err != nil {
		return err
	}
	var b bytes.Buffer
	if err := synthetic.WriteManifest(&b, manifest); err != nil {
		return err
	}
	if err := os.WriteFile(expected, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	fmt.Printf("wrote %d files to %s and %d expectations to %s\n", len(synthetic.DemoFiles), dir, len(manifest), expected)
	return nil
}

// removeStale deletes regular files in dir that the demo no longer writes:
// the demo directory belongs to the generator.
func removeStale(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if !slices.Contains(synthetic.DemoFiles, filepath.ToSlash(rel)) {
			fmt.Println("removing stale", p)
			return os.Remove(p)
		}
		return nil
	})
}

// Command pmscan-eval measures the accuracy of pmscan's detectors on a
// labelled set and prints precision, recall and F1 per type: the generated
// reference set (internal/testkit/evaluation), or the independent one,
// written by hand apart from the generator, with its scores per error class.
//
//	go run ./cmd/pmscan-eval                        # the reference set
//	go run ./cmd/pmscan-eval -set independent -min-confidence low
//	go run ./cmd/pmscan-eval -set handwritten   # its parts: the cases written by hand,
//	go run ./cmd/pmscan-eval -set realtext      # and 坊っちゃん from Aozora Bunko
//	go run ./cmd/pmscan-eval -set realtext -as-file  # the novel as a text file is read
//	go run ./cmd/pmscan-eval -set business -min-confidence low  # nothing personal in it
//	go run ./cmd/pmscan-eval -types person_name,address -errors person_name -max-errors 30
//	go run ./cmd/pmscan-eval -write /tmp/eval.jsonl # also write the set
//	go run ./cmd/pmscan-eval -read /tmp/eval.jsonl  # score a (hand-edited) set
//
// Both sets are fictitious, so -errors prints values.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/pmscan/pmscan/connectors/formats"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/all"
	"github.com/pmscan/pmscan/internal/testkit/evaluation"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "pmscan-eval:", err)
		}
		os.Exit(2)
	}
}

func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("pmscan-eval", flag.ContinueOnError)
	seed := fl.Uint64("seed", evaluation.DefaultSeed, "random seed of the generated set")
	n := fl.Int("n", evaluation.DefaultN, "number of samples to generate")
	minConf := fl.String("min-confidence", "medium", "lowest confidence counted as a prediction: low, medium or high")
	types := fl.String("types", "", "comma-separated `types` to report (default: all labelled or predicted)")
	errType := fl.String("errors", "", "list misclassified samples of `type`")
	maxErrors := fl.Int("max-errors", 20, "how many samples -errors lists (0: all)")
	write := fl.String("write", "", "write the generated set as JSONL to `file`")
	read := fl.String("read", "", "score the JSONL set in `file` instead of generating one")
	asFile := fl.Bool("as-file", false, "score sentences as pmscan reads a text file of them, one per line: in chunks of whole lines of up to 64 KB, each sentence with the ones around it (default: each sentence alone)")
	setName := fl.String("set", "generated", "the `set` scored: generated (the reference set, from -seed and -n), independent (handwritten and realtext), handwritten (cases written by hand), realtext (a novel from Aozora Bunko) or business (documents with nothing personal)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fl.Args())
	}
	min, err := detectors.ParseConfidence(*minConf)
	if err != nil {
		return err
	}
	if *read != "" && *write != "" {
		return errors.New("-read and -write exclude each other")
	}
	switch *setName {
	case "generated":
	case "independent", "handwritten", "realtext", "business":
		if *read != "" {
			return fmt.Errorf("-read and -set %s exclude each other", *setName)
		}
	default:
		return fmt.Errorf("-set %q: want generated, independent, handwritten, realtext or business", *setName)
	}
	if *n <= 0 {
		return errors.New("-n must be positive")
	}

	samples, err := load(*setName, *read, *seed, *n)
	if err != nil {
		return err
	}
	if *write != "" {
		if err := writeFile(*write, samples); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %d samples to %s\n\n", len(samples), *write)
	}
	set, err := detectors.NewSet(all.Detectors())
	if err != nil {
		return err
	}
	res := evaluation.Evaluate(set, samples, min)
	if *asFile {
		res = evaluation.EvaluateAsFile(set, samples, min, formats.DefaultMaxRecordBytes)
	}
	var only []string
	if *types != "" {
		only = strings.Split(*types, ",")
	}
	fmt.Fprint(stdout, res.Only(only...).Table())
	if classes := res.ClassTable(); classes != "" {
		fmt.Fprint(stdout, "\n"+classes)
		fmt.Fprint(stdout, "\n"+res.ConfidenceTable())
	}
	if *errType != "" {
		errs := res.Errors(*errType, *maxErrors)
		fmt.Fprintf(stdout, "\nerrors of %s (%d shown):\n", *errType, len(errs))
		for _, o := range errs {
			fmt.Fprint(stdout, o.String())
		}
	}
	return nil
}

func load(set, path string, seed uint64, n int) ([]evaluation.Sample, error) {
	switch set {
	case "independent":
		return evaluation.Independent()
	case "handwritten":
		return evaluation.HandWritten()
	case "realtext":
		return evaluation.RealText()
	case "business":
		return evaluation.Business()
	}
	if path == "" {
		return evaluation.Generate(seed, n), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return evaluation.ReadJSONL(f)
}

func writeFile(path string, samples []evaluation.Sample) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := evaluation.WriteJSONL(f, samples); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

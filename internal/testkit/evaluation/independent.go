package evaluation

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/tabwriter"
)

// The independent set is written by hand, apart from internal/synthetic
// and this package's generator, in the marked format of
// testdata/independent/README.md: scoring the detectors on it measures
// them on data they were not tuned on, which the generated set cannot.
//
//go:embed testdata/independent/*.txt
var independentFiles embed.FS

// Independent returns the hand-written set, file by file in name order,
// each sample with its error class.
func Independent() ([]Sample, error) {
	names, err := fs.Glob(independentFiles, "testdata/independent/*.txt")
	if err != nil {
		return nil, err
	}
	return readFiles(independentFiles, names, func(_ string, r io.Reader) ([]Sample, error) { return ReadMarked(r) })
}

// RealTextClassPrefix starts the class of the independent set's real
// text (testdata/independent/aozora-*.txt): a novel's sentences, scored
// apart from the hand-written cases because its names are mostly bare.
const RealTextClassPrefix = "aozora_"

// HandWritten returns the independent set's hand-written cases, and
// RealText its real text: the two parts of Independent.
func HandWritten() ([]Sample, error) { return independentPart(false) }

// RealText returns the independent set's real text (see HandWritten).
func RealText() ([]Sample, error) { return independentPart(true) }

func independentPart(real bool) ([]Sample, error) {
	all, err := Independent()
	if err != nil {
		return nil, err
	}
	var out []Sample
	for _, s := range all {
		if strings.HasPrefix(s.Class, RealTextClassPrefix) == real {
			out = append(out, s)
		}
	}
	return out, nil
}

// readFiles reads the samples of the named files of fsys in name order,
// each by read (given the file's base name), an error naming its file.
func readFiles(fsys fs.FS, names []string, read func(base string, r io.Reader) ([]Sample, error)) ([]Sample, error) {
	names = slices.Sorted(slices.Values(names))
	var out []Sample
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		base := path.Base(name)
		samples, err := read(base, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", base, err)
		}
		out = append(out, samples...)
	}
	return out, nil
}

// ReadMarked reads samples in the marked format: CONTEXT, COLUMN and
// TEXT separated by tabs, personal information in TEXT marked
// {{TYPE:VALUE}} or {{TYPE/KIND:VALUE}}, a line [CLASS] naming the class
// of the samples after it, # comments.
func ReadMarked(r io.Reader) ([]Sample, error) {
	var out []Sample
	class := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		switch {
		case strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#"):
			continue
		case strings.HasPrefix(text, "[") && strings.HasSuffix(text, "]"):
			class = text[1 : len(text)-1]
			continue
		}
		s, err := parseMarked(text)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		s.Class = class
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		out = append(out, s)
	}
	return out, sc.Err()
}

// parseMarked parses one sample line.
func parseMarked(line string) (Sample, error) {
	fields := strings.Split(line, "\t")
	if len(fields) != 3 {
		return Sample{}, fmt.Errorf("%d tab-separated fields, want 3 (context, column, text)", len(fields))
	}
	s := Sample{Context: fields[0], Column: fields[1]}
	var b strings.Builder
	rest := fields[2]
	for {
		open := strings.Index(rest, "{{")
		if shut := strings.Index(rest, "}}"); shut >= 0 && (open < 0 || shut < open) {
			return Sample{}, fmt.Errorf("}} without {{ in %q", fields[2])
		}
		if open < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:open])
		rest = rest[open+2:]
		shut := strings.Index(rest, "}}")
		if shut < 0 {
			return Sample{}, fmt.Errorf("{{ without }} in %q", fields[2])
		}
		mark := rest[:shut]
		rest = rest[shut+2:]
		typ, value, ok := strings.Cut(mark, ":")
		if !ok || typ == "" || value == "" || strings.Contains(value, "{{") {
			return Sample{}, fmt.Errorf("mark {{%s}}: want {{TYPE:VALUE}}", mark)
		}
		typ, kind, _ := strings.Cut(typ, "/")
		start := b.Len()
		b.WriteString(value)
		s.Labels = append(s.Labels, Label{Type: typ, Kind: kind, Start: start, End: b.Len()})
	}
	s.Text = b.String()
	return s, nil
}

// ClassResult scores the samples of one class over every type: a
// prediction is right when a label has its type and span.
type ClassResult struct {
	Class   string
	Samples int
	Counts
	// NegativeLines are the class's negative samples, NegativeFalseLines
	// those on which anything was predicted.
	NegativeLines, NegativeFalseLines int
}

// ByClass scores each class of the samples that have one, in the order
// the classes first appear.
func (r Result) ByClass() []ClassResult {
	var out []ClassResult
	index := map[string]int{}
	for _, o := range r.Outcomes {
		c := o.Sample.Class
		if c == "" {
			continue
		}
		i, ok := index[c]
		if !ok {
			i = len(out)
			index[c] = i
			out = append(out, ClassResult{Class: c})
		}
		cr := &out[i]
		cr.Samples++
		cr.add(classCounts(o))
		if o.Sample.Context == ContextNegative {
			cr.NegativeLines++
			if len(o.Predictions) > 0 {
				cr.NegativeFalseLines++
			}
		}
	}
	return out
}

// classCounts counts one outcome over every type.
func classCounts(o Outcome) Counts {
	var c Counts
	matched := make([]bool, len(o.Sample.Labels))
	for _, p := range o.Predictions {
		hit := slices.IndexFunc(o.Sample.Labels, p.labels)
		if hit >= 0 && !matched[hit] {
			matched[hit] = true
			c.TP++
		} else {
			c.FP++
		}
	}
	for i, l := range o.Sample.Labels {
		if matched[i] {
			continue
		}
		c.FN++
		if slices.ContainsFunc(o.Predictions, func(p Prediction) bool { return p.Type == l.Type && p.Start < l.End && l.Start < p.End }) {
			c.Partial++
		}
	}
	return c
}

// ClassTable formats ByClass.
func (r Result) ClassTable() string {
	var sb strings.Builder
	classes := r.ByClass()
	if len(classes) == 0 {
		return ""
	}
	sb.WriteString("by class (every type)\n")
	w := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "class\tsamples\tTP\tFP\tFN\tpartial\tP\tR\tF1\tneg-FP\t")
	for _, c := range classes {
		neg := "-"
		if c.NegativeLines > 0 {
			neg = fmt.Sprintf("%d/%d", c.NegativeFalseLines, c.NegativeLines)
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t\n", c.Class, c.Samples, c.TP, c.FP, c.FN, c.Partial,
			pct(c.TP, c.TP+c.FP), pct(c.TP, c.TP+c.FN), f1(c.Counts), neg)
	}
	w.Flush()
	return sb.String()
}

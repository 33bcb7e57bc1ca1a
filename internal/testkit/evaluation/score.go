package evaluation

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/pmscan/pmscan/detectors"
)

// Prediction is one match of a detector, in original-text byte offsets.
type Prediction struct {
	Type, Kind string
	Start, End int
	Confidence detectors.Confidence
}

// Outcome is one sample with the predictions made on it.
type Outcome struct {
	Sample      Sample
	Predictions []Prediction
}

// Counts are span-level counts. A prediction is a true positive only when a
// label of its type has exactly its span; any other prediction is a false
// positive and any unmatched label a false negative. Partial counts the false
// negatives that a prediction of the same type overlaps (a span off by a
// character, an honorific included): they are FN too, and FP on the
// prediction side.
type Counts struct {
	TP, FP, FN, Partial int
}

func (c *Counts) add(o Counts) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
	c.Partial += o.Partial
}

// Precision is TP/(TP+FP), 0 without predictions.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 0 without labels.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// TypeResult scores one type.
type TypeResult struct {
	Type   string
	Labels int // labels of this type (TP+FN)
	Counts
	// KindMismatch counts true positives whose label has a Kind that the
	// prediction's Kind differs from.
	KindMismatch int
	// CleanLines are the samples without a label of this type (hard
	// negatives and positives of other types); FalseLines those of them on
	// which the type predicted anything.
	CleanLines, FalseLines int
	// NegativeLines and NegativeFalseLines are the same restricted to hard
	// negatives (Context "negative").
	NegativeLines, NegativeFalseLines int
	ByContext                         map[string]Counts // by the sample's context
	ByKind                            map[string]Counts // by the label's Kind (FP: the prediction's)
}

// LinePrecision is the share of samples without a label of this type on
// which it predicted nothing: the "precision on hard-negative lines" target.
// It is 1 when there are no such samples.
func (t TypeResult) LinePrecision() float64 {
	if t.CleanLines == 0 {
		return 1
	}
	return 1 - ratio(t.FalseLines, t.CleanLines)
}

// Result is the score of a set of detectors on a set of samples.
type Result struct {
	MinConfidence detectors.Confidence
	Samples       int
	Types         []TypeResult // every labelled or predicted type, by name
	Outcomes      []Outcome    // one per sample, in sample order
}

// Type returns the score of typ; a type never labelled nor predicted scores
// zero on every count, and every sample is a clean line for it.
func (r Result) Type(typ string) TypeResult {
	for _, t := range r.Types {
		if t.Type == typ {
			return t
		}
	}
	t := TypeResult{Type: typ, CleanLines: len(r.Outcomes)}
	for _, o := range r.Outcomes {
		if o.Sample.Context == ContextNegative {
			t.NegativeLines++
		}
	}
	return t
}

// Only keeps the types listed (all of them when types is empty). Types not in
// r are added with zero counts so that a missing detector shows.
func (r Result) Only(types ...string) Result {
	if len(types) == 0 {
		return r
	}
	out := r
	out.Types = nil
	for _, typ := range types {
		out.Types = append(out.Types, r.Type(typ))
	}
	slices.SortFunc(out.Types, func(a, b TypeResult) int { return cmp.Compare(a.Type, b.Type) })
	return out
}

// Evaluate runs set over samples and scores the predictions with confidence
// at least min.
func Evaluate(set *detectors.Set, samples []Sample, min detectors.Confidence) Result {
	var text detectors.Text
	preds := make([][]Prediction, len(samples))
	for i, s := range samples {
		preds[i] = predict(set, &text, s, min)
	}
	return evaluate(samples, preds, min)
}

// EvaluateAsFile scores samples as pmscan reads a text file of them, one
// per line: runs of consecutive sentences are joined into chunks of whole
// lines of at most limit bytes (the scanner's record size), so that a
// detector sees each sentence with the ones around it; other samples are
// judged alone, as by Evaluate. As the scanner does, what a chunk gives
// evidence for is recalled in the chunks after it (detectors.Recaller).
// Predictions are scored on the line they start on.
func EvaluateAsFile(set *detectors.Set, samples []Sample, minConf detectors.Confidence, limit int) Result {
	var text detectors.Text
	var mem detectors.Recollection
	preds := make([][]Prediction, len(samples))
	for i := 0; i < len(samples); {
		if samples[i].Context != ContextSentence {
			preds[i] = predict(set, &text, samples[i], minConf)
			i++
			continue
		}
		var doc strings.Builder
		starts := []int{}
		j := i
		// One class of sentences is one file: a text of the real set
		// must not recall another's names.
		for ; j < len(samples) && samples[j].Context == ContextSentence && samples[j].Class == samples[i].Class; j++ {
			if j > i && doc.Len()+len(samples[j].Text)+1 > limit {
				break
			}
			starts = append(starts, doc.Len())
			doc.WriteString(samples[j].Text)
			doc.WriteByte('\n')
		}
		if i == 0 || samples[i-1].Context != ContextSentence || samples[i-1].Class != samples[i].Class {
			mem.Reset() // another file
		}
		chunk := Sample{Context: ContextSentence, Text: doc.String()}
		for _, p := range predictRecalling(set, &text, chunk, minConf, &mem) {
			k, on := slices.BinarySearch(starts, p.Start) // the line p starts on
			if !on {
				k--
			}
			line := len(samples[i+k].Text)
			p.Start -= starts[k]
			p.End = min(p.End-starts[k], line)
			preds[i+k] = append(preds[i+k], p)
		}
		i = j
	}
	return evaluate(samples, preds, minConf)
}

func evaluate(samples []Sample, preds [][]Prediction, min detectors.Confidence) Result {
	res := Result{MinConfidence: min, Samples: len(samples)}
	byType := map[string]*TypeResult{}
	get := func(typ string) *TypeResult {
		t, ok := byType[typ]
		if !ok {
			t = &TypeResult{Type: typ, ByContext: map[string]Counts{}, ByKind: map[string]Counts{}}
			byType[typ] = t
		}
		return t
	}
	for i, s := range samples {
		res.Outcomes = append(res.Outcomes, Outcome{Sample: s, Predictions: preds[i]})
		for _, l := range s.Labels {
			get(l.Type)
		}
		for _, p := range preds[i] {
			get(p.Type)
		}
	}
	for _, o := range res.Outcomes {
		for typ, t := range byType {
			score(t, o, typ)
		}
	}
	for _, t := range byType {
		res.Types = append(res.Types, *t)
	}
	slices.SortFunc(res.Types, func(a, b TypeResult) int { return cmp.Compare(a.Type, b.Type) })
	return res
}

// predict returns the deduplicated predictions of set on s.
func predict(set *detectors.Set, text *detectors.Text, s Sample, min detectors.Confidence) []Prediction {
	return predictNoting(set, text, s, min, nil)
}

// predictNoting is predict that also hands note every match kept.
func predictNoting(set *detectors.Set, text *detectors.Text, s Sample, min detectors.Confidence, note func(detectors.Match)) []Prediction {
	var preds []Prediction
	text.SetText(s.Text, s.Column)
	set.Run(text, func(m detectors.Match) {
		if m.Verdict.Confidence < min {
			return
		}
		if note != nil {
			note(m)
		}
		p := Prediction{
			Type: m.Detector.Type(), Kind: m.Verdict.Kind,
			Start: text.OrigOffset(m.Start), End: text.OrigOffset(m.End),
			Confidence: m.Verdict.Confidence,
		}
		if !slices.ContainsFunc(preds, func(q Prediction) bool {
			return q.Type == p.Type && q.Start == p.Start && q.End == p.End
		}) {
			preds = append(preds, p)
		}
	})
	return preds
}

// predictRecalling is predict on one chunk of a file whose earlier chunks
// gave evidence for mem, which it adds what this chunk gives evidence for:
// the scanner's recall, on one goroutine.
func predictRecalling(set *detectors.Set, text *detectors.Text, s Sample, min detectors.Confidence, mem *detectors.Recollection) []Prediction {
	det, rec := set.Recaller()
	var own []string
	preds := predictNoting(set, text, s, min, func(m detectors.Match) {
		if m.Detector == det && m.Verdict.Confidence >= detectors.Medium {
			own = append(own, rec.Recall(text.Norm[m.Start:m.End], m.Verdict)...)
		}
	})
	if det == nil {
		return preds
	}
	if keys := mem.Except(nil, own); len(keys) > 0 && min <= detectors.Medium {
		text.SetText(s.Text, s.Column)
		for _, c := range rec.Mentions(text, keys) {
			p := Prediction{Type: det.Type(), Start: text.OrigOffset(c.Start), End: text.OrigOffset(c.End), Confidence: c.Confidence}
			if c.Confidence >= min && !slices.ContainsFunc(preds, func(q Prediction) bool {
				return q.Type == p.Type && q.Start < p.End && p.Start < q.End
			}) {
				preds = append(preds, p)
			}
		}
	}
	mem.Note(own...)
	return preds
}

// score adds outcome o's counts for typ to t.
func score(t *TypeResult, o Outcome, typ string) {
	s := o.Sample
	var labels []Label
	for _, l := range s.Labels {
		if l.Type == typ {
			labels = append(labels, l)
		}
	}
	var preds []Prediction
	for _, p := range o.Predictions {
		if p.Type == typ {
			preds = append(preds, p)
		}
	}
	if len(labels) == 0 {
		t.CleanLines++
		if len(preds) > 0 {
			t.FalseLines++
		}
		if s.Context == ContextNegative {
			t.NegativeLines++
			if len(preds) > 0 {
				t.NegativeFalseLines++
			}
		}
	}
	matched := make([]bool, len(labels))
	for _, p := range preds {
		var c Counts
		hit := slices.IndexFunc(labels, func(l Label) bool { return l.Start == p.Start && l.End == p.End })
		kind := p.Kind
		if hit >= 0 && !matched[hit] {
			matched[hit] = true
			c.TP++
			if l := labels[hit]; l.Kind != "" && l.Kind != p.Kind {
				t.KindMismatch++
			}
			kind = labels[hit].Kind
		} else {
			c.FP++
		}
		t.addCounts(c, s.Context, kind)
	}
	for i, l := range labels {
		t.Labels++
		if matched[i] {
			continue
		}
		c := Counts{FN: 1}
		if slices.ContainsFunc(preds, func(p Prediction) bool { return p.Start < l.End && l.Start < p.End }) {
			c.Partial = 1
		}
		t.addCounts(c, s.Context, l.Kind)
	}
}

func (t *TypeResult) addCounts(c Counts, context, kind string) {
	t.Counts.add(c)
	bc := t.ByContext[context]
	bc.add(c)
	t.ByContext[context] = bc
	if kind != "" {
		bk := t.ByKind[kind]
		bk.add(c)
		t.ByKind[kind] = bk
	}
}

// Table writes the scores as aligned plain text: one row per type, then
// recall by context and, for types with sub-kinds, a row per kind.
//
//	P, R, F1    span-level precision, recall, F1 (strict: exact span)
//	line-P      share of samples without a label of the type on which it
//	            predicted nothing (hard negatives and other types' positives)
//	neg-FP      hard-negative samples with a prediction of the type / all
//	            hard-negative samples
func (r Result) Table() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d samples, min confidence %s\n\n", r.Samples, r.MinConfidence)
	w := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "type\tlabels\tTP\tFP\tFN\tpartial\tP\tR\tF1\tline-P\tneg-FP\tkind-err\t")
	for _, t := range r.Types {
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%.3f\t%d/%d\t%d\t\n",
			t.Type, t.Labels, t.TP, t.FP, t.FN, t.Partial,
			pct(t.TP, t.TP+t.FP), pct(t.TP, t.Labels), f1(t.Counts),
			t.LinePrecision(), t.NegativeFalseLines, t.NegativeLines, t.KindMismatch)
	}
	w.Flush()

	contexts := []string{ContextCSV, ContextJSON, ContextSentence}
	sb.WriteString("\nrecall by context (TP/labels)\n")
	w = tabwriter.NewWriter(&sb, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "type\tcsv\tjson\tsentence\t")
	for _, t := range r.Types {
		if t.Labels == 0 {
			continue
		}
		fmt.Fprintf(w, "%s\t", t.Type)
		for _, c := range contexts {
			fmt.Fprintf(w, "%s\t", fraction(t.ByContext[c]))
		}
		fmt.Fprintln(w)
	}
	w.Flush()

	var kinds []string
	for _, t := range r.Types {
		for k := range t.ByKind {
			kinds = append(kinds, t.Type+"/"+k)
		}
	}
	if len(kinds) > 0 {
		slices.Sort(kinds)
		sb.WriteString("\nby kind\n")
		w = tabwriter.NewWriter(&sb, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(w, "kind\tTP\tFP\tFN\tpartial\tP\tR\t")
		for _, tk := range kinds {
			typ, k, _ := strings.Cut(tk, "/")
			c := r.Type(typ).ByKind[k]
			fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%s\t%s\t\n", tk, c.TP, c.FP, c.FN, c.Partial,
				pct(c.TP, c.TP+c.FP), pct(c.TP, c.TP+c.FN))
		}
		w.Flush()
	}
	return sb.String()
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", float64(a)/float64(b))
}

func f1(c Counts) string {
	if c.TP+c.FP+c.FN == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", c.F1())
}

func fraction(c Counts) string {
	if c.TP+c.FN == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d (%.2f)", c.TP, c.TP+c.FN, c.Recall())
}

// Errors returns up to max outcomes (all when max <= 0) on which typ has a
// false positive or a false negative, in sample order.
func (r Result) Errors(typ string, max int) []Outcome {
	var out []Outcome
	for _, o := range r.Outcomes {
		if max > 0 && len(out) == max {
			break
		}
		if hasError(o, typ) {
			out = append(out, o)
		}
	}
	return out
}

func hasError(o Outcome, typ string) bool {
	var labels, preds [][2]int
	for _, l := range o.Sample.Labels {
		if l.Type == typ {
			labels = append(labels, [2]int{l.Start, l.End})
		}
	}
	for _, p := range o.Predictions {
		if p.Type == typ {
			preds = append(preds, [2]int{p.Start, p.End})
		}
	}
	slices.SortFunc(labels, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	slices.SortFunc(preds, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	return !slices.Equal(labels, preds)
}

// String writes the outcome for an error listing: the sample, its labels
// and the predictions, each with the text it spans. Only for synthetic data:
// it prints values.
func (o Outcome) String() string {
	var sb strings.Builder
	s := o.Sample
	fmt.Fprintf(&sb, "[%s]", s.Context)
	if s.Class != "" {
		fmt.Fprintf(&sb, " class %s", s.Class)
	}
	if s.Column != "" {
		fmt.Fprintf(&sb, " column %q", s.Column)
	}
	fmt.Fprintf(&sb, " %q\n", s.Text)
	for _, l := range s.Labels {
		fmt.Fprintf(&sb, "    label %s%s %q [%d,%d)\n", l.Type, kindSuffix(l.Kind), s.Text[l.Start:l.End], l.Start, l.End)
	}
	for _, p := range o.Predictions {
		fmt.Fprintf(&sb, "    found %s%s %q [%d,%d) %s\n", p.Type, kindSuffix(p.Kind), s.Text[p.Start:p.End], p.Start, p.End, p.Confidence)
	}
	return sb.String()
}

func kindSuffix(k string) string {
	if k == "" {
		return ""
	}
	return "/" + k
}

// Package detectors defines what a detector is: something that finds candidate
// identifiers in normalised text and judges each one. Detectors know text, not
// stores and not the policy; the scanner feeds them and the inventory maps their
// types onto policy categories.
package detectors

import "fmt"

// Confidence is how sure a detector is that a candidate is the identifier it names.
type Confidence int8

const (
	Reject Confidence = iota // not reported
	Low
	Medium
	High
)

func (c Confidence) String() string {
	switch c {
	case Low:
		return "low"
	case Medium:
		return "medium"
	case High:
		return "high"
	}
	return "reject"
}

// MarshalText makes confidences appear as words in JSON.
func (c Confidence) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText parses the words MarshalText writes.
func (c *Confidence) UnmarshalText(b []byte) error {
	v, err := ParseConfidence(string(b))
	*c = v
	return err
}

// ParseConfidence parses "low", "medium" or "high".
func ParseConfidence(s string) (Confidence, error) {
	switch s {
	case "low":
		return Low, nil
	case "medium":
		return Medium, nil
	case "high":
		return High, nil
	}
	return Reject, fmt.Errorf("unknown confidence %q (want low, medium or high)", s)
}

// Candidate is a span of Text.Norm that looks like an identifier.
type Candidate struct {
	Start, End int      // byte offsets into Text.Norm
	Reasons    []string // what finding it already established, e.g. "Luhn check passed"
	// Confidence is set by detectors for which finding and judging are one
	// analysis (a morphological parse decides both where a name ends and
	// how sure it is); their Judge returns it.
	Confidence Confidence
}

// Verdict is a detector's judgement of one candidate.
type Verdict struct {
	Confidence Confidence
	Reasons    []string
	// Kind refines the type where one detector covers several kinds of
	// information (sensitive: medical_history, criminal_record, ...); "" if
	// the type says it all.
	Kind string
}

// Detector finds one type of identifier. Implementations must be safe for
// concurrent use and do no I/O.
type Detector interface {
	// Type is the stable snake_case ID used in output, config and reports.
	Type() string
	// Keywords gate the detector: it runs only on text whose body or column
	// name contains one of them (ASCII case-insensitively). Empty means it runs
	// on all text; such detectors must reject text cheaply (see Text.Spans).
	Keywords() []string
	// Find returns structurally plausible candidates.
	Find(t *Text) []Candidate
	// Judge validates a candidate (check digits, number plans, context) and
	// rates it. Reject drops it.
	Judge(c Candidate, t *Text) Verdict
}

// ColumnSignaller is implemented by keyword-gated detectors whose column
// signals are not all among their keywords ("acct", "年金"): a column name
// containing one of these words opens the gate too. A detector with column
// words and no keywords runs only on values of such columns (a gender or
// password column): its values say nothing by themselves.
type ColumnSignaller interface {
	ColumnWords() []string
}

// GateSharer is implemented by keyword-gated detectors that check their
// own keywords and column words in Judge (the company's own rules): they
// may share a prefilter bit with one another when there are more gated
// detectors than bits, the gate then opening for them a little more often
// than it must.
type GateSharer interface {
	SharesGate() bool
}

// Feature is a cheap property of a text, tested once per text before any
// detector runs.
type Feature uint8

const (
	HasDigit     Feature = 1 << iota // an ASCII digit (after folding)
	HasAt                            // '@'
	HasColon                         // ':'
	HasDateKanji                     // 年 or 月: dates written in kanji numerals
	HasJapanese                      // kana or a CJK ideograph (U+3040-U+9FFF)

	featureCount = 5
)

// Requirer is implemented by detectors that can only find something in text
// with at least one of the features Requires returns: the Set skips them,
// without a call, on text that has none (a name cell, a sentence without
// numbers).
type Requirer interface {
	Requires() Feature
}

// DigitCounter is implemented by detectors that look only at digit spans
// of at least MinDigits digits: the Set skips them on text whose longest
// span is shorter (dates, amounts, IDs), without a call.
type DigitCounter interface {
	MinDigits() int
}

// Masker is implemented by detectors that mask their values in a
// type-specific way (keep an area code, keep an e-mail domain).
type Masker interface {
	Mask(value string) string
}

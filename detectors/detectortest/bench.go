package detectortest

import (
	"testing"

	"github.com/pmscan/pmscan/detectors"
)

// BenchFind measures Find and Judge of d on text in two sub-benchmarks:
// "text" includes normalising the text and splitting it into digit spans
// (Text.SetText, shared by all detectors in the scanner), "detector" is Find
// and Judge alone on an already normalised text. Keyword-gated detectors run
// regardless of their keywords here; in the scanner the prefilter skips text
// without them.
func BenchFind(b *testing.B, d detectors.Detector, text string) {
	run := func(tx *detectors.Text) {
		for _, c := range d.Find(tx) {
			d.Judge(c, tx)
		}
	}
	b.Run("text", func(b *testing.B) {
		var tx detectors.Text
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			tx.SetText(text, "")
			run(&tx)
		}
	})
	b.Run("detector", func(b *testing.B) {
		var tx detectors.Text
		tx.SetText(text, "")
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			run(&tx)
		}
	})
}

package formats

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// selfReferencingPDF is a one-page PDF whose trailer's /Prev points at
// its own cross-reference table: the library re-reads that table for
// ever.
func selfReferencingPDF() []byte { return paddedSelfReferencingPDF(0) }

// paddedSelfReferencingPDF is selfReferencingPDF with a comment of pad
// bytes after its header. The read budget grows with the file's size and
// the loop reads only the table, so the padding sets how long the loop
// runs before the budget ends it: 16 MB of slack took 270 ms on a fast
// machine, too little for a test that cancels it at 300 ms.
func paddedSelfReferencingPDF(pad int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	if pad > 0 {
		b.WriteString("%" + strings.Repeat("x", pad) + "\n")
	}
	var offs []int
	obj := func(s string) { offs = append(offs, b.Len()); b.WriteString(s) }
	obj("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	obj("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	obj("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>\nendobj\n")
	content := "BT /F1 12 Tf 10 10 Td (090-1234-5678) Tj ET"
	obj(fmt.Sprintf("4 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(content), content))
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref, xref)
	return b.Bytes()
}

// TestPDFSelfReferencingXref: the PDF that made the library loop for
// ever fails within its budget, with a reason, and the walk goes on.
func TestPDFSelfReferencingXref(t *testing.T) {
	data := selfReferencingPDF()
	obj := connectors.NewFile("loop.pdf")
	done := make(chan error, 1)
	go func() {
		var failure error
		err := Read(context.Background(), obj, bytes.NewReader(data), Options{}, func(_ connectors.Record, err error) error {
			if err != nil {
				failure = err
			}
			return nil
		})
		done <- errors.Join(err, failure)
	}()
	select {
	case err := <-done:
		if !errors.Is(err, errPDFWork) {
			t.Errorf("err = %v, want the work budget's", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("reading the self-referencing PDF did not end")
	}
}

// TestPDFCancelled: Ctrl-C reaches the library within one of its reads,
// however long it would loop.
func TestPDFCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	src := newPDFSource(ctx, selfReferencingPDF())
	src.left = 1 << 62 // no work budget: only the context stops it
	done := make(chan error, 1)
	go func() { _, err := openPDFFrom(src); done <- err }()
	time.Sleep(100 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(time.Second):
		t.Fatal("cancelling did not stop the library within a second")
	}
}

// TestPDFBudgetLeavesSoundFilesAlone: a sound PDF reads well within the
// budget (the fixtures the PDF tests use read it whole).
func TestPDFBudgetLeavesSoundFilesAlone(t *testing.T) {
	data := []byte(strings.Replace(string(selfReferencingPDF()), " /Prev ", " /Foo ", 1))
	src := newPDFSource(context.Background(), data)
	if _, err := openPDFFrom(src); err != nil {
		t.Fatalf("a sound PDF: %v", err)
	}
	if used := pdfReadFactor*int64(len(data)) + pdfReadSlack - src.left; used > 4*int64(len(data))+1<<20 {
		t.Errorf("opening read %d bytes of a %d-byte file", used, len(data))
	}
}

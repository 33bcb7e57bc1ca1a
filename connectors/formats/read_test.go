package formats

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"golang.org/x/text/encoding/japanese"
)

// readAll reads data as a file named name through Read and lists what fn
// received: records as "name|position|data", mid-object failures as
// "name|position!error", terminal records as "name#format" or
// "name#!error" (with "skip " before a skip's reason). It checks that every
// object's terminal record is its last and comes exactly once.
func readAll(t *testing.T, name string, data []byte, opts Options) []string {
	t.Helper()
	var got []string
	ended := map[string]bool{}
	o := connectors.NewFile(name)
	err := Read(context.Background(), o, bytes.NewReader(data), opts, func(r connectors.Record, err error) error {
		n := r.Loc.Object.Name()
		if ended[n] {
			t.Errorf("%s: a record after its terminal record: %+v %v", n, r, err)
		}
		switch {
		case r.Terminal():
			ended[n] = true
			switch {
			case err == nil:
				got = append(got, n+"#"+r.Done.Format)
			case connectors.IsSkip(err):
				got = append(got, n+"#!skip "+err.Error())
			default:
				got = append(got, n+"#!"+err.Error())
			}
		case err != nil:
			got = append(got, fmt.Sprintf("%s|%s!%v", n, r.Loc.Position(), err))
		default:
			label := ""
			if r.Label {
				label = "label "
			}
			got = append(got, fmt.Sprintf("%s|%s [%s] %s%s", n, r.Loc.Position(), r.Loc.Column, label, r.Data))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Read returned %v", err)
	}
	if !ended[name] {
		t.Errorf("%s: no terminal record", name)
	}
	return got
}

// TestReadEndsEveryObjectOnce: whatever happens to an object, Read passes
// exactly one terminal record for it, last; archive members get theirs.
func TestReadEndsEveryObjectOnce(t *testing.T) {
	zipped := zipOf(t, member{"a.csv", "氏名\n山田\n"}, member{"logo.png", "\x89PNG\r\n\x1a\nxxxx"}, member{"bad.json", `{"a": [1, 2`})
	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{"a.txt", []byte("hello\n"), []string{"a.txt|line 1 [] hello\n", "a.txt#text"}},
		{"empty.csv", nil, []string{"empty.csv#csv"}},
		{"logo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), []string{"logo.png#!skip binary content (png image)"}},
		{"bad.json", []byte(`{"k": "v", "x": `), []string{"bad.json|line 1 [] label k", "bad.json|line 1 [k] v", "bad.json|line 1 [] label x",
			"bad.json#!json: line 1 column 17: unexpected end of input"}},
		{"a.jsonl", []byte("{\"k\": 1}\nnot json\n"), []string{"a.jsonl|line 1 [] label k", "a.jsonl|line 1 [k] 1",
			"a.jsonl|line 2!jsonl: line 2 column 2: invalid character 'o' in literal null", "a.jsonl#jsonl"}},
		{"gone.txt.gz", []byte{0x1f, 0x8b, 0x08, 0, 0, 0}, []string{"gone.txt.gz#!gzip: unexpected EOF"}},
		{"backup.zip", zipped, []string{
			"backup.zip!/a.csv|line 1 [] label 氏名", "backup.zip!/a.csv|line 2 [氏名] 山田", "backup.zip!/a.csv#csv",
			"backup.zip!/logo.png#!skip binary content (png image)",
			"backup.zip!/bad.json|line 1 [] label a", "backup.zip!/bad.json|line 1 [a[]] 1", "backup.zip!/bad.json|line 1 [a[]] 2",
			"backup.zip!/bad.json#!json: line 1 column 12: unexpected end of input",
			"backup.zip#zip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eq(t, readAll(t, tt.name, tt.data, Options{}), tt.want)
		})
	}
}

// TestReadSetsEncodingBeforeRecords: records see their object's encoding.
func TestReadSetsEncodingBeforeRecords(t *testing.T) {
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte("氏名,電話\n山田,03-1234-5678\n"))
	if err != nil {
		t.Fatal(err)
	}
	o := connectors.NewFile("a.csv")
	n := 0
	err = Read(context.Background(), o, bytes.NewReader(sjis), Options{}, func(r connectors.Record, err error) error {
		n++
		if r.Loc.Object != o || o.Encoding != EncodingCP932 {
			t.Errorf("record %d: object %p encoding %q", n, r.Loc.Object, r.Loc.Object.Encoding)
		}
		return nil
	})
	if err != nil || n != 5 {
		t.Errorf("err %v, %d records; want 5", err, n)
	}
}

func TestReadReturnsCallbackErrorUnchanged(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := Read(context.Background(), connectors.NewFile("a.csv"), strings.NewReader("a,b\n1x,2y\n3x,4y\n"), Options{}, func(connectors.Record, error) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 3 {
		t.Errorf("Read = %v after %d calls, want the callback's error after 3", err, calls)
	}
}

// cancelReader cancels its context once n bytes are read.
type cancelReader struct {
	r      io.Reader
	n      int
	cancel func()
}

func (c *cancelReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p[:min(len(p), 1024)])
	if c.n -= n; c.n <= 0 {
		c.cancel()
	}
	return n, err
}

// TestReadCancelled: a cancelled read ends with the context's error and no
// terminal record: the object was not read to its end.
func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	data := strings.Repeat("line of text\n", 100_000)
	terminal := false
	err := Read(ctx, connectors.NewFile("a.txt"), &cancelReader{r: strings.NewReader(data), n: 200 << 10, cancel: cancel}, Options{}, func(r connectors.Record, err error) error {
		terminal = terminal || r.Terminal()
		return nil
	})
	if !errors.Is(err, context.Canceled) || terminal {
		t.Errorf("Read = %v, terminal record %v; want context.Canceled and none", err, terminal)
	}
}

// TestReadPartial: an object read only in part (a sample) fails with what
// was left unread, a limit, after its records; failures at the cut are the
// cut's, not the object's, and so is the end of a member the cut ends in.
// Binary content stays a skip, and a failure before the cut stays the
// object's own.
func TestReadPartial(t *testing.T) {
	const why = "object is 3.0 GiB, larger than -s3-max-size (1.0 GiB): only its first 40 B read (-s3-sample-size)"
	doc := []byte(`[{"tel": "090-1234-5678"}, {"tel": "080-`)
	tarred := gz(t, arTar(t, arFile{name: "a.csv", body: []byte("氏名\n山田\n")}, arFile{name: "b.txt", body: bytes.Repeat([]byte("090-1234-5678\n"), 4000)}))
	cutTar := tarred[:len(tarred)*2/3]
	tests := []struct {
		name    string
		data    []byte
		reached bool
		want    []string
	}{
		{"a.json", doc, true, []string{"a.json|line 1 [[]] label tel", "a.json|line 1 [[].tel] 090-1234-5678", "a.json|line 1 [[]] label tel",
			"a.json#!" + why + ": the rest not read"}},
		{"whole.txt", []byte("090-1234-5678\n"), false, []string{"whole.txt|line 1 [] 090-1234-5678\n", "whole.txt#!" + why + ": the rest not read"}},
		{"bad.json", []byte(`{"a" 1} and more`), false, []string{"bad.json|line 1 [] label a", "bad.json#!json: line 1 column 6: invalid character '1' after object key"}},
		{"logo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), true, []string{"logo.png#!skip binary content (png image)"}},
		{"logs.tar.gz", cutTar, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readAll(t, tt.name, tt.data, Options{Partial: &Partial{Reached: func() bool { return tt.reached }, Why: why}})
			if tt.want != nil {
				eq(t, got, tt.want)
				return
			}
			// The tar cut mid-member: the member it ends in fails with the
			// cut's reason, as does the archive; nothing else fails.
			want := []string{"logs.tar.gz!/a.csv#csv", "logs.tar.gz!/b.txt#!" + why + ": the rest not read", "logs.tar.gz#!" + why + ": the rest not read"}
			var ends []string
			for _, g := range got {
				if strings.Contains(g, "#") {
					ends = append(ends, g)
				} else if strings.Contains(g, "!") && !strings.Contains(g, "!/") {
					t.Errorf("a failure at the cut passed on: %s", g)
				}
			}
			eq(t, ends, want)
		})
	}
	whole := readAll(t, "a.json", doc, Options{})
	if last := whole[len(whole)-1]; !strings.HasPrefix(last, "a.json#!json:") {
		t.Errorf("without a cut the truncation is the object's failure: %q", last)
	}
	// The failure is a limit: reason too_large, the scan incomplete.
	var end error
	Read(context.Background(), connectors.NewFile("a.json"), bytes.NewReader(doc), Options{Partial: &Partial{Reached: func() bool { return true }, Why: why}},
		func(r connectors.Record, err error) error {
			if r.Terminal() {
				end = err
			}
			return nil
		})
	if !errors.Is(end, connectors.ErrTooLarge) || connectors.IsSkip(end) {
		t.Errorf("terminal error %v: want a failure that is connectors.ErrTooLarge", end)
	}
}

func TestReadPanicIsTheObjectsFailure(t *testing.T) {
	var got error
	terminal := 0
	err := Read(context.Background(), connectors.NewFile("a.csv"), &panicReader{}, Options{}, func(r connectors.Record, err error) error {
		if r.Terminal() {
			terminal++
			got = err
		}
		return nil
	})
	if err != nil || terminal != 1 || got == nil || !strings.Contains(got.Error(), "internal error") {
		t.Errorf("Read = %v; terminal records %d with %v", err, terminal, got)
	}
}

// TestLabels: header cells and object keys are labels, without a column;
// values are not; a first row that looks like data names no column.
func TestLabels(t *testing.T) {
	eq(t, readAll(t, "h.csv", []byte("氏名,電話\n山田,090-1234-5678\n"), Options{}), []string{
		"h.csv|line 1 [] label 氏名", "h.csv|line 1 [] label 電話", "h.csv|line 2 [氏名] 山田", "h.csv|line 2 [電話] 090-1234-5678", "h.csv#csv"})
	eq(t, readAll(t, "d.tsv", []byte("山田\t090-1234-5678\n"), Options{}), []string{
		"d.tsv|line 1 [#1] 山田", "d.tsv|line 1 [#2] 090-1234-5678", "d.tsv#tsv"})
	eq(t, readAll(t, "k.json", []byte(`{"name": {"kanji": "山田"}}`), Options{}), []string{
		"k.json|line 1 [] label name", "k.json|line 1 [name] label kanji", "k.json|line 1 [name.kanji] 山田", "k.json#json"})

	table := func(first, second [2]string) []byte {
		row := func(r [2]string) string {
			return `<w:tr><w:tc>` + wp(wt(r[0])) + `</w:tc><w:tc>` + wp(wt(r[1])) + `</w:tc></w:tr>`
		}
		body := `<w:body><w:tbl>` + row(first) + row(second) + `</w:tbl></w:body>`
		return zipOf(t, member{"word/document.xml", wdoc("document", body)})
	}
	eq(t, readAll(t, "h.docx", table([2]string{"氏名", "電話"}, [2]string{"山田", "090-1234-5678"}), Options{}), []string{
		"h.docx|body ¶1 [] label 氏名", "h.docx|body ¶2 [] label 電話", "h.docx|body ¶3 [氏名] 山田", "h.docx|body ¶4 [電話] 090-1234-5678", "h.docx#docx"})
	eq(t, readAll(t, "d.docx", table([2]string{"佐藤", "03-1234-5678"}, [2]string{"山田", "090-1234-5678"}), Options{}), []string{
		"d.docx|body ¶1 [] 佐藤", "d.docx|body ¶2 [] 03-1234-5678", "d.docx|body ¶3 [] 山田", "d.docx|body ¶4 [] 090-1234-5678", "d.docx#docx"})
}

// TestFormatTable: one row per format name, consulted in order, the last
// one taking whatever the others do not.
func TestFormatTable(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range formatTable {
		if seen[f.name] {
			t.Errorf("format %q has two rows", f.name)
		}
		seen[f.name] = true
	}
	last := formatTable[len(formatTable)-1]
	if last.name != FormatText || !last.sniff(sniffing([]byte("\x00\x01"), "x.unknown")) {
		t.Errorf("the last row is %q; want text, taking anything", last.name)
	}
	for name, want := range map[string]string{
		"a.csv": FormatCSV, "a.TSV": FormatTSV, "a.json.gz": FormatJSON, "a.ndjson": FormatJSONL, "a.log": FormatText,
	} {
		if got := sniff(sniffing([]byte("plain text"), name)).name; got != want {
			t.Errorf("%s: format %q, want %q", name, got, want)
		}
	}
	for head, want := range map[string]string{
		"PK\x03\x04": FormatZip, "%PDF-1.7": FormatPDF, "\x89PNG\r\n\x1a\n": "binary",
	} {
		if got := sniff(sniffing([]byte(head), "a.csv")).name; got != want {
			t.Errorf("%q: format %q, want %q", head, got, want)
		}
	}
}

// TestReadDataNotRetained: a callback may overwrite Data once it returns;
// what follows (column names held from the header row) is unchanged.
func TestReadDataNotRetained(t *testing.T) {
	inputs := map[string][]byte{
		"a.csv":  []byte("氏名,電話\n山田,090-1234-5678\n佐藤,03-1234-5678\n"),
		"a.json": []byte(`[{"name": {"kanji": "山田"}}, {"name": {"kanji": "佐藤"}}]`),
		"a.docx": zipOf(t, member{"word/document.xml", wdoc("document", `<w:body><w:tbl><w:tr><w:tc>`+wp(wt("氏名"))+`</w:tc></w:tr><w:tr><w:tc>`+wp(wt("山田"))+`</w:tc></w:tr></w:tbl></w:body>`)}),
	}
	for name, data := range inputs {
		read := func(scribble bool) []string {
			var got []string
			err := Read(context.Background(), connectors.NewFile(name), bytes.NewReader(data), Options{}, func(r connectors.Record, err error) error {
				got = append(got, fmt.Sprintf("%s [%s] %v %s", r.Loc.Position(), r.Loc.Column, r.Label, r.Data))
				if scribble {
					for i := range r.Data {
						r.Data[i] = '#'
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		eq(t, read(true), read(false))
	}
}

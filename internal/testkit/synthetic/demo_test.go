package synthetic

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/pmscan/pmscan/detectors/checkdigit"
)

const regenerate = "run `go run ./cmd/pmscan-testdata -demo testdata/demo` from the repository root and commit the result"

var (
	committedDemo     = filepath.Join("..", "..", "..", "testdata", "demo")
	committedExpected = filepath.Join("..", "..", "..", "testdata", "demo-expected.jsonl")
)

// TestDemoCommittedIsCurrent checks that testdata/demo and
// testdata/demo-expected.jsonl are exactly what the generator writes now.
func TestDemoCommittedIsCurrent(t *testing.T) {
	dir := t.TempDir()
	manifest, err := WriteDemo(dir, DemoSeed)
	if err != nil {
		t.Fatal(err)
	}
	fresh, committed := listFiles(t, dir), listFiles(t, committedDemo)
	if !slices.Equal(fresh, committed) {
		t.Fatalf("testdata/demo holds %v, the generator writes %v: %s", committed, fresh, regenerate)
	}
	for _, name := range fresh {
		want := readFile(t, filepath.Join(dir, name))
		got := readFile(t, filepath.Join(committedDemo, name))
		if bytes.Equal(got, want) {
			continue
		}
		// gzip bytes may change with the Go release's compressor; the content may not.
		if strings.HasSuffix(name, ".gz") && bytes.Equal(gunzip(t, got), gunzip(t, want)) {
			continue
		}
		t.Errorf("testdata/demo/%s is out of date: %s", name, regenerate)
	}
	var b bytes.Buffer
	if err := WriteManifest(&b, manifest); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, committedExpected); !bytes.Equal(got, b.Bytes()) {
		t.Errorf("testdata/demo-expected.jsonl is out of date: %s", regenerate)
	}
}

func TestDemoDeterministic(t *testing.T) {
	d1, d2 := t.TempDir(), t.TempDir()
	m1, err := WriteDemo(d1, 99)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := WriteDemo(d2, 99)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m1, m2) {
		t.Error("manifests differ between two runs")
	}
	for _, name := range DemoFiles {
		if !bytes.Equal(readFile(t, filepath.Join(d1, name)), readFile(t, filepath.Join(d2, name))) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	m3, err := WriteDemo(t.TempDir(), 100)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(m1, m3) {
		t.Error("seeds 99 and 100 give the same manifest")
	}
}

// decoders say how each demo file is read back to UTF-8.
var decoders = map[string]encoding.Encoding{
	"customers_sjis.csv": japanese.ShiftJIS,
	"staff_eucjp.tsv":    japanese.EUCJP,
	"notes_utf16.txt":    unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM),
}

// decodeDemo reads a demo file's bytes back to the UTF-8 text a scanner sees.
func decodeDemo(t *testing.T, name string, data []byte) string {
	t.Helper()
	if strings.HasSuffix(name, ".gz") {
		data = gunzip(t, data)
	}
	if enc, ok := decoders[name]; ok {
		b, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			t.Fatalf("decode %s: %v", name, err)
		}
		return string(b)
	}
	return string(data)
}

func TestDemoEncodingsRoundTrip(t *testing.T) {
	files, err := buildDemo(DemoSeed)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.path == "image.png" {
			continue
		}
		if got := decodeDemo(t, f.path, f.data); got != f.text {
			t.Errorf("%s does not decode to its intended text", f.path)
		}
		if enc, ok := decoders[f.path]; ok && f.path != "notes_utf16.txt" {
			// The encoded bytes must differ from UTF-8: the file really is in its encoding.
			if bytes.Equal(f.data, []byte(f.text)) {
				t.Errorf("%s is not %v", f.path, enc)
			}
		}
	}
	notes := files[slices.IndexFunc(files, func(f demoFile) bool { return f.path == "notes_utf16.txt" })]
	if !bytes.HasPrefix(notes.data, []byte{0xFF, 0xFE}) {
		t.Error("notes_utf16.txt has no UTF-16LE BOM")
	}
}

// TestDemoManifest checks every manifest entry against the files: each
// planted value is in its record, under its column, and is a valid
// identifier where a check digit exists; every type is covered.
func TestDemoManifest(t *testing.T) {
	dir := t.TempDir()
	manifest, err := WriteDemo(dir, DemoSeed)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	total := 0
	for _, name := range DemoFiles {
		data := readFile(t, filepath.Join(dir, name))
		total += len(data)
		if name == "image.png" {
			if _, err := png.Decode(bytes.NewReader(data)); err != nil {
				t.Errorf("image.png: %v", err)
			}
			continue
		}
		texts[name] = decodeDemo(t, name, data)
		if strings.Contains(texts[name], "\r") {
			t.Errorf("%s has CR line endings", name)
		}
		if !strings.HasSuffix(texts[name], "\n") {
			t.Errorf("%s does not end with a newline", name)
		}
	}
	if total >= 150<<10 {
		t.Errorf("demo set is %d bytes, want under 150 KB", total)
	}

	types := map[string]int{}
	records := map[string]map[int]map[string]string{} // path -> line -> column -> cell
	for _, e := range manifest {
		if e.Negative {
			if e.Line == 0 {
				continue
			}
			if e.Line > len(lines(texts[e.Path])) {
				t.Errorf("negative %s:%d is past the end", e.Path, e.Line)
			}
			continue
		}
		types[e.Type]++
		if !slices.Contains([]string{confLow, confMedium, confHigh}, e.MinConfidence) {
			t.Errorf("%+v: bad min_confidence", e)
		}
		text, ok := texts[e.Path]
		if !ok {
			t.Fatalf("%+v: unknown path", e)
		}
		switch {
		case strings.HasSuffix(e.Path, ".csv") || strings.HasSuffix(e.Path, ".csv.gz") || strings.HasSuffix(e.Path, ".tsv"):
			if records[e.Path] == nil {
				records[e.Path] = csvRecords(t, e.Path, text)
			}
			cell, ok := records[e.Path][e.Line][e.Column]
			if !ok {
				t.Errorf("%+v: no record starts on that line with that column", e)
			} else if !strings.Contains(cell, e.Value) {
				t.Errorf("%+v: cell is %q", e, cell)
			}
		case strings.HasSuffix(e.Path, ".jsonl"):
			line := lines(text)[e.Line-1]
			var v any
			if err := json.Unmarshal([]byte(line), &v); err != nil {
				t.Fatalf("%s:%d: %v", e.Path, e.Line, err)
			}
			if got := jsonAt(v, e.Column); !slices.Contains(got, e.Value) {
				t.Errorf("%+v: values at key path are %q", e, got)
			}
		case strings.HasSuffix(e.Path, ".json"):
			var v any
			if err := json.Unmarshal([]byte(text), &v); err != nil {
				t.Fatal(err)
			}
			key := e.Column[strings.LastIndexByte(e.Column, '.')+1:]
			if line := lines(text)[e.Line-1]; !strings.Contains(line, strconv.Quote(key)+": "+strconv.Quote(e.Value)) {
				t.Errorf("%+v: line is %q", e, line)
			}
			if got := jsonAt(v, e.Column); !slices.Contains(got, e.Value) {
				t.Errorf("%+v: value not at key path", e)
			}
		default:
			if e.Column != "" {
				t.Errorf("%+v: column in plain text", e)
			}
			if line := lines(text)[e.Line-1]; !strings.Contains(line, e.Value) {
				t.Errorf("%+v: line is %q", e, line)
			}
		}
		if !validIdentifier(e.Type, e.Value) {
			t.Errorf("%+v: fails its check digit", e)
		}
		// Only 要配慮個人情報 has sub-kinds, and each of its findings names one.
		knownKind := slices.Contains([]string{KindMedicalHistory, KindDisability}, e.Kind)
		if (e.Type == TypeSensitive) != knownKind || e.Kind != "" && !knownKind {
			t.Errorf("%+v: bad kind", e)
		}
	}
	for _, typ := range Types {
		if types[typ] == 0 {
			t.Errorf("no planted %s", typ)
		}
	}
	for typ := range types {
		if !slices.Contains(Types, typ) {
			t.Errorf("unknown type %s", typ)
		}
	}

	// negatives.txt is hard negatives only, one per line.
	neg := 0
	for _, e := range manifest {
		if e.Path == "negatives.txt" {
			if !e.Negative {
				t.Errorf("positive in negatives.txt: %+v", e)
			}
			neg++
		}
	}
	if n := len(lines(texts["negatives.txt"])); neg != n || n < 35 {
		t.Errorf("negatives.txt: %d lines, %d negatives", n, neg)
	}
}

// validIdentifier applies the check digit of typ, where it has one.
func validIdentifier(typ, value string) bool {
	d := digitsOf(value)
	switch typ {
	case TypeMyNumber:
		return checkdigit.ValidMyNumber(d)
	case TypeCorporateNumber:
		return checkdigit.ValidCorporateNumber(d)
	case TypeDriversLicense:
		return checkdigit.ValidDriversLicense(d)
	case TypeCreditCard:
		return checkdigit.ValidLuhn(d)
	}
	return true
}

func lines(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }

// csvRecords maps each record's first physical line to its cells by header name.
func csvRecords(t *testing.T, path, text string) map[int]map[string]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(text))
	if strings.HasSuffix(path, ".tsv") {
		r.Comma = '\t'
	}
	header, err := r.Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := map[int]map[string]string{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		line, _ := r.FieldPos(0)
		m := map[string]string{}
		for i, c := range rec {
			m[header[i]] = c
		}
		out[line] = m
	}
}

// jsonAt returns the strings at a key path such as "[].customer.email".
func jsonAt(v any, path string) []string {
	if path == "" {
		if s, ok := v.(string); ok {
			return []string{s}
		}
		return nil
	}
	key, rest, _ := strings.Cut(path, ".")
	var out []string
	switch x := v.(type) {
	case []any:
		if key == "[]" {
			for _, e := range x {
				out = append(out, jsonAt(e, rest)...)
			}
		}
	case map[string]any:
		if e, ok := x[key]; ok {
			out = jsonAt(e, rest)
		}
	}
	return out
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatalf("list %s: %v (%s)", dir, err, regenerate)
	}
	slices.Sort(out)
	return out
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (%s)", err, regenerate)
	}
	return b
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

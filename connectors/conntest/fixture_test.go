package conntest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// TestFixtureFilesHoldTheRows decodes every customer file with the standard
// library: each holds exactly Fixture.Rows, so that the suite's findings
// compare like with like.
func TestFixtureFilesHoldTheRows(t *testing.T) {
	fx := NewFixture()
	files, err := fx.Files()
	if err != nil {
		t.Fatal(err)
	}
	want := append([][]string{fx.Columns}, fx.Rows...)
	for _, name := range []string{CustomersCSV, CustomersCP932CSV} {
		data := files[name]
		if name == CustomersCP932CSV {
			if data, err = japanese.ShiftJIS.NewDecoder().Bytes(data); err != nil {
				t.Fatal(err)
			}
		}
		got, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d rows (%v), want the fixture's %d", name, len(got), err, len(want))
		}
	}

	fromObjects := func(name string, objs []map[string]*string) {
		t.Helper()
		got := [][]string{fx.Columns}
		for _, o := range objs {
			var row []string
			for _, c := range fx.Columns {
				v, ok := o[c]
				switch {
				case !ok:
					t.Errorf("%s: an object without %s", name, c)
				case v == nil:
					row = append(row, "")
				default:
					row = append(row, *v)
				}
			}
			if len(o) != len(fx.Columns) {
				t.Errorf("%s: an object with %d keys, want %d", name, len(o), len(fx.Columns))
			}
			got = append(got, row)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the rows differ from the fixture's", name)
		}
	}
	var arr []map[string]*string
	if err := json.Unmarshal(files[CustomersJSON], &arr); err != nil {
		t.Fatalf("%s: %v", CustomersJSON, err)
	}
	fromObjects(CustomersJSON, arr)
	var lines []map[string]*string
	sc := bufio.NewScanner(bytes.NewReader(files[CustomersJSONL]))
	for sc.Scan() {
		var o map[string]*string
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatalf("%s: %v", CustomersJSONL, err)
		}
		lines = append(lines, o)
	}
	fromObjects(CustomersJSONL, lines)

	notes, err := japanese.ShiftJIS.NewDecoder().Bytes(files[NotesCP932])
	if err != nil || string(notes) != fx.Notes || string(files[Notes]) != fx.Notes {
		t.Errorf("the notes files do not both hold Fixture.Notes (%v)", err)
	}
	// The notes mention customers.
	mentioned := 0
	for _, r := range fx.Rows {
		if strings.Contains(fx.Notes, r[1]) {
			mentioned++
		}
	}
	if mentioned < 5 {
		t.Errorf("the notes mention %d customers by name", mentioned)
	}
}

// TestFixtureIsDeterministic: the same seed gives the same bytes.
func TestFixtureIsDeterministic(t *testing.T) {
	a, err := build(Seed).Files()
	if err != nil {
		t.Fatal(err)
	}
	b, err := build(Seed).Files()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("two builds of the fixture differ")
	}
	if len(a) != 6 {
		t.Errorf("%d files, want 6", len(a))
	}
}

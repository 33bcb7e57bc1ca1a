package diff

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestSchemaDocumented: SCHEMA.md names every field of the diff's JSON,
// and its example reads as a Diff, with no field it does not know.
func TestSchemaDocumented(t *testing.T) {
	doc, err := os.ReadFile("SCHEMA.md")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	jsonNames(reflect.TypeFor[Diff](), names)
	if len(names) < 30 {
		t.Fatalf("only %d fields found: %v", len(names), names)
	}
	for n := range names {
		if !strings.Contains(string(doc), "`"+n+"`") {
			t.Errorf("SCHEMA.md does not name %s", n)
		}
	}
	_, example, ok := strings.Cut(string(doc), "```json\n")
	example, _, ok2 := strings.Cut(example, "```")
	if !ok || !ok2 {
		t.Fatal("SCHEMA.md has no JSON example")
	}
	dec := json.NewDecoder(strings.NewReader(example))
	dec.DisallowUnknownFields()
	var d Diff
	if err := dec.Decode(&d); err != nil {
		t.Errorf("SCHEMA.md's example: %v", err)
	}
	if d.To.Scan == 0 || len(d.Flags.New) == 0 || len(d.Holdings.Grew) == 0 {
		t.Errorf("SCHEMA.md's example is thin: %+v", d)
	}
}

// jsonNames adds the JSON field names of t and of the structs within.
func jsonNames(t reflect.Type, names map[string]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == reflect.TypeFor[time.Time]() {
		return
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name != "" {
			names[name] = true
		}
		jsonNames(f.Type, names)
	}
}

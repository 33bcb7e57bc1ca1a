package text

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/text/language"

	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
)

// TestLabelsJapanese: every label of the Japanese table is set, and
// differs from the English one wherever that has words: a label left in
// English, or forgotten, fails here. Funcs are called with sample
// arguments.
func TestLabelsJapanese(t *testing.T) {
	oldest := time.Date(2015, 4, 1, 0, 0, 0, 0, time.UTC)
	place := inventory.Place{Store: "file", Name: "hr/old.csv"}
	inv := &inventory.Inventory{
		Items:    []inventory.ItemSummary{{ItemID: "my_number", Item: "個人番号", Class: policy.ClassMyNumber, Retention: "7y"}},
		Holdings: []inventory.Holding{{Place: place, ItemID: "my_number", Item: "個人番号", Class: policy.ClassMyNumber, High: 1, Oldest: &oldest}},
	}
	samples := map[reflect.Type]reflect.Value{
		reflect.TypeFor[int64]():                reflect.ValueOf(int64(3)),
		reflect.TypeFor[int]():                  reflect.ValueOf(2),
		reflect.TypeFor[string]():               reflect.ValueOf("x"),
		reflect.TypeFor[accessCounts]():         reflect.ValueOf(accessCounts{places: 5, public: 1, undeclared: 2, unknown: 1, notAsked: 1}),
		reflect.TypeFor[time.Duration]():        reflect.ValueOf(1500 * time.Millisecond),
		reflect.TypeFor[*inventory.Inventory](): reflect.ValueOf(inv),
		reflect.TypeFor[*inventory.Flag](): reflect.ValueOf(&inventory.Flag{Severity: inventory.SeverityMedium, Rule: inventory.RuleRetention,
			ItemID: "my_number", Item: "個人番号", Place: place, Message: "data from 2015-04-01 is older than the 7y retention of 個人番号"}),
		reflect.TypeFor[*inventory.Problem](): reflect.ValueOf(&inventory.Problem{Place: place, Reason: inventory.ReasonPermission, Error: "open: permission denied"}),
		reflect.TypeFor[*inventory.Target]():  reflect.ValueOf(&inventory.Target{Name: "gone", Status: inventory.TargetFailed, Reason: inventory.ReasonNotFound, Error: "stat gone: no such file or directory"}),
		reflect.TypeFor[*inventory.Changes](): reflect.ValueOf(&inventory.Changes{From: []int64{4}, Carried: 120, CarriedTables: 2, Read: 3, ReadTables: 1,
			Reasons: map[string]int64{"changed": 2, "new": 1}}),
		reflect.TypeFor[*inventory.StateStoreLoss](): reflect.ValueOf(&inventory.StateStoreLoss{Store: "postgres://db/pmscan", Failed: oldest, Findings: 3,
			Spool: "/tmp/pmscan-spool-1-2.db", DroppedFindings: 1}),
	}
	words := regexp.MustCompile(`[A-Za-z]{2,}`)
	check := func(name, e, j string) {
		t.Helper()
		switch {
		case j == "":
			t.Errorf("ja.%s is empty (en: %q)", name, e)
		case words.MatchString(e) && e == j:
			t.Errorf("ja.%s = %q, as in English", name, j)
		}
	}
	enV, jaV := reflect.ValueOf(&en).Elem(), reflect.ValueOf(&japanese).Elem()
	// callable is an unexported func field made callable.
	callable := func(v reflect.Value) reflect.Value {
		return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
	}
	for i := range enV.NumField() {
		f := enV.Type().Field(i)
		ev, jv := enV.Field(i), jaV.Field(i)
		switch f.Type.Kind() {
		case reflect.String:
			check(f.Name, ev.String(), jv.String())
		case reflect.Slice, reflect.Array:
			if ev.Len() != jv.Len() {
				t.Errorf("ja.%s has %d labels, en %d", f.Name, jv.Len(), ev.Len())
				continue
			}
			for k := range ev.Len() {
				check(fmt.Sprintf("%s[%d]", f.Name, k), ev.Index(k).String(), jv.Index(k).String())
			}
		case reflect.Map:
			if ev.Len() != jv.Len() {
				t.Errorf("ja.%s has %d labels, en %d", f.Name, jv.Len(), ev.Len())
			}
			for _, k := range ev.MapKeys() {
				if !jv.MapIndex(k).IsValid() {
					t.Errorf("ja.%s has no %q", f.Name, k)
					continue
				}
				check(fmt.Sprintf("%s[%q]", f.Name, k), ev.MapIndex(k).String(), jv.MapIndex(k).String())
			}
		case reflect.Func:
			if ev.IsNil() || jv.IsNil() {
				t.Errorf("%s: en set %v, ja set %v", f.Name, !ev.IsNil(), !jv.IsNil())
				continue
			}
			var args []reflect.Value
			for k := range f.Type.NumIn() {
				v, ok := samples[f.Type.In(k)]
				if !ok {
					t.Fatalf("%s: no sample argument of type %s", f.Name, f.Type.In(k))
				}
				args = append(args, v)
			}
			check(f.Name+"(…)", callable(ev).Call(args)[0].String(), callable(jv).Call(args)[0].String())
		default:
			t.Errorf("%s: a label of kind %s the test does not read", f.Name, f.Type.Kind())
		}
	}
}

func TestLabelsFor(t *testing.T) {
	for _, tt := range []struct {
		tag  language.Tag
		want *labels
	}{
		{language.Japanese, &japanese}, {language.MustParse("ja-JP"), &japanese},
		{language.English, &en}, {language.Und, &en}, {language.French, &en},
	} {
		if got := labelsFor(tt.tag); got != tt.want {
			t.Errorf("labelsFor(%s) is not the table expected", tt.tag)
		}
	}
}

func TestHeadlineJapanese(t *testing.T) {
	start := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	inv := &inventory.Inventory{Started: start, Finished: start.Add(2600 * time.Millisecond),
		Totals:  inventory.Totals{Objects: 9, Bytes: 23654, Rows: 3, Findings: 736, Skipped: 1},
		Targets: []inventory.Target{{Name: "a"}, {Name: "b", Status: inventory.TargetFailed, Error: "connection refused"}}}
	want := "9 個のオブジェクト（23.1 KiB、3 行）を 2.6 秒でスキャンしました: 検出 736 件、スキップ 1 件、エラー 0 件、失敗した対象 1 件"
	if got := Headline(inv, language.Japanese); got != want {
		t.Errorf("Headline = %q\nwant %q", got, want)
	}
	inv.Interrupted = true
	if got := Headline(inv, language.Japanese); !strings.HasSuffix(got, "エラー 0 件（中断: 結果は途中までです）") {
		t.Errorf("interrupted: %q", got)
	}
}

func TestJaDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		12 * time.Millisecond:                        "0.012 秒",
		3 * time.Second:                              "3 秒",
		2600*time.Millisecond + 400*time.Microsecond: "2.6 秒",
		90500 * time.Millisecond:                     "1 分 30.5 秒",
		2*time.Hour + 5*time.Second:                  "2 時間 0 分 5 秒",
	} {
		if got := jaDuration(d); got != want {
			t.Errorf("jaDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestFlagsJapanese: the conformance flags are explained in Japanese,
// with the retention and the age of the data, and the low-confidence note;
// a rule the table does not know keeps the inventory's message.
func TestFlagsJapanese(t *testing.T) {
	oldest := time.Date(2015, 4, 1, 0, 0, 0, 0, time.UTC)
	hr := inventory.Place{Store: "file", Name: "hr/old.csv", Column: "個人番号"}
	memo := inventory.Place{Store: "file", Name: "memo.txt"}
	inv := &inventory.Inventory{Policy: "policy.yaml",
		Items: []inventory.ItemSummary{{ItemID: "my_number", Item: "個人番号", Class: policy.ClassMyNumber, Retention: "7y"},
			{ItemID: "medical", Item: "病歴", Class: policy.ClassSensitive}},
		Holdings: []inventory.Holding{{Place: hr, ItemID: "my_number", Item: "個人番号", High: 1, Oldest: &oldest},
			{Place: memo, ItemID: "medical", Item: "病歴", Low: 2}},
		Flags: []inventory.Flag{
			{Severity: inventory.SeverityMedium, Rule: inventory.RuleRetention, ItemID: "my_number", Item: "個人番号", Place: hr, Message: "data from 2015-04-01 is older than the 7y retention of 個人番号"},
			{Severity: inventory.SeverityLow, Rule: inventory.RuleSensitive, ItemID: "medical", Item: "病歴", Place: memo, Message: "病歴 is 要配慮個人情報: … (low-confidence findings only)"},
			{Severity: inventory.SeverityLow, Rule: "some_new_rule", Item: "x", Place: memo, Message: "a new rule's message"},
		},
	}
	var b bytes.Buffer
	if err := Write(&b, inv, language.Japanese); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n方針適合性（policy.yaml のポリシー）: 高 0 件、中 1 件、低 2 件\n",
		"\n  中 hr/old.csv [個人番号]: 2015-04-01 のデータがあり、「個人番号」の保管期限（7年）を過ぎています。\n",
		"\n  低 memo.txt: 「病歴」は要配慮個人情報です。取得には本人の事前の同意が必要です。同意の記録を確認してください。（確度の低い検出のみ）\n",
		"\n  低 memo.txt: a new rule's message\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
}

// TestBoundedJapanese: the notes of what is not listed are Japanese too.
func TestBoundedJapanese(t *testing.T) {
	inv := &inventory.Inventory{Policy: "built-in", Totals: inventory.Totals{Findings: 250, Failed: 70}}
	for i := range 125 {
		inv.Places = append(inv.Places, inventory.PlaceCount{Store: "file", Name: fmt.Sprintf("f%03d.txt", i), Findings: 2, ByType: map[string]int64{"email": 2}})
	}
	for i := range 70 {
		inv.Problems = append(inv.Problems, inventory.Problem{Place: inventory.Place{Name: fmt.Sprintf("bad%02d.csv", i)}, Reason: inventory.ReasonPermission, Error: "open: permission denied"})
	}
	for i := range 205 {
		inv.Columns = append(inv.Columns, inventory.ColumnVerdict{Place: "mysql://db/crm/t", Column: fmt.Sprintf("c%03d", i), Type: "blob", Skipped: "binary"})
	}
	for i := range 12 {
		inv.Flags = append(inv.Flags, inventory.Flag{Severity: inventory.SeverityMedium, Rule: inventory.RuleUnmappedType, Item: "ip_address", Place: inventory.Place{Name: fmt.Sprintf("log%02d", i)}})
	}
	var b bytes.Buffer
	if err := Write(&b, inv, language.Japanese); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"\n  （ほか 2 件）\n\n",
		"\n  mysql://db/crm/t [c199]  blob  -       読み取らず  binary\n  （ほか 5 列。-columns FILE ですべて書き出せます）\n",
		"\n  読み取り失敗: bad49.csv: 読み取り権限がありません（open: permission denied）\n  （ほか 20 件）\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`\n  （ほか 25 か所） +50 +email 50\n`).MatchString(out) {
		t.Errorf("places not bounded to 100 with the rest counted:\n%s", out)
	}
}

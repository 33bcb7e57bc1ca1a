package diff

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/scanner"
)

// hold is a holding of item at place and column; an item ID of "" is a
// detector type no item of the policy lists.
func hold(place, column, itemID, item string, findings, distinct int64) inventory.Holding {
	class := "個人情報"
	if itemID == "" {
		class = ""
	}
	return inventory.Holding{Place: inventory.Place{Store: "file", Name: place, Column: column},
		ItemID: itemID, Item: item, Class: class, Types: []string{itemID}, Findings: findings, Distinct: distinct, High: findings}
}

// flag is a conformance flag on h.
func flag(rule string, h inventory.Holding, msg string) inventory.Flag {
	return inventory.Flag{Severity: inventory.SeverityMedium, Rule: rule, ItemID: h.ItemID, Item: h.Item, Class: h.Class,
		Place: h.Place, Findings: h.Findings, Message: msg}
}

// inv is an inventory of holdings (sorted as the builder sorts them), its
// items made from them in order, and flags.
func inv(holdings []inventory.Holding, flags ...inventory.Flag) *inventory.Inventory {
	out := &inventory.Inventory{SchemaVersion: inventory.SchemaVersion, Status: inventory.StatusComplete,
		Targets: []inventory.Target{{Name: "data", Status: inventory.TargetOK}}, Holdings: holdings, Flags: flags}
	slices.SortFunc(out.Holdings, func(x, y inventory.Holding) int {
		return cmp.Or(comparePlaces(x.Place, y.Place), cmp.Compare(x.Item, y.Item))
	})
	at := map[itemKey]int{}
	places := map[string]bool{}
	for _, h := range out.Holdings {
		k := keyOfItem(h.ItemID, h.Item)
		i, ok := at[k]
		if !ok {
			i = len(out.Items)
			at[k] = i
			out.Items = append(out.Items, inventory.ItemSummary{ItemID: h.ItemID, Item: h.Item, Class: h.Class})
		}
		out.Items[i].Places++
		out.Items[i].Findings += h.Findings
		out.Items[i].Distinct += h.Distinct
		out.Totals.Findings += h.Findings
		places[h.Name] = true
	}
	out.Totals.Places = len(places)
	return out
}

// lines writes every change of d on a line of its own, to compare with a
// table's want.
func lines(d *Diff) []string {
	var out []string
	for _, c := range []struct {
		name string
		its  []Item
	}{{"item+", d.Items.Appeared}, {"item-", d.Items.Disappeared}} {
		for _, it := range c.its {
			out = append(out, fmt.Sprintf("%s %s %d/%d", c.name, it.Item, it.Findings, it.Places))
		}
	}
	for _, c := range []struct {
		name string
		ps   []PlaceChange
	}{{"place+", d.Places.Appeared}, {"place-", d.Places.Disappeared}, {"column+", d.Columns.Appeared}, {"column-", d.Columns.Disappeared}} {
		for _, p := range c.ps {
			out = append(out, fmt.Sprintf("%s %s[%s] %v %d", c.name, p.Name, p.Column, p.Items, p.Findings))
		}
	}
	for _, c := range []struct {
		name string
		hs   []Holding
	}{{"holding+", d.Holdings.Appeared}, {"holding-", d.Holdings.Disappeared}, {"grew", d.Holdings.Grew}, {"shrank", d.Holdings.Shrank}} {
		for _, h := range c.hs {
			out = append(out, fmt.Sprintf("%s %s[%s] %s %d→%d %d→%d", c.name, h.Name, h.Column, h.Item,
				h.Findings.From, h.Findings.To, h.Distinct.From, h.Distinct.To))
		}
	}
	for _, c := range []struct {
		name string
		fs   []inventory.Flag
	}{{"flag+", d.Flags.New}, {"flag-", d.Flags.Resolved}} {
		for _, f := range c.fs {
			out = append(out, fmt.Sprintf("%s %s %s %s[%s] %q", c.name, f.Rule, f.Item, f.Name, f.Column, f.Message))
		}
	}
	for _, c := range []struct {
		name string
		ps   []inventory.Place
	}{{"unreadable+", d.Unreadable.New}, {"unreadable-", d.Unreadable.ReadableAgain}} {
		for _, p := range c.ps {
			out = append(out, fmt.Sprintf("%s %s[%s]", c.name, p.Name, p.Column))
		}
	}
	return out
}

func TestCompare(t *testing.T) {
	phone := hold("a.csv", "電話", "phone", "電話番号", 10, 10)
	email := hold("a.csv", "メール", "email", "メールアドレス", 4, 4)
	memo := hold("memo.txt", "", "phone", "電話番号", 2, 2)
	with := func(h inventory.Holding, findings, distinct int64) inventory.Holding {
		h.Findings, h.Distinct = findings, distinct
		return h
	}
	place := func(h inventory.Holding, name, column string) inventory.Holding {
		h.Name, h.Column = name, column
		return h
	}
	for _, tc := range []struct {
		name                 string
		from, to             *inventory.Inventory
		fromFailed, toFailed []inventory.Place
		want                 []string
	}{
		{
			name: "the same scan twice: nothing",
			from: inv([]inventory.Holding{phone, email, memo}, flag(inventory.RuleUndeclaredPlace, memo, "m")),
			to:   inv([]inventory.Holding{phone, email, memo}, flag(inventory.RuleUndeclaredPlace, memo, "m")),
		},
		{
			name: "empty to empty",
			from: inv(nil), to: inv(nil),
		},
		{
			name: "a new place: its columns and holdings are not listed again",
			from: inv([]inventory.Holding{phone}),
			to:   inv([]inventory.Holding{phone, place(email, "b.csv", "メール"), place(phone, "b.csv", "TEL"), memo}),
			want: []string{
				"item+ メールアドレス 4/1",
				"place+ b.csv[] [メールアドレス 電話番号] 14",
				"place+ memo.txt[] [電話番号] 2",
			},
		},
		{
			name: "a place gone",
			from: inv([]inventory.Holding{phone, memo}),
			to:   inv([]inventory.Holding{phone}),
			want: []string{"place- memo.txt[] [電話番号] 2"},
		},
		{
			name: "a new column in a place held before; the unchanged holding is not listed",
			from: inv([]inventory.Holding{phone}),
			to:   inv([]inventory.Holding{phone, email}),
			want: []string{"item+ メールアドレス 4/1", "column+ a.csv[メール] [メールアドレス] 4"},
		},
		{
			name: "a column gone from a place still held",
			from: inv([]inventory.Holding{phone, email}),
			to:   inv([]inventory.Holding{phone}),
			want: []string{"item- メールアドレス 4/1", "column- a.csv[メール] [メールアドレス] 4"},
		},
		{
			name: "a new item in a column held before, of an item held elsewhere already",
			from: inv([]inventory.Holding{phone, email, memo}),
			to:   inv([]inventory.Holding{phone, email, memo, place(email, "a.csv", "電話")}),
			want: []string{"holding+ a.csv[電話] メールアドレス 0→4 0→4"},
		},
		{
			name: "free text found in a place whose columns held data before",
			from: inv([]inventory.Holding{phone}),
			to:   inv([]inventory.Holding{phone, place(memo, "a.csv", "")}),
			want: []string{"holding+ a.csv[] 電話番号 0→2 0→2"},
		},
		{
			name: "free text gone",
			from: inv([]inventory.Holding{phone, place(memo, "a.csv", "")}),
			to:   inv([]inventory.Holding{phone}),
			want: []string{"holding- a.csv[] 電話番号 2→0 2→0"},
		},
		{
			name: "counts: grew, shrank, distinct alone, findings first; unchanged ones not listed",
			from: inv([]inventory.Holding{phone, email, memo, hold("c.csv", "x", "name", "氏名", 5, 5), hold("d.csv", "y", "addr", "住所", 3, 3)}),
			to: inv([]inventory.Holding{with(phone, 12, 11), with(email, 3, 3), memo,
				hold("c.csv", "x", "name", "氏名", 5, 4), hold("d.csv", "y", "addr", "住所", 4, 2)}),
			want: []string{
				"grew a.csv[電話] 電話番号 10→12 10→11",
				"grew d.csv[y] 住所 3→4 3→2",
				"shrank a.csv[メール] メールアドレス 4→3 4→3",
				"shrank c.csv[x] 氏名 5→5 5→4",
			},
		},
		{
			name: "a flag whose message and findings changed with the counts is the same flag",
			from: inv([]inventory.Holding{memo}, flag(inventory.RuleUndeclaredPlace, memo, "電話番号 (2 findings) is held here")),
			to: inv([]inventory.Holding{with(memo, 3, 3)}, func() inventory.Flag {
				f := flag(inventory.RuleUndeclaredPlace, with(memo, 3, 3), "電話番号 (3 findings) is held here")
				f.Severity = inventory.SeverityHigh
				return f
			}()),
			want: []string{"grew memo.txt[] 電話番号 2→3 2→3"},
		},
		{
			name: "flags differ by rule, by column, by item: new and resolved, each in its own scan's words",
			from: inv([]inventory.Holding{phone, email},
				flag(inventory.RuleUndeclaredPlace, phone, "old place"),
				flag(inventory.RuleRetention, email, "old retention")),
			to: inv([]inventory.Holding{phone, email},
				flag(inventory.RuleRetention, phone, "new retention"),
				flag(inventory.RuleUndeclaredPlace, email, "new place")),
			want: []string{
				`flag+ retention 電話番号 a.csv[電話] "new retention"`,
				`flag+ undeclared_place メールアドレス a.csv[メール] "new place"`,
				`flag- undeclared_place 電話番号 a.csv[電話] "old place"`,
				`flag- retention メールアドレス a.csv[メール] "old retention"`,
			},
		},
		{
			name: "an item is the same by its ID when the policy renames it",
			from: inv([]inventory.Holding{phone}),
			to:   inv([]inventory.Holding{func() inventory.Holding { h := phone; h.Item = "電話"; return h }()}),
		},
		{
			name: "unmapped types are items by their names",
			from: inv([]inventory.Holding{hold("log.txt", "", "", "ip_address", 1, 1)}),
			to:   inv([]inventory.Holding{hold("log.txt", "", "", "ip_address", 1, 1), hold("log.txt", "", "", "mac_address", 2, 2)}),
			want: []string{"item+ mac_address 2/1", "holding+ log.txt[] mac_address 0→2 0→2"},
		},
		{
			name:       "unreadable objects: new, readable again, once each, sorted; those failing in both are not listed",
			from:       inv(nil),
			to:         inv(nil),
			fromFailed: []inventory.Place{{Store: "file", Name: "z.csv"}, {Store: "file", Name: "both.csv"}, {Store: "file", Name: "gone.pdf"}},
			toFailed:   []inventory.Place{{Store: "file", Name: "new2.csv"}, {Store: "file", Name: "both.csv"}, {Store: "file", Name: "new1.csv"}, {Store: "file", Name: "new1.csv"}},
			want:       []string{"unreadable+ new1.csv[]", "unreadable+ new2.csv[]", "unreadable- gone.pdf[]", "unreadable- z.csv[]"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Compare(tc.from, tc.to, tc.fromFailed, tc.toFailed)
			if got := lines(d); !slices.Equal(got, tc.want) {
				t.Errorf("Compare:\n got %q\nwant %q", got, tc.want)
			}
			if d.Empty() != (len(tc.want) == 0) {
				t.Errorf("Empty() = %v with %d changes", d.Empty(), len(tc.want))
			}
			// Backwards, every change turns round.
			back := lines(Compare(tc.to, tc.from, tc.toFailed, tc.fromFailed))
			if len(back) != len(tc.want) {
				t.Errorf("Compare backwards has %d changes, forwards %d:\n%q", len(back), len(tc.want), back)
			}
		})
	}
}

// TestCompareScans: the scans' own facts come along; nil inventories are
// empty ones, and the lists are never nil.
func TestCompareScans(t *testing.T) {
	from := inv([]inventory.Holding{hold("a.csv", "電話", "phone", "電話番号", 1, 1)})
	from.Totals.Subjects, from.Totals.Failed = 1, 2
	from.Status = inventory.StatusUnreadable
	d := Compare(from, nil, nil, nil)
	if d.From.Status != inventory.StatusUnreadable || len(d.From.Targets) != 1 || d.Totals.Subjects != (Count{1, 0}) ||
		d.Totals.Failed != (Count{2, 0}) || d.Totals.Findings != (Count{1, 0}) || d.Totals.Places != (Count{1, 0}) {
		t.Errorf("Compare(from, nil): %+v", d)
	}
	if d.To.Targets == nil || d.Items.Appeared == nil || d.Places.Appeared == nil || d.Columns.Disappeared == nil || d.Holdings.Grew == nil ||
		d.Flags.New == nil || d.Unreadable.ReadableAgain == nil {
		t.Errorf("nil lists: %+v", d)
	}
	if d.SchemaVersion != SchemaVersion {
		t.Errorf("schema_version %d", d.SchemaVersion)
	}
}

func TestFailedPlaces(t *testing.T) {
	at := func(name string) connectors.Location { return connectors.At(connectors.NewFile(name)) }
	line := at("partly.jsonl")
	line.Line = 9
	problems := []scanner.Problem{
		{Location: at("locked.csv"), Err: errors.New("open: permission denied"), Terminal: true},
		{Location: at("logo.png"), Err: connectors.Skip("binary content"), Skipped: true, Terminal: true},
		{Location: line, Err: errors.New("jsonl: bad line")},
		{Location: at("locked.csv"), Err: errors.New("open: permission denied"), Terminal: true},
		{Location: at("secret.xlsx"), Err: errors.New("encrypted")},
	}
	seq := func(yield func(scanner.Problem, error) bool) {
		for _, p := range problems {
			if !yield(p, nil) {
				return
			}
		}
	}
	got, err := FailedPlaces(seq)
	if err != nil {
		t.Fatal(err)
	}
	want := []inventory.Place{{Store: "file", Name: "locked.csv"}, {Store: "file", Name: "secret.xlsx"}}
	if !slices.Equal(got, want) {
		t.Errorf("FailedPlaces = %+v, want %+v", got, want)
	}

	none, err := FailedPlaces(func(func(scanner.Problem, error) bool) {})
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("FailedPlaces of nothing = %#v, %v; want an empty list", none, err)
	}
	boom := errors.New("connection lost")
	if _, err := FailedPlaces(func(yield func(scanner.Problem, error) bool) { yield(scanner.Problem{}, boom) }); !errors.Is(err, boom) {
		t.Errorf("FailedPlaces of a failing store = %v, want it wrapped", err)
	}
}

package main

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/pmscan/pmscan/connectors"
)

func TestSplitUnits(t *testing.T) {
	objs := func(sizes ...int64) []plannedObject {
		var out []plannedObject
		for i, s := range sizes {
			out = append(out, plannedObject{fmt.Sprintf("o%d", i), s})
		}
		return out
	}
	for _, tt := range []struct {
		name       string
		objects    []plannedObject
		maxObjects int
		maxBytes   int64
		want       []int // objects per unit
	}{
		{"none", nil, 10, 100, nil},
		{"by count", objs(1, 1, 1, 1, 1), 2, 100, []int{2, 2, 1}},
		{"by size", objs(40, 40, 40, 40), 10, 100, []int{2, 2}},
		{"a large object alone", objs(10, 500, 10), 10, 100, []int{1, 1, 1}},
		{"exactly the size", objs(50, 50, 50), 10, 100, []int{2, 1}},
		{"empty objects count", objs(0, 0, 0), 2, 100, []int{2, 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			var order []string
			for _, u := range splitUnits(tt.objects, tt.maxObjects, tt.maxBytes) {
				got = append(got, len(u))
				for _, o := range u {
					order = append(order, o.name)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("units of %v objects, want %v", got, tt.want)
			}
			for i, o := range tt.objects {
				if order[i] != o.name {
					t.Fatalf("the units do not keep the walk order: %v", order)
				}
			}
		})
	}
}

func TestDistributedArgs(t *testing.T) {
	for _, tt := range []struct{ in, want []string }{
		{[]string{"-distributed", "-state", "postgres://h/db", "-policy", "p.yaml", "/data"}, []string{"-policy", "p.yaml", "/data"}},
		{[]string{"--state=postgres://h/db", "-distributed=true", "-unit-objects", "5", "-unit-mb=64", "s3://b/"}, []string{"s3://b/"}},
		{[]string{"-types", "phone", "--", "-odd-name"}, []string{"-types", "phone", "--", "-odd-name"}},
	} {
		if got := distributedArgs(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("distributedArgs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestUnitSelector: a unit scan reads its objects, omits the others, and
// lets the connector skip directories that hold none of its objects.
func TestUnitSelector(t *testing.T) {
	u := newUnitSelector(map[string]bool{"/data/a/x.csv": true, "/data/a/b/y.txt": true, "s3://bkt/k/z.json": true}, "", "s3://bkt/k/z.json")
	for _, tt := range []struct {
		name string
		in   bool
	}{
		{"/data/a/x.csv", true}, {"/data/a/b/y.txt", true}, {"/data/a", true}, {"/data/a/b", true}, {"/data", true},
		{"/data/c", false}, {"/data/a/x.csv.bak", false}, {"/data/a/b/z.txt", false}, {"/dat", false},
		{"s3://bkt/k/z.json", true}, {"s3://bkt/k/other.json", false},
	} {
		if got := u.Contains(tt.name); got != tt.in {
			t.Errorf("Contains(%q) = %v, want %v", tt.name, got, tt.in)
		}
	}
	if c := u.Carry(context.Background(), connectors.NewFile("/data/a/x.csv")); c != nil {
		t.Errorf("the unit's own object is carried (%+v), not read", c)
	}
	if c := u.Carry(context.Background(), connectors.NewFile("/data/c/w.csv")); c == nil || !c.Omit {
		t.Errorf("another unit's object is not omitted: %+v", c)
	}
}

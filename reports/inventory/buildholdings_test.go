package inventory

import (
	"reflect"
	"testing"
	"time"

	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

// TestBuildInPartsEqualsBuildInOne: Build goes through the holdings of
// many places in parts, concurrently, each part a run of whole places;
// the inventory is the one it makes going through them in one.
func TestBuildInPartsEqualsBuildInOne(t *testing.T) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		t.Fatal(err)
	}
	objs := carriedTree(t, p, 300)
	sum := &scanner.Summary{Started: time.Unix(0, 0), Finished: time.Unix(60, 0)}
	var want *Inventory
	for _, parts := range []int{1, 2, 3, 7, 5000} {
		bld := carryAll(t, p, objs)
		bld.parts = parts
		got := bld.Build(sum)
		if want == nil {
			want = got
			if len(got.Holdings) < 1000 || got.Totals.Subjects == 0 || len(got.Items) == 0 {
				t.Fatalf("%d holdings, %d people, %d items: the test builds too little", len(got.Holdings), got.Totals.Subjects, len(got.Items))
			}
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("in %d parts: totals %+v, items %+v\nin one: totals %+v, items %+v", parts, got.Totals, got.Items, want.Totals, want.Items)
		}
	}
}

package store

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func TestLookupsAuditTrail(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			st := open(t, b.dsn(t))
			ctx := context.Background()
			at := time.Date(2026, 12, 7, 1, 2, 3, 456000, time.UTC)
			want := []Lookup{
				{Started: at, Finished: at.Add(time.Second), Status: LookupComplete, Kinds: []string{"name", "phone"},
					QueryHashes: []string{"name:00aa", "phone:11bb"}, Targets: []string{"/srv/exports", "s3://crm/"}, Matches: 3, Possible: 1, NearMisses: 2},
				{Started: at.Add(time.Hour), Finished: at.Add(time.Hour + time.Minute), Status: LookupIncomplete, Kinds: []string{"email"},
					QueryHashes: []string{"email:22cc"}, Targets: []string{"postgres://scan@db/crm"}, NotSearched: 1},
			}
			for i := range want {
				id, err := st.RecordLookup(ctx, want[i])
				if err != nil {
					t.Fatal(err)
				}
				want[i].ID = id
			}
			got, err := st.Lookups(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || !reflect.DeepEqual(got[0], want[1]) || !reflect.DeepEqual(got[1], want[0]) {
				t.Errorf("lookups:\n got  %+v\n want %+v (newest first)", got, want)
			}
			if got, err := st.Lookups(ctx, 1); err != nil || len(got) != 1 || got[0].ID != want[1].ID {
				t.Errorf("Lookups(1) = %+v, %v", got, err)
			}
		})
	}
}

package store

import (
	"reflect"
	"testing"
)

func TestLookupEntries(t *testing.T) {
	want := []lookupEntry{
		{typ: entryName, hash: 1<<63 | 5, surname: 42, column: "氏名"},
		{typ: entryBirthDate, hash: 7, column: ""},
		{typ: entryOther, hash: ^uint64(0), column: "[].contact.email"},
	}
	var b []byte
	ends := map[int]int{} // the length after each entry: how many it holds
	for i, e := range want {
		b = appendEntry(b, e)
		ends[len(b)] = i + 1
	}
	got, err := decodeEntries(b)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeEntries = %+v, %v; want %+v", got, err, want)
	}
	// A cut between entries holds the entries before it; any other cut
	// is an error, never a panic or a wrong entry.
	for n := 1; n < len(b); n++ {
		got, err := decodeEntries(b[:n])
		k, whole := ends[n]
		switch {
		case whole && (err != nil || !reflect.DeepEqual(got, want[:k])):
			t.Errorf("cut after %d entries: %+v, %v", k, got, err)
		case !whole && err == nil:
			t.Errorf("cut at %d: %+v, no error", n, got)
		}
	}
}

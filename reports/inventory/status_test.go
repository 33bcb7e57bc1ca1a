package inventory

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/scanner"
)

func TestScanStatus(t *testing.T) {
	ok := Target{Name: "d", Status: TargetOK}
	failed := Target{Name: "/mnt/x", Status: TargetFailed, Error: "open target: stat /mnt/x: no such file or directory"}
	for _, tc := range []struct {
		name        string
		interrupted bool
		targets     []Target
		failedItems int64
		want        string
	}{
		{"all read", false, []Target{ok}, 0, StatusComplete},
		{"an unreadable item", false, []Target{ok}, 2, StatusUnreadable},
		{"one target did not open", false, []Target{ok, failed}, 0, StatusFailed},
		{"no target at all", false, nil, 0, StatusFailed},
		{"interrupted", true, []Target{ok}, 2, StatusInterrupted},
		{"a target interrupted", false, []Target{{Name: "d", Status: TargetInterrupted}}, 0, StatusInterrupted},
		{"stored before statuses", false, []Target{{Name: "d", Error: "boom"}}, 0, StatusFailed},
	} {
		if got := ScanStatus(tc.interrupted, tc.targets, tc.failedItems); got != tc.want {
			t.Errorf("%s: ScanStatus = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestReasonOf(t *testing.T) {
	for _, tc := range []struct {
		err     error
		skipped bool
		want    string
	}{
		{fmt.Errorf("open: %w", fs.ErrPermission), false, ReasonPermission},
		{fmt.Errorf("stat /x: %w", fs.ErrNotExist), false, ReasonNotFound},
		{errors.New("SELECT command denied to user 'scan'@'%' for table 'salary'"), false, ReasonPermission},
		{errors.New("read table: ERROR: permission denied for table salary (SQLSTATE 42501)"), false, ReasonPermission},
		{errors.New("api error AccessDenied: Access Denied"), false, ReasonPermission},
		{errors.New("ListObjectsV2: no usable AWS credentials (looked in the environment, …)"), false, ReasonPermission},
		{errors.New(`connect: failed to connect to user=scan database=crm: FATAL: password authentication failed for user "scan" (SQLSTATE 28P01)`), false, ReasonPermission},
		{errors.New("api error InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records."), false, ReasonPermission},
		{connectors.Skip("encrypted PDF"), true, ReasonEncrypted},
		{connectors.Skip("PDF larger than 256 MiB: not read"), true, ReasonTooLarge},
		{connectors.TooLarge("compression ratio over 200:1 (a zip bomb?): the rest not read"), false, ReasonTooLarge}, // typed: no limit words
		{connectors.TooLarge("object sampled: %w", errors.New("unexpected EOF")), false, ReasonTooLarge},              // not malformed
		{fmt.Errorf("xlsx: %w", context.DeadlineExceeded), false, ReasonTimeout},
		{connectors.Skip("binary content (NUL bytes)"), true, ReasonBinary},
		{connectors.Skip("special file (socket)"), true, ReasonSpecial},
		{errors.New("pdf: page 3 has no extractable text (scanned image?)"), false, ReasonNoText},
		{errors.New("connect: dial tcp 127.0.0.1:5999: connect: connection refused"), false, ReasonUnreachable},
		{errors.New("view is invalid: it refers to tables that no longer exist"), false, ReasonMalformed},
		{connectors.Skip("something new"), true, ReasonUnsupported},
		{errors.New("something new"), false, ReasonOther},
		{nil, false, ""},
	} {
		if got := ReasonOf(tc.err, tc.skipped); got != tc.want {
			t.Errorf("ReasonOf(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

// TestSubjectsCountPeopleNotReadings: a name and its reading in the same
// rows are one person each, and so is its romanised form; a place with
// more distinct names in one script counts them all.
func TestSubjectsCountPeopleNotReadings(t *testing.T) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(p)
	at := func(o *connectors.Object, col string, line int) connectors.Location {
		l := connectors.At(o)
		l.Column, l.Line = col, int64(line)
		return l
	}
	name := func(l connectors.Location, masked string, n uint64) {
		f := finding("person_name", "", l, n*0x9E3779B97F4A7C15+1, detectors.High) // hashes spread as siphash's are
		f.Masked = masked
		must(t, b.Finding(f))
	}
	csv := connectors.NewFile("customers.csv")
	for i, n := range [][3]string{{"山***", "ヤ*****", "T*** Y*****"}, {"佐***", "サ*****", "H**** S***"}, {"鈴***", "ス******", "I**** S*****"}, {"田***", "タ****", "J**** T*****"}} {
		row := uint64(i+1) * 1000
		name(at(csv, "氏名", i+2), n[0], row+1)
		name(at(csv, "フリガナ", i+2), n[1], row+2)
		name(at(csv, "氏名（ローマ字）", i+2), n[2], row+3)
	}
	// Seven people in kanji, three of them with a reading too: seven.
	memo := connectors.NewFile("memo.txt")
	for i := range 7 {
		name(at(memo, "", i+1), "山***", uint64(i+1)*7777)
	}
	for i := range 3 {
		name(at(memo, "", i+1), "ヤ*****", uint64(i+1)*8888)
	}
	inv := b.Build(&scanner.Summary{Targets: []scanner.TargetResult{{Name: "."}}})
	if inv.Totals.Subjects != 4+7 {
		t.Errorf("Subjects = %d, want 11 (4 in customers.csv, 7 in memo.txt)", inv.Totals.Subjects)
	}
	// The distinct values stay what they are: distinct values.
	for _, it := range inv.Items {
		if it.ItemID == "name" && it.Distinct != 12+10 {
			t.Errorf("氏名: Distinct = %d, want 22", it.Distinct)
		}
	}
	if inv.Status != StatusComplete {
		t.Errorf("Status = %q, want complete", inv.Status)
	}
}

func TestTargetOutcome(t *testing.T) {
	for _, tc := range []struct {
		t    Target
		want string
	}{
		{Target{Status: TargetInterrupted}, TargetInterrupted},
		{Target{Status: TargetFailed, Error: "x"}, TargetFailed},
		{Target{Error: "connect: refused"}, TargetFailed}, // stored before statuses were
		{Target{}, TargetOK},
	} {
		if got := tc.t.Outcome(); got != tc.want {
			t.Errorf("%+v: Outcome = %q, want %q", tc.t, got, tc.want)
		}
	}
}

// TestSubjectsUniteAnItemsColumns: one item in two columns of a place is
// one set of values: phones in 電話番号 and 携帯電話, one of them in both,
// are the people behind both columns, counted once; the holdings keep
// their own distinct values.
func TestSubjectsUniteAnItemsColumns(t *testing.T) {
	p, err := policy.Parse([]byte(testPolicy), "test.yaml", knownTypes)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(p)
	o := connectors.NewFile("contacts.csv")
	phone := func(col string, n uint64) {
		l := connectors.At(o)
		l.Column = col
		must(t, b.Finding(finding("phone", "", l, n*0x9E3779B97F4A7C15+1, detectors.High)))
	}
	for _, n := range []uint64{1, 2, 3} {
		phone("電話番号", n)
	}
	for _, n := range []uint64{3, 4, 5, 6} {
		phone("携帯電話", n)
	}
	inv := b.Build(&scanner.Summary{Targets: []scanner.TargetResult{{Name: "."}}})
	if inv.Totals.Subjects != 6 {
		t.Errorf("Subjects = %d, want 6: the two columns' phones, one of them in both", inv.Totals.Subjects)
	}
	distinct := map[string]int64{}
	for _, h := range inv.Holdings {
		distinct[h.Column] = h.Distinct
	}
	if distinct["電話番号"] != 3 || distinct["携帯電話"] != 4 {
		t.Errorf("holdings' distinct values = %v, want 電話番号 3 and 携帯電話 4", distinct)
	}
	if inv.Totals.Places != 1 {
		t.Errorf("Places = %d, want 1", inv.Totals.Places)
	}
}

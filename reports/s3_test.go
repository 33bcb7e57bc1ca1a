package reports

import (
	"errors"
	"testing"
	"time"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/scanner"
)

// feedS3 sends a fixed bucket scan's results to r: a CP932 CSV read in
// full, a large log of which only the start was read, an object the scan
// user may not read and one archived in Glacier.
func feedS3(t *testing.T, r scanner.Sink) *scanner.Summary {
	t.Helper()
	object := func(key, etag string, size int64) *connectors.Object {
		o := connectors.NewS3Object("", "corp-exports", key)
		o.ETag, o.Modified, o.Size = etag, time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC), size
		return o
	}
	csv := object("crm/2026/customers.csv", "9b2cf535f27731c974343645a3985328", 2048)
	csv.Encoding = "cp932"
	at := func(o *connectors.Object, line int64, column string) connectors.Location {
		return connectors.Location{Object: o, Line: line, Column: column}
	}
	big := object("logs/app-2026-11.log", "d41d8cd98f00b204e9800998ecf8427e-12", 3<<30)
	big.Encoding, big.SampledBytes = "utf-8", 64<<20
	findings := []scanner.Finding{
		{Type: "phone", Confidence: detectors.High, Reasons: []string{"mobile number plan", "column name matches 電話"}, Location: at(csv, 2, "電話番号"), Masked: "090-****-5678"},
		{Type: "email", Confidence: detectors.High, Reasons: []string{"well-formed address"}, Location: at(csv, 2, "メール"), Masked: "t***@example.jp"},
		{Type: "my_number", Confidence: detectors.High, Reasons: []string{"check digit passed", "column name matches 個人番号"}, Location: at(csv, 3, "個人番号"), Masked: "********8004"},
		{Type: "ip_address", Confidence: detectors.Medium, Reasons: []string{"public IPv4 address"}, Location: at(big, 120, ""), Masked: "203.0.*.*"},
	}
	for i := range findings {
		if err := r.Finding(&findings[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Object(csv, connectors.ObjectStats{Bytes: 2048, Format: "csv"}); err != nil {
		t.Fatal(err)
	}
	if err := r.Object(big, connectors.ObjectStats{Bytes: 64 << 20, Format: "text", Sampled: true}); err != nil {
		t.Fatal(err)
	}
	problems := []scanner.Problem{
		{Location: connectors.At(object("hr/payroll.csv", "", 100)), Terminal: true, Err: errors.New("GetObject: AccessDenied (HTTP 403): Access Denied")},
		{Location: connectors.At(object("archive/2019.csv.gz", "", 100)), Terminal: true, Err: connectors.Skip("archived (GetObject: InvalidObjectState (HTTP 403): The operation is not valid for the object's storage class): restore it to scan it"), Skipped: true},
	}
	for _, p := range problems {
		if err := r.Problem(p); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	sum := &scanner.Summary{
		Started: start, Finished: start.Add(3 * time.Second),
		Targets: []scanner.TargetResult{{Name: "s3://corp-exports/"}},
		Objects: 2, Bytes: 2048 + 64<<20, Records: 40, Skipped: 1, Failed: 1,
		Findings: int64(len(findings)), ByType: map[string]int64{"phone": 1, "email": 1, "my_number": 1, "ip_address": 1},
	}
	return sum
}

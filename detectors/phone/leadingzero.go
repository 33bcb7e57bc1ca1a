package phone

import (
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/columns"
)

// Integer columns (bigint) and spreadsheets exported to CSV drop a phone
// number's leading 0: 090-1234-5678 is stored as 9012345678, 03-1234-5678 as
// 312345678, and +81 90-1234-5678 as 819012345678. Such digits say nothing by
// themselves, so they are phone numbers only where the column says so: a
// cell of a column that columns.Classify puts in Phone (not tel_type,
// phone_updated_at or 連絡先メール), holding nothing but the number.

const (
	restoredReason     = "leading 0 restored: whole cell is a number in a phone column"
	restoredIntlReason = "+81 restored: whole cell is 81 and a number without its leading 0 in a phone column"
)

// restored is a phone column's cell that holds a number without its
// leading 0.
type restored struct {
	kind       kind
	start, end int // the digits, in Norm
	intl       bool
}

// restore finds a number without its leading 0 in t. The column test comes
// first: it is memoised per column, so other columns and prose cost a
// comparison.
func restore(t *detectors.Text) (restored, bool) {
	if t.Column == "" || columns.ClassOf(t) != columns.Phone {
		return restored{}, false
	}
	start, end := detectors.TrimmedSpan(t.Norm)
	k, intl := restoredKind(t.Norm[start:end])
	// ASCII digits only: full-width ones were typed, not dropped by a number
	// type, and fold to ASCII in Norm.
	if k == kindNone || len(t.OrigSpan(start, end)) != end-start {
		return restored{}, false
	}
	return restored{kind: k, start: start, end: end, intl: intl}, true
}

// restoredKind classifies d as digits that lost a leading 0: 9 or 10 digits
// whose national form is "0"+d, or 11 or 12 digits starting with 81 whose
// national form is "0"+d[2:]. The number plan decides the rest.
func restoredKind(d string) (k kind, intl bool) {
	if len(d) < 9 || len(d) > 12 || d[0] == '0' {
		return kindNone, false
	}
	for i := 0; i < len(d); i++ {
		if !isDigit(d[i]) {
			return kindNone, false
		}
	}
	if len(d) > 10 {
		if d[:2] != "81" {
			return kindNone, false
		}
		d, intl = d[2:], true
	}
	var buf [11]byte
	buf[0] = '0'
	return plan(append(buf[:1], d...)), intl
}

// verdict judges a restored number: the column says phone and the number
// plan fits, but the digits were not written as a phone number.
func (r restored) verdict() detectors.Verdict {
	why := restoredReason
	if r.intl {
		why = restoredIntlReason
	}
	return detectors.Verdict{Confidence: detectors.Medium, Reasons: []string{r.kind.reason(), why}}
}

// restoredHead is how many leading digits Mask keeps of a number without its
// leading 0, as of the same number written with it: "90****5678" as
// "090****5678", "8190****5678" as "+8190****5678".
func restoredHead(d string, intl bool) int {
	if intl {
		return 2 + unseparatedHead("0"+d[2:]) - 1
	}
	return unseparatedHead("0"+d) - 1
}

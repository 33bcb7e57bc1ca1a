package synthetic

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
)

// Detector type IDs planted in the demo set.
const (
	TypePhone           = "phone"
	TypeEmail           = "email"
	TypeMyNumber        = "my_number"
	TypeCorporateNumber = "corporate_number"
	TypePostalCode      = "postal_code"
	TypeBirthDate       = "birth_date"
	TypeCreditCard      = "credit_card"
	TypeIPAddress       = "ip_address"
	TypeBankAccount     = "bank_account"
	TypePassport        = "passport"
	TypeDriversLicense  = "drivers_license"
	TypeResidenceCard   = "residence_card"
	TypePensionNumber   = "pension_number"
	TypePersonName      = "person_name"
	TypeAddress         = "address"
	TypeSensitive       = "sensitive"
	TypeGender          = "gender"
)

// Sub-kinds of TypeSensitive planted in the demo set (Verdict.Kind).
const (
	KindMedicalHistory = "medical_history"
	KindDisability     = "disability"
)

// Types lists every type the demo set covers.
var Types = []string{
	TypePhone, TypeEmail, TypeMyNumber, TypeCorporateNumber, TypePostalCode,
	TypeBirthDate, TypeCreditCard, TypeIPAddress, TypeBankAccount, TypePassport,
	TypeDriversLicense, TypeResidenceCard, TypePensionNumber, TypePersonName,
	TypeAddress, TypeSensitive, TypeGender,
}

// Expect is one line of the demo manifest (testdata/demo-expected.jsonl).
//
// A planted positive has Type, Value and MinConfidence: the scanner must
// report Type on Path at Line with at least MinConfidence. Line is the
// 1-based physical line where the CSV record, JSON value or text line starts
// (a CSV header is line 1); Column is the CSV header name or the JSON key path
// (keys joined by ".", arrays as "[]", e.g. "[].customer.email"), "" in plain
// text; Value is the identifier exactly as written, decoded to UTF-8. Kind,
// when set, is the sub-kind the finding must carry (for TypeSensitive).
//
// A hard negative has Negative set: no finding of medium or high confidence
// may appear on that line. Line 0 means the whole file (used for image.png,
// which must be skipped as binary).
type Expect struct {
	Path          string `json:"path"`
	Line          int    `json:"line"`
	Column        string `json:"column,omitempty"`
	Type          string `json:"type,omitempty"`
	Value         string `json:"value,omitempty"`
	MinConfidence string `json:"min_confidence,omitempty"`
	Kind          string `json:"kind,omitempty"`
	Negative      bool   `json:"negative,omitempty"`
}

// SortExpects orders a manifest by path, line, negatives first, column, type
// and value.
func SortExpects(m []Expect) {
	slices.SortStableFunc(m, func(a, b Expect) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			-cmpBool(a.Negative, b.Negative),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Type, b.Type),
			cmp.Compare(a.Value, b.Value),
		)
	})
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// WriteManifest writes m as JSON lines, one Expect per line, in SortExpects order.
func WriteManifest(w io.Writer, m []Expect) error {
	m = slices.Clone(m)
	SortExpects(m)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, e := range m {
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("encode manifest: %w", err)
		}
	}
	return bw.Flush()
}

// ReadManifest reads what WriteManifest wrote.
func ReadManifest(r io.Reader) ([]Expect, error) {
	var m []Expect
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	for {
		var e Expect
		err := dec.Decode(&e)
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read manifest: %w", err)
		}
		m = append(m, e)
	}
}

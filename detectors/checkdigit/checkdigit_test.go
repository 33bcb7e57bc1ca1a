package checkdigit

import "testing"

// Test vectors from ../shared/reference/jp-identifiers.md.
func TestVectors(t *testing.T) {
	tests := []struct {
		name  string
		valid func(string) bool
		good  []string
		bad   []string
	}{
		{"my number", ValidMyNumber, []string{"123456789018"}, []string{"123456789012", "12345678901", "1234567890180", "12345678901a"}},
		{"corporate", ValidCorporateNumber, []string{"7123456789012", "4011001098993"}, []string{"1123456789012", "123456789018", "4011001098994"}},
		{"licence", ValidDriversLicense, []string{"309012345620"}, []string{"309012345630", "30901234562"}},
		{"luhn", ValidLuhn, []string{"4111111111111111", "5555555555554444", "378282246310005", "3530111333300000", "79927398713"}, []string{"4111111111111112", "79927398710", "7"}},
		{"insurer", ValidInsurerNumber, []string{"33120015"}, []string{"33120016", "3312001"}},
	}
	for _, tc := range tests {
		for _, s := range tc.good {
			if !tc.valid(s) {
				t.Errorf("%s: %s should be valid", tc.name, s)
			}
		}
		for _, s := range tc.bad {
			if tc.valid(s) {
				t.Errorf("%s: %s should be invalid", tc.name, s)
			}
		}
	}
}

func TestMyNumberCheckDigitRange(t *testing.T) {
	for _, base := range []string{"00000000000", "99999999999", "12345678901"} {
		if d := MyNumber(base); d < 0 || d > 9 {
			t.Errorf("MyNumber(%s) = %d, out of range", base, d)
		}
	}
}

// Package checkdigit holds the check-digit algorithms of Japanese and payment
// identifiers, shared by the detectors and the synthetic test-data generator.
// Every function takes ASCII digits only and returns -1 (or false) for input
// of the wrong length or with non-digits.
package checkdigit

// MyNumber returns the check digit of an 11-digit My Number base.
// Weights from the right are 2..7, 2..6; R = sum mod 11; check = 0 if R <= 1
// else 11 - R.
func MyNumber(base string) int {
	if len(base) != 11 || !allDigits(base) {
		return -1
	}
	sum := 0
	for n := 1; n <= 11; n++ {
		p := int(base[11-n] - '0')
		q := n + 1
		if n >= 7 {
			q = n - 5
		}
		sum += p * q
	}
	r := sum % 11
	if r <= 1 {
		return 0
	}
	return 11 - r
}

// ValidMyNumber checks a 12-digit My Number.
func ValidMyNumber(s string) bool {
	return len(s) == 12 && MyNumber(s[:11]) == int(s[11]-'0')
}

// CorporateNumber returns the check digit (the FIRST digit) of a 法人番号
// whose 12-digit base follows it: weights from the right alternate 1, 2;
// check = 9 - sum mod 9.
func CorporateNumber(base string) int {
	if len(base) != 12 || !allDigits(base) {
		return -1
	}
	sum := 0
	for n := 1; n <= 12; n++ {
		p := int(base[12-n] - '0')
		if n%2 == 0 {
			p *= 2
		}
		sum += p
	}
	return 9 - sum%9
}

// ValidCorporateNumber checks a 13-digit 法人番号.
func ValidCorporateNumber(s string) bool {
	return len(s) == 13 && allDigits(s) && CorporateNumber(s[1:]) == int(s[0]-'0')
}

// DriversLicense returns the check digit (the 11th digit) of a licence number
// from its first 10 digits: S = 5d1+4d2+3d3+2d4+7d5+6d6+5d7+4d8+3d9+2d10,
// check = (11 - S mod 11) mod 10.
func DriversLicense(first10 string) int {
	if len(first10) != 10 || !allDigits(first10) {
		return -1
	}
	weights := [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, w := range weights {
		sum += w * int(first10[i]-'0')
	}
	return (11 - sum%11) % 10
}

// ValidDriversLicense checks a 12-digit licence number's check digit.
func ValidDriversLicense(s string) bool {
	return len(s) == 12 && allDigits(s) && DriversLicense(s[:10]) == int(s[10]-'0')
}

// Luhn returns the Luhn check digit for base (the digits before it).
func Luhn(base string) int {
	if len(base) == 0 || !allDigits(base) {
		return -1
	}
	sum := 0
	double := true
	for i := len(base) - 1; i >= 0; i-- {
		d := int(base[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return (10 - sum%10) % 10
}

// ValidLuhn checks a number whose last digit is its Luhn check digit.
func ValidLuhn(s string) bool {
	return len(s) >= 2 && Luhn(s[:len(s)-1]) == int(s[len(s)-1]-'0')
}

// InsurerNumber returns the check digit of an 8-digit 保険者番号 from its
// first 7 digits: weights 2,1,2,1,... from the rightmost, digits of each
// product added, check = (10 - sum mod 10) mod 10.
func InsurerNumber(first7 string) int {
	if len(first7) != 7 {
		return -1
	}
	return Luhn(first7)
}

// ValidInsurerNumber checks an 8-digit 保険者番号.
func ValidInsurerNumber(s string) bool {
	return len(s) == 8 && InsurerNumber(s[:7]) == int(s[7]-'0')
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

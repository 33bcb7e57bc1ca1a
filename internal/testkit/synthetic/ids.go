package synthetic

import (
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/detectors/checkdigit"
)

// PhoneNumber is a national phone number split into its three parts, the
// leading 0 kept: {"03", "1234", "5678"}, {"090", "1234", "5678"}.
type PhoneNumber struct{ Area, Local, Sub string }

// PhoneFormat is a way of writing a phone number.
type PhoneFormat int

const (
	PhoneHyphen        PhoneFormat = iota // 03-1234-5678
	PhoneUnseparated                      // 0312345678
	PhoneDots                             // 03.1234.5678
	PhoneSpaces                           // 090 1234 5678
	PhoneIntl                             // +81-3-1234-5678
	PhoneIntlSpaces                       // +81 90 1234 5678
	PhoneParenLocal                       // 03(1234)5678
	PhoneParenArea                        // (03)1234-5678
	PhoneFullWidth                        // ０９０－１２３４－５６７８ (U+FF0D)
	PhoneFullWidthBare                    // ０９０１２３４５６７８
	PhoneChoonpu                          // 090ー1234ー5678 (U+30FC, the prolonged sound mark)
	PhoneMinusSign                        // 03−1234−5678 (U+2212: x/text cannot encode it in CP932 or EUC-JP)
	PhoneHyphenU2010                      // 03‐1234‐5678 (U+2010)
	numPhoneFormats
)

// PortablePhoneFormats are the formats that round-trip through CP932 and EUC-JP.
var PortablePhoneFormats = []PhoneFormat{
	PhoneHyphen, PhoneUnseparated, PhoneDots, PhoneSpaces, PhoneIntl,
	PhoneIntlSpaces, PhoneParenLocal, PhoneParenArea, PhoneFullWidth, PhoneFullWidthBare,
}

// Digits is the number without separators.
func (p PhoneNumber) Digits() string { return p.Area + p.Local + p.Sub }

// Mobile reports whether p is a 070/080/090 number.
func (p PhoneNumber) Mobile() bool {
	return p.Area == "090" || p.Area == "080" || p.Area == "070"
}

// Format writes p in format f.
func (p PhoneNumber) Format(f PhoneFormat) string {
	join := func(sep string) string { return p.Area + sep + p.Local + sep + p.Sub }
	switch f {
	case PhoneUnseparated:
		return p.Digits()
	case PhoneDots:
		return join(".")
	case PhoneSpaces:
		return join(" ")
	case PhoneIntl:
		return "+81-" + p.Area[1:] + "-" + p.Local + "-" + p.Sub
	case PhoneIntlSpaces:
		return "+81 " + p.Area[1:] + " " + p.Local + " " + p.Sub
	case PhoneParenLocal:
		return p.Area + "(" + p.Local + ")" + p.Sub
	case PhoneParenArea:
		return "(" + p.Area + ")" + p.Local + "-" + p.Sub
	case PhoneFullWidth:
		return FullWidth(join("-"))
	case PhoneFullWidthBare:
		return FullWidth(p.Digits())
	case PhoneChoonpu:
		return join("ー")
	case PhoneMinusSign:
		return join("−")
	case PhoneHyphenU2010:
		return join("‐")
	}
	return join("-")
}

// FixedPhone returns a 10-digit fixed-line number in area (2 to 5 digits with
// the leading 0); an empty area picks one of the embedded places.
func (g *Gen) FixedPhone(area string) PhoneNumber {
	if area == "" {
		area = pick(g, places).area
	}
	localLen := 6 - len(area)
	local := string(rune('2'+g.r.IntN(8))) + g.Digits(localLen-1)
	return PhoneNumber{area, local, g.Digits(4)}
}

// MobilePhone returns an 11-digit 090/080/070 number.
func (g *Gen) MobilePhone() PhoneNumber {
	return PhoneNumber{pick(g, []string{"090", "090", "080", "080", "070"}), g.digitsNoLeadingZero(4), g.Digits(4)}
}

// IPPhone returns an 11-digit 050 number.
func (g *Gen) IPPhone() PhoneNumber {
	return PhoneNumber{"050", g.digitsNoLeadingZero(4), g.Digits(4)}
}

// TollFree returns a 0120-NNN-NNN business number.
func (g *Gen) TollFree() PhoneNumber {
	return PhoneNumber{"0120", g.digitsNoLeadingZero(3), g.Digits(3)}
}

// DateFormat is a way of writing a date.
type DateFormat int

const (
	DateISO         DateFormat = iota // 1985-03-05
	DateSlash                         // 1985/3/5
	DateSlashPadded                   // 1985/03/05
	DateKanji                         // 1985年3月5日
	DateEra                           // 昭和60年3月5日, 平成元年1月8日
	DateEraShort                      // S60.3.5
	DateEraCompact                    // S600305
	numDateFormats
)

// PortableDateFormats are all date formats: every one encodes in CP932 and EUC-JP.
var PortableDateFormats = []DateFormat{DateISO, DateSlash, DateSlashPadded, DateKanji, DateEra, DateEraShort, DateEraCompact}

type era struct {
	name, letter string
	start        time.Time
}

var eras = []era{
	{"令和", "R", time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)},
	{"平成", "H", time.Date(1989, 1, 8, 0, 0, 0, 0, time.UTC)},
	{"昭和", "S", time.Date(1926, 12, 25, 0, 0, 0, 0, time.UTC)},
	{"大正", "T", time.Date(1912, 7, 30, 0, 0, 0, 0, time.UTC)},
	{"明治", "M", time.Date(1868, 1, 25, 0, 0, 0, 0, time.UTC)},
}

// EraYear returns the Japanese era of t and the year within it (1 = 元年).
func EraYear(t time.Time) (name, letter string, year int) {
	for _, e := range eras {
		if !t.Before(e.start) {
			return e.name, e.letter, t.Year() - e.start.Year() + 1
		}
	}
	e := eras[len(eras)-1]
	return e.name, e.letter, t.Year() - e.start.Year() + 1
}

// FormatDate writes t in format f.
func FormatDate(t time.Time, f DateFormat) string {
	y, m, d := t.Year(), int(t.Month()), t.Day()
	itoa := strconv.Itoa
	switch f {
	case DateSlash:
		return itoa(y) + "/" + itoa(m) + "/" + itoa(d)
	case DateSlashPadded:
		return t.Format("2006/01/02")
	case DateKanji:
		return itoa(y) + "年" + itoa(m) + "月" + itoa(d) + "日"
	case DateEra:
		name, _, ey := EraYear(t)
		eys := itoa(ey)
		if ey == 1 {
			eys = "元"
		}
		return name + eys + "年" + itoa(m) + "月" + itoa(d) + "日"
	case DateEraShort:
		_, l, ey := EraYear(t)
		return l + itoa(ey) + "." + itoa(m) + "." + itoa(d)
	case DateEraCompact:
		_, l, ey := EraYear(t)
		return l + pad2(ey) + pad2(m) + pad2(d)
	}
	return t.Format("2006-01-02")
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// PostalFormat is a way of writing a postal code.
type PostalFormat int

const (
	PostalHyphen    PostalFormat = iota // 150-0002
	PostalBare                          // 1500002
	PostalFullWidth                     // １５０－０００２
)

// FormatPostal writes a NNN-NNNN postal code in format f.
func FormatPostal(code string, f PostalFormat) string {
	switch f {
	case PostalBare:
		return strings.ReplaceAll(code, "-", "")
	case PostalFullWidth:
		return FullWidth(code)
	}
	return code
}

// MyNumber returns a valid 12-digit My Number (check digit by
// checkdigit.MyNumber) that is not also a valid licence number.
func (g *Gen) MyNumber() string {
	for {
		base := g.Digits(11)
		n := base + strconv.Itoa(checkdigit.MyNumber(base))
		if !checkdigit.ValidDriversLicense(n) {
			return n
		}
	}
}

// BadMyNumber returns 12 digits that fail the My Number check digit (and the
// licence check digit).
func (g *Gen) BadMyNumber() string {
	for {
		n := g.digitsNoLeadingZero(12)
		if !checkdigit.ValidMyNumber(n) && !checkdigit.ValidDriversLicense(n) {
			return n
		}
	}
}

// Group444 writes a 12-digit number as 4-4-4 with sep.
func Group444(n, sep string) string { return group(n, sep, 4, 4, 4) }

// CorporateNumber returns a valid 13-digit 法人番号 (checkdigit.CorporateNumber)
// that does not pass a Luhn check, so it never looks like a 13-digit card.
func (g *Gen) CorporateNumber() string {
	for {
		base := "0" + g.digitsNoLeadingZero(3) + "01" + g.Digits(6)
		n := strconv.Itoa(checkdigit.CorporateNumber(base)) + base
		if !checkdigit.ValidLuhn(n) {
			return n
		}
	}
}

// LicenseAuthorities are the two-digit 公安委員会 codes.
var LicenseAuthorities = []string{
	"10", "11", "12", "13", "14", "20", "21", "22", "23", "24", "25",
	"30", "40", "41", "42", "43", "44", "45", "46", "47", "48", "49",
	"50", "51", "52", "53", "54", "55", "60", "61", "62", "63", "64", "65",
	"70", "71", "72", "73", "74", "80", "81", "82", "83",
	"90", "91", "92", "93", "94", "95", "96", "97",
}

// DriversLicense returns a 12-digit licence number: 公安委員会 code, year of
// first licence, 6-digit serial, check digit (checkdigit.DriversLicense) and
// reissue count. It is never also a valid My Number.
func (g *Gen) DriversLicense(firstLicensed int) string {
	for {
		first10 := pick(g, LicenseAuthorities) + pad2(firstLicensed%100) + g.Digits(6)
		n := first10 + strconv.Itoa(checkdigit.DriversLicense(first10)) + strconv.Itoa(g.r.IntN(3))
		if !checkdigit.ValidMyNumber(n) {
			return n
		}
	}
}

// CardBrand is a payment card network.
type CardBrand int

const (
	Visa CardBrand = iota
	Mastercard
	JCB
	Amex
	numBrands
)

// CreditCard returns a Luhn-valid number in brand's IIN range: 16 digits, 15
// for Amex.
func (g *Gen) CreditCard(b CardBrand) string {
	var base string
	switch b {
	case Mastercard:
		base = "5" + strconv.Itoa(1+g.r.IntN(5)) + g.Digits(13)
	case JCB:
		base = strconv.Itoa(3528+g.r.IntN(3589-3528+1)) + g.Digits(11)
	case Amex:
		base = pick(g, []string{"34", "37"}) + g.Digits(12)
	default:
		base = "4" + g.Digits(14)
	}
	return base + strconv.Itoa(checkdigit.Luhn(base))
}

// BadCard returns 16 digits in the Visa range that fail the Luhn check.
func (g *Gen) BadCard() string {
	n := g.CreditCard(Visa)
	last := (int(n[15]-'0') + 1 + g.r.IntN(9)) % 10
	return n[:15] + strconv.Itoa(last)
}

// FormatCard groups a card number with sep: 4-4-4-4, or 4-6-5 for 15 digits.
func FormatCard(n, sep string) string {
	if len(n) == 15 {
		return group(n, sep, 4, 6, 5)
	}
	return group(n, sep, 4, 4, 4, 4)
}

// DocIPv4 returns an address in a documentation range (RFC 5737).
func (g *Gen) DocIPv4() string {
	prefix := pick(g, []string{"192.0.2.", "198.51.100.", "203.0.113."})
	return prefix + strconv.Itoa(1+g.r.IntN(254))
}

// PrivateIPv4 returns an RFC 1918 address.
func (g *Gen) PrivateIPv4() string {
	o := func() string { return strconv.Itoa(g.r.IntN(256)) }
	h := strconv.Itoa(1 + g.r.IntN(254))
	switch g.r.IntN(3) {
	case 0:
		return "10." + o() + "." + o() + "." + h
	case 1:
		return "172." + strconv.Itoa(16+g.r.IntN(16)) + "." + o() + "." + h
	}
	return "192.168." + o() + "." + h
}

// IPv6 returns an address in 2001:db8::/32 (RFC 3849), compressed.
func (g *Gen) IPv6() string {
	h := func() string { return strconv.FormatInt(int64(1+g.r.IntN(0xFFFF)), 16) }
	if g.Chance(0.5) {
		return "2001:db8:" + h() + ":" + h() + "::" + h()
	}
	return "2001:db8:" + h() + ":" + h() + ":" + h() + ":" + h() + ":" + h() + ":" + h()
}

// BankAccount is a Japanese bank account.
type BankAccount struct {
	Bank, Branch string // 4-digit 金融機関コード, 3-digit 支店コード
	Kind         string // 普通 or 当座
	Number       string // 7 digits
}

// BankAccount draws an account.
func (g *Gen) BankAccount() BankAccount {
	kind := "普通"
	if g.Chance(0.15) {
		kind = "当座"
	}
	return BankAccount{"0" + g.Digits(3), g.Digits(3), kind, g.digitsNoLeadingZero(7)}
}

// Codes is the 4-3-7 form: 0123-456-1234567.
func (a BankAccount) Codes() string { return a.Bank + "-" + a.Branch + "-" + a.Number }

// KindNumber is the 普通 1234567 form.
func (a BankAccount) KindNumber() string { return a.Kind + " " + a.Number }

// Passport returns a passport number: TR/TK/MZ/MU… + 7 digits.
func (g *Gen) Passport() string {
	return pick(g, []string{"TR", "TK", "TZ", "MZ", "MU"}) + g.digitsNoLeadingZero(7)
}

// ResidenceCard returns a residence card number: AB12345678CD.
func (g *Gen) ResidenceCard() string { return g.letters(2) + g.Digits(8) + g.letters(2) }

// PensionNumber returns a basic pension number NNNN-NNNNNN.
func (g *Gen) PensionNumber() string { return g.digitsNoLeadingZero(4) + "-" + g.Digits(6) }

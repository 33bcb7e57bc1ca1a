package synthetic

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"

	"github.com/pmscan/pmscan/detectors/checkdigit"
)

func TestSameSeedSameData(t *testing.T) {
	a, b, c := New(7), New(7), New(8)
	var sa, sb, sc []string
	for range 50 {
		for _, g := range []*Gen{a, b, c} {
			p := g.Person()
			s := p.FullName() + p.Address.Kanji() + g.Email(p) + g.MyNumber() + g.CreditCard(JCB) + g.IPv6()
			switch g {
			case a:
				sa = append(sa, s)
			case b:
				sb = append(sb, s)
			default:
				sc = append(sc, s)
			}
		}
	}
	if !slices.Equal(sa, sb) {
		t.Error("two generators with the same seed differ")
	}
	if slices.Equal(sa, sc) {
		t.Error("generators with different seeds agree")
	}
}

func TestCheckDigits(t *testing.T) {
	g := New(1)
	for range 2000 {
		if n := g.MyNumber(); len(n) != 12 || !checkdigit.ValidMyNumber(n) || checkdigit.ValidDriversLicense(n) {
			t.Fatalf("MyNumber %s", n)
		}
		if n := g.BadMyNumber(); len(n) != 12 || checkdigit.ValidMyNumber(n) {
			t.Fatalf("BadMyNumber %s passes", n)
		}
		if n := g.CorporateNumber(); len(n) != 13 || !checkdigit.ValidCorporateNumber(n) || checkdigit.ValidLuhn(n) {
			t.Fatalf("CorporateNumber %s", n)
		}
		n := g.DriversLicense(1990 + g.IntN(30))
		if len(n) != 12 || !checkdigit.ValidDriversLicense(n) || !slices.Contains(LicenseAuthorities, n[:2]) || checkdigit.ValidMyNumber(n) {
			t.Fatalf("DriversLicense %s", n)
		}
		if n := g.BadCard(); len(n) != 16 || checkdigit.ValidLuhn(n) {
			t.Fatalf("BadCard %s passes Luhn", n)
		}
		for b := range numBrands {
			n := g.CreditCard(b)
			if !checkdigit.ValidLuhn(n) || !cardInRange(b, n) {
				t.Fatalf("CreditCard(%d) %s", b, n)
			}
		}
	}
}

func cardInRange(b CardBrand, n string) bool {
	switch b {
	case Visa:
		return len(n) == 16 && n[0] == '4'
	case Mastercard:
		return len(n) == 16 && n[0] == '5' && n[1] >= '1' && n[1] <= '5'
	case JCB:
		return len(n) == 16 && n[:4] >= "3528" && n[:4] <= "3589"
	case Amex:
		return len(n) == 15 && (n[:2] == "34" || n[:2] == "37")
	}
	return false
}

func TestHardNegativesFailTheirChecks(t *testing.T) {
	for seed := range uint64(50) {
		kinds := map[string]int{}
		for _, n := range New(seed).HardNegatives() {
			kinds[n.Kind]++
			if n.Kind != "" && !strings.Contains(digitsOf(n.Text), n.Number) {
				t.Errorf("%q does not hold %s", n.Text, n.Number)
			}
			switch n.Kind {
			case NegBadMyNumber:
				if checkdigit.ValidMyNumber(n.Number) || checkdigit.ValidDriversLicense(n.Number) {
					t.Errorf("%q: %s passes a check", n.Text, n.Number)
				}
			case NegBadLuhn:
				if checkdigit.ValidLuhn(n.Number) {
					t.Errorf("%q: %s passes Luhn", n.Text, n.Number)
				}
			case NegBare13:
				if checkdigit.ValidCorporateNumber(n.Number) || checkdigit.ValidLuhn(n.Number) {
					t.Errorf("%q: %s passes a check", n.Text, n.Number)
				}
			}
		}
		if kinds[NegBadMyNumber] == 0 || kinds[NegBadLuhn] == 0 || kinds[NegBare13] == 0 {
			t.Errorf("seed %d: missing kinds: %v", seed, kinds)
		}
	}
}

// digitsOf keeps the ASCII and full-width digits of s, as ASCII.
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune(r - '０' + '0')
		}
	}
	return b.String()
}

func TestFormatDate(t *testing.T) {
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		t    time.Time
		f    DateFormat
		want string
	}{
		{d(1985, 3, 5), DateISO, "1985-03-05"},
		{d(1985, 3, 5), DateSlash, "1985/3/5"},
		{d(1985, 3, 5), DateSlashPadded, "1985/03/05"},
		{d(1985, 3, 5), DateKanji, "1985年3月5日"},
		{d(1985, 3, 5), DateEra, "昭和60年3月5日"},
		{d(1985, 3, 5), DateEraShort, "S60.3.5"},
		{d(1985, 3, 5), DateEraCompact, "S600305"},
		{d(1989, 1, 7), DateEra, "昭和64年1月7日"},
		{d(1989, 1, 8), DateEra, "平成元年1月8日"},
		{d(1990, 4, 1), DateEraShort, "H2.4.1"},
		{d(2019, 4, 30), DateEra, "平成31年4月30日"},
		{d(2019, 5, 1), DateEra, "令和元年5月1日"},
		{d(1926, 12, 25), DateEra, "昭和元年12月25日"},
		{d(1920, 1, 1), DateEraShort, "T9.1.1"},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.t, tt.f); got != tt.want {
			t.Errorf("FormatDate(%s, %d) = %q, want %q", tt.t.Format(time.DateOnly), tt.f, got, tt.want)
		}
	}
}

func TestPhoneFormats(t *testing.T) {
	fixed := PhoneNumber{"03", "5989", "1211"}
	mobile := PhoneNumber{"090", "1234", "5678"}
	tests := []struct {
		p    PhoneNumber
		f    PhoneFormat
		want string
	}{
		{fixed, PhoneHyphen, "03-5989-1211"},
		{fixed, PhoneUnseparated, "0359891211"},
		{fixed, PhoneDots, "03.5989.1211"},
		{mobile, PhoneSpaces, "090 1234 5678"},
		{fixed, PhoneIntl, "+81-3-5989-1211"},
		{mobile, PhoneIntlSpaces, "+81 90 1234 5678"},
		{fixed, PhoneParenLocal, "03(5989)1211"},
		{fixed, PhoneParenArea, "(03)5989-1211"},
		{mobile, PhoneFullWidth, "０９０－１２３４－５６７８"},
		{mobile, PhoneFullWidthBare, "０９０１２３４５６７８"},
		{mobile, PhoneChoonpu, "090ー1234ー5678"},
		{fixed, PhoneMinusSign, "03−5989−1211"},
		{fixed, PhoneHyphenU2010, "03‐5989‐1211"},
	}
	for _, tt := range tests {
		if got := tt.p.Format(tt.f); got != tt.want {
			t.Errorf("Format(%d) = %q, want %q", tt.f, got, tt.want)
		}
	}
	g := New(3)
	re := regexp.MustCompile(`^0\d{9}$`)
	for range 500 {
		if p := g.FixedPhone(""); !re.MatchString(p.Digits()) || p.Mobile() {
			t.Fatalf("FixedPhone %v", p)
		}
		if p := g.MobilePhone(); len(p.Digits()) != 11 || !p.Mobile() {
			t.Fatalf("MobilePhone %v", p)
		}
	}
}

func TestEmailsUseExampleDomains(t *testing.T) {
	g := New(5)
	for range 500 {
		e := g.Email(g.Person())
		at := strings.LastIndexByte(e, '@')
		if at <= 0 || !slices.Contains(EmailDomains, e[at+1:]) {
			t.Fatalf("e-mail %q is not at an example domain", e)
		}
	}
}

// TestEmbeddedTextEncodes checks that every embedded word survives CP932 and
// EUC-JP, the encodings the demo and the corpus write.
func TestEmbeddedTextEncodes(t *testing.T) {
	var words []string
	for _, n := range Surnames {
		words = append(words, n.Kanji, n.Kana, n.Hiragana())
	}
	for _, n := range givenNames {
		words = append(words, n.Kanji, n.Kana, n.Hiragana())
	}
	words = append(words, foreignNames...)
	words = append(words, buildings...)
	for _, p := range places {
		words = append(words, p.pref, p.city, p.town)
	}
	for _, list := range [][]string{vDept, vWhen, vDoc, vAct, vMeeting, vTopic, vDone, vClient, vProduct, vRisk, ranks, corpusHeader, customerHeader} {
		words = append(words, list...)
	}
	for _, enc := range []encoding.Encoding{japanese.ShiftJIS, japanese.EUCJP} {
		for _, w := range words {
			if _, err := encodeChecked(enc, w); err != nil {
				t.Errorf("%q in %v: %v", w, enc, err)
			}
		}
	}
	if len(Surnames) < 80 || len(givenNames) < 80 {
		t.Errorf("%d surnames and %d given names, want 80 each", len(Surnames), len(givenNames))
	}
}

func TestEncodeCheckedRejectsLossyRunes(t *testing.T) {
	for _, s := range []string{"〜", "−"} {
		if _, err := encodeChecked(japanese.ShiftJIS, s); err == nil {
			t.Errorf("encodeChecked(ShiftJIS, %q) succeeded", s)
		}
	}
}

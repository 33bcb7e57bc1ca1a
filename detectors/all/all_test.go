package all

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
)

func TestTypesAreUniqueSnakeCase(t *testing.T) {
	seen := map[string]bool{}
	for _, typ := range Types() {
		if seen[typ] {
			t.Errorf("type %s listed twice", typ)
		}
		seen[typ] = true
		if typ == "" || strings.Trim(typ, "abcdefghijklmnopqrstuvwxyz_") != "" {
			t.Errorf("type %q is not snake_case", typ)
		}
	}
	// Adding a detector is a decision: the list below changes with it.
	want := "my_number corporate_number phone email postal_code birth_date credit_card ip_address " +
		"bank_account passport drivers_license residence_card pension_number person_name address sensitive " +
		"gender education work_history password user_id nationality"
	if got := strings.Join(Types(), " "); got != want {
		t.Errorf("types\n got  %s\n want %s", got, want)
	}
}

// TestOneSetFindsEveryKind compiles every detector into one prefilter, as
// the scanner does, and checks that findings of the new kinds come out of
// it next to the old.
func TestOneSetFindsEveryKind(t *testing.T) {
	set, err := detectors.NewSet(Detectors())
	if err != nil {
		t.Fatal(err)
	}
	var tx detectors.Text
	tx.SetText("氏名：山田太郎 電話 03-5989-1211 既往歴：糖尿病 住所：東京都渋谷区渋谷2-21-1", "")
	got := map[string]string{}
	set.Run(&tx, func(m detectors.Match) {
		got[m.Detector.Type()] = tx.OrigSpan(m.Start, m.End) + "/" + m.Verdict.Kind
	})
	want := map[string]string{
		"person_name": "山田太郎/", "phone": "03-5989-1211/", "sensitive": "既往歴：糖尿病/medical_history",
		"address": "東京都渋谷区渋谷2-21-1/",
	}
	for typ, w := range want {
		if got[typ] != w {
			t.Errorf("%s: got %q, want %q (all: %v)", typ, got[typ], w, got)
		}
	}
}

// FuzzAllDetectors runs every detector over arbitrary text and column names:
// no panic, every match inside the text, every original span valid.
func FuzzAllDetectors(f *testing.F) {
	for _, seed := range []string{
		"個人番号 1234 5678 9018 TEL ０３－５９８９－１２１１ 〒150-0002",
		"taro..yamada.@docomo.ne.jp 2001:db8::1 192.0.2.1 4111-1111-1111-1111",
		"生年月日 昭和六十年三月五日 旅券 TR1234567 在留カード AB12345678CD",
		"普通 1234567 年金番号 1234-567890 免許証 309012345620 法人番号 7123456789012",
		"ﾔﾏﾀﾞ ﾀﾛｳ ｰ１ｰ ーー ( ) + - @ : 年 月",
		"\xff\xfe\x00invalid utf-8 \xe3\x80",
	} {
		f.Add(seed, "")
		f.Add(seed, "電話番号")
	}
	set, err := detectors.NewSet(Detectors())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, column string) {
		var tx detectors.Text
		tx.SetText(text, column)
		set.Run(&tx, func(m detectors.Match) {
			if m.Start < 0 || m.End > len(tx.Norm) || m.Start >= m.End {
				t.Fatalf("%s: match [%d,%d) outside %d bytes of %q", m.Detector.Type(), m.Start, m.End, len(tx.Norm), tx.Norm)
			}
			orig := tx.OrigSpan(m.Start, m.End)
			if orig == "" {
				t.Fatalf("%s: empty original span for %q", m.Detector.Type(), tx.Norm[m.Start:m.End])
			}
			if utf8.ValidString(text) && !utf8.ValidString(orig) {
				t.Fatalf("%s: original span %q cuts a character", m.Detector.Type(), orig)
			}
			if m.Verdict.Confidence < detectors.Low || m.Verdict.Confidence > detectors.High || len(m.Verdict.Reasons) == 0 {
				t.Fatalf("%s: verdict %+v", m.Detector.Type(), m.Verdict)
			}
			detectors.Mask(m.Detector, orig)
		})
	})
}

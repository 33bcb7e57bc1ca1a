package passport

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

type want = detectortest.Want

func hi(v string) want  { return want{Value: v, Confidence: detectors.High} }
func med(v string) want { return want{Value: v, Confidence: detectors.Medium} }

// far is filler that puts a value more than 50 chars from the keyword.
var far = strings.Repeat("詳細は後日ご連絡いたします。", 5)

func TestFind(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "after label", Text: "旅券番号：TR1234567", Want: []want{hi("TR1234567")}},
		{Name: "five-year", Text: "パスポート番号 MZ1234567", Want: []want{hi("MZ1234567")}},
		{Name: "full-width", Text: "パスポート番号：ＴＲ１２３４５６７", Want: []want{hi("ＴＲ１２３４５６７")}},
		{Name: "half-width katakana keyword", Text: "ﾊﾟｽﾎﾟｰﾄ TK7654321", Want: []want{hi("TK7654321")}},
		{Name: "english", Text: "Passport No. TR1234567 (Japan)", Want: []want{hi("TR1234567")}},
		{Name: "in a sentence", Text: "お客様の旅券はTR1234567で、有効期限は2030年です", Want: []want{hi("TR1234567")}},
		{Name: "keyword after", Text: "TR1234567（旅券番号）", Want: []want{hi("TR1234567")}},
		{Name: "column", Text: "AB1234567", Column: "passport_no", Want: []want{hi("AB1234567")}},
		{Name: "column japanese", Text: "XY7654321", Column: "旅券番号", Want: []want{hi("XY7654321")}},
		{Name: "two in a list", Text: "旅券: TR1234567, MZ7654321", Want: []want{hi("TR1234567"), hi("MZ7654321")}},
		{Name: "far with T", Text: "旅券の提出について。" + far + "TR1234567", Want: []want{med("TR1234567")}},
		{Name: "far with M", Text: "passport " + far + "MU1234567", Want: []want{med("MU1234567")}},
		{Name: "followed by a dated parenthesis", Text: "家族分の旅券番号: MU1546749（2024/11/30 更新予定）", Want: []want{hi("MU1546749")}},
		{Name: "followed by a space and digits", Text: "旅券 TR1234567 2030", Want: []want{hi("TR1234567")}},

		// Hard negatives.
		{Name: "far with other letter", Text: "旅券の提出について。" + far + "AB1234567"},
		{Name: "beyond 300 chars", Text: "旅券 " + strings.Repeat(far, 5) + "TR1234567"},
		{Name: "eight digits", Text: "旅券番号 AB12345678"},
		{Name: "six digits", Text: "旅券番号 TR123456"},
		{Name: "three letters", Text: "旅券番号 ABC1234567"},
		{Name: "one letter", Text: "旅券番号 T1234567"},
		{Name: "lowercase", Text: "旅券番号 tr1234567"},
		{Name: "mixed case", Text: "旅券番号 Tr1234567"},
		{Name: "digits only", Text: "旅券番号 1234567"},
		{Name: "glued digit before", Text: "旅券番号 9TR1234567"},
		{Name: "glued letter after", Text: "旅券番号 TR1234567X"},
		{Name: "longer code", Text: "旅券番号 TR1234567-01"},
		{Name: "residence card", Text: "旅券と在留カード AB12345678CD"},
		{Name: "product code", Text: "パスポートケース 品番 PC-1234567"},
		{Name: "underscore", Text: "passport_TR1234567"},
	})
}

func TestMask(t *testing.T) {
	if got, want := detectors.Mask(New(), "TR1234567"), "*******67"; got != want {
		t.Errorf("Mask = %q, want %q", got, want)
	}
}

func TestFindDoesNotAllocateWithoutPassports(t *testing.T) {
	d := New()
	var tx detectors.Text
	s := "パスポートの申請には写真が必要です。" + prose(8<<10)
	allocs := testing.AllocsPerRun(20, func() {
		tx.SetText(s, "")
		if got := d.Find(&tx); len(got) != 0 {
			t.Fatalf("unexpected candidates %v", got)
		}
	})
	if allocs != 0 {
		t.Errorf("Find allocated %.0f times on text without passports", allocs)
	}
}

// prose returns about n bytes of synthetic Japanese text with a few numbers
// and codes in it and no passport number.
func prose(n int) string {
	const para = "当社は2024年度の事業計画に基づき、全国の店舗で新しいサービスを開始しました。" +
		"お問い合わせは03-5989-1211までお願いいたします。会議は第3会議室で14時から行われ、" +
		"参加者は約120名でした。売上高は1,234,567千円となり、前年同期比で5.2%増加しました。" +
		"品番ABC1234567の在庫は1234567個です。\n"
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(para)
	}
	return b.String()
}

func BenchmarkFind(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 64<<10 {
		sb.WriteString(prose(4 << 10))
		sb.WriteString("旅券番号（TR1234567）をご記入ください。")
	}
	s := sb.String()
	d := New()
	var tx detectors.Text
	run := func(b *testing.B, reset bool) {
		b.SetBytes(int64(len(s)))
		b.ReportAllocs()
		tx.SetText(s, "")
		for b.Loop() {
			if reset {
				tx.SetText(s, "")
			}
			for _, c := range d.Find(&tx) {
				d.Judge(c, &tx)
			}
		}
	}
	b.Run("with-text", func(b *testing.B) { run(b, true) })
	b.Run("detector-only", func(b *testing.B) { run(b, false) })
}

package residencecard

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
		{Name: "after label", Text: "在留カード番号：AB12345678CD", Want: []want{hi("AB12345678CD")}},
		{Name: "short label", Text: "在留番号 XY87654321ZW", Want: []want{hi("XY87654321ZW")}},
		{Name: "full-width", Text: "在留カード：ＡＢ１２３４５６７８ＣＤ", Want: []want{hi("ＡＢ１２３４５６７８ＣＤ")}},
		{Name: "english", Text: "Residence card number: AB12345678CD.", Want: []want{hi("AB12345678CD")}},
		{Name: "romaji", Text: "zairyu AB12345678CD", Want: []want{hi("AB12345678CD")}},
		{Name: "in a sentence", Text: "在留カードの番号はAB12345678CDで、期限は2027年です", Want: []want{hi("AB12345678CD")}},
		{Name: "keyword after", Text: "AB12345678CD（在留カード）", Want: []want{hi("AB12345678CD")}},
		{Name: "column residence_card_no opens the gate", Text: "AB12345678CD", Column: "residence_card_no", Want: []want{hi("AB12345678CD")}},
		{Name: "column", Text: "AB12345678CD", Column: "zairyu_no", Want: []want{hi("AB12345678CD")}},
		{Name: "column japanese", Text: "AB12345678CD", Column: "在留カード番号", Want: []want{hi("AB12345678CD")}},
		{Name: "column path", Text: "AB12345678CD", Column: "person.在留番号", Want: []want{hi("AB12345678CD")}},
		{Name: "two values", Text: "在留カード AB12345678CD / EF87654321GH", Want: []want{hi("AB12345678CD"), hi("EF87654321GH")}},
		{Name: "far", Text: "在留カードについて。" + far + "AB12345678CD", Want: []want{med("AB12345678CD")}},
		{Name: "very far", Text: "Residence Card " + strings.Repeat(far, 8) + "AB12345678CD", Want: []want{med("AB12345678CD")}},
		{Name: "in brackets", Text: "在留カード[AB12345678CD]", Want: []want{hi("AB12345678CD")}},

		// Hard negatives.
		{Name: "one trailing letter", Text: "在留カード AB12345678C"},
		{Name: "three trailing letters", Text: "在留カード AB12345678CDE"},
		{Name: "three leading letters", Text: "在留カード ABC12345678CD"},
		{Name: "one leading letter", Text: "在留カード A12345678CD"},
		{Name: "lowercase", Text: "在留カード ab12345678cd"},
		{Name: "mixed case", Text: "在留カード AB12345678Cd"},
		{Name: "no letters", Text: "在留カード 12345678"},
		{Name: "missing trailing letters", Text: "在留カード AB12345678"},
		{Name: "seven digits", Text: "在留カード AB1234567CD"},
		{Name: "nine digits", Text: "在留カード AB123456789CD"},
		{Name: "glued digit", Text: "在留カード AB12345678CD9"},
		{Name: "glued in a longer token", Text: "在留カード X_AB12345678CD"},
		{Name: "separated digits", Text: "在留カード AB1234-5678CD"},
		{Name: "passport", Text: "在留カード・旅券 TR1234567"},
	})
}

func TestMask(t *testing.T) {
	if got, want := detectors.Mask(New(), "AB12345678CD"), "********78CD"; got != want {
		t.Errorf("Mask = %q, want %q", got, want)
	}
}

func TestFindDoesNotAllocateWithoutCards(t *testing.T) {
	d := New()
	var tx detectors.Text
	s := "在留カードの更新手続きについて。" + prose(8<<10)
	allocs := testing.AllocsPerRun(20, func() {
		tx.SetText(s, "")
		if got := d.Find(&tx); len(got) != 0 {
			t.Fatalf("unexpected candidates %v", got)
		}
	})
	if allocs != 0 {
		t.Errorf("Find allocated %.0f times on text without cards", allocs)
	}
}

// prose returns about n bytes of synthetic Japanese text with a few numbers
// and codes in it and no residence card number.
func prose(n int) string {
	const para = "当社は2024年度の事業計画に基づき、全国の店舗で新しいサービスを開始しました。" +
		"お問い合わせは03-5989-1211までお願いいたします。会議は第3会議室で14時から行われ、" +
		"参加者は約120名でした。売上高は1,234,567千円となり、前年同期比で5.2%増加しました。" +
		"注文番号AB12345678の配送日は20240105です。\n"
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
		sb.WriteString("在留カード番号（AB12345678CD）をご記入ください。")
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

package bankaccount

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

type want = detectortest.Want

func hi(v string) want  { return want{Value: v, Confidence: detectors.High} }
func med(v string) want { return want{Value: v, Confidence: detectors.Medium} }

func TestFind(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "type word just before", Text: "振込先：みずほ銀行 渋谷支店 普通 1234567", Want: []want{hi("1234567")}},
		{Name: "futsuu yokin glued", Text: "普通預金1234567", Want: []want{hi("1234567")}},
		{Name: "touza with colon", Text: "当座: 7654321", Want: []want{hi("7654321")}},
		{Name: "full-width digits", Text: "口座番号：１２３４５６７", Want: []want{med("１２３４５６７")}},
		{Name: "in a sentence", Text: "お客様の口座番号は1234567となっております", Want: []want{med("1234567")}},
		{Name: "english", Text: "Bank account no. 1234567", Want: []want{med("1234567")}},
		{Name: "column acct_no opens the gate", Text: "1234567", Column: "acct_no", Want: []want{hi("1234567")}},
		{Name: "column", Text: "1234567", Column: "口座番号", Want: []want{hi("1234567")}},
		{Name: "column acct", Text: "0012345", Column: "customer.bank_account", Want: []want{hi("0012345")}},
		{Name: "bank branch account", Text: "振込先 0001-123-1234567", Want: []want{hi("0001-123-1234567")}},
		{Name: "bank branch account with spaces", Text: "銀行コード・支店・口座 0005 123 7654321", Want: []want{hi("0005 123 7654321")}},
		{Name: "full form keyword after", Text: "0001-123-1234567（みずほ銀行）", Want: []want{hi("0001-123-1234567")}},
		{Name: "yucho", Text: "ゆうちょ銀行 記号-番号：12345-12345671", Want: []want{hi("12345-12345671")}},
		{Name: "yucho full-width dash", Text: "記号番号 １２３４５－１２３４５６", Want: []want{hi("１２３４５－１２３４５６")}},
		{Name: "branch and account", Text: "支店番号-口座番号 123-1234567", Want: []want{med("123-1234567")}},
		{Name: "branch space account", Text: "渋谷支店 123 普通 1234567", Want: []want{hi("1234567")}},
		{Name: "csv row", Text: "山田太郎,三井住友銀行,新宿支店,普通,1234567", Want: []want{hi("1234567")}},
		{Name: "csv row without type", Text: "山田太郎,三井住友銀行,新宿支店,1234567", Want: []want{med("1234567")}},

		// Hard negatives.
		{Name: "far from context", Text: "口座の開設方法についてはウェブサイトをご覧ください。なお会員番号は1234567です"},
		{Name: "keyword only after", Text: "1234567 は口座番号ではありません"},
		{Name: "phone number", Text: "銀行の電話番号 03-5989-1211 まで"},
		{Name: "mobile number", Text: "口座名義人の携帯 090-1234-5678"},
		{Name: "postal code with hyphen", Text: "〒150-0002 東京都渋谷区 みずほ銀行渋谷支店"},
		{Name: "postal code plain", Text: "銀行所在地 〒1500002 東京都渋谷区"},
		{Name: "amount with commas", Text: "口座残高 1,234,567円"},
		{Name: "amount plain", Text: "口座への振込額 1234567円"},
		{Name: "amount with yen sign", Text: "振込金額 ¥1234567"},
		{Name: "eight digits", Text: "口座番号 12345678"},
		{Name: "six digits", Text: "口座番号 123456"},
		{Name: "yucho form without yucho word", Text: "口座 12345-123456"},
		{Name: "glued to letters", Text: "口座 AB1234567"},
		{Name: "inside a longer code", Text: "振込番号 1234567-89"},
		{Name: "order number", Text: "振込 注文番号 250-1234567-1234567"},
		{Name: "date and time", Text: "振込日時 2024/01/05 12:34"},
		{Name: "unrelated column", Text: "1234567", Column: "user_account_id"},
		{Name: "full form far from keywords", Text: "口座開設のご案内をお送りしました。お手続きの詳細は同封の書類をご確認ください。 0001-123-1234567"},
	})
}

func TestMask(t *testing.T) {
	d := New()
	for in, want := range map[string]string{
		"1234567":          "*****67",
		"0001-123-1234567": "****-***-***4567",
		"12345-12345671":   "*****-****5671",
	} {
		if got := detectors.Mask(d, in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFindDoesNotAllocateWithoutAccounts(t *testing.T) {
	d := New()
	var tx detectors.Text
	s := "銀行口座の開設には本人確認書類が必要です。" + prose(8<<10)
	allocs := testing.AllocsPerRun(20, func() {
		tx.SetText(s, "")
		if got := d.Find(&tx); len(got) != 0 {
			t.Fatalf("unexpected candidates %v", got)
		}
	})
	if allocs != 0 {
		t.Errorf("Find allocated %.0f times on text without accounts", allocs)
	}
}

// prose returns about n bytes of synthetic Japanese text with a few numbers
// in it and no account number.
func prose(n int) string {
	const para = "当社は2024年度の事業計画に基づき、全国の店舗で新しいサービスを開始しました。" +
		"お問い合わせは03-5989-1211までお願いいたします。会議は第3会議室で14時から行われ、" +
		"参加者は約120名でした。売上高は1,234,567千円となり、前年同期比で5.2%増加しました。" +
		"〒150-0002 東京都渋谷区渋谷2-21-1 の本社では、毎週月曜日に定例会を開いています。\n"
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(para)
	}
	return b.String()
}

func BenchmarkFind(b *testing.B) {
	// ~64 KB of prose with an account number every few kilobytes.
	var sb strings.Builder
	for sb.Len() < 64<<10 {
		sb.WriteString(prose(4 << 10))
		sb.WriteString("お振込は三井住友銀行 新宿支店 普通 1234567 までお願いします。")
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
				tx.SetText(s, "") // also recomputes the digit spans
			}
			for _, c := range d.Find(&tx) {
				d.Judge(c, &tx)
			}
		}
	}
	// with-text includes the base package's normalisation and span
	// computation, which the scanner shares among all detectors.
	b.Run("with-text", func(b *testing.B) { run(b, true) })
	b.Run("detector-only", func(b *testing.B) { run(b, false) })
}

// FuzzFind checks that Find and Judge never panic and that candidates lie
// inside the text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"普通 1234567", "0001-123-1234567", "ゆうちょ 12345-12345671", "〒1500002", "(1234567)", "+1234567"} {
		f.Add(s, "")
		f.Add(s, "口座番号")
	}
	d := New()
	f.Fuzz(func(t *testing.T, s, col string) {
		var tx detectors.Text
		tx.SetText(s, col)
		for _, c := range d.Find(&tx) {
			if c.Start < 0 || c.End > len(tx.Norm) || c.Start >= c.End {
				t.Fatalf("candidate %+v outside %q", c, tx.Norm)
			}
			d.Judge(c, &tx)
		}
	})
}

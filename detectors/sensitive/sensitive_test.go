package sensitive

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

type (
	Case = detectortest.Case
	Want = detectortest.Want
)

var (
	high   = detectortest.High
	medium = detectortest.Medium
	low    = detectortest.Low
)

func TestHigh(t *testing.T) {
	detectortest.Run(t, New(), []Case{
		// Certificates and records.
		{Text: "身体障害者手帳1級を所持しています", Want: high("身体障害者手帳1級")},
		{Text: "精神障害者保健福祉手帳（2級）", Want: high("精神障害者保健福祉手帳（2級）")},
		{Text: "療育手帳A判定", Want: high("療育手帳A判定")},
		{Text: "療育手帳B2", Want: high("療育手帳B2")},
		{Text: "身体障害者手帳 1種2級", Want: high("身体障害者手帳 1種2級")},
		{Text: "障害等級：3級", Want: high("障害等級：3級")},
		{Text: "障害支援区分4", Want: high("障害支援区分4")},
		{Text: "障害者手帳を持っている", Want: high("障害者手帳")},
		{Text: "逮捕歴。", Want: high("逮捕歴")},
		{Text: "応募者に前科あり", Want: high("前科あり")},
		{Text: "前科前歴照会", Want: high("前科前歴")},
		{Text: "懲役3年の判決", Want: high("懲役3年")},
		{Text: "被差別部落出身", Want: high("被差別部落出身")},
		// Test values.
		{Text: "HbA1c 7.2%", Want: high("HbA1c 7.2%")},
		{Text: "ＨｂＡ１ｃは７．２％でした", Want: high("ＨｂＡ１ｃは７．２％")},
		{Text: "血圧 158/96", Want: high("血圧 158/96")},
		{Text: "血圧150/95mmHg", Want: high("血圧150/95mmHg")},
		{Text: "空腹時血糖 126mg/dL", Want: high("空腹時血糖 126mg/dL")},
		{Text: "γ-GTP：85", Want: high("γ-GTP：85")},
		// Labels with a value.
		{Text: "既往歴: 糖尿病", Want: high("既往歴: 糖尿病")},
		{Text: "既往歴\t糖尿病\t", Want: high("既往歴\t糖尿病")},
		{Text: "既往歴：糖尿病、高血圧（服薬中）", Want: high("既往歴：糖尿病、高血圧")},
		{Text: "【持病】喘息", Want: high("持病】喘息")},
		{Text: "宗教：仏教", Want: high("宗教：仏教")},
		{Text: "人種: アジア系", Want: high("人種: アジア系")},
		{Text: "健康診断結果：要再検査", Want: high("健康診断結果：要再検査")},
		{Text: "既往歴の有無：あり", Want: high("既往歴の有無：あり")},
		{Text: "支持政党: 〇〇党", Want: high("支持政党: 〇〇党")},
		// A specific term beside a marker, a label or a person.
		{Text: "糖尿病で通院中", Want: high("糖尿病")},
		{Text: "通院中の糖尿病", Want: high("糖尿病")},
		{Text: "うつ病と診断された", Want: high("うつ病")},
		{Text: "2019年に肺がんに罹患", Want: high("肺がん")},
		{Text: "高血圧症の薬を服用中", Want: high("高血圧症")},
		{Text: "HIV陽性", Want: high("HIV")},
		{Text: "ADHDと診断", Want: high("ADHD")},
		{Text: "既往歴は糖尿病です", Want: high("糖尿病")},
		{Text: "田中さんは認知症", Want: high("認知症")},
		{Text: "既往歴あり", Want: high("既往歴あり")},
		{Text: "執行猶予中", Want: high("執行猶予")},
		{Text: "有罪判決を受けた", Want: high("有罪判決")},
		{Text: "少年院送致", Want: high("少年院")},
		{Text: "少年院に入院した", Want: high("少年院")},
		{Text: "被害届を提出した", Want: high("被害届")},
		{Text: "仏教徒", Want: high("仏教")},
		{Text: "キリスト教を信仰している", Want: high("キリスト教")},
		{Text: "カトリック信者", Want: high("カトリック")},
		{Text: "逮捕の前歴がある", Want: high("前歴がある")},
		{Text: "健康診断の結果、要再検査となった", Want: high("要再検査")},
		// Several terms in a sentence are several findings.
		{Text: "父は認知症、母は糖尿病で通院中", Want: high("認知症", "糖尿病")},
	})
}

func TestMedium(t *testing.T) {
	detectortest.Run(t, New(), []Case{
		{Text: "既往歴。", Want: medium("既往歴")},
		{Text: "持病。", Want: medium("持病")},
		{Text: "うつ病", Want: medium("うつ病")},
		{Text: "信仰している", Want: medium("信仰")},
		{Text: "HIV", Want: medium("HIV")},
		{Text: "ガンの家系", Want: medium("ガン")},
		{Text: "胃がん", Want: medium("胃がん")},
		{Text: "要再検査", Want: medium("要再検査")},
		{Text: "ストレスチェック結果。", Want: medium("ストレスチェック結果")},
		{Text: "執行猶予", Want: medium("執行猶予")},
		{Text: "DV被害", Want: medium("DV被害")},
		{Text: "通院中", Want: medium("通院")},
		{Text: "服薬している", Want: medium("服薬")},
		{Text: "逮捕された", Want: medium("逮捕")},
		{Text: "病院に通院中", Want: medium("病院")},
		{Text: "心療内科に通院", Want: medium("心療内科")},
		{Text: "アルツハイマー型認知症", Want: medium("アルツハイマー型認知症")},
	})
}

func TestLow(t *testing.T) {
	detectortest.Run(t, New(), []Case{
		{Text: "病院", Want: low("病院")},
		{Text: "宗教", Want: low("宗教")},
		{Text: "人種", Want: low("人種")},
		{Text: "健康診断を受診してください", Want: low("健康診断")},
		{Text: "血圧が高め", Want: low("血圧")},
		{Text: "血圧を2024年に測定", Want: low("血圧")},
		{Text: "入院", Want: low("入院")},
		{Text: "起訴", Want: low("起訴")},
		{Text: "仏教美術", Want: low("仏教")},
		{Text: "障害者雇用", Want: low("障害者")},
		{Text: "精神科", Want: low("精神科")},
		{Text: "障害区分", Want: low("障害区分")},
		// General use.
		{Text: "糖尿病の予防について", Want: low("糖尿病")},
		{Text: "糖尿病治療薬の開発", Want: low("糖尿病")},
		{Text: "うつ病とは", Want: low("うつ病")},
		{Text: "犯罪被害者支援センター", Want: low("犯罪被害")},
		{Text: "既往歴をご記入ください", Want: low("既往歴")},
		// A field name alone, without a column, may be a form's label; as a
		// header cell or an object key (a label) it names the field and is
		// never its value.
		{Text: "既往歴", Want: low("既往歴")},
		{Name: "header 既往歴", Text: "既往歴", Label: true},
		{Name: "key 病歴", Text: "病歴", Label: true},
		{Name: "key 犯罪歴", Text: " 犯罪歴 ", Label: true},
		{Text: " 犯罪歴 ", Want: low("犯罪歴")},
		{Text: "宗教", Want: low("宗教")},
		{Text: "持病はありますか", Want: low("持病")},
		// Values meaning none.
		{Text: "前科なし", Want: low("前科なし")},
		{Text: "持病はありません", Want: low("持病はありません")},
		{Text: "既往歴：なし", Want: low("既往歴：なし")},
		{Text: "支持政党なし", Want: low("支持政党なし")},
		{Text: "前歴", Want: low("前歴")},
		// A row of headers is no label with a value.
		{Text: "氏名\t既往歴\t宗教", Want: append(medium("既往歴"), low("宗教")...)},
	})
}

func TestHardNegatives(t *testing.T) {
	detectortest.Run(t, New(), detectortest.Negatives(
		// 障害 as a fault.
		"システム障害", "通信障害が発生しました", "障害対応の手順", "障害発生時の連絡先", "障害物を除去", "障害報告書を提出",
		"サーバー障害のある構成", "障害区分：ハードウェア",
		// A ruby reading (Aozora Bunko's markup) is no word of its own.
		"山嵐は頑《がん》として黙ってる", "この眼《がん》をご覧なさい",
		// Policy boilerplate: categories are named, no one's data is given.
		"要配慮個人情報（人種、信条、病歴、犯罪の経歴等）は取得しません",
		"病歴等の要配慮個人情報を取得する場合は本人の同意を得ます",
		"当社は、人種、信条、社会的身分、病歴、犯罪の経歴、犯罪により害を被った事実その他本人に対する不当な差別、偏見が生じないように取扱いに特に配慮を要する情報を取得しません。",
		"要配慮個人情報とは\n・人種\n・信条\n・病歴\n・犯罪の経歴\n・犯罪被害\n・身体障害、知的障害、精神障害\n・健康診断の結果",
		"本籍・宗教・支持政党は記入しないでください",
		"国籍・人種・宗教を問わず採用します",
		"思想・信条",
		"身体障害、知的障害、精神障害等",
		// Institutions, products and phrases about no one.
		"宗教法人", "犯罪防止のため", "人種差別に反対します", "健康診断の予約システム", "がん保険の資料請求",
		"防犯カメラ", "血圧計", "調剤薬局", "民族衣装", "信仰の自由", "山岳信仰", "Apple信者",
		// Look-alikes.
		"ガンダム", "スローガン", "オルガン", "ガンマ線", "がんばります", "がんこな父", "シャットダウン症状",
		"フェイズ", "hearing aids", "archive", "慢性病", "クリスチャン・ディオール",
		// Career, design, motto.
		"前職", "職務経歴書の前歴欄", "前歴換算", "設計思想", "経営信条", "私のモットーと信条",
		// Nationality is not special care-required.
		"国籍：韓国",
	))
}

func TestColumns(t *testing.T) {
	detectortest.Run(t, New(), []Case{
		{Column: "病歴", Text: "糖尿病", Want: high("糖尿病")},
		{Column: "既往歴", Text: "  胃潰瘍（2019）  ", Want: high("胃潰瘍（2019）")},
		{Column: "持病", Text: "特記すべきこと", Want: high("特記すべきこと")},
		{Column: "診断名", Text: "F32", Want: high("F32")},
		{Column: "medical_history", Text: "asthma", Want: high("asthma")},
		{Column: "[].patient.diagnosis", Text: "E11", Want: high("E11")},
		{Column: "障害", Text: "身体障害（下肢）2級", Want: high("身体障害（下肢）2級")},
		{Column: "障害区分", Text: "精神", Want: high("精神")},
		{Column: "disability", Text: "hearing", Want: high("hearing")},
		{Column: "宗教", Text: "浄土真宗", Want: high("浄土真宗")},
		{Column: "religion", Text: "Christian", Want: high("Christian")},
		{Column: "信条", Text: "〇〇主義", Want: high("〇〇主義")},
		{Column: "犯罪歴", Text: "あり", Want: high("あり")},
		{Column: "criminal_record", Text: "yes", Want: high("yes")},
		{Column: "人種", Text: "アジア系", Want: high("アジア系")},
		{Column: "race", Text: "Asian", Want: high("Asian")},
		{Column: "customerEthnicity", Text: "Ainu", Want: high("Ainu")},
		{Column: "健康診断結果", Text: "A判定", Want: high("A判定")},
		{Column: "health_check", Text: "要再検査", Want: high("要再検査")},
		{Column: "健診", Text: "異常なし", Want: high("異常なし")},
		// Values meaning none.
		{Column: "既往歴", Text: "なし", Want: low("なし")},
		{Column: "病歴", Text: "無", Want: low("無")},
		{Column: "持病", Text: "無し", Want: low("無し")},
		{Column: "宗教", Text: "特になし", Want: low("特になし")},
		{Column: "medical_history", Text: "-", Want: low("-")},
		{Column: "diagnosis", Text: "None", Want: low("None")},
		{Column: "diagnosis", Text: "N/A", Want: low("N/A")},
		{Column: "criminal_record", Text: "0", Want: low("0")},
		// Not a column of the kind: the value is free text.
		{Column: "trace_id", Text: "4bf92f3577b34da6"},
		{Column: "raceway_id", Text: "RW-12"},
		{Column: "国籍", Text: "韓国"},
		{Column: "note", Text: "糖尿病で通院中", Want: high("糖尿病")},
		{Column: "病歴", Text: "   "},
		// Columns of faults, counts, dates and services.
		{Column: "障害発生日時", Text: "2024-04-01 10:00"},
		{Column: "障害区分", Text: "ハードウェア障害"},
		{Column: "障害者雇用件数", Text: "3"},
		{Column: "健診日", Text: "2024-04-01"},
		{Column: "経営信条", Text: "誠実"},
		{Column: "health_check", Text: "OK"},
		{Column: "healthCheck", Text: "passing"},
		{Column: "health_check_url", Text: "/healthz"},
	})
}

// TestKinds checks the sub-kind of a finding of each kind.
func TestKinds(t *testing.T) {
	set, err := detectors.NewSet([]detectors.Detector{New()})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ text, column, kind string }{
		{"糖尿病で通院中", "", MedicalHistory},
		{"高血圧の薬を服用中", "", MedicalHistory},
		{"身体障害者手帳1級", "", Disability},
		{"障害等級2級", "", Disability},
		{"逮捕歴", "", CriminalRecord},
		{"少年院送致", "", CriminalRecord},
		{"被害届を提出した", "", CrimeVictim},
		{"性被害", "", CrimeVictim},
		{"キリスト教を信仰している", "", ReligionBelief},
		{"支持政党: 〇〇党", "", ReligionBelief},
		{"人種: アジア系", "", RaceEthnicity},
		{"社会的身分", "", SocialStatus},
		{"HbA1c 7.2%", "", HealthCheck},
		{"要精密検査", "", HealthCheck},
		{"F32", "診断名", MedicalHistory},
		{"x", "race", RaceEthnicity},
		{"x", "社会的身分", SocialStatus},
		{"x", "health_check", HealthCheck},
	} {
		var tx detectors.Text
		tx.SetText(tc.text, tc.column)
		var kinds []string
		set.Run(&tx, func(m detectors.Match) { kinds = append(kinds, m.Verdict.Kind) })
		if len(kinds) != 1 || kinds[0] != tc.kind {
			t.Errorf("%q (column %q): kinds %v, want [%s]", tc.text, tc.column, kinds, tc.kind)
		}
		if !slices.Contains(Kinds(), tc.kind) {
			t.Errorf("Kinds() lacks %s", tc.kind)
		}
	}
}

// TestReasonsHoldNoValue: reasons are reported unmasked, so they must not
// repeat the text they judge.
func TestReasonsHoldNoValue(t *testing.T) {
	set, err := detectors.NewSet([]detectors.Detector{New()})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"既往歴: 糖尿病", "身体障害者手帳1級", "前科あり", "うつ病と診断", "HbA1c 7.2%", "宗教は仏教", "前歴"} {
		var tx detectors.Text
		tx.SetText(s, "")
		set.Run(&tx, func(m detectors.Match) {
			for _, r := range m.Verdict.Reasons {
				if strings.Contains(r, tx.Norm[m.Start:m.End]) || strings.ContainsFunc(r, func(c rune) bool { return c >= 0x80 }) {
					t.Errorf("%q: reason %q shows the value", s, r)
				}
			}
		})
	}
}

func TestProseGivesNothing(t *testing.T) {
	detectortest.Run(t, New(), []Case{{Name: "prose", Text: detectortest.Prose(16 << 10)}})
}

func TestWordsAreNormalised(t *testing.T) {
	d := New()
	detectortest.AssertNormalised(t, d.Keywords(), d.ColumnWords(), policyWords, itWords, careerWords, crimeWords)
	for _, tm := range vocab.terms {
		detectortest.AssertNormalised(t, []string{tm.word})
	}
}

// TestEveryTermIsFound: each term alone is found whole, so none is shadowed
// by a boundary rule or a longer term. A term that needs a qualifier is
// found with one, and not without.
func TestEveryTermIsFound(t *testing.T) {
	withQualifier := map[string]string{"被害": "詐欺被害", "系": "日系ブラジル人"}
	find := func(text string) []detectors.Candidate {
		var tx detectors.Text
		tx.SetText(text, "")
		return New().Find(&tx)
	}
	for _, tm := range vocab.terms {
		text := tm.word
		if tm.is(exact) {
			text = tm.upper
		}
		if tm.is(needsQualifier) {
			if got := find(text); len(got) != 0 {
				t.Errorf("Find(%q) without a qualifier = %v", text, got)
			}
			if text = withQualifier[tm.word]; text == "" {
				t.Errorf("no example with a qualifier for %q", tm.word)
				continue
			}
		}
		if got := find(text); len(got) != 1 || got[0].Start != 0 || got[0].End != len(text) {
			t.Errorf("Find(%q) = %v", text, got)
		}
	}
}

// TestMask: nothing of the value shows, not even the end, which is where
// the disease or the test result is.
func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"糖尿病":          "***",
		"身体障害者手帳1級":    "*********",
		"HbA1c 7.2%":   "***** *.*%",
		"既往歴: 糖尿病、高血圧": "***: *******",
	})
}

// nearMisses hold no term at all: Find returns nothing on them.
var nearMisses = []string{
	"システム障害が発生したため、障害報告書を提出し、通信障害の対応を完了しました。",
	"防犯カメラの設置により犯罪防止に努めています。前職では営業を担当していました。",
	"設計思想と経営信条を共有し、民族衣装の展示とガンダムの模型を紹介します。",
	"がん保険の資料請求と血圧計の購入、健康診断の予約システムの更新がんばります。",
	"台風被害と風評被害の総額を報告し、日系企業と外資系の情報系システムを体系的に比較します。",
}

func TestFindDoesNotAllocateWithoutTerms(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), detectortest.Prose(8<<10, nearMisses...))
}

// BenchmarkFind runs over ~64 KB of prose with no term at all, and with a
// finding every 2 KB.
func BenchmarkFind(b *testing.B) {
	b.Run("none", func(b *testing.B) {
		detectortest.BenchFind(b, New(), detectortest.Prose(64<<10, nearMisses...))
	})
	b.Run("every2KB", func(b *testing.B) {
		detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 2<<10, "既往歴：糖尿病（2019年から服薬中）。", nearMisses...))
	})
}

func FuzzFind(f *testing.F) {
	detectortest.Fuzz(f, New(), "既往歴",
		"既往歴: 糖尿病、高血圧", "身体障害者手帳1級", "HbA1c 7.2%", "血圧 158/96mmHg", "前科あり", "がんばる肺がん",
		"要配慮個人情報（人種、信条、病歴）", "懲役三年", "療育手帳(A", "障害等級第", "γ-GTP", "既往歴の有無:",
		"窃盗の被害", "日系ブラジル人", "日系三", "系人", "クルド民族", "子宮頸がん", "の被害")
}

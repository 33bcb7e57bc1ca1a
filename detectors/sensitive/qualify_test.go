package sensitive

import (
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

// TestQualifiedPhrases: a qualifier before a term is part of its span: the
// site of a cancer, the people of 民族, the crime of 被害, the origin and the
// person of an ancestry.
func TestQualifiedPhrases(t *testing.T) {
	detectortest.Run(t, New(), []Case{
		// Cancer with its site.
		{Text: "子宮頸がんの手術を受けた", Want: high("子宮頸がん")},
		{Text: "胃癌で入院中", Want: high("胃癌")},
		{Text: "父は前立腺がん", Want: high("前立腺がん")},
		{Text: "すい臓がんと診断された", Want: high("すい臓がん")},
		{Text: "大腸がん", Want: medium("大腸がん")},
		{Text: "肺ガン", Want: medium("肺ガン")},
		{Text: "がんの治療中", Want: high("がん")},
		{Text: "肺がんの予防", Want: low("肺がん")},
		// A people before 民族; 少数民族 names none.
		{Text: "クルド民族の出身", Want: high("クルド民族")},
		{Text: "佐藤さんは朝鮮民族", Want: high("朝鮮民族")},
		{Text: "漢民族", Want: medium("漢民族")},
		{Text: "アイヌ民族、琉球民族", Want: medium("アイヌ民族", "琉球民族")},
		{Text: "少数民族", Want: low("民族")},
		{Text: "先住民族の権利", Want: low("民族")},
		{Text: "民族：アイヌ", Want: high("民族：アイヌ")},
		// Ethnic origin.
		{Text: "佐藤さんは在日韓国人です", Want: high("在日韓国人")},
		{Text: "在日朝鮮人", Want: medium("在日朝鮮人")},
		{Text: "在日コリアンの歴史", Want: low("在日コリアン")},
		{Text: "田中さんはアイヌの出身です", Want: medium("アイヌ")},
		{Text: "アイヌ", Want: low("アイヌ")},
		// Ancestry: 〇〇系 with the person it names.
		{Text: "田中さんは日系ブラジル人", Want: high("日系ブラジル人")},
		{Text: "日系三世の社員", Want: medium("日系三世")},
		{Text: "日系2世", Want: medium("日系2世")},
		{Text: "日系人", Want: medium("日系人")},
		{Text: "アフリカ系アメリカ人の俳優", Want: medium("アフリカ系アメリカ人")},
		{Text: "韓国系米国人", Want: medium("韓国系米国人")},
		// A crime before 被害.
		{Text: "窃盗の被害に遭った", Want: high("窃盗の被害")},
		{Text: "強盗被害に遭った", Want: high("強盗被害")},
		{Text: "性的虐待被害を受けた", Want: high("性的虐待被害")},
		{Text: "鈴木さんはひったくり被害", Want: high("ひったくり被害")},
		{Text: "詐欺被害", Want: medium("詐欺被害")},
		{Text: "特殊詐欺被害", Want: medium("特殊詐欺被害")},
		{Text: "暴行被害の届出", Want: medium("暴行被害")},
		{Text: "特殊詐欺被害総額は過去最高", Want: low("特殊詐欺被害")},
		{Text: "振り込め詐欺被害の防止", Want: low("振り込め詐欺被害")},
		// Another term's span ends where a qualifier could begin.
		{Text: "既往歴：なし。肺がん", Want: append(low("既往歴：なし"), medium("肺がん")...)},
	})
}

// TestSocialStatus: 社会的身分 is a status fixed by birth; 学歴 and a career
// are not.
func TestSocialStatus(t *testing.T) {
	detectortest.Run(t, New(), []Case{
		{Text: "被差別部落出身", Want: high("被差別部落出身")},
		{Text: "部落出身と言われた", Want: high("部落出身")},
		{Text: "同和地区の出身", Want: high("同和地区")},
		{Text: "鈴木様は非嫡出子", Want: high("非嫡出子")},
		{Text: "婚外子", Want: medium("婚外子")},
		{Text: "被差別部落の歴史", Want: low("被差別部落")},
		{Text: "社会的身分", Want: low("社会的身分")},
		{Name: "education", Text: "最終学歴：高卒"},
		{Name: "education column", Column: "学歴", Text: "大学院 修士課程 修了"},
		{Name: "career", Text: "職歴：営業部 5年"},
	})
}

// TestTopicsAndForms: a term as a topic, in a form's question or in a
// statement about a form is about no one: Low at most.
func TestTopicsAndForms(t *testing.T) {
	detectortest.Run(t, New(), []Case{
		{Text: "うつ病に関する講演会を開催します。", Want: low("うつ病")},
		{Text: "うつ病についての研修を実施しました", Want: low("うつ病")},
		{Text: "糖尿病をテーマにしたセミナー", Want: low("糖尿病")},
		{Text: "認知症に関して相談窓口を設けました", Want: low("認知症")},
		{Text: "前科の有無を問う欄は設けていません。", Want: low("前科")},
		{Text: "前科を問う欄は設けていません。", Want: low("前科")},
		{Text: "逮捕歴の有無を確認する欄", Want: low("逮捕歴")},
		{Text: "既往歴の有無をお答えください", Want: low("既往歴")},
		{Text: "障害者手帳の有無をご記入ください。", Want: low("障害者手帳")},
		{Text: "持病がある方はお申し出ください", Want: low("持病")},
		{Text: "障害者雇用促進法に基づき、雇用を進めています。", Want: low("障害者")},
		{Text: "犯罪被害者等基本法の概要", Want: low("犯罪被害")},
		{Text: "宗教に関するアンケート", Want: low("宗教")},
		{Text: "がん検診", Want: low("がん検診")},
		{Name: "career in a form", Text: "職務の前歴をご記入ください"},
		// A person's answer stays what it was.
		{Text: "前科の有無：あり", Want: high("前科の有無：あり")},
		{Text: "既往歴の有無: 糖尿病", Want: high("既往歴の有無: 糖尿病")},
	})
}

func TestQualifierNegatives(t *testing.T) {
	detectortest.Run(t, New(), detectortest.Negatives(
		// 被害 of no crime, or of no one.
		"台風被害の状況を報告します。", "台風の被害に遭った", "風評被害対策", "被害総額は3億円にのぼる。", "被害者の会",
		"クスリ被害", "農作物の被害",
		// 〇〇系 that names no person, and plain nationality.
		"日系企業に就職した", "外資系の会社", "理系人間です", "体系的に学ぶ", "系統図を作成", "情報系システム",
		"関西系芸人", "日系人材派遣", "日系二世帯住宅", "ブラジル人の同僚", "韓国籍", "国籍：ブラジル", "アジア系",
		// アイヌ and cancer words in names of things.
		"アイヌ語を学ぶ", "アイヌ文化の継承", "子宮頸がんワクチン", "がん検診のお知らせ", "肺がん検診のご案内",
		"乳がん保険", "がんばる",
		// Freedoms and policy.
		"信仰の自由を尊重します。", "犯罪歴の有無は問いません。", "信条、人種、民族を問わず採用します。",
	))
}

// TestQualifiedKinds: qualified phrases and social status terms get their
// kinds.
func TestQualifiedKinds(t *testing.T) {
	set, err := detectors.NewSet([]detectors.Detector{New()})
	if err != nil {
		t.Fatal(err)
	}
	for text, kind := range map[string]string{
		"被差別部落出身":  SocialStatus,
		"同和地区出身":   SocialStatus,
		"鈴木様は非嫡出子": SocialStatus,
		"琉球民族の出身":  RaceEthnicity,
		"日系ブラジル人":  RaceEthnicity,
		"在日コリアン":   RaceEthnicity,
		"詐欺被害":     CrimeVictim,
		"乳がん":      MedicalHistory,
	} {
		var tx detectors.Text
		tx.SetText(text, "")
		var kinds []string
		set.Run(&tx, func(m detectors.Match) { kinds = append(kinds, m.Verdict.Kind) })
		if len(kinds) != 1 || kinds[0] != kind {
			t.Errorf("%q: kinds %v, want [%s]", text, kinds, kind)
		}
	}
}

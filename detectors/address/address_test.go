package address

import (
	"strings"
	"testing"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/detectortest"
)

var (
	high   = detectortest.High
	medium = detectortest.Medium
	low    = detectortest.Low
)

func TestPrefectureMunicipalityBlock(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "市内 starting a town", Text: "岩手県盛岡市内丸10番1号", Want: detectortest.High("岩手県盛岡市内丸10番1号")},
		{Text: "東京都渋谷区渋谷2-21-1", Want: high("東京都渋谷区渋谷2-21-1")},
		{Text: "神奈川県横浜市西区みなとみらい2-3-1", Want: high("神奈川県横浜市西区みなとみらい2-3-1")},
		{Text: "北海道札幌市中央区北一条西2丁目1-1", Want: high("北海道札幌市中央区北一条西2丁目1-1")},
		{Name: "Sapporo 条 in digits", Text: "北海道札幌市中央区北1条西2丁目", Want: high("北海道札幌市中央区北1条西2丁目")},
		{Text: "北海道札幌市中央区大通西3丁目", Want: high("北海道札幌市中央区大通西3丁目")},
		{Name: "郡 and 条", Text: "北海道虻田郡倶知安町北1条東4丁目", Want: high("北海道虻田郡倶知安町北1条東4丁目")},
		{Text: "千葉県市川市八幡1-2-3", Want: high("千葉県市川市八幡1-2-3")},
		{Text: "三重県四日市市諏訪町1番5号", Want: high("三重県四日市市諏訪町1番5号")},
		{Text: "広島県廿日市市下平良一丁目11番1号", Want: high("広島県廿日市市下平良一丁目11番1号")},
		{Text: "福島県郡山市朝日一丁目23番7号", Want: high("福島県郡山市朝日一丁目23番7号")},
		{Text: "東京都町田市森野2-2-22", Want: high("東京都町田市森野2-2-22")},
		{Text: "新潟県十日町市千歳町3-3", Want: high("新潟県十日町市千歳町3-3")},
		{Text: "石川県野々市市三納一丁目1番地", Want: high("石川県野々市市三納一丁目1番地")},
		{Text: "東京都八丈町大賀郷2345番地", Want: high("東京都八丈町大賀郷2345番地")},
		{Text: "東京都東村山市本町1-2-3", Want: high("東京都東村山市本町1-2-3")},
		{Text: "東京都武蔵村山市本町1-2-3", Want: high("東京都武蔵村山市本町1-2-3")},
		{Text: "奈良県大和郡山市北郡山町248番地4", Want: high("奈良県大和郡山市北郡山町248番地4")},
		{Text: "北海道余市郡余市町黒川町19丁目1番地1", Want: high("北海道余市郡余市町黒川町19丁目1番地1")},
		{Text: "東京都府中市宮西町2-24", Want: high("東京都府中市宮西町2-24")},
		{Text: "大阪府堺市堺区南瓦町3-1", Want: high("大阪府堺市堺区南瓦町3-1")},
		{Text: "埼玉県さいたま市浦和区高砂3-15-1", Want: high("埼玉県さいたま市浦和区高砂3-15-1")},
		{Name: "town ending in 町", Text: "岐阜県岐阜市小坂本町二丁目10番地", Want: high("岐阜県岐阜市小坂本町二丁目10番地")},
		{Name: "kanji numerals", Text: "愛知県名古屋市中区三の丸三丁目四番五号", Want: high("愛知県名古屋市中区三の丸三丁目四番五号")},
		{Name: "kanji numeral in town", Text: "東京都千代田区一番町1-2", Want: high("東京都千代田区一番町1-2")},
		{Name: "十番 in town", Text: "東京都港区麻布十番1-2-3", Want: high("東京都港区麻布十番1-2-3")},
		{Text: "東京都渋谷区渋谷2丁目21番1号", Want: high("東京都渋谷区渋谷2丁目21番1号")},
		{Text: "東京都千代田区大手町1丁目2-3", Want: high("東京都千代田区大手町1丁目2-3")},
		{Text: "長野県松本市大字里山辺123番地の4", Want: high("長野県松本市大字里山辺123番地の4")},
		{Text: "愛媛県松山市一番町四丁目4-2", Want: high("愛媛県松山市一番町四丁目4-2")},
		{Name: "full-width", Text: "東京都渋谷区渋谷２－２１－１", Want: high("東京都渋谷区渋谷２－２１－１")},
		{Name: "postal code outside the span", Text: "〒150-0002 東京都渋谷区渋谷2-21-1", Want: high("東京都渋谷区渋谷2-21-1")},
		{Name: "in a sentence", Text: "私は東京都渋谷区渋谷2-21-1に住んでいます。", Want: high("東京都渋谷区渋谷2-21-1")},
		{Name: "before です", Text: "送り先は東京都世田谷区太子堂1-2-3です", Want: high("東京都世田谷区太子堂1-2-3")},
		{Name: "in parentheses", Text: "住所(東京都新宿区西新宿2丁目8番1号)", Want: high("東京都新宿区西新宿2丁目8番1号")},
		{Name: "label nearer than a business word", Text: "所属：本社 住所：東京都渋谷区渋谷2-21-1", Want: high("東京都渋谷区渋谷2-21-1")},
		{Name: "two addresses", Text: "旧：大阪府大阪市北区梅田3-1-1、新：京都府京都市下京区烏丸通七条下る東塩小路町721-1",
			Want: high("大阪府大阪市北区梅田3-1-1", "京都府京都市下京区烏丸通七条下る東塩小路町721-1")},
	})
}

func TestBuildingAndRoom(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Text: "東京都渋谷区渋谷2-21-1 グランドメゾン渋谷 301号室", Want: high("東京都渋谷区渋谷2-21-1 グランドメゾン渋谷 301号室")},
		{Text: "東京都渋谷区道玄坂1-12-1渋谷マークシティ5F", Want: high("東京都渋谷区道玄坂1-12-1渋谷マークシティ5F")},
		{Text: "東京都新宿区西新宿2-8-1 〇〇ハイツ101", Want: high("東京都新宿区西新宿2-8-1 〇〇ハイツ101")},
		{Text: "東京都世田谷区三軒茶屋1-2-3 コーポ山田 2階", Want: high("東京都世田谷区三軒茶屋1-2-3 コーポ山田 2階")},
		{Text: "大阪府大阪市北区梅田3-1-1 ビル3F", Want: high("大阪府大阪市北区梅田3-1-1 ビル3F")},
		{Text: "東京都渋谷区渋谷2-21-1#402", Want: high("東京都渋谷区渋谷2-21-1#402")},
		{Text: "東京都渋谷区渋谷2-21-1-101", Want: high("東京都渋谷区渋谷2-21-1-101")},
		{Text: "東京都渋谷区渋谷2-21-1 305号室", Want: high("東京都渋谷区渋谷2-21-1 305号室")},
		{Name: "building word only", Text: "東京都中央区銀座4-5-6 山田ビル", Want: high("東京都中央区銀座4-5-6 山田ビル")},
		{Name: "room then です", Text: "お届け先：東京都渋谷区渋谷２－２１－１　グランドメゾン渋谷３０１号室です。",
			Want: high("東京都渋谷区渋谷２－２１－１\u3000グランドメゾン渋谷３０１号室")},
		{Name: "a name is no building", Text: "東京都渋谷区渋谷2-21-1 山田太郎様", Want: high("東京都渋谷区渋谷2-21-1")},
		{Name: "a phone number is no room", Text: "東京都渋谷区渋谷2-21-1 03-1234-5678", Want: high("東京都渋谷区渋谷2-21-1")},
	})
}

func TestWithoutPrefecture(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Text: "渋谷区渋谷2-21-1", Want: medium("渋谷区渋谷2-21-1")},
		{Text: "横浜市西区みなとみらい2-3-1", Want: medium("横浜市西区みなとみらい2-3-1")},
		{Text: "さいたま市浦和区高砂3-15-1", Want: medium("さいたま市浦和区高砂3-15-1")},
		{Text: "港区芝公園4-2-8", Want: medium("港区芝公園4-2-8")},
		{Name: "in a sentence", Text: "移転先は品川区大崎1丁目2番3号になります", Want: medium("品川区大崎1丁目2番3号")},
		{Name: "postal code", Text: "〒150-0002 渋谷区渋谷2-21-1", Want: high("渋谷区渋谷2-21-1")},
		{Name: "plain postal code", Text: "1500002 渋谷区渋谷2-21-1", Want: high("渋谷区渋谷2-21-1")},
		{Name: "postal mark", Text: "〒渋谷区渋谷2-21-1", Want: high("渋谷区渋谷2-21-1")},
		{Name: "label", Text: "住所：渋谷区渋谷2-21-1", Want: high("渋谷区渋谷2-21-1")},
		{Name: "label glued", Text: "現住所横浜市西区みなとみらい2-3-1", Want: high("横浜市西区みなとみらい2-3-1")},
		{Name: "label お届け先", Text: "お届け先 目黒区中目黒3-1-5", Want: high("目黒区中目黒3-1-5")},
		{Name: "ASCII label", Text: "Address: 中央区銀座4-5-6", Want: high("中央区銀座4-5-6")},
		{Name: "glued to a name", Text: "山田太郎渋谷区渋谷2-21-1", Want: medium("渋谷区渋谷2-21-1")},
		{Name: "glued to a name, designated city", Text: "山田太郎横浜市西区みなとみらい2-3-1", Want: medium("横浜市西区みなとみらい2-3-1")},
		{Name: "not a designated city", Text: "東大阪市荒本北1-1-1", Want: medium("東大阪市荒本北1-1-1")},
		{Name: "no town without context", Text: "千代田区1-2"},
		{Name: "no town with context", Text: "所在地：千代田区1-2", Want: high("千代田区1-2")},
	})
}

func TestLoneStreetNumber(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Name: "Kyoto street form", Text: "京都府京都市中京区河原町通三条上る大黒町 12", Want: medium("京都府京都市中京区河原町通三条上る大黒町 12")},
		{Text: "長野県大町市大町3887", Want: medium("長野県大町市大町3887")},
		{Name: "with context", Text: "住所：長野県大町市大町3887", Want: high("長野県大町市大町3887")},
		{Name: "without prefecture or context", Text: "大町市大町3887"},
		{Name: "a count", Text: "東京都渋谷区内3か所"},
		{Name: "minutes", Text: "東京都渋谷区の新オフィスは駅から徒歩5分"},
	})
}

func TestWithoutBlockNumber(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Text: "東京都渋谷区に住んでいます", Want: low("東京都渋谷区")},
		{Text: "東京都渋谷区神宮前に住んでいます", Want: low("東京都渋谷区神宮前")},
		{Text: "大阪府堺市在住の会社員", Want: low("大阪府堺市")},
		{Name: "after a label", Text: "住所：東京都渋谷区", Want: low("東京都渋谷区")},
		{Name: "label, then more prose", Text: "住所 東京都渋谷区の新オフィス"},
		{Name: "no prefecture", Text: "渋谷区に住んでいます"},
		{Name: "no lives-in phrase", Text: "東京都渋谷区でイベントを開催"},
		{Name: "office name", Text: "東京都千代田区役所"},
	})
}

func TestAddressColumn(t *testing.T) {
	detectortest.Run(t, New(), []detectortest.Case{
		{Column: "住所", Text: "東京都渋谷区", Want: high("東京都渋谷区")},
		{Column: "住所", Text: "東京都", Want: low("東京都")},
		{Column: "住所", Text: "渋谷区", Want: low("渋谷区")},
		{Column: "所在地", Text: "大阪府大阪市北区梅田", Want: high("大阪府大阪市北区梅田")},
		{Column: "現住所", Text: " 北海道札幌市中央区 ", Want: high("北海道札幌市中央区")},
		{Column: "連絡先住所", Text: "横浜市西区みなとみらい", Want: high("横浜市西区みなとみらい")},
		{Column: "address", Text: "渋谷区渋谷2-21-1", Want: high("渋谷区渋谷2-21-1")},
		{Column: "home_address", Text: "東京都渋谷区渋谷2-21-1 山田様方", Want: high("東京都渋谷区渋谷2-21-1 山田様方")},
		{Column: "homeAddress", Text: "〒150-0002 東京都渋谷区渋谷2-21-1", Want: high("東京都渋谷区渋谷2-21-1")},
		{Column: "customer.addr", Text: "千葉県市川市", Want: high("千葉県市川市")},
		{Column: "JUSHO", Text: "東京都八丈町", Want: high("東京都八丈町")},
		{Name: "cell not starting with a place", Column: "住所", Text: "山田方 渋谷区渋谷2-21-1", Want: high("渋谷区渋谷2-21-1")},
		{Column: "ip_address", Text: "東京都渋谷区"},
		{Column: "mac_address", Text: "東京都渋谷区"},
		{Column: "email_address", Text: "東京都渋谷区"},
		{Column: "remote_addr", Text: "東京都渋谷区"},
		{Column: "IPAddress", Text: "東京都渋谷区"},
		{Column: "client_address", Text: "東京都渋谷区"},
		{Column: "bounce_address", Text: "東京都渋谷区"},
		{Name: "not an address column, block number", Column: "ip_address", Text: "渋谷区渋谷2-21-1", Want: medium("渋谷区渋谷2-21-1")},
		{Column: "住所", Text: "未登録"},
		{Column: "住所", Text: "〒150-0002"},
	})
}

// hardNegatives hold place names, numbers and office names that are no
// address. None of them gives a finding at any confidence.
var hardNegatives = []string{
	"東京都の人口は約1400万人",
	"大阪市内の店舗",
	"新宿駅東口",
	"本社は東京都にあります",
	"大和市",
	"大和市は神奈川県にあります",
	"第3章2-1節",
	"2024-11-21",
	"1-2-3",
	"京都大学",
	"横浜銀行",
	"三井住友銀行 渋谷支店",
	"千代田区役所",
	"渋谷区役所2階",
	"渋谷区のカフェ",
	"品番 A-12-3",
	"版 3-2-1",
	"03-1234-5678",
	"渋谷区渋谷 03-1234-5678",
	"東京都知事",
	"北海道産の牛乳",
	"株式会社山田製作所",
	"国内市場規模3-1",
	"平成30年度市民調査1-2",
	"同市内1-2",
	"市区町村1-2",
	"東京23区1-2",
	"中村1-2-3",
	"北村2-1",
	"大町3-1",
	"練馬区在住の30代",
	"港区3店舗",
	"渋谷区表1-2",
	"新宿区第3-1",
	"地域別売上は関東地区12-3",
	"北区大会2-1で勝利",
	"西区予選3-2",
	// Business and event locations are not a person's address.
	"会場は東京都千代田区丸の内1-1-1、最寄り駅から徒歩5分です。",
	"本社：東京都港区芝公園4-2-8",
	"弊社の住所は東京都港区芝公園4-2-8です",
	"本社住所：東京都港区芝公園4-2-8",
	"店舗所在地 大阪府大阪市北区梅田3-1-1",
	"〒150-0002 東京都渋谷区渋谷2-21-1 の本社では、毎週月曜日に定例会を開いています。",
	"A社の横浜工場（横浜市鶴見区末広町1-1）",
}

func TestHardNegatives(t *testing.T) {
	detectortest.Run(t, New(), detectortest.Negatives(hardNegatives...))
}

// TestProse holds the detector to detectortest.Prose and its numbers:
// nothing in them, not even after an address label. (detectortest's own
// test puts every detector's keywords beside each sentence.)
func TestProse(t *testing.T) {
	d := New()
	lines := strings.Split(strings.TrimSpace(detectortest.Prose(16<<10)), "\n")
	lines = append(lines, detectortest.Numbers...)
	var tx detectors.Text
	for _, line := range lines {
		for _, text := range []string{line, "住所 " + line, "所在地 " + line, line + "address"} {
			tx.SetText(text, "")
			if c := d.Find(&tx); len(c) != 0 {
				t.Errorf("candidate %q in %q", tx.OrigSpan(c[0].Start, c[0].End), text)
			}
		}
	}
}

func TestNoAllocsWithoutCandidates(t *testing.T) {
	detectortest.AssertNoAllocs(t, New(), detectortest.Prose(16<<10, hardNegatives...))
}

func TestMask(t *testing.T) {
	detectortest.AssertMask(t, New(), map[string]string{
		"東京都渋谷区渋谷2-21-1":                 "東京都渋谷区***-**-*",
		"東京都渋谷区渋谷２－２１－１":                 "東京都渋谷区***－**－*",
		"横浜市西区みなとみらい2-3-1":               "横浜市西区*******-*-*",
		"北海道余市郡余市町黒川町19丁目1番地1":           "北海道余市郡余市町***********",
		"東京都渋谷区渋谷2-21-1 グランドメゾン渋谷 301号室": "東京都渋谷区***-**-* ********* *****",
		"東京都":      "東京都",
		"東京都渋谷区":   "東京都***", // the area is not all of it: a mask never shows the value (FuzzEachDetector)
		"横浜市西区":    "*****",
		"渋谷2-21-1": "***-**-*",
	})
}

func TestWordsAreNormalised(t *testing.T) {
	detectortest.AssertNormalised(t, labelWords, venueWords, venueAfter, residenceAfter)
}

func TestPrefectures(t *testing.T) {
	if len(allPrefectures) != 47 {
		t.Errorf("%d prefectures, want 47", len(allPrefectures))
	}
	for _, p := range allPrefectures {
		text := p + "中央市本町1-2-3"
		detectortest.Run(t, New(), []detectortest.Case{{Name: p, Text: text, Want: high(text)}})
	}
}

func FuzzFind(f *testing.F) {
	detectortest.Fuzz(f, New(), "住所",
		"東京都渋谷区渋谷2-21-1 グランドメゾン渋谷 301号室",
		"〒150-0002 横浜市西区みなとみらい2-3-1",
		"北海道札幌市中央区北1条西2丁目",
		"京都府京都市中京区河原町通三条上る大黒町 12",
		"東京都渋谷区に住んでいます",
		"三重県四日市市諏訪町1番5号-",
		"市区町村郡",
	)
}

// FuzzJudgeKeepsCandidates checks that Find and Judge agree: Find returns
// only what Judge does not reject, so that text without an address costs
// no candidate.
func FuzzJudgeKeepsCandidates(f *testing.F) {
	for _, s := range append(hardNegatives, "東京都渋谷区渋谷2-21-1 グランドメゾン渋谷 301号室", "〒150-0002 渋谷区渋谷2-21-1") {
		f.Add(s, "")
		f.Add(s, "住所")
	}
	d := New()
	f.Fuzz(func(t *testing.T, s, col string) {
		var tx detectors.Text
		tx.SetText(s, col)
		for _, c := range d.Find(&tx) {
			if v := d.Judge(c, &tx); v.Confidence == detectors.Reject {
				t.Errorf("Judge rejects candidate %q of %q", tx.Norm[c.Start:c.End], tx.Norm)
			}
		}
	})
}

// BenchmarkFind runs over ~64 KB of prose with an address every 2 KB, over
// prose without one, and over prose with a hard negative in every paragraph
// (dense with 市/区/町/村 anchors that must be parsed and rejected).
func BenchmarkFind(b *testing.B) {
	hit := "お届け先：東京都渋谷区渋谷2-21-1 グランドメゾン渋谷 301号室。"
	b.Run("every2KB", func(b *testing.B) {
		detectortest.BenchFind(b, New(), detectortest.Corpus(64<<10, 2<<10, hit, hardNegatives...))
	})
	b.Run("none", func(b *testing.B) {
		detectortest.BenchFind(b, New(), detectortest.Prose(64<<10))
	})
	b.Run("nearMisses", func(b *testing.B) {
		detectortest.BenchFind(b, New(), detectortest.Prose(64<<10, hardNegatives...))
	})
}

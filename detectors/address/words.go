package address

// prefectures are the 47 都道府県, grouped by their last character: an
// anchor's kanji run is searched for these suffixes first, so text without
// them costs one comparison per character.
var prefectures = map[string][]string{
	"都": {"東京都"},
	"道": {"北海道"},
	"府": {"大阪府", "京都府"},
	"県": {
		"青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
		"群馬県", "埼玉県", "千葉県", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
		"山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "兵庫県",
		"奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
		"香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県",
		"宮崎県", "鹿児島県", "沖縄県",
	},
}

// allPrefectures lists them flat, for a prefix test.
var allPrefectures = func() []string {
	var all []string
	for _, names := range prefectures {
		all = append(all, names...)
	}
	return all
}()

// designatedCities are the 政令指定都市 (without 市): their wards (横浜市西区)
// belong to the municipality.
var designatedCities = []string{
	"札幌", "仙台", "さいたま", "千葉", "横浜", "川崎", "相模原", "新潟", "静岡", "浜松",
	"名古屋", "京都", "大阪", "堺", "神戸", "岡山", "広島", "北九州", "福岡", "熊本",
}

// tokyoWards are the 23 special wards of Tokyo (without 区): without a
// prefecture, a kanji run ending in one starts there (山田太郎渋谷区).
var tokyoWards = []string{
	"千代田", "中央", "港", "新宿", "文京", "台東", "墨田", "江東", "品川", "目黒", "大田", "世田谷",
	"渋谷", "中野", "杉並", "豊島", "北", "荒川", "板橋", "練馬", "足立", "葛飾", "江戸川",
}

// kanaNames are municipality names (without 市/町/村) written partly in kana.
// Without a prefecture before them, a municipality's start is found by
// walking back over kanji, which would stop inside these names.
var kanaNames = []string{
	"さいたま", "つくばみらい", "つくば", "いわき", "ひたちなか", "かすみがうら", "いちき串木野",
	"うきは", "みやま", "えびの", "みよし", "さぬき", "東かがわ", "南アルプス", "あわら",
	"たつの", "かほく", "にかほ", "つがる", "いすみ", "南さつま", "南あわじ", "伊豆の国",
	"紀の川", "ふじみ野", "みどり", "いなべ", "うるま", "新ひだか", "むかわ", "せたな",
	"えりも", "おいらせ", "みなかみ", "ときがわ", "かつらぎ", "みやき", "きやま", "あさぎり",
	"ニセコ", "みなべ", "つるぎ", "みやこ",
}

// oneCharCities and oneCharWards are the one-character municipality names
// accepted without a prefecture before them. Other single kanji before
// 市/区/町/村 are mostly words or surnames (同市, 各区, 全町, 中村, 北村, 大町).
const (
	oneCharCities = "津堺"
	oneCharWards  = "北南西東中港緑泉栄旭"
)

// leadWords are words that glue onto a municipality in a kanji run but are
// not part of it (住所横浜市, 本社渋谷区): the start moves past them.
var leadWords = []string{
	"現住所", "旧住所", "新住所", "住所", "所在地", "送付先", "届先", "配送先", "宛先", "居住地",
	"勤務地", "勤務先", "本籍地", "本籍", "自宅", "実家", "住居", "居所", "本社", "本店", "支店",
	"支社", "会場", "事務所", "営業所", "事業所", "当社", "弊社", "店舗", "工場", "拠点", "連絡先",
	"請求先", "発送先", "納品先", "出荷先",
}

// notAfter lists, per terminator, characters that make it part of a word
// rather than the end of a municipality: 市場, 区別, 町内, 村民.
var notAfter = map[rune]string{
	'市': "場民長役販況政議税立営街内外価",
	'区': "別分間域画切長民役議立内外部",
	'町': "内民長役議立会村並",
	'村': "民長役議立落人内",
}

// notTownEnd are last characters of a "town" that make the number after it
// a section, a count or a date, not a block number: 表1-2, 第3, 期2-1.
const notTownEnd = "表図章節項号巻版頁第例式型期年時秒歳円週度件個枚倍割系回会戦選勝敗率比額数量課係"

// townStops end a town area: what follows is not part of the address
// (渋谷区役所, 大阪市内在住, 新宿区周辺).
var townStops = []string{
	"在住", "出身", "役所", "役場", "周辺", "付近", "近郊", "近辺", "方面", "界隈", "一帯", "以外",
	"全域", "など",
}

// labelWords before an address (within labelWindow characters) say that
// it is one. 住所 covers 現住所 and 連絡先住所.
var labelWords = []string{
	"住所", "所在地", "住まい", "送付先", "お届け先", "届け先", "届先", "配送先", "宛先", "居住地",
	"address", "addr",
}

// venueWords before an address say it is a business or event location, not
// a person's: 会場は東京都千代田区丸の内1-1-1.
var venueWords = []string{
	"会場", "本社", "本店", "支店", "支社", "営業所", "事業所", "事務所", "店舗", "工場", "当社",
	"弊社", "オフィス", "開催地", "開催場所", "拠点", "会館",
}

// venueAfter right after an address says the same: 渋谷2-21-1の本社.
var venueAfter = []string{
	"の本社", "の本店", "の支店", "の支社", "の店舗", "の事務所", "の営業所", "の事業所", "の工場",
	"のオフィス", "の会場", "にある本社", "にある当社", "にある弊社", "(本社)",
}

// residenceAfter after a prefecture and municipality without a block
// number says where someone lives: 東京都渋谷区に住んでいます.
var residenceAfter = []string{
	"に住んで", "に住む", "に住み", "に住ま", "在住", "に在住", "に居住", "に暮らし", "に暮らす",
	"に引っ越", "へ引っ越", "に転居", "へ転居",
}

// buildingWords make a name after the block number a building: without one,
// the name needs a room number to be taken in (山田太郎 is not a building).
var buildingWords = []string{
	"ビル", "ハイツ", "マンション", "コーポ", "ハイム", "メゾン", "レジデンス", "タワー", "ヒルズ",
	"コート", "ハウス", "パレス", "プラザ", "アパート", "ヴィラ", "テラス", "ガーデン", "シティ",
	"スクエア", "センター", "パーク", "フラット", "カーサ", "荘", "寮", "棟", "館", "団地", "住宅",
	"宿舎", "社宅",
}

// CutPrefecture returns s without the prefecture it starts with, and the
// prefecture ("" if none): addresses are written with and without it.
func CutPrefecture(s string) (rest, prefecture string) {
	for _, p := range allPrefectures {
		if len(s) > len(p) && s[:len(p)] == p {
			return s[len(p):], p
		}
	}
	return s, ""
}

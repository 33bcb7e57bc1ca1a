package synthetic

import (
	"strings"
	"time"
)

// Name is one name word with its readings.
type Name struct {
	Kanji  string
	Kana   string // katakana reading
	Romaji string // Hepburn, without macrons
}

// Hiragana is the reading in hiragana.
func (n Name) Hiragana() string { return Hiragana(n.Kana) }

// Gender of a synthetic person.
type Gender string

const (
	Male   Gender = "male"
	Female Gender = "female"
)

// Kanji is the gender as written on Japanese forms.
func (g Gender) Kanji() string {
	if g == Female {
		return "女性"
	}
	return "男性"
}

type givenName struct {
	Name
	gender Gender
}

// Surnames are common Japanese family names (name words, not records).
var Surnames = []Name{
	{"佐藤", "サトウ", "Sato"}, {"鈴木", "スズキ", "Suzuki"}, {"高橋", "タカハシ", "Takahashi"},
	{"田中", "タナカ", "Tanaka"}, {"伊藤", "イトウ", "Ito"}, {"渡辺", "ワタナベ", "Watanabe"},
	{"山本", "ヤマモト", "Yamamoto"}, {"中村", "ナカムラ", "Nakamura"}, {"小林", "コバヤシ", "Kobayashi"},
	{"加藤", "カトウ", "Kato"}, {"吉田", "ヨシダ", "Yoshida"}, {"山田", "ヤマダ", "Yamada"},
	{"佐々木", "ササキ", "Sasaki"}, {"山口", "ヤマグチ", "Yamaguchi"}, {"松本", "マツモト", "Matsumoto"},
	{"井上", "イノウエ", "Inoue"}, {"木村", "キムラ", "Kimura"}, {"林", "ハヤシ", "Hayashi"},
	{"斎藤", "サイトウ", "Saito"}, {"清水", "シミズ", "Shimizu"}, {"山崎", "ヤマザキ", "Yamazaki"},
	{"森", "モリ", "Mori"}, {"池田", "イケダ", "Ikeda"}, {"橋本", "ハシモト", "Hashimoto"},
	{"阿部", "アベ", "Abe"}, {"石川", "イシカワ", "Ishikawa"}, {"山下", "ヤマシタ", "Yamashita"},
	{"中島", "ナカジマ", "Nakajima"}, {"石井", "イシイ", "Ishii"}, {"小川", "オガワ", "Ogawa"},
	{"前田", "マエダ", "Maeda"}, {"岡田", "オカダ", "Okada"}, {"長谷川", "ハセガワ", "Hasegawa"},
	{"藤田", "フジタ", "Fujita"}, {"後藤", "ゴトウ", "Goto"}, {"近藤", "コンドウ", "Kondo"},
	{"村上", "ムラカミ", "Murakami"}, {"遠藤", "エンドウ", "Endo"}, {"青木", "アオキ", "Aoki"},
	{"坂本", "サカモト", "Sakamoto"}, {"斉藤", "サイトウ", "Saito"}, {"福田", "フクダ", "Fukuda"},
	{"太田", "オオタ", "Ota"}, {"西村", "ニシムラ", "Nishimura"}, {"藤井", "フジイ", "Fujii"},
	{"岡本", "オカモト", "Okamoto"}, {"藤原", "フジワラ", "Fujiwara"}, {"金子", "カネコ", "Kaneko"},
	{"中野", "ナカノ", "Nakano"}, {"三浦", "ミウラ", "Miura"}, {"原田", "ハラダ", "Harada"},
	{"中川", "ナカガワ", "Nakagawa"}, {"松田", "マツダ", "Matsuda"}, {"竹内", "タケウチ", "Takeuchi"},
	{"小野", "オノ", "Ono"}, {"田村", "タムラ", "Tamura"}, {"中山", "ナカヤマ", "Nakayama"},
	{"和田", "ワダ", "Wada"}, {"石田", "イシダ", "Ishida"}, {"森田", "モリタ", "Morita"},
	{"上田", "ウエダ", "Ueda"}, {"原", "ハラ", "Hara"}, {"内田", "ウチダ", "Uchida"},
	{"柴田", "シバタ", "Shibata"}, {"酒井", "サカイ", "Sakai"}, {"宮崎", "ミヤザキ", "Miyazaki"},
	{"横山", "ヨコヤマ", "Yokoyama"}, {"高木", "タカギ", "Takagi"}, {"安藤", "アンドウ", "Ando"},
	{"宮本", "ミヤモト", "Miyamoto"}, {"大野", "オオノ", "Ono"}, {"小島", "コジマ", "Kojima"},
	{"谷口", "タニグチ", "Taniguchi"}, {"今井", "イマイ", "Imai"}, {"工藤", "クドウ", "Kudo"},
	{"高田", "タカダ", "Takada"}, {"増田", "マスダ", "Masuda"}, {"丸山", "マルヤマ", "Maruyama"},
	{"杉山", "スギヤマ", "Sugiyama"}, {"村田", "ムラタ", "Murata"},
}

var givenNames = []givenName{
	{Name{"翔太", "ショウタ", "Shota"}, Male}, {Name{"大輔", "ダイスケ", "Daisuke"}, Male},
	{Name{"健太", "ケンタ", "Kenta"}, Male}, {Name{"拓也", "タクヤ", "Takuya"}, Male},
	{Name{"直樹", "ナオキ", "Naoki"}, Male}, {Name{"和也", "カズヤ", "Kazuya"}, Male},
	{Name{"誠", "マコト", "Makoto"}, Male}, {Name{"翔", "ショウ", "Sho"}, Male},
	{Name{"蓮", "レン", "Ren"}, Male}, {Name{"大翔", "ヒロト", "Hiroto"}, Male},
	{Name{"悠真", "ユウマ", "Yuma"}, Male}, {Name{"湊", "ミナト", "Minato"}, Male},
	{Name{"陽翔", "ハルト", "Haruto"}, Male}, {Name{"樹", "イツキ", "Itsuki"}, Male},
	{Name{"悠人", "ユウト", "Yuto"}, Male}, {Name{"大樹", "ダイキ", "Daiki"}, Male},
	{Name{"亮", "リョウ", "Ryo"}, Male}, {Name{"健一", "ケンイチ", "Kenichi"}, Male},
	{Name{"浩二", "コウジ", "Koji"}, Male}, {Name{"隆", "タカシ", "Takashi"}, Male},
	{Name{"博之", "ヒロユキ", "Hiroyuki"}, Male}, {Name{"修", "オサム", "Osamu"}, Male},
	{Name{"茂", "シゲル", "Shigeru"}, Male}, {Name{"学", "マナブ", "Manabu"}, Male},
	{Name{"太郎", "タロウ", "Taro"}, Male}, {Name{"一郎", "イチロウ", "Ichiro"}, Male},
	{Name{"雄一", "ユウイチ", "Yuichi"}, Male}, {Name{"哲也", "テツヤ", "Tetsuya"}, Male},
	{Name{"正樹", "マサキ", "Masaki"}, Male}, {Name{"智也", "トモヤ", "Tomoya"}, Male},
	{Name{"康介", "コウスケ", "Kosuke"}, Male}, {Name{"俊介", "シュンスケ", "Shunsuke"}, Male},
	{Name{"隼人", "ハヤト", "Hayato"}, Male}, {Name{"颯太", "ソウタ", "Sota"}, Male},
	{Name{"優斗", "ユウト", "Yuto"}, Male}, {Name{"海斗", "カイト", "Kaito"}, Male},
	{Name{"駿", "シュン", "Shun"}, Male}, {Name{"秀樹", "ヒデキ", "Hideki"}, Male},
	{Name{"明", "アキラ", "Akira"}, Male}, {Name{"進", "ススム", "Susumu"}, Male},
	{Name{"陽子", "ヨウコ", "Yoko"}, Female}, {Name{"恵子", "ケイコ", "Keiko"}, Female},
	{Name{"由美", "ユミ", "Yumi"}, Female}, {Name{"裕子", "ユウコ", "Yuko"}, Female},
	{Name{"久美子", "クミコ", "Kumiko"}, Female}, {Name{"真由美", "マユミ", "Mayumi"}, Female},
	{Name{"美穂", "ミホ", "Miho"}, Female}, {Name{"愛", "アイ", "Ai"}, Female},
	{Name{"彩", "アヤ", "Aya"}, Female}, {Name{"さくら", "サクラ", "Sakura"}, Female},
	{Name{"結衣", "ユイ", "Yui"}, Female}, {Name{"陽菜", "ヒナ", "Hina"}, Female},
	{Name{"美咲", "ミサキ", "Misaki"}, Female}, {Name{"葵", "アオイ", "Aoi"}, Female},
	{Name{"凛", "リン", "Rin"}, Female}, {Name{"芽依", "メイ", "Mei"}, Female},
	{Name{"結愛", "ユア", "Yua"}, Female}, {Name{"花子", "ハナコ", "Hanako"}, Female},
	{Name{"直美", "ナオミ", "Naomi"}, Female}, {Name{"智子", "トモコ", "Tomoko"}, Female},
	{Name{"幸子", "サチコ", "Sachiko"}, Female}, {Name{"和子", "カズコ", "Kazuko"}, Female},
	{Name{"洋子", "ヨウコ", "Yoko"}, Female}, {Name{"明美", "アケミ", "Akemi"}, Female},
	{Name{"麻衣", "マイ", "Mai"}, Female}, {Name{"舞", "マイ", "Mai"}, Female},
	{Name{"千尋", "チヒロ", "Chihiro"}, Female}, {Name{"優子", "ユウコ", "Yuko"}, Female},
	{Name{"奈々", "ナナ", "Nana"}, Female}, {Name{"美香", "ミカ", "Mika"}, Female},
	{Name{"沙織", "サオリ", "Saori"}, Female}, {Name{"香織", "カオリ", "Kaori"}, Female},
	{Name{"綾香", "アヤカ", "Ayaka"}, Female}, {Name{"遥", "ハルカ", "Haruka"}, Female},
	{Name{"莉子", "リコ", "Riko"}, Female}, {Name{"杏", "アン", "An"}, Female},
	{Name{"紗希", "サキ", "Saki"}, Female}, {Name{"真央", "マオ", "Mao"}, Female},
	{Name{"彩花", "アヤカ", "Ayaka"}, Female}, {Name{"美月", "ミヅキ", "Mizuki"}, Female},
}

// GivenNames returns the embedded given names of one gender.
func GivenNames(gender Gender) []Name {
	var out []Name
	for _, n := range givenNames {
		if n.gender == gender {
			out = append(out, n.Name)
		}
	}
	return out
}

// foreignNames are katakana names for residence-card holders (common name
// words, family name first as on Japanese forms).
var foreignNames = []string{
	"グエン ヴァン アン", "チャン ティ ホア", "キム ジヨン", "イ ミンジュン",
	"ワン ウェイ", "リ ナ", "サントス マリア", "シルバ カルロス",
	"スミス ジョン", "ガルシア アナ", "シャルマ ラフル", "レ ティ マイ",
}

// Person is a synthetic person.
type Person struct {
	Surname Name
	Given   Name
	Gender  Gender
	Birth   time.Time
	Address Address
}

// FullName is "姓 名" with an ASCII space.
func (p Person) FullName() string { return p.Surname.Kanji + " " + p.Given.Kanji }

// FullKana is the reading in katakana, "セイ メイ".
func (p Person) FullKana() string { return p.Surname.Kana + " " + p.Given.Kana }

// FullRomaji is "Given Surname" in Latin letters.
func (p Person) FullRomaji() string { return p.Given.Romaji + " " + p.Surname.Romaji }

// Person draws a person born between 1940 and 2005.
func (g *Gen) Person() Person {
	gn := pick(g, givenNames)
	birth := time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(66*365))
	return Person{
		Surname: pick(g, Surnames),
		Given:   gn.Name,
		Gender:  gn.gender,
		Birth:   birth,
		Address: g.Address(),
	}
}

// ForeignName returns a katakana name of a foreign resident.
func (g *Gen) ForeignName() string { return pick(g, foreignNames) }

// Email returns an address for p at a reserved example domain.
func (g *Gen) Email(p Person) string {
	given := strings.ToLower(p.Given.Romaji)
	sur := strings.ToLower(p.Surname.Romaji)
	var local string
	switch g.r.IntN(6) {
	case 0:
		local = given + "." + sur
	case 1:
		local = given[:1] + "." + sur
	case 2:
		local = sur + "_" + given
	case 3:
		local = sur + given[:1] + p.Birth.Format("06")
	case 4:
		local = given + "." + sur + "+" + pick(g, []string{"shop", "news", "work"})
	default:
		local = sur + "." + given + p.Birth.Format("0102")
	}
	return local + "@" + pick(g, EmailDomains)
}

// EmailDomains are the reserved example domains e-mails are drawn from.
var EmailDomains = []string{"example.com", "example.co.jp", "example.ne.jp", "example.org"}

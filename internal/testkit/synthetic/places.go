package synthetic

import (
	"strconv"
	"strings"
)

// place is a public place name with a plausible postal code and the area code
// of its fixed-line numbers (0 included). Postal codes are illustrative.
type place struct {
	pref, city, town string
	postal           string // NNN-NNNN
	area             string // area code, 2 to 5 digits with the leading 0
}

var places = []place{
	{"東京都", "千代田区", "丸の内", "100-0005", "03"},
	{"東京都", "渋谷区", "渋谷", "150-0002", "03"},
	{"東京都", "新宿区", "西新宿", "160-0023", "03"},
	{"東京都", "世田谷区", "三軒茶屋", "154-0024", "03"},
	{"東京都", "港区", "芝公園", "105-0011", "03"},
	{"東京都", "品川区", "大崎", "141-0032", "03"},
	{"東京都", "八王子市", "旭町", "192-0083", "042"},
	{"東京都", "大島町", "元町", "100-0101", "04992"},
	{"神奈川県", "横浜市西区", "みなとみらい", "220-0012", "045"},
	{"神奈川県", "川崎市中原区", "小杉町", "211-0063", "044"},
	{"神奈川県", "藤沢市", "鵠沼海岸", "251-0037", "0466"},
	{"埼玉県", "さいたま市大宮区", "桜木町", "330-0854", "048"},
	{"千葉県", "千葉市中央区", "富士見", "260-0015", "043"},
	{"千葉県", "船橋市", "本町", "273-0005", "047"},
	{"茨城県", "水戸市", "宮町", "310-0015", "029"},
	{"大阪府", "大阪市北区", "梅田", "530-0001", "06"},
	{"大阪府", "大阪市中央区", "難波", "542-0076", "06"},
	{"大阪府", "堺市堺区", "南瓦町", "590-0078", "072"},
	{"京都府", "京都市中京区", "河原町", "604-8005", "075"},
	{"兵庫県", "神戸市中央区", "三宮町", "650-0021", "078"},
	{"愛知県", "名古屋市中区", "栄", "460-0008", "052"},
	{"愛知県", "豊田市", "小坂本町", "471-0034", "0565"},
	{"北海道", "札幌市中央区", "大通西", "060-0042", "011"},
	{"宮城県", "仙台市青葉区", "一番町", "980-0811", "022"},
	{"福岡県", "福岡市博多区", "博多駅前", "812-0011", "092"},
	{"福岡県", "北九州市小倉北区", "浅野", "802-0001", "093"},
	{"広島県", "広島市中区", "紙屋町", "730-0031", "082"},
	{"静岡県", "静岡市葵区", "紺屋町", "420-0852", "054"},
	{"新潟県", "新潟市中央区", "万代", "950-0088", "025"},
	{"石川県", "金沢市", "広岡", "920-0031", "076"},
	{"長野県", "松本市", "中央", "390-0811", "0263"},
	{"岡山県", "岡山市北区", "駅前町", "700-0023", "086"},
	{"熊本県", "熊本市中央区", "手取本町", "860-0808", "096"},
	{"沖縄県", "那覇市", "久茂地", "900-0015", "098"},
}

var buildings = []string{
	"サンハイツ", "グリーンコーポ", "メゾン桜", "パークマンション", "シティタワー",
	"第一ビル", "コーポ青葉", "ハイム緑", "ライオンズ台", "レジデンス中央",
	"リバーサイド荘", "朝日ビル",
}

// Address is a synthetic postal address.
type Address struct {
	Pref, City, Town  string
	Chome, Banchi, Go int    // 丁目, 番地, 号
	Building          string // "" for a house
	Room              int
	Postal            string // NNN-NNNN
	AreaCode          string // fixed-line area code of the place
}

// Address draws an address in one of the embedded places.
func (g *Gen) Address() Address {
	p := pick(g, places)
	a := Address{
		Pref: p.pref, City: p.city, Town: p.town,
		Chome: g.Between(1, 5), Banchi: g.Between(1, 30), Go: g.Between(1, 20),
		Postal: p.postal, AreaCode: p.area,
	}
	if g.Chance(0.6) {
		a.Building = pick(g, buildings)
		a.Room = g.Between(1, 12)*100 + g.Between(1, 9)
	}
	return a
}

// Kanji writes the address with 丁目/番地/号.
func (a Address) Kanji() string {
	var b strings.Builder
	b.WriteString(a.Pref + a.City + a.Town)
	b.WriteString(strconv.Itoa(a.Chome) + "丁目" + strconv.Itoa(a.Banchi) + "番地" + strconv.Itoa(a.Go) + "号")
	if a.Building != "" {
		b.WriteString(" " + a.Building + strconv.Itoa(a.Room) + "号室")
	}
	return b.String()
}

// Short writes the address with hyphens: 渋谷2-21-1 サンハイツ305.
func (a Address) Short() string {
	s := a.Pref + a.City + a.Town + strconv.Itoa(a.Chome) + "-" + strconv.Itoa(a.Banchi) + "-" + strconv.Itoa(a.Go)
	if a.Building != "" {
		s += " " + a.Building + strconv.Itoa(a.Room)
	}
	return s
}

// Format writes the address in one of the two styles.
func (g *Gen) formatAddress(a Address) string {
	if g.Chance(0.5) {
		return a.Kanji()
	}
	return a.Short()
}

package synthetic

import (
	"strconv"
	"strings"
	"time"
)

// CustomerTableVersion changes whenever CustomerTableColumns or
// CustomerTableRow changes what they produce, so that loaders can tell a
// table of older rows from a current one.
const CustomerTableVersion = 1

// CustomerTableColumn is one column of the synthetic customer table.
type CustomerTableColumn struct{ Name, PostgresType, MySQLType string }

// The column order of CustomerTableRow's values.
const (
	colID = iota
	colName
	colKana
	colGender
	colBirth
	colPostal
	colAddress
	colPhone
	colMobile
	colEmail
	colMyNumber
	colEmployer
	colRegistered
	colLastPurchase
	colAmount
	colPurchases
	colRank
	colNote
	colUpdatedBy
	numCustomerColumns
)

var customerTableColumns = [numCustomerColumns]CustomerTableColumn{
	colID:           {"id", "bigint", "BIGINT"},
	colName:         {"氏名", "text", "VARCHAR(64)"},
	colKana:         {"フリガナ", "text", "VARCHAR(64)"},
	colGender:       {"性別", "varchar(4)", "VARCHAR(4)"},
	colBirth:        {"生年月日", "date", "DATE"},
	colPostal:       {"郵便番号", "varchar(8)", "VARCHAR(8)"},
	colAddress:      {"住所", "text", "VARCHAR(255)"},
	colPhone:        {"電話番号", "varchar(20)", "VARCHAR(20)"},
	colMobile:       {"携帯電話", "bigint", "BIGINT"},
	colEmail:        {"メールアドレス", "text", "VARCHAR(255)"},
	colMyNumber:     {"個人番号", "bigint", "BIGINT"},
	colEmployer:     {"勤務先", "text", "VARCHAR(128)"},
	colRegistered:   {"登録日", "timestamp", "DATETIME"},
	colLastPurchase: {"最終購入日", "date", "DATE"},
	colAmount:       {"購入金額", "integer", "INT"},
	colPurchases:    {"購入回数", "integer", "INT"},
	colRank:         {"会員ランク", "varchar(16)", "VARCHAR(16)"},
	colNote:         {"備考", "text", "TEXT"},
	colUpdatedBy:    {"更新者", "varchar(16)", "VARCHAR(16)"},
}

// CustomerTableColumns lists the 19 columns, the first ("id") the primary key.
//
// The table is a customer master as a Japanese shop keeps it. About 30% of
// rows carry identifiers in the optional columns (生年月日, 郵便番号,
// 電話番号, メールアドレス; 個人番号 in about 5% of all rows), as in the CSV
// corpus; those cells are NULL in the others. 携帯電話 is a mobile number
// kept as an integer, its leading 0 lost, in about half of the rows. 勤務先
// is a company name, often built on a surname (山田工業株式会社): a hard
// negative for person names. 備考 is "" or NULL, with a short memo in about
// 10% of rows that may name someone with 様 or give a phone number. 更新者
// is a staff user ID and not personal. Text columns are text in PostgreSQL
// where no length suits, varchar(n) where one does, so a connector sees both.
func CustomerTableColumns() []CustomerTableColumn {
	return append([]CustomerTableColumn(nil), customerTableColumns[:]...)
}

// mix64 is the SplitMix64 finaliser: consecutive ids give unrelated seeds.
func mix64(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
	x = (x ^ x>>27) * 0x94D049BB133111EB
	return x ^ x>>31
}

// CustomerTableRow appends to dst the values of row id (1-based) and returns
// it; the same (seed, id) always gives the same row regardless of which other
// rows were generated. Values are int64, string, time.Time (UTC; a date at
// midnight for date columns, whole seconds for the timestamp) or nil for
// NULL, in the order of CustomerTableColumns.
func CustomerTableRow(dst []any, seed uint64, id int64) []any {
	g := New(seed ^ mix64(uint64(id)))
	p := g.Person()
	withIDs := g.IntN(10) < 3

	name := p.Surname.Kanji + " " + p.Given.Kanji
	switch r := g.IntN(10); {
	case r < 2:
		name = p.Surname.Kanji + "\u3000" + p.Given.Kanji
	case r < 3:
		name = p.Surname.Kanji + p.Given.Kanji
	}
	kana := p.FullKana()
	if g.IntN(7) == 0 {
		kana = Hiragana(kana)
	}

	var birth, postal, phone, email, myNumber any
	if withIDs {
		birth = p.Birth
		switch r := g.IntN(20); {
		case r < 3:
			postal = FormatPostal(p.Address.Postal, PostalBare)
		case r < 4:
			postal = FormatPostal(p.Address.Postal, PostalFullWidth)
		default:
			postal = p.Address.Postal
		}
		var ph PhoneNumber
		if g.Chance(0.7) {
			ph = g.MobilePhone()
		} else {
			ph = g.FixedPhone(p.Address.AreaCode)
		}
		f := PhoneHyphen
		if g.Chance(0.5) {
			f = PhoneFormat(g.IntN(int(numPhoneFormats)))
		}
		phone = ph.Format(f)
		email = g.Email(p)
		if g.IntN(6) == 0 {
			myNumber = g.myNumberInt()
		}
	}
	address := g.formatAddress(p.Address)

	var mobile any
	if g.Chance(0.5) {
		m := g.MobilePhone()
		n, _ := strconv.ParseInt(m.Digits()[1:], 10, 64)
		mobile = n
	}

	employer := g.employer()

	reg := g.businessDate()
	reg = reg.Add(time.Duration(9*3600+g.IntN(12*3600)) * time.Second)
	var last any
	var amount, purchases int64
	if g.IntN(10) != 0 {
		y, m, d := reg.AddDate(0, 0, g.IntN(400)).Date()
		last = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		amount = int64(g.Between(500, 2000000))
		purchases = int64(g.Between(1, 120))
	}
	rank := pick(g, ranks)

	var note any = ""
	switch r := g.IntN(100); {
	case r < 10:
		tpls := memoTemplates
		if r < 3 {
			tpls = proseTemplates
		}
		b := g.appendTemplate(make([]byte, 0, 192), tpls)
		if g.Chance(0.4) {
			b = g.appendTemplate(b, memoTemplates)
		}
		note = string(b)
	case r < 40:
		note = nil
	}
	updatedBy := "u0" + strconv.Itoa(1000+g.IntN(240))

	return append(dst,
		id, name, kana, p.Gender.Kanji(), birth, postal, address, phone,
		mobile, email, myNumber, employer, reg, last, amount, purchases,
		rank, note, updatedBy)
}

// myNumberInt returns a valid My Number as an integer. A My Number may start
// with 0, which an integer column cannot keep; such numbers are drawn again,
// so every value has 12 digits and passes the check digit as stored.
func (g *Gen) myNumberInt() int64 {
	for {
		s := g.MyNumber()
		if s[0] != '0' {
			n, _ := strconv.ParseInt(s, 10, 64)
			return n
		}
	}
}

// Company name words. Many company names are built on a surname, which a
// person-name detector must not report.
var (
	bizWords = []string{"工業", "商事", "建設", "製作所", "物産", "運輸", "電機", "食品", "不動産",
		"印刷", "設計事務所", "興業", "精機", "薬品", "産業"}
	corpForms = []string{"株式会社", "株式会社", "有限会社", "合同会社"}
)

// employer returns a company name, or nil (no employer given) in about a
// fifth of rows.
func (g *Gen) employer() any {
	switch r := g.IntN(10); {
	case r < 2:
		return nil
	case r < 4:
		return pick(g, vClient)
	case r < 6:
		// A place name: 東京電機株式会社.
		pref := pick(g, places).pref
		for _, suffix := range []string{"都", "府", "県"} {
			pref = strings.TrimSuffix(pref, suffix)
		}
		return pref + pick(g, bizWords) + "株式会社"
	}
	base := pick(g, Surnames).Kanji + pick(g, bizWords)
	form := pick(g, corpForms)
	if g.Chance(0.5) {
		base = form + base
	} else {
		base += form
	}
	if g.Chance(0.3) {
		city := pick(g, places).city // 横浜市西区 → 横浜支店
		if i := strings.IndexAny(city, "市区町"); i > 0 {
			city = city[:i]
		}
		base += " " + city + "支店"
	}
	if g.Chance(0.6) {
		base += " " + pick(g, vDept)
	}
	return base
}

// memoTemplates are 備考 memos of a customer desk.
var memoTemplates = compileTemplates(
	"{surname}様より電話あり。{when}に折り返し予定。",
	"{surname}様より配送先変更の依頼あり。",
	"{surname}様、{product}の返品受付済み。",
	"{person}のご紹介で入会。",
	"日中の連絡先は{phone}（勤務先）。",
	"携帯 {mobile} へ連絡希望。",
	"請求書は{email}宛に送付。",
	"DM不要。電話連絡も不可。",
	"ポイント失効の案内を送付済み。",
	"住所変更済み（旧住所は削除）。",
)

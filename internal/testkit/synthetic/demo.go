package synthetic

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"hash/adler32"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// DemoSeed is the seed of the committed demo set in testdata/demo.
const DemoSeed uint64 = 20240315

// DemoFiles are the files WriteDemo writes, relative to its directory.
var DemoFiles = []string{
	"archive/old_export.csv.gz",
	"contacts.jsonl",
	"customers.csv",
	"customers_sjis.csv",
	"image.png",
	"memo.txt",
	"negatives.txt",
	"notes_utf16.txt",
	"orders.json",
	"staff_eucjp.tsv",
}

// Confidence floors used in the manifest.
const (
	confHigh   = "high"
	confMedium = "medium"
	confLow    = "low"
)

// demoFile is one file of the demo set, built in memory (the set is small).
type demoFile struct {
	path string
	data []byte   // the file's bytes
	text string   // the intended UTF-8 text of a text file (before encoding or compression)
	exp  []Expect // its manifest entries
}

// WriteDemo writes the demo data set into dir and returns its manifest, sorted
// by SortExpects. Same seed, same bytes.
func WriteDemo(dir string, seed uint64) ([]Expect, error) {
	files, err := buildDemo(seed)
	if err != nil {
		return nil, err
	}
	var manifest []Expect
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, fmt.Errorf("write demo: %w", err)
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return nil, fmt.Errorf("write demo: %w", err)
		}
		manifest = append(manifest, f.exp...)
	}
	SortExpects(manifest)
	return manifest, nil
}

// buildDemo makes the demo files in memory, in DemoFiles order.
func buildDemo(seed uint64) ([]demoFile, error) {
	g := New(seed)
	builders := map[string]func(*Gen) (demoFile, error){
		"customers.csv":             demoCustomersUTF8,
		"customers_sjis.csv":        demoCustomersSJIS,
		"staff_eucjp.tsv":           demoStaff,
		"contacts.jsonl":            demoContacts,
		"orders.json":               demoOrders,
		"memo.txt":                  demoMemo,
		"notes_utf16.txt":           demoNotes,
		"archive/old_export.csv.gz": demoOldExport,
		"negatives.txt":             demoNegatives,
		"image.png":                 demoImage,
	}
	files := make([]demoFile, 0, len(DemoFiles))
	for _, name := range DemoFiles {
		f, err := builders[name](g.Sub(name))
		if err != nil {
			return nil, fmt.Errorf("build demo %s: %w", name, err)
		}
		files = append(files, f)
	}
	return files, nil
}

// doc accumulates LF-terminated records and the expectations on them.
type doc struct {
	path string
	b    strings.Builder
	line int // physical line of the next record, 1-based
	exp  []Expect
}

func newDoc(path string) *doc { return &doc{path: path, line: 1} }

// add appends one record (which may span lines) and its expectations.
func (d *doc) add(rec string, exps ...Expect) {
	for _, e := range exps {
		e.Path, e.Line = d.path, d.line
		d.exp = append(d.exp, e)
	}
	d.b.WriteString(rec)
	d.b.WriteByte('\n')
	d.line += strings.Count(rec, "\n") + 1
}

// neg appends a hard-negative record.
func (d *doc) neg(rec string) { d.add(rec, Expect{Negative: true}) }

func hit(column, typ, value, conf string) Expect {
	return Expect{Column: column, Type: typ, Value: value, MinConfidence: conf}
}

// sensitiveHit is a High 要配慮個人情報 finding of kind in plain text.
func sensitiveHit(value, kind string) Expect {
	e := hit("", TypeSensitive, value, confHigh)
	e.Kind = kind
	return e
}

// row is one CSV/TSV record under construction.
type row struct {
	cells []string
	exp   []Expect
}

func (r *row) cell(v string) { r.cells = append(r.cells, v) }

// hit adds a cell holding value (possibly inside cell text) and, when value
// is not empty, its expectation.
func (r *row) hit(column, typ, cell, value, conf string) {
	r.cells = append(r.cells, cell)
	if value != "" {
		r.exp = append(r.exp, hit(column, typ, value, conf))
	}
}

func csvRecord(cells []string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(cells)
	w.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// encodeChecked encodes s and checks that decoding gives s back, so that the
// manifest's decoded values are what a reader gets.
func encodeChecked(enc encoding.Encoding, s string) ([]byte, error) {
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	back, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	if string(back) != s {
		return nil, fmt.Errorf("text does not round-trip through %v", enc)
	}
	return b, nil
}

var customerHeader = []string{"顧客ID", "氏名", "フリガナ", "性別", "電話番号", "メールアドレス", "郵便番号", "住所", "生年月日", "個人番号"}

// customerColumns is the header of a customer list, without 性別 unless
// withGender.
func customerColumns(withGender bool) []string {
	if withGender {
		return customerHeader
	}
	return slices.DeleteFunc(slices.Clone(customerHeader), func(c string) bool { return c == "性別" })
}

// phoneFor draws the phone of row i: mostly mobile, some fixed lines in the
// person's area, some 050.
func (g *Gen) phoneFor(i int, p Person) PhoneNumber {
	switch i % 5 {
	case 2:
		return g.FixedPhone(p.Address.AreaCode)
	case 4:
		if i%10 == 9 {
			return g.IPPhone()
		}
		return g.FixedPhone("")
	}
	return g.MobilePhone()
}

// customerRows makes the rows of a customer list; portable restricts the
// formats to those that round-trip through CP932, withGender adds the 性別
// cell (it draws nothing, so the people stay the same).
func customerRows(g *Gen, n int, portable, withGender bool) []row {
	formats := PortablePhoneFormats
	if !portable {
		formats = nil
		for f := PhoneHyphen; f < numPhoneFormats; f++ {
			formats = append(formats, f)
		}
	}
	rows := make([]row, 0, n)
	for i := range n {
		p := g.Person()
		var r row
		r.cell(fmt.Sprintf("C%04d", 1001+i))
		r.hit("氏名", TypePersonName, p.FullName(), p.FullName(), confHigh)
		r.hit("フリガナ", TypePersonName, p.FullKana(), p.FullKana(), confHigh)
		if withGender {
			r.hit("性別", TypeGender, p.Gender.Kanji(), p.Gender.Kanji(), confHigh)
		}

		if i%13 == 12 {
			r.cell("")
		} else {
			f := PhoneHyphen
			if i%2 == 1 {
				f = formats[(i/2)%len(formats)]
			}
			v := g.phoneFor(i, p).Format(f)
			r.hit("電話番号", TypePhone, v, v, confHigh)
		}

		if i%11 == 10 {
			r.cell("")
		} else {
			v := g.Email(p)
			r.hit("メールアドレス", TypeEmail, v, v, confHigh)
		}

		code := p.Address.Postal
		switch {
		case i%10 == 9:
			v := FormatPostal(code, PostalFullWidth)
			r.hit("郵便番号", TypePostalCode, v, v, confHigh)
		case i%4 == 2:
			r.hit("郵便番号", TypePostalCode, "〒"+code, code, confHigh)
		case i%4 == 3:
			v := FormatPostal(code, PostalBare)
			r.hit("郵便番号", TypePostalCode, v, v, confHigh)
		default:
			r.hit("郵便番号", TypePostalCode, code, code, confHigh)
		}

		addr := g.formatAddress(p.Address)
		r.hit("住所", TypeAddress, addr, addr, confHigh)

		bd := FormatDate(p.Birth, PortableDateFormats[i%len(PortableDateFormats)])
		r.hit("生年月日", TypeBirthDate, bd, bd, confHigh)

		if i%3 == 1 {
			mn := g.MyNumber()
			switch (i / 3) % 3 {
			case 1:
				mn = Group444(mn, " ")
			case 2:
				mn = Group444(mn, "-")
			}
			r.hit("個人番号", TypeMyNumber, mn, mn, confHigh)
		} else {
			r.cell("")
		}
		rows = append(rows, r)
	}
	return rows
}

func csvDoc(path string, header []string, rows []row) *doc {
	d := newDoc(path)
	d.add(csvRecord(header))
	for _, r := range rows {
		d.add(csvRecord(r.cells), r.exp...)
	}
	return d
}

func demoCustomersUTF8(g *Gen) (demoFile, error) {
	d := csvDoc("customers.csv", customerColumns(true), customerRows(g, 40, false, true))
	return demoFile{d.path, []byte(d.b.String()), d.b.String(), d.exp}, nil
}

func demoCustomersSJIS(g *Gen) (demoFile, error) {
	d := csvDoc("customers_sjis.csv", customerColumns(false), customerRows(g, 20, true, false))
	b, err := encodeChecked(japanese.ShiftJIS, d.b.String())
	return demoFile{d.path, b, d.b.String(), d.exp}, err
}

func demoStaff(g *Gen) (demoFile, error) {
	d := newDoc("staff_eucjp.tsv")
	d.add(strings.Join([]string{"社員番号", "氏名", "携帯電話", "基礎年金番号", "運転免許証番号", "口座番号", "在留カード番号"}, "\t"))
	for i := range 15 {
		p := g.Person()
		var r row
		r.cell(fmt.Sprintf("S%05d", 20101+i*7))
		foreign := i%5 == 2
		name := p.FullName()
		if foreign {
			name = g.ForeignName()
		}
		r.hit("氏名", TypePersonName, name, name, confHigh)
		// EUC-JP decoders disagree on the full-width dash (U+FF0D or
		// U+2212), so this file writes full-width digits only.
		f := PortablePhoneFormats[i%len(PortablePhoneFormats)]
		if f == PhoneFullWidth {
			f = PhoneFullWidthBare
		}
		mob := g.MobilePhone().Format(f)
		r.hit("携帯電話", TypePhone, mob, mob, confHigh)
		pn := g.PensionNumber()
		r.hit("基礎年金番号", TypePensionNumber, pn, pn, confHigh)
		if i%3 != 2 {
			dl := g.DriversLicense(p.Birth.Year() + g.Between(18, 25))
			r.hit("運転免許証番号", TypeDriversLicense, dl, dl, confHigh)
		} else {
			r.cell("")
		}
		acct := g.BankAccount()
		if i%2 == 0 {
			r.hit("口座番号", TypeBankAccount, acct.Codes(), acct.Codes(), confHigh)
		} else {
			r.hit("口座番号", TypeBankAccount, acct.KindNumber(), acct.Number, confHigh)
		}
		if foreign {
			rc := g.ResidenceCard()
			r.hit("在留カード番号", TypeResidenceCard, rc, rc, confHigh)
		} else {
			r.cell("")
		}
		d.add(strings.Join(r.cells, "\t"), r.exp...)
	}
	b, err := encodeChecked(japanese.EUCJP, d.b.String())
	return demoFile{d.path, b, d.b.String(), d.exp}, err
}

// marshal encodes v as compact JSON without HTML escaping.
func marshal(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

func demoContacts(g *Gen) (demoFile, error) {
	type contact struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Contact struct {
			Email string `json:"email"`
			Tel   string `json:"tel"`
		} `json:"contact"`
		Card struct {
			Number string `json:"number"`
		} `json:"card"`
	}
	d := newDoc("contacts.jsonl")
	telFormats := []PhoneFormat{PhoneHyphen, PhoneIntl, PhoneParenLocal, PhoneIntlSpaces, PhoneUnseparated, PhoneParenArea, PhoneFullWidth, PhoneSpaces}
	for i := range 20 {
		p := g.Person()
		var c contact
		var exp []Expect
		c.ID = fmt.Sprintf("K%04d", 501+i)
		c.Name = p.FullName()
		nameConf := confHigh
		if i%4 == 3 {
			// A romanised name in a column called "name" is High only
			// because the romanised lexicon knows both of its parts.
			c.Name = p.FullRomaji()
		}
		exp = append(exp, hit("name", TypePersonName, c.Name, nameConf))
		c.Contact.Email = g.Email(p)
		exp = append(exp, hit("contact.email", TypeEmail, c.Contact.Email, confHigh))
		c.Contact.Tel = g.phoneFor(i, p).Format(telFormats[i%len(telFormats)])
		exp = append(exp, hit("contact.tel", TypePhone, c.Contact.Tel, confHigh))
		if i%4 != 1 {
			n := g.CreditCard(CardBrand(i % int(numBrands)))
			switch i % 3 {
			case 1:
				n = FormatCard(n, " ")
			case 2:
				n = FormatCard(n, "-")
			}
			c.Card.Number = n
			exp = append(exp, hit("card.number", TypeCreditCard, n, confHigh))
		}
		s, err := marshal(c)
		if err != nil {
			return demoFile{}, err
		}
		d.add(s, exp...)
	}
	return demoFile{d.path, []byte(d.b.String()), d.b.String(), d.exp}, nil
}

func demoOrders(g *Gen) (demoFile, error) {
	type item struct {
		SKU   string `json:"sku"`
		Qty   int    `json:"qty"`
		Price int    `json:"price"`
	}
	type order struct {
		OrderID   string `json:"order_id"`
		OrderedAt string `json:"ordered_at"`
		Customer  struct {
			Name  string `json:"name"`
			Email string `json:"email"`
			Phone string `json:"phone"`
		} `json:"customer"`
		Shipping struct {
			PostalCode string `json:"postal_code"`
			Address    string `json:"address"`
		} `json:"shipping"`
		Items    []item `json:"items"`
		Total    string `json:"total"`
		Invoice  string `json:"invoice"`
		ClientIP string `json:"client_ip"`
	}
	// want is a planted line, found by its "key": value text in document order.
	type want struct {
		key, value string
		exp        Expect
	}
	var orders []order
	var wants []want
	for i := range 6 {
		p := g.Person()
		var o order
		at := g.businessDate().Add(time.Duration(9*3600+g.IntN(10*3600)) * time.Second)
		o.OrderID = "ORD-" + at.Format("20060102") + "-" + fmt.Sprintf("%04d", 1+g.IntN(300))
		o.OrderedAt = at.Format("2006-01-02T15:04:05+09:00")
		o.Customer.Name = p.FullName()
		o.Customer.Email = g.Email(p)
		o.Customer.Phone = g.phoneFor(i, p).Format([]PhoneFormat{PhoneHyphen, PhoneUnseparated, PhoneIntl}[i%3])
		o.Shipping.PostalCode = p.Address.Postal
		o.Shipping.Address = p.Address.Short()
		total := 0
		for range 1 + g.IntN(3) {
			it := item{SKU: "SKU-" + g.digitsNoLeadingZero(7), Qty: 1 + g.IntN(3), Price: 100 * g.Between(5, 300)}
			total += it.Qty * it.Price
			o.Items = append(o.Items, it)
		}
		o.Total = Comma(total)
		o.Invoice = "INV" + at.Format("0102") + g.Digits(8)
		if i%2 == 0 {
			o.ClientIP = g.DocIPv4()
		} else {
			o.ClientIP = g.PrivateIPv4()
		}
		orders = append(orders, o)

		neg := Expect{Negative: true}
		wants = append(wants,
			want{"order_id", o.OrderID, neg},
			want{"ordered_at", o.OrderedAt, neg},
			want{"name", o.Customer.Name, hit("[].customer.name", TypePersonName, o.Customer.Name, confHigh)},
			want{"email", o.Customer.Email, hit("[].customer.email", TypeEmail, o.Customer.Email, confHigh)},
			want{"phone", o.Customer.Phone, hit("[].customer.phone", TypePhone, o.Customer.Phone, confHigh)},
			want{"postal_code", o.Shipping.PostalCode, hit("[].shipping.postal_code", TypePostalCode, o.Shipping.PostalCode, confHigh)},
			want{"address", o.Shipping.Address, hit("[].shipping.address", TypeAddress, o.Shipping.Address, confHigh)},
		)
		for _, it := range o.Items {
			wants = append(wants, want{"sku", it.SKU, neg})
		}
		wants = append(wants,
			want{"total", o.Total, neg},
			want{"invoice", o.Invoice, neg},
			want{"client_ip", o.ClientIP, hit("[].client_ip", TypeIPAddress, o.ClientIP, confMedium)},
		)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(orders); err != nil {
		return demoFile{}, err
	}
	lines := strings.Split(b.String(), "\n")
	var exp []Expect
	next := 0
	for _, w := range wants {
		v, err := marshal(w.value)
		if err != nil {
			return demoFile{}, err
		}
		needle := strconv.Quote(w.key) + ": " + v
		found := false
		for ; next < len(lines); next++ {
			if strings.Contains(lines[next], needle) {
				e := w.exp
				e.Path, e.Line = "orders.json", next+1
				exp = append(exp, e)
				found = true
				next++
				break
			}
		}
		if !found {
			return demoFile{}, fmt.Errorf("orders.json: %s not found", needle)
		}
	}
	return demoFile{"orders.json", b.Bytes(), b.String(), exp}, nil
}

func demoMemo(g *Gen) (demoFile, error) {
	d := newDoc("memo.txt")
	day := g.businessDate()
	p1 := g.Person()
	d.add("件名：顧客対応メモ（" + strconv.Itoa(int(day.Month())) + "月度・社外秘）")
	d.add("")
	d.add("■ 住所変更の件")
	// A surname before 様 is a name; the reading in parentheses after it
	// confirms it and is one too.
	d.add(p1.Surname.Kanji+"様（"+p1.FullKana()+"）より、転居に伴う住所変更の連絡がありました。",
		hit("", TypePersonName, p1.Surname.Kanji, confHigh), hit("", TypePersonName, p1.FullKana(), confHigh))
	d.add("新住所は〒"+p1.Address.Postal+" "+p1.Address.Kanji()+"です。",
		hit("", TypePostalCode, p1.Address.Postal, confHigh), hit("", TypeAddress, p1.Address.Kanji(), confHigh))
	mob := g.MobilePhone().Format(PhoneFullWidth)
	d.add("日中の連絡先は携帯 "+mob+" とのことです。", hit("", TypePhone, mob, confHigh))
	bd := FormatDate(p1.Birth, DateEra)
	d.add("ご本人確認のため、生年月日: "+bd+" を登録情報と照合済みです。", hit("", TypeBirthDate, bd, confHigh))
	d.add("")

	d.add("■ 口座振替の手続き")
	a1 := g.BankAccount()
	d.add("引落口座はサンプル銀行 本町支店、口座: "+a1.KindNumber()+" で登録しました。",
		hit("", TypeBankAccount, a1.Number, confHigh))
	a2 := g.BankAccount()
	d.add("返金用の振込先口座（金融機関-支店-口座番号）: "+a2.Codes(), hit("", TypeBankAccount, a2.Codes(), confHigh))
	card := FormatCard(g.CreditCard(JCB), " ")
	d.add("カード払い希望のため、クレジットカード番号 "+card+" をお預かりしました（有効期限 12/27）。",
		hit("", TypeCreditCard, card, confHigh))
	d.add("")

	d.add("■ マイナンバーの収集")
	p2 := g.Person()
	mn := Group444(g.MyNumber(), " ")
	d.add("源泉徴収票の作成のため、"+p2.Surname.Kanji+"様の個人番号は"+mn+"で受領済みです。",
		hit("", TypePersonName, p2.Surname.Kanji, confMedium), hit("", TypeMyNumber, mn, confHigh))
	corp := g.CorporateNumber()
	d.add("取引先の株式会社サンプル商事（法人番号 "+corp+"）にも提出を依頼しました。",
		hit("", TypeCorporateNumber, corp, confHigh))
	corp2 := g.CorporateNumber()
	d.add("委託先は法人番号"+corp2+"の事業者で、委託契約を締結済み。", hit("", TypeCorporateNumber, corp2, confHigh))
	bare := g.MyNumber()
	d.add("照合用メモ "+bare, hit("", TypeMyNumber, bare, confLow))
	d.add("マイナンバーを含む書類は施錠保管し、保存期間の経過後に廃棄します。")
	d.add("")

	d.add("■ 外国籍スタッフの入社手続き")
	rc := g.ResidenceCard()
	fn := g.ForeignName()
	d.add(fn+"さんの在留カード番号 "+rc+" を確認しました。",
		hit("", TypePersonName, fn, confMedium), hit("", TypeResidenceCard, rc, confHigh))
	pp := g.Passport()
	d.add("同じくパスポート番号 "+pp+" の写しも受領しています。", hit("", TypePassport, pp, confHigh))
	pp2 := g.Passport()
	d.add("家族分の旅券番号: "+pp2+"（"+FormatDate(day.AddDate(0, 2, 0), DateSlashPadded)+" 更新予定）",
		hit("", TypePassport, pp2, confHigh))
	dl := g.DriversLicense(2005 + g.IntN(15))
	pn := g.PensionNumber()
	d.add("運転免許証番号は"+dl+"、基礎年金番号は"+pn+"です。",
		hit("", TypeDriversLicense, dl, confHigh), hit("", TypePensionNumber, pn, confHigh))
	d.add("")

	d.add("■ お問い合わせ対応")
	p3 := g.Person()
	em := g.Email(p3)
	d.add(p3.Surname.Kanji+"様からメールで問い合わせあり（メール: "+em+"）。",
		hit("", TypePersonName, p3.Surname.Kanji, confMedium), hit("", TypeEmail, em, confHigh))
	fx := g.FixedPhone(p3.Address.AreaCode).Format(PhoneHyphen)
	d.add("折り返しは固定電話 "+fx+" へ平日10時以降に。", hit("", TypePhone, fx, confHigh))
	un := g.MobilePhone().Format(PhoneUnseparated)
	d.add("15時過ぎに "+un+" から着信あり、留守電なし。", hit("", TypePhone, un, confMedium))
	tf := g.TollFree().Format(PhoneHyphen)
	d.add("なお当社窓口はフリーダイヤル "+tf+" です。", hit("", TypePhone, tf, confLow))
	em2 := g.Email(g.Person())
	d.add("担当者控え "+em2, hit("", TypeEmail, em2, confMedium))
	d.add("")

	// 要配慮個人情報: a condition beside a marker of its kind, a
	// certificate with its grade.
	d.add("■ ご来店時の配慮事項")
	s1 := pick(g, Surnames).Kanji
	d.add(s1+"様は糖尿病で通院中のため、来店日時の調整を希望されています。",
		hit("", TypePersonName, s1, confMedium), sensitiveHit("糖尿病", KindMedicalHistory))
	s2 := s1
	for s2 == s1 {
		s2 = pick(g, Surnames).Kanji
	}
	cert := "身体障害者手帳（" + strconv.Itoa(g.Between(1, 6)) + "級）"
	d.add(s2+"様より"+cert+"の写しを受領し、駐車場の優先区画を手配しました。",
		hit("", TypePersonName, s2, confMedium), sensitiveHit(cert, KindDisability))
	d.add("")

	d.add("■ アクセスログ抜粋（不正ログイン調査）")
	ip1, ip2 := g.DocIPv4(), g.PrivateIPv4()
	stamp := day.Add(13*time.Hour + time.Duration(g.IntN(3600))*time.Second)
	d.add(ip1+` - - [`+stamp.Format("02/Jan/2006:15:04:05")+` +0900] "POST /login HTTP/1.1" 401 512`,
		hit("", TypeIPAddress, ip1, confLow))
	d.add(ip2+` - - [`+stamp.Add(17*time.Second).Format("02/Jan/2006:15:04:05")+` +0900] "GET /mypage HTTP/1.1" 200 8342`,
		hit("", TypeIPAddress, ip2, confLow))
	ip3 := g.DocIPv4()
	d.add("接続元IPアドレス: "+ip3+" を遮断リストに追加。", hit("", TypeIPAddress, ip3, confMedium))
	ip6 := g.IPv6()
	d.add("IPv6アドレス "+ip6+" からのアクセスも確認。", hit("", TypeIPAddress, ip6, confMedium))
	d.add("")
	// The dated footer lines hold dates far from any birth keyword: no birth
	// date may be found in either.
	d.neg("以上。次回打ち合わせは" + FormatDate(day.AddDate(0, 0, 7), DateKanji) + " 10:00から。")
	// The author's surname after a label and a department is a name; the
	// date is no birth date.
	author := pick(g, Surnames).Kanji
	d.add("作成日："+FormatDate(day, DateKanji)+"　作成者：営業一課 "+author, hit("", TypePersonName, author, confMedium))
	return demoFile{d.path, []byte(d.b.String()), d.b.String(), d.exp}, nil
}

func demoNotes(g *Gen) (demoFile, error) {
	d := newDoc("notes_utf16.txt")
	d.add("電話メモ（" + FormatDate(g.businessDate(), DateSlash) + "）")
	p := g.Person()
	fx := g.FixedPhone(p.Address.AreaCode).Format(PhoneHyphen)
	d.add(p.FullName()+"様 TEL: "+fx+" 折り返し希望",
		hit("", TypePersonName, p.FullName(), confHigh), hit("", TypePhone, fx, confHigh))
	em := g.Email(p)
	d.add("メール: "+em, hit("", TypeEmail, em, confHigh))
	bd := FormatDate(p.Birth, DateEraShort)
	d.add("生年月日 "+bd, hit("", TypeBirthDate, bd, confHigh))
	mob := g.MobilePhone().Format(PhoneSpaces)
	d.add("携帯 "+mob, hit("", TypePhone, mob, confHigh))
	p2 := g.Person()
	bd2 := FormatDate(p2.Birth, DateSlash)
	d.add(p2.FullName()+"様の誕生日は"+bd2+"とのこと",
		hit("", TypePersonName, p2.FullName(), confHigh), hit("", TypeBirthDate, bd2, confHigh))
	intl := g.MobilePhone().Format(PhoneIntl)
	d.add("海外からの連絡先 電話 "+intl, hit("", TypePhone, intl, confHigh))
	b, err := encodeChecked(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), d.b.String())
	return demoFile{d.path, b, d.b.String(), d.exp}, err
}

func demoOldExport(g *Gen) (demoFile, error) {
	d := newDoc("archive/old_export.csv.gz")
	d.add(csvRecord([]string{"id", "name", "email", "phone", "updated_at", "note"}))
	formats := []PhoneFormat{PhoneHyphen, PhoneHyphen, PhoneUnseparated, PhoneParenArea, PhoneDots, PhoneIntl}
	for i := range 12 {
		p := g.Person()
		var r row
		r.cell(strconv.Itoa(3001 + i))
		r.hit("name", TypePersonName, p.FullName(), p.FullName(), confHigh)
		em := g.Email(p)
		r.hit("email", TypeEmail, em, em, confHigh)
		ph := g.phoneFor(i, p).Format(formats[i%len(formats)])
		r.hit("phone", TypePhone, ph, ph, confHigh)
		r.cell(time.Date(2019, 4, 1, 10, 0, 0, 0, time.UTC).AddDate(0, 0, g.IntN(600)).Format("2006-01-02 15:04:05"))
		switch i {
		case 4:
			r.cell("住所不明のため返送\n再送不要")
		case 8:
			r.cell(`"至急" 対応済み`)
		default:
			r.cell("")
		}
		d.add(csvRecord(r.cells), r.exp...)
	}
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return demoFile{}, err
	}
	zw.Name = "old_export.csv"
	if _, err := zw.Write([]byte(d.b.String())); err != nil {
		return demoFile{}, err
	}
	if err := zw.Close(); err != nil {
		return demoFile{}, err
	}
	return demoFile{d.path, b.Bytes(), d.b.String(), d.exp}, nil
}

func demoNegatives(g *Gen) (demoFile, error) {
	d := newDoc("negatives.txt")
	for _, n := range g.HardNegatives() {
		d.neg(n.Text)
	}
	for _, s := range wordNegatives {
		d.neg(s)
	}
	return demoFile{d.path, []byte(d.b.String()), d.b.String(), d.exp}, nil
}

// wordNegatives are hard negatives for the name, address and sensitive
// detectors: surnames inside company and place names, a place without a
// person, and terms used about machines or in general.
var wordNegatives = []string{
	"本田技研工業の新型車を社用車として導入しました。",
	"森永乳業と山崎製パンの新商品を試食しました。",
	"集合場所は新宿駅東口の改札前です。",
	"松本駅から徒歩5分の会場で開催します。",
	"東京都千代田区丸の内の本社で説明会を行います。",
	"昨夜システム障害が発生し、復旧まで2時間を要しました。",
	"糖尿病の予防に関するセミナーを開催します。",
}

// demoImage writes an 8x8 RGB PNG by hand (stored deflate blocks, so the
// bytes do not depend on a compressor) with a tEXt chunk holding a phone
// number and an e-mail: a scanner must skip the file as binary.
func demoImage(g *Gen) (demoFile, error) {
	const w, h = 8, 8
	raw := make([]byte, 0, h*(1+3*w))
	for y := range h {
		raw = append(raw, 0) // filter: none
		for x := range w {
			raw = append(raw, byte(x*32), byte(y*32), byte(128+g.IntN(128)))
		}
	}
	// zlib stream: header, one final stored block, Adler-32.
	z := []byte{0x78, 0x01, 0x01}
	z = binary.LittleEndian.AppendUint16(z, uint16(len(raw)))
	z = binary.LittleEndian.AppendUint16(z, ^uint16(len(raw)))
	z = append(z, raw...)
	z = binary.BigEndian.AppendUint32(z, adler32.Checksum(raw))

	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		var c []byte
		c = binary.BigEndian.AppendUint32(c, uint32(len(data)))
		c = append(c, typ...)
		c = append(c, data...)
		c = binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
		b.Write(c)
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB, deflate, no filter set, no interlace
	chunk("IHDR", ihdr)
	p := g.Person()
	chunk("tEXt", []byte("Comment\x00TEL "+g.MobilePhone().Format(PhoneHyphen)+" "+g.Email(p)))
	chunk("IDAT", z)
	chunk("IEND", nil)
	return demoFile{"image.png", b.Bytes(), "", []Expect{{Path: "image.png", Line: 0, Negative: true}}}, nil
}

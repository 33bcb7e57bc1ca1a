package columns

import "strings"

// What a word or a Japanese term says about a column, besides a class.
type flag uint32

const (
	fKana        flag = 1 << iota // kana, フリガナ: a name written in kana, even alone
	fRomaji                       // romaji, ローマ字: a name in Latin letters, even alone
	fRomajiWeak                   // en, english, 英語: a name in Latin letters, beside a name word
	fGiven                        // first, given: the given name, beside a name word
	fFamily                       // last, family: the family name, beside a name word
	fNameMod                      // kanji, full, 漢字: how a name is written, nothing more
	fGeneric                      // value, number, line: a leaf that means what its parent means
	fMeta                         // flag, count, verified, フラグ: about the data, not the data
	fTyped                        // type, kind, 区分: a category of the thing, not the thing
	fKeyed                        // id, key, uuid: a surrogate key
	fCoded                        // code, cd, コード: a code for the thing
	fPerson                       // customer, staff: a person, whose kana a marker alone may name
	fEntity                       // company, product: a thing, whose "name" is no person's
	fNameHead                     // name: a person's name unless a thing qualifies it
	fNetwork                      // ip, mac, remote: their "address" is no postal one
	fMailMeta                     // server, smtp, subject: their "mail" is no address
	fPrefix                       // is, has: a boolean when it opens the name
	fBirthPlace                   // place, city: with "birth", an address
	fBirthNation                  // country, nation: with "birth", no birth date
)

// modifiers are the flags of words that only qualify: a segment made of
// them alone is "modifier only" and takes its meaning from its parent.
const modifiers = fKana | fRomaji | fRomajiWeak | fGiven | fFamily | fNameMod | fGeneric

// word is what an ASCII word of a column name says.
type word struct {
	class Class // the class the word names by itself, Unknown if none
	flags flag
}

// asciiWords maps whole lowercase ASCII words (as detectors.EachWord splits
// them) to what they say. Romaji is spelled in the forms seen in Japanese
// schemas: Hepburn, kunrei and with or without long vowels.
var asciiWords = buildWords(map[Class][]string{
	Password: {"password", "passwords", "passwd", "passphrase", "passcode", "pwd", "pw", "pin", "pincode", "pinno",
		"anshobango", "anshoubangou"},
	MyNumber: {"mynumber", "mynumbers", "mynum", "mynumbercard", "kojinbango", "kojinbangou"},
	Email: {"email", "emails", "mail", "mails", "mailaddress", "mailaddr", "emailaddress", "emailaddr", "mailto",
		"meruado"},
	UserID: {"username", "usernames", "userid", "userids", "uid", "loginid", "loginname", "accountid", "accountname",
		"memberid", "screenname", "handlename", "userno", "usercode", "usercd", "kaiinid", "kaiinno", "kaiinbango", "kaiinbangou"},
	BirthDate: {"birthday", "birthdays", "birthdate", "birthdt", "dob", "bday", "birthymd", "seinengappi", "seinengapi",
		"tanjobi", "tanjoubi", "tanjyobi"},
	Age:         {"age", "ages", "nenrei"},
	Gender:      {"gender", "genders", "sex", "seibetsu", "seibetu"},
	Nationality: {"nationality", "nationalities", "kokuseki", "citizenship"},
	Education:   {"education", "educational", "gakureki", "alma"},
	WorkHistory: {"shokureki", "syokureki", "career", "careers", "keireki", "workhistory"},
	PostalCode: {"zip", "zipcode", "zipcd", "postal", "postalcode", "postcode", "yubin", "yuubin", "yubinbango",
		"yuubinbangou", "yubinbangou", "yuubinbango"},
	Phone: {"tel", "tels", "telno", "telnum", "telephone", "phone", "phones", "phoneno", "phonenumber", "mobile", "mobileno",
		"cellphone", "keitai", "keitaibango", "denwa", "denwabango", "denwabangou", "fax", "faxno"},
	Address: {"address", "addresses", "addr", "jusho", "juusho", "jyusho", "jusyo", "juusyo", "zyusyo", "street", "city",
		"prefecture", "todofuken", "todouhuken", "shikuchoson", "banchi", "building", "bldg", "birthplace"},
}, map[flag][]string{
	fKana:       {"kana", "furigana", "hurigana", "yomigana", "yomi", "katakana", "hiragana"},
	fRomaji:     {"romaji", "roomaji", "romanji", "romanized", "romanised"},
	fRomajiWeak: {"en", "eng", "english", "roman", "latin", "alphabet"},
	fGiven:      {"first", "given", "fore", "middle"},
	fFamily:     {"last", "family", "sur"},
	fNameMod:    {"kanji", "full"},
	fGeneric: {"value", "val", "values", "text", "txt", "data", "str", "string", "raw", "number", "num", "no", "nr",
		"line", "main", "primary", "secondary", "home", "work", "personal", "private", "default", "current", "new",
		"hash", "hashed", "digest", "enc", "encrypted", "cipher", "formatted", "normalized", "input", "original", "orig",
		"detail", "details", "info", "bango", "bangou"},
	fMeta: {"flag", "flg", "flags", "count", "cnt", "verified", "verify", "verification", "confirmed", "enabled", "disabled",
		"required", "consent", "optin", "opt", "optout", "unsubscribe", "magazine", "newsletter", "at", "created",
		"updated", "changed", "modified", "expires", "expiry", "expired", "expiration", "length", "len", "format", "fmt",
		"template", "policy", "regex", "pattern", "error", "errors", "label", "hint", "placeholder", "visible",
		"visibility", "max", "min", "salt", "reset", "token", "attempts", "attempt", "retry", "strength", "mask", "masked",
		"limit", "rule", "rules", "checked", "prefix", "suffix", "honorific", "salutation", "valid", "invalid", "agent",
		"restriction", "ratio", "rate", "rates", "budget", "cost", "costs", "amount", "total", "sum", "avg", "average",
		"percent", "percentage", "pct", "fee", "fees", "price", "stats", "statistics"},
	fTyped:  {"type", "types", "kind", "category", "categories", "kubun"},
	fKeyed:  {"id", "ids", "key", "keys", "seq", "uuid", "guid", "idx", "pk", "fk", "ref"},
	fCoded:  {"code", "codes", "cd"},
	fPrefix: {"is", "has", "can", "should", "allow", "use", "need", "needs"},
	fNetwork: {"ip", "ipv", "mac", "remote", "local", "server", "host", "bind", "listen", "proxy", "gateway", "gw",
		"wallet", "memory", "mem", "base", "hw", "hardware", "ether", "ethernet", "network", "net", "src", "dst",
		"dest", "destination", "peer", "web", "url", "uri", "link", "bluetooth", "bt", "node", "broadcast",
		"multicast", "subnet", "nat", "virtual", "vip", "lan", "wan", "wifi", "wlan", "device", "sip", "forwarded",
		"bitcoin", "btc", "eth", "crypto", "pointer", "ptr", "offset", "load", "relative",
		"absolute", "logical", "client", "socket", "contract", "sender", "reply", "bounce"},
	fMailMeta: {"server", "smtp", "imap", "pop", "domain", "port", "queue", "log", "subject", "body", "host", "box",
		"mailbox", "folder"},
	fPerson: {"customer", "client", "contact", "person", "people", "member", "staff", "employee", "patient", "applicant",
		"guardian", "parent", "spouse", "child", "student", "teacher", "owner", "holder", "cardholder", "recipient",
		"receiver", "sender", "buyer", "purchaser", "subscriber", "guest", "visitor", "representative", "rep", "manager",
		"author", "father", "mother", "emergency", "beneficiary", "insured", "policyholder", "borrower", "billing",
		"shipping", "delivery", "legal", "real", "kokyaku", "kyaku", "tantosha", "tantousha", "tanto", "tantou",
		"keiyakusha", "moushikomisha", "moshikomisha", "shain", "kaiin", "kanja", "jugyoin", "juugyouin", "hogosha",
		"daihyosha", "daihyousha", "riyosha", "riyousha", "kojin", "seito", "gakusei", "sei", "user", "login", "account"},
	fEntity: {"company", "corp", "corporate", "corporation", "business", "biz", "firm", "enterprise", "org",
		"organization", "organisation", "product", "prod", "item", "goods", "article", "sku", "brand", "maker",
		"manufacturer", "vendor", "supplier", "shop", "store", "merchant", "tenant", "file", "dir", "directory", "folder",
		"path", "bucket", "table", "column", "col", "field", "db", "database", "schema", "index", "attr", "attribute",
		"param", "parameter", "property", "prop", "var", "variable", "class", "method", "func", "function", "module",
		"package", "pkg", "app", "application", "service", "svc", "machine", "cluster", "instance", "container", "image",
		"img", "pod", "job", "task", "topic", "event", "campaign", "plan", "course", "project", "team", "dept",
		"department", "division", "section", "branch", "bank", "school", "university", "college", "station", "country",
		"region", "area", "zone", "tag", "role", "status", "plugin", "theme", "sheet", "tab", "report", "document", "doc",
		"site", "page", "menu", "hotel", "facility", "room", "venue", "place", "location", "spot", "warehouse", "route",
		"vehicle", "car", "model", "color", "colour", "size", "unit", "currency", "lang", "language", "locale", "font",
		"style", "icon", "logo", "book", "stage", "display", "nick", "alias", "short", "title", "office", "host", "server",
		"hospital", "clinic", "kaisha", "shohin", "shouhin", "tenpo", "busho", "gakko", "gakkou", "ginko", "ginkou",
		"shiten", "eki", "hojin", "houjin", "kigyo", "kigyou", "shisetsu", "dantai", "hin", "pref", "town", "ward",
		"screen", "handle"},
	fNameHead:    {"name", "names", "namae", "onamae"},
	fBirthPlace:  {"place", "city", "pref", "prefecture", "location", "town"},
	fBirthNation: {"country", "nation"},
})

// nameWords are the ASCII words that name a person's name by themselves.
var nameWords = map[string]Class{
	"fullname": PersonName, "shimei": PersonName, "simei": PersonName, "seimei": PersonName, "realname": PersonName,
	"atena": PersonName, "meigi": PersonName, "namae": PersonName, "onamae": PersonName,
	"lastname": FamilyName, "familyname": FamilyName, "surname": FamilyName, "lname": FamilyName, "sei": FamilyName,
	"myoji": FamilyName, "myouji": FamilyName, "myouzi": FamilyName, "myozi": FamilyName,
	"firstname": GivenName, "givenname": GivenName, "forename": GivenName, "fname": GivenName,
	"middlename": GivenName, "mei": GivenName,
}

func buildWords(classes map[Class][]string, flags map[flag][]string) map[string]word {
	m := map[string]word{}
	for c, ws := range classes {
		for _, w := range ws {
			e := m[w]
			if e.class != Unknown && e.class != c {
				panic("columns: " + w + " is listed as " + e.class.String() + " and " + c.String())
			}
			e.class = c
			m[w] = e
		}
	}
	for f, ws := range flags {
		for _, w := range ws {
			e := m[w]
			e.flags |= f
			m[w] = e
		}
	}
	return m
}

// lookup finds a word, or its singular ("companies", "items").
func lookup(w string) (word, bool) {
	if e, ok := asciiWords[w]; ok {
		return e, true
	}
	if s, ok := singular(w); ok {
		e, ok := asciiWords[s]
		return e, ok
	}
	return word{}, false
}

func singular(w string) (string, bool) {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y", true
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:len(w)-1], true
	}
	return "", false
}

// term is a Japanese word found by substring in a normalised column name.
type term struct {
	text  string
	class Class
	flags flag
	// unless lists substrings that cancel the term: 犯罪経歴 is no work
	// history, カナダ no kana.
	unless []string
	// whole: the term counts only as the whole core of the name (セイ, ユーザー).
	whole bool
}

// jaClassTerms name a class wherever they appear. Order does not matter:
// the ladder in decide does.
var jaClassTerms = []term{
	{text: "パスワード", class: Password}, {text: "暗証", class: Password}, {text: "パスコード", class: Password},
	{text: "個人番号", class: MyNumber}, {text: "マイナンバー", class: MyNumber},
	{text: "メール", class: Email}, {text: "メアド", class: Email},
	{text: "ユーザーid", class: UserID}, {text: "ユーザid", class: UserID}, {text: "ユーザー名", class: UserID},
	{text: "ユーザ名", class: UserID}, {text: "ユーザーネーム", class: UserID}, {text: "ログインid", class: UserID},
	{text: "ログイン名", class: UserID}, {text: "アカウントid", class: UserID}, {text: "アカウント名", class: UserID},
	{text: "会員id", class: UserID}, {text: "会員番号", class: UserID}, {text: "会員no", class: UserID},
	{text: "利用者id", class: UserID}, {text: "ハンドルネーム", class: UserID},
	{text: "ユーザー", class: UserID, whole: true}, {text: "ユーザ", class: UserID, whole: true},
	{text: "ログイン", class: UserID, whole: true}, {text: "アカウント", class: UserID, whole: true},
	{text: "生年月日", class: BirthDate}, {text: "誕生", class: BirthDate}, {text: "生年", class: BirthDate},
	{text: "出生日", class: BirthDate}, {text: "生まれ", class: BirthDate},
	{text: "郵便", class: PostalCode}, {text: "〒", class: PostalCode},
	{text: "電話", class: Phone}, {text: "携帯", class: Phone}, {text: "ファックス", class: Phone},
	{text: "ファクス", class: Phone}, {text: "ケータイ", class: Phone}, {text: "内線", class: Phone},
	{text: "住所", class: Address}, {text: "所在地", class: Address}, {text: "都道府県", class: Address},
	{text: "市区町村", class: Address}, {text: "番地", class: Address}, {text: "町名", class: Address},
	{text: "町域", class: Address}, {text: "建物名", class: Address}, {text: "マンション名", class: Address},
	{text: "ビル名", class: Address}, {text: "方書", class: Address}, {text: "本籍", class: Address},
	{text: "居所", class: Address}, {text: "居住地", class: Address}, {text: "出生地", class: Address},
	{text: "出身地", class: Address},
	{text: "年齢", class: Age}, {text: "年代", class: Age},
	{text: "性別", class: Gender}, {text: "男女", class: Gender}, {text: "せいべつ", class: Gender}, {text: "セイベツ", class: Gender},
	{text: "国籍", class: Nationality},
	{text: "学歴", class: Education}, {text: "出身校", class: Education}, {text: "出身学校", class: Education},
	{text: "出身大学", class: Education}, {text: "卒業校", class: Education}, {text: "卒業学校", class: Education},
	{text: "職歴", class: WorkHistory}, {text: "経歴", class: WorkHistory, unless: []string{"犯罪", "犯歴", "前科"}},
	{text: "勤務歴", class: WorkHistory}, {text: "勤務経験", class: WorkHistory}, {text: "前職", class: WorkHistory},
	{text: "略歴", class: WorkHistory},
}

// jaWeakTerms name a class only when nothing else does: 緊急連絡先 is a
// phone number, 緊急連絡先氏名 a name.
var jaWeakTerms = []term{{text: "連絡先", class: Phone}}

// jaFlagTerms qualify a Japanese column name.
var jaFlagTerms = []term{
	{text: "フリガナ", flags: fKana}, {text: "ふりがな", flags: fKana}, {text: "カナ", flags: fKana, unless: []string{"カナダ"}},
	{text: "かな", flags: fKana}, {text: "ヨミガナ", flags: fKana}, {text: "よみがな", flags: fKana}, {text: "ヨミ", flags: fKana},
	{text: "よみ", flags: fKana}, {text: "読み", flags: fKana}, {text: "ひらがな", flags: fKana}, {text: "カタカナ", flags: fKana},
	{text: "ローマ字", flags: fRomaji}, {text: "英字", flags: fRomaji}, {text: "アルファベット", flags: fRomaji},
	{text: "英語", flags: fRomajiWeak}, {text: "英文", flags: fRomajiWeak},
	{text: "漢字", flags: fNameMod},
	{text: "フラグ", flags: fMeta}, {text: "有無", flags: fMeta}, {text: "要否", flags: fMeta}, {text: "可否", flags: fMeta},
	{text: "件数", flags: fMeta}, {text: "桁数", flags: fMeta}, {text: "文字数", flags: fMeta}, {text: "回数", flags: fMeta},
	{text: "変更日", flags: fMeta}, {text: "更新日", flags: fMeta}, {text: "登録日", flags: fMeta}, {text: "作成日", flags: fMeta},
	{text: "削除日", flags: fMeta}, {text: "確認日", flags: fMeta}, {text: "設定日", flags: fMeta}, {text: "日時", flags: fMeta},
	{text: "同意", flags: fMeta}, {text: "希望", flags: fMeta}, {text: "形式", flags: fMeta}, {text: "配信", flags: fMeta},
	{text: "メルマガ", flags: fMeta}, {text: "マガジン", flags: fMeta}, {text: "公開", flags: fMeta}, {text: "表示", flags: fMeta},
	{text: "期限", flags: fMeta}, {text: "失敗", flags: fMeta}, {text: "ヒント", flags: fMeta}, {text: "最大", flags: fMeta},
	{text: "最小", flags: fMeta}, {text: "上限", flags: fMeta}, {text: "下限", flags: fMeta},
	{text: "比率", flags: fMeta}, {text: "割合", flags: fMeta}, {text: "予算", flags: fMeta}, {text: "費用", flags: fMeta},
	{text: "金額", flags: fMeta}, {text: "人数", flags: fMeta}, {text: "統計", flags: fMeta},
	{text: "済", flags: fMeta}, {text: "制限", flags: fMeta},
	{text: "区分", flags: fTyped}, {text: "種別", flags: fTyped}, {text: "種類", flags: fTyped}, {text: "タイプ", flags: fTyped},
	{text: "分類", flags: fTyped},
	{text: "コード", flags: fCoded},
}

// Japanese names. strongNames name a person's name wherever they appear,
// with the 名 or 姓 they hold; the other 名 are judged by the character
// before them (see japaneseNames).
var strongNames = []term{
	{text: "氏名", class: PersonName}, {text: "姓名", class: PersonName}, {text: "名前", class: PersonName},
	{text: "宛名", class: PersonName}, {text: "名義", class: PersonName}, {text: "芳名", class: PersonName},
	{text: "フルネーム", class: PersonName}, {text: "本名", class: PersonName}, {text: "実名", class: PersonName},
	{text: "戸籍名", class: PersonName}, {text: "漢字名", class: PersonName}, {text: "英名", class: PersonName, flags: fRomaji},
	{text: "苗字", class: FamilyName}, {text: "名字", class: FamilyName}, {text: "旧姓", class: FamilyName},
	{text: "姓", class: FamilyName},
}

// personChars are the characters that, before 名, make it a person's name:
// 顧客名, 担当者名, 社員名, 患者名, 保護者名, 医師名, 世帯主名.
const personChars = "者人客様員主徒生児童親父母妻夫族師士長官手婦供嬢"

// notPersons are the compounds ending in a person character that name
// organisations or groups: 法人名, 業者名, 民族名.
var notPersons = []string{"法人", "業者", "製造者", "民族", "団体"}

// notNameAfter are the characters after 名 that make a word other than a
// name: 名称, 名簿, 名刺.
const notNameAfter = "称簿刺産所門物声誉詞数目札"

// jaEntities are things, under which a bare 名前 or a lone カナ is no
// person's.
var jaEntities = []string{"会社", "企業", "法人", "社名", "商品", "製品", "品名", "店舗", "店名", "部署", "学校", "銀行",
	"支店", "施設", "団体", "ファイル", "サービス", "駅", "病院", "組織", "事業所", "取引先", "仕入先", "メーカー",
	"ブランド", "項目", "カテゴリ", "国", "地域"}

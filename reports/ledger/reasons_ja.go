package ledger

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

// The detectors explain their findings in English (scanner.Finding.Reasons:
// "mobile number plan", "column name matches 電話"); the workbook is read
// by auditors and says it in Japanese. reasonJA translates the fixed
// phrases exactly and the phrases with a variable part (a keyword, a column
// word, a type ID, an era, an issuer) by pattern, keeping the variable part
// as it is. A reason it does not know comes back unchanged: evidence in
// English is better than none.

// reasonsJA are the detectors' fixed reasons, by package.
var reasonsJA = map[string]string{
	// custom
	"passes its checks": "検査に合格",

	// attribute
	"value says none":                "「なし」を示す値",
	"recognised gender value":        "性別を表す既知の値",
	"ISO 5218 gender code":           "ISO 5218 の性別コード",
	"short value in a gender column": "性別の列の短い値",
	"flag or one-character value":    "有無の区分または 1 文字の値",
	"password column holds a value that is not a recognised hash (possibly plaintext)": "パスワードの列に既知のハッシュでない値（平文の可能性）",

	// personname: name cells
	"reading in kana":                                "かなの読み",
	"a common word in kana":                          "かな表記の一般的な語",
	"romanised name":                                 "ローマ字の氏名",
	"romanised words not known as names":             "氏名として辞書にないローマ字の語",
	"romanised surname and given name in dictionary": "辞書にあるローマ字の姓と名",
	"romanised surname and given name in dictionary, with a title or an honorific": "敬称付きの辞書にあるローマ字の姓と名",
	"romanised surname in dictionary, with a title or an honorific":                "敬称付きの辞書にあるローマ字の姓",
	"surname and given name in dictionary":                                         "辞書にある姓と名",
	"surname standing alone":                                                       "単独で書かれた辞書にある姓",
	"name in dictionary":                                                           "辞書にある姓または名",
	"tagged as a name":                                                             "形態素解析で人名と判定",
	"partly tagged as a name":                                                      "形態素解析で一部を人名と判定",
	"not tagged as a name":                                                         "形態素解析では人名と判定されない値",
	"kanji name":                                                                   "漢字の氏名",
	// personname: names in text
	"reading in parentheses after a name":                           "氏名の後の括弧内の読み",
	"reading of a full name after a reading label":                  "フリガナの項目名の後の姓名の読み",
	"reading after a reading label":                                 "フリガナの項目名の後の読み",
	"katakana name before an honorific":                             "敬称の前のカタカナの氏名",
	"introduced as a person":                                        "「という下女」のように人として紹介された名",
	"named elsewhere in the text":                                   "同じ文書の別の箇所で氏名と判定された名",
	"a given name the text comes back to":                           "同じ文書で助詞の前に繰り返し現れる名（下の名前）",
	"a given name with a family member (の家内, の母)":                   "家族を表す語（の家内・の母）が続く名（下の名前）",
	"a word the text names again and shows acting as a person":      "同じ文書で繰り返し現れ人として振る舞う語（言う・泣く・思う・の息子・の顔）",
	"a name before the title the text calls a person by":            "文書が人を呼ぶ肩書の前に付いた名前（禅智内供の禅智）",
	"katakana name after a name label":                              "氏名の項目名の後のカタカナの氏名",
	"katakana name after a kind of person":                          "人の種類や肩書に続くカタカナの名（暴君ディオニス）",
	"hiragana given name with an honorific or an introduction":      "敬称や紹介が付いたひらがなの名（たあちゃん・おふみという女）",
	"katakana name before a work":                                   "作品の前のカタカナの名（ポオの『ル・モルグ』）",
	"katakana name before a title":                                  "爵位・称号の前のカタカナの名（ビスマルク侯・ワトソン博士）",
	"a full name the dictionary knows":                              "辞書が一人の氏名としてのみ持つ語（藤原基経）",
	"surnames listed before a count of people":                      "人数の前に列挙された姓（森・林・原の3名）",
	"katakana surname and given name, as the dictionary reads them": "辞書にある姓と名の読みに一致するカタカナの氏名（ﾖｺﾔﾏ ﾏｻﾙ）",
	"a surname before a provincial post (大岡越前守, 稲垣淡路守種信)":           "国司の官名の前の姓（大岡越前守・稲垣淡路守種信）",
	"a man's given name of old by its ending (太郎兵衛, 伝右衛門)":          "「兵衛」「右衛門」などで終わる昔の男性の名（太郎兵衛・伝右衛門）",
	"a given name after a family member's title (長女いち, 妻 花子)":       "続柄の後の名（長女いち・妻 花子）",
	"a full name glossed by its reading, its given name the dictionary's (蕗屋清一郎《ふきやせいいちろう》)": "名が辞書にあり読み仮名の付いた氏名（蕗屋清一郎《ふきやせいいちろう》）",
	"a pet name of one kana and っ before ちゃん (さっちゃん)":                                        "「ちゃん」の前の一字と「っ」の愛称（さっちゃん）",
	"katakana word the dictionary has only as a person's name (ナポレオン)":                       "辞書に人名としてのみあるカタカナ語（ナポレオン）",
	"a name after a provincial post (陸奥掾正氏)":                                                 "国司の官名に続く名（陸奥掾正氏）",
	"a pet name drawn out before an honorific (喜いさん)":                                        "敬称の前の伸ばした愛称（喜いさん）",
	"a word glossed by its reading before an honorific (垣衣《しのぶぐさ》さん)":                        "読み仮名が付き敬称が続く語（垣衣《しのぶぐさ》さん）",
	"a lady's name of old, in 姫 (清姫)":                                                        "「姫」で終わる昔の女性の名（清姫）",
	"a name listed with a found one, where it is a clause's subject":                         "見つかった名と並べて挙げられ文の主語となっている名（佐渡が言った）",
	"katakana name someone is called by in speech":                                           "会話で呼びかけに使われるカタカナの名（ゼウスよ）",
	"a given name in kana and 子 (かおる子)":                                                      "かなと「子」の名（かおる子）",
	"a clan's name, の and a given name, each glossed (多田《ただ》の満仲《まんじゅう》)":                     "読み仮名付きの氏（うじ）と「の」と名（多田《ただ》の満仲《まんじゅう》）",
	"a foreign full name, its parts joined by ・, one of them a name":                         "中黒でつながれ一部が人名のカタカナの氏名（シャアロック・ホームズ）",
	"a man's given name, as its reading shows":                                               "読み仮名が男性の名の読みで終わる名（承吉《しょうきち》）",
	"after a title or a kind of person":                                                      "肩書や人の種類の直後（関白師実）",
	"followed by its reading":                                                                "直後に読み仮名",
	"surname and given name":                                                                 "姓と名",
	"given name in dictionary after an unknown surname":                                      "辞書にない姓に続く辞書にある名",
	"one-kanji name": "漢字 1 文字の氏名",
	"a ruler's name before a regnal number (ナポレオン三世)": "君主の名と世数（ナポレオン三世）",
	"listed with a name found (宮崎も佐渡も)":               "見つかった名と並べて挙げられた名（宮崎も佐渡も）",
	"what the text says a person's name is (名は真砂)":    "文書が人の名だと述べる語（名は真砂）",
	"name in religion": "法名（僧の称号の前）",
	"unknown word":     "辞書にない語",
	"after a name label and before an honorific": "氏名の項目名と敬称の間",
	"after a name label":                         "氏名の項目名の後",
	"before an honorific":                        "敬称の前",
	"no context":                                 "周辺に手がかりなし",
	"romanised surname and given name in dictionary after a name label": "氏名の項目名の後の辞書にあるローマ字の姓と名",
	"romanised name after a name label":                                 "氏名の項目名の後のローマ字の氏名",

	// bankaccount
	"7-digit account number":          "7 桁の口座番号",
	"branch code and account number":  "支店番号と口座番号",
	"bank, branch and account number": "金融機関コード・支店番号・口座番号",
	"ゆうちょ 記号-番号":                      "ゆうちょ銀行の記号・番号",

	// residencecard, passport
	"two letters, eight digits, two letters": "英字 2 文字・数字 8 桁・英字 2 文字",
	"two letters and seven digits":           "英字 2 文字と数字 7 桁",

	// birthdate
	"valid date":                  "有効な日付",
	"era year past the era's end": "元号の最終年を過ぎた年",
	"date past the era's end":     "元号の終了後の日付",
	"date before the era's start": "元号の開始前の日付",

	// corporatenumber, mynumber, driverslicense, pensionnumber
	"check digit passed":                  "チェックディジット検査に合格",
	"check digit failed":                  "チェックディジット検査に不合格",
	"not a plausible 法人番号":                "法人番号としてありえない値",
	"not a plausible My Number":           "個人番号としてありえない値",
	"looks like a yyyymmddhhmm timestamp": "年月日時分（12 桁）の日時らしい値",
	"no My Number keyword nearby":         "近くに個人番号のキーワードなし",
	"no 公安委員会 code":                       "公安委員会コードなし",
	"no licence keyword nearby":           "近くに免許証のキーワードなし",
	"not a plausible pension number":      "基礎年金番号としてありえない値",
	"pension number format":               "基礎年金番号の形式",
	"no pension keyword nearby":           "近くに年金のキーワードなし",

	// ipaddress
	"global unicast address":       "グローバルアドレス",
	"private address":              "プライベートアドレス",
	"loopback address":             "ループバックアドレス",
	"link-local address":           "リンクローカルアドレス",
	"documentation range":          "文書例示用のアドレス範囲",
	"unique local address":         "ユニークローカルアドレス",
	"shared address space (CGNAT)": "共有アドレス空間（CGNAT）",
	"single-digit octets (may be a version or section number)": "各オクテットが 1 桁（バージョン番号や節番号の可能性）",

	// email
	"well-formed address": "形式の正しいメールアドレス",
	"legacy carrier local part (consecutive dots, dot before @)": "携帯キャリアの旧形式のローカルパート（ドットの連続・@ の直前のドット）",
	"legacy carrier local part (consecutive dots)":               "携帯キャリアの旧形式のローカルパート（ドットの連続）",
	"legacy carrier local part (dot before @)":                   "携帯キャリアの旧形式のローカルパート（@ の直前のドット）",

	// address
	"prefecture and municipality without block number": "都道府県と市区町村（番地なし）",
	"prefecture, municipality and block number":        "都道府県・市区町村・番地",
	"municipality, town and block number":              "市区町村・町名・番地",
	"street number without 丁目/番地":                      "「丁目」「番地」の語のない番地",
	"building or room number":                          "建物名または部屋番号",
	"postal code before":                               "直前に郵便番号",
	"lives-in phrase after":                            "直後に居住を示す語句",
	"prefecture only":                                  "都道府県のみ",
	"starts with a prefecture":                         "都道府県で始まる値",
	"municipality only":                                "市区町村のみ",
	"starts with a municipality":                       "市区町村で始まる値",

	// phone
	"fixed-line number plan":                                       "固定電話の番号体系",
	"mobile number plan":                                           "携帯電話の番号体系",
	"IP phone (050) number plan":                                   "IP 電話（050）の番号体系",
	"business number (toll-free)":                                  "事業者向け番号（着信課金）",
	"business number (navi-dial)":                                  "事業者向け番号（ナビダイヤル）",
	"international +81 prefix":                                     "国番号 +81 付き",
	"unseparated digits":                                           "区切りのない数字",
	"leading 0 restored: whole cell is a number in a phone column": "先頭の 0 を補完（電話番号の列のセル全体が数値）",
	"+81 restored: whole cell is 81 and a number without its leading 0 in a phone column": "+81 を補完（電話番号の列のセル全体が 81 と先頭の 0 のない番号）",

	// postalcode
	"NNN-NNNN format without context": "000-0000 の形式（周辺に手がかりなし）",
	"NNN-NNNN format":                 "000-0000 の形式",
	"an address follows":              "直後に住所",
	"seven digits":                    "7 桁の数字",

	// creditcard
	"Luhn check passed":          "Luhn 検査に合格",
	"grouped like a card number": "カード番号と同じ区切り",
	"also a valid JAN code":      "JAN コードとしても有効",
	"no issuer range, Luhn check failed or all digits the same": "発行者の番号範囲外・Luhn 検査に不合格・全桁同一のいずれか",

	// sensitive: the kind
	"medical history term":    "病歴を示す語",
	"disability term":         "障害を示す語",
	"criminal record term":    "犯罪の経歴を示す語",
	"crime victim term":       "犯罪被害を示す語",
	"religion or belief term": "信条（宗教・思想）を示す語",
	"race or ethnicity term":  "人種・民族を示す語",
	"social status term":      "社会的身分を示す語",
	"health check term":       "健康診断等の結果を示す語",
	// sensitive: the evidence
	"value of a column named for the kind":             "列名がその種類を示す列の値",
	"value means none":                                 "「なし」を示す値",
	"certificate or record term":                       "証明書・記録を示す語",
	"grade, test value or prison term follows":         "後に等級・検査値・刑期",
	"label with a value":                               "値を伴う項目名",
	"the term alone is a header or a label":            "語のみの見出しまたは項目名",
	"presence status follows":                          "後に有無の記載",
	"marker of the kind nearby":                        "近くにその種類を示す語",
	"after a label of the kind":                        "その種類の項目名の後",
	"after a person":                                   "人を指す語の後",
	"general use":                                      "一般的な用法",
	"term alone":                                       "語のみ",
	"test name without a value":                        "値のない検査名",
	"action as a state or deed":                        "状態または行為としての表現",
	"crime words nearby":                               "近くに犯罪に関する語",
	"in a form's question or a statement about a form": "書式の設問または書式についての記述",
}

// reasonPattern translates the reasons of one shape: tmpl is expanded with
// the submatches (regexp.Expand: ${word}); adjacent, when set, replaces it
// where the distance ${n} is 0, which "0 文字以内" would say badly.
type reasonPattern struct {
	re       *regexp.Regexp
	tmpl     string
	adjacent string
}

// reasonPatterns are tried in order; each matches a whole reason.
var reasonPatterns = []reasonPattern{
	// detectors.Keyword.Reason
	{re: regexp.MustCompile(`^keyword (?P<k>.+) within (?P<n>\d+) chars$`),
		tmpl: "${n} 文字以内にキーワード「${k}」", adjacent: "隣接するキーワード「${k}」"},
	// detectors.ColumnReason: the column's name contains the word.
	{re: regexp.MustCompile(`^column name matches (?P<w>.+)$`),
		tmpl: "列名に「${w}」を含む"},
	// attribute, personname, address: columns.Class names, snake_case.
	{re: regexp.MustCompile(`^column classified as (?P<t>[a-z][a-z0-9_]*)$`),
		tmpl: "列名から ${t} の列と判定"},
	// birthdate: the era's name.
	{re: regexp.MustCompile(`^valid date \((?P<e>[^()]+)\)$`),
		tmpl: "有効な日付（${e}）"},
	// bankaccount: 普通 or 当座 (預金) before the number.
	{re: regexp.MustCompile(`^account type (?P<k>.+) within (?P<n>\d+) chars before$`),
		tmpl: "${n} 文字前に口座種別「${k}」", adjacent: "直前に口座種別「${k}」"},
	// residencecard
	{re: regexp.MustCompile(`^keyword (?P<k>.+) in the same text$`),
		tmpl: "同じテキスト内にキーワード「${k}」"},
	// passport: T (10-year) or M (5-year).
	{re: regexp.MustCompile(`^passport type letter (?P<l>\S+)$`),
		tmpl: "旅券の種別記号 ${l}"},
	// creditcard: Visa, JCB, Amex, ...
	{re: regexp.MustCompile(`^issuer range (?P<i>.+)$`),
		tmpl: "${i} の番号範囲"},
	// attribute: a user ID in running text.
	{re: regexp.MustCompile(`^after the label (?P<l>.+)$`),
		tmpl: "ラベル「${l}」の直後"},
	// attribute: bcrypt, argon2, md5 hex, ...
	{re: regexp.MustCompile(`^password column holds a hash \((?P<s>[^()]+)\)$`),
		tmpl: "パスワードの列にハッシュ値（${s}）"},
	// driverslicense: the first two digits.
	{re: regexp.MustCompile(`^公安委員会 code (?P<c>\S+)$`),
		tmpl: "公安委員会コード ${c}"},
	// pensionnumber
	{re: regexp.MustCompile(`^phone keyword (?P<p>.+) nearer than (?P<k>.+)$`),
		tmpl: "電話のキーワード「${p}」が「${k}」より近い"},
	// detectors.ThingNumber: an order, product or parcel number.
	{re: regexp.MustCompile(`^the column names (?P<w>.+) numbers, not people's$`),
		tmpl: "列名「${w}」は人ではなく物の番号を示す"},
	{re: regexp.MustCompile(`^preceded by (?P<w>.+): it numbers a thing, not a person$`),
		tmpl: "直前の「${w}」から人ではなく物の番号"},
	// ipaddress: a version word before a dotted number.
	// custom: the company's own rules.
	{re: regexp.MustCompile(`^matches the pattern of rule (?P<r>\S+)$`),
		tmpl: "ルール ${r} のパターンに一致"},
	{re: regexp.MustCompile(`^an ignored value of rule (?P<r>\S+)$`),
		tmpl: "ルール ${r} の除外する値"},
	{re: regexp.MustCompile(`^fails the (?P<c>\S+) check of rule (?P<r>\S+)$`),
		tmpl: "ルール ${r} の ${c} 検査に不合格"},
	{re: regexp.MustCompile(`^in a column named (?P<w>.+)$`),
		tmpl: "列名「${w}」"},
	{re: regexp.MustCompile(`^near (?P<w>.+)$`),
		tmpl: "「${w}」の近く"},
	{re: regexp.MustCompile(`^version number: keyword (?P<k>.+) within (?P<n>\d+) chars$`),
		tmpl: "バージョン番号（${n} 文字以内にキーワード「${k}」）", adjacent: "バージョン番号（隣接するキーワード「${k}」）"},
}

// reasonJA is a detector's reason in Japanese; a reason it does not know
// comes back as it is.
func reasonJA(reason string) string {
	if ja, ok := reasonsJA[reason]; ok {
		return ja
	}
	if ja, ok := reasonCache.Load(reason); ok {
		return ja.(string)
	}
	ja := translateReason(reason)
	// The reasons are few (the keyword and column words come from the
	// detectors' lists); the bound is for whatever else comes in.
	if reasonCacheCount.Add(1) <= maxCachedReasons {
		reasonCache.Store(reason, ja)
	}
	return ja
}

// reasonCache keeps the patterns' translations: the findings sheet asks
// for the same few reasons on each of up to MaxFindingRows rows.
var (
	reasonCache      sync.Map
	reasonCacheCount atomic.Int64
)

const maxCachedReasons = 4096

func translateReason(reason string) string {
	for _, p := range reasonPatterns {
		m := p.re.FindStringSubmatchIndex(reason)
		if m == nil {
			continue
		}
		tmpl := p.tmpl
		if p.adjacent != "" {
			if i := p.re.SubexpIndex("n"); i > 0 && reason[m[2*i]:m[2*i+1]] == "0" {
				tmpl = p.adjacent
			}
		}
		return string(p.re.ExpandString(nil, tmpl, reason, m))
	}
	return reason
}

// reasonsText is a finding's reasons in Japanese, for the 根拠 column.
func reasonsText(reasons []string) string {
	ja := make([]string, len(reasons))
	for i, r := range reasons {
		ja[i] = reasonJA(r)
	}
	return strings.Join(ja, "、")
}

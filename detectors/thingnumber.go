package detectors

import "strings"

// A number that identifies a thing (an order, a parcel, a product, a
// document) is nobody's: yet a 12-digit order number passes the My
// Number check digit about one time in ten, and a 13-digit JAN code
// passes Luhn as often. The column name, or the words just before the
// number, say what it numbers; a detector whose own context words are
// absent takes them at their word and drops the candidate.

// thingColumnWords name, in a column, numbers of things: Japanese
// (normalised) matched anywhere in the name, ASCII (lowercase, with
// romaji) matched as whole words (EachWord: "order_no", "trackingNumber",
// not "border").
var (
	thingColumnJapanese = []string{
		"注文", "受注", "発注", "伝票", "送り状", "問い合わせ", "問合せ", "問合わせ", "お問い合せ", "追跡", "配送", "荷物",
		"請求書", "請求番号", "納品", "見積", "領収", "商品", "品番", "型番", "製品", "製造番号", "シリアル", "ロット",
		"バーコード", "在庫", "予約番号", "受付番号", "チケット",
	}
	thingColumnASCII = []string{
		"order", "orders", "invoice", "tracking", "shipment", "parcel", "sku", "isbn", "jan", "ean", "upc", "gtin", "asin",
		"barcode", "serial", "lot", "product", "item", "model", "part", "receipt", "slip", "voucher", "ticket", "inquiry",
		"reservation", "booking", "quote", "estimate",
		"chumon", "chuumon", "juchu", "juchuu", "hacchu", "hacchuu", "denpyo", "denpyou", "okurijo", "okurijou",
		"toiawase", "seikyu", "seikyuu", "nohin", "nouhin", "shohin", "shouhin", "hinban", "kataban", "seihin",
	}
	// thingKeywords are the same said just before the number in text:
	// "ご注文番号：…", "JAN: …", "Tracking number …".
	thingKeywords = append(append([]string{}, thingColumnJapanese...), thingColumnASCII...)
)

// thingWindow is how far before a number, in characters, a word saying
// what it numbers is taken: "お問い合わせ番号：" and "tracking number: "
// fit, a word of the sentence before does not.
const thingWindow = 12

var thingColumnMemo MemoKey

// ThingNumber returns the word that says candidate c numbers a thing, not
// a person: in the column name, or within a few characters before it. The
// reason is for a rejecting verdict's reasons.
func (t *Text) ThingNumber(c Candidate) (reason string, ok bool) {
	if w := t.ColumnMemo(&thingColumnMemo, func(column string) any { return thingColumnWord(column) }).(string); w != "" {
		return "the column names " + w + " numbers, not people's", true
	}
	if k, ok := t.KeywordAround(thingKeywords, c.Start, c.End, thingWindow, 0, true); ok {
		return "preceded by " + k.Word + ": it numbers a thing, not a person", true
	}
	return "", false
}

// thingColumnWord returns the word of a column name that names numbers
// of things, or "". Its ASCII words are split before lowercasing, at
// camelCase too (trackingNumber).
func thingColumnWord(column string) string {
	norm := Normalize(column)
	for _, w := range thingColumnJapanese {
		if strings.Contains(norm, w) {
			return w
		}
	}
	found := ""
	EachWord(norm, func(word string) bool {
		for _, w := range thingColumnASCII {
			if word == w {
				found = w
				return true
			}
		}
		return false
	})
	return found
}

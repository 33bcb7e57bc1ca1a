// Package columns classifies column names — table columns, CSV headers and
// JSON key paths — by the personal information they announce: 氏名,
// zip_code, [].customer.email. Detectors use it where a value says nothing
// by itself (a gender, a password) and as context where it does.
//
// Japanese is matched by substring after detectors.Normalize (氏名, 住所,
// 電話), English and romaji by whole words as detectors.EachWord splits
// them (snake_case, camelCase, kebab-case, spaces), so "kana" is not found
// in "kanagawa", "pass" not in "passport", "mei" not in "meiji".
//
// A key path is judged by its last element ("[].customer.name" by "name"),
// split at '.', '[' and ']' outside parentheses. The element before it is
// used three ways: a leaf that only qualifies ("value", "first", "kana",
// "line1", "hash") takes its meaning from its parent ("name.first" is a
// given name, "address.line1" an address, "password.hash" a password); a
// bare "name" or 名前 under a thing is no person's ("company.name",
// "items[].name"); and whatever lies under an address, an education or a
// career belongs to it ("careers[].company", "education[].school",
// "address.city" — though "city" alone is an address too).
//
// Decisions on ambiguous names:
//   - 名 is a name alone (名, 名（漢字）) or after a person (顧客名, 担当者名,
//     社員名, 世帯主名); after anything else it is a thing's (会社名, 件名,
//     学校名, ファイル名, 法人名, 業者名). 姓 alone is a family name.
//   - username, user_name, ユーザー名, login_name and account_name are user
//     IDs, not person names; user_name_kana is a name in kana.
//   - nickname, display_name, 表示名 and ニックネーム are Unknown: chosen
//     labels, neither a legal name nor a login key.
//   - customer_id, employee_id and other surrogate keys are Unknown; only
//     user, login, account and member IDs (会員番号) are user IDs. email_id,
//     address_id and name_id are keys, so Unknown.
//   - A column about the data rather than holding it is Unknown: flags,
//     counts, dates and settings (mail_magazine_flag, email_verified,
//     password_changed_at, メール配信フラグ, 年齢制限), and types and codes of
//     identifiers (tel_type, 電話区分, 住所コード). Types and codes of
//     attributes keep their class (gender_code, 性別区分, 国籍コード).
//   - ip_address, mac_address, remote_addr and other network addresses are
//     Unknown; email_address and メールアドレス are e-mails; company_address
//     and 勤務先住所 are addresses.
//   - 担当者, 受取人 and other persons alone hold names (PersonName); 顧客 or
//     customer alone is Unknown, but 顧客カナ and customer_kana are kana.
//   - 連絡先 alone is a phone number; beside anything more telling it gives
//     way (連絡先メール, 緊急連絡先氏名).
package columns

import (
	"github.com/pmscan/pmscan/detectors"
	"strings"
	"sync"
	"sync/atomic"
)

// Class is the kind of personal information a column holds.
type Class uint8

const (
	Unknown     Class = iota
	PersonName        // 氏名, full_name
	FamilyName        // 姓, last_name
	GivenName         // 名, first_name
	NameKana          // フリガナ, name_kana, セイ, yomi
	NameRomaji        // 名前(ローマ字), name_en, romaji
	Address           // 住所, address, city
	PostalCode        // 郵便番号, zip
	Phone             // 電話番号, tel, mobile
	Email             // メールアドレス, email
	BirthDate         // 生年月日, birthday, dob
	MyNumber          // 個人番号, my_number
	Gender            // 性別, gender, sex
	Education         // 学歴, education
	WorkHistory       // 職歴, work_history, career
	Password          // パスワード, password, pwd
	UserID            // ユーザーID, username, login_id
	Nationality       // 国籍, nationality
	Age               // 年齢, age

	classCount = iota
)

var classNames = [classCount]string{
	"unknown", "person_name", "family_name", "given_name", "name_kana", "name_romaji",
	"address", "postal_code", "phone", "email", "birth_date", "my_number", "gender",
	"education", "work_history", "password", "user_id", "nationality", "age",
}

// String returns the class's snake_case name.
func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "unknown"
}

// IsName reports whether c is one of the name classes.
func (c Class) IsName() bool { return c >= PersonName && c <= NameRomaji }

// Classify returns the class of a column name or JSON key path. It is called
// for every cell, so results are cached: the cached path costs one map lookup
// and allocates nothing. Safe for concurrent use.
func Classify(column string) Class {
	if column == "" {
		return Unknown
	}
	if v, ok := cache.m.Load(column); ok {
		return v.(Class)
	}
	c := classify(column)
	cache.store(column, c)
	return c
}

// The cache is bounded, so that a stream of distinct hostile JSON keys
// cannot grow it without limit: when it is full it starts over (real
// schemas have far fewer columns and come back at the cost of one
// classification each). Very long names are classified every time.
const (
	maxCached     = 8192
	maxCachedName = 512 // bytes
)

type classCache struct {
	m sync.Map // column name -> Class
	n atomic.Int64
}

var cache classCache

func (cc *classCache) store(column string, c Class) {
	if len(column) > maxCachedName {
		return
	}
	if cc.n.Add(1) > maxCached {
		cc.m.Clear()
		cc.n.Store(1)
	}
	// The column may alias a reader's buffer.
	cc.m.Store(strings.Clone(column), c)
}

// cached reports how many names the cache holds, for tests.
func (cc *classCache) cached() int {
	n := 0
	cc.m.Range(func(any, any) bool { n++; return true })
	return n
}

var classKey detectors.MemoKey

// ClassOf is Classify(t.Column), remembered in t for the column: the
// detectors call it per cell.
func ClassOf(t *detectors.Text) Class {
	if t.Column == "" {
		return Unknown
	}
	return t.ColumnMemo(&classKey, func(column string) any { return Classify(column) }).(Class)
}

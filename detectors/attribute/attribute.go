// Package attribute finds personal information that only the column tells
// apart: a gender (男, F, 1), an education or work history, a password, a
// user ID, a nationality. No value says by itself that it is one of these,
// so each detector runs only on columns that columns.Classify puts in its
// class (its column words open the Set's gate; Classify confirms), and takes
// the whole trimmed cell as the value.
//
// Empty cells and null markers (NULL, N/A, "-", "—", 未入力) are never
// reported. A "none" answer (なし, 特になし, none) is dropped where it says
// nothing about the person (gender, user_id) and Low where it does or may:
// no education or career, no nationality, or a password that is literally
// "なし".
//
// Confidence:
//   - gender: High for a recognised value (男, 女性, M, female, ♀) or an
//     ISO 5218 code 1 or 2; Medium for other values up to 20 characters
//     (未回答, その他, 0, 9); longer text is rejected.
//   - education, work_history: High for text of two or more characters;
//     Low for a single character or a yes/no flag (あり, ○, 1).
//   - password: High for every value, with a reason saying whether it is a
//     recognised hash (bcrypt, argon2, scrypt, sha-crypt, pbkdf2, LDAP, hex
//     MD5/SHA-1/SHA-256/SHA-512) or possibly plaintext; masked as "********".
//   - user_id: Medium up to 128 characters; in running text, Medium for
//     an ID right after a label (会員番号 00482715).
//   - nationality: Medium up to 60 characters.
package attribute

import (
	"strings"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/columns"
)

// Detector finds the values of one kind of column. It holds no per-call
// state and is safe for concurrent use.
type Detector struct {
	typ   string
	class columns.Class
	words []string // gate: a superset of the column words of class
	// judge rates a value that is neither empty nor a null marker.
	judge func(v string) (detectors.Confidence, string)
	// none is the confidence of a "none" answer (なし, 特になし): Reject
	// where it says nothing (a gender), Low where it still tells about
	// the person (no work history).
	none   detectors.Confidence
	mask   func(string) string
	reason string // "column classified as gender"
	// labels, if any, let the detector find values in running text too:
	// right after one of them (会員番号 00482715).
	labels []string
}

var (
	_ detectors.Detector        = (*Detector)(nil)
	_ detectors.ColumnSignaller = (*Detector)(nil)
	_ detectors.Masker          = (*Detector)(nil)
)

// Gender returns the detector of gender columns (性別, gender, sex).
func Gender() *Detector {
	return newDetector(&Detector{
		typ: "gender", class: columns.Gender, judge: judgeGender,
		words: []string{"gender", "sex", "seibetu", "seibetsu", "性別", "男女", "せいべつ", "セイベツ"},
	})
}

// Education returns the detector of education columns (学歴, 最終学歴).
func Education() *Detector {
	return newDetector(&Detector{
		typ: "education", class: columns.Education, judge: judgeHistory, none: detectors.Low, mask: maskAll,
		words: []string{"educat", "gakureki", "academic", "alma", "school", "degree", "学歴", "出身校", "出身学校",
			"出身大学", "卒業校", "卒業学校"},
	})
}

// WorkHistory returns the detector of work history columns (職歴, 経歴).
func WorkHistory() *Detector {
	return newDetector(&Detector{
		typ: "work_history", class: columns.WorkHistory, judge: judgeHistory, none: detectors.Low, mask: maskAll,
		words: []string{"career", "history", "histories", "experience", "record", "employ", "job", "prior",
			"previous", "former", "past", "shokureki", "syokureki", "keireki", "職歴", "経歴", "勤務歴", "勤務経験",
			"前職", "略歴"},
	})
}

// Password returns the detector of password columns (パスワード, password,
// 暗証番号). It masks the whole value.
func Password() *Detector {
	return newDetector(&Detector{
		typ: "password", class: columns.Password, judge: judgePassword, none: detectors.Low,
		mask:  func(string) string { return "********" },
		words: []string{"pass", "pw", "pin", "anshobango", "anshoubangou", "パスワード", "暗証", "パスコード"},
	})
}

// UserID returns the detector of user ID columns (ユーザーID, username,
// login_id, 会員番号).
func UserID() *Detector {
	return newDetector(&Detector{
		typ: "user_id", class: columns.UserID, judge: judgeUserID, labels: userIDLabels,
		words: []string{"user", "uid", "login", "account", "member", "kaiin", "screen", "handle", "ユーザ", "ログイン",
			"アカウント", "会員", "利用者", "ハンドルネーム"},
	})
}

// Nationality returns the detector of nationality columns (国籍).
func Nationality() *Detector {
	return newDetector(&Detector{
		typ: "nationality", class: columns.Nationality, judge: judgeNationality, none: detectors.Low,
		words: []string{"national", "kokuseki", "citizenship", "国籍"},
	})
}

// All returns the detectors of this package: gender, education,
// work_history, password, user_id and nationality.
func All() []detectors.Detector {
	return []detectors.Detector{Gender(), Education(), WorkHistory(), Password(), UserID(), Nationality()}
}

// newDetector builds the reason every finding of d shares: Judge runs on
// every cell of a column.
func newDetector(d *Detector) *Detector {
	d.reason = "column classified as " + d.class.String()
	return d
}

// Type implements detectors.Detector.
func (d *Detector) Type() string { return d.typ }

// Keywords implements detectors.Detector: the labels that introduce a value
// in running text, if the detector has any; the values say nothing.
func (d *Detector) Keywords() []string { return d.labels }

// ColumnWords implements detectors.ColumnSignaller: the Set runs the
// detector only on columns whose name holds one of these; Find then asks
// columns.Classify ("username" and "user_name" are user IDs, "user_agent"
// is not).
func (d *Detector) ColumnWords() []string { return d.words }

// Find implements detectors.Detector: in a column of the detector's class,
// the whole trimmed cell, unless it is empty or a null marker.
func (d *Detector) Find(t *detectors.Text) []detectors.Candidate {
	if t.Column == "" || columns.ClassOf(t) != d.class {
		if d.labels != nil {
			return findLabelled(t, d.labels)
		}
		return nil
	}
	start, end := detectors.TrimmedSpan(t.Norm)
	if start == end {
		return nil
	}
	v := t.Norm[start:end]
	if isNull(v) || d.none == detectors.Reject && isNone(v) {
		return nil
	}
	return []detectors.Candidate{{Start: start, End: end}}
}

// Judge implements detectors.Detector.
func (d *Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	if c.Start < 0 || c.End > len(t.Norm) || c.Start >= c.End {
		return detectors.Verdict{}
	}
	if columns.ClassOf(t) != d.class {
		if label, ok := labelBefore(t, c.Start, d.labels); ok {
			return detectors.Verdict{Confidence: detectors.Medium, Reasons: []string{"after the label " + label}}
		}
		return detectors.Verdict{}
	}
	v := t.Norm[c.Start:c.End]
	if isNone(v) {
		if d.none == detectors.Reject {
			return detectors.Verdict{}
		}
		return detectors.Verdict{Confidence: d.none, Reasons: []string{d.reason, "value says none"}}
	}
	conf, why := d.judge(v)
	if conf == detectors.Reject {
		return detectors.Verdict{}
	}
	if why == "" {
		return detectors.Verdict{Confidence: conf, Reasons: []string{d.reason}}
	}
	return detectors.Verdict{Confidence: conf, Reasons: []string{d.reason, why}}
}

// Mask implements detectors.Masker: the default, except for passwords,
// of which no character is shown.
func (d *Detector) Mask(value string) string {
	if d.mask != nil {
		return d.mask(value)
	}
	return detectors.MaskDefault(value)
}

// maskAll masks every character but separators: the end of a history
// (東京大学 法学部, 営業 5年) is as telling as its start.
func maskAll(v string) string { return detectors.MaskKeep(v, 0, 0) }

// nulls are the ways tables and exports write a missing value.
var nulls = set("null", "nil", "nan", "n/a", "#n/a", "-", "--", "---", "ー", "undefined", "(null)", "<null>",
	`\n`, "未入力", "未記入")

// nones are answers that say "none": 職歴なし still tells about a person.
var nones = set("none", "nothing", "なし", "無し", "特になし", "特に無し", "該当なし", "該当無し", "無", "ない")

func isNull(v string) bool { return oneOf(v, nulls) }
func isNone(v string) bool { return oneOf(v, nones) }

// wordSet holds short words, ASCII-lowercased.
type wordSet struct {
	words  map[string]bool
	maxLen int
}

func set(words ...string) wordSet {
	s := wordSet{words: map[string]bool{}}
	for _, w := range words {
		s.words[w] = true
		s.maxLen = max(s.maxLen, len(w))
	}
	return s
}

// oneOf reports whether v, ASCII case folded, is in s. It allocates nothing:
// every cell of a column goes through it.
func oneOf(v string, s wordSet) bool {
	if len(v) > s.maxLen {
		return false
	}
	var buf [32]byte
	if len(v) > len(buf) {
		return s.words[v]
	}
	b := buf[:len(v)]
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return s.words[string(b)]
}

// maxGender is the longest value a gender column's cell can be: longer
// text is a note, not a gender.
const maxGender = 20

// genders are the recognised answers, lowercased.
var genders = set("男", "女", "男性", "女性", "男子", "女子", "おとこ", "おんな", "オトコ", "オンナ", "♂", "♀",
	"m", "f", "male", "female", "man", "woman", "boy", "girl", "men", "women")

// judgeGender: a recognised gender or an ISO 5218 code (1 male, 2 female)
// is High; other short answers (未回答, その他, ISO 0 and 9) are Medium.
func judgeGender(v string) (detectors.Confidence, string) {
	switch {
	case oneOf(v, genders):
		return detectors.High, "recognised gender value"
	case v == "1" || v == "2":
		return detectors.High, "ISO 5218 gender code"
	case utf8.RuneCountInString(v) > maxGender:
		return detectors.Reject, ""
	}
	return detectors.Medium, "short value in a gender column"
}

// flags are yes/no answers: a column that says whether someone has an
// education or career entry, not what it is.
var flags = set("あり", "有", "有り", "yes", "no", "true", "false", "0", "1", "○", "×", "〇")

// judgeHistory: any text of two or more characters is High; a single
// character or a yes/no flag is Low.
func judgeHistory(v string) (detectors.Confidence, string) {
	if oneOf(v, flags) || utf8.RuneCountInString(v) < 2 {
		return detectors.Low, "flag or one-character value"
	}
	return detectors.High, ""
}

// judgePassword: every value is High; the reason says whether it is
// stored hashed.
func judgePassword(v string) (detectors.Confidence, string) {
	if scheme := hashScheme(v); scheme != "" {
		return detectors.High, hashReasons[scheme]
	}
	return detectors.High, "password column holds a value that is not a recognised hash (possibly plaintext)"
}

// hashReasons are the reasons for each scheme hashScheme names, built once.
var hashReasons = func() map[string]string {
	m := map[string]string{}
	for _, s := range []string{"bcrypt", "argon2", "scrypt", "yescrypt", "sha-crypt", "md5-crypt", "pbkdf2", "ldap",
		"md5 hex", "sha1 hex", "sha256 hex", "sha512 hex"} {
		m[s] = "password column holds a hash (" + s + ")"
	}
	return m
}()

// hashScheme names the password hash v is written in, "" if none.
func hashScheme(v string) string {
	switch {
	case isBcrypt(v):
		return "bcrypt"
	case strings.HasPrefix(v, "$argon2"):
		return "argon2"
	case strings.HasPrefix(v, "$scrypt$") || strings.HasPrefix(v, "$7$"):
		return "scrypt"
	case strings.HasPrefix(v, "$y$"):
		return "yescrypt"
	case strings.HasPrefix(v, "$5$") || strings.HasPrefix(v, "$6$"):
		return "sha-crypt"
	case strings.HasPrefix(v, "$1$") || strings.HasPrefix(v, "$apr1$"):
		return "md5-crypt"
	case strings.HasPrefix(v, "pbkdf2_") || strings.HasPrefix(v, "pbkdf2:") || strings.HasPrefix(v, "$pbkdf2"):
		return "pbkdf2"
	case strings.HasPrefix(v, "{SSHA") || strings.HasPrefix(v, "{SHA") || strings.HasPrefix(v, "{SMD5}") ||
		strings.HasPrefix(v, "{MD5}") || strings.HasPrefix(v, "{CRYPT}") || strings.HasPrefix(v, "{PBKDF2"):
		return "ldap"
	}
	if isHex(v) {
		switch len(v) {
		case 32:
			return "md5 hex"
		case 40:
			return "sha1 hex"
		case 64:
			return "sha256 hex"
		case 128:
			return "sha512 hex"
		}
	}
	return ""
}

// isBcrypt matches $2a$10$ (or 2b, 2x, 2y) followed by 53 characters of
// bcrypt's base64.
func isBcrypt(v string) bool {
	if len(v) != 60 || !strings.HasPrefix(v, "$2") || !strings.ContainsRune("abxy", rune(v[2])) ||
		v[3] != '$' || !isDigit(v[4]) || !isDigit(v[5]) || v[6] != '$' {
		return false
	}
	for i := 7; i < len(v); i++ {
		c := v[i]
		if !(c == '.' || c == '/' || isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func isHex(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return len(v) > 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// maxUserID is the longest user ID: longer text is no identifier.
const maxUserID = 128

// judgeUserID: any value up to 128 characters is Medium.
func judgeUserID(v string) (detectors.Confidence, string) {
	if utf8.RuneCountInString(v) > maxUserID {
		return detectors.Reject, ""
	}
	return detectors.Medium, ""
}

// maxNationality is the longest nationality: "アメリカ合衆国",
// "United Kingdom of Great Britain and Northern Ireland" fit.
const maxNationality = 60

// judgeNationality: a short value is Medium.
func judgeNationality(v string) (detectors.Confidence, string) {
	if utf8.RuneCountInString(v) > maxNationality {
		return detectors.Reject, ""
	}
	return detectors.Medium, ""
}

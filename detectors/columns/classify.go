package columns

import (
	"strings"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
)

// classify is Classify without the cache.
func classify(column string) Class {
	segs := segments(detectors.Normalize(column))
	if len(segs) == 0 {
		return Unknown
	}
	return resolve(segs, len(segs)-1, 0)
}

// maxWords bounds the ASCII words read from one segment.
const maxWords = 16

// maxParents bounds how far up a key path a chain of qualifying leaves
// ("name.first.value") is followed.
const maxParents = 3

// resolve classifies segs[i], asking its parent where it only qualifies.
func resolve(segs []string, i, depth int) Class {
	a := analyse(segs[i])
	c := a.decide()
	if i == 0 || depth == maxParents || a.flags&(fMeta|fTyped|fKeyed|fCoded) != 0 {
		return c
	}
	switch {
	case a.modifierOnly():
		// "name.first", "address.line1", "phone.number", "password.hash".
		parent := resolve(segs, i-1, depth+1)
		switch {
		case parent.IsName():
			return a.refine(parent)
		case a.flags&fKana != 0 && parent != Address && !analyse(segs[i-1]).entity:
			return NameKana // "user.kana": the reading of the user's name
		case parent != Unknown:
			return parent
		case analyse(segs[i-1]).entity:
			return Unknown // "company.kana"
		}
	case c == UserID && bankAccountName(segs[i-1], segs[i]):
		return PersonName // "bank.account_name", like bank_account_name: the holder's name
	case a.bareName:
		if analyse(segs[i-1]).entity {
			return Unknown // "company.name", "items[].name"
		}
	case c == Unknown && a.flags&fNetwork == 0:
		// What lies under an address, an education or a career belongs
		// to it: "careers[].company", "education[].school", "address.pref".
		if parent := resolve(segs, i-1, depth+1); containers&bit(parent) != 0 {
			return parent
		}
	}
	return c
}

// bankAccountName reports an account name under a bank: the account
// holder's name, not a login.
func bankAccountName(parent, seg string) bool {
	parent, seg = strings.ToLower(parent), strings.ToLower(seg)
	return strings.Contains(seg, "account") && strings.Contains(seg, "name") &&
		(strings.Contains(parent, "bank") || strings.Contains(parent, "口座") || strings.Contains(parent, "振込"))
}

// segments splits a key path at '.', '[' and ']' outside parentheses
// ("生年月日(yyyy.mm.dd)" is one segment), dropping empty and numeric
// segments ("customers[0]", "No.").
func segments(s string) []string {
	var out []string
	depth, start := 0, 0
	add := func(end int) {
		if seg := strings.TrimSpace(s[start:end]); seg != "" && strings.Trim(seg, "0123456789") != "" {
			out = append(out, seg)
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth = max(depth-1, 0)
		case '.', '[', ']':
			if depth == 0 {
				add(i)
				start = i + 1
			}
		}
	}
	add(len(s))
	return out
}

// analysis is what one segment of a column name says.
type analysis struct {
	hits     uint32 // classes named outright, a bit per Class
	weak     uint32 // classes named only if nothing else is (連絡先)
	flags    flag   // modifiers and qualifiers found
	name     Class  // PersonName, FamilyName or GivenName from a name word
	head     bool   // the name came from a bare "name" word: first/last refine it
	bareName bool   // the segment is a name word and modifiers only ("name", "名前")
	negated  bool   // a name word qualified by a thing (company_name, 会社名)
	entity   bool   // a thing is named (company, 商品)
	person   bool   // a person is named (customer, 顧客)
	content  bool   // a word that is no modifier, person or name
}

func bit(c Class) uint32 { return 1 << c }

// ladder is the order in which outright classes win over each other:
// email_address is an e-mail, 郵便番号 in an address column a postal code.
var ladder = [...]Class{Password, MyNumber, Email, UserID, BirthDate, PostalCode, Phone, Address,
	Age, Gender, Nationality, Education, WorkHistory}

// decide turns an analysis into a class.
func (a *analysis) decide() Class {
	if a.flags&fMeta != 0 {
		return Unknown
	}
	for _, c := range ladder {
		if a.hits&bit(c) != 0 {
			return a.unlessQualified(c)
		}
	}
	if n := a.nameClass(); n != Unknown {
		return a.unlessQualified(n)
	}
	for _, c := range ladder {
		if a.weak&bit(c) != 0 {
			return a.unlessQualified(c)
		}
	}
	return Unknown
}

// containers are the classes whose parts are the class too.
const containers = 1<<Address | 1<<Education | 1<<WorkHistory

// attributes are the classes whose type, code or key is still the
// attribute: gender_code holds genders, address_type no address.
const attributes = 1<<Gender | 1<<Education | 1<<WorkHistory | 1<<Nationality | 1<<Age

// unlessQualified drops c where a qualifier says the column holds no such
// value but a category, key or code of it (tel_type, address_id, 住所コード).
func (a *analysis) unlessQualified(c Class) Class {
	if attributes&bit(c) != 0 {
		return c
	}
	switch {
	case a.flags&fTyped != 0:
		return Unknown
	case a.flags&fKeyed != 0 && c != UserID:
		return Unknown
	case a.flags&fCoded != 0 && c != UserID && c != PostalCode && c != Password:
		return Unknown
	}
	return c
}

// nameClass is the name class of the segment, Unknown if it names none.
func (a *analysis) nameClass() Class {
	n := a.name
	if n == Unknown {
		// A marker alone names a name ("kana", "フリガナ", "顧客カナ"),
		// but not beside other words ("会社名カナ", "item_kana").
		if a.content || a.entity || a.negated || a.flags&(fKana|fRomaji) == 0 {
			return Unknown
		}
		n = PersonName
	}
	return a.refine(n)
}

// refine narrows a name class by the segment's modifiers.
func (a *analysis) refine(n Class) Class {
	switch {
	case a.flags&fKana != 0 || n == NameKana:
		return NameKana
	case a.flags&(fRomaji|fRomajiWeak) != 0 || n == NameRomaji:
		return NameRomaji
	case n == PersonName && a.flags&fGiven != 0 && (a.head || a.name == Unknown):
		return GivenName
	case n == PersonName && a.flags&fFamily != 0 && (a.head || a.name == Unknown):
		return FamilyName
	}
	return n
}

// modifierOnly reports whether the segment only qualifies ("value",
// "first", "kana", "line1").
func (a *analysis) modifierOnly() bool {
	return a.hits == 0 && a.weak == 0 && a.name == Unknown && !a.negated && !a.entity && !a.person && !a.content
}

func analyse(seg string) analysis {
	var a analysis
	var words []string
	detectors.EachWord(seg, func(w string) bool {
		words = append(words, w)
		return false
	})
	// Real names have a handful of words; a hostile one is cut to its end,
	// where the head noun stands.
	if len(words) > maxWords {
		words = words[len(words)-maxWords:]
	}
	a.ascii(words)
	a.japanese(lowerASCII(seg))
	if a.flags&fNetwork != 0 {
		a.hits &^= bit(Address)
	}
	if a.flags&fMailMeta != 0 {
		a.hits &^= bit(Email)
	}
	return a
}

// ascii reads the ASCII words of a segment.
func (a *analysis) ascii(words []string) {
	heads, others := 0, 0
	romajiNames := onlyNames(words)
	for i, w := range words {
		e, known := lookup(w)
		if i == 0 && len(words) > 1 && e.flags&fPrefix != 0 {
			a.flags |= fMeta // is_verified, has_password
			continue
		}
		a.flags |= e.flags
		if e.class != Unknown {
			a.hits |= bit(e.class)
		}
		if e.flags&fPerson != 0 {
			a.person = true
		}
		if e.flags&fEntity != 0 {
			a.entity = true
		}
		n, isName := nameWords[w]
		switch {
		case e.flags&fNameHead != 0:
			heads++
			if q, ok := qualifier(words, i); ok && q.flags&fEntity != 0 && q.flags&fPerson == 0 {
				a.negated = true // company_name, file_name
				continue
			}
			a.name, a.head = combine(a.name, PersonName), true
		case w == "mei" && romajiNames:
			// Romaji 名: a person's after a person ("kokyaku_mei"), a
			// thing's after anything else ("kaisha_mei").
			q, ok := qualifier(words, i)
			switch {
			case !ok:
				a.name = combine(a.name, GivenName)
			case q.flags&fPerson != 0:
				a.name = combine(a.name, PersonName)
			default:
				a.negated = true
			}
		case isName && (w == "sei" || w == "mei") && !romajiNames:
			a.content = true // "sei_kyu"
		case isName:
			a.name = combine(a.name, n)
		case e.class == Unknown && e.flags&(modifiers|fPerson) == 0:
			a.content = true // "ip", "item", "kanagawa": not a bare qualifier
		}
		if !known || e.flags&(modifiers|fNameHead) == 0 {
			others++
		}
	}
	a.bareName = heads == 1 && others == 0
	// account_holder, card_holder: the holder is a person, and the value
	// is the holder's name (振込名義, 口座名義).
	if n := len(words); n > 0 && a.name == Unknown && !a.entity && !a.negated {
		switch words[n-1] {
		case "holder", "cardholder", "accountholder":
			a.name = PersonName
		}
	}
	a.pairs(words)
}

// onlyNames reports whether words hold nothing but names, persons and
// modifiers: romaji "sei" and "mei" are names only there ("sei_kana",
// "kokyaku_mei", not "sei_kyu").
func onlyNames(words []string) bool {
	for _, w := range words {
		if _, ok := nameWords[w]; ok {
			continue
		}
		e, known := lookup(w)
		if !known || e.flags&(modifiers|fPerson|fEntity|fNameHead) == 0 {
			return false
		}
	}
	return true
}

// qualifier returns the nearest word before words[i] that is no modifier:
// the one that says whose name "name" is.
func qualifier(words []string, i int) (word, bool) {
	for j := i - 1; j >= 0; j-- {
		e, known := lookup(words[j])
		if known && e.flags&modifiers != 0 && e.flags&(fPerson|fEntity) == 0 {
			continue
		}
		if c, ok := nameWords[words[j]]; ok && c != Unknown && !known {
			return word{flags: fPerson}, true // "sei_mei": a name before a name
		}
		return e, true
	}
	return word{}, false
}

// pairs finds the classes that two words name together.
func (a *analysis) pairs(words []string) {
	has := func(ws ...string) bool {
		for _, w := range words {
			for _, x := range ws {
				if w == x {
					return true
				}
			}
		}
		return false
	}
	next := func(i int, ws ...string) bool {
		if i+1 >= len(words) {
			return false
		}
		for _, x := range ws {
			if words[i+1] == x {
				return true
			}
		}
		return false
	}
	inKana := a.flags&(fKana|fRomaji|fRomajiWeak) != 0
	// "pass" is a password beside these, not in boarding_pass or pass_fail.
	passWords := has("hash", "hashed", "word", "enc", "encrypted", "crypt", "digest", "sha", "md", "login", "user",
		"admin", "account")
	// A mobile app or carrier is no phone number.
	notMobilePhone := has("app", "application", "os", "device", "site", "page", "web", "version", "browser",
		"carrier", "platform")
	for i, w := range words {
		switch w {
		case "my":
			if next(i, "number", "num", "no", "bango", "bangou") {
				a.hits |= bit(MyNumber)
			}
		case "kojin", "individual":
			if next(i, "number", "no", "bango", "bangou") {
				a.hits |= bit(MyNumber)
			}
		case "personal":
			// personal_number; personal_no is often a personnel number.
			if next(i, "number") {
				a.hits |= bit(MyNumber)
			}
		case "user", "login", "account", "screen", "handle":
			// user_name is a login name; user_name_kana a person's name.
			// bank_account_name is the holder's name.
			if next(i, "name", "names") && !inKana && !(w == "account" && has("bank", "banks")) ||
				w != "screen" && w != "handle" && next(i, "id", "ids") ||
				w == "user" && next(i, "no", "number", "code", "cd", "key") {
				a.hits |= bit(UserID)
			}
		case "member", "kaiin":
			if next(i, "id", "ids", "no", "number", "code", "cd", "bango", "bangou") {
				a.hits |= bit(UserID)
			}
		case "post":
			if next(i, "code", "cd", "no", "number") {
				a.hits |= bit(PostalCode)
			}
		case "cell":
			if next(i, "phone", "no", "number", "tel") {
				a.hits |= bit(Phone)
			}
		case "contact":
			if next(i, "number", "no") {
				a.hits |= bit(Phone)
			}
		case "work", "job", "employment", "employer", "professional", "career":
			if next(i, "history", "histories", "experience", "experiences", "record", "records") {
				a.hits |= bit(WorkHistory)
			}
		case "prior", "previous", "former", "past":
			if next(i, "employer", "employers", "job", "jobs", "employment", "company", "companies") {
				a.hits |= bit(WorkHistory)
			}
		case "academic", "school":
			if next(i, "background", "history", "record", "records", "career", "degree", "qualification") {
				a.hits |= bit(Education)
			}
		case "final":
			if next(i, "education", "school", "degree") {
				a.hits |= bit(Education)
			}
		case "pref", "town", "ward", "block":
			if next(i, "name", "code", "cd", "no", "number") {
				a.hits |= bit(Address)
			}
		case "pass":
			if len(words) == 1 || passWords {
				a.hits |= bit(Password)
			}
		case "birth", "births":
			switch {
			case a.flags&fBirthPlace != 0:
				a.hits |= bit(Address)
			case a.flags&fBirthNation == 0:
				a.hits |= bit(BirthDate)
			}
		case "mobile":
			if notMobilePhone {
				a.hits &^= bit(Phone)
			}
		}
	}
	// A lone "user" or "login" holds one.
	if len(words) == 1 && (words[0] == "user" || words[0] == "login") {
		a.hits |= bit(UserID)
	}
}

func combine(a, b Class) Class {
	switch {
	case a == Unknown || a == b:
		return b
	case b == Unknown:
		return a
	}
	return PersonName // 姓 and 名 together
}

// japanese reads the Japanese of a segment.
func (a *analysis) japanese(seg string) {
	if !hasNonASCII(seg) {
		return
	}
	// "会員 ID", "電話_番号": terms match across separators.
	compact := compactor.Replace(seg)
	for _, t := range jaClassTerms {
		if !t.whole && t.in(compact) {
			a.hits |= bit(t.class)
		}
	}
	for _, t := range jaWeakTerms {
		if t.in(compact) {
			a.weak |= bit(t.class)
		}
	}
	for _, t := range jaFlagTerms {
		if t.in(seg) {
			a.flags |= t.flags
		}
	}
	core := jaCore(seg)
	if core == "" {
		return
	}
	for _, t := range jaClassTerms {
		if t.whole && core == t.text {
			a.hits |= bit(t.class)
		}
	}
	a.japaneseNames(core)
	for _, e := range jaEntities {
		if strings.Contains(core, e) {
			a.entity = true
		}
	}
	if core == "名前" && a.name == PersonName {
		a.bareName = true
	}
	if a.name == Unknown && !a.person {
		a.content = true
	}
}

var compactor = strings.NewReplacer(" ", "", "_", "", "-", "", "・", "", "/", "")

func (t term) in(s string) bool {
	if !strings.Contains(s, t.text) {
		return false
	}
	for _, u := range t.unless {
		if strings.Contains(s, u) {
			return false
		}
	}
	return true
}

// japaneseNames finds the names in core, the Japanese of a segment without
// annotations and markers.
func (a *analysis) japaneseNames(core string) {
	switch core {
	case "名":
		a.name = combine(a.name, GivenName)
		return
	case "氏":
		a.name = combine(a.name, FamilyName)
		return
	case "メイ":
		a.name, a.flags = combine(a.name, GivenName), a.flags|fKana
		return
	case "セイ":
		a.name, a.flags = combine(a.name, FamilyName), a.flags|fKana
		return
	case "セイメイ":
		a.name, a.flags = combine(a.name, PersonName), a.flags|fKana
		return
	}
	for _, t := range strongNames {
		if strings.Contains(core, t.text) && !(t.text == "姓" && strings.Contains(core, "姓名")) {
			a.name = combine(a.name, t.class)
			a.flags |= t.flags
		}
	}
	// Every other 名 is judged by what stands before it: 顧客名 is a
	// person's, 会社名 a company's.
	for i := 0; i < len(core); {
		k := strings.Index(core[i:], "名")
		if k < 0 {
			break
		}
		at := i + k
		i = at + len("名")
		prev, _ := utf8.DecodeLastRuneInString(core[:at])
		next, _ := utf8.DecodeRuneInString(core[i:])
		switch {
		case strings.ContainsRune("前字義", next) || strings.ContainsRune("氏姓宛芳籍英本実", prev) && at > 0:
			// One of strongNames.
		case strings.ContainsRune(notNameAfter, next):
			a.negated = true // 名称, 名簿
		case at > 0 && strings.ContainsRune(personChars, prev) && !endsWithAny(core[:at], notPersons):
			a.name = combine(a.name, PersonName)
		default:
			a.negated = true
		}
	}
	// A person alone: 担当者, 受取人 hold names; 顧客 stands for one before
	// a kana marker.
	last, _ := utf8.DecodeLastRuneInString(core)
	if strings.ContainsRune(personChars, last) && !endsWithAny(core, notPersons) {
		a.person = true
		if (last == '者' || last == '人') && a.name == Unknown && !a.negated {
			a.name = PersonName
		}
	}
	if core == "担当" {
		a.person, a.name = true, PersonName
	}
}

func endsWithAny(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// brackets open and close annotations: "氏名(カナ)", "住所【必須】".
var brackets = map[rune]rune{'(': ')', '【': '】', '「': '」', '『': '』', '〔': '〕', '〈': '〉', '《': '》'}

// jaCore returns the Japanese of seg without bracketed annotations, name
// markers (カナ, ローマ字, 漢字), punctuation, ASCII and an honorific お or
// ご: "お名前（カナ）" → "名前".
func jaCore(seg string) string {
	// 漢字名 is a full name in kanji, not the given name 名.
	seg = strings.ReplaceAll(seg, "漢字名", "氏名")
	for _, t := range jaFlagTerms {
		if t.flags&(fKana|fRomaji|fRomajiWeak|fNameMod) != 0 && t.in(seg) {
			seg = strings.ReplaceAll(seg, t.text, " ")
		}
	}
	var b strings.Builder
	var closing []rune
	for _, r := range seg {
		if c, ok := brackets[r]; ok {
			closing = append(closing, c)
			continue
		}
		if n := len(closing); n > 0 {
			if r == closing[n-1] {
				closing = closing[:n-1]
			}
			continue
		}
		if isJapaneseWordRune(r) {
			b.WriteRune(r)
		}
	}
	core := b.String()
	if len(core) > len("お") && (strings.HasPrefix(core, "お") || strings.HasPrefix(core, "ご")) {
		core = core[len("お"):]
	}
	return core
}

// isJapaneseWordRune: kana (without the middle dot), CJK ideographs and 々.
func isJapaneseWordRune(r rune) bool {
	return r >= 0x3041 && r <= 0x30FF && r != 0x30FB || r >= 0x3400 && r <= 0x9FFF || r == '々'
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 32
				}
			}
			return string(b)
		}
	}
	return s
}

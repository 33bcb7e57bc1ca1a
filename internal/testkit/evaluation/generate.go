package evaluation

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

// DefaultSeed and DefaultN make the reference set that TestTargets and
// pmscan-eval use.
const (
	DefaultSeed uint64 = 0x706d7363616e6576 // "pmscanev"
	DefaultN    int    = 3000
)

// Types that the generator labels.
const (
	TypePersonName  = "person_name"
	TypeAddress     = "address"
	TypeSensitive   = "sensitive"
	TypePostalCode  = "postal_code"
	TypePhone       = "phone"
	TypeEmail       = "email"
	TypeGender      = "gender"
	TypeEducation   = "education"
	TypeWorkHistory = "work_history"
	TypePassword    = "password"
	TypeUserID      = "user_id"
	TypeNationality = "nationality"
)

// category is one part of the set, with its share in percent.
type category struct {
	name    string
	percent int
	make    func(*gen) Sample
}

// categories: hard negatives get what rounding leaves, at least their share.
var categories = []category{
	{TypePersonName, 30, (*gen).nameSample},
	{TypeAddress, 25, (*gen).addressSample},
	{TypeSensitive, 10, (*gen).sensitiveSample},
	{"column_only", 8, (*gen).columnOnlySample},
	{ContextNegative, 27, (*gen).negativeSample},
}

// Generate returns n labelled samples drawn from seed: the same seed and n
// give the same samples. Each category draws from its own source, so a
// change to one does not reshuffle the others.
func Generate(seed uint64, n int) []Sample {
	out := make([]Sample, 0, n)
	left := n
	for i, c := range categories {
		k := n * c.percent / 100
		if i == len(categories)-1 {
			k = left
		}
		left -= k
		g := newGen(seed, c.name)
		for range k {
			out = append(out, c.make(g))
		}
	}
	mix := newGen(seed, "shuffle")
	mix.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// gen draws one category's samples.
type gen struct {
	r   *rand.Rand
	syn *synthetic.Gen // phone numbers, e-mail addresses, number hard negatives
	neg []synthetic.HardNegative
}

func newGen(seed uint64, name string) *gen {
	h := fnv.New64a()
	h.Write([]byte(name))
	s := seed ^ h.Sum64()
	return &gen{r: rand.New(rand.NewPCG(s, s^0x9E3779B97F4A7C15)), syn: synthetic.New(s)}
}

func pick[T any](g *gen, s []T) T { return s[g.r.IntN(len(s))] }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// builder assembles a text and the labels of its parts.
type builder struct {
	b      strings.Builder
	labels []Label
}

// add appends text, labelled with typ (and kind) unless typ is "".
func (b *builder) add(text, typ, kind string) {
	start := b.b.Len()
	b.b.WriteString(text)
	if typ != "" {
		b.labels = append(b.labels, Label{Type: typ, Kind: kind, Start: start, End: b.b.Len()})
	}
}

func (b *builder) sample(context, column string) Sample {
	return Sample{Context: context, Column: column, Text: b.b.String(), Labels: b.labels}
}

// cell is a whole-value sample; a few cells carry padding, which the label
// leaves out.
func (g *gen) cell(context, column, value, typ, kind string) Sample {
	var b builder
	pad := g.chance(0.05)
	if pad {
		b.add(pick(g, []string{" ", "　"}), "", "")
	}
	b.add(value, typ, kind)
	if pad {
		b.add(" ", "", "")
	}
	return b.sample(context, column)
}

// cellContext picks csv or json and a column name from the matching list.
func (g *gen) cellContext(jsonShare float64, csvCols, jsonCols []string) (context, column string) {
	if g.chance(jsonShare) {
		return ContextJSON, pick(g, jsonCols)
	}
	return ContextCSV, pick(g, csvCols)
}

// person is a name pair; at least one part comes from the rare lists in
// about half of all persons.
type person struct{ sur, given synthetic.Name }

var commonGivenNames = append(synthetic.GivenNames(synthetic.Male), synthetic.GivenNames(synthetic.Female)...)

func (g *gen) person() person {
	p := person{pick(g, synthetic.Surnames), pick(g, commonGivenNames)}
	if g.chance(0.3) {
		p.sur = pick(g, rareSurnames)
	}
	if g.chance(0.35) {
		p.given = pick(g, modernGivenNames)
	}
	return p
}

var nameSeps = []string{"", " ", "　"}

func (p person) kanji(sep string) string { return p.sur.Kanji + sep + p.given.Kanji }

func (g *gen) kana(p person) string {
	switch g.r.IntN(10) {
	case 0, 1, 2:
		return halfWidthKana(p.sur.Kana + pick(g, []string{"", " "}) + p.given.Kana)
	case 3, 4:
		return synthetic.Hiragana(p.sur.Kana + pick(g, nameSeps) + p.given.Kana)
	}
	return p.sur.Kana + pick(g, nameSeps) + p.given.Kana
}

func (g *gen) romaji(p person) string {
	given, sur := p.given.Romaji, p.sur.Romaji
	switch g.r.IntN(4) {
	case 0:
		return given + " " + sur
	case 1:
		return strings.ToUpper(sur) + " " + given
	case 2:
		return sur + " " + given
	}
	return strings.ToUpper(given + " " + sur)
}

func (g *gen) nameSample() Sample {
	p := g.person()
	switch k := g.r.IntN(100); {
	case k < 35:
		ctx, col := g.cellContext(0.3, nameColumnsCSV, nameColumnsJSON)
		return g.cell(ctx, col, p.kanji(pick(g, nameSeps)), TypePersonName, "")
	case k < 46:
		if g.chance(0.5) {
			ctx, col := g.cellContext(0.25, familyColumns, familyColumnsJSON)
			return g.cell(ctx, col, p.sur.Kanji, TypePersonName, "")
		}
		ctx, col := g.cellContext(0.25, givenColumns, givenColumnsJSON)
		return g.cell(ctx, col, p.given.Kanji, TypePersonName, "")
	case k < 57:
		ctx, col := g.cellContext(0.25, kanaColumnsCSV, kanaColumnsJSON)
		return g.cell(ctx, col, g.kana(p), TypePersonName, "")
	case k < 65:
		ctx, col := g.cellContext(0.3, romajiColumnsCSV, romajiColumnsJSON)
		return g.cell(ctx, col, g.romaji(p), TypePersonName, "")
	}
	return g.sentence(pick(g, nameSentences), p)
}

// Sentence templates. A {SLOT} becomes a labelled value (see slots); the
// rest is plain text, so a name label never includes 様, さん or a label
// like 氏名：.
var (
	nameSentences = []string{
		"担当の{SEI}様よりご連絡いたします。",
		"{NAME0}さんから電話がありました。",
		"氏名：{NAMESP}",
		"氏名: {NAME}",
		"担当: {SEI}",
		"{NAME0}氏が代表取締役に就任しました。",
		"{NAMESP}殿",
		"Name: {ROMAJI}",
		"{NAME0}は昨日来社した。",
		"{NAME}様 ご予約ありがとうございます。",
		"お客様の{SEI}様から問い合わせがありました。",
		"差出人：{NAME}",
		"{SEI}部長に確認します。",
		"{NAME0}（{KANA}）",
		"ふりがな: {HIRA}",
		"Contact: {ROMAJI}",
		"{SEI}さん、明日の会議の件です。",
		"申込者 {NAME} 様",
		"{NAME0}様の携帯は{MOBILE}です。",
		"{NAME}様 <{EMAIL}>",
		"{SEI}先生の診察は午後からです。",
		"文責：{NAME}",
		"{NAME0}くんが入賞した。",
		"本日の打ち合わせには{NAME0}と{OTHER0}が参加した。",
		"{SEI}課長と{OTHERSEI}主任が出張中です。",
		"ご紹介者：{NAME}様",
	}
	addressSentences = []string{
		"住所：{ADDR}",
		"住所: {ADDR}",
		"{ADDR}に住んでいます。",
		"お届け先は{ADDR}です。",
		"現住所は{ADDR}です。",
		"{ADDR}までお送りください。",
		"〒{POSTAL} {ADDR}",
		"送付先：〒{POSTAL} {ADDR}（{NAME}様）",
		"{SEI}様のご住所は{ADDR}となっております。",
		"引っ越し先は{ADDR}。",
		"本籍地：{ADDR}",
		"{ADDR}、{NAME}様宛",
		"転居先 {ADDR}",
	}
)

// slot is what a {SLOT} of a template becomes: a value of typ (and kind),
// or plain text when typ is "".
type slot struct {
	typ, kind string
	value     func(g *gen, p, o person) string
}

// slots fill the {SLOT}s of templates for one person p and another, o.
var slots = map[string]slot{
	"NAME":     {TypePersonName, "", func(g *gen, p, _ person) string { return p.kanji(pick(g, nameSeps)) }},
	"NAME0":    {TypePersonName, "", func(_ *gen, p, _ person) string { return p.kanji("") }},
	"NAMESP":   {TypePersonName, "", func(g *gen, p, _ person) string { return p.kanji(pick(g, nameSeps[1:])) }},
	"OTHER0":   {TypePersonName, "", func(_ *gen, _, o person) string { return o.kanji("") }},
	"SEI":      {TypePersonName, "", func(_ *gen, p, _ person) string { return p.sur.Kanji }},
	"OTHERSEI": {TypePersonName, "", func(_ *gen, _, o person) string { return o.sur.Kanji }},
	"KANA":     {TypePersonName, "", func(_ *gen, p, _ person) string { return p.sur.Kana + p.given.Kana }},
	"HIRA": {TypePersonName, "", func(g *gen, p, _ person) string {
		return synthetic.Hiragana(p.sur.Kana + pick(g, nameSeps) + p.given.Kana)
	}},
	"ROMAJI": {TypePersonName, "", func(g *gen, p, _ person) string { return g.romaji(p) }},
	"MOBILE": {TypePhone, "", func(g *gen, _, _ person) string { return g.syn.MobilePhone().Format(synthetic.PhoneHyphen) }},
	"EMAIL": {TypeEmail, "", func(g *gen, p, _ person) string {
		return g.syn.Email(synthetic.Person{Surname: p.sur, Given: p.given})
	}},
	"ADDR":     {TypeAddress, "", func(g *gen, _, _ person) string { return g.address() }},
	"POSTAL":   {TypePostalCode, "", func(g *gen, _, _ person) string { return g.postal() }},
	"MED":      {TypeSensitive, "medical_history", words(diseases)},
	"DIS":      {TypeSensitive, "disability", words(disabilityCards)},
	"CRIME":    {TypeSensitive, "criminal_record", words(criminalTerms)},
	"VICTIM":   {TypeSensitive, "crime_victim", words(victimTerms)},
	"RELIGION": {TypeSensitive, "religion_belief", words(religions)},
	"RACE":     {TypeSensitive, "race_ethnicity", words(ethnicities)},
	"STATUS":   {TypeSensitive, "social_status", words(socialStatuses)},
	"HEALTH":   {TypeSensitive, "health_check", words(healthResults)},
	"GRADE":    {"", "", func(g *gen, _, _ person) string { return strconv.Itoa(g.between(1, 6)) + "級" }},
	"CO":       {"", "", words(companies)},
	"PRODUCT":  {"", "", words(products)},
	"STATION":  {"", "", words(stations)},
}

func words(list []string) func(*gen, person, person) string {
	return func(g *gen, _, _ person) string { return pick(g, list) }
}

// sentence fills tpl for p and a second person and returns it as a sentence
// sample, or as a negative when it has no labels.
func (g *gen) sentence(tpl string, p person) Sample {
	o := g.person()
	for o.sur.Kanji == p.sur.Kanji {
		o = g.person()
	}
	var b builder
	for tpl != "" {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.add(tpl, "", "")
			break
		}
		j := strings.IndexByte(tpl[i:], '}') + i
		b.add(tpl[:i], "", "")
		sl, ok := slots[tpl[i+1:j]]
		if !ok {
			panic(fmt.Sprintf("evaluation: template %q: unknown slot", tpl))
		}
		b.add(sl.value(g, p, o), sl.typ, sl.kind)
		tpl = tpl[j+1:]
	}
	if len(b.labels) == 0 {
		return b.sample(ContextNegative, "")
	}
	return b.sample(ContextSentence, "")
}

// postal returns an illustrative NNN-NNNN postal code.
func (g *gen) postal() string {
	return fmt.Sprintf("%03d-%04d", g.between(1, 999), g.r.IntN(10000))
}

// address writes an address from the prefecture (left out at random) to the
// block number or the building and room.
func (g *gen) address() string {
	pl := pick(g, places)
	var b strings.Builder
	if g.chance(0.75) {
		b.WriteString(pl.pref)
	}
	b.WriteString(pl.city)
	b.WriteString(pick(g, pl.towns))
	chome, ban, gou := g.between(1, 9), g.between(1, 40), g.between(1, 30)
	itoa := strconv.Itoa
	switch g.r.IntN(9) {
	case 0, 1:
		b.WriteString(itoa(chome) + "-" + itoa(ban) + "-" + itoa(gou))
	case 2:
		b.WriteString(itoa(chome) + "丁目" + itoa(ban) + "-" + itoa(gou))
	case 3:
		b.WriteString(kanjiNumber(chome) + "丁目" + kanjiNumber(ban) + "番" + kanjiNumber(gou) + "号")
	case 4:
		b.WriteString(itoa(chome) + "丁目" + itoa(ban) + "番" + itoa(gou) + "号")
	case 5:
		b.WriteString(itoa(g.between(1, 2500)) + "番地")
	case 6:
		b.WriteString(itoa(g.between(1, 2500)) + "番地の" + itoa(g.between(1, 30)))
	case 7:
		b.WriteString(synthetic.FullWidth(itoa(chome) + "-" + itoa(ban) + "-" + itoa(gou)))
	default:
		b.WriteString(itoa(chome) + "-" + itoa(ban))
	}
	if g.chance(0.45) {
		bldg := pick(g, buildings)
		room := itoa(g.between(1, 12)*100 + g.between(1, 9))
		sep := pick(g, []string{"", " ", " ", "　"})
		switch g.r.IntN(4) {
		case 0:
			b.WriteString(sep + bldg + " " + room + "号室")
		case 1:
			b.WriteString(sep + bldg + room + "号室")
		case 2:
			b.WriteString(sep + bldg + itoa(g.between(1, 12)) + "F")
		default:
			b.WriteString(sep + bldg + " " + room)
		}
	}
	return b.String()
}

func (g *gen) addressSample() Sample {
	if g.chance(0.45) {
		return g.sentence(pick(g, addressSentences), g.person())
	}
	ctx, col := g.cellContext(0.35, addrColumnsCSV, addrColumnsJSON)
	if !g.chance(0.25) {
		return g.cell(ctx, col, g.address(), TypeAddress, "")
	}
	// A postal code before the address is a label of its own.
	var b builder
	b.add("〒", "", "")
	code := g.postal()
	if g.chance(0.3) {
		code = strings.ReplaceAll(code, "-", "")
	}
	b.add(code, TypePostalCode, "")
	b.add(pick(g, []string{" ", "　", ""}), "", "")
	b.add(g.address(), TypeAddress, "")
	return b.sample(ctx, col)
}

// sensitiveKind is one sub-kind of the sensitive type: sentences that use
// its slot, and columns whose whole cell is of that kind.
//
// A sensitive label spans the phrase that says what the information is, the
// span convention of detectors/sensitive:
//   - a record or certificate with its grade or presence status:
//     身体障害者手帳3級, 逮捕歴あり, 逮捕歴がある, 前科あり;
//   - a label with its value: 信仰：カトリック, 既往歴：糖尿病;
//   - a test with its value: HbA1c 7.2%;
//   - a term with the word that qualifies it: 乳がん (site), 琉球民族
//     (people), 詐欺被害 (crime);
//   - otherwise the term alone, without the markers around it: 糖尿病 in
//     糖尿病で通院中, キリスト教 in キリスト教を信仰している, 要再検査 in
//     健康診断の結果、…は要再検査と判定された;
//   - in a column named for the kind, the whole cell.
//
// In a template, «…» marks such a phrase around a sensitive slot: the label
// spans the phrase, with the slot's kind (see phrase).
type sensitiveKind struct {
	kind      string
	sentences []string
	columns   []string
	cells     func(g *gen) string
}

var sensitiveKinds = []sensitiveKind{
	{"medical_history", []string{
		"{SEI}様は{MED}で通院中です。",
		"{NAME0}さんは{MED}と診断された。",
		"«既往歴：{MED}»",
		"{SEI}さんは{MED}の治療のため休職中。",
	}, []string{"病歴", "既往歴", "medical_history", "patient.diagnosis"}, func(g *gen) string {
		if g.chance(0.3) {
			return pick(g, diseases) + "、" + pick(g, diseases)
		}
		return pick(g, diseases)
	}},
	{"disability", []string{
		"{SEI}さんは«{DIS}{GRADE}»を所持している。",
		"{NAME0}さんは{DIS}の交付を受けている。",
	}, []string{"障害等級", "障害者手帳", "disability"}, func(g *gen) string {
		return pick(g, disabilityCards) + strconv.Itoa(g.between(1, 6)) + "級"
	}},
	{"criminal_record", []string{
		"{NAME0}は«{CRIME}あり»。",
		"{SEI}氏には«{CRIME}がある»。",
	}, []string{"犯罪歴", "前科", "criminal_record"}, func(g *gen) string {
		return pick(g, []string{"前科一犯", "あり", "窃盗罪（懲役1年・執行猶予3年）", "道路交通法違反で罰金刑"})
	}},
	{"crime_victim", []string{
		"{SEI}さんは昨年{VICTIM}に遭った。",
		"{NAME0}様より{VICTIM}の相談を受けた。",
	}, []string{"被害内容", "犯罪被害"}, func(g *gen) string { return pick(g, victimTerms) }},
	{"religion_belief", []string{
		"{NAME0}さんは{RELIGION}を信仰している。",
		"«信仰：{RELIGION}»",
	}, []string{"宗教", "信仰", "religion"}, func(g *gen) string { return pick(g, religions) }},
	{"race_ethnicity", []string{
		"{SEI}さんは{RACE}の出身です。",
	}, nil, nil},
	{"social_status", []string{
		"{SEI}様は{STATUS}であることを打ち明けた。",
	}, nil, nil},
	{"health_check", []string{
		"健康診断の結果、{SEI}さんは{HEALTH}と判定された。",
	}, []string{"健康診断結果", "health_check", "検診結果"}, func(g *gen) string {
		return pick(g, append([]string{"異常なし", "血圧高値 要再検査", "肝機能 要経過観察"}, healthResults...))
	}},
}

func (g *gen) sensitiveSample() Sample {
	k := pick(g, sensitiveKinds)
	if k.cells != nil && g.chance(0.4) {
		col := pick(g, k.columns)
		ctx := ContextCSV
		if strings.Contains(col, ".") {
			ctx = ContextJSON
		}
		return g.cell(ctx, col, k.cells(g), TypeSensitive, k.kind)
	}
	return phrase(g.sentence(pick(g, k.sentences), g.person()))
}

// Marks of a sensitive phrase in a template.
const phraseOpen, phraseClose = "«", "»"

// phrase removes the «…» marks from a filled template and widens the
// sensitive label inside them to the whole phrase: "{CRIME}あり" labels
// 前科あり, not 前科. Other labels keep their text; it draws nothing, so the
// samples stay those of the seed.
func phrase(s Sample) Sample {
	open := strings.Index(s.Text, phraseOpen)
	if open < 0 {
		return s
	}
	end := strings.Index(s.Text, phraseClose)
	if end < open {
		panic(fmt.Sprintf("evaluation: sample %q: unbalanced phrase marks", s.Text))
	}
	shift := func(i int) int {
		switch {
		case i >= end+len(phraseClose):
			return i - len(phraseOpen) - len(phraseClose)
		case i >= open+len(phraseOpen):
			return i - len(phraseOpen)
		}
		return i
	}
	s.Text = s.Text[:open] + s.Text[open+len(phraseOpen):end] + s.Text[end+len(phraseClose):]
	for i, l := range s.Labels {
		if l.Type == TypeSensitive && l.Start >= open && l.End <= end {
			l.Start, l.End = open, end-len(phraseOpen)
		} else {
			l.Start, l.End = shift(l.Start), shift(l.End)
		}
		s.Labels[i] = l
	}
	return s
}

// columnOnly is a type told by its column alone: the whole cell is the label.
type columnOnly struct {
	typ     string
	columns []string
	values  func(g *gen) string
}

var columnOnlyTypes = []columnOnly{
	{TypeGender, []string{"性別", "gender", "sex", "seibetsu", "user.gender"}, func(g *gen) string {
		return pick(g, []string{"男", "女", "M", "F", "男性", "女性", "male", "female"})
	}},
	{TypeEducation, []string{"学歴", "最終学歴", "education"}, func(g *gen) string {
		return pick(g, []string{"東京大学 法学部 卒業", "県立高校 卒業", "大学院 修士課程 修了", "専門学校卒", "京都大学大学院 工学研究科 博士課程修了", "高卒", "短期大学 家政学科 卒業"})
	}},
	{TypeWorkHistory, []string{"職歴", "work_history", "career", "職務経歴"}, func(g *gen) string {
		return pick(g, []string{"株式会社サンプル商事 営業部 5年", "システムエンジニアとして10年勤務", "小売業 店長 3年", "地方銀行 融資課を経て現職", "製造業 品質管理 8年、同業他社へ転職"})
	}},
	{TypePassword, []string{"password", "パスワード", "passwd", "pwd", "password_hash"}, (*gen).password},
	{TypeUserID, []string{"user_id", "ユーザーID", "login_id", "userId", "ログインID"}, func(g *gen) string {
		switch g.r.IntN(4) {
		case 0:
			return "u_" + strconv.Itoa(g.between(10000, 99999))
		case 1:
			return "member-" + fmt.Sprintf("%04d", g.r.IntN(10000))
		case 2:
			return pick(g, []string{"bluefox", "tanuki", "sakura_fan", "nightowl"}) + strconv.Itoa(g.between(1, 99))
		}
		return "usr" + fmt.Sprintf("%06d", g.r.IntN(1000000))
	}},
	{TypeNationality, []string{"国籍", "nationality", "kokuseki"}, func(g *gen) string {
		return pick(g, []string{"日本", "中国", "韓国", "ベトナム", "フィリピン", "ブラジル", "アメリカ合衆国", "ネパール", "JPN", "VNM"})
	}},
}

const b64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func (g *gen) password() string {
	rnd := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[g.r.IntN(len(alphabet))]
		}
		return string(b)
	}
	switch g.r.IntN(4) {
	case 0:
		return "$2b$12$" + rnd(b64, 53) // bcrypt
	case 1:
		return rnd("0123456789abcdef", 64) // SHA-256
	case 2:
		return pick(g, []string{"Passw0rd!", "hunter2", "qwerty123", "Tokyo2024!", "sakura#77"})
	}
	return rnd(b64[2:], 10) + "!"
}

func (g *gen) columnOnlySample() Sample {
	c := pick(g, columnOnlyTypes)
	col := pick(g, c.columns)
	ctx := ContextCSV
	if strings.Contains(col, ".") {
		ctx = ContextJSON
	}
	return g.cell(ctx, col, c.values(g), c.typ, "")
}

var (
	companySentences = []string{
		"{CO}の決算発表は来週です。",
		"{CO}と業務提携を締結しました。",
		"取引先：{CO}",
		"株式会社{CO} 御中",
		"{CO}の株価が上昇した。",
		"{CO}本社にて打ち合わせ",
	}
	productSentences = []string{
		"新発売の{PRODUCT}を試した。",
		"{PRODUCT} 500ml × 24本",
		"{PRODUCT}の在庫が残りわずかです。",
		"{PRODUCT}を購入しました。",
	}
	placeSentences = []string{
		"{STATION}で買い物をした。",
		"{STATION}駅で待ち合わせ",
		"{STATION}まで電車で行く。",
		"{STATION}方面の電車が遅延しています。",
	}
)

// negativeSample returns a hard negative: a fixed line, a company, product
// or place sentence, a name-like value in a non-personal column, or one of
// synthetic's number near-misses.
func (g *gen) negativeSample() Sample {
	switch k := g.r.IntN(100); {
	case k < 40:
		return Sample{Context: ContextNegative, Text: pick(g, negativeLines)}
	case k < 50:
		return g.sentence(pick(g, companySentences), person{})
	case k < 56:
		return g.sentence(pick(g, productSentences), person{})
	case k < 63:
		return g.sentence(pick(g, placeSentences), person{})
	case k < 90:
		c := pick(g, negativeColumns)
		return Sample{Context: ContextNegative, Column: pick(g, c.columns), Text: pick(g, c.values)}
	}
	if len(g.neg) == 0 {
		g.neg = g.syn.HardNegatives()
	}
	s := Sample{Context: ContextNegative, Text: g.neg[0].Text}
	g.neg = g.neg[1:]
	return s
}

// kanjiNumber writes 1 to 99 in kanji numerals: 三, 十二, 二十三.
func kanjiNumber(n int) string {
	const digits = "〇一二三四五六七八九"
	d := func(i int) string { return string([]rune(digits)[i]) }
	var s string
	if n >= 20 {
		s = d(n/10) + "十"
	} else if n >= 10 {
		s = "十"
	}
	if n%10 != 0 || n == 0 {
		s += d(n % 10)
	}
	return s
}

// halfWidthKana writes katakana in half-width forms (ガ → ｶﾞ); the
// ideographic space becomes an ASCII space.
func halfWidthKana(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '　':
			b.WriteByte(' ')
		case halfKana[r] != "":
			b.WriteString(halfKana[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var halfKana = func() map[rune]string {
	m := map[rune]string{}
	full := []rune("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー・")
	half := []rune("ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ･")
	for i, r := range full {
		m[r] = string(half[i])
	}
	voiced, base := []rune("ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ"), []rune("カキクケコサシスセソタチツテトハヒフヘホウ")
	for i, r := range voiced {
		m[r] = m[base[i]] + "ﾞ"
	}
	semi, semiBase := []rune("パピプペポ"), []rune("ハヒフヘホ")
	for i, r := range semi {
		m[r] = m[semiBase[i]] + "ﾟ"
	}
	return m
}()

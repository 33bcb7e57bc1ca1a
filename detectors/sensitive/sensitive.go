// Package sensitive finds 要配慮個人情報, special care-required personal
// information: medical history and treatment, disability, criminal records
// and criminal procedure, crime victimhood, religion and beliefs, race and
// ethnic origin, social status and health check results. Every finding names
// its sub-kind in Verdict.Kind (medical_history, disability,
// criminal_record, crime_victim, religion_belief, race_ethnicity,
// social_status, health_check). Nationality (国籍) is not special care-
// required and is not reported.
//
// In free text the detector looks for terms (糖尿病, 身体障害者手帳, 逮捕歴,
// 信仰, 人種, HbA1c) and reads the phrase each begins: a grade (身体障害者手帳
// 1級), a test value (HbA1c 7.2%, 血圧 158/96), a prison term (懲役3年), a
// label's value (既往歴: 糖尿病、高血圧) or a status (前科あり, 逮捕歴がある,
// 持病はありません). A qualifier right before a term opens its phrase: the
// site of a cancer (肺がん, 子宮頸がん, 胃癌), the people of 民族 (琉球民族,
// アイヌ民族, 漢民族, any katakana name: クルド民族), the crime of 被害 (詐欺
// 被害, 窃盗の被害, DV被害). The finding's span is that phrase; terms inside
// it are not reported again. Markers around a term (で通院中, を信仰, の出身)
// are evidence, not part of the span.
//
// Race and ethnic origin are a people (琉球民族), a minority's name (在日
// コリアン, 在日韓国人, 在日朝鮮人, アイヌ) or an ancestry: 〇〇系 followed by the
// person it names (日系ブラジル人, 韓国系米国人, 日系人, 日系三世), whose span
// is the whole phrase. 〇〇系 naming no person (日系企業, 外資系, 理系) and a
// plain nationality (ブラジル人, 韓国籍) are not reported. Social status is a
// status fixed by birth (被差別部落出身, 同和地区出身, 非嫡出子, 婚外子), not
// 学歴 or a career. 被害 is a crime victim's only after a crime (詐欺, 窃盗,
// 強盗, 暴行, 性的, 痴漢, ストーカー, 虐待 ...), never in 台風被害, 風評被害 or a
// company's 被害総額.
// In a column named for a kind (病歴, 既往歴, 障害区分, 宗教, 人種, 健診,
// medical_history, diagnosis, disability, religion, race, ethnicity,
// health_check; English names by whole words, so trace_id is no race) the
// whole trimmed cell is the finding.
//
// Confidence is the strength of the evidence that the text is a person's
// data:
//
//	High    a certificate or record term (身体障害者手帳, 逮捕歴, 前科, 犯罪歴);
//	        a term with a grade, test value or prison term (療育手帳A,
//	        HbA1c 7.2%, 血圧 158/96, 懲役3年); a label with a value
//	        (既往歴: 糖尿病, 宗教: 仏教); a specific term with a presence status
//	        (既往歴あり) or beside a marker of its kind (糖尿病で通院中, うつ病と
//	        診断, 服役中, 仏教徒), a label of its kind (既往歴は糖尿病) or a person
//	        (田中さんは認知症); a non-empty cell of a column named for the kind.
//	        A qualified term is specific (琉球民族), though 民族 alone is weak
//	Medium  a specific term alone (既往歴, 持病, うつ病, 信仰, 執行猶予,
//	        要再検査); a weak term beside a marker or with a presence status
//	        (病院に通院中, 心療内科に通院); an action as a state or deed
//	        (通院中, 服薬している, 逮捕された)
//	Low     a weak or ambiguous term alone (病院, 精神科, 宗教, 人種, 民族,
//	        健康診断, 信者, 障害区分, アイヌ), a test name without a value (血圧,
//	        血糖値), an action alone (入院, 処方, 起訴); any term, a record
//	        term too, in general use or as a topic (糖尿病の予防, うつ病とは,
//	        うつ病に関する講演会, 前科の有無, 犯罪被害者等基本法), in a form's
//	        question or a statement about a form, without a value of its own
//	        (既往歴をご記入ください, 持病はありますか, 既往歴の有無をお答え
//	        ください, 前科を問う欄は設けていません); any value meaning none
//	        (前科なし, 既往歴: なし, a cell "なし", "-", "N/A", "0")
//
// What is not reported, though it contains a term:
//   - a word that is part of another (ガンダム, がんばる, スローガン), a
//     product or an institution (がん保険, 血圧計, 宗教法人, 調剤薬局, 民族衣装,
//     人種差別, アイヌ語, 子宮頸がんワクチン), a checkup being organised
//     (健康診断の予約システム, がん検診のお知らせ), a design
//     philosophy or a motto (設計思想, 経営信条), a fault of a machine
//     (システム障害 and 通信障害 are not terms at all; bare 障害 is one only as a
//     column name);
//   - policy language: a term in a sentence with words such as 要配慮,
//     個人情報, 取得しません, 同意を得, を問わず, 差別 or 記入しないで, unless a
//     value of its own (a grade, a test value, a label's value) shows a
//     person's data; a category name (病歴, 信条, 人種, 犯罪歴, 知的障害) also
//     when such words stand anywhere in the 300 characters before it, across
//     lines, as in a bulleted policy;
//   - an enumeration of category names (人種、信条、病歴; 病歴等): a list of
//     categories is about no one;
//   - a term that only serves as context for a neighbouring one, which is
//     reported instead (既往歴 in 既往歴は糖尿病, 通院中 in 糖尿病で通院中,
//     信仰 in キリスト教を信仰している);
//   - 前歴 in a career (職務の前歴, 前歴換算): it is a police record only beside
//     crime words, and Low without either;
//   - in a 障害 column, fault classes (システム, 通信, 復旧) and columns of
//     faults (障害発生日時, 障害対応); in an English health_check column,
//     service states (ok, passing, unhealthy, URLs).
package sensitive

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pmscan/pmscan/detectors"
)

// The kinds of special care-required information, for Verdict.Kind.
const (
	MedicalHistory = "medical_history" // 病歴, 診療・調剤情報
	Disability     = "disability"      // 身体障害・知的障害・精神障害
	CriminalRecord = "criminal_record" // 犯罪の経歴, 刑事・少年事件の手続
	CrimeVictim    = "crime_victim"    // 犯罪により害を被った事実
	ReligionBelief = "religion_belief" // 信条 (思想・宗教)
	RaceEthnicity  = "race_ethnicity"  // 人種, 民族, 門地
	SocialStatus   = "social_status"   // 社会的身分
	HealthCheck    = "health_check"    // 健康診断等の結果
)

// Kinds lists every kind the detector reports.
func Kinds() []string {
	return []string{MedicalHistory, Disability, CriminalRecord, CrimeVictim, ReligionBelief, RaceEthnicity,
		SocialStatus, HealthCheck}
}

// Detector finds special care-required personal information. It holds no
// state and is safe for concurrent use.
type Detector struct{}

var (
	_ detectors.Detector        = (*Detector)(nil)
	_ detectors.ColumnSignaller = (*Detector)(nil)
	_ detectors.Masker          = (*Detector)(nil)
)

// New returns a detector of special care-required personal information.
func New() *Detector { return &Detector{} }

// Type implements detectors.Detector.
func (*Detector) Type() string { return "sensitive" }

var keywords = vocab.keywords()

// Keywords implements detectors.Detector: the terms, less those that
// contain a shorter one (the gate matches substrings).
func (*Detector) Keywords() []string { return slices.Clone(keywords) }

var columnWords = func() []string {
	out := slices.Clone(enGates)
	for _, c := range jaColumns {
		out = append(out, c.word)
	}
	return out
}()

// ColumnWords implements detectors.ColumnSignaller: a column named 障害 or
// race opens the gate, though neither is a term in text.
func (*Detector) ColumnWords() []string { return slices.Clone(columnWords) }

// Mask implements detectors.Masker: every character but separators is
// masked. The default mask keeps the end of a value, which here is the
// information itself (the disease in 既往歴: 糖尿病); the finding's kind
// says what sort of information it is.
func (*Detector) Mask(value string) string { return detectors.MaskKeep(value, 0, 0) }

// Find returns the trimmed cell of a column named for a kind; otherwise the
// phrase of every term, scanning left to right and taking the longest term
// at each place, so spans never overlap.
func (*Detector) Find(t *detectors.Text) []detectors.Candidate {
	if _, ok := columnOf(t); ok {
		lo, hi := detectors.TrimmedSpan(t.Norm)
		if lo == hi {
			return nil
		}
		return []detectors.Candidate{{Start: lo, End: hi}}
	}
	s := t.Norm
	var out []detectors.Candidate
	last := 0 // the end of the last candidate: a qualifier starts no earlier
	for i := 0; i < len(s); {
		// runeAt, inlined: this loop is the cost of text without terms.
		c, r, size := s[i], rune(s[i]), 1
		switch {
		case c < utf8.RuneSelf:
		case c >= 0xE0 && c < 0xF0 && i+2 < len(s):
			r, size = rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if r < 0x10000 && vocab.first[r>>6]&(1<<(r&63)) != 0 {
			if next, _ := runeAt(s, i+size); vocab.mayBegin(r, next) {
				if tm, end, ok := termAtRune(s, i, r); ok {
					start := qualifierStart(s, last, i, tm)
					end, _ = extend(s, start, end, tm)
					out = append(out, detectors.Candidate{Start: start, End: end})
					i, last = end, end
					continue
				}
			}
		}
		i += size
	}
	return out
}

// runeAt decodes the rune at s[i], the three-byte runes of Japanese text
// inline; at the end of s it returns 0.
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	c := s[i]
	switch {
	case c < utf8.RuneSelf:
		return rune(c), 1
	case c >= 0xE0 && c < 0xF0 && i+2 < len(s):
		return rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// Reasons. None holds a matched value: the terms are the data.
const (
	reasonColumnValue = "value of a column named for the kind"
	reasonNone        = "value means none"
	reasonRecord      = "certificate or record term"
	reasonMeasure     = "grade, test value or prison term follows"
	reasonLabelValue  = "label with a value"
	reasonHeader      = "the term alone is a header or a label"
	reasonPresent     = "presence status follows"
	reasonMarker      = "marker of the kind nearby"
	reasonLabel       = "after a label of the kind"
	reasonPerson      = "after a person"
	reasonGeneric     = "general use"
	reasonAlone       = "term alone"
	reasonNoValue     = "test name without a value"
	reasonState       = "action as a state or deed"
	reasonCrime       = "crime words nearby"
	reasonForm        = "in a form's question or a statement about a form"
)

var kindReasons = map[string]string{
	MedicalHistory: "medical history term",
	Disability:     "disability term",
	CriminalRecord: "criminal record term",
	CrimeVictim:    "crime victim term",
	ReligionBelief: "religion or belief term",
	RaceEthnicity:  "race or ethnicity term",
	SocialStatus:   "social status term",
	HealthCheck:    "health check term",
}

// Judge implements detectors.Detector; the package comment gives the rules.
func (*Detector) Judge(c detectors.Candidate, t *detectors.Text) detectors.Verdict {
	if col, ok := columnOf(t); ok {
		return judgeCell(t, c, col)
	}
	s := t.Norm
	tm, head, end, ok := headAt(s, c.Start, c.End)
	if !ok || isRuby(s, c.Start, end) {
		return detectors.Verdict{}
	}
	_, ev := extend(s, c.Start, end, tm)
	if head > c.Start {
		tm = qualifiedForm(tm)
	}
	verdict := func(conf detectors.Confidence, reasons ...string) detectors.Verdict {
		return detectors.Verdict{Confidence: conf, Reasons: append([]string{kindReasons[tm.kind]}, reasons...), Kind: tm.kind}
	}
	ownValue := ev == evMeasure || ev == evLabelValue
	if ev == evLabelValue {
		v := s[end:c.End]
		if _, ok := containsAny(v, policyWords); ok {
			return detectors.Verdict{}
		}
		if _, ok := containsAny(v, itWords); ok && tm.kind == Disability {
			return detectors.Verdict{} // 障害区分: ハードウェア
		}
	}
	if !ownValue && inPolicy(s, c.Start, end, tm) {
		return detectors.Verdict{}
	}
	if !ownValue && tm.is(category) && enumerated(s, c.Start, end) {
		return detectors.Verdict{}
	}
	if tm.is(creed) && sentenceHas(s, c.Start, end, []string{"モットー"}) {
		return detectors.Verdict{}
	}
	if tm.is(prior) && ev != evLabelValue {
		switch {
		case sentenceHas(s, c.Start, end, careerWords):
			return detectors.Verdict{}
		case sentenceHas(s, c.Start, end, crimeWords):
			return verdict(detectors.High, reasonCrime)
		case ev == evAbsent:
			return verdict(detectors.Low, reasonNone)
		}
		return verdict(detectors.Low, reasonAlone)
	}
	// A form asks or declines to ask: no one's answer is in it.
	if !ownValue && ev != evLabelNone && ev != evAbsent && sentenceHas(s, c.Start, end, formWords) {
		if absorbed(s, c.Start, end, tm) {
			return detectors.Verdict{}
		}
		return verdict(detectors.Low, reasonForm)
	}
	switch ev {
	case evMeasure:
		return verdict(detectors.High, reasonMeasure)
	case evLabelValue:
		return verdict(detectors.High, reasonLabelValue)
	case evLabelNone, evAbsent:
		return verdict(detectors.Low, reasonNone)
	case evPresent:
		if tm.class == weak || tm.class == action {
			return verdict(detectors.Medium, reasonPresent)
		}
		return verdict(detectors.High, reasonPresent)
	}
	if absorbed(s, c.Start, end, tm) {
		return detectors.Verdict{}
	}
	if tm.is(label) && t.Column == "" && strings.TrimSpace(s) == s[c.Start:end] {
		if t.Label {
			// A header cell or a key that names the field (既往歴) is
			// the question, never the answer.
			return detectors.Verdict{}
		}
		// A field name that is the whole text of a field without a column
		// may be a form's label (既往歴, 犯罪歴), not an answer.
		return verdict(detectors.Low, reasonHeader)
	}
	conf, reason := rateAlone(s, c.Start, end, tm)
	return verdict(conf, reason)
}

// rateAlone rates a term whose phrase adds nothing, by its class and the
// words around it.
func rateAlone(s string, start, end int, tm *term) (detectors.Confidence, string) {
	switch tm.class {
	case record:
		if genericAt(s, end) > 0 {
			return detectors.Low, reasonGeneric // 前科の有無, 障害者手帳をご記入
		}
		return detectors.High, reasonRecord
	case test:
		return detectors.Low, reasonNoValue
	case action:
		if prefixOf(s[end:], actionSuffixes...) != "" {
			return detectors.Medium, reasonState
		}
		return detectors.Low, reasonAlone
	}
	from, generic := end, false
	if n := genericAt(s, end); n > 0 {
		from, generic = end+n, true
	}
	var evidence string
	switch {
	case markerNear(s, start, end, from, tm):
		evidence = reasonMarker
	case labelBefore(s, start, tm.kind):
		evidence = reasonLabel
	case personBefore(s, start):
		evidence = reasonPerson
	}
	switch {
	case evidence != "" && (tm.class == specific || tm.is(faith)):
		return detectors.High, evidence
	case evidence != "":
		return detectors.Medium, evidence
	case generic:
		return detectors.Low, reasonGeneric
	case tm.class == weak:
		return detectors.Low, reasonAlone
	}
	return detectors.Medium, reasonAlone
}

// isRuby reports a term that is the whole of a ruby reading, as Aozora
// Bunko's texts mark them: 頑《がん》 is no cancer.
func isRuby(s string, start, end int) bool {
	return strings.HasSuffix(s[:start], "《") && strings.HasPrefix(s[end:], "》")
}

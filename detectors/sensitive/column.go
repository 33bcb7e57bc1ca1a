package sensitive

import (
	"strings"

	"github.com/pmscan/pmscan/detectors"
)

// A column named for a kind makes its whole cell a finding of that kind.
type columnMatch struct {
	word string // what the name matched, for the reason
	kind string
	en   bool // matched by English words
}

// jaColumns are matched as substrings of the column name, in order: the
// health check words come before 診断 and 障害 can be claimed by them.
var jaColumns = []struct{ word, kind string }{
	{"健康診断", HealthCheck}, {"健診", HealthCheck}, {"検診", HealthCheck}, {"人間ドック", HealthCheck},
	{"ストレスチェック", HealthCheck}, {"血圧", HealthCheck}, {"血糖", HealthCheck}, {"hba1c", HealthCheck},
	{"既往", MedicalHistory}, {"病歴", MedicalHistory}, {"持病", MedicalHistory}, {"病名", MedicalHistory},
	{"診断名", MedicalHistory}, {"疾患", MedicalHistory}, {"疾病", MedicalHistory}, {"服薬", MedicalHistory},
	{"処方", MedicalHistory}, {"調剤", MedicalHistory}, {"通院", MedicalHistory}, {"入院歴", MedicalHistory},
	{"治療歴", MedicalHistory},
	{"障害", Disability}, {"障がい", Disability}, {"障碍", Disability}, {"療育", Disability},
	{"犯罪被害", CrimeVictim}, {"被害歴", CrimeVictim},
	{"犯罪歴", CriminalRecord}, {"前科", CriminalRecord}, {"逮捕歴", CriminalRecord}, {"犯歴", CriminalRecord},
	{"刑罰", CriminalRecord},
	{"宗教", ReligionBelief}, {"信仰", ReligionBelief}, {"宗派", ReligionBelief}, {"信条", ReligionBelief},
	{"支持政党", ReligionBelief}, {"思想", ReligionBelief},
	{"人種", RaceEthnicity}, {"民族", RaceEthnicity}, {"出自", RaceEthnicity}, {"門地", RaceEthnicity},
	{"社会的身分", SocialStatus},
}

// enColumns are matched as whole ASCII words of the column name, in
// sequence: race_id is race, trace_id and raceway_id are not.
var enColumns = []struct {
	words []string
	kind  string
}{
	{[]string{"medical", "history"}, MedicalHistory}, {[]string{"medical", "condition"}, MedicalHistory},
	{[]string{"medical", "conditions"}, MedicalHistory}, {[]string{"diagnosis"}, MedicalHistory},
	{[]string{"diagnoses"}, MedicalHistory}, {[]string{"disease"}, MedicalHistory},
	{[]string{"diseases"}, MedicalHistory}, {[]string{"illness"}, MedicalHistory},
	{[]string{"medication"}, MedicalHistory}, {[]string{"medications"}, MedicalHistory},
	{[]string{"prescription"}, MedicalHistory}, {[]string{"prescriptions"}, MedicalHistory},
	{[]string{"health", "check"}, HealthCheck}, {[]string{"health", "checkup"}, HealthCheck},
	{[]string{"checkup"}, HealthCheck}, {[]string{"health", "exam"}, HealthCheck},
	{[]string{"blood", "pressure"}, HealthCheck},
	{[]string{"disability"}, Disability}, {[]string{"disabilities"}, Disability}, {[]string{"handicap"}, Disability},
	{[]string{"criminal"}, CriminalRecord}, {[]string{"conviction"}, CriminalRecord},
	{[]string{"convictions"}, CriminalRecord}, {[]string{"arrest", "record"}, CriminalRecord},
	{[]string{"arrest", "history"}, CriminalRecord},
	{[]string{"religion"}, ReligionBelief}, {[]string{"religious"}, ReligionBelief},
	{[]string{"faith"}, ReligionBelief}, {[]string{"creed"}, ReligionBelief},
	{[]string{"race"}, RaceEthnicity}, {[]string{"ethnicity"}, RaceEthnicity}, {[]string{"ethnic"}, RaceEthnicity},
}

// enGates are substrings of the English column words: the gate, and a cheap
// test before the column name is split into words.
var enGates = []string{"medical", "diagnos", "disease", "illness", "medication", "prescription", "health", "checkup",
	"blood", "disabilit", "handicap", "criminal", "conviction", "arrest", "religio", "faith", "creed", "race", "ethnic"}

// Column names that hold counts, organisations or faults, not a person's
// data: 障害件数, 宗教法人名, 障害発生日時, 健診予約日, health_check_interval.
var (
	columnExclude = []string{"件数", "人数", "率", "割合", "宗教法人"}
	kindExclude   = map[string][]string{
		Disability: {"システム", "サーバ", "通信", "回線", "ネットワーク", "発生", "対応", "報告", "復旧", "影響", "原因",
			"監視", "アラート", "チケット", "インシデント", "障害物", "機器", "設備", "日時", "時刻"},
		ReligionBelief: {"経営", "企業", "行動", "会社", "設計"},
		HealthCheck:    {"日", "予約", "機関", "会場", "場所", "予定", "実施"},
	}
	enExclude = []string{"count", "rate", "ratio", "total", "date", "time", "at", "id", "url", "uri", "endpoint",
		"interval", "timeout", "path", "port", "enabled"}
)

// columnOf returns the kind the column of t is named for.
func columnOf(t *detectors.Text) (columnMatch, bool) {
	name := t.ColumnNorm()
	if name == "" {
		return columnMatch{}, false
	}
	if _, ok := containsAny(name, columnExclude); ok {
		return columnMatch{}, false
	}
	for _, c := range jaColumns {
		if strings.Contains(name, c.word) {
			if _, ok := containsAny(name, kindExclude[c.kind]); ok {
				return columnMatch{}, false
			}
			return columnMatch{word: c.word, kind: c.kind}, true
		}
	}
	if _, ok := containsAny(name, enGates); !ok {
		return columnMatch{}, false
	}
	var buf [16]string
	words := buf[:0]
	detectors.EachWord(t.Column, func(w string) bool { // the name as written: camelCase splits
		words = append(words, w)
		return len(words) == len(buf)
	})
	for _, w := range words {
		for _, x := range enExclude {
			if w == x {
				return columnMatch{}, false
			}
		}
	}
	for _, c := range enColumns {
		for i := 0; i+len(c.words) <= len(words); i++ {
			if equalWords(words[i:i+len(c.words)], c.words) {
				return columnMatch{word: strings.Join(c.words, "_"), kind: c.kind, en: true}, true
			}
		}
	}
	return columnMatch{}, false
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// endpointValues are what a service's health_check column holds.
var endpointValues = []string{"ok", "ng", "pass", "passed", "passing", "fail", "failed", "failing", "healthy",
	"unhealthy", "up", "down", "true", "green", "red", "yellow", "alive", "running", "stopped", "unknown",
	"critical", "warning"}

// judgeCell rates the whole cell of a column named for a kind: High, or Low
// when the value means none.
func judgeCell(t *detectors.Text, c detectors.Candidate, col columnMatch) detectors.Verdict {
	v := t.Norm[c.Start:c.End]
	reasons := []string{detectors.ColumnReason(col.word)}
	if isNone(v) {
		return detectors.Verdict{Confidence: detectors.Low, Reasons: append(reasons, reasonNone), Kind: col.kind}
	}
	if col.kind == Disability {
		if _, ok := containsAny(v, itWords); ok {
			return detectors.Verdict{} // a fault class in a 障害区分 column
		}
	}
	if col.kind == HealthCheck && col.en {
		lower := strings.ToLower(v)
		if strings.HasPrefix(lower, "http") {
			return detectors.Verdict{}
		}
		for _, e := range endpointValues {
			if lower == e {
				return detectors.Verdict{} // a service's health check
			}
		}
	}
	return detectors.Verdict{Confidence: detectors.High, Reasons: append(reasons, reasonColumnValue), Kind: col.kind}
}

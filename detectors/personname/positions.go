package personname

import "strings"

// A name column's cell may give a person's position with the name
// (営業部部長 高畑 啓介, 山本課長), or a position or a role alone where no
// name is known (総務課課長, ご担当者様). The position is not part of the
// name, and a position or a role alone names nobody.

// positionTitles end a position: 営業部部長, 代表取締役, 顧問弁護士.
var positionTitles = []string{
	"代表取締役", "取締役", "執行役員", "監査役", "相談役", "顧問", "副社長", "社長", "会長", "専務", "常務",
	"理事長", "理事", "本部長", "事業部長", "部長代理", "副部長", "部長", "次長", "課長代理", "課長補佐", "課長",
	"係長", "主任", "主査", "室長", "支店長", "支社長", "工場長", "営業所長", "所長", "店長", "院長", "園長",
	"校長", "教頭", "准教授", "教授", "講師", "教諭", "医師", "看護師", "薬剤師", "弁護士", "税理士", "司法書士",
	"行政書士", "委員長", "局長", "担当",
}

// unitEnds end the name of an organisation's unit: 総務課, 品質保証部.
var unitEnds = []string{"事業部", "本部", "部", "課", "室", "係", "局", "班", "支店", "支社", "営業所", "事業所",
	"工場", "センター", "グループ", "チーム", "事務局"}

// roleNouns stand for whoever holds a role: お客様各位, ご担当者様.
var roleNouns = []string{
	"担当者", "担当", "契約者", "被保険者", "申請者", "保護者", "利用者", "会員", "客", "顧客", "受取人", "代表者",
	"関係者", "入居者", "患者", "申込者", "依頼者", "記入者", "作成者", "株主", "本人", "家族", "皆", "取引先",
}

// The last runes of the words above: most name cells end in none of
// them, and one set test spares them every comparison.
var (
	titleLast    = edgeRunes(positionTitles, true)
	positionLast = edgeRunes(append(append([]string{}, positionTitles...), unitEnds...), true)
	roleLast     = edgeRunes(append(append([]string{}, roleNouns...), "位", "様", "ま", "殿", "皆"), true)
	roleSet      = func() map[string]bool {
		m := map[string]bool{}
		for _, r := range roleNouns {
			m[r] = true
		}
		return m
	}()
)

// cutPosition returns the name in a name cell v, trimmed, without the
// position before or after it, and where it starts in v; none says v
// is a position or a role alone.
func cutPosition(v string) (name string, at int, none bool) {
	if isRole(v) || isPosition(v) {
		return "", 0, true
	}
	name = v
	// Positions before the name, word by word: 営業部 部長 高畑 啓介.
	for {
		sp := strings.IndexByte(name, ' ')
		if sp < 0 || !isPosition(name[:sp]) {
			break
		}
		rest := strings.TrimLeft(name[sp:], " ")
		at += len(name) - len(rest)
		name = rest
	}
	// A title after the name: 山田 部長, 山本課長.
	if sp := strings.LastIndexByte(name, ' '); sp >= 0 && isTitleWord(name[sp+1:]) {
		name = strings.TrimRight(name[:sp], " ")
	} else if rest, ok := cutTitle(name); ok && rest != "" && lex().isNameWord(rest) {
		name = rest
	}
	return name, at, false
}

// isPosition reports a position (営業部部長, 代表取締役, 総務課) as opposed
// to a surname with a title (山本課長) or a surname that ends like a unit
// (阿部, 服部).
func isPosition(w string) bool {
	if w == "" || strings.IndexByte(w, ' ') >= 0 {
		return false
	}
	if r, _ := decodeLastRune(w); !positionLast.has(r) {
		return false
	}
	if rest, ok := cutTitle(w); ok {
		return rest == "" || !lex().isNameWord(rest)
	}
	for _, u := range unitEnds {
		if strings.HasSuffix(w, u) && len(w) > len(u) {
			return !lex().isNameWord(w)
		}
	}
	return false
}

// cutTitle removes a title that ends w.
func cutTitle(w string) (rest string, ok bool) {
	if r, _ := decodeLastRune(w); !titleLast.has(r) {
		return w, false
	}
	for _, t := range positionTitles {
		if strings.HasSuffix(w, t) {
			return w[:len(w)-len(t)], true
		}
	}
	return w, false
}

func isTitleWord(w string) bool {
	rest, ok := cutTitle(w)
	return ok && rest == ""
}

// isRole reports a role noun alone, with its polite prefix and the
// suffixes of an address to many: ご担当者, お客様各位, 株主の皆様.
func isRole(v string) bool {
	if r, _ := decodeLastRune(v); !roleLast.has(r) {
		return false
	}
	for _, p := range []string{"ご", "御", "お"} {
		v = strings.TrimPrefix(v, p)
	}
	for _, s := range []string{"各位", "の皆様", "の皆さま", "の皆", "皆様", "様", "さま", "殿"} {
		v = strings.TrimSuffix(strings.TrimRight(v, " "), s)
	}
	return roleSet[v]
}

// isNameWord reports a surname, or a surname and a given name, in the
// dictionary: 山本 in 山本課長, 阿部 (not a unit ending in 部).
func (l *lexicon) isNameWord(w string) bool { return l.surnames[w] || l.split(w) > 0 }

package i18n

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/language"
)

// env is a getenv over a map.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// TestLanguage: LC_ALL, then LC_MESSAGES, then LANG; ja_* is Japanese,
// anything else English.
func TestLanguage(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want language.Tag
	}{
		{nil, language.English},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, language.Japanese},
		{map[string]string{"LANG": "ja_JP"}, language.Japanese},
		{map[string]string{"LANG": "ja"}, language.Japanese},
		{map[string]string{"LANG": "ja_JP.eucJP"}, language.Japanese},
		{map[string]string{"LANG": "ja_JP.UTF-8@modifier"}, language.Japanese},
		{map[string]string{"LANG": "C"}, language.English},
		{map[string]string{"LANG": "C.UTF-8"}, language.English},
		{map[string]string{"LANG": "POSIX"}, language.English},
		{map[string]string{"LANG": "en_US.UTF-8"}, language.English},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, language.English},
		{map[string]string{"LANG": "jam"}, language.English},
		{map[string]string{"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}, language.English},
		{map[string]string{"LANG": "C", "LC_ALL": "ja_JP.UTF-8"}, language.Japanese},
		{map[string]string{"LANG": "C", "LC_MESSAGES": "ja_JP.UTF-8"}, language.Japanese},
		{map[string]string{"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, language.English},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, language.English},
		{map[string]string{"LC_ALL": "", "LC_MESSAGES": "", "LANG": "ja_JP.UTF-8"}, language.Japanese}, // set but empty: as if unset
	} {
		if got := Language(env(tc.env)); got != tc.want {
			t.Errorf("Language(%v) = %v, want %v", tc.env, got, tc.want)
		}
		if got := FromEnv(env(tc.env)).Language(); got != tc.want {
			t.Errorf("FromEnv(%v).Language() = %v, want %v", tc.env, got, tc.want)
		}
	}
}

// renderer receives a catalogue entry's text unformatted.
type renderer struct{ b strings.Builder }

func (r *renderer) Render(s string) { r.b.WriteString(s) }
func (r *renderer) Arg(i int) any   { return nil }
func (r *renderer) String() string  { return r.b.String() }
func lookup(tag language.Tag, key string) (string, error) {
	r := &renderer{}
	err := cat.Context(tag, r).Execute(key)
	return r.String(), err
}

// TestCatalogueComplete: every message has its English and its Japanese,
// in the catalogue the printers use, once.
func TestCatalogueComplete(t *testing.T) {
	if got := cat.Languages(); !slices.Contains(got, language.English) || !slices.Contains(got, language.Japanese) {
		t.Fatalf("catalogue languages %v, want English and Japanese", got)
	}
	seenEn, seenJa := map[string]bool{}, map[string]bool{}
	for _, m := range messages {
		if m.en == "" || m.ja == "" {
			t.Errorf("empty side: en %q, ja %q", m.en, m.ja)
			continue
		}
		if seenEn[m.en] {
			t.Errorf("%q is in the catalogue twice", m.en)
		}
		if seenJa[m.ja] {
			t.Errorf("two English messages have the Japanese %q", m.ja)
		}
		seenEn[m.en], seenJa[m.ja] = true, true
		for tag, want := range map[language.Tag]string{language.English: m.en, language.Japanese: m.ja} {
			if got, err := lookup(tag, m.en); err != nil || got != want {
				t.Errorf("catalogue[%v][%q] = %q, %v; want %q", tag, m.en, got, err, want)
			}
		}
		// x/text/message substitutes ${name}.
		if strings.Contains(m.en, "${") || strings.Contains(m.ja, "${") {
			t.Errorf("%q: ${ in a message", m.en)
		}
		if strings.HasSuffix(m.en, "\n") != strings.HasSuffix(m.ja, "\n") {
			t.Errorf("%q: one language ends the line, the other not: %q", m.en, m.ja)
		}
		switch {
		case m.ja == m.en && hasProse(m.en):
			t.Errorf("%q is not translated", m.en)
		case m.ja != m.en && !hasJapanese(m.ja):
			t.Errorf("%q: the Japanese %q has no Japanese in it", m.en, m.ja)
		}
	}
	if keys := Keys(); len(keys) != len(messages) || !seenEn[keys[0]] {
		t.Errorf("Keys() has %d messages, want %d", len(keys), len(messages))
	}
}

// hasProse says whether a message has words to translate, beyond its
// "pmscan scan:" prefix and its verbs.
func hasProse(s string) bool {
	s = regexp.MustCompile(`^pmscan( [a-z]+)*:`).ReplaceAllString(s, "")
	s = verbRE.ReplaceAllString(s, "")
	return regexp.MustCompile(`[A-Za-z]{2,}`).MatchString(s)
}

func hasJapanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return true
		}
	}
	return false
}

// verbRE matches a format verb: flags, an argument index, width,
// precision, an index again, the verb.
var verbRE = regexp.MustCompile(`%([-+# 0]*)(?:\[(\d+)\])?(\d*|\*)(?:\.(\d*|\*))?(?:\[(\d+)\])?([a-zA-Z%])`)

// verbs maps each argument a format string uses (from 1) to its verbs,
// flags, width and precision included: "%s: %[1]q" → {1: [s q]}.
func verbs(format string) (map[int][]string, error) {
	out := map[int][]string{}
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[6] == "%" {
			continue
		}
		if m[3] == "*" || m[4] == "*" {
			return nil, fmt.Errorf("%q: * widths are not supported here", m[0])
		}
		arg := next
		for _, ix := range []string{m[2], m[5]} {
			if ix != "" {
				fmt.Sscan(ix, &arg)
			}
		}
		spec := m[1] + m[3]
		if m[4] != "" || strings.Contains(m[0], ".") {
			spec += "." + m[4]
		}
		out[arg] = append(out[arg], spec+m[6])
		next = arg + 1
	}
	// A lone % that is not a verb.
	if n := strings.Count(strings.ReplaceAll(format, "%%", ""), "%"); n != countVerbs(out) {
		return nil, fmt.Errorf("a %% that is not a verb")
	}
	return out, nil
}

func countVerbs(m map[int][]string) int {
	n := 0
	for _, v := range m {
		n += len(v)
	}
	return n
}

// TestVerbsMatch: the Japanese takes the same arguments, with the same
// verbs, as the English; explicit indexes may reorder them.
func TestVerbsMatch(t *testing.T) {
	for _, m := range messages {
		en, err := verbs(m.en)
		if err != nil {
			t.Errorf("%q: %v", m.en, err)
			continue
		}
		ja, err := verbs(m.ja)
		if err != nil {
			t.Errorf("%q: %v", m.ja, err)
			continue
		}
		keys := slices.Sorted(maps.Keys(en))
		for i, k := range keys {
			if k != i+1 {
				t.Errorf("%q: argument %d is not used", m.en, i+1)
				break
			}
		}
		for arg := range ja {
			slices.Sort(ja[arg])
		}
		for arg := range en {
			slices.Sort(en[arg])
		}
		if !maps.EqualFunc(en, ja, slices.Equal) {
			t.Errorf("verbs differ:\n en %q %v\n ja %q %v", m.en, en, m.ja, ja)
		}
	}
}

func TestVerbsParser(t *testing.T) {
	for format, want := range map[string]map[int][]string{
		"plain":                {},
		"100%% sure":           {},
		"%s: %d items, %q\n":   {1: {"s"}, 2: {"d"}, 3: {"q"}},
		"%[2]s を %[1]d 件":      {1: {"d"}, 2: {"s"}},
		"%s, then %[1]q, %02d": {1: {"s", "q"}, 2: {"02d"}},
		"%-8.3f":               {1: {"-8.3f"}},
	} {
		got, err := verbs(format)
		if err != nil || !maps.EqualFunc(got, want, slices.Equal) {
			t.Errorf("verbs(%q) = %v, %v; want %v", format, got, err, want)
		}
	}
	if _, err := verbs("up 50%"); err == nil {
		t.Error(`verbs("up 50%"): no error`)
	}
}

// TestPrinter: messages and *Error arguments print in the printer's
// language; a message not in the catalogue prints as it is.
func TestPrinter(t *testing.T) {
	ja := FromEnv(env(map[string]string{"LANG": "ja_JP.UTF-8"}))
	en := FromEnv(env(map[string]string{"LANG": "C"}))
	const key = "pmscan scan: no TARGET given; run 'pmscan scan -h' for usage\n"
	if got := ja.Sprintf(key); !strings.Contains(got, "指定されていません") {
		t.Errorf("ja: %q", got)
	}
	for _, p := range []*Printer{en, nil} {
		if got := p.Sprintf(key); got != key {
			t.Errorf("%v: %q", p.Language(), got)
		}
	}

	err := Errorf("-keep-findings %q: want a number of findings, or all", "lots")
	if got, want := err.Error(), `-keep-findings "lots": want a number of findings, or all`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var e *Error
	if !errors.As(fmt.Errorf("wrapped: %w", err), &e) {
		t.Error("*Error does not unwrap")
	}
	var b bytes.Buffer
	ja.Fprintf(&b, "pmscan scan: %v\n", err)
	if got, want := b.String(), "pmscan scan: -keep-findings \"lots\": 検出結果の件数か all を指定してください\n"; got != want {
		t.Errorf("ja Fprintf = %q, want %q", got, want)
	}
	b.Reset()
	en.Fprintf(&b, "pmscan scan: %v\n", err)
	if got, want := b.String(), "pmscan scan: "+err.Error()+"\n"; got != want {
		t.Errorf("en Fprintf = %q, want %q", got, want)
	}
	// Errors from elsewhere print as they are.
	b.Reset()
	ja.Fprintf(&b, "pmscan scan: writing the report: %v\n", errors.New("disk full"))
	if got, want := b.String(), "pmscan scan: レポートを書き出せませんでした: disk full\n"; got != want {
		t.Errorf("ja Fprintf = %q, want %q", got, want)
	}
	if got := ja.Sprintf("not in the catalogue: %d", 7); got != "not in the catalogue: 7" {
		t.Errorf("unknown message: %q", got)
	}
}

// TestExternal: the texts written elsewhere are whole sentences, without
// verbs (Translate takes no arguments), each with its Japanese, and an
// unknown text passes through unchanged.
func TestExternal(t *testing.T) {
	ja := New(language.Japanese)
	for _, e := range external {
		if strings.Contains(e.en, "%") || strings.Contains(e.ja, "%") {
			t.Errorf("%q: a verb in an external text", e.en)
		}
		if got := ja.Translate(e.en); got != e.ja {
			t.Errorf("Translate(%q) = %q, want %q", e.en, got, e.ja)
		}
		if got := New(language.English).Translate(e.en); got != e.en {
			t.Errorf("English Translate(%q) = %q", e.en, got)
		}
	}
	if got := ja.Translate("not in the catalogue"); got != "not in the catalogue" {
		t.Errorf("Translate of an unknown text = %q", got)
	}
}

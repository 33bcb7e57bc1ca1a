// Package i18n prints pmscan's command-line messages in the user's
// language: Japanese when the locale (LC_ALL, then LC_MESSAGES, then LANG)
// is ja_*, English otherwise.
//
// Messages are golang.org/x/text/message format strings, keyed by their
// English text; messages.go holds every one with its Japanese. Errors
// from libraries and the operating system are not translated: a message
// prints them, as %v, inside its own sentence.
//
// The printer groups the digits of numbers printed with %d (1,234), as
// x/text/message does: pass identifiers such as scan IDs as strings.
package i18n

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Printer prints the catalogue's messages in one language. A nil
// *Printer prints English.
type Printer struct {
	tag language.Tag
	p   *message.Printer
}

var (
	cat     = build()
	english = New(language.English)
)

// build puts every message into a catalogue, in both languages.
func build() *catalog.Builder {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for _, m := range append(messages[:len(messages):len(messages)], external...) {
		if err := b.SetString(language.English, m.en, m.en); err != nil {
			panic(fmt.Sprintf("i18n: %q: %v", m.en, err))
		}
		if err := b.SetString(language.Japanese, m.en, m.ja); err != nil {
			panic(fmt.Sprintf("i18n: %q: %v", m.en, err))
		}
	}
	return b
}

// New returns a printer for tag: Japanese for any Japanese tag, English
// for anything else.
func New(tag language.Tag) *Printer {
	if base, _ := tag.Base(); base == japanese {
		tag = language.Japanese
	} else {
		tag = language.English
	}
	return &Printer{tag: tag, p: message.NewPrinter(tag, message.Catalog(cat))}
}

var japanese, _ = language.Japanese.Base()

// FromEnv returns the printer for the locale getenv (os.Getenv, or a
// test's) names.
func FromEnv(getenv func(string) string) *Printer {
	return New(Language(getenv))
}

// Language is the language of messages by POSIX precedence: the first
// set of LC_ALL, LC_MESSAGES and LANG names the locale. A locale whose
// language is ja (ja_JP.UTF-8, ja_JP, ja) is Japanese; any other (C,
// POSIX, en_US.UTF-8), or none, is English.
func Language(getenv func(string) string) language.Tag {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return localeLanguage(v)
		}
	}
	return language.English
}

// localeLanguage reads a POSIX locale name, language[_territory][.codeset][@modifier].
func localeLanguage(locale string) language.Tag {
	lang, _, _ := strings.Cut(locale, ".")
	lang, _, _ = strings.Cut(lang, "@")
	lang, _, _ = strings.Cut(strings.ReplaceAll(lang, "-", "_"), "_")
	if strings.EqualFold(lang, "ja") {
		return language.Japanese
	}
	return language.English
}

// Language is the language p prints in.
func (p *Printer) Language() language.Tag {
	if p == nil {
		return language.English
	}
	return p.tag
}

// Sprintf formats the message key, translated, with args. An *Error among
// args is translated too.
func (p *Printer) Sprintf(key string, args ...any) string {
	if p == nil {
		p = english
	}
	return p.p.Sprintf(key, p.localize(args)...)
}

// Fprintf writes the message key, translated, with args to w. An *Error
// among args is translated too.
func (p *Printer) Fprintf(w io.Writer, key string, args ...any) (int, error) {
	if p == nil {
		p = english
	}
	return p.p.Fprintf(w, key, p.localize(args)...)
}

// localize replaces each *Error in args by its text in p's language.
func (p *Printer) localize(args []any) []any {
	var out []any
	for i, a := range args {
		e, ok := a.(*Error)
		if !ok {
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = p.Sprintf(e.key, e.args...)
	}
	if out == nil {
		return args
	}
	return out
}

// Error is an error whose text is a catalogue message: Error returns the
// English, and a Printer prints it in its own language.
type Error struct {
	key  string
	args []any
}

// Errorf returns the message key with args as an *Error. Keep args to
// values: an error among them is printed with %v, untranslated.
func Errorf(key string, args ...any) error {
	return &Error{key: key, args: args}
}

func (e *Error) Error() string { return english.Sprintf(e.key, e.args...) }

// Keys lists the catalogue's messages by their English text.
func Keys() []string {
	keys := make([]string, len(messages))
	for i, m := range messages {
		keys[i] = m.en
	}
	return keys
}

// externalKeys is the set of external texts.
var externalKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range external {
		m[e.en] = true
	}
	return m
}()

// Translate returns text, written outside cmd/pmscan (a connector's flag
// help, a format's description), in p's language: its translation when
// the catalogue has one, else text as it is.
func (p *Printer) Translate(text string) string {
	if p == nil || !externalKeys[text] {
		return text
	}
	return p.p.Sprintf(text)
}

// ExternalKeys lists the texts Translate knows, in English.
func ExternalKeys() []string {
	keys := make([]string, len(external))
	for i, e := range external {
		keys[i] = e.en
	}
	return keys
}

package allowlist

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/dchest/siphash"

	"github.com/pmscan/pmscan/scanner"
)

// Suppression is a known finding, held back by its fingerprint: stable
// across rescans and lines that move, as it names no line (type, place,
// column and the keyed hash of the value). Kept in a file under version
// control, each with why, who, and when it expires.
type Suppression struct {
	Fingerprint string `yaml:"fingerprint"` // 16 hex digits (Fingerprint)
	Reason      string `yaml:"reason"`
	By          string `yaml:"by"`
	Expires     string `yaml:"expires"` // YYYY-MM-DD, optional: held back through that day
}

// Fingerprint is a finding's suppression fingerprint: SipHash, keyed from
// the installation's value key, of its type, place, column and value
// hash. It says nothing of the value without the key, and is the same
// in every scan with the same state store's key.
func Fingerprint(key *scanner.ValueKey, typ, place, column string, valueHash uint64) uint64 {
	k0 := binary.LittleEndian.Uint64(key[:8]) ^ 0x7375707072657373 // "suppress": another key than the value hash's
	k1 := binary.LittleEndian.Uint64(key[8:])
	b := make([]byte, 0, len(typ)+len(place)+len(column)+11)
	b = append(append(append(append(append(b, typ...), 0), place...), 0), column...)
	b = binary.LittleEndian.AppendUint64(append(b, 0), valueHash)
	return siphash.Hash(k0, k1, b)
}

// FingerprintString is a fingerprint as suppression files write it.
func FingerprintString(fp uint64) string { return fmt.Sprintf("%016x", fp) }

// SuppressionID is the entry ID of a suppression in reports.
func SuppressionID(fp string) string { return "suppressed:" + fp }

// compileSuppressions adds s to l; the expired ones (by today, a date)
// are said, not applied.
func (l *List) compileSuppressions(ss []Suppression, source string, line func(i int, p ...any) int, today string) error {
	for i := range ss {
		s := &ss[i]
		errAt := func(key, format string, args ...any) error {
			return fmt.Errorf("%s:%d: suppression %s: %s", source, line(i, key), s.Fingerprint, fmt.Sprintf(format, args...))
		}
		b, err := hex.DecodeString(s.Fingerprint)
		if err != nil || len(b) != 8 {
			return errAt("fingerprint", "the fingerprint is 16 hex digits, as pmscan baseline writes it")
		}
		fp, _ := strconv.ParseUint(s.Fingerprint, 16, 64)
		if s.Reason == "" {
			return errAt("reason", "give the reason it is suppressed")
		}
		if s.Expires != "" {
			if _, err := time.Parse(time.DateOnly, s.Expires); err != nil {
				return errAt("expires", "want a date, YYYY-MM-DD")
			}
		}
		id := SuppressionID(FingerprintString(fp))
		if _, dup := l.expired[id]; dup || l.byID[id] != nil {
			return errAt("fingerprint", "suppressed twice")
		}
		if s.Expires != "" && s.Expires < today {
			if l.expired == nil {
				l.expired = map[string]string{}
			}
			l.expired[id] = s.Expires
			continue
		}
		l.add(&entry{id: id, reason: s.Reason, fingerprint: fp, suppression: true})
	}
	return nil
}

// SetKey gives the list the installation's value key, which fingerprints
// are keyed from; without it no suppression applies.
func (l *List) SetKey(key *scanner.ValueKey) { l.key = key }

// Expired are the suppressions whose expiry date has passed, by entry ID:
// their findings are reported again.
func (l *List) Expired() []string {
	out := make([]string, 0, len(l.expired))
	for id := range l.expired {
		out = append(out, id)
	}
	return out
}

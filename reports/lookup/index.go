package lookup

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"

	"github.com/dchest/siphash"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/address"
	"github.com/pmscan/pmscan/detectors/birthdate"
	"github.com/pmscan/pmscan/scanner"
)

// Index makes the keyed hashes that scans store with the findings a
// lookup can be asked for (scanner.Indexer), and that a lookup without
// targets looks them up by. The hash is SipHash-2-4, keyed with a key
// derived from the lookup key: a scan hashes every such finding in its
// workers, where HMAC-SHA256 would cost a microsecond each, and 64 bits
// leave a chance of about one in 10^12 that a lookup in 10 million
// identifiers meets a hash it was not given.
type Index struct {
	k0, k1 uint64
	id     string
	// memberTypes are other types than user_id whose findings are member
	// IDs; set before the scan, read by its workers.
	memberTypes map[string]bool
}

var _ scanner.Indexer = (*Index)(nil)

// kindSurname is the kind of a name's surname, hashed beside the name
// where the name shows it (a space between surname and given name), so
// that a family member can be told apart from the index.
const kindSurname Kind = "surname"

// Index returns the index hashes keyed by k.
func (k Key) Index() *Index {
	m := hmac.New(sha256.New, k[:])
	m.Write([]byte("pmscan lookup index 1"))
	sum := m.Sum(nil)
	id := hmac.New(sha256.New, k[:])
	id.Write([]byte("pmscan lookup key id"))
	return &Index{k0: binary.LittleEndian.Uint64(sum[:8]), k1: binary.LittleEndian.Uint64(sum[8:16]),
		id: hex.EncodeToString(id.Sum(nil)[:8])}
}

// ID names the key without giving it away: scans record it, so that a
// lookup can tell the scans whose hashes it can find from those made
// with another key.
func (x *Index) ID() string { return x.id }

func (x *Index) hash(kind Kind, folded string) uint64 {
	if folded == "" {
		return 0
	}
	b := make([]byte, 0, len(kind)+1+len(folded))
	b = append(append(append(b, kind...), 0), folded...)
	h := siphash.Hash(x.k0, x.k1, b)
	if h == 0 {
		h = 1 // 0 says "none"
	}
	return h
}

// LookupHashes implements scanner.Indexer: the value folded as Parse
// folds what a requester gives, so that both hash alike.
func (x *Index) LookupHashes(typ, norm string) (hash, surname uint64) {
	switch typ {
	case "email":
		return x.hash(KindEmail, strings.ToLower(strings.TrimSpace(norm))), 0
	case "phone":
		if d := phoneDigits(norm); len(d) >= 10 && len(d) <= 11 {
			return x.hash(KindPhone, d), 0
		}
	case "my_number":
		if d := detectors.DigitsOf(norm); len(d) == 12 {
			return x.hash(KindMyNumber, d), 0
		}
	case "user_id":
		return x.memberID(norm), 0
	case "birth_date":
		birthdate.EachDate(norm, func(_, _, y, m, d int) bool {
			hash = x.hash(KindBirthDate, date{y, m, d}.String())
			return false
		})
		return hash, 0
	case "address":
		rest, _ := address.CutPrefecture(strings.TrimSpace(norm))
		return x.hash(KindAddress, addressKey(foldValue(rest, foldAddress))), 0
	case "person_name":
		f := foldValue(norm, foldName)
		if allKatakana(f) {
			return x.hash(KindKana, f), 0
		}
		if sur, giv, ok := strings.Cut(strings.TrimSpace(strings.ReplaceAll(norm, "\u3000", " ")), " "); ok && strings.TrimSpace(giv) != "" {
			surname = x.hash(kindSurname, foldValue(sur, foldName))
		}
		return x.hash(KindName, f), surname
	}
	if x.memberTypes[typ] {
		return x.memberID(norm), 0
	}
	return 0, 0
}

// memberID is the hash of a member ID as -member-id gives it.
func (x *Index) memberID(norm string) uint64 {
	return x.hash(KindMemberID, strings.ToLower(strings.TrimSpace(norm)))
}

// IndexAsMemberIDs makes findings of types (the company's own detectors of
// 会員番号 and the like) findable as member IDs, as user_id findings are.
func (x *Index) IndexAsMemberIDs(types ...string) {
	if len(types) == 0 {
		return
	}
	if x.memberTypes == nil {
		x.memberTypes = map[string]bool{}
	}
	for _, t := range types {
		x.memberTypes[t] = true
	}
}

// allKatakana reports whether a folded name is all katakana: a reading,
// which a requester gives as -kana.
func allKatakana(s string) bool {
	for _, r := range s {
		if !isKatakana(r) {
			return false
		}
	}
	return s != ""
}

// addressKey is a folded address up to the end of its block number: the
// building and room that follow are written in too many ways to compare
// (千代田1-1-1 パレスビル3F, 千代田1-1-1-301), and a hash compares only
// what is equal. An address without a number is kept whole.
func addressKey(folded string) string {
	i := strings.IndexAny(folded, "0123456789")
	if i < 0 {
		return folded
	}
	for i < len(folded) && (folded[i] >= '0' && folded[i] <= '9' || folded[i] == '-') {
		i++
	}
	return strings.TrimRight(folded[:i], "-")
}

// IndexHashes are the hashes of q's identifiers that a lookup finds
// records by, with their kinds: an address up to its block number, as
// the index keeps it.
func (q *Query) IndexHashes(x *Index) map[uint64]Kind {
	out := map[uint64]Kind{}
	q.eachIdentifier(func(kind Kind, folded string) {
		if kind == KindAddress {
			folded = addressKey(folded)
		}
		if h := x.hash(kind, folded); h != 0 {
			out[h] = kind
		}
	})
	return out
}

package lookup

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pmscan/pmscan/internal/privfile"
)

// Key is the secret that identifiers are hashed with before they are
// kept: the audit trail keeps the hashes of what each lookup was given,
// never the values. It lives outside the state store (a key file readable
// by its owner only, or the environment, for a secret manager), so that a
// copy of the store alone cannot be tried against phone numbers or My
// Numbers to learn who was looked up.
type Key [32]byte

// KeyEnv, when set, holds the key as 64 hex digits and overrides the file.
const KeyEnv = "PMSCAN_LOOKUP_KEY"

// DefaultKeyPath is where the key is kept unless told otherwise:
// pmscan/lookup.key in the user's configuration directory
// ($XDG_CONFIG_HOME, ~/.config).
func DefaultKeyPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "pmscan", "lookup.key"), nil
}

// LoadKey returns the key from $PMSCAN_LOOKUP_KEY, else from the file at
// path ("" for DefaultKeyPath). A missing default file is created with a
// new key (the first lookup on a machine); a missing file named
// explicitly is an error, since lookups recorded with another key could
// no longer be told apart.
func LoadKey(path string, getenv func(string) string) (Key, error) {
	return loadKey(path, getenv, true)
}

// ErrNoKey says there is no lookup key where ReadKey looked.
var ErrNoKey = errors.New("no lookup key")

// ReadKey is LoadKey for a lookup from the index: a key made now could
// find nothing the scans hashed, so a missing file is ErrNoKey.
func ReadKey(path string, getenv func(string) string) (Key, error) {
	return loadKey(path, getenv, false)
}

func loadKey(path string, getenv func(string) string, create bool) (Key, error) {
	var k Key
	if v := strings.TrimSpace(getenv(KeyEnv)); v != "" {
		return k, decodeKey(&k, v, "$"+KeyEnv)
	}
	explicit := path != ""
	if !explicit {
		var err error
		if path, err = DefaultKeyPath(); err != nil {
			return k, fmt.Errorf("the lookup key: %w (set %s or give -lookup-key FILE)", err, KeyEnv)
		}
	}
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		return k, decodeKey(&k, string(b), path)
	case !errors.Is(err, fs.ErrNotExist) || explicit:
		return k, fmt.Errorf("the lookup key: %w", err)
	case !create:
		return k, fmt.Errorf("%w in %s or $%s", ErrNoKey, path, KeyEnv)
	}
	if _, err := rand.Read(k[:]); err != nil {
		return k, fmt.Errorf("the lookup key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return k, fmt.Errorf("the lookup key: %w", err)
	}
	f, err := privfile.Create(path)
	if err != nil {
		return k, fmt.Errorf("the lookup key: %w", err)
	}
	if _, err := f.WriteString(hex.EncodeToString(k[:]) + "\n"); err != nil {
		f.Close()
		return k, fmt.Errorf("the lookup key: %w", err)
	}
	if err := f.Close(); err != nil {
		return k, fmt.Errorf("the lookup key: %w", err)
	}
	return k, nil
}

func decodeKey(k *Key, text, from string) error {
	b, err := hex.DecodeString(strings.TrimSpace(text))
	if err != nil || len(b) != len(k) {
		return fmt.Errorf("the lookup key in %s is not %d hex digits", from, 2*len(k))
	}
	copy(k[:], b)
	return nil
}

// hash is the keyed hash of a folded identifier of a kind, as hex.
func (k Key) hash(kind Kind, folded string) string {
	m := hmac.New(sha256.New, k[:])
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(folded))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// Hashes returns the keyed hashes of q's identifiers, "kind:hex" each, in
// a fixed order: what the audit trail keeps of a lookup.
func (q *Query) Hashes(k Key) []string {
	var out []string
	q.eachIdentifier(func(kind Kind, folded string) {
		out = append(out, string(kind)+":"+k.hash(kind, folded))
	})
	return out
}

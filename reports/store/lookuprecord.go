package store

import (
	"encoding/binary"
	"errors"
)

// A record's lookup entries are packed into lookup_records.entries, one
// after another: a byte of the detector type (entryName, entryBirthDate,
// entryOther) with hasSurname set when a surname's hash follows, the
// value's keyed hash (8 bytes, little-endian), the surname's, and the
// column's name as a uvarint length and its bytes. A record's entries
// are read together, never one by one, so a row per record holds them in
// a fifth of the bytes a row per entry took.

// Entry types: a lookup tells other people's names and birth dates in a
// record from the rest.
const (
	entryName      = 1
	entryBirthDate = 2
	entryOther     = 3
	hasSurname     = 0x80
)

func entryType(detectorType string) byte {
	switch detectorType {
	case "person_name":
		return entryName
	case "birth_date":
		return entryBirthDate
	}
	return entryOther
}

// lookupEntry is one identifier of a record.
type lookupEntry struct {
	typ           byte
	hash, surname uint64
	column        string
}

func appendEntry(b []byte, e lookupEntry) []byte {
	t := e.typ
	if e.surname != 0 {
		t |= hasSurname
	}
	b = append(b, t)
	b = binary.LittleEndian.AppendUint64(b, e.hash)
	if e.surname != 0 {
		b = binary.LittleEndian.AppendUint64(b, e.surname)
	}
	b = binary.AppendUvarint(b, uint64(len(e.column)))
	return append(b, e.column...)
}

var errBadEntries = errors.New("lookup_records.entries is cut short")

func decodeEntries(b []byte) ([]lookupEntry, error) {
	var out []lookupEntry
	for len(b) > 0 {
		t := b[0]
		e := lookupEntry{typ: t &^ hasSurname}
		b = b[1:]
		if len(b) < 8 {
			return nil, errBadEntries
		}
		e.hash, b = binary.LittleEndian.Uint64(b), b[8:]
		if t&hasSurname != 0 {
			if len(b) < 8 {
				return nil, errBadEntries
			}
			e.surname, b = binary.LittleEndian.Uint64(b), b[8:]
		}
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return nil, errBadEntries
		}
		e.column, b = string(b[k:k+int(n)]), b[k+int(n):]
		out = append(out, e)
	}
	return out, nil
}

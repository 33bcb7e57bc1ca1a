package inventory

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"time"
)

// A digest is kept in a compact binary form, written and read here by
// hand: a state store keeps one for every object, and an incremental
// scan decodes one for every object it carries over, so reflection and
// JSON's text cost too much. Digests that earlier builds wrote as JSON
// (they begin with '{') are still read.
//
// The binary form, version 1:
//
//	digest    = version(0x01) strings flags(place, table, raw)
//	            [place] n*holding n*Age [table] n*problem
//	strings   = n len... bytes...
//	place     = Store Name Encoding SampledBytes Findings
//	            n*(type findings) n*typeCount
//	typeCount = Type Findings High Medium Low n*Example
//	holding   = flags(sampled, declared, plain, oldest, newest) Store Name
//	            Column ItemID Item Class n*Type Findings Distinct High Medium
//	            Low [Oldest] [Newest] n*Example Key Sketch n*ByScript
//	table     = flags(sampled, read) Kind Rows n*column
//	column    = flags(sampled, partial) Place Store Host Database Table
//	            Column Type Values Skipped Truncated n*(type matched) Dominant
//	problem   = flags(skipped) Store Name Column Position Reason Error
//
// n* is a count (uvarint) and its entries. A flags field is one byte. An
// integer is a uvarint (int64 as uint64); a time is a varint of Unix
// seconds and a uvarint of nanoseconds, read back in UTC. A byte slice
// is uvarint(0) for nil or uvarint(len+1) and its bytes. A string is
// uvarint(0) for "" or uvarint(i+1) for the i-th of strings: the
// digest's distinct non-empty strings, their lengths then their bytes.
// An object's name, its types, items and examples recur in its place,
// holdings, columns and problems; so they are written once, and read
// into one allocation that holds no sketch. Counted entries whose keys
// come from a map (ByType, Matched) are in key order, so that a digest's
// bytes do not depend on map order; the reader rejects any other order.

// digestVersion is the first byte of a digest in the binary form.
const digestVersion = 0x01

// Flag bits.
const (
	digestHasPlace = 1 << iota
	digestHasTable
	digestRaw
)

const (
	holdingSampled = 1 << iota
	holdingDeclared
	holdingPlain
	holdingOldest
	holdingNewest
)

const (
	tableSampled = 1 << iota
	tableRead
)

const (
	columnSampled = 1 << iota
	columnPartial
)

const problemSkipped = 1

// The fewest bytes each counted entry takes, to check a count against
// the bytes left before allocating for it.
const (
	minTableStringBytes  = 2 // its length, and at least a byte
	minTypeFindingsBytes = 2
	minTypeCountBytes    = 6
	minHoldingBytes      = 17
	minTimeBytes         = 2
	minColumnBytes       = 13
	minMatchedBytes      = 2
	minProblemBytes      = 7
	minStringBytes       = 1
	minBytesBytes        = 1
)

// maxWriterStrings bounds the strings a digestWriter keeps indexed
// between digests: clearing a map costs its size, and most digests are
// small.
const maxWriterStrings = 1024

// digestWriter writes digests in the binary form. It keeps its buffers
// and string index from one digest to the next; it is not safe for
// concurrent use.
type digestWriter struct {
	buf     []byte            // the digest after its strings
	index   map[string]uint64 // the digest's strings, by reference (index+1)
	strings []string          // the digest's strings in index order
}

// encode returns dg in the binary form, in a slice of its own.
func (w *digestWriter) encode(dg *objectDigest) []byte {
	if w.index == nil || len(w.index) > maxWriterStrings {
		w.index = map[string]uint64{}
	}
	clear(w.index)
	clear(w.strings) // keep none of the last digest's strings alive
	w.strings, w.buf = w.strings[:0], w.buf[:0]
	var flags byte
	if dg.Place != nil {
		flags |= digestHasPlace
	}
	if dg.Table != nil {
		flags |= digestHasTable
	}
	if dg.Raw {
		flags |= digestRaw
	}
	w.buf = append(w.buf, flags)
	if dp := dg.Place; dp != nil {
		w.str(dp.Store)
		w.str(dp.Name)
		w.str(dp.Encoding)
		w.int(dp.SampledBytes)
		w.int(dp.Findings)
		w.uint(uint64(len(dp.ByType)))
		for _, tf := range dp.ByType {
			w.str(tf.Type)
			w.int(tf.Findings)
		}
		w.uint(uint64(len(dp.Types)))
		for i := range dp.Types {
			tc := &dp.Types[i]
			w.str(tc.Type)
			w.int(tc.Findings)
			w.int(tc.High)
			w.int(tc.Medium)
			w.int(tc.Low)
			w.strs(tc.Examples)
		}
	}
	w.uint(uint64(len(dg.Holdings)))
	for i := range dg.Holdings {
		w.holding(&dg.Holdings[i])
	}
	w.uint(uint64(len(dg.Age)))
	for _, t := range dg.Age {
		w.time(t)
	}
	if dt := dg.Table; dt != nil {
		w.buf = append(w.buf, flag(dt.Sampled, tableSampled)|flag(dt.Read, tableRead))
		w.str(dt.Kind)
		w.int(dt.Rows)
		w.uint(uint64(len(dt.Columns)))
		for i := range dt.Columns {
			w.column(&dt.Columns[i])
		}
	}
	w.uint(uint64(len(dg.Problems)))
	for i := range dg.Problems {
		pr := &dg.Problems[i]
		w.buf = append(w.buf, flag(pr.Skipped, problemSkipped))
		w.str(pr.Store)
		w.str(pr.Name)
		w.str(pr.Column)
		w.str(pr.Position)
		w.str(pr.Reason)
		w.str(pr.Error)
	}
	size := 1 + varintLen(uint64(len(w.strings))) + len(w.buf)
	for _, s := range w.strings {
		size += varintLen(uint64(len(s))) + len(s)
	}
	out := make([]byte, 0, size)
	out = append(out, digestVersion)
	out = binary.AppendUvarint(out, uint64(len(w.strings)))
	for _, s := range w.strings {
		out = binary.AppendUvarint(out, uint64(len(s)))
	}
	for _, s := range w.strings {
		out = append(out, s...)
	}
	return append(out, w.buf...)
}

func varintLen(x uint64) int { return (bits.Len64(x|1) + 6) / 7 }

func (w *digestWriter) holding(dh *digestHolding) {
	h := &dh.Holding
	w.buf = append(w.buf, flag(h.Sampled, holdingSampled)|flag(h.Declared, holdingDeclared)|flag(dh.Plain, holdingPlain)|
		flag(h.Oldest != nil, holdingOldest)|flag(h.Newest != nil, holdingNewest))
	w.str(h.Store)
	w.str(h.Name)
	w.str(h.Column)
	w.str(h.ItemID)
	w.str(h.Item)
	w.str(h.Class)
	w.strs(h.Types)
	w.int(h.Findings)
	w.int(h.Distinct)
	w.int(h.High)
	w.int(h.Medium)
	w.int(h.Low)
	if h.Oldest != nil {
		w.time(*h.Oldest)
	}
	if h.Newest != nil {
		w.time(*h.Newest)
	}
	w.strs(h.Examples)
	w.str(dh.Key)
	w.bytes(dh.Sketch)
	w.uint(uint64(len(dh.ByScript)))
	for _, b := range dh.ByScript {
		w.bytes(b)
	}
}

func (w *digestWriter) column(cv *ColumnVerdict) {
	w.buf = append(w.buf, flag(cv.Sampled, columnSampled)|flag(cv.Partial, columnPartial))
	w.str(cv.Place)
	w.str(cv.Store)
	w.str(cv.Host)
	w.str(cv.Database)
	w.str(cv.Table)
	w.str(cv.Column)
	w.str(cv.Type)
	w.int(cv.Values)
	w.str(cv.Skipped)
	w.int(cv.Truncated)
	w.uint(uint64(len(cv.Matched)))
	for _, typ := range sortedKeys(cv.Matched) {
		w.str(typ)
		w.int(cv.Matched[typ])
	}
	w.str(cv.Dominant)
}

func flag(set bool, bit byte) byte {
	if set {
		return bit
	}
	return 0
}

func (w *digestWriter) uint(x uint64) { w.buf = binary.AppendUvarint(w.buf, x) }
func (w *digestWriter) int(n int64)   { w.uint(uint64(n)) }

func (w *digestWriter) time(t time.Time) {
	w.buf = binary.AppendVarint(w.buf, t.Unix())
	w.uint(uint64(t.Nanosecond()))
}

func (w *digestWriter) str(s string) {
	if s == "" {
		w.uint(0)
		return
	}
	ref, ok := w.index[s]
	if !ok {
		w.strings = append(w.strings, s)
		ref = uint64(len(w.strings))
		w.index[s] = ref
	}
	w.uint(ref)
}

func (w *digestWriter) strs(ss []string) {
	w.uint(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

func (w *digestWriter) bytes(b []byte) {
	if b == nil {
		w.uint(0)
		return
	}
	w.uint(uint64(len(b)) + 1)
	w.buf = append(w.buf, b...)
}

// decodeDigest reads a digest in either form into dg. The sketches of a
// binary digest alias data (hyperloglog's UnmarshalBinary copies them).
func decodeDigest(data []byte, dg *objectDigest) error {
	if len(data) == 0 {
		return errors.New("empty digest")
	}
	switch data[0] {
	case '{':
		return decodeJSONDigest(data, dg)
	case digestVersion:
		r := digestReader{data: data, off: 1, index: -1}
		r.stringTable()
		r.digest(dg)
		if r.err == nil && r.off != len(data) {
			r.fail("digest", "%d bytes after its end", len(data)-r.off)
		}
		return r.err
	}
	return fmt.Errorf("digest format %#02x unknown (want %#02x, or JSON)", data[0], digestVersion)
}

// digestReader reads the binary form. Its first error sticks: every read
// after it returns a zero value, so that a section is checked once.
type digestReader struct {
	data    []byte
	off     int
	strings []string // the digest's strings
	slab    []string // where string lists are cut from
	section string   // what is being read, for errors
	index   int      // which of section's entries, or -1
	err     error
}

func (r *digestReader) fail(what, format string, args ...any) {
	if r.err != nil {
		return
	}
	where := what
	switch {
	case r.section != "" && r.index >= 0:
		where = fmt.Sprintf("%s %d: %s", r.section, r.index, what)
	case r.section != "":
		where = r.section + ": " + what
	}
	r.err = fmt.Errorf("binary digest: %s at byte %d: %s", where, r.off, fmt.Sprintf(format, args...))
}

func (r *digestReader) left() int { return len(r.data) - r.off }

// enter says the fields read next are of section, its index-th entry
// when index >= 0.
func (r *digestReader) enter(section string, index int) { r.section, r.index = section, index }

// stringTable reads the digest's strings into one string.
func (r *digestReader) stringTable() {
	n := r.count("strings", minTableStringBytes)
	lengths, total := r.off, uint64(0)
	for range n {
		l := r.uint("string length")
		switch {
		case r.err != nil:
			return
		case l == 0:
			r.fail("string length", "an empty string in the table")
			return
		case total > uint64(r.left()) || l > uint64(r.left())-total:
			r.fail("strings", "%d bytes and %d more, in the %d bytes left", total, l, r.left())
			return
		}
		total += l
	}
	if n == 0 {
		return
	}
	all := string(r.data[r.off : r.off+int(total)])
	r.off += int(total)
	r.strings = make([]string, n)
	for i := range r.strings {
		l, m := binary.Uvarint(r.data[lengths:]) // read above
		lengths += m
		r.strings[i], all = all[:l], all[l:]
	}
}

func (r *digestReader) digest(dg *objectDigest) {
	*dg = objectDigest{}
	flags := r.flags("flags", digestHasPlace|digestHasTable|digestRaw)
	dg.Raw = flags&digestRaw != 0
	if flags&digestHasPlace != 0 {
		dg.Place = r.place()
	}
	if n := r.count("holdings", minHoldingBytes); n > 0 {
		dg.Holdings = make([]digestHolding, n)
		for i := range dg.Holdings {
			r.enter("holding", i)
			r.holding(&dg.Holdings[i])
		}
		r.enter("", -1)
	}
	if n := r.count("age", minTimeBytes); n > 0 {
		dg.Age = make([]time.Time, n)
		for i := range dg.Age {
			dg.Age[i] = r.time("age")
		}
	}
	if flags&digestHasTable != 0 {
		dg.Table = r.table()
	}
	if n := r.count("problems", minProblemBytes); n > 0 {
		dg.Problems = make([]Problem, n)
		for i := range dg.Problems {
			r.enter("problem", i)
			pr := &dg.Problems[i]
			pr.Skipped = r.flags("flags", problemSkipped) != 0
			pr.Store = r.str("store")
			pr.Name = r.str("place")
			pr.Column = r.str("column")
			pr.Position = r.str("position")
			pr.Reason = r.str("reason")
			pr.Error = r.str("error")
		}
		r.enter("", -1)
	}
}

func (r *digestReader) place() *digestPlace {
	r.enter("place", -1)
	defer r.enter("", -1)
	dp := &digestPlace{Store: r.str("store"), Name: r.str("place"), Encoding: r.str("encoding"),
		SampledBytes: r.int("sampled bytes"), Findings: r.int("findings")}
	if n := r.count("by type", minTypeFindingsBytes); n > 0 {
		dp.ByType = make([]typeFindings, n)
		for i := range dp.ByType {
			typ := r.str("by type")
			if i > 0 && typ <= dp.ByType[i-1].Type {
				r.fail("by type", "%q after %q: not in type order", typ, dp.ByType[i-1].Type)
			}
			dp.ByType[i] = typeFindings{Type: typ, Findings: r.int("by type")}
		}
	}
	if n := r.count("types", minTypeCountBytes); n > 0 {
		dp.Types = make([]TypeCount, n)
		for i := range dp.Types {
			r.enter("place type", i)
			tc := &dp.Types[i]
			tc.Type = r.str("type")
			tc.Findings = r.int("findings")
			tc.High = r.int("high")
			tc.Medium = r.int("medium")
			tc.Low = r.int("low")
			tc.Examples = r.strs("examples")
		}
	}
	return dp
}

func (r *digestReader) holding(dh *digestHolding) {
	flags := r.flags("flags", holdingSampled|holdingDeclared|holdingPlain|holdingOldest|holdingNewest)
	h := &dh.Holding
	h.Sampled, h.Declared, dh.Plain = flags&holdingSampled != 0, flags&holdingDeclared != 0, flags&holdingPlain != 0
	h.Store = r.str("store")
	h.Name = r.str("place")
	h.Column = r.str("column")
	h.ItemID = r.str("item ID")
	h.Item = r.str("item")
	h.Class = r.str("class")
	h.Types = r.strs("types")
	h.Findings = r.int("findings")
	h.Distinct = r.int("distinct")
	h.High = r.int("high")
	h.Medium = r.int("medium")
	h.Low = r.int("low")
	if flags&holdingOldest != 0 {
		t := r.time("oldest")
		h.Oldest = &t
	}
	if flags&holdingNewest != 0 {
		t := r.time("newest")
		h.Newest = &t
	}
	h.Examples = r.strs("examples")
	dh.Key = r.str("key")
	dh.Sketch = r.bytes("sketch")
	// replay keeps a holding's names in one sketch per script.
	if n := r.count("by script", minBytesBytes); n > int(scripts) {
		r.fail("by script", "%d sketches, for %d scripts", n, scripts)
	} else if n > 0 {
		dh.ByScript = make([][]byte, n)
		for i := range dh.ByScript {
			dh.ByScript[i] = r.bytes("by script")
		}
	}
}

func (r *digestReader) table() *digestTable {
	r.enter("table", -1)
	defer r.enter("", -1)
	flags := r.flags("flags", tableSampled|tableRead)
	dt := &digestTable{Sampled: flags&tableSampled != 0, Read: flags&tableRead != 0, Kind: r.str("kind"), Rows: r.int("rows")}
	if n := r.count("columns", minColumnBytes); n > 0 {
		dt.Columns = make([]ColumnVerdict, n)
		for i := range dt.Columns {
			r.enter("column", i)
			r.column(&dt.Columns[i])
		}
	}
	return dt
}

func (r *digestReader) column(cv *ColumnVerdict) {
	flags := r.flags("flags", columnSampled|columnPartial)
	cv.Sampled, cv.Partial = flags&columnSampled != 0, flags&columnPartial != 0
	cv.Place = r.str("place")
	cv.Store = r.str("store")
	cv.Host = r.str("host")
	cv.Database = r.str("database")
	cv.Table = r.str("table")
	cv.Column = r.str("column")
	cv.Type = r.str("column type")
	cv.Values = r.int("values")
	cv.Skipped = r.str("skipped")
	cv.Truncated = r.int("truncated")
	if n := r.count("matched", minMatchedBytes); n > 0 {
		// The verdict keeps the map: replay takes the column as it is.
		cv.Matched = make(map[string]int64, n)
		last := ""
		for i := range n {
			typ := r.str("matched")
			if i > 0 && typ <= last {
				r.fail("matched", "%q after %q: not in type order", typ, last)
				break
			}
			cv.Matched[typ], last = r.int("matched"), typ
		}
	}
	cv.Dominant = r.str("verdict")
}

func (r *digestReader) uint(what string) uint64 {
	if r.err == nil && r.off < len(r.data) && r.data[r.off] < 0x80 { // most are one byte
		r.off++
		return uint64(r.data[r.off-1])
	}
	return r.uvarint(what)
}

func (r *digestReader) uvarint(what string) uint64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.data[r.off:])
	switch {
	case n == 0:
		r.fail(what, "truncated")
	case n < 0:
		r.fail(what, "varint overflows 64 bits")
	default:
		r.off += n
	}
	return x
}

func (r *digestReader) int(what string) int64 { return int64(r.uint(what)) }

func (r *digestReader) flags(what string, known byte) byte {
	if r.err != nil {
		return 0
	}
	if r.left() < 1 {
		r.fail(what, "truncated")
		return 0
	}
	f := r.data[r.off]
	if f&^known != 0 {
		r.fail(what, "unknown flags %#02x", f&^known)
		return 0
	}
	r.off++
	return f
}

// count reads the number of entries that follow, each of at least min
// bytes.
func (r *digestReader) count(what string, min int) int {
	n := r.uint(what)
	if r.err == nil && n > uint64(r.left()/min) {
		r.fail(what, "%d entries of at least %d bytes, in the %d bytes left", n, min, r.left())
		return 0
	}
	return int(n)
}

func (r *digestReader) time(what string) time.Time {
	if r.err != nil {
		return time.Time{}
	}
	sec, n := binary.Varint(r.data[r.off:])
	if n <= 0 {
		r.fail(what, "bad seconds")
		return time.Time{}
	}
	r.off += n
	nsec := r.uint(what)
	if nsec >= uint64(time.Second) {
		r.fail(what, "%d nanoseconds", nsec)
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}

func (r *digestReader) str(what string) string {
	ref := r.uint(what)
	if r.err != nil || ref == 0 {
		return ""
	}
	if ref > uint64(len(r.strings)) {
		r.fail(what, "string %d, of %d", ref, len(r.strings))
		return ""
	}
	return r.strings[ref-1]
}

// strs reads a list of strings. The lists of a digest share a few
// allocations (replay copies them), each list capped to its length.
func (r *digestReader) strs(what string) []string {
	n := r.count(what, minStringBytes)
	if n == 0 {
		return nil
	}
	if cap(r.slab)-len(r.slab) < n {
		r.slab = make([]string, 0, max(n, 32))
	}
	start := len(r.slab)
	r.slab = r.slab[:start+n]
	ss := r.slab[start : start+n : start+n]
	for i := range ss {
		ss[i] = r.str(what)
	}
	return ss
}

// bytes returns the next byte slice, aliasing the digest.
func (r *digestReader) bytes(what string) []byte {
	x := r.uint(what)
	if r.err != nil || x == 0 {
		return nil
	}
	n := x - 1
	if n > uint64(r.left()) {
		r.fail(what, "%d bytes long, in the %d bytes left", n, r.left())
		return nil
	}
	end := r.off + int(n)
	b := r.data[r.off:end:end]
	r.off = end
	return b
}

// jsonDigest is the JSON form earlier builds wrote: a digest with the
// place's counts by type in a map.
type jsonDigest struct {
	objectDigest
	Place *jsonPlace `json:"place,omitempty"`
}

type jsonPlace struct {
	placeFields
	Types []TypeCount `json:"types"`
}

// placeFields are a PlaceCount's fields, whose own encoding would stand
// for the whole of a jsonPlace.
type placeFields PlaceCount

func decodeJSONDigest(data []byte, dg *objectDigest) error {
	var jd jsonDigest
	if err := json.Unmarshal(data, &jd); err != nil {
		return fmt.Errorf("JSON digest: %w", err)
	}
	*dg = jd.objectDigest
	if jp := jd.Place; jp != nil {
		pc := &jp.placeFields
		dp := &digestPlace{Store: pc.Store, Name: pc.Name, Encoding: pc.Encoding, SampledBytes: pc.SampledBytes,
			Findings: pc.Findings, Types: jp.Types}
		for _, typ := range sortedKeys(pc.ByType) {
			dp.ByType = append(dp.ByType, typeFindings{Type: typ, Findings: pc.ByType[typ]})
		}
		dg.Place = dp
	}
	for i := range dg.Holdings {
		if n := len(dg.Holdings[i].ByScript); n > int(scripts) {
			return fmt.Errorf("JSON digest: holding %d: %d sketches by script, for %d scripts", i, n, scripts)
		}
	}
	return nil
}

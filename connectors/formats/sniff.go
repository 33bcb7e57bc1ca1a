package formats

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"unicode/utf8"

	"github.com/pmscan/pmscan/connectors"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// bomEncoding names the encoding given by a byte order mark at the start of
// head, and the mark's length; "" and 0 if there is none.
func bomEncoding(head []byte) (string, int) {
	switch {
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}):
		return EncodingUTF8, 3
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}):
		return EncodingUTF16LE, 2
	case bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return EncodingUTF16BE, 2
	}
	return "", 0
}

// decoderFor returns the transformer decoding enc to UTF-8; nil for UTF-8,
// which is passed through as it is, invalid bytes included.
func decoderFor(enc string) transform.Transformer {
	switch enc {
	case EncodingUTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case EncodingUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	case EncodingCP932:
		// WHATWG Shift_JIS: CP932 with the NEC and IBM extensions.
		return japanese.ShiftJIS.NewDecoder()
	case EncodingEUCJP:
		return japanese.EUCJP.NewDecoder()
	}
	return nil
}

type magic struct {
	off     int
	sig     string
	name    string
	needNUL bool // the signature is short or printable: also require a NUL byte
}

// magics are the signatures of binary formats, checked after gunzip. Zips
// (but those in zipKinds) and tars are read as archives before this check
// (archiveKind); they reach it only as zip-based formats skipped by type.
var magics = []magic{
	{0, "PK\x03\x04", "zip archive", false},
	{0, "PK\x05\x06", "zip archive", false},
	{0, "PK\x07\x08", "zip archive", false},
	{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2 compound document", false},
	{0, "%PDF-", "pdf document", false},
	{0, "\x89PNG\r\n\x1a\n", "png image", false},
	{0, "\xff\xd8\xff", "jpeg image", false},
	{0, "GIF87a", "gif image", false},
	{0, "GIF89a", "gif image", false},
	{0, "II*\x00", "tiff image", false},
	{0, "MM\x00*", "tiff image", false},
	{0, "BM", "bmp image", true},
	{0, "\x00\x00\x01\x00", "ico image", false},
	{0, "\x7fELF", "elf executable", false},
	{0, "MZ", "windows executable", true},
	{0, "\xca\xfe\xba\xbe", "java class or mach-o binary", false},
	{0, "\xcf\xfa\xed\xfe", "mach-o binary", false},
	{0, "\xce\xfa\xed\xfe", "mach-o binary", false},
	{0, "\x00asm", "wasm module", false},
	{0, "\x1f\x8b", "nested gzip", false},
	{0, "BZh", "bzip2 archive", true},
	{0, "\xfd7zXZ\x00", "xz archive", false},
	{0, "(\xb5/\xfd", "zstd archive", false},
	{0, "\x04\x22\x4d\x18", "lz4 archive", false},
	{0, "7z\xbc\xaf\x27\x1c", "7z archive", false},
	{0, "Rar!\x1a\x07", "rar archive", false},
	{257, "ustar", "tar archive", false},
	{0, "SQLite format 3\x00", "sqlite database", false},
	{0, "PAR1", "parquet file", true},
	{0, "Obj\x01", "avro file", false},
	{0, "ORC", "orc file", true},
	{0, "OggS", "ogg media", false},
	{0, "fLaC", "flac audio", false},
	{0, "ID3", "mp3 audio", true},
	{0, "RIFF", "riff media", true},
	{4, "ftyp", "iso media", false},
	{0, "\x1a\x45\xdf\xa3", "matroska media", false},
	{0, "wOFF", "woff font", false},
	{0, "wOF2", "woff2 font", false},
	{0, "\x00\x01\x00\x00\x00", "truetype font", false},
	{0, "OTTO", "opentype font", true},
}

// zipKinds names zip-based formats by extension.
var zipKinds = map[string]string{
	".docx": "office document (docx)", ".docm": "office document (docm)",
	".xlsx": "office document (xlsx)", ".xlsm": "office document (xlsm)",
	".pptx": "office document (pptx)", ".pptm": "office document (pptm)",
	".odt": "office document (odt)", ".ods": "office document (ods)", ".odp": "office document (odp)",
	".jar": "zip archive (jar)", ".apk": "zip archive (apk)", ".epub": "zip archive (epub)",
}

// binaryReason says why an object whose start (after gunzip) is in.head
// is not text; "" if it looks like text. Signatures of binary formats
// come first. Then NUL bytes are judged by their pattern, not by their
// presence: UTF-16 (with a byte order mark, or in.enc found its pattern)
// is text; so is text with a few stray NULs or with runs of them (what a
// crash leaves at the end of a log), which parsers take as separators
// (emitter.send); anything else with NULs, or with more than a few other
// control bytes among them, is binary.
func binaryReason(in *input) string {
	head := in.head[:min(len(in.head), binarySniffBytes)]
	hasNUL := bytes.IndexByte(head, 0) >= 0
	for _, m := range magics {
		if len(head) >= m.off+len(m.sig) && string(head[m.off:m.off+len(m.sig)]) == m.sig && (!m.needNUL || hasNUL) {
			if m.name == "zip archive" {
				if k, ok := zipKinds[in.ext]; ok {
					return k
				}
			}
			if m.name == "ole2 compound document" {
				switch in.ext {
				case ".doc", ".xls", ".ppt", ".msg":
					return "office document (" + in.ext[1:] + ")"
				}
			}
			return m.name
		}
	}
	if enc := in.enc; enc == EncodingUTF16LE || enc == EncodingUTF16BE {
		return ""
	}
	if hasNUL {
		if !strayNULs(head) {
			return "NUL bytes"
		}
		return ""
	}
	ctl := 0
	for _, c := range head {
		if (c < 0x20 && !textControl[c]) || c == 0x7f {
			ctl++
		}
	}
	if ctl*10 > len(head) {
		return "control characters"
	}
	return ""
}

// nulPadding is the shortest run of NULs taken as padding (a hole left by
// a crash, a preallocated tail) rather than as stray bytes.
const nulPadding = 16

// strayNULs says whether sample, which holds NUL bytes, is text with a few
// stray NULs or runs of NUL padding: it does not start with a run of
// padding (a disk image does; a NUL left at the start of a text by a
// crashed editor is stray, like any other); at most 1%
// of it (of 400 bytes for a smaller sample, but never more than 10%) are
// NULs outside runs of nulPadding or more (a run that reaches the sample's
// end counts as padding whatever its length: the end of a log a crash
// left); and at most 1% of its other bytes are control bytes that text
// does not hold. Binary data has far more of either.
func strayNULs(sample []byte) bool {
	lead := 0
	for lead < len(sample) && sample[lead] == 0 {
		lead++
	}
	if lead == len(sample) || lead >= nulPadding {
		return false
	}
	stray, other, ctl := 0, 0, 0
	for i := 0; i < len(sample); {
		c := sample[i]
		if c == 0 {
			j := i + 1
			for j < len(sample) && sample[j] == 0 {
				j++
			}
			if j-i < nulPadding && j < len(sample) {
				stray += j - i
			}
			i = j
			continue
		}
		other++
		if (c < 0x20 && !textControl[c]) || c == 0x7f {
			ctl++
		}
		i++
	}
	return stray*100 <= max(len(sample), 400) && stray*10 <= len(sample) && ctl*100 <= other
}

// utf16Pattern names the UTF-16 encoding of head when it has no byte
// order mark but looks like UTF-16: NULs in one byte of the pairs (the
// high byte of ASCII characters: newlines, digits, commas) and at most a
// quarter as many in the other; its newlines UTF-16 newlines (0A 00 in
// little-endian), or, with none in the sample, NULs in a fifth of the
// pairs at least (8-bit text with stray NULs that fall on one parity
// reads as UTF-16 of CJK-looking characters, and has no such newlines);
// and, decoded, at most 1% of its code units control characters, lone
// surrogates, private-use characters or non-characters (which binary data
// read as UTF-16 is full of). "" if not.
func utf16Pattern(head []byte) string {
	if bytes.IndexByte(head, 0) < 0 {
		return ""
	}
	n := len(head) &^ 1
	var even, odd, nl, nlEven, nlOdd int
	for i := 0; i < n; i += 2 {
		lo, hi := head[i], head[i+1]
		if lo == 0 {
			even++
		}
		if hi == 0 {
			odd++
		}
		switch {
		case lo == '\n' && hi == 0:
			nl++
			nlEven++
		case lo == 0 && hi == '\n':
			nl++
			nlOdd++
		case lo == '\n' || hi == '\n':
			nl++
		}
	}
	pairs := n / 2
	var enc string
	var unit func(i int) uint16
	switch {
	case odd >= 4 && odd*50 >= pairs && even*4 <= odd && (nl > 0 && nlEven*2 >= nl || nl == 0 && odd*5 >= pairs):
		enc, unit = EncodingUTF16LE, func(i int) uint16 { return uint16(head[i]) | uint16(head[i+1])<<8 }
	case even >= 4 && even*50 >= pairs && odd*4 <= even && (nl > 0 && nlOdd*2 >= nl || nl == 0 && even*5 >= pairs):
		enc, unit = EncodingUTF16BE, func(i int) uint16 { return uint16(head[i])<<8 | uint16(head[i+1]) }
	default:
		return ""
	}
	bad := 0
	for i := 0; i < n; i += 2 {
		switch u := unit(i); {
		case u >= 0xd800 && u < 0xdc00: // a high surrogate wants a low one
			if i+2 >= n {
				break // cut at the sample's end
			}
			if l := unit(i + 2); l >= 0xdc00 && l < 0xe000 {
				i += 2
			} else {
				bad++
			}
		case u >= 0xdc00 && u < 0xe000, u >= 0xe000 && u < 0xf900, u == 0xfffe, u == 0xffff:
			bad++
		case u < 0x20 && !textControl[u], u == 0x7f:
			bad++
		}
	}
	if bad*100 > pairs {
		return ""
	}
	return enc
}

// textEncoding is the encoding head says by a byte order mark, with the
// mark's length, or by the pattern of UTF-16 without one; "" if neither.
func textEncoding(head []byte) (string, int) {
	if enc, n := bomEncoding(head); enc != "" {
		return enc, n
	}
	return utf16Pattern(head[:min(len(head), binarySniffBytes)]), 0
}

// textControl marks the control bytes that text may hold.
var textControl = [0x20]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, 0x1b: true}

func trimGz(name string) string {
	if extOf(name) == ".gz" {
		return name[:len(name)-3]
	}
	return name
}

// detectEncoding sniffs the encoding of the text buffered in s, which has no
// byte order mark. When the first sniffBytes are ASCII it reads ahead, up to
// maxLookahead, for the first non-ASCII byte; pure ASCII is UTF-8.
func detectEncoding(s *stream) string {
	i := firstNonASCII(s.buf[s.r:s.w])
	for i < 0 && s.w-s.r < maxLookahead-sniffBytes {
		old := s.w - s.r
		if !s.fill() {
			break
		}
		if j := firstNonASCII(s.buf[s.r+old : s.w]); j >= 0 {
			i = old + j
		}
	}
	if i < 0 {
		return EncodingUTF8
	}
	s.ensure(min(i+sniffBytes, maxLookahead))
	return classify(s.buf[s.r+i:s.w], s.eof)
}

// firstNonASCII is the index of the first byte >= 0x80 in b, or -1.
func firstNonASCII(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= 0x80 {
			return i
		}
	}
	return -1
}

// classify picks the encoding of sample, which starts at a non-ASCII byte.
// atEOF says the object ends with sample; otherwise an incomplete sequence
// at its end is not held against any encoding.
//
// Valid UTF-8 wins (mostly valid too: a few stray bytes in a UTF-8 file are
// passed through). Otherwise CP932 and EUC-JP are scored by the sequences
// each finds invalid (weight 4) or implausible (weight 1): for CP932, code
// points in unassigned rows and the user-defined area, and half-width kana
// right next to a double-byte character, which is how EUC-JP text looks when
// read as CP932, and runs of characters with lead byte 8E and a trail in
// A1-DF, which is EUC-JP half-width kana read as CP932; for EUC-JP,
// unassigned rows and JIS X 0212. The lower cost
// wins. On a tie, EUC-JP wins when the CP932 reading is made of at least four
// runs of half-width kana all of even length, as EUC-JP kanji read as CP932
// are (kana runs in real CP932 text have no reason to be even); else CP932,
// the more common of the two.
func classify(sample []byte, atEOF bool) string {
	bad, multi := utf8Stats(sample, atEOF)
	if bad == 0 || (multi >= 16 && bad*50 <= multi) {
		return EncodingUTF8
	}
	sj := scoreCP932(sample, atEOF)
	eu := scoreEUCJP(sample, atEOF)
	switch {
	case eu.cost() < sj.cost():
		return EncodingEUCJP
	case eu.cost() == sj.cost() && sj.doubles == 0 && sj.kanaRuns >= 4 && sj.oddRuns == 0:
		return EncodingEUCJP
	}
	return EncodingCP932
}

// utf8Stats counts the invalid bytes and the valid multibyte sequences.
func utf8Stats(b []byte, atEOF bool) (bad, multi int) {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			if !atEOF && !utf8.FullRune(b[i:]) {
				break // cut at the end of the sample
			}
			bad++
		} else {
			multi++
		}
		i += n
	}
	return bad, multi
}

type score struct {
	invalid, implausible int
	doubles              int // double-byte characters
	kanaRuns, oddRuns    int // CP932: runs of half-width kana, and those of odd length
}

func (s score) cost() int { return 4*s.invalid + s.implausible }

func scoreCP932(b []byte, atEOF bool) score {
	var s score
	run := 0 // length of the current half-width kana run
	prevDouble := false
	prevSS2 := false // the last character was 8E A1-DF, EUC-JP's half-width kana
	endRun := func() {
		if run > 0 {
			s.kanaRuns++
			if run%2 == 1 {
				s.oddRuns++
			}
			run = 0
		}
	}
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			endRun()
			prevDouble, prevSS2 = false, false
			i++
		case c >= 0xa1 && c <= 0xdf: // half-width katakana
			prevSS2 = false
			if prevDouble {
				s.implausible++
			}
			run++
			prevDouble = false
			i++
		case (c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xfc):
			if i+1 >= len(b) {
				if atEOF {
					s.invalid++
				}
				i++
				continue
			}
			t := b[i+1]
			if t < 0x40 || t == 0x7f || t > 0xfc {
				endRun()
				s.invalid++
				prevDouble, prevSS2 = false, false
				i++
				continue
			}
			if run > 0 {
				s.implausible++
			}
			endRun()
			s.doubles++
			ss2 := c == 0x8e && t >= 0xa1 && t <= 0xdf
			if ss2 && prevSS2 {
				s.implausible++
			}
			prevSS2 = ss2
			switch {
			case c == 0x85 || c == 0x86 || c == 0xeb || c == 0xec || c == 0xef:
				s.implausible++ // unassigned rows
			case c >= 0xf0 && c <= 0xf9:
				s.implausible++ // user-defined characters
			}
			prevDouble = true
			i += 2
		default: // 0x80, 0xa0, 0xfd-0xff
			endRun()
			s.invalid++
			prevDouble, prevSS2 = false, false
			i++
		}
	}
	endRun()
	return s
}

func scoreEUCJP(b []byte, atEOF bool) score {
	var s score
	trail := func(i int) bool { return i < len(b) && b[i] >= 0xa1 && b[i] <= 0xfe }
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			i++
		case c == 0x8e: // SS2: half-width katakana
			if i+1 >= len(b) && !atEOF {
				i++
				continue
			}
			if i+1 < len(b) && b[i+1] >= 0xa1 && b[i+1] <= 0xdf {
				s.doubles++
				i += 2
				continue
			}
			s.invalid++
			i++
		case c == 0x8f: // SS3: JIS X 0212
			if i+2 >= len(b) && !atEOF {
				i++
				continue
			}
			if trail(i+1) && trail(i+2) {
				s.implausible++
				s.doubles++
				i += 3
				continue
			}
			s.invalid++
			i++
		case c >= 0xa1 && c <= 0xfe:
			if i+1 >= len(b) {
				if atEOF {
					s.invalid++
				}
				i++
				continue
			}
			if !trail(i + 1) {
				s.invalid++
				i++
				continue
			}
			if (c >= 0xa9 && c <= 0xaf) || c >= 0xf5 {
				s.implausible++ // unassigned rows, NEC and user-defined extensions
			}
			s.doubles++
			i += 2
		default:
			s.invalid++
			i++
		}
	}
	return s
}

// legacyOffice names a legacy binary Office document (.xls, .doc, .ppt):
// an OLE2 compound file under one of those names. "" otherwise.
func legacyOffice(in *input) string {
	if !bytes.HasPrefix(in.head, oleMagic) {
		return ""
	}
	switch in.ext {
	case ".xls":
		return "Excel workbook (.xls)"
	case ".doc":
		return "Word document (.doc)"
	case ".ppt":
		return "PowerPoint presentation (.ppt)"
	}
	return ""
}

// HeadBytes is how much of an object's start Unread needs.
const HeadBytes = binarySniffBytes

// Unread is the terminal error of obj when a limit leaves it unread
// whole (an S3 object over -s3-max-size, not sampled), judged from head,
// its first HeadBytes (all of it if smaller), gunzipped when it is gzip:
// binary content is a skip, as it would have been at any size; anything
// else is the failure why (connectors.ErrTooLarge), so that the scan says
// it is incomplete.
func Unread(obj *connectors.Object, head []byte, why string) error {
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		if z, err := gzip.NewReader(bytes.NewReader(head)); err == nil {
			inner, _ := io.ReadAll(io.LimitReader(z, HeadBytes)) // what the cut head gives
			head = inner
		}
	}
	in := &input{obj: obj, name: objectName(obj), head: head}
	in.ext = extOf(trimGz(in.name))
	in.enc, in.bom = textEncoding(head)
	if f := sniff(in); f.name == "binary" {
		return connectors.Skip("binary content (%s)", binaryReason(in))
	}
	return connectors.TooLarge("%s", why)
}

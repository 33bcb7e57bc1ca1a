package formats

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// boms are the byte order marks a decoder input may start with.
var boms = [][]byte{nil, {0xef, 0xbb, 0xbf}, {0xff, 0xfe}, {0xfe, 0xff}}

// FuzzDecode reads text through encoding detection and the decoders
// (CP932, EUC-JP, UTF-16 LE and BE with a byte order mark, UTF-8 with and
// without one). The input is data after the byte order mark bom picks,
// repeated reps times so that it crosses the decoders' buffer boundaries.
// Whatever the bytes: the encoding is one of five, the one a byte order
// mark names, UTF-8 for valid UTF-8; the records, joined, are exactly what
// the encoding's decoder makes of the whole input, each within the limit
// and valid UTF-8 unless UTF-8 was passed through; each starts at the line
// its first byte is on.
func FuzzDecode(f *testing.F) {
	utf16LE := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	utf16BE := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	sjis := japanese.ShiftJIS.NewEncoder()
	euc := japanese.EUCJP.NewEncoder()
	for _, s := range []string{"氏名 山田太郎\n電話 ０９０－１２３４－５６７８\n住所 東京都千代田区丸の内１－２－３\n", "ﾔﾏﾀﾞ ﾀﾛｳ\r\n①②髙﨑", "a\nb"} {
		if b, err := sjis.Bytes([]byte(s)); err == nil {
			f.Add(b, uint8(0), uint8(0))
			f.Add(b[:len(b)-1], uint8(0), uint8(3)) // a cut double-byte character
		}
		if b, err := euc.Bytes([]byte(s)); err == nil {
			f.Add(b, uint8(0), uint8(0))
		}
		f.Add([]byte(s), uint8(1), uint8(0))
		f.Add(encode(f, utf16LE, s), uint8(2), uint8(0))
		f.Add(encode(f, utf16BE, s), uint8(3), uint8(5))
		f.Add(encode(f, utf16LE, s), uint8(0), uint8(0)) // no byte order mark
	}
	f.Add([]byte("\xd8\x3d\x00a\xdc\x00"), uint8(3), uint8(0)) // lone surrogates
	f.Add([]byte("\x82\xa0\xa4\xa2\x8e\xb1\x8f\xa1\xa1"), uint8(0), uint8(0))
	f.Add([]byte("\xe3\x81\x82\xff"), uint8(0), uint8(40))
	f.Fuzz(func(t *testing.T, data []byte, bom, reps uint8) {
		const limit = 32
		mark := boms[bom%4]
		in := append(bytes.Clone(mark), bytes.Repeat(data, 1+int(reps)%64)...)
		if len(in) > 1<<20 {
			return
		}
		res := fuzzRead(t, "f.txt", in, limit)
		if res.info.Format != FormatText {
			return // a signature or binary content: the other targets'
		}
		wantErr(t, "text", res.err)
		enc := res.encoding
		if want, _ := bomEncoding(in); want != "" && enc != want {
			t.Fatalf("byte order mark of %s, encoding %q", want, enc)
		}
		switch enc {
		case EncodingUTF8, EncodingUTF16LE, EncodingUTF16BE, EncodingCP932, EncodingEUCJP:
		default:
			t.Fatalf("encoding %q", enc)
		}
		// NULs are valid UTF-8, and the NUL high bytes of UTF-16 without a
		// byte order mark ("a\x00\n\x00") are what tells it.
		if len(mark) == 0 && utf8.Valid(in) && bytes.IndexByte(in, 0) < 0 && enc != EncodingUTF8 {
			t.Fatalf("valid UTF-8 read as %s", enc)
		}
		_, n := bomEncoding(in)
		want := in[n:]
		if tr := decoderFor(enc); tr != nil {
			var err error
			if want, _, err = transform.Bytes(tr, want); err != nil {
				t.Fatalf("%s decoder: %v", enc, err)
			}
		}
		got := res.data()
		// NUL characters are left out: how text holding a few is read
		// is not the decoders' business.
		if !bytes.Contains(want, []byte{0}) && got != string(want) {
			t.Fatalf("%s: records joined differ from the decoded input:\n got %q\nwant %q", enc, got, want)
		}
		line := int64(1)
		for _, rec := range res.recs {
			if rec.err != nil {
				continue
			}
			if rec.loc.Line != line {
				t.Fatalf("record %q at line %d, want %d", rec.data, rec.loc.Line, line)
			}
			if (enc != EncodingUTF8 || utf8.Valid(want)) && !utf8.ValidString(rec.data) {
				t.Fatalf("%s: record %q is not valid UTF-8", enc, rec.data)
			}
			line += int64(strings.Count(rec.data, "\n"))
		}
	})
}

package formats

import (
	"context"
	"fmt"
	"slices"

	"github.com/pmscan/pmscan/connectors"
)

// format is one row of the format table: how to recognise a format and
// how to parse it. Adding a format is one file with its parser and one row.
type format struct {
	name string // as ObjectStats.Format names it (with "+gzip" when gunzipped)
	// sniff says whether the object is in this format, from its name and
	// first bytes; the first row that says so parses the object.
	sniff func(in *input) bool
	// text formats parse in.text, decoded to UTF-8 after the encoding is
	// detected; the others parse the bytes, in.raw.
	text  bool
	parse func(p *parser, in *input) error
}

// input is one object being read, as the format table sees it.
type input struct {
	ctx   context.Context
	obj   *connectors.Object
	opts  Options
	limit int // MaxRecordBytes, defaulted
	fn    connectors.WalkFunc

	name string // the object's own name: an archive member's path, a key, a path
	ext  string // its extension, lowercased, looking through .gz
	gzip bool   // the object was gzip-compressed; what follows is gunzipped
	head []byte // its first bytes (sniffBytes, or all of a smaller object)
	enc  string // the encoding its byte order mark or its UTF-16 pattern says, or ""
	bom  int    // the byte order mark's length

	raw  *stream // its bytes
	text *stream // text formats: its text, decoded to UTF-8
}

// formatTable is consulted once per object, in order: containers and
// binary formats by their signatures, then text by extension. It is filled
// in init because archives read their members through it.
var formatTable []format

func init() { formatTable = formatRows() }

func formatRows() []format {
	return []format{
		{name: FormatZip, sniff: isZipArchive, parse: parseZipInput},
		{name: FormatTar, sniff: isTar, parse: parseTarInput},
		{name: FormatXLSX, sniff: isWorkbook, parse: parseXLSXInput},
		{name: FormatDOCX, sniff: isOfficeDoc(".docx", ".docm"), parse: parseOfficeInput(FormatDOCX)},
		{name: FormatPPTX, sniff: isOfficeDoc(".pptx", ".pptm"), parse: parseOfficeInput(FormatPPTX)},
		{name: "ole2", sniff: func(in *input) bool { return legacyOffice(in) != "" }, parse: refuseLegacyOffice},
		{name: FormatPDF, sniff: isPDF, parse: parsePDFInput},
		{name: "binary", sniff: func(in *input) bool { return binaryReason(in) != "" }, parse: skipBinary},
		{name: FormatCSV, text: true, sniff: hasExt(".csv"), parse: parseCSVInput},
		{name: FormatTSV, text: true, sniff: hasExt(".tsv", ".tab"), parse: parseCSVInput},
		{name: FormatJSON, text: true, sniff: hasExt(".json"), parse: parseJSONInput},
		{name: FormatJSONL, text: true, sniff: hasExt(".jsonl", ".ndjson"), parse: parseJSONInput},
		{name: FormatText, text: true, sniff: func(*input) bool { return true }, parse: parseTextInput},
	}
}

// sniff returns the format of the object: the first row that claims it.
func sniff(in *input) *format {
	for i := range formatTable {
		if formatTable[i].sniff(in) {
			return &formatTable[i]
		}
	}
	panic("formats: the format table has no catch-all row")
}

// textFormat is the text format an extension says: the one an object is
// reported as when it fails before its first bytes are seen.
func textFormat(ext string) *format {
	for i := range formatTable {
		f := &formatTable[i]
		if f.text && f.sniff(&input{ext: ext}) {
			return f
		}
	}
	return &formatTable[len(formatTable)-1]
}

func hasExt(exts ...string) func(in *input) bool {
	return func(in *input) bool { return slices.Contains(exts, in.ext) }
}

func refuseLegacyOffice(_ *parser, in *input) error {
	// Not a skip: the file may well hold personal information, and the
	// inventory must show that it was not looked into.
	return fmt.Errorf("unreadable: legacy %s (binary Office format); save it as %sx to scan it", legacyOffice(in), in.ext)
}

func skipBinary(_ *parser, in *input) error {
	return connectors.Skip("binary content (%s)", binaryReason(in))
}

func parseCSVInput(p *parser, in *input) error {
	f := FormatCSV
	if in.ext != ".csv" {
		f = FormatTSV
	}
	return p.parseCSV(in.text, f, in.limit)
}

func parseJSONInput(p *parser, in *input) error {
	f := FormatJSON
	if in.ext != ".json" {
		f = FormatJSONL
	}
	return p.parseJSON(in.text, f, in.limit)
}

func parseTextInput(p *parser, in *input) error { return parseText(in.text, &p.em, in.limit) }

func parseXLSXInput(p *parser, in *input) error {
	return parseXLSX(in.ctx, in.raw, in.obj, in.limit, &p.em)
}

func parseOfficeInput(format string) func(p *parser, in *input) error {
	return func(p *parser, in *input) error {
		return parseOfficeDoc(in.ctx, in.raw, format, in.obj, in.limit, &p.em)
	}
}

func parsePDFInput(p *parser, in *input) error {
	return parsePDF(in.ctx, in.raw, in.obj, in.limit, &p.em)
}

func parseZipInput(p *parser, in *input) error { return parseArchive(p, in, FormatZip) }

func parseTarInput(p *parser, in *input) error { return parseArchive(p, in, FormatTar) }

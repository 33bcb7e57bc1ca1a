package formats

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/pmscan/pmscan/connectors"
)

// Format names of Word documents (docx, docm) and PowerPoint presentations
// (pptx, pptm) in ObjectStats.Format.
const (
	FormatDOCX = "docx"
	FormatPPTX = "pptx"
)

// Limits on one document, the same as on a workbook. They are variables
// only so that tests can lower them.
var (
	officeMaxBytes int64 = maxWorkbookBytes // the file as stored
	officeMaxUnzip int64 = maxUnzipBytes    // everything read from it, unzipped
)

const (
	maxTableHeaderBytes = 256  // a table header cell kept as a column name
	tokensPerCtxTest    = 4096 // XML tokens between two ctx checks
)

// oleMagic starts an OLE2 compound file: what Office writes for a
// password-protected docx or pptx (an EncryptedPackage stream), and the
// format of the old .doc and .ppt.
var oleMagic = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

// isOfficeDoc returns the sniffer of Word documents or PowerPoint
// presentations to parse: a zip, or an OLE2 file (an encrypted document,
// reported as a skip), whose name has one of exts.
func isOfficeDoc(exts ...string) func(in *input) bool {
	return func(in *input) bool {
		return slices.Contains(exts, in.ext) && (bytes.HasPrefix(in.head, []byte("PK\x03\x04")) || bytes.HasPrefix(in.head, oleMagic))
	}
}

// parseOfficeDoc emits one record per non-blank paragraph of a Word document
// or a PowerPoint presentation, located by part and paragraph:
//
//   - docx: "body" (the main document), "header1"..., "footer1"...,
//     "footnotes", "endnotes", "comments", in that order.
//   - pptx: "slide N" then "notes N" for each slide, N being the slide's
//     position in the presentation (what PowerPoint shows), its notes found
//     through the slide's relationships. Notes no slide names are "notes N"
//     by their file's number.
//
// Paragraph is the 1-based position of the paragraph (w:p, a:p) among all
// the part's paragraphs in document order, empty ones included, so that
// numbers do not shift when a blank line is added above; blank paragraphs
// are counted but not emitted. Paragraphs in table cells and text boxes
// count too. A paragraph's text is its text runs (w:t, w:delText: deleted
// text is still in the file; a:t), w:tab as a tab, w:br, w:cr and a:br as a
// newline; field codes and the mc:Fallback copy of alternate content are
// left out. A paragraph in a table cell below the first row has Column set
// to the first row's text in its column, as a CSV header names a column.
// Long paragraphs are cut into pieces of at most limit bytes, at white
// space where possible, as CSV cells are.
//
// Each XML part is read as a token stream. The whole file is held in memory
// (at most officeMaxBytes) and read through a source (source.go) that
// checks ctx; everything unzipped is counted against officeMaxUnzip: a
// part that would pass it stops the document, failed, read in part.
// A part that fails (bad XML, a corrupt member) is reported at its location
// and the other parts are read.
func parseOfficeDoc(ctx context.Context, r io.Reader, format string, obj *connectors.Object, limit int, em *emitter) error {
	data, err := io.ReadAll(io.LimitReader(r, officeMaxBytes+1))
	if err != nil {
		return fmt.Errorf("%s: %w", format, err)
	}
	if int64(len(data)) > officeMaxBytes {
		return connectors.TooLarge("document larger than %s: not read", sizeName(officeMaxBytes))
	}
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, utf16Name("EncryptedPackage")) {
			return connectors.Skip("encrypted document")
		}
		return connectors.Skip("not an Office Open XML document (an OLE2 file: .doc or .ppt renamed?)")
	}
	zr, err := zip.NewReader(newSource(ctx, data, zipReadFactor*int64(len(data))+zipReadSlack, errZipWork), int64(len(data)))
	if err != nil {
		return fmt.Errorf("%s: %w", format, err)
	}
	d := &officeDoc{ctx: ctx, format: format, files: map[string]*zip.File{}, left: officeMaxUnzip, limit: limit, em: em, obj: obj}
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if name == "encryptedpackage" {
			return connectors.Skip("encrypted document")
		}
		d.files[name] = f
	}
	em.rec.Lines = false
	defer func() { em.rec.Loc = connectors.At(obj) }()
	if format == FormatPPTX {
		return d.pptx()
	}
	return d.docx()
}

// officeDoc is the state of one parseOfficeDoc call.
type officeDoc struct {
	ctx    context.Context
	format string
	files  map[string]*zip.File // by lowercased name
	left   int64                // unzip budget left
	limit  int
	em     *emitter
	obj    *connectors.Object

	// Per part:
	part   string
	pnum   int          // paragraphs seen
	paras  []*paraFrame // open paragraphs, innermost last (text boxes nest)
	free   []*paraFrame
	tables []*tableFrame // open tables, innermost last
	inRun  int
	inText int
}

// paraFrame is one open paragraph; it is the sink of its text's pieces.
type paraFrame struct {
	d      *officeDoc
	num    int
	column string
	acc    acc
	header *tableFrame // set in a table's first row: the text names a column
}

func (f *paraFrame) piece(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if tb := f.header; tb != nil && !tb.decided {
		if len(tb.held)+len(data) <= maxHeaderBytes {
			tb.held = append(tb.held, data...)
			tb.heldParas = append(tb.heldParas, heldPara{num: f.num, end: len(tb.held)})
			return nil
		}
		// Too long for a header: the first row is data.
		if err := tb.decide(f.d.em, false); err != nil {
			return err
		}
	}
	return f.d.em.emitPara(f.num, f.column, false, data)
}

type tableFrame struct {
	row     int      // rows started, 1-based
	col     int      // grid column of the next cell
	cellCol int      // grid column of the current cell
	span    int      // grid columns the current cell covers
	inCell  bool     //
	header  []string // by grid column
	cell    []byte   // text of the current first-row cell

	// The first row's paragraphs are held until the row ends and it is
	// known whether they name the columns (the header layer's rule).
	decided   bool
	held      []byte
	heldParas []heldPara
}

// heldPara is a piece of a first-row paragraph: its number, and where its
// text ends in held.
type heldPara struct{ num, end int }

// decide emits the held first-row paragraphs: as labels when header, else
// as text, and then the first row names no column.
func (tb *tableFrame) decide(em *emitter, header bool) error {
	if tb.decided {
		return nil
	}
	tb.decided = true
	if !header {
		tb.header = nil
	}
	start := 0
	for _, p := range tb.heldParas {
		if err := em.emitPara(p.num, "", header, tb.held[start:p.end]); err != nil {
			return err
		}
		start = p.end
	}
	tb.held, tb.heldParas = nil, nil
	return nil
}

// endFirstRow judges the first row by its cells' text, as a CSV header.
func (tb *tableFrame) endFirstRow(em *emitter) error {
	if tb.decided {
		return nil
	}
	cells := make([][]byte, len(tb.header))
	for i, h := range tb.header {
		cells[i] = []byte(h)
	}
	return tb.decide(em, !looksLikeData(cells))
}

// partError is a failure confined to one part.
type partError struct{ err error }

func (e *partError) Error() string { return e.err.Error() }
func (e *partError) Unwrap() error { return e.err }

var errBudget = errors.New("unzip budget exceeded")

func (d *officeDoc) docx() error {
	main := d.mainPart("word/document.xml")
	if d.files[main] == nil {
		return fmt.Errorf("docx: no main document part (%s)", main)
	}
	if err := d.parsePart(main, "body"); err != nil {
		return err
	}
	dir := path.Dir(main) + "/"
	var headers, footers []numbered
	for name := range d.files {
		rest, ok := strings.CutPrefix(name, dir)
		if !ok || strings.Contains(rest, "/") {
			continue
		}
		if n, ok := numberedName(rest, "header", ".xml"); ok {
			headers = append(headers, numbered{n, name})
		} else if n, ok := numberedName(rest, "footer", ".xml"); ok {
			footers = append(footers, numbered{n, name})
		}
	}
	for _, list := range [][]numbered{sortNumbered(headers), sortNumbered(footers)} {
		for _, p := range list {
			if err := d.parsePart(p.name, strings.TrimSuffix(path.Base(p.name), ".xml")); err != nil {
				return err
			}
		}
	}
	for _, part := range []string{"footnotes", "endnotes", "comments"} {
		if name := dir + part + ".xml"; d.files[name] != nil {
			if err := d.parsePart(name, part); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *officeDoc) pptx() error {
	pres := d.mainPart("ppt/presentation.xml")
	if d.files[pres] == nil {
		return fmt.Errorf("pptx: no presentation part (%s)", pres)
	}
	slides, err := d.slideOrder(pres)
	if err != nil {
		return err
	}
	notesDone := map[string]bool{}
	for i, slide := range slides {
		if err := d.parsePart(slide, "slide "+strconv.Itoa(i+1)); err != nil {
			return err
		}
		rels, err := d.rels(slide)
		if err != nil {
			return err
		}
		for _, rel := range rels {
			if strings.HasSuffix(rel.typ, "/notesSlide") && d.files[rel.target] != nil && !notesDone[rel.target] {
				notesDone[rel.target] = true
				if err := d.parsePart(rel.target, "notes "+strconv.Itoa(i+1)); err != nil {
					return err
				}
			}
		}
	}
	var orphans []numbered
	for name := range d.files {
		if n, ok := numberedName(name, "ppt/notesslides/notesslide", ".xml"); ok && !notesDone[name] {
			orphans = append(orphans, numbered{n, name})
		}
	}
	for _, p := range sortNumbered(orphans) {
		if err := d.parsePart(p.name, "notes "+strconv.Itoa(p.n)); err != nil {
			return err
		}
	}
	return nil
}

// slideOrder lists the slide parts in the presentation's order (its
// sldIdLst), or, failing that, by their file's number.
func (d *officeDoc) slideOrder(pres string) ([]string, error) {
	rels, err := d.rels(pres)
	if err != nil {
		return nil, err
	}
	var ids []string
	err = d.readXML(pres, func(dec *xml.Decoder) error {
		for {
			tok, err := rawToken(dec)
			if err != nil {
				return err
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "sldId" {
				for _, a := range se.Attr {
					if a.Name.Local == "id" && a.Name.Space != "" {
						ids = append(ids, a.Value)
					}
				}
			}
		}
	})
	if pe := (*partError)(nil); errors.As(err, &pe) {
		ids = nil // fall back to the slides' numbers
	} else if err != nil {
		return nil, err
	}
	byID := map[string]string{}
	for _, rel := range rels {
		byID[rel.id] = rel.target
	}
	var slides []string
	seen := map[string]bool{}
	for _, id := range ids {
		if t := byID[id]; d.files[t] != nil && !seen[t] {
			seen[t] = true
			slides = append(slides, t)
		}
	}
	if len(slides) > 0 {
		return slides, nil
	}
	var found []numbered
	for name := range d.files {
		if n, ok := numberedName(name, "ppt/slides/slide", ".xml"); ok {
			found = append(found, numbered{n, name})
		}
	}
	for _, p := range sortNumbered(found) {
		slides = append(slides, p.name)
	}
	return slides, nil
}

// mainPart is the package's officeDocument part, from _rels/.rels, or def.
func (d *officeDoc) mainPart(def string) string {
	rels, err := d.rels("")
	if err != nil {
		return def
	}
	for _, rel := range rels {
		if strings.HasSuffix(rel.typ, "/officeDocument") && d.files[rel.target] != nil {
			return rel.target
		}
	}
	return def
}

type relationship struct{ id, typ, target string }

// rels reads the relationships of a part ("" for the package), with
// targets resolved to lowercased part names. A missing or unreadable
// relationships part is no relationships; only the budget and ctx fail.
func (d *officeDoc) rels(part string) ([]relationship, error) {
	dir, base := path.Split(part)
	name := dir + "_rels/" + base + ".rels"
	if d.files[name] == nil {
		return nil, nil
	}
	var rels []relationship
	err := d.readXML(name, func(dec *xml.Decoder) error {
		for {
			tok, err := rawToken(dec)
			if err != nil {
				return err
			}
			se, ok := tok.(xml.StartElement)
			if !ok || se.Name.Local != "Relationship" {
				continue
			}
			var rel relationship
			external := false
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "Id":
					rel.id = a.Value
				case "Type":
					rel.typ = a.Value
				case "Target":
					rel.target = a.Value
				case "TargetMode":
					external = a.Value == "External"
				}
			}
			if external || rel.target == "" {
				continue
			}
			if t, ok := strings.CutPrefix(rel.target, "/"); ok {
				rel.target = t
			} else {
				rel.target = path.Join(dir, rel.target)
			}
			rel.target = strings.ToLower(rel.target)
			rels = append(rels, rel)
		}
	})
	var pe *partError
	if errors.As(err, &pe) {
		return rels, nil
	}
	return rels, err
}

// readXML opens a member and runs fn over its decoder. Read and XML errors
// come back as a *partError, io.EOF as nil; running out of the budget as a
// limit failure.
func (d *officeDoc) readXML(name string, fn func(*xml.Decoder) error) error {
	if err := d.ctx.Err(); err != nil {
		return err
	}
	f := d.files[name]
	if f.UncompressedSize64 > uint64(max(d.left, 0)) {
		return d.budgetFailure()
	}
	rc, err := f.Open()
	if err != nil {
		return &partError{fmt.Errorf("%s: %s: %w", d.format, f.Name, err)}
	}
	defer rc.Close()
	br := &budgetReader{r: rc, left: &d.left}
	err = fn(xml.NewDecoder(br))
	switch {
	case err != nil && d.ctx.Err() != nil:
		return d.ctx.Err() // the object's, not the part's
	case err == io.EOF:
		return nil
	case br.over || errors.Is(err, errBudget):
		return d.budgetFailure()
	case err == nil:
		return nil
	}
	var xe *xmlError
	if errors.As(err, &xe) || br.err != nil && errors.Is(err, br.err) {
		return &partError{fmt.Errorf("%s: %s: %w", d.format, f.Name, err)}
	}
	return err
}

// xmlError is the XML decoder's failure on a part: a syntax error, or a
// declaration it refuses (encoding="Shift_JIS", version="0"). It fails
// the part, not the document; fn's errors pass through unwrapped.
type xmlError struct{ err error }

func (e *xmlError) Error() string { return e.err.Error() }
func (e *xmlError) Unwrap() error { return e.err }

// rawToken is dec.RawToken with its failures other than io.EOF as xmlError.
func rawToken(dec *xml.Decoder) (xml.Token, error) {
	tok, err := dec.RawToken()
	if err != nil && err != io.EOF {
		err = &xmlError{err}
	}
	return tok, err
}

func (d *officeDoc) budgetFailure() error {
	return connectors.TooLarge("%s: document unzips to more than %s: the rest not read", d.format, sizeName(officeMaxUnzip))
}

// budgetReader counts unzipped bytes against the document's budget and
// fails once it is passed.
type budgetReader struct {
	r    io.Reader
	left *int64
	over bool
	err  error // the underlying reader's last error other than EOF
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if *b.left < 0 {
		b.over = true
		return 0, errBudget
	}
	if int64(len(p)) > *b.left+1 {
		p = p[:*b.left+1]
	}
	n, err := b.r.Read(p)
	*b.left -= int64(n)
	if *b.left < 0 {
		b.over = true
		return 0, errBudget
	}
	if err != nil && err != io.EOF {
		b.err = err
	}
	return n, err
}

// failPart reports a failure confined to the current part; the document
// goes on. Other errors are returned.
func (d *officeDoc) failPart(err error) error {
	var pe *partError
	if !errors.As(err, &pe) {
		return err
	}
	rec := connectors.Record{Loc: connectors.At(d.obj)}
	rec.Loc.Part = d.part
	rec.Loc.Paragraph = d.pnum
	return d.em.fn(rec, pe.err)
}

// parsePart emits the paragraphs of one XML part.
func (d *officeDoc) parsePart(name, part string) error {
	d.part, d.pnum = part, 0
	d.em.rec.Loc = connectors.At(d.obj)
	d.em.rec.Loc.Part = part
	d.free = append(d.free, d.paras...)
	d.paras, d.tables, d.inRun, d.inText = d.paras[:0], d.tables[:0], 0, 0
	err := d.readXML(name, d.walk)
	var pe *partError
	if err == nil || errors.As(err, &pe) {
		// A truncated or malformed part: what its open paragraphs hold
		// up to there is still text, whatever the record limit (a
		// smaller one has passed some of it on already).
		for len(d.paras) > 0 {
			if ferr := d.endPara(); ferr != nil {
				return ferr
			}
		}
	}
	// So is what the first rows of tables left open hold.
	for i := len(d.tables) - 1; i >= 0; i-- {
		if ferr := d.tables[i].endFirstRow(d.em); ferr != nil {
			return ferr
		}
	}
	if err != nil {
		return d.failPart(err)
	}
	return nil
}

// walk reads one part's tokens.
func (d *officeDoc) walk(dec *xml.Decoder) error {
	docx := d.format == FormatDOCX
	skip := 0 // depth inside a subtree left out
	for n := 1; ; n++ {
		if n%tokensPerCtxTest == 0 {
			if err := d.ctx.Err(); err != nil {
				return err
			}
		}
		tok, err := rawToken(dec)
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if d.inText > 0 && skip == 0 {
				if err := d.text(t); err != nil {
					return err
				}
			}
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			switch t.Name.Local {
			case "p":
				d.startPara()
			case "t", "delText":
				d.inText++
			case "r":
				d.inRun++
			case "tab":
				if docx && d.inRun > 0 && d.inText == 0 {
					err = d.text(tabText)
				}
			case "noBreakHyphen":
				if docx && d.inRun > 0 {
					err = d.text(hyphenText)
				}
			case "br", "cr":
				if (!docx || d.inRun > 0) && d.inText == 0 {
					err = d.text(nlText)
				}
			case "Fallback":
				skip = 1
			case "fld":
				if attr(t, "type") == "slidenum" {
					skip = 1
				}
			case "tbl":
				d.tables = append(d.tables, &tableFrame{})
			case "tr":
				if tb := d.table(); tb != nil {
					tb.row++
					tb.col = 0
				}
			case "gridBefore":
				if tb := d.table(); tb != nil {
					tb.col += atoiPos(attr(t, "val"), 0)
				}
			case "tc":
				if tb := d.table(); tb != nil {
					tb.inCell, tb.cellCol, tb.cell = true, tb.col, tb.cell[:0]
					tb.span = atoiPos(attr(t, "gridSpan"), 1)
				}
			case "gridSpan":
				if tb := d.table(); tb != nil && tb.inCell {
					tb.span = atoiPos(attr(t, "val"), 1)
				}
			}
			if err != nil {
				return err
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "p":
				if err := d.endPara(); err != nil {
					return err
				}
			case "t", "delText":
				d.inText = max(d.inText-1, 0)
			case "r":
				d.inRun = max(d.inRun-1, 0)
			case "tbl":
				if tb := d.table(); tb != nil {
					if err := tb.endFirstRow(d.em); err != nil {
						return err
					}
					d.tables = d.tables[:len(d.tables)-1]
				}
			case "tr":
				if tb := d.table(); tb != nil && tb.row == 1 {
					if err := tb.endFirstRow(d.em); err != nil {
						return err
					}
				}
			case "tc":
				if tb := d.table(); tb != nil && tb.inCell {
					tb.endCell(docx)
				}
			}
		}
	}
}

var (
	tabText = []byte{'\t'}
	nlText  = []byte{'\n'}
	// hyphenText stands for w:noBreakHyphen, which Word types for
	// Ctrl+Shift+- : in a phone number it must read as the hyphen it shows.
	hyphenText = []byte{'-'}
)

func (d *officeDoc) table() *tableFrame {
	if len(d.tables) == 0 {
		return nil
	}
	return d.tables[len(d.tables)-1]
}

// endCell records a first-row cell's text as the header of the grid
// columns it spans. In docx a spanning cell is one w:tc; in pptx the
// columns it covers have their own (empty, hMerge) a:tc.
func (tb *tableFrame) endCell(docx bool) {
	tb.inCell = false
	span := max(tb.span, 1)
	// Once the first row is judged (its end, or a cell too long for a
	// header), a later first-row cell names no column: were it data, its
	// text would become a column name in every location below it.
	if tb.row == 1 && !tb.decided {
		name := strings.TrimSpace(string(tb.cell))
		for c := tb.cellCol; c < tb.cellCol+span && c < 1<<12; c++ {
			for len(tb.header) <= c {
				tb.header = append(tb.header, "")
			}
			if name != "" || c == tb.cellCol {
				if tb.header[c] == "" {
					tb.header[c] = name
				}
			}
		}
	}
	if docx {
		tb.col += span
	} else {
		tb.col++
	}
}

func (d *officeDoc) startPara() {
	d.pnum++
	var f *paraFrame
	if n := len(d.free); n > 0 {
		f, d.free = d.free[n-1], d.free[:n-1]
	} else {
		f = &paraFrame{d: d}
		f.acc.sink = f
	}
	f.num, f.column, f.header = d.pnum, "", nil
	f.acc.max = d.limit
	f.acc.reset()
	if tb := d.table(); tb != nil && tb.inCell {
		if tb.row == 1 {
			f.header = tb
			if len(tb.cell) > 0 {
				tb.cell = append(tb.cell, ' ')
			}
		} else if tb.cellCol < len(tb.header) {
			f.column = tb.header[tb.cellCol]
		}
	}
	d.paras = append(d.paras, f)
}

func (d *officeDoc) endPara() error {
	n := len(d.paras)
	if n == 0 {
		return nil
	}
	f := d.paras[n-1]
	d.paras = d.paras[:n-1]
	d.free = append(d.free, f)
	return f.acc.end(nil)
}

// text adds text to the innermost open paragraph.
func (d *officeDoc) text(b []byte) error {
	n := len(d.paras)
	if n == 0 {
		return nil
	}
	f := d.paras[n-1]
	if tb := f.header; tb != nil && len(tb.cell) < maxTableHeaderBytes {
		k := min(len(b), maxTableHeaderBytes-len(tb.cell))
		tb.cell = append(tb.cell, b[:runeCut(b[:k])]...)
	}
	return f.acc.part(b)
}

// emitPara hands one paragraph, or a piece of it, to fn; a header cell's
// as a label.
func (e *emitter) emitPara(paragraph int, column string, label bool, data []byte) error {
	rec := e.rec
	rec.Loc.Paragraph = paragraph
	rec.Loc.Column = column
	rec.Label = label
	rec.Data = data
	return e.send(rec)
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// atoiPos parses a small positive count, def if it is not one.
func atoiPos(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 1<<12 {
		return def
	}
	return n
}

type numbered struct {
	n    int
	name string
}

// numberedName matches prefix + digits + suffix (or no digits, as 0).
func numberedName(name, prefix, suffix string) (int, bool) {
	mid, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return 0, false
	}
	mid, ok = strings.CutSuffix(mid, suffix)
	if !ok {
		return 0, false
	}
	if mid == "" {
		return 0, true
	}
	n, err := strconv.Atoi(mid)
	return n, err == nil && n >= 0
}

func sortNumbered(list []numbered) []numbered {
	slices.SortFunc(list, func(a, b numbered) int {
		if a.n != b.n {
			return a.n - b.n
		}
		return strings.Compare(a.name, b.name)
	})
	return list
}

// utf16Name is s in UTF-16LE, as OLE2 directory entries name streams.
func utf16Name(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

func sizeName(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

package hostile

import (
	"archive/zip"
	"bytes"
	"path/filepath"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

// officeBombSize is what the bomb part of an OOXML bomb unpacks to: past
// the 1 GiB a workbook or document may unzip to.
const officeBombSize = 1100 * mib

const contentTypesXLSX = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`

const rootRelsXLSX = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`

const workbookXLSX = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`

const workbookRelsXLSX = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`

// XLSXBomb writes bomb.xlsx: a workbook whose one sheet is a cell of
// text that unpacks to 1.1 GiB, packed about 1000:1, its header honest.
func XLSXBomb(dir string, _ uint64) ([]Plant, error) {
	head := []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`)
	tail := []byte(`</t></is></c></row></sheetData></worksheet>`)
	sheet, err := deflateRepeat(head, repeatLine(mib), officeBombSize/mib, tail)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, p := range [][2]string{
		{"[Content_Types].xml", contentTypesXLSX},
		{"_rels/.rels", rootRelsXLSX},
		{"xl/workbook.xml", workbookXLSX},
		{"xl/_rels/workbook.xml.rels", workbookRelsXLSX},
	} {
		if err := zipDeflated(zw, p[0], []byte(p[1])); err != nil {
			return nil, err
		}
	}
	if err := zipRaw(zw, "xl/worksheets/sheet1.xml", sheet); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return nil, writeFile(filepath.Join(dir, "bomb.xlsx"), b.Bytes())
}

const contentTypesDOCX = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>`

const rootRelsDOCX = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// DOCXBomb writes bomb.docx: a Word document whose body holds contacts
// and whose footnotes unpack to 1.1 GiB, packed about 1000:1, their header
// honest. A scan reads the body, then stops at the budget.
func DOCXBomb(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("docx-bomb")
	var body bytes.Buffer
	body.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<w:document " + wordNS + "><w:body>")
	const n = 3
	for range n {
		c := newContact(g)
		body.WriteString("<w:p><w:r><w:t xml:space=\"preserve\">電話: " + c.phone + " メール: " + c.email + "</w:t></w:r></w:p>")
	}
	body.WriteString("</w:body></w:document>")
	head := []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<w:footnotes " + wordNS + `><w:footnote w:id="1"><w:p><w:r><w:t>`)
	tail := []byte(`</w:t></w:r></w:p></w:footnote></w:footnotes>`)
	notes, err := deflateRepeat(head, repeatLine(mib), officeBombSize/mib, tail)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, p := range [][2]string{
		{"[Content_Types].xml", contentTypesDOCX},
		{"_rels/.rels", rootRelsDOCX},
		{"word/document.xml", body.String()},
	} {
		if err := zipDeflated(zw, p[0], []byte(p[1])); err != nil {
			return nil, err
		}
	}
	if err := zipRaw(zw, "word/footnotes.xml", notes); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	if err := writeFile(filepath.Join(dir, "bomb.docx"), b.Bytes()); err != nil {
		return nil, err
	}
	return plants("bomb.docx", n), nil
}

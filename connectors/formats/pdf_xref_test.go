package formats

import (
	"os"
	"strings"
	"testing"
)

// TestXrefWithin: object numbers a file cannot hold are refused before
// the PDF library sizes its table by them; real files and ordinary
// tables pass.
func TestXrefWithin(t *testing.T) {
	pad := strings.Repeat(" ", 1000)
	table := "xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%EOF\n"
	for _, tt := range []struct {
		name, pdf string
		ok        bool
	}{
		{"an ordinary table", "%PDF-1.4\n" + pad + table, true},
		{"two subsections", "%PDF-1.4\n" + pad + "xref\n0 1\n0000000000 65535 f \n40 2\n0000000009 00000 n \n0000000058 00000 n \ntrailer\n<< /Size 42 >>", true},
		{"an xref stream's /Index", "%PDF-1.5\n" + pad + "9 0 obj << /Type /XRef /Index [0 5 30 3] /Size 33 /W [1 2 1] >>", true},
		{"a function's /Size array", "%PDF-1.4\n" + pad + "<< /FunctionType 0 /Size [1000000000] >>", true},
		{"startxref is not xref", "%PDF-1.4\n" + pad + "startxref\n999999999\n", true},
		{"a subsection at 88,888,880", "%PDF-1.4\n" + pad + "xref\n88888880 8\n" + strings.Repeat("0000000009 00000 n \n", 8) + "trailer", false},
		{"a subsection of a billion", "%PDF-1.4\n" + pad + "xref\n0 1000000000\n0000000000 65535 f \ntrailer", false},
		{"a table after a control byte", "%PDF-1.4\n" + pad + "endobj\x05xref\n88888880 8\n" + strings.Repeat("0000000009 00000 n \n", 8) + "trailer", false},
		{"startxref's own xref, given as an offset", "%PDF-1.4\n" + pad + "startxref\n88888880 1\n0000000009 00000 n \ntrailer", false},
		{"a negative start", "%PDF-1.4\n" + pad + "xref\n-5 1\n0000000000 65535 f \ntrailer", false},
		{"/Index far out", "%PDF-1.5\n" + pad + "<< /Type /XRef /Index [100000000 1] /W [1 2 1] >>", false},
		{"/Size far out", "%PDF-1.5\n" + pad + "<< /Type /XRef /Size 2000000000 /W [1 2 1] >>", false},
	} {
		err := xrefWithin([]byte(tt.pdf))
		if (err == nil) != tt.ok {
			t.Errorf("%s: %v, want ok %v", tt.name, err, tt.ok)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "malformed PDF: ") {
			t.Errorf("%s: %v is not named malformed", tt.name, err)
		}
	}
	for _, f := range []string{"testdata/pdf/mixed.pdf", "testdata/pdf/scan.pdf"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := xrefWithin(data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

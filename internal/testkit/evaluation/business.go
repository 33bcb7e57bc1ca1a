package evaluation

import (
	"bufio"
	"embed"
	"encoding/csv"
	"io"
	"io/fs"
	"strings"
)

// The business set is ordinary documents written by hand (invoices and
// order lists with JAN codes and order numbers, manuals, policies,
// meeting notes) that hold no personal information: every finding on it
// is a false one. A .txt file is read line by line as text, a .csv file
// cell by cell under its header, as the scanner reads them.
//
//go:embed testdata/business
var businessFiles embed.FS

// Business returns the business documents as negative samples, file by
// file in name order, each with its file's name as its class.
func Business() ([]Sample, error) {
	var names []string
	err := fs.WalkDir(businessFiles, "testdata/business", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".csv")) {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return readFiles(businessFiles, names, func(class string, r io.Reader) ([]Sample, error) {
		if strings.HasSuffix(class, ".csv") {
			return csvSamples(r, class)
		}
		return lineSamples(r, class)
	})
}

func lineSamples(r io.Reader, class string) ([]Sample, error) {
	var out []Sample
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			out = append(out, Sample{Context: ContextNegative, Text: line, Class: class})
		}
	}
	return out, sc.Err()
}

func csvSamples(r io.Reader, class string) ([]Sample, error) {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	header := rows[0]
	var out []Sample
	for _, row := range rows[1:] {
		for i, cell := range row {
			if cell = strings.TrimSpace(cell); cell != "" {
				out = append(out, Sample{Context: ContextNegative, Column: header[i], Text: cell, Class: class})
			}
		}
	}
	return out, nil
}

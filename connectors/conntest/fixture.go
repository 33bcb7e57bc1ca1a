package conntest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/encoding/japanese"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

// Seed is the fixture's seed: the same seed, the same bytes.
const Seed uint64 = 20261113

// Names of the fixture's items, as every store holds them.
const (
	CustomersCSV      = "customers.csv"       // the customer rows, UTF-8
	CustomersCP932CSV = "customers_cp932.csv" // the same text in CP932
	CustomersJSON     = "customers.json"      // the same rows, a JSON array of flat objects
	CustomersJSONL    = "customers.jsonl"     // the same rows, one JSON object a line
	Notes             = "notes.txt"           // prose mentioning some of the customers, UTF-8
	NotesCP932        = "notes_cp932.txt"     // the same prose in CP932

	// DeniedFile is the object a store holds but the scan may not read: a
	// broken symbolic link among files, an object the user may not GET in
	// a bucket.
	DeniedFile = "denied.csv"

	// CustomersTable holds the customer rows in a database, every column
	// text, named as in the CSV header; DeniedTable is a table the login
	// may not SELECT.
	CustomersTable = "customers"
	DeniedTable    = "denied"
)

// Fixture is the one data set every store holds: synthetic customers (no
// real person's data) with Japanese column names, and prose that mentions
// some of them.
type Fixture struct {
	// Columns names the customer columns, in order; the first, 顧客ID,
	// identifies a row.
	Columns []string
	// Rows are the customers; "" is a missing value, an empty CSV cell,
	// JSON null and NULL in a table.
	Rows [][]string
	// Notes is the text of the prose files.
	Notes string
}

// NewFixture returns the fixture, built once. Callers must not change it.
func NewFixture() *Fixture { return fixtureOnce() }

var fixtureOnce = sync.OnceValue(func() *Fixture { return build(Seed) })

const customers = 50

func build(seed uint64) *Fixture {
	g := synthetic.New(seed)
	f := &Fixture{Columns: []string{"顧客ID", "氏名", "フリガナ", "性別", "生年月日", "郵便番号", "住所", "電話番号", "メールアドレス", "個人番号"}}
	type person struct {
		p                               synthetic.Person
		name, kana, birth, phone, email string
		address, myNumber               string
	}
	var people []person
	rows := g.Sub("customers")
	for i := range customers {
		p := rows.Person()
		pp := person{p: p, name: p.FullName(), kana: p.FullKana()}
		if i%9 == 4 {
			pp.name = p.Surname.Kanji + "\u3000" + p.Given.Kanji // an ideographic space
		}
		if i%7 == 3 {
			pp.kana = synthetic.Hiragana(pp.kana)
		}
		pp.birth = synthetic.FormatDate(p.Birth, synthetic.PortableDateFormats[i%len(synthetic.PortableDateFormats)])
		postal := p.Address.Postal
		switch i % 4 {
		case 1:
			postal = synthetic.FormatPostal(postal, synthetic.PostalBare)
		case 2:
			postal = "〒" + postal
		case 3:
			postal = synthetic.FormatPostal(postal, synthetic.PostalFullWidth)
		}
		pp.address = p.Address.Kanji()
		if i%2 == 1 {
			pp.address = p.Address.Short()
		}
		if i%8 != 7 {
			ph := rows.MobilePhone()
			if i%3 == 2 {
				ph = rows.FixedPhone(p.Address.AreaCode)
			}
			pp.phone = ph.Format(synthetic.PortablePhoneFormats[i%len(synthetic.PortablePhoneFormats)])
		}
		if i%10 != 9 {
			pp.email = rows.Email(p)
		}
		if i%3 == 0 {
			pp.myNumber = rows.MyNumber()
			if i%2 == 1 {
				pp.myNumber = synthetic.Group444(pp.myNumber, "-")
			}
		}
		people = append(people, pp)
		f.Rows = append(f.Rows, []string{fmt.Sprintf("C%04d", 1001+i), pp.name, pp.kana, p.Gender.Kanji(),
			pp.birth, postal, pp.address, pp.phone, pp.email, pp.myNumber})
	}

	// Notes of a customer desk: some lines name a customer and give one
	// of their identifiers, the others are ordinary business text.
	var b strings.Builder
	day := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	notes := g.Sub("notes")
	for i, pp := range people {
		if i%3 != 0 {
			continue
		}
		day = day.AddDate(0, 0, 1+notes.IntN(3))
		fmt.Fprintf(&b, "%d月%d日 ", day.Month(), day.Day())
		surname := pp.p.Surname.Kanji
		switch i % 5 {
		case 0:
			if pp.phone != "" {
				fmt.Fprintf(&b, "%s様より電話あり。折り返しは%sまで。\n", pp.name, pp.phone)
				break
			}
			fmt.Fprintf(&b, "%s様より電話あり。担当者から折り返し予定。\n", pp.name)
		case 1:
			fmt.Fprintf(&b, "%s様（%s）の住所を%sに変更しました。\n", pp.name, pp.kana, pp.address)
		case 2:
			if pp.email != "" {
				fmt.Fprintf(&b, "請求書を%s宛に送付済み。%s様には確認のお電話不要。\n", pp.email, surname)
				break
			}
			fmt.Fprintf(&b, "%s様へ請求書を郵送しました。\n", surname)
		case 3:
			fmt.Fprintf(&b, "%s様の生年月日は%sと確認。会員ランクを更新。\n", pp.name, pp.birth)
		case 4:
			if pp.myNumber != "" {
				fmt.Fprintf(&b, "%s様の個人番号 %s を申請書で確認しました。\n", pp.name, pp.myNumber)
				break
			}
			fmt.Fprintf(&b, "%s様から資料請求あり。カタログを発送。\n", pp.name)
		}
		fmt.Fprintf(&b, "在庫の棚卸しは%d日の午後に実施予定。倉庫の鍵は総務で管理。\n", 10+notes.IntN(18))
	}
	f.Notes = b.String()
	return f
}

// Files returns the fixture's files by name (the items but DeniedFile):
// the customers as CSV in UTF-8 and in CP932, as a JSON array and as JSON
// Lines, and the notes in UTF-8 and in CP932.
func (f *Fixture) Files() (map[string][]byte, error) {
	var c bytes.Buffer
	w := csv.NewWriter(&c)
	w.Write(f.Columns)
	w.WriteAll(f.Rows)
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("fixture: write CSV: %w", err)
	}
	var arr, lines bytes.Buffer
	arr.WriteString("[\n")
	for i, r := range f.Rows {
		obj, err := f.object(r)
		if err != nil {
			return nil, err
		}
		arr.WriteString("  ")
		arr.Write(obj)
		if i < len(f.Rows)-1 {
			arr.WriteByte(',')
		}
		arr.WriteByte('\n')
		lines.Write(obj)
		lines.WriteByte('\n')
	}
	arr.WriteString("]\n")
	csvCP932, err := cp932(c.String())
	if err != nil {
		return nil, err
	}
	notesCP932, err := cp932(f.Notes)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{
		CustomersCSV:      c.Bytes(),
		CustomersCP932CSV: csvCP932,
		CustomersJSON:     arr.Bytes(),
		CustomersJSONL:    lines.Bytes(),
		Notes:             []byte(f.Notes),
		NotesCP932:        notesCP932,
	}, nil
}

// object writes one row as a flat JSON object, keys in column order.
func (f *Fixture) object(r []string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, col := range f.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		k, err := json.Marshal(col)
		if err != nil {
			return nil, fmt.Errorf("fixture: JSON: %w", err)
		}
		b.Write(k)
		b.WriteString(": ")
		if r[i] == "" {
			b.WriteString("null")
			continue
		}
		v, err := json.Marshal(r[i])
		if err != nil {
			return nil, fmt.Errorf("fixture: JSON: %w", err)
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// cp932 encodes s, checking that it decodes back to s.
func cp932(s string) ([]byte, error) {
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		return nil, fmt.Errorf("fixture: encode CP932: %w", err)
	}
	back, err := japanese.ShiftJIS.NewDecoder().Bytes(b)
	if err != nil || string(back) != s {
		return nil, fmt.Errorf("fixture: the text does not round-trip through CP932 (%v)", err)
	}
	return b, nil
}

// WriteFiles writes Files into dir.
func (f *Fixture) WriteFiles(dir string) error {
	files, err := f.Files()
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return fmt.Errorf("fixture: %w", err)
		}
	}
	return nil
}

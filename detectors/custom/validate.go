package custom

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/checkdigit"
)

// Validator is a check a match must pass, from a built-in set. Written as
// a word (luhn, my_number, date) or a mapping:
//
//	{mod: 11, weights: [2, 3, 4, 5, 6, 7]}   the last digit is the check digit
//	{length: [8, 10]}                        8 to 10 letters and digits
//	{date: "20060102"}                       the digits are a date in this layout
type Validator struct {
	Kind    string // luhn, my_number, date, mod, length
	Modulus int
	Weights []int
	// Complement says the check digit is Modulus minus the weighted sum's
	// remainder (as most Japanese numbers are), not the remainder; a
	// result of 10 or more is 0.
	Complement bool
	Min, Max   int
	Layout     string // date: Go layout of the digits, default 20060102
}

// UnmarshalYAML reads a validator.
func (v *Validator) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		switch n.Value {
		case "luhn", "my_number", "date":
			v.Kind = n.Value
			return nil
		}
		return fmt.Errorf("line %d: unknown validator %q (want luhn, my_number, date, or {mod: …}, {length: …}, {date: LAYOUT})", n.Line, n.Value)
	}
	var m struct {
		Mod        int    `yaml:"mod"`
		Weights    []int  `yaml:"weights"`
		Complement *bool  `yaml:"complement"`
		Length     []int  `yaml:"length"`
		Date       string `yaml:"date"`
	}
	if err := n.Decode(&m); err != nil {
		return err
	}
	switch {
	case m.Mod != 0:
		v.Kind, v.Modulus, v.Weights, v.Complement = "mod", m.Mod, m.Weights, m.Complement == nil || *m.Complement
	case m.Length != nil:
		if len(m.Length) != 2 {
			return fmt.Errorf("line %d: length: want [MIN, MAX]", n.Line)
		}
		v.Kind, v.Min, v.Max = "length", m.Length[0], m.Length[1]
	case m.Date != "":
		v.Kind, v.Layout = "date", m.Date
	default:
		return fmt.Errorf("line %d: a validator mapping needs mod, length or date", n.Line)
	}
	return nil
}

func (v *Validator) check() error {
	switch v.Kind {
	case "luhn", "my_number":
	case "date":
		if v.Layout == "" {
			v.Layout = "20060102"
		}
		if strings.Trim(v.Layout, "0123456789") != "" {
			return errors.New("date: the layout is digits only, as the match's digits are compared with it (20060102)")
		}
	case "mod":
		if v.Modulus < 2 || v.Modulus > 97 {
			return errors.New("mod: the modulus is 2 to 97")
		}
		if len(v.Weights) == 0 {
			return errors.New("mod: give the weights, from the digit next to the check digit leftwards")
		}
	case "length":
		if v.Min < 1 || v.Max < v.Min {
			return errors.New("length: want [MIN, MAX] with 1 <= MIN <= MAX")
		}
	default:
		return fmt.Errorf("unknown validator %q", v.Kind)
	}
	return nil
}

// valid reports whether value, a match, passes v.
func (v *Validator) valid(value string) bool {
	digits := detectors.DigitsOf(value)
	switch v.Kind {
	case "luhn":
		return len(digits) >= 2 && checkdigit.ValidLuhn(digits)
	case "my_number":
		return len(digits) == 12 && checkdigit.ValidMyNumber(digits)
	case "date":
		if len(digits) != len(v.Layout) {
			return false
		}
		_, err := time.Parse(v.Layout, digits)
		return err == nil
	case "mod":
		return v.validMod(digits)
	case "length":
		n := 0
		for _, r := range value {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
			}
		}
		return n >= v.Min && n <= v.Max
	}
	return false
}

// validMod checks the last digit against the weighted sum of the others,
// weights applied from the rightmost of them leftwards, cycling.
func (v *Validator) validMod(digits string) bool {
	if len(digits) < 2 {
		return false
	}
	body, check := digits[:len(digits)-1], int(digits[len(digits)-1]-'0')
	sum := 0
	for i := 0; i < len(body); i++ {
		d := int(body[len(body)-1-i] - '0')
		sum += d * v.Weights[i%len(v.Weights)]
	}
	want := sum % v.Modulus
	if v.Complement {
		want = (v.Modulus - want) % v.Modulus
	}
	if want >= 10 {
		want = 0
	}
	return check == want
}

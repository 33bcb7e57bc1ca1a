// Package all lists every detector pmscan ships, in report order.
package all

import (
	"github.com/pmscan/pmscan/detectors"
	"github.com/pmscan/pmscan/detectors/address"
	"github.com/pmscan/pmscan/detectors/attribute"
	"github.com/pmscan/pmscan/detectors/bankaccount"
	"github.com/pmscan/pmscan/detectors/birthdate"
	"github.com/pmscan/pmscan/detectors/corporatenumber"
	"github.com/pmscan/pmscan/detectors/creditcard"
	"github.com/pmscan/pmscan/detectors/driverslicense"
	"github.com/pmscan/pmscan/detectors/email"
	"github.com/pmscan/pmscan/detectors/ipaddress"
	"github.com/pmscan/pmscan/detectors/mynumber"
	"github.com/pmscan/pmscan/detectors/passport"
	"github.com/pmscan/pmscan/detectors/pensionnumber"
	"github.com/pmscan/pmscan/detectors/personname"
	"github.com/pmscan/pmscan/detectors/phone"
	"github.com/pmscan/pmscan/detectors/postalcode"
	"github.com/pmscan/pmscan/detectors/residencecard"
	"github.com/pmscan/pmscan/detectors/sensitive"
)

// Detectors returns a new instance of every detector.
func Detectors() []detectors.Detector {
	ds := []detectors.Detector{
		mynumber.New(),
		corporatenumber.New(),
		phone.New(),
		email.New(),
		postalcode.New(),
		birthdate.New(),
		creditcard.New(),
		ipaddress.New(),
		bankaccount.New(),
		passport.New(),
		driverslicense.New(),
		residencecard.New(),
		pensionnumber.New(),
		personname.New(),
		address.New(),
		sensitive.New(),
	}
	return append(ds, attribute.All()...)
}

// Types lists the type IDs of Detectors, in the same order.
func Types() []string {
	var out []string
	for _, d := range Detectors() {
		out = append(out, d.Type())
	}
	return out
}

// PolicyTypes lists what a policy may map onto items: every type, and each
// kind of sensitive information as sensitive/KIND.
func PolicyTypes() []string {
	out := Types()
	for _, k := range sensitive.Kinds() {
		out = append(out, "sensitive/"+k)
	}
	return out
}

// Package all lists every connector pmscan has. Adding a connector is one
// package under connectors/ and one line here.
package all

import (
	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/files"
	"github.com/pmscan/pmscan/connectors/mysql"
	"github.com/pmscan/pmscan/connectors/postgres"
	"github.com/pmscan/pmscan/connectors/s3"
	"github.com/pmscan/pmscan/connectors/sqldb"
)

// Factories returns a fresh factory of every connector; those that are
// connectors.Configurable own their command-line flags.
func Factories() []connectors.Factory {
	db := sqldb.NewFlags() // the database connectors share their flags
	return []connectors.Factory{
		&files.Factory{},
		&s3.Factory{},
		withFlags(postgres.NewFactory(sqldb.Options{}), db),
		withFlags(mysql.NewFactory(sqldb.Options{}), db),
	}
}

func withFlags(f *sqldb.Factory, flags *sqldb.Flags) *sqldb.Factory {
	f.Flags = flags
	return f
}

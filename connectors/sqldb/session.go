package sqldb

import (
	"context"
	"errors"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// Server opens sessions on one database server.
type Server interface {
	// Connect opens a read-only session. Its error must not contain the
	// password: drivers pass it through Secrets.Scrub.
	Connect(ctx context.Context) (Session, error)
}

// ErrConnLost marks a session error after which the connection is gone: a
// new session may carry on where this one stopped. Sessions wrap it.
var ErrConnLost = errors.New("connection lost")

// Identity names the server and database for locations.
type Identity struct {
	Store    string // "postgres", "mysql", "mariadb"
	Host     string // host:port, or the socket path
	Database string // "" when a MySQL target spans databases
	// SchemaIsDatabase: a relation's schema is its database (MySQL), so
	// locations name it as the database, not as part of the table.
	SchemaIsDatabase bool
}

// RowFunc receives one row: vals[i] is the text of Table.Select()[i], nil
// for NULL. vals is valid only during the call.
type RowFunc func(vals [][]byte) error

// Resume says where a stream or sample stopped: the rows already read and,
// for a relation keyed by ctid, the last key read.
type Resume struct {
	Rows    int64
	LastKey [][]byte // nil: start at the first row (after skipping Rows)
}

// Session is one read-only connection. Every read runs in a read-only
// transaction under the statement timeout. A relation handed to Page,
// Stream or Sample has at least one column in Select: one with none to
// read is never queried.
type Session interface {
	Identity() Identity
	// Tables lists every relation the session can see, system schemas
	// excluded, with columns and keys; the caller filters. Relations the
	// session cannot read are listed too: reading them fails, and the failure
	// is recorded. A database whose relations the catalog shows only in
	// part comes as a DatabaseGap entry before them.
	Tables(ctx context.Context) ([]*Table, error)
	// Page reads, in key order, at most limit rows of an Ordered table whose
	// key is greater than after (nil: from the first row). after is reused
	// once the first row is handed to fn: use it only to start the query.
	Page(ctx context.Context, t *Table, after [][]byte, limit int, fn RowFunc) error
	// Stream reads every row of t in scan order, from where resume says.
	Stream(ctx context.Context, t *Table, from Resume, fn RowFunc) error
	// Sample reads up to n rows of t chosen without reading the whole
	// relation where the server can, the same rows for the same seed; from
	// says how many were already delivered by an earlier, lost session.
	Sample(ctx context.Context, t *Table, n int, seed int64, from Resume, fn RowFunc) error
	// Version says what the server says of table t without reading its
	// rows: catalog and statistics queries, and at most one index probe
	// (the newest value of NewestRecordColumn where an index leads with
	// it). Its facts are named and in an order fixed per dialect; it sets
	// Doubt where they cannot vouch for the content, and fails only when
	// a query does. It is not asked about views.
	Version(ctx context.Context, t *Table) (*connectors.Version, error)
	Close() error
}

// AccessReader is a Session that can say who can read its relations,
// from the catalog only (grants, role membership, ownership; see
// connectors.Access).
type AccessReader interface {
	// TableAccess sets Access on every one of tables, relations that
	// Tables listed. A relation it cannot tell about gets an Access whose
	// Unknown says why; it fails only when it can tell about none (the
	// query failed), and then the caller marks every one unknown.
	TableAccess(ctx context.Context, tables []*Table) error
}

// Options configure a database scan.
type Options struct {
	Filter Filter
	// Views scans views as well as tables and materialized views.
	Views bool
	// Sample reads this many rows per relation; 0 reads every row.
	Sample     int
	SampleSeed int64
	// Conns bounds the connections open at once to the server; tables are
	// read in parallel up to it.
	Conns int
	// PageRows is the keyset page size.
	PageRows int
	// CheckpointPages and CheckpointEvery say how often a table read in
	// key order is checkpointed (connectors.Checkpoint): after the page
	// that makes CheckpointPages pages, or CheckpointEvery, since the
	// table's last checkpoint or its start, whichever comes first.
	CheckpointPages int
	CheckpointEvery time.Duration
	// StatementTimeout bounds each query on the server.
	StatementTimeout time.Duration
	// MaxValueChars caps what is read of one value. A value cut there is
	// scanned up to the cap, and the cut is a problem at its row and column:
	// a failure, since the rest of the value is not read.
	MaxValueChars int
	// Retries is how many times a lost connection is reopened for one table
	// before the table is given up (0: DefaultRetries; negative: never).
	Retries int
	// Backoff is the wait before the first retry; it doubles each time.
	Backoff time.Duration
}

// Defaults for Options fields left zero.
const (
	DefaultConns            = 2
	DefaultPageRows         = 5000
	DefaultCheckpointPages  = 64
	DefaultCheckpointEvery  = 10 * time.Second
	DefaultStatementTimeout = 5 * time.Minute
	DefaultMaxValueChars    = 1 << 20
	DefaultRetries          = 3
	DefaultBackoff          = 500 * time.Millisecond
)

// WithDefaults fills the zero fields.
func (o Options) WithDefaults() Options {
	if o.Conns <= 0 {
		o.Conns = DefaultConns
	}
	if o.PageRows <= 0 {
		o.PageRows = DefaultPageRows
	}
	if o.CheckpointPages <= 0 {
		o.CheckpointPages = DefaultCheckpointPages
	}
	if o.CheckpointEvery <= 0 {
		o.CheckpointEvery = DefaultCheckpointEvery
	}
	if o.StatementTimeout <= 0 {
		o.StatementTimeout = DefaultStatementTimeout
	}
	if o.MaxValueChars <= 0 {
		o.MaxValueChars = DefaultMaxValueChars
	}
	if o.Retries < 0 {
		o.Retries = 0
	} else if o.Retries == 0 {
		o.Retries = DefaultRetries
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
	return o
}

// Factory opens connectors for one driver's URL schemes.
type Factory struct {
	SchemeNames []string
	Options     Options
	// NewServer parses target; it must not connect, so that an unreachable
	// server is recorded as the target's failure when the walk starts.
	NewServer func(target string, opts Options) (Server, error)
	// Flags, when set, are the command-line flags Options come from.
	Flags *Flags
}

var _ connectors.Configurable = (*Factory)(nil)

func (f Factory) Schemes() []string { return f.SchemeNames }

// Open parses target and returns its connector.
func (f Factory) Open(_ context.Context, target string) (connectors.Connector, error) {
	srv, err := f.NewServer(target, f.Options.WithDefaults())
	if err != nil {
		return nil, err
	}
	return New(srv, f.Options), nil
}

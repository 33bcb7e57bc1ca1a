package connectors

import (
	"path/filepath"
	"time"
)

// Object is one thing a scan reads as a whole: a file, an archive member,
// an S3 object, a table or a view (or a directory that could not be
// walked). A connector builds it once, before the object's first record,
// and every record of the object points to it: records carry only their
// position. Once its first record is handed on, an Object does not change,
// since the records are judged on other goroutines.
//
// Its Name is the one name every report, the inventory, the policy's store
// globs and the state store use for it.
type Object struct {
	Store    string // "file", "s3", "postgres", "mysql", "mariadb"
	Host     string // database server, or S3-compatible endpoint, as host:port
	Database string // database name
	Table    string // schema.table (PostgreSQL) or table (MySQL)
	Path     string // file path as walked from the target, slash-separated
	Bucket   string // S3 bucket
	Key      string // S3 object key

	// Member is an archive member's path inside the file at Path or the S3
	// object at Key; the levels of nested archives are joined with "!/"
	// (inner.tar.gz!/c.json). Parent is the archive the member is in.
	Member string
	Parent *Object

	// Encoding is the detected text encoding ("utf-8", "cp932"); the
	// format code sets it before the object's first record.
	Encoding string
	// ETag names the content of the S3 object that was read, and VersionID
	// its version where the bucket is versioned.
	ETag      string
	VersionID string
	// Modified is a file's or archive member's modification time, or an S3
	// object's LastModified; zero when the store does not say.
	Modified time.Time
	// Size is the object's size as stored, where the store says it
	// before reading (S3, archive members); 0 otherwise.
	Size int64
	// SampledBytes is set when only the first SampledBytes of a larger
	// object were read (a ranged GET): its findings come from that part.
	SampledBytes int64
	// RowBy says, for a table, what its row keys or numbers rest on when
	// it is not the primary key.
	RowBy string
	// Access is who can read the object, as its store says (see Access),
	// read during the scan from metadata only; nil where the connector
	// does not read it. Objects of one place may share it: it is read
	// only.
	Access *Access

	// Version is what the store said of the object before it was read,
	// for the next scan to see whether it changed (see Baseline); nil
	// where the connector could not tell.
	Version *Version
	// ReadBecause says why an incremental scan read the object instead of
	// carrying it over ("new", "size 10 → 12", "read 8 days ago"), as the
	// Baseline decided; "" in a full scan.
	ReadBecause string

	name string // Name, made by the constructors
}

// NewFile is the object for a local file or directory at path.
func NewFile(path string) *Object {
	o := &Object{Store: "file", Path: filepath.ToSlash(path)}
	o.name = o.makeName()
	return o
}

// NewS3Object is the object for key in bucket; host is the endpoint of an
// S3-compatible store, or "" for AWS.
func NewS3Object(host, bucket, key string) *Object {
	o := &Object{Store: "s3", Host: host, Bucket: bucket, Key: key}
	o.name = o.makeName()
	return o
}

// NewTable is the object for a table or view of a database server.
func NewTable(store, host, database, table string) *Object {
	o := &Object{Store: store, Host: host, Database: database, Table: table}
	o.name = o.makeName()
	return o
}

// NewMember is the object for the member at name inside the archive o.
// It has o's identity plus the member path, and o's access (who can read
// the archive can read its members); the store's other facts (encoding,
// version, time) are the member's own, for the caller to set.
func (o *Object) NewMember(name string) *Object {
	m := &Object{Store: o.Store, Host: o.Host, Database: o.Database, Table: o.Table,
		Path: o.Path, Bucket: o.Bucket, Key: o.Key, Member: name, Parent: o, Access: o.Access}
	if o.Member != "" {
		m.Member = o.Member + MemberSep + name
	}
	m.name = m.makeName()
	return m
}

// MemberSep separates an archive from the path of a member inside it, in
// names: backup.zip!/2024/customers.csv.
const MemberSep = "!/"

// Name is the object's one name, for people and for the policy's store
// globs: a file's path, s3://bucket/key, store://host/database/table, each
// with !/member for an archive member.
func (o *Object) Name() string {
	if o.name != "" {
		return o.name
	}
	return o.makeName() // an Object built by hand
}

func (o *Object) makeName() string {
	var n string
	switch {
	case o.Bucket != "":
		n = "s3://" + o.Bucket + "/" + o.Key
	case o.Table != "" || (o.Path == "" && o.Host != ""):
		n = o.Store + "://" + o.Host + "/" + o.Database
		if o.Table != "" {
			n += "/" + o.Table
		}
	default:
		n = o.Path
	}
	if o.Member != "" {
		n += MemberSep + o.Member
	}
	return n
}

// paths are Path and Key with the archive member appended to the one that
// is set, as locations show them.
func (o *Object) paths() (path, key string) {
	path, key = o.Path, o.Key
	if o.Member != "" {
		if o.Key != "" || o.Bucket != "" {
			key += MemberSep + o.Member
		} else {
			path += MemberSep + o.Member
		}
	}
	return path, key
}

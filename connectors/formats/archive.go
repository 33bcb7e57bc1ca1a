package formats

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"github.com/pmscan/pmscan/connectors"
)

// Format names of archives in ObjectStats.Format ("tar+gzip" for .tar.gz, .tgz).
const (
	FormatZip = "zip"
	FormatTar = "tar"
)

// Limits on archives. They are variables only so that tests can lower them.
var (
	maxArchiveBytes   int64 = 256 << 20 // a zip as stored: it is read into memory
	maxArchiveUnzip   int64 = 1 << 30   // all members unpacked, at every level, of one top-level archive
	maxMemberBytes    int64 = 512 << 20 // one member unpacked
	maxArchiveMembers       = 100_000   // entries read from one archive
	maxArchiveDepth         = 3         // an archive inside this many archives is not read
	maxPackRatio      int64 = 200       // unpacked : packed bytes, past which a member is a bomb
	ratioFloor        int64 = 1 << 20   // the ratio is judged once a member has unpacked this much
)

// archiveLevel travels in Options from an archive into the Read of each
// of its members: how deep the member is, and the budget its tree shares.
type archiveLevel struct {
	depth int          // archives enclosing the object
	tree  *archiveTree // nil outside archives
}

// archiveTree is shared by all the archives nested in one top-level object.
type archiveTree struct {
	left int64 // unpack budget left; negative once passed
}

var errArchiveLimit = errors.New("archive limit passed")

// A zip is read through a source (source.go), so that a cancelled scan
// stops it at its next read, and so that members that overlap in the file
// (a bomb that unpacks the same bytes many times) cannot make its reading
// much more than a few passes over it.
const (
	zipReadFactor = 16
	zipReadSlack  = 1 << 20
)

var errZipWork = connectors.TooLarge("zip archive read far past its size (members that overlap: a zip bomb?): the rest not read")

// isZipArchive says whether an object is a zip to read as an archive: a
// zip (or an empty zip) whose name is not that of a zip-based format
// handled or skipped by type (xlsx, docx, jar, odt...).
func isZipArchive(in *input) bool {
	if !bytes.HasPrefix(in.head, []byte("PK\x03\x04")) && !bytes.HasPrefix(in.head, []byte("PK\x05\x06")) {
		return false
	}
	_, typed := zipKinds[in.ext]
	return !typed
}

// isTar says whether an object is a POSIX or GNU tar.
func isTar(in *input) bool {
	return len(in.head) >= 262 && string(in.head[257:262]) == "ustar"
}

// parseArchive reads the members of a zip or a tar. Each regular member is
// read by Read as an object of its own (in.obj.NewMember: a.zip!/dir/b.csv,
// a.zip!/inner.tar.gz!/c.json), so that its name picks its format and
// archives nest: its records, then its terminal record, are passed to
// in.fn. Directories, links and other special entries are passed over.
//
// Nothing is expanded without bound; every limit passed is recorded as a
// failure naming it and what was not read (connectors.ErrTooLarge), never
// as a skip: an archive or member read in part is incomplete. (An
// encrypted member is a skip, like an encrypted PDF or document; one
// compressed with a method Go cannot unpack is a failure, unsupported.)
// The zip is read through a source that a cancel stops at its next read
// and that stops members that overlap in the file from reading it over
// and over. A zip is read into memory, at most
// maxArchiveBytes. An archive inside maxArchiveDepth archives is not read.
// A member larger than maxMemberBytes, by its header or as it unpacks, is
// not read, nor is an encrypted member, nor a member that unpacks to more
// than maxPackRatio times its packed size once past ratioFloor (for tar,
// the ratio is that of the gzip stream around it and stops the archive).
// Every byte unpacked from a member, at every level, counts against
// maxArchiveUnzip for the whole tree; past it the archives stop. At most
// maxArchiveMembers entries of one archive are read.
//
// When the archive was gunzipped, the compressed bytes read so far judge
// the ratio of a tar. parseArchive returns only a failure of the archive
// itself (a limit passed among them), cancellation, or fn's error.
func parseArchive(p *parser, in *input, kind string) error {
	lv := in.opts.arc
	if lv.depth >= maxArchiveDepth {
		return connectors.TooLarge("archive nested in %d archives: not read (limit %d)", lv.depth, maxArchiveDepth)
	}
	if lv.tree == nil {
		lv.tree = &archiveTree{left: maxArchiveUnzip}
	}
	a := &archive{ctx: in.ctx, obj: in.obj, tree: lv.tree, opts: in.opts, fn: in.fn}
	a.opts.arc = archiveLevel{depth: lv.depth + 1, tree: lv.tree}
	a.opts.Partial, a.opts.limit = nil, nil
	if kind == FormatZip {
		return a.zip(in.raw)
	}
	var outer *unpackReader // the gzip stream's limits, when there is one
	if in.gzip {
		outer = &p.gzu
	}
	return a.tar(in.raw, outer)
}

// archive is the state of one parseArchive call.
type archive struct {
	ctx  context.Context
	obj  *connectors.Object
	tree *archiveTree
	opts Options // for the members
	fn   connectors.WalkFunc
}

func (a *archive) zip(r io.Reader) error {
	data, err := io.ReadAll(io.LimitReader(r, maxArchiveBytes+1))
	if err != nil {
		return zipError(err)
	}
	if int64(len(data)) > maxArchiveBytes {
		return connectors.TooLarge("zip archive larger than %s: not read", sizeName(maxArchiveBytes))
	}
	src := newSource(a.ctx, data, zipReadFactor*int64(len(data))+zipReadSlack, errZipWork)
	ra := &countingReaderAt{r: src}
	zr, err := zip.NewReader(ra, int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return zipError(err)
	}
	for i, f := range zr.File {
		if err := a.ctx.Err(); err != nil {
			return err
		}
		if i == maxArchiveMembers {
			return connectors.TooLarge("zip archive has %d members: the last %d not read (limit %d)", len(zr.File), len(zr.File)-i, maxArchiveMembers)
		}
		if a.tree.left < 0 {
			return connectors.TooLarge("archive unpacks to more than %s: the last %d members not read", sizeName(maxArchiveUnzip), len(zr.File)-i)
		}
		if src.failed == errZipWork {
			return connectors.TooLarge("zip archive read far past its size (members that overlap: a zip bomb?): the last %d members not read", len(zr.File)-i)
		}
		if !f.Mode().IsRegular() {
			continue
		}
		name := zipName(f)
		m := a.member(name, i, f.Modified, int64(f.UncompressedSize64))
		var lerr error
		switch {
		case f.Flags&1 != 0:
			lerr = connectors.Skip("encrypted member")
		case f.UncompressedSize64 > uint64(maxMemberBytes):
			lerr = connectors.TooLarge("member unpacks to %d bytes, more than %s: not read", f.UncompressedSize64, sizeName(maxMemberBytes))
		}
		if lerr != nil {
			if err := connectors.Fail(a.fn, m, lerr); err != nil {
				return err
			}
			continue
		}
		start := ra.n
		rc, err := f.Open()
		if err != nil {
			if errors.Is(err, zip.ErrAlgorithm) {
				// Not a skip: a format pmscan does not read may well hold
				// personal information.
				err = fmt.Errorf("member compressed with unsupported method %d: not read", f.Method)
			} else {
				err = zipError(err)
			}
			if err := connectors.Fail(a.fn, m, err); err != nil {
				return err
			}
			continue
		}
		g := &unpackReader{r: rc, tree: a.tree, max: maxMemberBytes, packed: func() int64 { return ra.n - start }}
		err = a.read(m, g)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// tar reads a tar from r; outer, when the tar was gunzipped, is the reader
// that bounds the gzip stream below r.
func (a *archive) tar(r io.Reader, outer *unpackReader) error {
	tr := tar.NewReader(r)
	for i := 0; ; i++ {
		if err := a.ctx.Err(); err != nil {
			return err
		}
		hdr, err := tr.Next()
		if outer != nil && outer.hit != "" {
			return connectors.TooLarge("%s: the rest of the archive not read", outer.hit)
		}
		if err == io.EOF {
			break
		}
		if err != nil && !errors.Is(err, tar.ErrInsecurePath) {
			return fmt.Errorf("tar: %w", err)
		}
		if i == maxArchiveMembers {
			return connectors.TooLarge("tar archive has more than %d members: the rest not read", maxArchiveMembers)
		}
		if a.tree.left < 0 {
			return connectors.TooLarge("archive unpacks to more than %s: the rest not read", sizeName(maxArchiveUnzip))
		}
		// A GNU sparse member is a regular file with holes: read as one,
		// or its size would pass no limit and it would go unrecorded.
		if hdr.Typeflag != tar.TypeReg && hdr.Typeflag != tar.TypeGNUSparse {
			continue
		}
		name := strings.TrimPrefix(hdr.Name, "./")
		m := a.member(name, i, hdr.ModTime, hdr.Size)
		if hdr.Size > maxMemberBytes {
			lerr := connectors.TooLarge("member unpacks to %d bytes, more than %s: not read", hdr.Size, sizeName(maxMemberBytes))
			if err := connectors.Fail(a.fn, m, lerr); err != nil {
				return err
			}
			continue
		}
		g := &unpackReader{r: tr, tree: a.tree, max: maxMemberBytes, outer: outer}
		if err := a.read(m, g); err != nil {
			return err
		}
	}
	// Read the padding after the end marker, so that a gzip stream around
	// the tar is read to its end and its checksum checked.
	if _, err := io.Copy(io.Discard, io.LimitReader(r, 1<<20)); err != nil {
		if outer != nil && outer.hit != "" {
			return connectors.TooLarge("%s: the rest of the archive not read", outer.hit)
		}
		return fmt.Errorf("tar: after the last member: %w", err)
	}
	return nil
}

// read reads one member from r through Read, which ends it with its
// terminal record; a limit r passed makes that a failure. It returns only an
// error that stops the walk: fn's, or cancellation.
func (a *archive) read(m *connectors.Object, r *unpackReader) error {
	opts := a.opts
	opts.limit = r.limit
	return Read(a.ctx, m, r, opts, a.fn)
}

// member is the object of the i'th member, at name, of size bytes
// unpacked. Its modification time is the archive's when the store gives
// one and the member does not: the inventory ages data by it. A member
// without a name is named by its place, or it would be taken for the
// archive itself.
func (a *archive) member(name string, i int, mod time.Time, size int64) *connectors.Object {
	m := a.obj.NewMember(memberName(name, i))
	m.Size = size
	m.Modified = a.obj.Modified
	if !a.obj.Modified.IsZero() && !mod.IsZero() {
		m.Modified = mod
	}
	return m
}

// memberName is the name of the i'th member, named name in its archive.
func memberName(name string, i int) string {
	if name == "" {
		return fmt.Sprintf("(member %d without a name)", i+1)
	}
	return name
}

// zipName is a member's name in UTF-8. A name without the zip's UTF-8 flag
// that is not valid UTF-8 is taken as CP932, as Japanese Windows writes it.
func zipName(f *zip.File) string {
	if f.Flags&0x800 != 0 || utf8.ValidString(f.Name) {
		return f.Name
	}
	if s, err := japanese.ShiftJIS.NewDecoder().String(f.Name); err == nil {
		return s
	}
	return strings.ToValidUTF8(f.Name, "\uFFFD")
}

// zipError names a zip failure; archive/zip's own errors are named already.
func zipError(err error) error {
	if strings.HasPrefix(err.Error(), "zip: ") {
		return err
	}
	return fmt.Errorf("zip: %w", err)
}

// unpackReader reads what an archive unpacks and stops, with
// errArchiveLimit, at the first limit passed: the tree's budget (when tree
// is set), max bytes (when > 0), or maxPackRatio (when packed is set).
type unpackReader struct {
	r      io.Reader
	tree   *archiveTree
	max    int64
	kind   string        // what max bounds, in messages; "" is "member"
	packed func() int64  // packed bytes read so far
	outer  *unpackReader // a reader below this one, whose limits count too
	n      int64         // bytes unpacked
	hit    string        // the limit passed
}

func (u *unpackReader) Read(p []byte) (int, error) {
	if u.hit != "" {
		return 0, errArchiveLimit
	}
	if u.tree != nil && int64(len(p)) > u.tree.left+1 {
		p = p[:max(u.tree.left+1, 1)]
	}
	n, err := u.r.Read(p)
	u.n += int64(n)
	if u.tree != nil {
		u.tree.left -= int64(n)
	}
	switch {
	case u.tree != nil && u.tree.left < 0:
		u.hit = fmt.Sprintf("archive unpacks to more than %s", sizeName(maxArchiveUnzip))
	case u.max > 0 && u.n > u.max:
		kind := u.kind
		if kind == "" {
			kind = "member"
		}
		u.hit = fmt.Sprintf("%s unpacks to more than %s", kind, sizeName(u.max))
	case u.packed != nil && u.n > ratioFloor && u.n > maxPackRatio*u.packed():
		u.hit = fmt.Sprintf("compression ratio over %d:1 (%d bytes from %d): a zip bomb?", maxPackRatio, u.n, u.packed())
	}
	if u.hit != "" {
		return 0, errArchiveLimit
	}
	return n, err
}

// limit is the limit passed by u or a reader below it; "" if none.
func (u *unpackReader) limit() string {
	for ; u != nil; u = u.outer {
		if u.hit != "" {
			return u.hit
		}
	}
	return ""
}

// countingReaderAt counts the bytes read through it.
type countingReaderAt struct {
	r io.ReaderAt
	n int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += int64(n)
	return n, err
}

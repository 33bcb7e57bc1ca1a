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

// Format names of archives in Info.Format ("tar+gzip" for .tar.gz, .tgz).
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

// archiveLevel travels in Options from an archive into the Parse of each
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

// archiveKind says whether head, the start of an object after gunzip, is an
// archive to read, and which: a zip (or an empty zip) whose name is not
// that of a zip-based format handled or skipped by type (xlsx, docx, jar,
// odt...), or a POSIX or GNU tar.
func archiveKind(head []byte, name string) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		if _, ok := zipKinds[extOf(trimGz(name))]; ok {
			return ""
		}
		return FormatZip
	case len(head) >= 262 && string(head[257:262]) == "ustar":
		return FormatTar
	}
	return ""
}

// parseArchive reads the members of a zip or a tar from r. Each regular
// member is parsed by Parse, under its path within the archive, so that its
// extension picks its format and archives nest; its records, then a Done
// record of its own (or its failure or skip), are passed to fn at loc with
// "!/" and the member's path appended to Path, or to Key when Path is empty:
// a.zip!/dir/b.csv, a.zip!/inner.tar.gz!/c.json. Directories, links and
// other special entries are passed over.
//
// Nothing is expanded without bound; every limit passed is recorded as a
// connectors.Skip naming it. A zip is read into memory, at most
// maxArchiveBytes. An archive inside maxArchiveDepth archives is not read.
// A member larger than maxMemberBytes, by its header or as it unpacks, is
// not read, nor is an encrypted member, nor a member that unpacks to more
// than maxPackRatio times its packed size once past ratioFloor (for tar,
// the ratio is that of the gzip stream around it and stops the archive).
// Every byte unpacked from a member, at every level, counts against
// maxArchiveUnzip for the whole tree; past it the archives stop. At most
// maxArchiveMembers entries of one archive are read.
//
// packed, when the archive was gunzipped, gives the compressed bytes read
// so far. parseArchive returns only a failure of the archive itself, a
// skip, cancellation, or fn's error.
func parseArchive(ctx context.Context, r io.Reader, kind string, packed func() int64, loc connectors.Location, opts Options, fn connectors.WalkFunc) error {
	lv := opts.arc
	if lv.depth >= maxArchiveDepth {
		return connectors.Skip("archive nested in %d archives: not read (limit %d)", lv.depth, maxArchiveDepth)
	}
	if lv.tree == nil {
		lv.tree = &archiveTree{left: maxArchiveUnzip}
	}
	a := &archive{ctx: ctx, loc: loc, tree: lv.tree, opts: opts, fn: fn}
	a.opts.arc = archiveLevel{depth: lv.depth + 1, tree: lv.tree}
	if kind == FormatZip {
		return a.zip(r)
	}
	return a.tar(r, packed)
}

// archive is the state of one parseArchive call.
type archive struct {
	ctx  context.Context
	loc  connectors.Location
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
		return connectors.Skip("zip archive larger than %s: not read", sizeName(maxArchiveBytes))
	}
	ra := &countingReaderAt{r: bytes.NewReader(data)}
	zr, err := zip.NewReader(ra, int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return zipError(err)
	}
	for i, f := range zr.File {
		if err := a.ctx.Err(); err != nil {
			return err
		}
		if i == maxArchiveMembers {
			return connectors.Skip("zip archive has %d members: the last %d not read (limit %d)", len(zr.File), len(zr.File)-i, maxArchiveMembers)
		}
		if a.tree.left < 0 {
			return connectors.Skip("archive unpacks to more than %s: the last %d members not read", sizeName(maxArchiveUnzip), len(zr.File)-i)
		}
		if !f.Mode().IsRegular() {
			continue
		}
		name := zipName(f)
		ml := a.memberLoc(name, f.Modified)
		st := connectors.ObjectStats{Bytes: int64(f.CompressedSize64), Size: int64(f.UncompressedSize64)}
		var skip error
		switch {
		case f.Flags&1 != 0:
			skip = connectors.Skip("encrypted member")
		case f.UncompressedSize64 > uint64(maxMemberBytes):
			skip = connectors.Skip("member unpacks to %d bytes, more than %s: not read", f.UncompressedSize64, sizeName(maxMemberBytes))
		}
		if skip != nil {
			if err := a.fn(connectors.Record{Loc: ml}, skip); err != nil {
				return err
			}
			continue
		}
		start := ra.n
		rc, err := f.Open()
		if err != nil {
			if errors.Is(err, zip.ErrAlgorithm) {
				err = connectors.Skip("member compressed with unsupported method %d", f.Method)
			} else {
				err = zipError(err)
			}
			if err := a.fn(connectors.Record{Loc: ml}, err); err != nil {
				return err
			}
			continue
		}
		g := &unpackReader{r: rc, tree: a.tree, max: maxMemberBytes, packed: func() int64 { return ra.n - start }}
		err = a.member(name, ml, g, st)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func (a *archive) tar(r io.Reader, packed func() int64) error {
	var outer *unpackReader // the gzip stream's ratio, when there is one
	if packed != nil {
		outer = &unpackReader{r: r, packed: packed}
		r = outer
	}
	tr := tar.NewReader(r)
	for i := 0; ; i++ {
		if err := a.ctx.Err(); err != nil {
			return err
		}
		hdr, err := tr.Next()
		if outer != nil && outer.hit != "" {
			return connectors.Skip("%s: the rest of the archive not read", outer.hit)
		}
		if err == io.EOF {
			break
		}
		if err != nil && !errors.Is(err, tar.ErrInsecurePath) {
			return fmt.Errorf("tar: %w", err)
		}
		if i == maxArchiveMembers {
			return connectors.Skip("tar archive has more than %d members: the rest not read", maxArchiveMembers)
		}
		if a.tree.left < 0 {
			return connectors.Skip("archive unpacks to more than %s: the rest not read", sizeName(maxArchiveUnzip))
		}
		if hdr.Typeflag != tar.TypeReg {
			continue
		}
		name := strings.TrimPrefix(hdr.Name, "./")
		ml := a.memberLoc(name, hdr.ModTime)
		if hdr.Size > maxMemberBytes {
			skip := connectors.Skip("member unpacks to %d bytes, more than %s: not read", hdr.Size, sizeName(maxMemberBytes))
			if err := a.fn(connectors.Record{Loc: ml}, skip); err != nil {
				return err
			}
			continue
		}
		g := &unpackReader{r: tr, tree: a.tree, max: maxMemberBytes, outer: outer}
		if err := a.member(name, ml, g, connectors.ObjectStats{Bytes: hdr.Size, Size: hdr.Size}); err != nil {
			return err
		}
	}
	// Read the padding after the end marker, so that a gzip stream around
	// the tar is read to its end and its checksum checked.
	if _, err := io.Copy(io.Discard, io.LimitReader(r, 1<<20)); err != nil {
		if outer != nil && outer.hit != "" {
			return connectors.Skip("%s", outer.hit)
		}
		return fmt.Errorf("tar: after the last member: %w", err)
	}
	return nil
}

// member parses one member from r and records how it went: a Done record,
// or its failure or skip at ml. It returns only an error that stops the
// walk: fn's, or cancellation.
func (a *archive) member(name string, ml connectors.Location, r *unpackReader, st connectors.ObjectStats) error {
	var stop error
	info, err := Parse(a.ctx, r, name, ml, a.opts, func(rec connectors.Record, e error) error {
		if err := a.fn(rec, e); err != nil {
			stop = err
			return err
		}
		return nil
	})
	if stop != nil {
		return stop
	}
	if ctxErr := a.ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	ml.Encoding = info.Encoding
	if hit := r.limit(); hit != "" {
		return a.fn(connectors.Record{Loc: ml}, connectors.Skip("%s", hit))
	}
	if err != nil {
		return a.fn(connectors.Record{Loc: ml}, err)
	}
	st.Format, st.Encoding = info.Format, info.Encoding
	return a.fn(connectors.Record{Loc: ml, Done: &st}, nil)
}

// memberLoc is the location of a member: the archive's with "!/name"
// appended to the path, or to the S3 key. A member's modification time
// replaces the archive's, when the store gives one.
func (a *archive) memberLoc(name string, mod time.Time) connectors.Location {
	l := a.loc
	if l.Path != "" {
		l.Path += "!/" + name
	} else {
		l.Key += "!/" + name
	}
	if l.LastModified != "" && !mod.IsZero() {
		l.LastModified = mod.UTC().Format(time.RFC3339)
	}
	return l
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
		u.hit = fmt.Sprintf("member unpacks to more than %s", sizeName(u.max))
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

// Package files is the connector for local file trees: a path or a file://
// URL naming a file or a directory, walked recursively in lexical order.
package files

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/formats"
	"github.com/pmscan/pmscan/internal/privfile"
	"github.com/pmscan/pmscan/internal/units"
)

// Factory opens file-tree connectors for bare paths and file:// URLs.
type Factory struct {
	Formats formats.Options
	// Exclude lists globs of paths, relative to the target, not to scan
	// (see exclusion): -exclude-paths.
	Exclude []string
	// FollowSymlinks follows symbolic links that lead out of the target:
	// -follow-symlinks. Links within it are always followed.
	FollowSymlinks bool
	// OneFileSystem enters no directory on another file system than the
	// target's, like find -xdev: -one-file-system.
	OneFileSystem bool

	flags *flagValues // set by RegisterFlags
}

var _ connectors.Factory = Factory{}

func (Factory) Schemes() []string { return []string{"", "file"} }

// Open checks that the target exists; it reads nothing yet.
func (f Factory) Open(ctx context.Context, target string) (connectors.Connector, error) {
	root, err := localPath(target)
	if err != nil {
		return nil, err
	}
	if err := validateExclude(f.Exclude); err != nil {
		return nil, err
	}
	if _, err := os.Stat(root); err != nil {
		return nil, fmt.Errorf("open target: %w", err)
	}
	return &Connector{root: root, opts: f.Formats, exclude: f.Exclude, follow: f.FollowSymlinks, oneFS: f.OneFileSystem}, nil
}

// localPath turns a bare path or a file:// URL into a path.
func localPath(target string) (string, error) {
	if connectors.Scheme(target) == "" {
		return target, nil
	}
	u, err := url.Parse(target)
	if err != nil {
		return "", fmt.Errorf("parse file URL: %w", err)
	}
	if u.Host != "" && u.Host != "localhost" {
		return "", fmt.Errorf("file URL %q names host %q: only local files are supported", target, u.Host)
	}
	if u.Path == "" {
		return "", fmt.Errorf("file URL %q has no path", target)
	}
	return u.Path, nil
}

// Connector walks one file or directory tree.
type Connector struct {
	root    string
	opts    formats.Options
	exclude exclusion
	follow  bool // -follow-symlinks
	oneFS   bool // -one-file-system
}

var _ connectors.Connector = (*Connector)(nil)

func (c *Connector) Close() error { return nil }

// Walk scans every regular file under the root that is not excluded, and
// enters no excluded directory. Symbolic links within the target are
// followed; a link back into its own ancestry, or to a directory already
// walked, is recorded as skipped, and so is a link that leads out of the
// target unless -follow-symlinks. Pseudo-filesystems (/proc, /sys, /dev…)
// are never entered, and with -one-file-system neither is a directory on
// another file system than the root's. Special files (pipes, sockets,
// devices) are skipped without being opened: opening a FIFO would block
// the scan. A file that changes while it is read fails, after the records
// read from it.
func (c *Connector) Walk(ctx context.Context, fn connectors.WalkFunc) error {
	return c.WalkSince(ctx, nil, fn)
}

var _ connectors.IncrementalWalker = (*Connector)(nil)

// WalkSince is Walk that does not open a file whose size, modification
// time, inode and device are those of an earlier scan that read it
// (connectors.Baseline): it is carried over.
func (c *Connector) WalkSince(ctx context.Context, b connectors.Baseline, fn connectors.WalkFunc) error {
	w := walker{ctx: ctx, fn: fn, baseline: b, opts: c.opts, root: c.root, exclude: c.exclude, seen: map[fileID]bool{}, access: newAccessReader(),
		follow: c.follow, oneFS: c.oneFS, fsTypes: newFSTypes()}
	info, err := os.Stat(c.root)
	if err != nil {
		return fmt.Errorf("stat %s: %w", c.root, err)
	}
	// What is within the target is judged by where it really is: the
	// root may be named through links.
	if w.realRoot, err = filepath.EvalSymlinks(c.root); err != nil {
		return fmt.Errorf("resolve %s: %w", c.root, err)
	}
	if w.realRoot, err = filepath.Abs(w.realRoot); err != nil {
		return fmt.Errorf("resolve %s: %w", c.root, err)
	}
	if id, ok := idOf(info); ok {
		w.rootDev = id.dev
	}
	return w.visit(c.root, info, nil)
}

type fileID struct{ dev, ino uint64 }

func idOf(info fs.FileInfo) (fileID, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{uint64(st.Dev), st.Ino}, true
}

type walker struct {
	ctx      context.Context
	fn       connectors.WalkFunc
	baseline connectors.Baseline // nil in a full scan
	opts     formats.Options
	root     string
	realRoot string // root with its links resolved, absolute
	rootDev  uint64 // root's device, for -one-file-system
	exclude  exclusion
	follow   bool // -follow-symlinks
	oneFS    bool // -one-file-system
	fsTypes  fsTypes
	seen     map[fileID]bool // directories walked; a tree's worth of small keys
	access   *accessReader
}

func (w *walker) dir(path string, info fs.FileInfo, ancestors []fileID) error {
	if id, ok := idOf(info); ok {
		if w.oneFS && id.dev != w.rootDev {
			return connectors.Fail(w.fn, connectors.NewFile(path), connectors.Skip("another file system (-one-file-system)"))
		}
		for _, a := range ancestors {
			if a == id {
				return connectors.Fail(w.fn, connectors.NewFile(path), connectors.Skip("symlink loop: directory is its own ancestor"))
			}
		}
		if w.seen[id] {
			return connectors.Fail(w.fn, connectors.NewFile(path), connectors.Skip("directory already scanned through another path"))
		}
		w.seen[id] = true
		ancestors = append(ancestors, id)
	}
	entries, err := os.ReadDir(path)
	if err != nil && len(entries) == 0 {
		return connectors.Fail(w.fn, connectors.NewFile(path), fmt.Errorf("read directory: %w", err))
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if err := w.entry(filepath.Join(path, e.Name()), e.Type()&fs.ModeSymlink != 0, ancestors); err != nil {
			return err
		}
	}
	if err != nil { // a partial listing: record it after what could be read
		return connectors.Fail(w.fn, connectors.NewFile(path), fmt.Errorf("read directory: %w", err))
	}
	return nil
}

// entry walks path, found in a directory listing; isLink says the listing
// gave it as a symbolic link.
func (w *walker) entry(path string, isLink bool, ancestors []fileID) error {
	// Before the stat: an excluded broken link is no problem either.
	if w.exclude.excluded(w.root, path, false) {
		return nil
	}
	if s, ok := w.baseline.(connectors.Scope); ok && !s.Contains(filepath.ToSlash(path)) {
		return nil // another unit's
	}
	info, err := os.Stat(path) // follows symlinks
	if err != nil {
		if lerr := lstatLink(path); lerr {
			if errors.Is(err, syscall.ELOOP) {
				// a -> b -> a: nothing to read, as a directory loop.
				return connectors.Fail(w.fn, connectors.NewFile(path), connectors.Skip("symlink loop: %v", err))
			}
			return connectors.Fail(w.fn, connectors.NewFile(path), fmt.Errorf("broken symlink: %w", err))
		}
		return connectors.Fail(w.fn, connectors.NewFile(path), fmt.Errorf("stat: %w", err))
	}
	if info.IsDir() && w.exclude.excluded(w.root, path, true) {
		return nil
	}
	// A pseudo-filesystem is said as such, even behind a link that leaves
	// the target: following the link would not enter it either.
	if name := w.fsTypes.pseudo(path, info); name != "" {
		return connectors.Fail(w.fn, connectors.NewFile(path), connectors.Skip("pseudo-filesystem (%s): not scanned", name))
	}
	if isLink && !w.follow {
		to, err := filepath.EvalSymlinks(path)
		if err != nil {
			return connectors.Fail(w.fn, connectors.NewFile(path), fmt.Errorf("resolve symlink: %w", err))
		}
		if !within(w.realRoot, to) {
			return connectors.Fail(w.fn, connectors.NewFile(path), connectors.Skip("symbolic link to %s leaves the target; -follow-symlinks follows it", to))
		}
	}
	return w.dispatch(path, info, ancestors)
}

// visit is entry for the root, which is scanned whatever the globs and
// wherever its links lead: it was named on purpose.
func (w *walker) visit(path string, info fs.FileInfo, ancestors []fileID) error {
	if name := w.fsTypes.pseudo(path, info); name != "" {
		return connectors.Fail(w.fn, connectors.NewFile(path), connectors.Skip("pseudo-filesystem (%s): not scanned", name))
	}
	return w.dispatch(path, info, ancestors)
}

func (w *walker) dispatch(path string, info fs.FileInfo, ancestors []fileID) error {
	switch mode := info.Mode(); {
	case mode.IsDir():
		return w.dir(path, info, ancestors)
	case mode.IsRegular() && privfile.Own(info):
		return connectors.Fail(w.fn, connectors.NewFile(path), connectors.Skip("pmscan's own output: not scanned"))
	case mode.IsRegular():
		return w.file(path, info)
	default:
		return connectors.Fail(w.fn, connectors.NewFile(path), connectors.Skip("special file (%s)", kindOf(mode)))
	}
}

// within reports whether path, absolute with its links resolved, is root
// or under it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

func lstatLink(path string) bool {
	li, err := os.Lstat(path)
	return err == nil && li.Mode()&fs.ModeSymlink != 0
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return strings.TrimSpace(m.Type().String())
}

// file reads one regular file through formats.Read, which ends it with its
// terminal record. A file whose size or modification time differs after
// the read from before it changed while it was read: its terminal record
// then says so, as a failure, after the records read from it.
func (w *walker) file(path string, info fs.FileInfo) error {
	o := connectors.NewFile(path)
	o.Access = w.access.of(path, info)
	if w.baseline != nil {
		o.Version, o.Modified = versionOf(info), info.ModTime()
		if c := w.baseline.Carry(w.ctx, o); c != nil {
			return connectors.CarriedEnd(w.fn, o, c)
		}
	}
	f, err := openNoATime(path)
	if err != nil {
		return connectors.Fail(w.fn, o, fmt.Errorf("open: %w", err))
	}
	defer f.Close()
	before, err := f.Stat()
	if err != nil {
		return connectors.Fail(w.fn, o, fmt.Errorf("stat: %w", err))
	}
	// The inventory ages data by it, for retention; the next scan compares
	// the version of what was read.
	o.Modified, o.Version = before.ModTime(), versionOf(before)
	return formats.Read(w.ctx, o, f, w.opts, func(rec connectors.Record, err error) error {
		if rec.Terminal() && rec.Loc.Object == o && !connectors.IsSkip(err) {
			if after, serr := f.Stat(); serr == nil {
				if change := changeOf(before, after); change != "" {
					err = changedError(change, err)
				}
			}
		}
		return w.fn(rec, err)
	})
}

// versionOf is a file's version: what a later scan compares to tell that
// it changed without opening it. The inode and device catch a file
// replaced by another of the same size and time (a restore, an rsync -t).
func versionOf(info fs.FileInfo) *connectors.Version {
	v := &connectors.Version{}
	v.Add("size", strconv.FormatInt(info.Size(), 10))
	v.Add("mtime_ns", strconv.FormatInt(info.ModTime().UnixNano(), 10))
	if id, ok := idOf(info); ok {
		v.Add("inode", strconv.FormatUint(id.ino, 10))
		v.Add("device", strconv.FormatUint(id.dev, 10))
	}
	return v
}

// changeOf says how a file's size and modification time differ between
// two stats, or "" if they do not.
func changeOf(before, after fs.FileInfo) string {
	var c []string
	if b, a := before.Size(), after.Size(); b != a {
		bs, as := units.Bytes(b), units.Bytes(a)
		if bs == as { // a few bytes appended to a log
			bs, as = fmt.Sprintf("%d B", b), fmt.Sprintf("%d B", a)
		}
		c = append(c, fmt.Sprintf("size %s → %s", bs, as))
	}
	if b, a := before.ModTime(), after.ModTime(); !b.Equal(a) {
		const layout = "2006-01-02 15:04:05.999999999 -0700"
		c = append(c, fmt.Sprintf("modified %s → %s", b.Format(layout), a.Format(layout)))
	}
	return strings.Join(c, ", ")
}

// changedError is the failure of a file that changed while it was read;
// err, when not nil, is the failure the read ended with, likely the
// change's doing (a JSON document cut short).
func changedError(change string, err error) error {
	if err != nil {
		return fmt.Errorf("changed while it was read: %s; what was read is reported: %w", change, err)
	}
	return fmt.Errorf("changed while it was read: %s; what was read is reported", change)
}

// openNoATime opens read-only without updating the access time where the
// kernel allows it (owner or root), so that a scan leaves no trace on the
// files it reads; elsewhere it falls back to a plain open.
func openNoATime(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOATIME, 0)
	if err == nil {
		return f, nil
	}
	if errors.Is(err, syscall.EPERM) {
		return os.Open(path)
	}
	return nil, err
}

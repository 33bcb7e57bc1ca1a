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
	"strings"
	"syscall"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/formats"
)

// Factory opens file-tree connectors for bare paths and file:// URLs.
type Factory struct {
	Formats formats.Options
	// Exclude lists globs of paths, relative to the target, not to scan
	// (see exclusion): -exclude-paths.
	Exclude []string

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
	return &Connector{root: root, opts: f.Formats, exclude: f.Exclude}, nil
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
}

var _ connectors.Connector = (*Connector)(nil)

func (c *Connector) Close() error { return nil }

// Walk scans every regular file under the root that is not excluded, and
// enters no excluded directory. Symbolic links are followed;
// a link back into its own ancestry, or to a directory already walked, is
// recorded as skipped. Special files (pipes, sockets, devices) are skipped
// without being opened: opening a FIFO would block the scan.
func (c *Connector) Walk(ctx context.Context, fn connectors.WalkFunc) error {
	w := walker{ctx: ctx, fn: fn, opts: c.opts, root: c.root, exclude: c.exclude, seen: map[fileID]bool{}}
	info, err := os.Stat(c.root)
	if err != nil {
		return fmt.Errorf("stat %s: %w", c.root, err)
	}
	if info.IsDir() {
		return w.dir(c.root, info, nil)
	}
	return w.entry(c.root, nil)
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
	ctx     context.Context
	fn      connectors.WalkFunc
	opts    formats.Options
	root    string
	exclude exclusion
	seen    map[fileID]bool // directories walked; a tree's worth of small keys
}

func (w *walker) dir(path string, info fs.FileInfo, ancestors []fileID) error {
	if id, ok := idOf(info); ok {
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
		if err := w.entry(filepath.Join(path, e.Name()), ancestors); err != nil {
			return err
		}
	}
	if err != nil { // a partial listing: record it after what could be read
		return connectors.Fail(w.fn, connectors.NewFile(path), fmt.Errorf("read directory: %w", err))
	}
	return nil
}

func (w *walker) entry(path string, ancestors []fileID) error {
	// Before the stat: an excluded broken link is no problem either.
	if w.exclude.excluded(w.root, path, false) {
		return nil
	}
	info, err := os.Stat(path) // follows symlinks
	if err != nil {
		if lerr := lstatLink(path); lerr {
			return connectors.Fail(w.fn, connectors.NewFile(path), fmt.Errorf("broken symlink: %w", err))
		}
		return connectors.Fail(w.fn, connectors.NewFile(path), fmt.Errorf("stat: %w", err))
	}
	switch mode := info.Mode(); {
	case mode.IsDir():
		if w.exclude.excluded(w.root, path, true) {
			return nil
		}
		return w.dir(path, info, ancestors)
	case mode.IsRegular():
		return w.file(path, info)
	default:
		return connectors.Fail(w.fn, connectors.NewFile(path), connectors.Skip("special file (%s)", kindOf(mode)))
	}
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
// terminal record.
func (w *walker) file(path string, info fs.FileInfo) error {
	o := connectors.NewFile(path)
	// The inventory ages data by it, for retention.
	o.Modified = info.ModTime()
	f, err := openNoATime(path)
	if err != nil {
		return connectors.Fail(w.fn, o, fmt.Errorf("open: %w", err))
	}
	defer f.Close()
	return formats.Read(w.ctx, o, f, w.opts, w.fn)
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

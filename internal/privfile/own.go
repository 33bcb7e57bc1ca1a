package privfile

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// pmscan must never read what it writes: a report or a state store inside
// the tree being scanned would be read while it is written, its masked
// (or, with -show-data, raw) values found again and reported as holdings
// of their own. Every file pmscan writes is registered here, by identity
// (device and inode, so that any path to it matches), and the file tree
// connector skips what is registered.

type fileID struct{ dev, ino uint64 }

var own struct {
	sync.Mutex
	ids      map[fileID]string // the path each was registered by
	paths    []string          // claimed paths, stat'ed again for files created later (SQLite's -wal)
	statedAt time.Time         // when paths were last stat'ed
}

// restatEvery bounds how often Own looks again at claimed paths that may
// have been created since: once per second costs nothing per file.
const restatEvery = time.Second

func idOf(info fs.FileInfo) (fileID, bool) {
	if info == nil {
		return fileID{}, false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{uint64(st.Dev), st.Ino}, true
}

func register(path string, info fs.FileInfo) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if id, ok := idOf(info); ok {
		own.Lock()
		if own.ids == nil {
			own.ids = map[fileID]string{}
		}
		own.ids[id] = path
		own.Unlock()
	}
}

// Claim registers paths as pmscan's own: the files of a SQLite state
// store, say, which its driver creates. A path that does not exist yet
// (a -wal file before the first write) is looked at again later.
func Claim(paths ...string) {
	own.Lock()
	own.paths = append(own.paths, paths...)
	own.Unlock()
	restat(true)
}

// restat stats the claimed paths, at most once per restatEvery unless forced.
func restat(force bool) {
	own.Lock()
	if !force && time.Since(own.statedAt) < restatEvery {
		own.Unlock()
		return
	}
	own.statedAt = time.Now()
	paths := append([]string(nil), own.paths...)
	own.Unlock()
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil {
			register(p, info)
		}
	}
}

// Own reports whether info is a file pmscan itself writes in this
// process: a report made by Create or a claimed path.
func Own(info fs.FileInfo) bool {
	id, ok := idOf(info)
	if !ok {
		return false
	}
	restat(false)
	own.Lock()
	path, hit := own.ids[id]
	own.Unlock()
	if !hit {
		return false
	}
	// A file pmscan wrote and then removed frees its inode for another
	// file: the registered path must still be that file.
	now, err := os.Stat(path)
	if now2, ok := idOf(now); err != nil || !ok || now2 != id {
		return false
	}
	return true
}

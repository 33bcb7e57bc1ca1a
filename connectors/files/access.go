package files

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/pmscan/pmscan/connectors"
)

// Who can read a file: its owner, its group and everyone else by its mode,
// named users and groups by its POSIX ACL, root always. Everyone reaches
// it only where every directory above it lets others in (o+x): a 0644
// file in a 0700 home directory is no one else's.

// accessReader reads files' access, with the names of users and groups
// and the directories' search bits cached: a tree has few of each.
type accessReader struct {
	users, groups map[uint32]string
	// dirs caches whether others may enter a directory and every one
	// above it, by absolute path; it is dropped when it grows, since a
	// walk goes depth first and comes back to few directories.
	dirs map[string]dirReach
}

// dirReach is whether others may enter a directory and all above it, and
// if not, the first that stops them.
type dirReach struct {
	open    bool
	closed  string // the directory that stops others
	closedM fs.FileMode
}

const maxCachedDirs = 4096

func newAccessReader() *accessReader {
	return &accessReader{users: map[uint32]string{}, groups: map[uint32]string{}, dirs: map[string]dirReach{}}
}

// ACL entry tags and permission bits (linux/posix_acl_xattr.h).
const (
	aclUserObj  = 0x01
	aclUser     = 0x02
	aclGroupObj = 0x04
	aclGroup    = 0x08
	aclMask     = 0x10
	aclOther    = 0x20
	aclRead     = 0x04
	aclWrite    = 0x02
	aclVersion  = 2
)

// of is the access of the file at path, whose stat is info.
func (r *accessReader) of(path string, info fs.FileInfo) *connectors.Access {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return connectors.UnknownAccess("the file system gives no owner or mode")
	}
	mode := info.Mode().Perm()
	perms := permsFromMode(mode)
	a := &connectors.Access{}
	acl, err := readACL(path)
	switch {
	case err != nil:
		a.Unknown = "the POSIX ACL could not be read: " + err.Error()
	case acl != nil:
		perms = acl.perms(perms)
	}
	if perms.owner&aclRead != 0 {
		a.Add(connectors.Principal{Kind: connectors.KindUser, Name: r.userName(st.Uid), Via: "owner"})
	}
	if perms.group&aclRead != 0 {
		a.Add(connectors.Principal{Kind: connectors.KindGroup, Name: r.groupName(st.Gid), Via: "group"})
	}
	for _, e := range perms.named {
		if e.perm&aclRead == 0 {
			continue
		}
		if e.tag == aclUser {
			a.Add(connectors.Principal{Kind: connectors.KindUser, Name: r.userName(e.id), Via: "ACL"})
		} else {
			a.Add(connectors.Principal{Kind: connectors.KindGroup, Name: r.groupName(e.id), Via: "ACL"})
		}
	}
	a.Add(connectors.Principal{Kind: connectors.KindUser, Name: r.userName(0), Via: "superuser"})
	if perms.other&(aclRead|aclWrite) != 0 {
		switch reach := r.reach(filepath.Dir(path)); {
		case reach.open:
			if perms.other&aclRead != 0 {
				a.Add(connectors.Principal{Kind: connectors.KindEveryone, Via: fmt.Sprintf("mode %04o", mode)})
			}
			a.WorldWritable = perms.other&aclWrite != 0
		case reach.closed != "":
			a.Notes = append(a.Notes, fmt.Sprintf("mode %04o lets others in, but %s (mode %04o) keeps them out", mode, reach.closed, reach.closedM))
		default:
			a.Unknown = fmt.Sprintf("mode %04o lets others in; whether they can reach it is unknown: a directory above it cannot be read", mode)
		}
	}
	a.Sort()
	return a
}

// filePerms are the permission bits that decide who reads a file: the
// owner's, the owning group's (under an ACL, masked), others', and named
// ACL entries (masked).
type filePerms struct {
	owner, group, other uint16
	named               []aclEntry
}

func permsFromMode(m fs.FileMode) filePerms {
	return filePerms{owner: uint16(m>>6) & 7, group: uint16(m>>3) & 7, other: uint16(m) & 7}
}

type aclEntry struct {
	tag, perm uint16
	id        uint32
}

// posixACL is a file's access ACL, as the kernel stores it in the
// system.posix_acl_access extended attribute.
type posixACL []aclEntry

// readACL reads path's access ACL; nil when it has none beyond its mode.
func readACL(path string) (posixACL, error) {
	buf := make([]byte, 256)
	for {
		n, err := unix.Getxattr(path, "system.posix_acl_access", buf)
		switch {
		case errors.Is(err, unix.ERANGE) && len(buf) < 1<<16:
			buf = make([]byte, 4*len(buf))
			continue
		case errors.Is(err, unix.ENODATA) || errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EOPNOTSUPP):
			return nil, nil
		case err != nil:
			return nil, err
		}
		return parseACL(buf[:n])
	}
}

// parseACL decodes the xattr's little-endian form: a version, then
// entries of tag, permissions and id.
func parseACL(b []byte) (posixACL, error) {
	if len(b) < 4 || (len(b)-4)%8 != 0 {
		return nil, fmt.Errorf("malformed ACL of %d bytes", len(b))
	}
	if v := binary.LittleEndian.Uint32(b); v != aclVersion {
		return nil, fmt.Errorf("ACL version %d, want %d", v, aclVersion)
	}
	var acl posixACL
	for p := b[4:]; len(p) >= 8; p = p[8:] {
		acl = append(acl, aclEntry{tag: binary.LittleEndian.Uint16(p), perm: binary.LittleEndian.Uint16(p[2:]), id: binary.LittleEndian.Uint32(p[4:])})
	}
	return acl, nil
}

// perms applies the ACL to the mode's bits: the mask limits named
// entries and the owning group.
func (acl posixACL) perms(fromMode filePerms) filePerms {
	p := fromMode
	mask := uint16(7)
	for _, e := range acl {
		if e.tag == aclMask {
			mask = e.perm
		}
	}
	for _, e := range acl {
		switch e.tag {
		case aclUserObj:
			p.owner = e.perm
		case aclGroupObj:
			p.group = e.perm & mask
		case aclOther:
			p.other = e.perm
		case aclUser, aclGroup:
			p.named = append(p.named, aclEntry{tag: e.tag, perm: e.perm & mask, id: e.id})
		}
	}
	return p
}

// reach says whether others may enter dir and every directory above it.
func (r *accessReader) reach(dir string) dirReach {
	if d, ok := r.dirs[dir]; ok {
		return d // as walked: Abs would ask for the working directory each time
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dirReach{}
	}
	d := r.reachAbs(abs)
	if len(r.dirs) >= maxCachedDirs {
		clear(r.dirs)
	}
	r.dirs[dir] = d
	return d
}

func (r *accessReader) reachAbs(dir string) dirReach {
	if d, ok := r.dirs[dir]; ok {
		return d
	}
	var d dirReach
	info, err := os.Stat(dir)
	switch {
	case err != nil:
		d = dirReach{} // unknown: not open
	case info.Mode().Perm()&0o001 == 0:
		d = dirReach{closed: dir, closedM: info.Mode().Perm()}
	case filepath.Dir(dir) == dir:
		d = dirReach{open: true}
	default:
		d = r.reachAbs(filepath.Dir(dir))
	}
	if len(r.dirs) >= maxCachedDirs {
		clear(r.dirs)
	}
	r.dirs[dir] = d
	return d
}

func (r *accessReader) userName(uid uint32) string {
	return cachedName(r.users, uid, func(id string) (string, error) {
		u, err := user.LookupId(id)
		if err != nil {
			return "", err
		}
		return u.Username, nil
	})
}

func (r *accessReader) groupName(gid uint32) string {
	return cachedName(r.groups, gid, func(id string) (string, error) {
		g, err := user.LookupGroupId(id)
		if err != nil {
			return "", err
		}
		return g.Name, nil
	})
}

// cachedName is the name of id, looked up once; the number itself where
// the system has no name for it (a file restored from another host).
func cachedName(cache map[uint32]string, id uint32, lookup func(string) (string, error)) string {
	if n, ok := cache[id]; ok {
		return n
	}
	n := strconv.FormatUint(uint64(id), 10)
	if name, err := lookup(n); err == nil {
		n = name
	}
	cache[id] = n
	return n
}

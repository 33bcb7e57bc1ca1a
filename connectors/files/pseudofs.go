package files

import (
	"os"
	"syscall"
)

// The statfs f_type of the file systems that hold no data at rest but the
// kernel's view of the machine (linux/magic.h). Walking them reads other
// processes' memory maps and environments, loops through
// /proc/<pid>/root, and can block on files that wait for events: they are
// never entered, whatever path or link leads to them.
var pseudoFS = map[uint32]string{
	0x9fa0:     "proc",
	0x62656572: "sysfs",
	0x64626720: "debugfs",
	0x74726163: "tracefs",
	0x73636673: "securityfs",
	0x27e0eb:   "cgroup",
	0x63677270: "cgroup2",
	0x1cd1:     "devpts",
	0xcafe4a11: "bpf",
	0x6165676c: "pstore",
	0xde5e81e4: "efivarfs",
	0x62656570: "configfs",
	0x65735543: "fusectl",
	0x19800202: "mqueue",
	0x42494e4d: "binfmt_misc",
	0xf97cff8c: "selinuxfs",
	0x43415d53: "smackfs",
	0x6e736673: "nsfs",
	0x7655821:  "resctrl",
}

// tmpfsMagic is the f_type of tmpfs, and of devtmpfs too: a tmpfs holds
// real data, so /dev is known by its device instead (devPseudo).
const tmpfsMagic = 0x1021994

// fsTypes remembers, by device, which file systems are pseudo-filesystems:
// one statfs per file system met, not per file.
type fsTypes map[uint64]string

// newFSTypes starts with /dev, when it is a tmpfs or devtmpfs mount of
// its own: its type says nothing, so its device does.
func newFSTypes() fsTypes {
	t := fsTypes{}
	dev, err1 := os.Stat("/dev")
	root, err2 := os.Stat("/")
	var st syscall.Statfs_t
	if err1 != nil || err2 != nil || syscall.Statfs("/dev", &st) != nil || uint32(st.Type) != tmpfsMagic {
		return t
	}
	if d, ok := idOf(dev); ok {
		if r, ok := idOf(root); ok && d.dev != r.dev {
			t[d.dev] = "/dev"
		}
	}
	return t
}

// pseudo returns the name of the pseudo-filesystem path is on, or "".
// info is path's stat, which says the device.
func (t fsTypes) pseudo(path string, info os.FileInfo) string {
	id, ok := idOf(info)
	if !ok {
		return ""
	}
	if name, seen := t[id.dev]; seen {
		return name
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return "" // not remembered: the next path on it tries again
	}
	name := pseudoFS[uint32(st.Type)]
	t[id.dev] = name
	return name
}

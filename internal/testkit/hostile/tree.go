package hostile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

// LongLineSize is the length of LongLine's one line.
const LongLineSize = 300 * mib

// longLineEvery is how far apart LongLine's contacts are.
const longLineEvery = 50 * mib

// LongLine writes long-line.txt: one line of LongLineSize bytes, 'a' but
// for a contact every 50 MiB, the first at its start.
func LongLine(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("long-line")
	f, err := os.Create(filepath.Join(dir, "long-line.txt"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fill := bytes.Repeat([]byte("a"), mib)
	n := 0
	var written int64
	for written < LongLineSize {
		if written%longLineEvery == 0 {
			c := newContact(g)
			s := strings.TrimSuffix(c.line(), "\n")
			k, err := f.WriteString(s)
			if err != nil {
				return nil, err
			}
			written += int64(k)
			n++
		}
		k := min(int64(len(fill)), longLineEvery-written%longLineEvery, LongLineSize-written)
		if _, err := f.Write(fill[:k]); err != nil {
			return nil, err
		}
		written += k
	}
	if _, err := f.WriteString("\n"); err != nil {
		return nil, err
	}
	return plants("long-line.txt", n), f.Close()
}

// ManyFilesCount is how many files ManyFiles writes.
const ManyFilesCount = 100_000

// ManyFiles writes many/d000/f000.txt … many/d099/f999.txt: ManyFilesCount
// files of a few bytes, the last of them a contact.
func ManyFiles(dir string, seed uint64) ([]Plant, error) {
	const perDir = 1000
	g := synthetic.New(seed).Sub("many-files")
	for d := range ManyFilesCount / perDir {
		sub := filepath.Join(dir, "many", fmt.Sprintf("d%03d", d))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return nil, err
		}
		for i := range perDir {
			data := []byte("ok\n")
			if d == ManyFilesCount/perDir-1 && i == perDir-1 {
				data = []byte(newContact(g).line())
			}
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%03d.txt", i)), data, 0o644); err != nil {
				return nil, err
			}
		}
	}
	last := fmt.Sprintf("many/d%03d/f%03d.txt", ManyFilesCount/perDir-1, perDir-1)
	return plants(last, 1), nil
}

// DeepDirLevels is how deep DeepDirs nests: its deepest path stays within
// Linux's PATH_MAX (4096) from a temporary directory.
const DeepDirLevels = 1500

// DeepDirs writes deep/d/d/…/contact.txt, DeepDirLevels directories deep.
func DeepDirs(dir string, seed uint64) ([]Plant, error) {
	rel := filepath.Join(append([]string{"deep"}, repeat("d", DeepDirLevels)...)...)
	if err := os.MkdirAll(filepath.Join(dir, rel), 0o755); err != nil {
		return nil, err
	}
	ps, err := Contacts(filepath.Join(dir, rel), "contact.txt", 1, seed)
	if err != nil {
		return nil, err
	}
	for i := range ps {
		ps[i].Path = filepath.ToSlash(rel) + "/" + ps[i].Path
	}
	return ps, nil
}

// DeeperLevels is how deep DeeperThanPathMax nests: its paths pass
// PATH_MAX long before the bottom.
const DeeperLevels = 3000

// DeeperThanPathMax writes deeper/d/d/…, DeeperLevels directories deep,
// with a contact at level DeepDirLevels and another at the bottom, whose
// path no system call takes whole. It creates each level relative to the
// one above (mkdirat), as no path can name it.
func DeeperThanPathMax(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("deeper")
	top := filepath.Join(dir, "deeper")
	if err := os.Mkdir(top, 0o755); err != nil {
		return nil, err
	}
	fd, err := syscall.Open(top, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		return nil, err
	}
	var reachable string
	for level := 1; level <= DeeperLevels; level++ {
		if err := syscall.Mkdirat(fd, "d", 0o755); err != nil {
			syscall.Close(fd)
			return nil, fmt.Errorf("mkdirat level %d: %w", level, err)
		}
		next, err := syscall.Openat(fd, "d", syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
		syscall.Close(fd)
		if err != nil {
			return nil, fmt.Errorf("openat level %d: %w", level, err)
		}
		fd = next
		if level == DeepDirLevels || level == DeeperLevels {
			if err := writeAt(fd, "contact.txt", []byte(newContact(g).line())); err != nil {
				syscall.Close(fd)
				return nil, err
			}
		}
		if level == DeepDirLevels {
			reachable = "deeper/" + strings.Join(repeat("d", level), "/") + "/contact.txt"
		}
	}
	syscall.Close(fd)
	return plants(reachable, 1), nil
}

func writeAt(dirfd int, name string, data []byte) error {
	fd, err := syscall.Openat(dirfd, name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	f := os.NewFile(uintptr(fd), name)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// JSONNestingDepth is how deep DeepJSON nests objects.
const JSONNestingDepth = 100_000

// DeepJSON writes deep.json: a contact's phone and e-mail at its top,
// then objects nested JSONNestingDepth deep.
func DeepJSON(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("deep-json")
	c := newContact(g)
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"tel": %q, "mail": %q, "deep": `, c.phone, c.email)
	b.WriteString(strings.Repeat(`{"a": `, JSONNestingDepth))
	b.WriteString(`"bottom"`)
	b.WriteString(strings.Repeat("}", JSONNestingDepth))
	b.WriteString("}\n")
	if err := writeFile(filepath.Join(dir, "deep.json"), b.Bytes()); err != nil {
		return nil, err
	}
	return plants("deep.json", 1), nil
}

// SymlinkLoops writes loops/: a → b → a and self → self (links that never
// resolve), dir/up → .. (a directory that is its own ancestor), and
// dir/contact.txt.
func SymlinkLoops(dir string, seed uint64) ([]Plant, error) {
	base := filepath.Join(dir, "loops")
	if err := os.MkdirAll(filepath.Join(base, "dir"), 0o755); err != nil {
		return nil, err
	}
	for _, l := range [][2]string{{"b", "a"}, {"a", "b"}, {"self", "self"}, {"..", "dir/up"}} {
		if err := os.Symlink(l[0], filepath.Join(base, l[1])); err != nil {
			return nil, err
		}
	}
	ps, err := Contacts(filepath.Join(base, "dir"), "contact.txt", 1, seed)
	for i := range ps {
		ps[i].Path = "loops/dir/" + ps[i].Path
	}
	return ps, err
}

// PseudoLinks are the links WritePseudoLinks writes, by name, and where
// they lead: into pseudo-filesystems, which followed walk every process
// or read for ever.
var PseudoLinks = map[string]string{
	"proc-self": "/proc/self",
	"proc":      "/proc",
	"sys":       "/sys",
	"dev-zero":  "/dev/zero",
	"dev":       "/dev",
}

// WritePseudoLinks writes links/: a link for each of PseudoLinks.
func WritePseudoLinks(dir string, _ uint64) ([]Plant, error) {
	base := filepath.Join(dir, "links")
	if err := os.MkdirAll(base, 0o755); err != nil {
		return nil, err
	}
	for name, to := range PseudoLinks {
		if err := os.Symlink(to, filepath.Join(base, name)); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// RootLink writes root, a link to /: followed, it walks the whole
// machine.
func RootLink(dir string, _ uint64) ([]Plant, error) {
	return nil, os.Symlink("/", filepath.Join(dir, "root"))
}

// SpecialFiles writes fifo, a named pipe no one writes to (opening it
// blocks for ever), and socket, a socket file.
func SpecialFiles(dir string, _ uint64) ([]Plant, error) {
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		return nil, fmt.Errorf("mkfifo: %w", err)
	}
	if err := syscall.Mknod(filepath.Join(dir, "socket"), syscall.S_IFSOCK|0o644, 0); err != nil {
		return nil, fmt.Errorf("mknod socket: %w", err)
	}
	return nil, nil
}

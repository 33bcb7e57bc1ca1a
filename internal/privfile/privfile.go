// Package privfile creates the files pmscan writes its results to: they may
// hold where personal information is, or with -show-data the values
// themselves, so only their owner may read them.
package privfile

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// Create creates or truncates path for writing, readable and writable by
// its owner only (0600). An existing regular file keeps no wider mode than
// that; a device such as /dev/null is opened as it is. A symbolic link is
// not written through to a file: a link planted where a report goes must
// not make pmscan overwrite whatever it points at. A link to a device or a
// pipe (/dev/stdout) is written to.
func Create(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscall.O_NOFOLLOW, 0o600)
	if errors.Is(err, syscall.ELOOP) {
		if st, serr := os.Stat(path); serr == nil && st.Mode()&(os.ModeDevice|os.ModeNamedPipe|os.ModeCharDevice) != 0 {
			return os.OpenFile(path, os.O_WRONLY, 0)
		}
		return nil, fmt.Errorf("%s is a symbolic link: pmscan does not write a report through one; give the file's own path", path)
	}
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		if st.Mode().Perm() != 0o600 {
			if err := f.Chmod(0o600); err != nil {
				f.Close()
				return nil, fmt.Errorf("make %s private: %w", path, err)
			}
		}
		register(path, st) // never scanned by this pmscan
	}
	return f, nil
}

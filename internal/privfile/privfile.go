// Package privfile creates the files pmscan writes its results to: they may
// hold where personal information is, or with -show-data the values
// themselves, so only their owner may read them.
package privfile

import (
	"fmt"
	"os"
)

// Create creates or truncates path for writing, readable and writable by
// its owner only (0600). An existing regular file keeps no wider mode than
// that; a device such as /dev/null is opened as it is.
func Create(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Mode().Perm() != 0o600 {
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			return nil, fmt.Errorf("make %s private: %w", path, err)
		}
	}
	return f, nil
}

package hostile

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/pmscan/pmscan/internal/testkit/synthetic"
)

// GrowingSize is the size GrowingFile starts at: large enough that reading
// it takes far longer than KeepAppending's period.
const GrowingSize = 32 * mib

// GrowingFile writes growing.log: a contact, then GrowingSize of log
// lines. KeepAppending, run through the scan, changes it while it is read.
func GrowingFile(dir string, seed uint64) ([]Plant, error) {
	g := synthetic.New(seed).Sub("growing")
	var b bytes.Buffer
	b.WriteString(newContact(g).line())
	line := []byte("2024-04-01T09:00:00Z INFO request served in 12 ms\n")
	b.Write(bytes.Repeat(line, GrowingSize/len(line)+1))
	if err := writeFile(filepath.Join(dir, "growing.log"), b.Bytes()); err != nil {
		return nil, err
	}
	return plants("growing.log", 1), nil
}

// KeepAppending appends a log line to path every period until ctx is
// done: started before a scan and stopped after it, it changes the file's
// size and modification time during any read of it that lasts longer than
// period, wherever in the scan that read falls.
func KeepAppending(ctx context.Context, path string, period time.Duration) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return f.Close()
		case <-t.C:
			if _, err := f.WriteString("2024-04-01T09:00:01Z INFO appended while the scan runs\n"); err != nil {
				return err
			}
		}
	}
}

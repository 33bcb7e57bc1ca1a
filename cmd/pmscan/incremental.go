package main

import (
	"context"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"sync"

	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/safetext"
	"github.com/pmscan/pmscan/reports/inventory"
	"github.com/pmscan/pmscan/reports/policy"
	"github.com/pmscan/pmscan/reports/store"
)

// defaultFullEvery is -full-every's default: a week, so that a weekly
// full reading catches what the stores' facts cannot show (a file
// rewritten with its old size and time, table statistics that lag).
const defaultFullEvery = "7d"

// notReading are the scan flags that do not change what a scan finds in
// an object: where the report goes, how it looks, how fast the scan runs.
// Every other flag, a connector's too, is part of the reading signature.
var notReading = map[string]bool{
	"format": true, "o": true, "columns": true, "q": true, "progress": true, "state": true,
	"state-retry": true, "tz": true, "concurrency": true, "fail-on-findings": true,
	"full": true, "full-every": true, "resume": true, "db-page-rows": true,
	// The key's file does not change what is found; the key does (see reading).
	"lookup-key": true,
	// How a scan is spread over workers, not what it reads.
	"distributed": true, "unit-objects": true, "unit-mb": true,
}

// reading is the scan's reading signature: pmscan's build, the flags that
// change what is found, and the policy's content. An incremental scan
// carries objects over only from scans with the same, so that changing
// the detectors, the policy (holdings name its items) or -show-data
// (examples are raw) reads everything again.
func (o *scanOptions) reading(fs *flag.FlagSet, pol *policy.Policy, lookupKey string) (string, error) {
	h := sha256.New()
	io.WriteString(h, "pmscan reading 1\x00"+buildID()+"\x00")
	// Objects carried over keep the lookup entries their reading made:
	// only with the same lookup key can a lookup find them.
	io.WriteString(h, "lookup key\x00"+lookupKey+"\x00")
	var flags []string
	fs.VisitAll(func(f *flag.Flag) {
		if !notReading[f.Name] {
			flags = append(flags, f.Name+"="+f.Value.String())
		}
	})
	sort.Strings(flags)
	for _, f := range flags {
		io.WriteString(h, f+"\x00")
	}
	// The rules files' content, not only their names (the flag's value).
	var files []string
	if o.company != nil {
		files = append(files, o.company.files...)
	}
	if o.allowed != nil {
		files = append(files, o.allowed.files...)
	}
	if len(files) > 0 {
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return "", err
			}
			io.WriteString(h, "rules and allow lists\x00"+f+"\x00")
			h.Write(b)
		}
	}
	io.WriteString(h, "policy\x00"+pol.Source+"\x00")
	if pol.Source != policy.BuiltIn {
		b, err := os.ReadFile(pol.Source)
		if err != nil {
			return "", err
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

var (
	buildOnce sync.Once
	buildHash string
)

// buildID names the detectors' code: the VCS revision of a clean build,
// else the Go build ID of the executable (a hash of everything it was built
// from), else a hash of the executable itself.
func buildID() string {
	buildOnce.Do(func() {
		if info, ok := debug.ReadBuildInfo(); ok {
			var rev, modified string
			for _, s := range info.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.modified":
					modified = s.Value
				}
			}
			if rev != "" && modified == "false" {
				buildHash = "rev " + rev
				return
			}
		}
		buildHash = "unknown build"
		exe, err := os.Executable()
		if err != nil {
			return
		}
		if id := goBuildID(exe); id != "" {
			buildHash = "go build ID " + id
			return
		}
		if f, err := os.Open(exe); err == nil {
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				buildHash = "exe " + hex.EncodeToString(h.Sum(nil))
			}
			f.Close()
		}
	})
	return buildHash
}

// goBuildID reads the Go build ID from the executable's ELF note, or "".
// It changes whenever the code does, and costs a few reads, where hashing
// a 40 MB executable cost a tenth of a second at every start.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	data, err := sec.Data()
	// A note: name size, description size, type (4 bytes each), the name
	// "Go\x00\x00", then the description: the build ID.
	if err != nil || len(data) < 16 {
		return ""
	}
	nameSize, descSize := binary.LittleEndian.Uint32(data[0:]), binary.LittleEndian.Uint32(data[4:])
	start := 12 + (int(nameSize)+3)&^3
	if nameSize != 4 || string(data[12:15]) != "Go\x00" || start+int(descSize) > len(data) {
		return ""
	}
	return string(data[start : start+int(descSize)])
}

// baselines sets each opened target's baseline: what earlier scans with
// the same reading signature read of it, unless -full. A target scanned
// for the first time has none, and is read whole.
func (o *scanOptions) baselines(ctx context.Context, st *store.Store, ts *openedTargets, id int64, reading string) error {
	if o.full {
		return nil
	}
	for i := range ts.open {
		t := &ts.open[i]
		b, err := st.Baseline(ctx, store.BaselineOptions{Target: t.Name, Reading: reading, FullEvery: o.fullEveryD, Exclude: id})
		if err != nil {
			return err
		}
		if b != nil {
			t.Baseline = b
		}
	}
	return nil
}

// resumeTargets takes the targets of the latest scan that did not end
// complete (interrupted, killed, failed), for -resume without TARGETs,
// and checks that it ran with the same reading signature.
func (o *scanOptions) resumeTargets(ctx context.Context, st *store.Store, stderr io.Writer) error {
	scans, err := st.Scans(ctx, 50)
	if err != nil {
		return err
	}
	for _, sc := range scans {
		status := sc.Status()
		if status == store.ScanUnfinished {
			continue // running: the next scan would be refused anyway
		}
		if status == inventory.StatusComplete || status == inventory.StatusUnreadable {
			return i18n.Errorf("-resume: the latest scan, %s, ended complete: there is nothing to resume", strconv.FormatInt(sc.ID, 10))
		}
		o.targets = sc.Info.Targets
		o.resumeOf = &sc
		o.p.Fprintf(safetext.LineWriter(stderr), "pmscan scan: resuming scan %s (%s)\n", strconv.FormatInt(sc.ID, 10), sc.Info.Command)
		return nil
	}
	return i18n.Errorf("-resume: the state store has no scan to resume")
}

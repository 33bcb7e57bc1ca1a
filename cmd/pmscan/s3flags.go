package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/pmscan/pmscan/connectors/s3"
)

// s3Flags are the scan flags for s3:// targets.
type s3Flags struct {
	endpoint, profile, region string
	keys, excludeKeys         string
	maxSize, sampleSize       string
	conns                     int
}

func (s *s3Flags) flags(fs *flag.FlagSet) {
	fs.StringVar(&s.endpoint, "s3-endpoint", "", "S3: `URL` of an S3-compatible store (MinIO, Ceph, versitygw, Wasabi…); buckets are then addressed path-style")
	fs.StringVar(&s.profile, "profile", "", "S3: AWS shared config `PROFILE` (default: AWS_PROFILE, else default)")
	fs.StringVar(&s.region, "region", "", "S3: AWS `REGION` (default: AWS_REGION or the profile's, else us-east-1)")
	fs.StringVar(&s.keys, "keys", "", "S3: scan only keys matching these comma-separated `GLOBS` (* and ? within a segment, ** across; a glob without / matches the last segment)")
	fs.StringVar(&s.excludeKeys, "exclude-keys", "", "S3: do not scan keys matching these comma-separated `GLOBS`")
	fs.StringVar(&s.maxSize, "s3-max-size", "1GiB", "S3: read objects up to `SIZE` in full (e.g. 100MB, 1GiB)")
	fs.StringVar(&s.sampleSize, "s3-sample-size", "64MiB", "S3: read only the first `SIZE` of larger objects, with a ranged GET (findings say so); 0 skips them")
	fs.IntVar(&s.conns, "s3-conns", s3.DefaultConns, "S3: objects read at once")
}

func (s *s3Flags) options() (s3.Options, error) {
	maxSize, err := parseSize(s.maxSize)
	if err != nil || maxSize <= 0 {
		return s3.Options{}, fmt.Errorf("-s3-max-size %q: want a positive size such as 500MB or 1GiB", s.maxSize)
	}
	sample, err := parseSize(s.sampleSize)
	if err != nil {
		return s3.Options{}, fmt.Errorf("-s3-sample-size %q: want a size such as 64MiB, or 0", s.sampleSize)
	}
	if sample == 0 {
		sample = -1 // skip, in the connector's terms
	}
	if s.conns < 1 {
		return s3.Options{}, fmt.Errorf("-s3-conns must be at least 1")
	}
	o := s3.Options{
		Endpoint:      s.endpoint,
		Profile:       s.profile,
		Region:        s.region,
		Keys:          s3.KeyFilter{Include: globs(s.keys), Exclude: globs(s.excludeKeys)},
		MaxObjectSize: maxSize,
		SampleBytes:   sample,
		Conns:         s.conns,
	}
	if err := o.Keys.Validate(); err != nil {
		return s3.Options{}, err
	}
	return o, nil
}

// parseSize reads a byte size: a number with an optional unit, binary
// (K, KiB, M, MiB, G, GiB, T, TiB) or decimal (KB, MB, GB, TB).
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := s, ""
	if i >= 0 {
		num, unit = s[:i], strings.TrimSpace(s[i:])
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	mult := map[string]float64{
		"": 1, "b": 1,
		"k": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mib": 1 << 20, "g": 1 << 30, "gib": 1 << 30, "t": 1 << 40, "tib": 1 << 40,
		"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
	}[strings.ToLower(unit)]
	if mult == 0 {
		return 0, fmt.Errorf("bad size unit %q", unit)
	}
	return int64(v * mult), nil
}

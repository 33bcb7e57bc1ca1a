package s3

import (
	"flag"

	"github.com/pmscan/pmscan/connectors/formats"
	"github.com/pmscan/pmscan/internal/i18n"
	"github.com/pmscan/pmscan/internal/units"
)

// flagValues are the S3 flags as given.
type flagValues struct {
	endpoint, profile, region string
	keys, excludeKeys         string
	maxSize, sampleSize       string
	conns                     int
	formats                   *formats.Flags // shared with the files connector
}

// RegisterFlags defines the S3 flags on fs.
func (f *Factory) RegisterFlags(fs *flag.FlagSet) {
	v := &flagValues{}
	f.flags = v
	fs.StringVar(&v.endpoint, "s3-endpoint", "", "S3: `URL` of an S3-compatible store (MinIO, Ceph, versitygw, Wasabi…); buckets are then addressed path-style")
	fs.StringVar(&v.profile, "profile", "", "S3: AWS shared config `PROFILE` (default: AWS_PROFILE, else default)")
	fs.StringVar(&v.region, "region", "", "S3: AWS `REGION` (default: AWS_REGION or the profile's, else us-east-1)")
	fs.StringVar(&v.keys, "keys", "", "S3: scan only keys matching these comma-separated `GLOBS` (* and ? within a segment, ** across; a glob without / matches the last segment)")
	fs.StringVar(&v.excludeKeys, "exclude-keys", "", "S3: do not scan keys matching these comma-separated `GLOBS`")
	fs.StringVar(&v.maxSize, "s3-max-size", "1GiB", "S3: read objects up to `SIZE` in full (e.g. 100MB, 1GiB)")
	fs.StringVar(&v.sampleSize, "s3-sample-size", "64MiB", "S3: read only the first `SIZE` of larger objects, with a ranged GET (findings say so); they are recorded as read in part. "+
		"0 reads none of them: they are recorded as not read (binary content as skipped)")
	fs.IntVar(&v.conns, "s3-conns", DefaultConns, "S3: objects read at once")
	v.formats = formats.RegisterFlags(fs)
}

// ApplyFlags checks the S3 flags and makes them the factory's options.
func (f *Factory) ApplyFlags() error {
	v := f.flags
	if v == nil {
		return nil
	}
	maxSize, err := units.ParseBytes(v.maxSize)
	if err != nil || maxSize <= 0 {
		return i18n.Errorf("-s3-max-size %q: want a positive size such as 500MB or 1GiB", v.maxSize)
	}
	sample, err := units.ParseBytes(v.sampleSize)
	if err != nil {
		return i18n.Errorf("-s3-sample-size %q: want a size such as 64MiB, or 0", v.sampleSize)
	}
	if sample == 0 {
		sample = -1 // skip, in the connector's terms
	}
	if v.conns < 1 {
		return i18n.Errorf("-s3-conns must be at least 1")
	}
	o := Options{
		Endpoint:      v.endpoint,
		Profile:       v.profile,
		Region:        v.region,
		Keys:          KeyFilter{Include: units.List(v.keys), Exclude: units.List(v.excludeKeys)},
		MaxObjectSize: maxSize,
		SampleBytes:   sample,
		Conns:         v.conns,
	}
	if err := o.Keys.Validate(); err != nil {
		return err
	}
	if err := v.formats.Apply(&o.Formats); err != nil {
		return err
	}
	f.Options = o
	return nil
}

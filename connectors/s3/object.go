package s3

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/pmscan/pmscan/connectors"
	"github.com/pmscan/pmscan/connectors/formats"
	"github.com/pmscan/pmscan/internal/units"
)

// reader reads objects one at a time into its own two batches.
type reader struct {
	c      *Connector
	health *endpointHealth
	home   chan *batch
}

func newReader(c *Connector, health *endpointHealth) *reader {
	r := &reader{c: c, health: health, home: make(chan *batch, batchesPerReader)}
	for range batchesPerReader {
		r.home <- &batch{home: r.home}
	}
	return r
}

// objectSink fills the reader's batches with one object's records.
type objectSink struct {
	ctx  context.Context
	home chan *batch
	out  chan *batch
	cur  *batch
}

func (s *objectSink) add(rec connectors.Record, err error) error {
	if s.cur == nil {
		select {
		case s.cur = <-s.home:
		case <-s.ctx.Done():
			return s.ctx.Err()
		}
	}
	s.cur.add(rec, err)
	if s.cur.full() {
		s.flush()
	}
	return nil
}

// flush never blocks: out has room for every batch the reader owns.
func (s *objectSink) flush() {
	if s.cur != nil {
		s.out <- s.cur
		s.cur = nil
	}
}

// read GETs one object and reads it into j.out through formats.Read.
// Every outcome but cancellation ends with the object's terminal record:
// what was read, or why it could not be read (after the records read until
// then).
func (r *reader) read(ctx context.Context, j *job) {
	sink := &objectSink{ctx: ctx, home: r.home, out: j.out}
	defer sink.flush()
	o := j.o
	fail := func(err error) {
		if ctx.Err() == nil {
			connectors.Fail(sink.add, o, err)
		}
	}

	if lost := r.health.down(); lost != nil {
		fail(notScanned(lost))
		return
	}
	in := &s3.GetObjectInput{Bucket: aws.String(r.c.target.Bucket), Key: aws.String(j.obj.Key)}
	// An object over the size limit has its start read: a sample of it,
	// or, without sampling, only what tells binary content, skipped
	// whatever its size, from a format it is a limit not to read.
	oversize := j.obj.Size > r.c.opts.MaxObjectSize
	sniffOnly := oversize && r.c.opts.SampleBytes < 0
	switch {
	case sniffOnly:
		in.Range = aws.String(fmt.Sprintf("bytes=0-%d", formats.HeadBytes-1))
	case oversize:
		in.Range = aws.String(fmt.Sprintf("bytes=0-%d", r.c.opts.SampleBytes-1))
	}
	getCtx, stop := context.WithCancel(ctx)
	out, err := r.c.client.GetObject(getCtx, in)
	if err != nil {
		stop()
		if ctx.Err() == nil {
			r.health.failed(err)
		}
		fail(getError(ctx, err))
		return
	}
	r.health.answered()
	// The GET, not the listing, says which version is being read.
	o.ETag = strings.Trim(aws.ToString(out.ETag), `"`)
	o.VersionID = aws.ToString(out.VersionId)
	if out.LastModified != nil {
		o.Modified = *out.LastModified
	}
	length := aws.ToInt64(out.ContentLength)
	o.Size = length
	if total, ok := rangeTotal(aws.ToString(out.ContentRange)); ok {
		o.Size = total
	}
	if oversize && !sniffOnly && o.Size > length {
		o.SampledBytes = length
	}
	// An object overwritten since it was listed is read as it is now: the
	// version is what was read.
	got := objectInfo{Key: j.obj.Key, ETag: o.ETag, Size: o.Size, LastModified: o.Modified}
	if j.obj.VersionID != "" {
		got.VersionID = o.VersionID
	}
	if !j.obj.sameContent(got) {
		o.Version = got.version()
	}

	body := &resumableBody{
		ctx: ctx, c: r.c, key: j.obj.Key, etag: aws.ToString(out.ETag),
		rc: out.Body, cancel: stop, off: 0, end: length,
	}
	body.watch()
	defer body.Close()

	if sniffOnly {
		head, err := io.ReadAll(io.LimitReader(body, formats.HeadBytes))
		if err != nil {
			fail(err)
			return
		}
		fail(formats.Unread(o, head, fmt.Sprintf("object is %s, larger than -s3-max-size (%s): not read; -s3-sample-size reads its start",
			units.Bytes(o.Size), units.Bytes(r.c.opts.MaxObjectSize))))
		return
	}
	// A sample is a limit that leaves data unread: the object fails, after
	// what was read, and errors at the cut (a JSON document or a gzip
	// stream ended early) are not the object's.
	opts := r.c.opts.Formats
	if o.SampledBytes > 0 {
		opts.Partial = &formats.Partial{
			Reached: func() bool { return body.off >= body.end },
			Why: fmt.Sprintf("object is %s, larger than -s3-max-size (%s): only its first %s read (-s3-sample-size)",
				units.Bytes(o.Size), units.Bytes(r.c.opts.MaxObjectSize), units.Bytes(o.SampledBytes)),
		}
	}
	formats.Read(ctx, o, body, opts, sink.add) // sink.add fails only once ctx is done
}

// getError explains a failed GET. An archived object is a skip, not a
// failure: reading it needs a restore that a scan should not start.
func getError(ctx context.Context, err error) error {
	e := explain(ctx, "GetObject", err)
	switch codeOf(err) {
	case "InvalidObjectState":
		return connectors.Skip("archived (%v): restore it to scan it", e)
	case "NoSuchKey":
		return fmt.Errorf("%w (deleted since it was listed)", e)
	}
	return e
}

// rangeTotal reads the total size from a Content-Range of "bytes a-b/total".
func rangeTotal(cr string) (int64, bool) {
	i := strings.LastIndexByte(cr, '/')
	if i < 0 {
		return 0, false
	}
	n, err := strconv.ParseInt(cr[i+1:], 10, 64)
	return n, err == nil
}

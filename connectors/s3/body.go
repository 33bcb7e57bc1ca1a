package s3

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// resumableBody reads an object's body and, when the connection breaks or
// stalls mid-object, resumes where it broke with a ranged GET of the same
// version (If-Match on the ETag), so that nothing is read twice or lost.
// The SDK retries requests; only this type retries bodies.
type resumableBody struct {
	ctx  context.Context
	c    *Connector
	key  string
	etag string // as the server sent it, quotes included

	rc     io.ReadCloser
	cancel context.CancelFunc // of rc's request
	off    int64              // bytes delivered
	end    int64              // bytes wanted in all; <= 0 when unknown
	tries  int                // resumptions since data last arrived

	// stall cancels the request when one Read waits too long. It runs
	// only inside Read: a reader held back by the walk is not stalled.
	stall   *time.Timer
	stalled atomic.Bool
}

// watch arms a stopped stall timer for the current request.
func (b *resumableBody) watch() {
	cancel := b.cancel
	b.stalled.Store(false)
	b.stall = time.AfterFunc(time.Hour, func() {
		b.stalled.Store(true)
		cancel()
	})
	b.stall.Stop()
}

func (b *resumableBody) Read(p []byte) (int, error) {
	for {
		if b.rc == nil {
			if err := b.reopen(); err != nil {
				return 0, err
			}
		}
		b.stall.Reset(b.c.opts.StallTimeout)
		n, err := b.rc.Read(p)
		b.stall.Stop()
		b.off += int64(n)
		if n > 0 {
			b.tries = 0
		}
		if err == nil {
			return n, nil
		}
		if err == io.EOF {
			if b.end <= 0 || b.off >= b.end {
				return n, io.EOF
			}
			err = io.ErrUnexpectedEOF
		}
		if b.ctx.Err() != nil {
			return n, b.ctx.Err()
		}
		if b.stalled.Load() {
			err = fmt.Errorf("no data for %v", b.c.opts.StallTimeout)
		}
		b.drop()
		if b.tries+1 >= b.c.opts.MaxAttempts {
			return n, fmt.Errorf("read body at byte %d, after %d tries without progress: %w", b.off, b.tries+1, err)
		}
		b.tries++
		if n > 0 {
			return n, nil // resume on the next Read
		}
		if err := b.backoff(); err != nil {
			return 0, err
		}
	}
}

// reopen GETs the rest of the object from b.off.
func (b *resumableBody) reopen() error {
	in := &s3.GetObjectInput{Bucket: aws.String(b.c.target.Bucket), Key: aws.String(b.key)}
	if b.end > 0 {
		in.Range = aws.String(fmt.Sprintf("bytes=%d-%d", b.off, b.end-1))
	} else {
		in.Range = aws.String(fmt.Sprintf("bytes=%d-", b.off))
	}
	if b.etag != "" {
		in.IfMatch = aws.String(b.etag)
	}
	ctx, cancel := context.WithCancel(b.ctx)
	out, err := b.c.client.GetObject(ctx, in)
	if err != nil {
		cancel()
		if statusOf(err) == http.StatusPreconditionFailed {
			return fmt.Errorf("the object changed while it was read; findings up to byte %d stand", b.off)
		}
		return fmt.Errorf("resume at byte %d: %w", b.off, explain(b.ctx, "GetObject", err))
	}
	b.rc, b.cancel = out.Body, cancel
	b.watch()
	return nil
}

// backoff waits before a resumption: full jitter on an exponential base.
func (b *resumableBody) backoff() error {
	d := min(b.c.opts.MaxBackoff, 100*time.Millisecond<<min(b.tries, 16))
	t := time.NewTimer(rand.N(d) + time.Millisecond)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-b.ctx.Done():
		return b.ctx.Err()
	}
}

// drop closes the current request.
func (b *resumableBody) drop() {
	if b.stall != nil {
		b.stall.Stop()
	}
	if b.rc != nil {
		b.rc.Close()
		b.rc = nil
	}
	if b.cancel != nil {
		b.cancel()
	}
}

func (b *resumableBody) Close() error {
	b.drop()
	return nil
}

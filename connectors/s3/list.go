package s3

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/pmscan/pmscan/connectors"
)

// objectInfo is what the listing (or a HEAD) says of one object.
type objectInfo struct {
	Key          string
	Size         int64
	ETag         string
	LastModified time.Time
	StorageClass string
	// VersionID is the version a HEAD names in a versioned bucket;
	// ListObjectsV2 names none.
	VersionID string
}

// list calls emit for every object of the target in key order, page by
// page: memory holds one page of keys, not the bucket. Keys the filter
// excludes and folder markers ("dir/", empty) are passed over; objects too
// large to read are emitted with their reason in pre.
//
// The listing stops before asking for another page once health says the
// endpoint is lost.
func (c *Connector) list(ctx context.Context, health *endpointHealth, rng keyRange, emit func(obj objectInfo, pre error) error) error {
	t := c.target
	prefix := t.Key
	if !t.IsPrefix {
		obj, err := c.head(ctx, t.Key)
		if err == nil {
			return c.offer(obj, emit)
		}
		if statusOf(err) != http.StatusNotFound {
			return err
		}
		// s3://bucket/exports names a folder as often as a key.
		prefix = t.Key + "/"
		n, err := c.listPrefix(ctx, health, prefix, rng, emit)
		if err == nil && n == 0 {
			return fmt.Errorf("no such key, and no keys under %s/", t.Key)
		}
		return err
	}
	_, err := c.listPrefix(ctx, health, prefix, rng, emit)
	return err
}

// keyRange is the run of keys a listing is held to: after after (none
// when ""), up to last (the end when "").
type keyRange struct{ after, last string }

// keyRange is the keys of b's ListRange in this bucket, or the whole
// listing.
func (c *Connector) keyRange(b connectors.Baseline) keyRange {
	r, ok := b.(connectors.ListRange)
	if !ok {
		return keyRange{}
	}
	after, last := r.ListRange()
	in := "s3://" + c.target.Bucket + "/"
	if (after != "" && !strings.HasPrefix(after, in)) || !strings.HasPrefix(last, in) {
		return keyRange{}
	}
	return keyRange{after: strings.TrimPrefix(after, in), last: strings.TrimPrefix(last, in)}
}

func (c *Connector) listPrefix(ctx context.Context, health *endpointHealth, prefix string, rng keyRange, emit func(objectInfo, error) error) (int, error) {
	prefix, ok := narrowPrefix(prefix, c.opts.Keys.listPrefix())
	if !ok {
		return 0, nil // the globs exclude the whole prefix
	}
	in := &s3.ListObjectsV2Input{Bucket: aws.String(c.target.Bucket)}
	if prefix != "" {
		in.Prefix = aws.String(prefix)
	}
	if rng.after != "" {
		in.StartAfter = aws.String(rng.after)
	}
	pages := s3.NewListObjectsV2Paginator(c.client, in)
	n := 0
	for first := true; pages.HasMorePages(); first = false {
		if lost := health.down(); lost != nil {
			return n, lost
		}
		var opts []func(*s3.Options)
		if first && c.target.IsPrefix {
			opts = append(opts, firstRequest)
		}
		page, err := pages.NextPage(ctx, opts...)
		if err != nil {
			return n, explain(ctx, "ListObjectsV2", err)
		}
		for _, o := range page.Contents {
			obj := objectInfo{
				Key:          aws.ToString(o.Key),
				Size:         aws.ToInt64(o.Size),
				ETag:         aws.ToString(o.ETag),
				LastModified: aws.ToTime(o.LastModified),
				StorageClass: string(o.StorageClass),
			}
			if rng.last != "" && obj.Key > rng.last {
				return n, nil // past the range: the rest is another's
			}
			if strings.HasSuffix(obj.Key, "/") && obj.Size == 0 {
				continue // a folder marker made by consoles
			}
			n++
			if err := c.offer(obj, emit); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// offer applies the key filter. The size limit is the reader's: an
// object over it is looked at first, as binary content is skipped
// whatever its size.
func (c *Connector) offer(obj objectInfo, emit func(objectInfo, error) error) error {
	if !c.opts.Keys.Match(obj.Key) {
		return nil
	}
	return emit(obj, nil)
}

// head describes one key, for a target that names a key.
func (c *Connector) head(ctx context.Context, key string) (objectInfo, error) {
	out, err := c.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(c.target.Bucket), Key: aws.String(key)}, firstRequest)
	if err != nil {
		return objectInfo{}, explain(ctx, "HeadObject", err)
	}
	return objectInfo{
		Key:          key,
		Size:         aws.ToInt64(out.ContentLength),
		ETag:         aws.ToString(out.ETag),
		LastModified: aws.ToTime(out.LastModified),
		StorageClass: string(out.StorageClass),
		VersionID:    aws.ToString(out.VersionId),
	}, nil
}

// object is the object of a listed key, as the listing describes it, its
// Version included; a GET says which version is read.
func (c *Connector) object(obj objectInfo) *connectors.Object {
	o := connectors.NewS3Object(c.host, c.target.Bucket, obj.Key)
	o.ETag = strings.Trim(obj.ETag, `"`)
	o.VersionID = obj.VersionID
	o.Modified = obj.LastModified
	o.Size = obj.Size
	o.Version = obj.version()
	return o
}

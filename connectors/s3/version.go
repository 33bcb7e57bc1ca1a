package s3

import (
	"strconv"
	"strings"
	"time"

	"github.com/pmscan/pmscan/connectors"
)

// version is what the listing says of an object, as its Version: etag,
// size, last_modified and, where the listing names one, version_id. Only
// facts a listing gives are kept, so that the version of an object read
// compares with the listing of the next scan: a versioned bucket's GET
// names a version that ListObjectsV2 does not.
func (obj objectInfo) version() *connectors.Version {
	v := &connectors.Version{}
	v.Add("etag", strings.Trim(obj.ETag, `"`))
	v.Add("size", strconv.FormatInt(obj.Size, 10))
	v.Add("last_modified", obj.LastModified.UTC().Format(time.RFC3339Nano))
	if obj.VersionID != "" {
		v.Add("version_id", obj.VersionID)
	}
	return v
}

// sameContent reports whether got, what a GET says of the object, names
// the content the listing described. LastModified is not compared: a GET
// gives it in whole seconds where a listing may give milliseconds, and the
// same ETag and size name the same bytes.
func (obj objectInfo) sameContent(got objectInfo) bool {
	return strings.Trim(obj.ETag, `"`) == strings.Trim(got.ETag, `"`) && obj.Size == got.Size &&
		obj.VersionID == got.VersionID
}

package s3

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// apiError is an S3 error as a person reads it: the operation, the S3
// error code and status, and the server's message, without the SDK's
// request IDs and retry chatter. It unwraps to the SDK error.
type apiError struct {
	Op      string // "GetObject", "ListObjectsV2", …
	Code    string // "AccessDenied", "NoSuchKey", …; "" for a transport error
	Status  int    // HTTP status; 0 when no response arrived
	Message string
	err     error
}

func (e *apiError) Error() string {
	switch {
	case e.Code != "" && e.Status != 0:
		return fmt.Sprintf("%s: %s (HTTP %d): %s", e.Op, e.Code, e.Status, e.Message)
	case e.Code != "":
		return fmt.Sprintf("%s: %s: %s", e.Op, e.Code, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Op, e.Message)
}

func (e *apiError) Unwrap() error { return e.err }

// explain turns an SDK error from op into an apiError. When ctx is done
// the error is ctx.Err(), so that callers can tell cancellation apart.
func explain(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	e := &apiError{Op: op, err: err}
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.Response != nil {
		e.Status = re.Response.StatusCode
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		e.Code, e.Message = ae.ErrorCode(), ae.ErrorMessage()
		if e.Message == "" {
			e.Message = hint(e.Code, e.Status)
		}
		switch e.Code {
		case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException":
			e.Message += " (the bucket is in another region: pass -region)"
		}
		return e
	}
	// Transport and credential errors: what the operation error wraps,
	// without its "operation error S3: Op," preamble.
	e.Message = err.Error()
	var oe *smithy.OperationError
	if errors.As(err, &oe) && oe.Err != nil {
		e.Message = oe.Err.Error()
	}
	if m, ok := strings.CutPrefix(e.Message, "get identity: get credentials: "); ok {
		e.Message = "no usable AWS credentials (looked in the environment, shared config and -profile, SSO, container and instance roles): " + m
	}
	if e.Status != 0 {
		e.Message = fmt.Sprintf("HTTP %d %s", e.Status, http.StatusText(e.Status))
	}
	return e
}

// hint stands in for the message of errors that have none (HEAD responses
// carry no body).
func hint(code string, status int) string {
	switch {
	case code == "NotFound" || status == http.StatusNotFound:
		return "no such key"
	case code == "Forbidden" || status == http.StatusForbidden:
		return "access denied"
	}
	return http.StatusText(status)
}

// codeOf is the S3 error code of err, or "".
func codeOf(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// statusOf is the HTTP status of err's response, or 0.
func statusOf(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}

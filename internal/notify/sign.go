package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Headers of every notification.
const (
	HeaderSignature = "X-Pmscan-Signature" // Sign's value
	HeaderDelivery  = "X-Pmscan-Delivery"  // Payload.Delivery
	HeaderEvent     = "X-Pmscan-Event"     // Payload.Events joined by ","
)

// DefaultTolerance is how far from now Verify accepts a signature's time
// when given no tolerance: long enough for clock skew and a slow network,
// short enough that a captured notification cannot be replayed for long.
const DefaultTolerance = 5 * time.Minute

// Errors from Verify, wrapped with the detail.
var (
	ErrMalformed    = errors.New("malformed signature header")
	ErrExpired      = errors.New("signature time out of tolerance")
	ErrBadSignature = errors.New("signature does not match")
)

// Sign returns the X-Pmscan-Signature value for body sent at t:
// "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<unix seconds>." + body)>".
// The time is signed with the body so that a receiver can refuse an old
// notification replayed at it.
func Sign(secret []byte, body []byte, t time.Time) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac(secret, ts, body))
}

func mac(secret []byte, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Verify checks an X-Pmscan-Signature header against body, as a receiver
// does: the signature must match and its time be within tolerance of now
// either way (DefaultTolerance if tolerance <= 0). Several v1 values are
// accepted, any one matching, so that a sender can sign with an old and a
// new secret while receivers switch; unknown keys are ignored, so a later
// scheme can be added beside v1. The errors wrap ErrMalformed, ErrExpired
// or ErrBadSignature.
func Verify(secret []byte, header string, body []byte, now time.Time, tolerance time.Duration) error {
	if len(secret) == 0 {
		// Every body would verify against a signature made with no key.
		return errors.New("verify signature: no secret")
	}
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	var ts string
	var sigs [][]byte
	for part := range strings.SplitSeq(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return fmt.Errorf("%w: %q is not key=value", ErrMalformed, clip(part))
		}
		switch k {
		case "t":
			if ts != "" {
				return fmt.Errorf("%w: more than one t", ErrMalformed)
			}
			if v == "" || strings.Trim(v, "0123456789") != "" {
				return fmt.Errorf("%w: t=%q is not unix seconds", ErrMalformed, clip(v))
			}
			ts = v
		case "v1":
			sig, err := hex.DecodeString(v)
			if err != nil || len(sig) != sha256.Size {
				return fmt.Errorf("%w: v1 is not a hex HMAC-SHA256", ErrMalformed)
			}
			sigs = append(sigs, sig)
		}
	}
	if ts == "" {
		return fmt.Errorf("%w: no t", ErrMalformed)
	}
	if len(sigs) == 0 {
		return fmt.Errorf("%w: no v1", ErrMalformed)
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: t=%q is not unix seconds", ErrMalformed, clip(ts))
	}
	// The signature first: a time error then tells the receiver that a
	// genuine notification came late or was replayed, not that someone
	// sent garbage.
	want := mac(secret, ts, body)
	matched := false
	for _, sig := range sigs {
		// Every one compared, in constant time, so timing tells nothing.
		if hmac.Equal(sig, want) {
			matched = true
		}
	}
	if !matched {
		return ErrBadSignature
	}
	signed := time.Unix(secs, 0)
	// Whole seconds are signed, so allow the second the sender was in.
	switch age := now.Sub(signed); {
	case age > tolerance+time.Second:
		return fmt.Errorf("%w: signed %s ago, more than %s", ErrExpired, age.Round(time.Second), tolerance)
	case -age > tolerance:
		return fmt.Errorf("%w: signed %s in the future, more than %s", ErrExpired, (-age).Round(time.Second), tolerance)
	}
	return nil
}

// clip shortens what a header held for an error message: a header comes
// from whoever sent the request.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

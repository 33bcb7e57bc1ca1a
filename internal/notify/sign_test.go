package notify

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestSignVerify(t *testing.T) {
	secret := []byte("s3cr3t-from-env")
	body := []byte(`{"schema_version":1,"delivery":"abc"}`)
	at := time.Unix(1_800_000_000, 0)
	good := Sign(secret, body, at)
	v1 := strings.TrimPrefix(good, "t=1800000000,v1=")
	other := Sign([]byte("old secret"), body, at)
	otherV1 := other[strings.Index(other, "v1="):]

	tests := []struct {
		name    string
		secret  []byte
		header  string
		body    []byte
		now     time.Time
		tol     time.Duration
		wantErr error // nil: verifies
	}{
		{name: "round trip", header: good},
		{name: "within tolerance, late", header: good, now: at.Add(5 * time.Minute)},
		{name: "within tolerance, early", header: good, now: at.Add(-5 * time.Minute)},
		{name: "spaces around parts", header: "t=1800000000, v1=" + v1},
		{name: "second v1 matches (secret rotation)", header: "t=1800000000," + otherV1 + ",v1=" + v1},
		{name: "unknown key ignored", header: good + ",v2=zzz"},
		{name: "default tolerance", header: good, now: at.Add(4 * time.Minute), tol: -1},

		{name: "tampered body", header: good, body: []byte(`{"schema_version":1,"delivery":"abd"}`), wantErr: ErrBadSignature},
		{name: "wrong secret", header: good, secret: []byte("guess"), wantErr: ErrBadSignature},
		{name: "time changed", header: "t=1800000001,v1=" + v1, now: at.Add(time.Second), wantErr: ErrBadSignature},
		{name: "other secret only", header: other, wantErr: ErrBadSignature},
		{name: "too old", header: good, now: at.Add(10 * time.Minute), wantErr: ErrExpired},
		{name: "in the future", header: good, now: at.Add(-10 * time.Minute), wantErr: ErrExpired},
		{name: "tight tolerance", header: good, now: at.Add(3 * time.Second), tol: time.Second, wantErr: ErrExpired},

		{name: "empty", header: "", wantErr: ErrMalformed},
		{name: "no t", header: "v1=" + v1, wantErr: ErrMalformed},
		{name: "no v1", header: "t=1800000000", wantErr: ErrMalformed},
		{name: "two t", header: "t=1800000000,t=1800000000,v1=" + v1, wantErr: ErrMalformed},
		{name: "t not a number", header: "t=soon,v1=" + v1, wantErr: ErrMalformed},
		{name: "t negative", header: "t=-5,v1=" + v1, wantErr: ErrMalformed},
		{name: "t overflows", header: "t=99999999999999999999,v1=" + v1, wantErr: ErrMalformed},
		{name: "v1 not hex", header: "t=1800000000,v1=" + strings.Repeat("zz", 32), wantErr: ErrMalformed},
		{name: "v1 short", header: "t=1800000000,v1=" + v1[:62], wantErr: ErrMalformed},
		{name: "not key=value", header: "t=1800000000,v1", wantErr: ErrMalformed},
		{name: "sha256= style", header: "sha256=" + v1, wantErr: ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, b, now, tol := secret, body, at, time.Minute*5
			if tt.secret != nil {
				s = tt.secret
			}
			if tt.body != nil {
				b = tt.body
			}
			if !tt.now.IsZero() {
				now = tt.now
			}
			if tt.tol != 0 {
				tol = tt.tol
			}
			err := Verify(s, tt.header, b, now, tol)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Verify = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestVerifyNoSecret(t *testing.T) {
	// A signature made with an empty key proves nothing.
	body := []byte("{}")
	now := time.Now()
	if err := Verify(nil, Sign(nil, body, now), body, now, 0); err == nil {
		t.Fatal("Verify with no secret succeeded")
	}
}

func TestSignFormat(t *testing.T) {
	// The header as documented for receivers, computed independently:
	// printf '%s' '1800000000.{}' | openssl dgst -sha256 -hmac key
	got := Sign([]byte("key"), []byte("{}"), time.Unix(1_800_000_000, 0))
	want := "t=1800000000,v1=" + "7321475872b03ff21bdc2dfd86ea2d99ec29c479fbe4a77aa6acf4509505493f"
	if got != want {
		t.Errorf("Sign = %s\nwant   %s", got, want)
	}
}

func ExampleVerify() {
	secret := []byte("from PMSCAN_WEBHOOK_SECRET")
	body := []byte(`{"schema_version":1}`)
	sent := time.Unix(1_800_000_000, 0)
	header := Sign(secret, body, sent)

	// In the receiver's handler: r.Header.Get(HeaderSignature), the raw
	// body, and the time now.
	fmt.Println(Verify(secret, header, body, sent.Add(30*time.Second), 5*time.Minute))
	fmt.Println(Verify(secret, header, body, sent.Add(time.Hour), 5*time.Minute))
	// Output:
	// <nil>
	// signature time out of tolerance: signed 1h0m0s ago, more than 5m0s
}

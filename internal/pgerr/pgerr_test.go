package pgerr

import (
	"errors"
	"testing"
)

func TestOnceEach(t *testing.T) {
	base := errors.New("base")
	for _, tc := range []struct{ in, want string }{
		{"failed to connect to `user=postgres database=test`:\n\t127.0.0.1:5999 (127.0.0.1): dial error: connection refused\n\t127.0.0.1:5999 (127.0.0.1): dial error: connection refused",
			"failed to connect to `user=postgres database=test`: 127.0.0.1:5999 (127.0.0.1): dial error: connection refused"},
		{"failed to connect:\n\t[::1]:5999: refused\n\t127.0.0.1:5999: refused",
			"failed to connect:\n\t[::1]:5999: refused\n\t127.0.0.1:5999: refused"},
		{"one line", "one line"},
	} {
		err := OnceEach(wrapped{tc.in, base})
		if err.Error() != tc.want {
			t.Errorf("OnceEach(%q) = %q, want %q", tc.in, err.Error(), tc.want)
		}
		if !errors.Is(err, base) {
			t.Errorf("OnceEach(%q) lost the chain", tc.in)
		}
	}
	if OnceEach(nil) != nil {
		t.Error("OnceEach(nil) is not nil")
	}
}

type wrapped struct {
	msg string
	err error
}

func (w wrapped) Error() string { return w.msg }
func (w wrapped) Unwrap() error { return w.err }

package store

import (
	"context"
	"net"
	"strings"
	"testing"
)

// TestOpenPostgresRefusedOnce: a refused connection is said once, though
// pgx tries it with and without TLS.
func TestOpenPostgresRefusedOnce(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // a port nobody listens on
	_, err = Open(context.Background(), "postgres://postgres:hunter2@"+addr+"/test?connect_timeout=5")
	if err == nil {
		t.Fatal("opened a store on a closed port")
	}
	msg := err.Error()
	if n := strings.Count(msg, "connection refused"); n != 1 {
		t.Errorf("the refusal is said %d times:\n%s", n, msg)
	}
	if strings.Contains(msg, "hunter2") {
		t.Errorf("the password is in the error: %s", msg)
	}
}

package s3

import (
	"fmt"
	"sync"
)

// endpointHealth notices an endpoint gone for good: objects whose GET got
// no HTTP response at all, even after the SDK's retries, one after another.
// Once lostAfter such objects fail in a row, the endpoint counts as lost:
// the listing stops, objects already queued are recorded as not scanned
// without another round of retries each, and the target fails.
type endpointHealth struct {
	mu       sync.Mutex
	failures int
	lost     error
}

const lostAfter = 2

// answered records a GET that reached the server, successful or not.
func (h *endpointHealth) answered() {
	h.mu.Lock()
	h.failures = 0
	h.mu.Unlock()
}

// failed records a failed GET.
func (h *endpointHealth) failed(err error) {
	if statusOf(err) != 0 {
		h.answered()
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.failures++
	if h.failures >= lostAfter && h.lost == nil {
		h.lost = err
	}
}

// down is why the endpoint counts as lost, or nil.
func (h *endpointHealth) down() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.lost
}

// notScanned is the outcome of an object left unread once the endpoint was
// lost.
func notScanned(lost error) error {
	return fmt.Errorf("not scanned: the endpoint is lost: %w", lost)
}

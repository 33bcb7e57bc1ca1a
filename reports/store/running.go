package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pmscan/pmscan/internal/safetext"
)

// ErrRunning is wrapped by the error of a scan that would scan a target
// another running scan is scanning with the same store: the two would
// each carry over what the other is still writing.
var ErrRunning = errors.New("another scan of the same target is running")

// ownerID names this process for scans.owner: host and process ID.
func ownerID() string {
	host, _ := os.Hostname()
	return host + " " + strconv.Itoa(os.Getpid())
}

// ownerGone reports whether the process an owner ID names is known to
// have ended: it ran on this host and no such process exists now.
func ownerGone(owner string) bool {
	host, pid, ok := strings.Cut(owner, " ")
	me, _ := os.Hostname()
	if !ok || host != me {
		return false
	}
	n, err := strconv.Atoi(pid)
	if err != nil || n <= 0 {
		return false
	}
	return errors.Is(syscall.Kill(n, 0), syscall.ESRCH)
}

// checkRunning refuses scan id if another scan that has not recorded its
// end, and is still alive (its heartbeat is recent and its process is not
// known to be gone), scans one of the same targets.
func (s *Store) checkRunning(ctx context.Context, tx *sql.Tx, id int64, targets []string) error {
	if len(targets) == 0 {
		return nil
	}
	in, args := inList(targets)
	args = append(args, id)
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.started, s.heartbeat, s.owner, t.name FROM scans s JOIN scan_targets t ON t.scan_id = s.id
WHERE s.finished IS NULL AND s.parent_id IS NULL AND t.name IN (`+in+`) AND s.id <> $`+strconv.Itoa(len(args))+` ORDER BY s.id`, args...)
	if err != nil {
		return s.errorf("beginning a scan: looking for running scans: %w", err)
	}
	defer rows.Close()
	now := time.Now()
	for rows.Next() {
		var (
			sc          Scan
			beat        sql.NullTime
			owner, name string
		)
		if err := rows.Scan(&sc.ID, &sc.Info.Started, &beat, &owner, &name); err != nil {
			return s.errorf("beginning a scan: looking for running scans: %w", err)
		}
		if beat.Valid {
			sc.Heartbeat = beat.Time
		}
		sc.Owner = owner
		if !sc.Alive(now) {
			continue
		}
		return s.errorf("%w: scan %d of %s (%s, last alive %s ago); wait for it to end, or stop it",
			ErrRunning, sc.ID, safetext.Name(name), owner, now.Sub(sc.Heartbeat).Round(time.Second))
	}
	if err := rows.Err(); err != nil {
		return s.errorf("beginning a scan: looking for running scans: %w", err)
	}
	return nil
}

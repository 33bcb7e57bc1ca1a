package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// runScans lists the scans kept in the state store, newest first.
func runScans(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pmscan scans", flag.ContinueOnError)
	fs.SetOutput(stderr)
	state := stateFlag(fs)
	limit := fs.Int("n", 20, "list at most `N` scans")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	st, err := openState(ctx, *state)
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scans: %v\n", err)
		return exitTargetError
	}
	defer st.Close()
	scans, err := st.Scans(ctx, *limit)
	if err != nil {
		fmt.Fprintf(stderr, "pmscan scans: %v\n", err)
		return exitTargetError
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTARTED\tTOOK\tSTATUS\tTARGETS")
	for _, sc := range scans {
		status, took := "ok", "-"
		switch {
		case sc.Finished.IsZero():
			status = "unfinished"
		case sc.Interrupted:
			status = "interrupted"
		}
		if !sc.Finished.IsZero() {
			took = sc.Finished.Sub(sc.Info.Started).Round(time.Second).String()
		}
		for _, t := range sc.Targets {
			if t.Error != "" && status == "ok" {
				status = "target failed"
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", sc.ID, sc.Info.Started.Local().Format("2006-01-02 15:04"), took, status, strings.Join(sc.Info.Targets, " "))
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "pmscan scans: %v\n", err)
		return exitTargetError
	}
	return exitOK
}

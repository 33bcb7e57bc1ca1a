module github.com/pmscan/pmscan

go 1.26.8

require (
	golang.org/x/sync v0.24.0
	golang.org/x/text v0.43.0
)

module github.com/pmscan/pmscan

go 1.26.8

require (
	github.com/ikawaha/kagome-dict/ipa v1.2.6
	github.com/ikawaha/kagome-dict/uni v1.2.6
	github.com/ikawaha/kagome/v2 v2.10.3
	golang.org/x/sync v0.24.0
	golang.org/x/text v0.43.0
)

require github.com/ikawaha/kagome-dict v1.1.7 // indirect

module github.com/pmscan/pmscan

go 1.26.8

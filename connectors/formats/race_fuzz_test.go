//go:build race

package formats

// raceSlowdown stretches the hang limit: the race detector makes parsing
// some ten times slower (the PDF that spends its work budget takes 7s).
const raceSlowdown = 10

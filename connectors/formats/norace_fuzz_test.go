//go:build !race

package formats

const raceSlowdown = 1

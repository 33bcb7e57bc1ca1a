// Package testkit holds what pmscan's tests and development tools use and
// the pmscan binary never does: the real servers tests run against (dbtest,
// s3test), benchmark settings (benchenv), golden files (golden), the
// synthetic data generators (synthetic, dbload) and the detection
// evaluation (evaluation). Product code imports nothing from here; the
// product's own helpers live beside it in internal/ (keyglob, units,
// privfile). TestProductImportsNoTestkit checks it.
package testkit

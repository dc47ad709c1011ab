//go:build !race

package x

// archiveRaceEnabled is true under the race detector, which slows the
// byte loops of the hostile-archive tests tenfold.
const archiveRaceEnabled = false

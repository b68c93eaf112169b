//go:build race

package report

// raceEnabled skips the year-sized test under the race detector, where it
// takes half a minute and checks nothing about data races.
const raceEnabled = true

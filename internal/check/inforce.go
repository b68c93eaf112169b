package check

import (
	"time"

	"medround/internal/mar"
)

// InForce reports whether chart entry e may be given at `at` by its status
// and its start and end, as the check decides it. Screens that list a chart
// ask here rather than compare the dates themselves.
func InForce(e mar.ChartEntry, at time.Time) bool {
	c := &checker{in: Input{Now: at}}
	return c.inForce(e)
}

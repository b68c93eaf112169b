package demo

import (
	"time"

	"medround/internal/mar"
	"medround/internal/store"
)

// Parts returns the demo home's settings and chart without a store, for
// the central record's demo (medround-central demo), which keeps them in
// its own store and sends them to tablets by pull. Staff are in Staff.
func Parts(opt Options) (mar.Home, store.ChartUpdate) {
	if opt.Residents <= 0 {
		opt.Residents = 12
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.HistoryDays <= 0 {
		opt.HistoryDays = 2
	}
	home := mar.DefaultHome()
	home.Name = "Willow House"
	return home, chart(opt)
}

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
	opt = opt.withDefaults()
	return homeSettings(), chart(opt)
}

// withDefaults fills what the caller left zero: twelve residents, now, two
// days of history.
func (o Options) withDefaults() Options {
	if o.Residents <= 0 {
		o.Residents = 12
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.HistoryDays <= 0 {
		o.HistoryDays = 2
	}
	if o.DeviceID == "" {
		o.DeviceID = demoDevice
	}
	return o
}

// homeSettings are Willow House's settings: the defaults, with its name.
func homeSettings() mar.Home {
	home := mar.DefaultHome()
	home.Name = "Willow House"
	return home
}

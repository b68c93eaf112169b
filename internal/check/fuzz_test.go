package check

import (
	"math"
	"testing"
	"time"

	"medround/internal/mar"
)

// FuzzCheck throws odd times, quantities, timings and records at the check.
// Whatever comes in, it must not panic, must give every reason a message,
// and the verdict must be the worst level among its reasons.
func FuzzCheck(f *testing.F) {
	f.Add(int64(0), 0, 0.0, 1, 1.0, "d", int64(-60), 2.0, uint8(1))
	f.Add(int64(-600), 1, 3.0, 0, 0.0, "", int64(-180), 2.0, uint8(1))
	f.Add(int64(1<<20), 11, -1.0, 7, 2.5, "wk", int64(30), math.NaN(), uint8(3))
	f.Add(int64(0), 4, 1.0, 1, 6.0, "h", int64(0), 0.0, uint8(2))
	gtins := []string{gtinAmlodipine, gtinParacetamol, gtinParaLiquid, gtinMST, gtinMadopar, gtinLevo,
		gtinWarfarin, gtinPenV, gtinAlendronic, gtinTrimeth, gtinFurosemide, gtinUnknown}
	f.Fuzz(func(t *testing.T, minutes int64, pack int, qty float64, freq int, period float64, unit string,
		recordOffset int64, recordQty float64, outcome uint8) {
		in := baseInput()
		in.Now = in.Now.Add(time.Duration(minutes%(400*24*60)) * time.Minute)
		in.Pack.GTIN = gtins[((pack%len(gtins))+len(gtins))%len(gtins)]
		in.Quantity = qty
		in.Chart[0].Timing = mar.Timing{Frequency: freq, Period: period, PeriodUnit: unit}
		due := in.Now.Add(time.Duration(recordOffset%(48*60)) * time.Minute)
		for _, e := range in.Chart {
			in.History = append(in.History, record(e.ID, due, due, mar.Outcome(outcome), recordQty))
		}
		v := Check(in)
		worst := mar.LevelOK
		for _, r := range v.Reasons {
			if r.Message == "" || r.Level != r.Code.Severity() {
				t.Fatalf("reason %+v", r)
			}
			worst = max(worst, r.Level.Level())
		}
		if v.Level != worst {
			t.Fatalf("verdict %v, worst reason %v: %+v", v.Level, worst, v.Reasons)
		}
		if v.Level == mar.LevelOK && v.Entry == nil {
			t.Fatalf("ok verdict with no entry: %+v", v)
		}
	})
}

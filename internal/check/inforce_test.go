package check

import (
	"testing"
	"time"

	"medround/internal/mar"
)

func TestInForce(t *testing.T) {
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	for _, c := range []struct {
		name string
		e    mar.ChartEntry
		want bool
	}{
		{"active, open-ended", mar.ChartEntry{Status: mar.EntryActive}, true},
		{"active, started yesterday, ends tomorrow", mar.ChartEntry{Status: mar.EntryActive, Start: now.Add(-day), End: now.Add(day)}, true},
		{"course starts tomorrow", mar.ChartEntry{Status: mar.EntryActive, Start: now.Add(day)}, false},
		{"course ended at this minute", mar.ChartEntry{Status: mar.EntryActive, End: now}, false},
		{"on hold", mar.ChartEntry{Status: mar.EntryOnHold}, false},
		{"stopped", mar.ChartEntry{Status: mar.EntryStopped}, false},
		{"unknown status", mar.ChartEntry{Status: 99}, false},
	} {
		if got := InForce(c.e, now); got != c.want {
			t.Errorf("%s: InForce = %v, want %v", c.name, got, c.want)
		}
	}
}

package round_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/schedule"
)

func withoutRound(h mar.Home, name string) mar.Home {
	h.Rounds = slices.DeleteFunc(slices.Clone(h.Rounds), func(r mar.Round) bool { return r.Name == name })
	return h
}

// A manager's settings change that would leave charted doses on no round
// is refused with the residents and medicines that need the round; one
// that leaves every dose placed is saved, even in a home whose charts
// already need a round it lacks (so that round can be added back).
func TestSettingsRefuseARoundTheChartsNeed(t *testing.T) {
	tests := []struct {
		name   string
		stored func(mar.Home) mar.Home // the settings before the change, written to the store
		change func(mar.Home) mar.Home
		says   []string // in Explain when refused; nil when saved
	}{
		{"removing the night round while residents have night doses is refused",
			nil, func(h mar.Home) mar.Home { return withoutRound(h, schedule.Night) },
			[]string{"Night round is used by ", " residents' charts: ", "; change the charts first"}},
		{"moving the night round to 22:00 is saved",
			nil, func(h mar.Home) mar.Home {
				h.Rounds = slices.Clone(h.Rounds)
				for i := range h.Rounds {
					if h.Rounds[i].Name == schedule.Night {
						h.Rounds[i].At = 22 * 60
					}
				}
				return h
			}, nil},
		{"adding the night round back to a home that lost it is saved",
			func(h mar.Home) mar.Home { return withoutRound(h, schedule.Night) },
			func(h mar.Home) mar.Home { h.Rounds = mar.DefaultHome().Rounds; return h }, nil},
		{"widening the window in a home that already lacks the night round is saved",
			func(h mar.Home) mar.Home { return withoutRound(h, schedule.Night) },
			func(h mar.Home) mar.Home { h.Window += 15 * time.Minute; return h }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, st, _ := newDemoStore(t)
			h, err := svc.Home()
			if err != nil {
				t.Fatal(err)
			}
			if tt.stored != nil {
				if h = tt.stored(h); st.PutHome(h) != nil {
					t.Fatal("write the stored settings")
				}
			}
			next := tt.change(h)
			err = svc.PutHome(signIn(t, svc, "meg", "3333"), next)
			got, _ := svc.Home()
			if tt.says == nil {
				if err != nil || !slices.Equal(got.Rounds, next.Rounds) {
					t.Fatalf("PutHome = %v, rounds now %v; want the change saved", err, got.Rounds)
				}
				return
			}
			var inUse *round.RoundsInUseError
			if !errors.As(err, &inUse) || len(inUse.Uses) == 0 {
				t.Fatalf("PutHome = %v, want a RoundsInUseError", err)
			}
			if !slices.Equal(got.Rounds, h.Rounds) {
				t.Errorf("rounds now %v, want them unchanged %v", got.Rounds, h.Rounds)
			}
			words := round.Explain(err)
			for _, s := range tt.says {
				if !strings.Contains(words, s) {
					t.Errorf("Explain = %q, want it to say %q", words, s)
				}
			}
			for _, u := range inUse.Uses[:min(len(inUse.Uses), 8)] {
				if !strings.Contains(words, u.Resident+" (") || u.Medicine == "" || !strings.Contains(words, u.Medicine) {
					t.Errorf("Explain = %q, want it to name %s and %q", words, u.Resident, u.Medicine)
				}
				if strings.Contains(err.Error(), u.Resident) {
					t.Errorf("Error() = %q names a resident: it may go to a log", err.Error())
				}
			}
		})
	}
}

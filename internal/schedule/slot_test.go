package schedule

import (
	"testing"
	"time"

	"medround/internal/mar"
)

// A calendar made with a zone loaded earlier is refused when the home's
// setting has changed since: due times in the old zone would be an hour out.
func TestNewCalendarInRefusesAnotherZone(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		home mar.Home
		loc  *time.Location
		ok   bool
	}{
		{"the home's own zone", mar.Home{TimeZone: "Europe/London"}, london, true},
		{"an empty setting means Europe/London", mar.Home{}, london, true},
		{"the home moved to Dublin since the zone was loaded", mar.Home{TimeZone: "Europe/Dublin"}, london, false},
		{"no zone loaded", mar.Home{}, nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewCalendarIn(tt.home, tt.loc)
			if (err == nil) != tt.ok {
				t.Errorf("NewCalendarIn = %v, want ok %v", err, tt.ok)
			}
		})
	}
}

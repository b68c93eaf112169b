package mar

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Round is a named medicine round and the clock time it is due.
type Round struct {
	Name string    `json:"name"`
	At   ClockTime `json:"at"`
}

// Home holds the settings of one care home.
type Home struct {
	Name     string  `json:"name"`
	TimeZone string  `json:"timeZone"` // IANA name, e.g. Europe/London
	Rounds   []Round `json:"rounds"`
	// Window is how long either side of a due time a dose counts as on time;
	// CriticalWindow the same for time-critical medicines.
	Window         time.Duration `json:"window"`
	CriticalWindow time.Duration `json:"criticalWindow"`
	// GSSubstitute is the text a keyboard-wedge scanner sends for the GS1
	// group separator when it cannot send ASCII 29 (e.g. "~").
	GSSubstitute string `json:"gsSubstitute,omitempty"`
	// ResidentIDPattern is a regular expression a local resident number
	// matches, e.g. `^R\d{4}$`.
	ResidentIDPattern string `json:"residentIdPattern,omitempty"`
	// PINDigits is the fewest digits a new or changed PIN may have; 0 means
	// 4. A home may require 6: a copied database can be attacked offline,
	// where no lockout applies, and each digit makes that ten times slower.
	PINDigits int `json:"pinDigits,omitempty"`
	// CDCountEvery is how often two staff count each controlled drug
	// against its register (daily, weekly); 0 means weekly.
	CDCountEvery time.Duration `json:"cdCountEvery,omitempty"`
	// CDRegisterSchedules are the controlled drug schedules whose
	// medicines keep a register; empty means 2 and 3. Schedule 2 keeps one
	// whatever the list says: the Misuse of Drugs Regulations require it.
	// A home may add 4 (benzodiazepines, zopiclone) or 5.
	CDRegisterSchedules []int `json:"cdRegisterSchedules,omitempty"`
}

// Clone is a copy sharing nothing a caller could change: the store keeps
// the settings it read, and hands each caller its own. A new slice or map
// field must be copied here.
func (h Home) Clone() Home {
	h.Rounds = slices.Clone(h.Rounds)
	h.CDRegisterSchedules = slices.Clone(h.CDRegisterSchedules)
	return h
}

// RegisterSchedules are the schedules whose medicines keep a controlled
// drugs register, lowest first, always with 2.
func (h Home) RegisterSchedules() []int {
	if len(h.CDRegisterSchedules) == 0 {
		return []int{2, 3}
	}
	out := []int{2}
	for _, s := range h.CDRegisterSchedules {
		if s != 2 && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// countIntervals are the intervals a home may count its controlled drugs
// at, by the word settings and the CLI use.
var countIntervals = []struct {
	word  string
	every time.Duration
}{{"daily", 24 * time.Hour}, {"weekly", 7 * 24 * time.Hour}}

// CountIntervalWords are the words ParseCountInterval reads, shortest
// interval first.
func CountIntervalWords() []string {
	var out []string
	for _, c := range countIntervals {
		out = append(out, c.word)
	}
	return out
}

// ParseCountInterval reads "daily" or "weekly".
func ParseCountInterval(word string) (time.Duration, error) {
	for _, c := range countIntervals {
		if strings.EqualFold(strings.TrimSpace(word), c.word) {
			return c.every, nil
		}
	}
	return 0, fmt.Errorf("count interval %q: say %s", word, strings.Join(CountIntervalWords(), " or "))
}

// CountIntervalWord names an interval ParseCountInterval reads, and
// reports false (naming it by its duration) for any other.
func CountIntervalWord(every time.Duration) (string, bool) {
	for _, c := range countIntervals {
		if c.every == every {
			return c.word, true
		}
	}
	return every.String(), false
}

// CountInterval is how often a controlled drugs register is counted.
func (h Home) CountInterval() time.Duration {
	if h.CDCountEvery > 0 {
		return h.CDCountEvery
	}
	return 7 * 24 * time.Hour
}

// DefaultHome returns the settings a new home starts with: rounds at 08:00,
// 12:00, 17:00 and 21:00, a 60-minute window and 15 minutes for
// time-critical medicines.
func DefaultHome() Home {
	return Home{
		Name:     "Care home",
		TimeZone: "Europe/London",
		Rounds: []Round{
			{Name: "morning", At: 8 * 60}, {Name: "lunchtime", At: 12 * 60},
			{Name: "teatime", At: 17 * 60}, {Name: "night", At: 21 * 60},
		},
		Window:            60 * time.Minute,
		CriticalWindow:    15 * time.Minute,
		ResidentIDPattern: `^R\d{3,6}$`,
	}
}

// ZoneName is the IANA name of the home's time zone: Europe/London when
// the setting is empty.
func (h Home) ZoneName() string {
	if h.TimeZone == "" {
		return "Europe/London"
	}
	return h.TimeZone
}

// Location loads the home's time zone. Each main imports time/tzdata so this
// works on a tablet without zone files.
func (h Home) Location() (*time.Location, error) {
	name := h.ZoneName()
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("home time zone %q: %w", name, err)
	}
	return loc, nil
}

// Local shows t in the home's zone, or in UTC when the zone setting cannot
// be loaded: for messages, where the zone is a nicety and must not turn a
// message into an error.
func (h Home) Local(t time.Time) time.Time {
	loc, err := h.Location()
	if err != nil {
		return t.UTC()
	}
	return t.In(loc)
}

// RoundAt returns the round with this name.
func (h Home) RoundAt(name string) (Round, bool) {
	for _, r := range h.Rounds {
		if r.Name == name {
			return r, true
		}
	}
	return Round{}, false
}

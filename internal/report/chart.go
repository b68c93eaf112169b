package report

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// ChartSource is what the printable MAR chart reads besides a report's
// Source: allergies for the header and users for the initials key. The
// store has these methods.
type ChartSource interface {
	Source
	Allergies(residentID string) ([]mar.Allergy, error)
	Users() ([]mar.User, error)
}

// MaxChartDays bounds a MAR chart: a paper chart is four weeks, and a few
// months is the most anyone prints at once.
const MaxChartDays = 92

// MARChart is one resident's MAR chart over consecutive days, as a care
// home prints it: the medicines down the side, the days across, each slot
// with who gave it or why not.
type MARChart struct {
	Home       string
	TimeZone   string
	ResidentID string
	Name       string
	BirthDate  string
	NHSNumber  string
	Room       string
	// GP is the resident's GP on one line (mar.GP.Text); empty when the
	// chart names none.
	GP        string
	Allergies []string // active allergies; empty means none recorded
	Days      []time.Time
	Lines     []ChartLine
	// Key names the initials used on this chart.
	Key []InitialsKey
}

// InitialsKey says whose initials a mark is.
type InitialsKey struct{ Initials, Name, UserID string }

// ChartLine is one medicine of the chart, with a row per dose time (one
// row for a PRN medicine).
type ChartLine struct {
	EntryID      string
	Medicine     string
	Dose         string
	Route        string
	Times        string
	Instructions string
	PRN          bool
	Controlled   bool
	TimeCritical bool
	Rows         []ChartRow
}

// ChartRow is one dose time of a line across the days.
type ChartRow struct {
	Time  string   // "08:00", or "PRN"
	Cells [][]Mark // one per day
}

// Mark is what a slot shows: initials (and the witness's for a controlled
// drug), or the code of why not; Struck when a correction voided it.
type Mark struct {
	Text     string
	Struck   bool
	Late     bool
	Override bool
}

// ChartCodes are the codes a MAR chart shows for a dose not given, after
// the codes paper MAR charts use; the legend prints them.
var ChartCodes = []struct{ Code, Meaning string }{
	{"R", "Refused"}, {"A", "Asleep"}, {"N", "Nausea or vomiting"}, {"H", "In hospital"},
	{"L", "On leave"}, {"W", "Withheld on clinical advice"}, {"O", "Out of stock"},
	{"D", "Dropped or spoilt"}, {"S", "Self-administered"}, {"X", "Other (see notes)"},
	{"M", "Missed: nothing recorded"}, {"*", "Given late or early"}, {"!", "Warning overridden"},
	{"--", "Struck through: corrected as entered in error"},
}

var reasonCodes = map[mar.NotGivenReason]string{
	mar.ReasonAsleep: "A", mar.ReasonNausea: "N", mar.ReasonInHospital: "H", mar.ReasonOnLeave: "L",
	mar.ReasonWithheld: "W", mar.ReasonOutOfStock: "O", mar.ReasonDropped: "D",
	mar.ReasonSelfAdministered: "S", mar.ReasonOther: "X",
}

// BuildMARChart builds the MAR chart of each resident named (all residents
// when ids is empty) for days days from the local day of from, as at now.
func BuildMARChart(src ChartSource, ids []string, from time.Time, days int, now time.Time) ([]MARChart, error) {
	if days < 1 || days > MaxChartDays {
		return nil, fmt.Errorf("mar chart: %d days: choose 1 to %d", days, MaxChartDays)
	}
	b, err := newBuilder(src, 0, from, from.Add(time.Hour), now)
	if err != nil {
		return nil, fmt.Errorf("mar chart: %w", err)
	}
	l := from.In(b.loc)
	start := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, b.loc)
	end := start.AddDate(0, 0, days)
	if end.Sub(start) > MaxPeriod || now.Sub(start) > MaxPeriod {
		return nil, fmt.Errorf("mar chart from %s: %w", start.Format(time.DateOnly), ErrPeriodTooLong)
	}
	b.from, b.to = start.UTC(), end.UTC()
	key, err := initialsKey(src)
	if err != nil {
		return nil, fmt.Errorf("mar chart: %w", err)
	}
	ps, err := src.Products()
	if err != nil {
		return nil, fmt.Errorf("mar chart: read products: %w", err)
	}
	cd := map[string]bool{}
	for _, p := range ps {
		cd[p.ID] = p.NeedsWitness()
	}
	if len(ids) == 0 {
		rs, err := src.Residents()
		if err != nil {
			return nil, fmt.Errorf("mar chart: read residents: %w", err)
		}
		for _, r := range rs {
			ids = append(ids, r.ID)
		}
	}
	events, err := chartEvents(src, b.from.Add(-recordMargin), b.to.Add(recordMargin), now.Add(recordMargin))
	if err != nil {
		return nil, fmt.Errorf("mar chart: %w", err)
	}
	out := make([]MARChart, 0, len(ids))
	for _, id := range ids {
		c, err := b.marChart(src, id, start, days, events[id], key, cd)
		if err != nil {
			return nil, fmt.Errorf("mar chart of resident %s: %w", id, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// userKey gives each user unique initials: two letters of the name, a
// digit added where two people share them.
type userKey map[string]InitialsKey

func initialsKey(src ChartSource) (userKey, error) {
	us, err := src.Users()
	if err != nil {
		return nil, fmt.Errorf("read users: %w", err)
	}
	slices.SortFunc(us, func(a, b mar.User) int { return strings.Compare(a.ID, b.ID) })
	k, used := userKey{}, map[string]int{}
	for _, u := range us {
		in := nameInitials(u.Name)
		used[in]++
		if used[in] > 1 {
			in = fmt.Sprintf("%s%d", in, used[in])
		}
		k[strings.ToLower(u.ID)] = InitialsKey{Initials: in, Name: u.Name, UserID: u.ID}
	}
	return k, nil
}

func (k userKey) of(userID string) string {
	if v, ok := k[strings.ToLower(userID)]; ok {
		return v.Initials
	}
	return userID
}

func nameInitials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			if unicode.IsLetter(r) {
				out = append(out, unicode.ToUpper(r))
				break
			}
		}
	}
	switch len(out) {
	case 0:
		return "?"
	case 1:
		return string(out)
	}
	return string(out[0]) + string(out[len(out)-1])
}

func (b *builder) marChart(src ChartSource, id string, start time.Time, days int, events []mar.Event, key userKey, cd map[string]bool) (MARChart, error) {
	r, ok := b.residents[id]
	if !ok {
		return MARChart{}, fmt.Errorf("no such resident")
	}
	c := MARChart{Home: b.home.Name, TimeZone: b.loc.String(), ResidentID: r.ID, Name: r.Name(),
		BirthDate: r.BirthDate, NHSNumber: r.NHSNumber, Room: r.Room, GP: r.GP.Text()}
	al, err := src.Allergies(id)
	if err != nil {
		return MARChart{}, err
	}
	for _, a := range al {
		if a.Active {
			c.Allergies = append(c.Allergies, a.Substance.Text)
		}
	}
	for d := 0; d < days; d++ {
		c.Days = append(c.Days, start.AddDate(0, 0, d))
	}
	g := &chartGrid{b: b, chart: &c, start: start, lines: map[string]*ChartLine{}, users: map[string]bool{}, cd: cd}
	if err := g.addEntries(id); err != nil {
		return MARChart{}, err
	}
	g.addRecords(events, key)
	g.markMissed()
	for _, k := range key {
		if g.users[strings.ToLower(k.UserID)] {
			c.Key = append(c.Key, k)
		}
	}
	slices.SortFunc(c.Key, func(a, b InitialsKey) int { return strings.Compare(a.Initials, b.Initials) })
	return c, nil
}

// chartGrid fills one resident's chart.
type chartGrid struct {
	b     *builder
	chart *MARChart
	start time.Time
	lines map[string]*ChartLine
	slots []schedule.Slot
	users map[string]bool
	cd    map[string]bool // product ID -> a controlled drug needing a witness
	tls   map[string]*timeline
}

// day returns the column of t, or -1 outside the chart.
func (g *chartGrid) day(t time.Time) int {
	l := t.In(g.b.loc)
	d := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, g.b.loc)
	for i, c := range g.chart.Days {
		if c.Equal(d) {
			return i
		}
	}
	return -1
}

// row returns the line's row for a dose time, adding it in time order.
func (g *chartGrid) row(line *ChartLine, at string) *ChartRow {
	for i := range line.Rows {
		if line.Rows[i].Time == at {
			return &line.Rows[i]
		}
	}
	line.Rows = append(line.Rows, ChartRow{Time: at, Cells: make([][]Mark, len(g.chart.Days))})
	slices.SortFunc(line.Rows, func(a, b ChartRow) int { return strings.Compare(a.Time, b.Time) })
	for i := range line.Rows {
		if line.Rows[i].Time == at {
			return &line.Rows[i]
		}
	}
	return nil
}

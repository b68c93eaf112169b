package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"medround/internal/mar"
	"medround/internal/staff"
	"medround/internal/store"
)

// Options shape the demo home.
type Options struct {
	// Residents is how many residents live in the home; 0 means 12.
	Residents int
	// Now is the moment the demo is built at; history is recorded up to it.
	// Zero means time.Now().
	Now time.Time
	// HistoryDays is how many days of records before Now; 0 means 2.
	HistoryDays int
	// Hash turns a PIN into the stored hash; nil means staff.HashPIN
	// (argon2id), which every front end checks PINs against.
	Hash func(pin string) (string, error)
	// DeviceID is the device the history is recorded on: the tablet's
	// own, so that once enrolled it may push it (the centre takes only a
	// tablet's own records); "" means "demo-tablet".
	DeviceID string
}

// Staff are the demo users and their PINs, documented in the README.
var Staff = []struct {
	ID, Name string
	Role     mar.Role
	PIN      string
}{
	{"amy", "Amy Carter", mar.RoleCarer, "1111"},
	{"ben", "Ben Okafor", mar.RoleCarer, "4444"},
	{"sam", "Sam Patel", mar.RoleSenior, "2222"},
	{"meg", "Meg Holloway", mar.RoleManager, "3333"},
}

var givenNames = []string{"Margaret", "Arthur", "Doris", "Harold", "Joan", "Kenneth", "Edna", "Stanley",
	"Irene", "Leonard", "Phyllis", "Ronald", "Vera", "Dennis", "Winifred", "Albert", "Mavis", "Cyril",
	"Hilda", "Norman", "Sheila", "Frank", "Beryl", "Walter", "Gladys"}
var familyNames = []string{"Ellis", "Whitaker", "Pearce", "Lomax", "Fairbrother", "Hughes", "Ashworth",
	"Bennett", "Crossley", "Dunmore", "Entwistle", "Fenwick", "Greenhalgh", "Hartley", "Ingham", "Jolley",
	"Kershaw", "Lund", "Marsden", "Nuttall", "Ormerod", "Pilling", "Quayle", "Rishworth", "Sutcliffe"}

// Build fills an empty store with the demo home.
func Build(st *store.Store, opt Options) error {
	opt = opt.withDefaults()
	home := homeSettings()
	if err := st.PutHome(home); err != nil {
		return fmt.Errorf("demo home settings: %w", err)
	}
	if err := putStaff(st, opt.Hash); err != nil {
		return err
	}
	u := chart(opt)
	if _, err := st.ApplyChart(u); err != nil {
		return fmt.Errorf("demo chart: %w", err)
	}
	return recordHistory(st, home, u, opt)
}

func putStaff(st *store.Store, hash func(string) (string, error)) error {
	for _, s := range Staff {
		if hash == nil {
			hash = staff.HashPIN
		}
		h, err := hash(s.PIN)
		if err != nil {
			return fmt.Errorf("demo user %s: %w", s.ID, err)
		}
		u := mar.User{ID: s.ID, Name: s.Name, Role: s.Role, PINHash: h}
		if err := st.PutUser(u); err != nil {
			return fmt.Errorf("demo user %s: %w", s.ID, err)
		}
	}
	return nil
}

// nhsNumber returns the n-th valid NHS number in the 999 test range, which
// is never issued to a real person.
func nhsNumber(n int) string {
	for base := 999000000 + n*7; ; base++ {
		s := fmt.Sprintf("%09d", base)
		sum := 0
		for i := 0; i < 9; i++ {
			sum += int(s[i]-'0') * (10 - i)
		}
		c := 11 - sum%11
		if c == 11 {
			c = 0
		}
		if c != 10 {
			return s + fmt.Sprint(c)
		}
	}
}

// ResidentNumber is the local number on the card of the n-th resident (from 0).
func ResidentNumber(n int) string { return fmt.Sprintf("R%d", 101+n) }

func resident(n int, rng *rand.Rand) mar.Resident {
	r := mar.Resident{
		ID:          fmt.Sprintf("res-%03d", n+1),
		NHSNumber:   nhsNumber(n),
		Identifiers: []mar.Identifier{{System: "urn:medround:resident-number", Value: ResidentNumber(n)}},
		GivenName:   givenNames[n%len(givenNames)],
		FamilyName:  familyNames[(n*7)%len(familyNames)],
		BirthDate:   fmt.Sprintf("19%02d-%02d-%02d", 28+rng.IntN(20), 1+rng.IntN(12), 1+rng.IntN(28)),
		Room:        fmt.Sprint(n + 1),
		Status:      mar.StatusPresent,
		Active:      true,
	}
	if n >= len(givenNames) {
		r.FamilyName += fmt.Sprintf("-%d", n/len(givenNames)+1)
	}
	notes := []string{"Crush tablets and give in yoghurt.", "Prefers tablets one at a time with water.",
		"Hard of hearing: speak on the left side.", "Diabetic: give metformin with food.", ""}
	r.CareNotes = notes[n%len(notes)]
	// Two practices look after the home, as is usual; the numbers are
	// Ofcom's drama range, which rings no one.
	gps := []mar.GP{{Name: "Dr Aisha Khan", Practice: "Riverside Surgery", Phone: "01632 960123"},
		{Name: "Dr Tomasz Nowak", Practice: "Canal Street Medical Centre", Phone: "01632 960456"},
		{Practice: "Riverside Surgery", Phone: "01632 960123"}}
	gp := gps[n%len(gps)]
	r.GP = &gp
	return r
}

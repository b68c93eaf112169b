package staff_test

import (
	"errors"
	"testing"
	"time"

	"medround/internal/mar"
	"medround/internal/staff"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

func TestMay(t *testing.T) {
	carer, senior, manager := mar.RoleCarer, mar.RoleSenior, mar.RoleManager
	tests := []struct {
		name string
		role mar.Role
		act  staff.Action
		want bool
	}{
		{"a care worker records a dose", carer, staff.ActRecord, true},
		{"a care worker does not witness a controlled drug", carer, staff.ActWitness, false},
		{"a senior witnesses a controlled drug", senior, staff.ActWitness, true},
		{"a manager witnesses a controlled drug", manager, staff.ActWitness, true},
		{"a care worker does not correct alone", carer, staff.ActCorrect, false},
		{"a senior corrects", senior, staff.ActCorrect, true},
		{"a care worker does not approve a correction", carer, staff.ActApproveCorrection, false},
		{"a senior approves a correction", senior, staff.ActApproveCorrection, true},
		{"a care worker does not import the chart", carer, staff.ActChangeChart, false},
		{"a senior imports the chart", senior, staff.ActChangeChart, true},
		{"a senior does not change settings", senior, staff.ActChangeSettings, false},
		{"a manager changes settings", manager, staff.ActChangeSettings, true},
		{"a senior does not add staff (staff decide who may witness)", senior, staff.ActManageStaff, false},
		{"a manager adds staff", manager, staff.ActManageStaff, true},
		{"a manager reads the audit trail", manager, staff.ActViewAudit, true},
		{"a care worker does not record a death", carer, staff.ActRecordDischarge, false},
		{"a care worker does not review the shift's doses", carer, staff.ActReview, false},
		{"a senior reviews the shift's doses", senior, staff.ActReview, true},
		{"a manager reviews the shift's doses", manager, staff.ActReview, true},
		{"a care worker does not write a PRN protocol", carer, staff.ActPRNProtocol, false},
		{"a senior writes a PRN protocol", senior, staff.ActPRNProtocol, true},
		{"a manager writes a PRN protocol", manager, staff.ActPRNProtocol, true},
		{"a care worker receives and counts stock", carer, staff.ActStock, true},
		{"a care worker does not destroy stock", carer, staff.ActDestroy, false},
		{"a senior destroys stock", senior, staff.ActDestroy, true},
		{"a senior does not mark a batch recalled", senior, staff.ActRecall, false},
		{"a manager marks a batch recalled", manager, staff.ActRecall, true},
		{"a senior does not close a register discrepancy", senior, staff.ActResolveDiscrepancy, false},
		{"a manager closes a register discrepancy", manager, staff.ActResolveDiscrepancy, true},
		{"an unknown role may do nothing", mar.Role(9), staff.ActRecord, false},
		{"an unknown action is never allowed", manager, staff.Action(99), false},
	}
	for _, tt := range tests {
		if got := staff.May(tt.role, tt.act); got != tt.want {
			t.Errorf("%s: May(%v, %v) = %v, want %v", tt.name, tt.role, tt.act, got, tt.want)
		}
	}
}

func TestMayRecordStatus(t *testing.T) {
	carer, senior := mar.RoleCarer, mar.RoleSenior
	present, hospital, leave := mar.StatusPresent, mar.StatusHospital, mar.StatusLeave
	discharged, deceased := mar.StatusDischarged, mar.StatusDeceased
	tests := []struct {
		name     string
		role     mar.Role
		from, to mar.ResidentStatus
		want     bool
	}{
		{"a care worker records an ambulance to hospital at night", carer, present, hospital, true},
		{"a care worker records leave with family", carer, present, leave, true},
		{"a care worker records a return from hospital", carer, hospital, present, true},
		{"a care worker may not record a death", carer, present, deceased, false},
		{"a care worker may not record a discharge", carer, hospital, discharged, false},
		{"a care worker may not bring a discharged resident back", carer, discharged, present, false},
		{"a senior records a death", senior, present, deceased, true},
		{"a senior corrects a discharge recorded in error", senior, discharged, present, true},
		{"an unknown status is refused", senior, present, mar.ResidentStatus(9), false},
	}
	for _, tt := range tests {
		if got := staff.MayRecordStatus(tt.role, tt.from, tt.to); got != tt.want {
			t.Errorf("%s: MayRecordStatus(%v, %v, %v) = %v, want %v", tt.name, tt.role, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestValidPINAndID(t *testing.T) {
	pins := []struct {
		name, pin string
		min       int
		ok        bool
	}{
		{"four digits in a home with no rule", "1234", 0, true},
		{"three digits", "123", 0, false},
		{"four digits where the home requires six", "1234", 6, false},
		{"six digits where the home requires six", "123456", 6, true},
		{"thirteen digits", "1234567890123", 0, false},
		{"a letter", "12a4", 0, false},
		{"Arabic-Indic digits", "١٢٣٤", 0, false},
	}
	for _, tt := range pins {
		if err := staff.ValidPIN(tt.pin, tt.min); (err == nil) != tt.ok {
			t.Errorf("%s: ValidPIN(%q, %d) = %v, want ok %v", tt.name, tt.pin, tt.min, err, tt.ok)
		}
	}
	ids := []struct {
		name, id string
		ok       bool
	}{
		{"lower-case name", "sam", true},
		{"with a dot and digits", "sam.patel2", true},
		{"empty", "", false},
		{"a space", "sam patel", false},
		{"Cyrillic a that looks like Latin a", "s\u0430m", false},
		{"starts with a hyphen", "-sam", false},
		{"33 characters", "abcdefghijabcdefghijabcdefghijabc", false},
	}
	for _, tt := range ids {
		if err := staff.ValidID(tt.id); (err == nil) != tt.ok {
			t.Errorf("%s: ValidID(%q) = %v, want ok %v", tt.name, tt.id, err, tt.ok)
		}
	}
	names := []struct {
		name, in string
		ok       bool
	}{
		{"a plain name", "Sam Patel", true},
		{"an accented name", "Zoë Brontë", true},
		{"blank", "   ", false},
		{"a right-to-left override", "Sam \u202ePatel", false},
		{"a newline", "Sam\nPatel", false},
		{"invalid UTF-8", "Sam \xff", false},
	}
	for _, tt := range names {
		if err := staff.ValidName(tt.in); (err == nil) != tt.ok {
			t.Errorf("%s: ValidName(%q) = %v, want ok %v", tt.name, tt.in, err, tt.ok)
		}
	}
}

// home returns a directory with a manager meg (3333), a senior sam (2222)
// and a care worker amy (1111), at a clock the test moves.
func home(t *testing.T, pinDigits int) (*staff.Directory, *store.Store, *time.Time) {
	t.Helper()
	st := storetest.Open(t)
	h := mar.DefaultHome()
	h.PINDigits = pinDigits
	if err := st.PutHome(h); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	d := staff.New(st, func() time.Time { return now })
	pin := func(p string) string { return p + p[:max(0, pinDigits-len(p))] }
	meg, err := d.Add(nil, staff.NewUser{ID: "meg", Name: "Meg Holloway", Role: mar.RoleManager, PIN: pin("3333")})
	if err != nil {
		t.Fatal(err)
	}
	for _, nu := range []staff.NewUser{{"sam", "Sam Patel", mar.RoleSenior, pin("2222")}, {"amy", "Amy Carter", mar.RoleCarer, pin("1111")}} {
		if _, err := d.Add(&meg, nu); err != nil {
			t.Fatal(err)
		}
	}
	return d, st, &now
}

func TestAdd(t *testing.T) {
	d, _, _ := home(t, 0)
	meg, _ := d.Find("meg")
	amy, _ := d.Find("amy")
	tests := []struct {
		name string
		by   *mar.User
		nu   staff.NewUser
		want error // nil, a sentinel, or errAny
	}{
		{"a manager adds a care worker", &meg, staff.NewUser{"ben", "Ben Okafor", mar.RoleCarer, "4444"}, nil},
		{"nobody signed in, in a home with staff", nil, staff.NewUser{"eve", "Eve", mar.RoleManager, "5555"}, staff.ErrNotAllowed},
		{"a care worker adds a senior", &amy, staff.NewUser{"eve", "Eve", mar.RoleSenior, "5555"}, staff.ErrNotAllowed},
		{"SAM beside sam (one person could witness their own dose)", &meg, staff.NewUser{"SAM", "Sam Two", mar.RoleSenior, "5555"}, staff.ErrDuplicateID},
		{"Sam beside sam", &meg, staff.NewUser{"Sam", "Sam Two", mar.RoleCarer, "5555"}, staff.ErrDuplicateID},
		{"an ID with a Cyrillic letter", &meg, staff.NewUser{"s\u0430m", "Sam Two", mar.RoleCarer, "5555"}, errAny},
		{"a PIN with a letter", &meg, staff.NewUser{"eve", "Eve", mar.RoleCarer, "55a5"}, errAny},
		{"no role", &meg, staff.NewUser{"eve", "Eve", 0, "5555"}, errAny},
		{"a name with a bidirectional override", &meg, staff.NewUser{"eve", "Eve \u202e", mar.RoleCarer, "5555"}, errAny},
	}
	for _, tt := range tests {
		_, err := d.Add(tt.by, tt.nu)
		switch {
		case tt.want == nil && err != nil, tt.want != nil && err == nil:
			t.Errorf("%s: Add = %v, want %v", tt.name, err, tt.want)
		case tt.want != nil && tt.want != errAny && !errors.Is(err, tt.want):
			t.Errorf("%s: Add = %v, want %v", tt.name, err, tt.want)
		}
	}
}

var errAny = errors.New("any error")

func TestFirstUserIsAManager(t *testing.T) {
	d := staff.New(storetest.Open(t), nil)
	if _, err := d.Add(nil, staff.NewUser{"amy", "Amy Carter", mar.RoleCarer, "1111"}); !errors.Is(err, staff.ErrNotAllowed) {
		t.Errorf("a new home's first user a care worker: err = %v, want ErrNotAllowed (nobody could add staff)", err)
	}
}

func TestHomeRequiringSixDigitPINs(t *testing.T) {
	d, _, _ := home(t, 6)
	meg, err := d.Verify("meg", "333333")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Add(&meg, staff.NewUser{"ben", "Ben Okafor", mar.RoleCarer, "4444"}); err == nil {
		t.Error("a 4-digit PIN was accepted in a home that requires 6")
	}
	if _, _, err := d.Change(meg, "meg", staff.Change{PIN: "1234"}); err == nil {
		t.Error("a PIN changed to 4 digits in a home that requires 6")
	}
	if _, err := d.Add(&meg, staff.NewUser{"ben", "Ben Okafor", mar.RoleCarer, "444444"}); err != nil {
		t.Errorf("a 6-digit PIN: %v", err)
	}
}

func TestVerify(t *testing.T) {
	d, _, now := home(t, 0)
	u, err := d.Verify("SAM", "2222")
	if err != nil || u.ID != "sam" {
		t.Fatalf("Verify(SAM) = %q, %v; want the stored user sam", u.ID, err)
	}
	if _, err := d.Verify("nobody", "2222"); !errors.Is(err, staff.ErrUnknownUser) {
		t.Errorf("unknown user: %v", err)
	}
	for i := 1; i < staff.MaxFailedPINs; i++ {
		var pe *staff.PINError
		if _, err := d.Verify("amy", "0000"); !errors.As(err, &pe) || pe.Remaining != staff.MaxFailedPINs-i {
			t.Fatalf("wrong PIN %d: %v", i, err)
		}
	}
	if _, err := d.Verify("amy", "0000"); !errors.Is(err, staff.ErrLocked) {
		t.Fatalf("fifth wrong PIN: %v, want locked", err)
	}
	if _, err := d.Verify("AMY", "1111"); !errors.Is(err, staff.ErrLocked) {
		t.Errorf("the right PIN while locked, ID in capitals: %v, want locked", err)
	}
	*now = now.Add(staff.LockFor)
	if _, err := d.Verify("amy", "1111"); err != nil {
		t.Errorf("the right PIN after the lock: %v", err)
	}
}

func TestTwoStoredIDsDifferingInCaseSignInAsNeither(t *testing.T) {
	d, st, _ := home(t, 0)
	// A database written before IDs were compared case-folded.
	h, _ := staff.HashPIN("5555")
	if err := st.PutUser(mar.User{ID: "SAM", Name: "Sam Two", Role: mar.RoleSenior, PINHash: h}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Verify("SAM", "5555"); !errors.Is(err, staff.ErrAmbiguousID) {
		t.Errorf("Verify(SAM) with sam and SAM stored: %v, want ErrAmbiguousID", err)
	}
}

func TestChange(t *testing.T) {
	d, _, _ := home(t, 0)
	meg, _ := d.Find("meg")
	amy, _ := d.Find("amy")
	tests := []struct {
		name string
		by   mar.User
		id   string
		c    staff.Change
		ok   bool
	}{
		{"a care worker changes her own PIN", amy, "amy", staff.Change{PIN: "1212"}, true},
		{"a care worker makes herself a senior", amy, "amy", staff.Change{Role: mar.RoleSenior}, false},
		{"a care worker changes another's PIN", amy, "sam", staff.Change{PIN: "1212"}, false},
		{"a manager makes a care worker a senior", meg, "AMY", staff.Change{Role: mar.RoleSenior}, true},
		{"the only manager makes herself a carer", meg, "meg", staff.Change{Role: mar.RoleCarer}, false},
		{"nothing to change", meg, "sam", staff.Change{}, false},
		{"an unknown user", meg, "zed", staff.Change{PIN: "1212"}, false},
	}
	for _, tt := range tests {
		u, words, err := d.Change(tt.by, tt.id, tt.c)
		if (err == nil) != tt.ok {
			t.Errorf("%s: Change = %v, want ok %v", tt.name, err, tt.ok)
			continue
		}
		if err == nil && (words == "" || u.ID == "") {
			t.Errorf("%s: Change returned %q, %q", tt.name, u.ID, words)
		}
	}
}

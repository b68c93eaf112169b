package round_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
)

// registerProducts names the products whose registers R102's page shows:
// oxycodone (schedule 2), buprenorphine patches (3), lorazepam (4).
func registerProducts(t *testing.T, svc *round.Service) []string {
	t.Helper()
	views, err := svc.CDRegisters("R102", "")
	if err != nil {
		t.Fatalf("CDRegisters: %v", err)
	}
	var out []string
	for _, v := range views {
		out = append(out, v.Product.ID)
	}
	slices.Sort(out)
	return out
}

// TestRegisterSchedulesByHomeChoice: schedule 2 always keeps a register,
// 3 unless the home says otherwise, 4 where the home chooses; the register
// list and the bedside balance follow the setting.
func TestRegisterSchedulesByHomeChoice(t *testing.T) {
	tests := []struct {
		name      string
		schedules []int
		want      []string
		lorazepam bool // the check of lorazepam shows the register balance
	}{
		{"a home that says nothing keeps schedule 2 and 3 registers", nil,
			[]string{"buprenorphine-5", "oxycodone-5"}, false},
		{"a home keeping schedule 4 registers has lorazepam's, and the bedside shows its balance", []int{2, 3, 4},
			[]string{"buprenorphine-5", "lorazepam-1", "oxycodone-5"}, true},
		{"a home keeping only schedule 2 registers has no buprenorphine register", []int{2},
			[]string{"oxycodone-5"}, false},
		{"a home keeping 2 and 4 but not 3", []int{2, 4},
			[]string{"lorazepam-1", "oxycodone-5"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, _ := newDemo(t)
			meg := signIn(t, svc, "meg", "3333")
			h, _ := svc.Home()
			h.CDRegisterSchedules = tt.schedules
			if err := svc.PutHome(meg, h); err != nil {
				t.Fatalf("PutHome: %v", err)
			}
			if got := registerProducts(t, svc); !slices.Equal(got, tt.want) {
				t.Errorf("registers = %v, want %v", got, tt.want)
			}
			res, err := svc.Check(round.CheckRequest{ResidentScan: "R102", PackScan: pack("lorazepam-1"), At: at("10:30")})
			if err != nil {
				t.Fatalf("check lorazepam: %v", err)
			}
			if got := res.Verdict.Has(check.CDBalance) || res.Verdict.Has(check.CDBalanceLow); got != tt.lorazepam {
				t.Errorf("lorazepam check shows a register balance: %v, want %v (%+v)", got, tt.lorazepam, res.Verdict.Reasons)
			}
		})
	}
}

// TestCDSettings: only a manager changes how often registers are counted
// and which schedules keep one; a change is in the audit trail; a setting
// no register could follow is refused.
func TestCDSettings(t *testing.T) {
	tests := []struct {
		name   string
		user   string
		pin    string
		change func(h *mar.Home)
		ok     bool
		audit  string
	}{
		{"the manager has registers counted daily", "meg", "3333",
			func(h *mar.Home) { h.CDCountEvery = 24 * time.Hour }, true, "controlled drugs counted weekly to daily"},
		{"the manager adds schedule 4 registers", "meg", "3333",
			func(h *mar.Home) { h.CDRegisterSchedules = []int{2, 3, 4} }, true, "registers for schedules 2, 3 to 2, 3, 4"},
		{"a senior cannot change the count interval", "sam", "2222",
			func(h *mar.Home) { h.CDCountEvery = 24 * time.Hour }, false, ""},
		{"a care worker cannot stop the schedule 3 registers", "amy", "1111",
			func(h *mar.Home) { h.CDRegisterSchedules = []int{2} }, false, ""},
		{"a monthly count is refused: a loss would hide for a month", "meg", "3333",
			func(h *mar.Home) { h.CDCountEvery = 30 * 24 * time.Hour }, false, ""},
		{"registers without schedule 2 are refused", "meg", "3333",
			func(h *mar.Home) { h.CDRegisterSchedules = []int{3, 4} }, false, ""},
		{"a schedule that does not exist is refused", "meg", "3333",
			func(h *mar.Home) { h.CDRegisterSchedules = []int{2, 7} }, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, _ := newDemo(t)
			h, _ := svc.Home()
			tt.change(&h)
			err := svc.PutHome(signIn(t, svc, tt.user, tt.pin), h)
			if (err == nil) != tt.ok {
				t.Fatalf("PutHome = %v, want ok %v", err, tt.ok)
			}
			if !tt.ok {
				return
			}
			items, err := svc.Audit(demoNow.Add(-time.Hour), demoNow.Add(time.Hour))
			if err != nil || len(items) == 0 || !strings.Contains(items[len(items)-1].Summary, tt.audit) {
				t.Errorf("audit = %+v, %v; want a line saying %q", items, err, tt.audit)
			}
		})
	}
}

// TestCountIntervalMakesACountOverdue: a count a day and a half ago is
// not overdue in a weekly home, and is in a daily one.
func TestCountIntervalMakesACountOverdue(t *testing.T) {
	svc, c := newDemo(t)
	bal := mstRegister(t, svc).Balance
	_, err := svc.RecordStock(signIn(t, svc, "amy", "1111"), mar.KindStockCount, round.StockRequest{ResidentScan: "R101",
		PackScan: pack("mst-10"), Quantity: bal, WitnessID: "sam", WitnessPIN: "2222"})
	if err != nil {
		t.Fatal(err)
	}
	c.t = demoNow.Add(36 * time.Hour)
	if mstRegister(t, svc).CountOverdue {
		t.Fatal("weekly home: a count a day and a half old is overdue")
	}
	h, _ := svc.Home()
	h.CDCountEvery = 24 * time.Hour
	if err := svc.PutHome(signIn(t, svc, "meg", "3333"), h); err != nil {
		t.Fatal(err)
	}
	if !mstRegister(t, svc).CountOverdue {
		t.Error("daily home: a count a day and a half old is not overdue")
	}
}
